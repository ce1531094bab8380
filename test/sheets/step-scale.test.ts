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

/** Each step in turn on the unit at `row`: its calls, cells and modelled milliseconds (CPU apart). */
function walk(book: Book, row: number) {
  const figures = new Map<string, { calls: number; cells: number; ms: number }>();
  for (const [name, who, request] of steps) {
    book.google.Session.email = who;
    book.google.io.reset();
    const report = act(book.ports, request, { sheet: book.rubric.scoringSheet, rows: [row] });
    expect(report.refused, name).toEqual([]);
    figures.set(name, { ...budget(book.google.io), ms: modelledMs(book.google.io) });
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
  let empty: ReturnType<typeof walk>;
  let grown: ReturnType<typeof walk>;

  beforeAll(() => {
    const book = benchBook(UNITS, 1);
    // A first unit walked once makes the log and the outbox as a workbook in use has them.
    walk(book, 2);
    empty = walk(book, 3);
    grow(book, GROWN);
    grown = walk(book, 4);
  }, 120_000);

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

  // Issue 12 asks ≤ 3 s; the step is at 3.5–4.8 s of Sheets calls here (docs/PERFORMANCE.md: the
  // people sheet read whole, properties and metadata calls). This bound keeps it from growing back.
  it('is modelled under 5 s of Sheets calls whatever the log and the outbox hold', () => {
    for (const [name] of steps) {
      expect(grown.get(name)?.ms ?? Number.POSITIVE_INFINITY, name).toBeLessThan(5_000);
    }
  });
});
