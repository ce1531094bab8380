import { beforeAll, describe, expect, it } from 'vitest';
import { benchBook, HUYEN, XA } from '../../bench/lib/book';
import { type ActRequest, act } from '../../src/sheets/act';
import { AUDIT_SHEET, ROWS_KEY } from '../../src/sheets/audit-log';
import { OUTBOX_ROWS_KEY, OUTBOX_SHEET } from '../../src/sheets/outbox';
import { MAILED_KEY } from '../../src/sheets/step-mail';
import { budget, modelledMs } from '../fakes/latency';

/**
 * Issue 12's target for the officer's step: one step on one unit costs the same calls and cells, within
 * 10 %, with an empty log and outbox as with 100,000 rows each, at 5,000 units. The log and the outbox are grown by typing rows (a step neither reads nor re-verifies them).
 */

const UNITS = 5_000;
const GROWN = 100_000;

type Book = ReturnType<typeof benchBook>;

const steps: readonly [string, string, ActRequest][] = [
  ['register', XA, { action: 'register' }],
  ['submit', XA, { action: 'submit' }],
  ['return', HUYEN, { action: 'return', comment: 'Bổ sung minh chứng' }],
  ['submit again', XA, { action: 'submit' }],
  ['approve', HUYEN, { action: 'approve' }],
  [
    'recognise',
    HUYEN,
    { action: 'recognise', decision: { number: '12/QĐ', date: new Date(2026, 10, 23) } },
  ],
];

interface Figures {
  readonly calls: number;
  readonly cells: number;
  readonly ms: number;
  /** Document-property reads, and metadata calls (sheet lookups, extents, grid sizes). */
  readonly propReads: number;
  readonly propWrites: number;
  readonly meta: number;
  /** Formatting, protection and structure calls (a sheet created, formatted, protected). */
  readonly format: number;
}

/** Each step in turn on the unit at `row`: its calls, cells and modelled milliseconds (CPU apart). */
function walk(book: Book, row: number) {
  const figures = new Map<string, Figures>();
  for (const [name, who, request] of steps) {
    book.google.Session.email = who;
    book.google.io.reset();
    const report = act(book.ports, request, { sheet: book.rubric.scoringSheet, rows: [row] });
    expect(report.refused, name).toEqual([]);
    figures.set(name, {
      ...budget(book.google.io),
      ms: modelledMs(book.google.io),
      propReads: book.google.io.of('propRead').calls,
      propWrites: book.google.io.of('propWrite').calls,
      meta: book.google.io.of('meta').calls,
      format: book.google.io.of('format').calls,
    });
  }
  return figures;
}

/** Rows typed below the log and the outbox, as a year of work leaves them; the kept counts follow. */
function grow(book: Book, rows: number): void {
  const { google, ports } = book;
  for (const name of [AUDIT_SHEET, OUTBOX_SHEET]) {
    const sheet = google.spreadsheet.sheet(name);
    const from = sheet.getLastRow() + 1;
    sheet.resizeGrid(from + rows + 100, sheet.getMaxColumns());
    sheet.type(
      from,
      1,
      Array.from({ length: rows }, (_, i) => [`cũ ${i}`]),
    );
  }
  const logRows = google.spreadsheet.sheet(AUDIT_SHEET).getLastRow() - 1;
  ports.store.set(ROWS_KEY, String(logRows));
  // The steps that wrote them queued their mail.
  ports.store.set(MAILED_KEY, String(logRows));
  ports.store.set(OUTBOX_ROWS_KEY, String(google.spreadsheet.sheet(OUTBOX_SHEET).getLastRow()));
}

describe(`one officer's step at ${UNITS} units`, () => {
  let first: ReturnType<typeof walk>;
  let empty: ReturnType<typeof walk>;
  let grown: ReturnType<typeof walk>;

  beforeAll(() => {
    const book = benchBook(UNITS, 1);
    // The workbook's first unit, straight after set-up, then a second one.
    first = walk(book, 2);
    empty = walk(book, 3);
    grow(book, GROWN);
    grown = walk(book, 4);
  }, 120_000);

  it("stays within the step's bounds in a workbook fresh from set-up: the year's first steps create and format no sheet", () => {
    // Set-up made «Nhật ký», its head's mirror and «Hộp thư đi» (formatted): the workbook's first
    // register and first mail make no formatting call, and the first mail, which reads the empty
    // outbox's seals once, stays within the bounds every step is held to below.
    for (const [name] of steps) {
      const step = first.get(name);
      expect(step?.format, name).toBe(0);
      expect(step?.ms ?? Number.POSITIVE_INFINITY, name).toBeLessThanOrEqual(
        name === 'recognise' ? 2_650 : 2_450,
      );
      expect(step?.cells ?? Number.POSITIVE_INFINITY, name).toBeLessThanOrEqual(20_700);
    }
  });

  it(`costs the same calls and cells within 10 % with ${GROWN} rows of log and outbox`, () => {
    for (const [name] of steps) {
      const before = empty.get(name);
      const after = grown.get(name);
      expect(before && after, name).toBeTruthy();
      if (!before || !after) continue;
      expect(after.calls, name).toBeLessThanOrEqual(Math.ceil(before.calls * 1.1));
      expect(after.cells, name).toBeLessThanOrEqual(Math.ceil(before.cells * 1.1));
    }
  });

  // Issue 12 asks ≤ 3 s, CPU × 3 included (bench/latency.ts prints it: 2.2–2.7 s). What the step
  // costs now (docs/PERFORMANCE.md): one lookup of every sheet, one data-range call per sheet for its
  // extent, «Người dùng»'s three grant columns, three property writes (the pending mark; the log's head
  // and count; the outbox's head and count, the mail mark and the mark cleared). These bounds are what
  // it reaches, so that any call or cell added back fails here.
  const bounds = {
    calls: { register: 26, submit: 30, return: 30, 'submit again': 30, approve: 30, recognise: 33 },
    meta: { register: 7, submit: 8, return: 8, 'submit again': 8, approve: 8, recognise: 9 },
  } as const;

  it('reads the document properties once and writes them in three calls; one sheet lookup, one extent call per sheet', () => {
    for (const [name] of steps) {
      for (const figures of [empty, grown]) {
        const step = figures.get(name);
        expect(step?.propReads, name).toBe(1);
        expect(step?.propWrites, name).toBe(3);
        expect(step?.meta ?? Number.POSITIVE_INFINITY, name).toBeLessThanOrEqual(
          bounds.meta[name as keyof typeof bounds.meta],
        );
      }
    }
  });

  it('is modelled at most 2.45 s of Sheets calls (2.65 s for the recognition, which adds the register), in its bounded calls and at most 20,700 cells, whatever the log and the outbox hold', () => {
    for (const [name] of steps) {
      const step = grown.get(name);
      expect(step?.ms ?? Number.POSITIVE_INFINITY, name).toBeLessThanOrEqual(
        name === 'recognise' ? 2_650 : 2_450,
      );
      expect(step?.calls ?? Number.POSITIVE_INFINITY, name).toBeLessThanOrEqual(
        bounds.calls[name as keyof typeof bounds.calls],
      );
      expect(step?.cells ?? Number.POSITIVE_INFINITY, name).toBeLessThanOrEqual(20_700);
    }
  });
});
