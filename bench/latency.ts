import { PERIOD_NAMES } from '../src/domain/settings';
import { GasLock } from '../src/gas/services';
import { type ActRequest, act } from '../src/sheets/act';
import {
  dailyMailTimer,
  sendMailTimer,
  sidebarDataAction,
  sidebarMineAction,
} from '../src/sheets/actions';
import { AUDIT_SHEET, appendAudit, verifyAuditLog } from '../src/sheets/audit-log';
import { OUTBOX_SHEET, queueMail } from '../src/sheets/outbox';
import { scoreAll } from '../src/sheets/score-all';
import { writeSetting } from '../src/sheets/settings-sheet';
import { gasMailer, NOW } from '../test/fakes/context';
import { budget, LATENCY, latencyClock, modelledMs } from '../test/fakes/latency';
import { recordTheLog } from '../test/sheets/record-helpers';
import { benchBook, cpuMs, HUYEN, otherLogEntry, TINH, XA } from './lib/book';

/**
 * The latency model of issue 12 over the fake spreadsheet: every call the fakes answer is priced
 * (test/fakes/latency.ts), Node's CPU time of the use case counts three times, and each figure is
 * printed with the calls and cells it moved. Sizes: units × rows of log and outbox.
 */

// The sizes of issue 12; XHHT_BENCH_UNITS=1000,5000 (say) measures fewer.
const UNITS = (process.env.XHHT_BENCH_UNITS ?? '1000,5000,10000,50000')
  .split(',')
  .filter(Boolean)
  .map(Number);
// XHHT_BENCH_LOG_ROWS=0 measures one log size only.
const LOG_ROWS = (process.env.XHHT_BENCH_LOG_ROWS ?? '0,20000,100000')
  .split(',')
  .filter(Boolean)
  .map(Number);

interface Figure {
  readonly ms: number;
  readonly calls: number;
  readonly cells: number;
}

type Book = ReturnType<typeof benchBook>;

/** Runs `work` with the counter reset: modelled milliseconds (mail excluded when asked), calls, cells. */
function measure(book: Book, work: () => void, withoutMail = false): Figure {
  book.google.io.reset();
  const cpu = cpuMs(work);
  const mail = withoutMail ? book.google.io.of('mail').calls * LATENCY.mailMs : 0;
  return {
    ms: modelledMs(book.google.io) - mail + cpu * LATENCY.cpuFactor,
    ...budget(book.google.io),
  };
}

/** Grows the log and the outbox to `rows` each, as a year of work would leave them (mail sent). */
function growTo(book: Book, rows: number, from: number): void {
  if (rows <= from) return;
  const { ports, google } = book;
  appendAudit(
    ports,
    Array.from({ length: rows - from }, (_, i) => otherLogEntry(from + i)),
  );
  queueMail(
    ports,
    Array.from({ length: rows - from }, (_, i) => ({
      key: `cu:${from + i}`,
      to: [`cu${from + i}@example.org`],
      subject: 'Thư cũ',
      text: 'Đã gửi',
    })),
  );
  const outbox = google.spreadsheet.sheet(OUTBOX_SHEET);
  outbox.type(
    2,
    7,
    Array.from({ length: outbox.getLastRow() - 1 }, () => ['Đã gửi']),
  );
  // The sender's first run after that reads the outbox once and keeps where it stands.
  sendMailTimer({ ...ports, mailer: gasMailer(google) });
}

const seconds = (f: Figure) => (f.ms / 1000).toFixed(1).padStart(6);
const detail = (f: Figure) => `${f.calls}/${f.cells}`;

console.log('\nlatency model (issue 12): every call priced, Node CPU × 3');
console.log(
  `  read ${LATENCY.readMs} ms + ${LATENCY.readCellMs} ms/cell · write ${LATENCY.writeMs} ms + ${LATENCY.writeCellMs} ms/cell · metadata ${LATENCY.metadataMs} ms · formatting/protection ${LATENCY.formatMs} ms`,
);
console.log(
  `  properties ${LATENCY.propReadMs}/${LATENCY.propWriteMs} ms · lock ${LATENCY.lockMs} ms · flush ${LATENCY.flushMs} ms · mail ${LATENCY.mailMs} ms · CPU × ${LATENCY.cpuFactor}`,
);
console.log(
  "  targets: step ≤ 3 s, sidebar (1 unit, the page's first call) ≤ 2 s (5,000 units, 100,000 rows); mail timer idle ≤ 0.3 s; daily ≤ 60 s (50,000 units, mail excluded); verification ≤ 60 s (100,000 rows)",
);
console.log('  each cell: modelled seconds, then calls/cells moved');
const header = [
  'units',
  'log+outbox',
  'score-all',
  'step (submit 1)',
  'sidebar (1 unit)',
  'sidebar «Việc của tôi»',
  'mail timer idle',
  'daily run',
  'log verification',
];
console.log(header.join(' | '));

for (const units of UNITS) {
  const book = benchBook(units, 30);
  const { google, ports, rubric } = book;
  writeSetting(ports.workbook, 'summaryPeriod', PERIOD_NAMES.daily);
  google.Session.email = XA;
  // Every unit registered, so that the step below submits one.
  act(ports, { action: 'register' }, book.all);
  let rows = 0;
  for (const logRows of LOG_ROWS) {
    growTo(book, logRows, rows);
    rows = logRows;
    const scoreFigure = measure(book, () => scoreAll(ports));
    const row = 2 + LOG_ROWS.indexOf(logRows);
    google.Session.email = XA;
    const step = measure(book, () =>
      act(ports, { action: 'submit' }, { sheet: rubric.scoringSheet, rows: [row] }),
    );
    google.Session.email = TINH;
    google.spreadsheet.select(rubric.scoringSheet, [row, 1]);
    // The log as issue 11's step leaves it: each unit's last row carries its record and pointers.
    recordTheLog(google);
    // The page's first call (the unit with its history), then «Việc của tôi».
    const sidebar = measure(book, () => sidebarDataAction(ports));
    const mine = measure(book, () => sidebarMineAction(ports));
    const mailer = gasMailer(google);
    google.Session.email = HUYEN;
    const daily = measure(
      book,
      () =>
        dailyMailTimer({
          ...ports,
          lock: new GasLock(google.LockService, ports.workbook),
          mailer,
          // Time passes as modelled, so the verification's budget holds as it would online.
          clock: latencyClock(google.io, NOW),
        }),
      true,
    );
    // After the daily run sent what the step queued: the timer finds nothing to send.
    const idle = measure(book, () => sendMailTimer({ ...ports, mailer }));
    const verify = measure(book, () => verifyAuditLog(ports));
    const logSize = google.spreadsheet.sheets.some((s) => s.getName() === AUDIT_SHEET)
      ? logRows
      : 0;
    console.log(
      [
        String(units).padStart(5),
        String(logSize).padStart(10),
        ...[scoreFigure, step, sidebar, mine, idle, daily, verify].map(
          (f) => `${seconds(f)} s ${detail(f).padStart(16)}`,
        ),
      ].join(' | '),
    );
  }
}

/** The officer's steps on one unit, in order (issue 12: each ≤ 3 s at 5,000 units, 100,000 rows). */
const WALK: readonly (readonly [string, string, ActRequest, boolean])[] = [
  ['register', XA, { action: 'register' }, true],
  ['submit', XA, { action: 'submit' }, true],
  ['return', HUYEN, { action: 'return', comment: 'Bổ sung minh chứng' }, true],
  ['submit again', XA, { action: 'submit' }, false],
  ['approve', HUYEN, { action: 'approve' }, true],
  ['recognise', HUYEN, { action: 'recognise', decision: { number: '12/QĐ', date: NOW } }, true],
];

/** Walks the unit at `row` through WALK: each measured step's figure (a refusal stops the bench). */
function officerWalk(book: Book, row: number): Map<string, Figure> {
  const figures = new Map<string, Figure>();
  for (const [name, who, request, measured] of WALK) {
    book.google.Session.email = who;
    let refused = '';
    const figure = measure(book, () => {
      const report = act(book.ports, request, { sheet: book.rubric.scoringSheet, rows: [row] });
      refused = report.refused.map((r) => r.reason).join('; ');
    });
    if (refused) throw new Error(`bench: ${name} refused: ${refused}`);
    if (measured) figures.set(name, figure);
  }
  return figures;
}

// The steps in a book of their own, so that the table above measures the workbook it always did.
console.log(
  "  step (submit 1) at 0 rows is the workbook's first mail ever (set-up made the outbox); the officer's steps below are walked after a first unit",
);
console.log("\nthe officer's step on one unit (target ≤ 3 s at 5,000 units, 100,000 rows)");
const stepNames = WALK.filter(([, , , measured]) => measured).map(([name]) => name);
console.log(['units', 'log+outbox', ...stepNames].join(' | '));
for (const units of UNITS) {
  const book = benchBook(units, 30);
  // Every unit registered but those walked (one per log size, in the district officer's district).
  const walkRows = LOG_ROWS.map((_, i) => 2 + 30 * (i + 1));
  book.google.Session.email = XA;
  act(
    book.ports,
    { action: 'register' },
    { ...book.all, rows: book.all.rows.filter((row) => row !== 2 && !walkRows.includes(row)) },
  );
  // A first unit walked once makes the outbox and the register as a workbook in use has them.
  officerWalk(book, 2);
  let rows = 0;
  for (const [i, logRows] of LOG_ROWS.entries()) {
    growTo(book, logRows, rows);
    rows = logRows;
    const walk = officerWalk(book, walkRows[i] ?? 2);
    console.log(
      [
        String(units).padStart(5),
        String(logRows).padStart(10),
        ...stepNames.map((name) => {
          const f = walk.get(name);
          return f ? `${seconds(f)} s ${detail(f).padStart(12)}` : '';
        }),
      ].join(' | '),
    );
  }
}

/**
 * Grid cells per unit for a year: every sheet's grid (rows × columns, used or not, as Sheets counts
 * them against 10,000,000) after a year's work on N units: each registered, submitted, approved by
 * its district and recognised by the province, with the mail those steps queue and the morning runs'.
 */
function gridPerUnitYear(units: number) {
  const book = benchBook(units, 30);
  const { google, ports, all } = book;
  google.Session.email = XA;
  act(ports, { action: 'register' }, all);
  act(ports, { action: 'submit' }, all);
  google.Session.email = HUYEN;
  act(ports, { action: 'approve' }, all);
  google.Session.email = TINH;
  act(ports, { action: 'approve' }, all);
  act(ports, { action: 'recognise', decision: { number: '1/QĐ', date: NOW } }, all);
  const mailer = gasMailer(google);
  dailyMailTimer({ ...ports, mailer, clock: { now: () => NOW } });
  const sheets = google.spreadsheet.sheets.map((sheet) => ({
    name: sheet.getName(),
    cells: sheet.gridCells(),
    rows: sheet.getLastRow(),
  }));
  return { units, sheets, total: sheets.reduce((sum, s) => sum + s.cells, 0) };
}

const smallYear = gridPerUnitYear(500);
const largeYear = gridPerUnitYear(2_000);
// Cells grow by (large − small) / 1,500 per unit; the rest is the fixed part (settings, criteria…).
const perUnit = (largeYear.total - smallYear.total) / (largeYear.units - smallYear.units);
const fixed = smallYear.total - perUnit * smallYear.units;
console.log(
  `\ngrid cells per unit-year (a year's steps, log and outbox included): ${perUnit.toFixed(0)}; fixed part ${fixed.toFixed(0)}`,
);
console.log(
  `units in one province-year workbook under 10,000,000 cells: ${Math.floor((10_000_000 - fixed) / perUnit).toLocaleString('en-US')} (goal 50,000)`,
);
for (const sheet of largeYear.sheets)
  console.log(
    `  ${sheet.name}: ${sheet.cells} cells, ${sheet.rows} rows at ${largeYear.units} units`,
  );
