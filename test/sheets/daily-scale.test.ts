import { describe, expect, it, vi } from 'vitest';
import { benchBook, HUYEN, otherLogEntry, XA } from '../../bench/lib/book';
import { PERIOD_NAMES } from '../../src/domain/settings';
import { GasLock } from '../../src/gas/services';
import { act } from '../../src/sheets/act';
import { dailyMailTimer } from '../../src/sheets/actions';
import {
  AUDIT_SHEET,
  appendAudit,
  VERIFY_CHECKPOINT_KEY,
  verifyAuditLog,
} from '../../src/sheets/audit-log';
import { logCellsKept, readLogRecords } from '../../src/sheets/hand-edit';
import { OUTBOX_SHEET } from '../../src/sheets/outbox';
import { writeSetting } from '../../src/sheets/settings-sheet';
import { gasMailer, NOW } from '../fakes/context';
import { budget, latencyClock } from '../fakes/latency';
import type { FakeSheet } from '../fakes/spreadsheet';
import { recordTheLog } from './record-helpers';
import { headerColumn } from './workbook-helpers';

// The morning run reads its large sheets narrowed to the columns its parts read
// (src/sheets/daily-read.ts); `narrow: false` makes it read them whole, to compare.
const reading = vi.hoisted(() => ({ narrow: true }));
vi.mock('../../src/sheets/daily-read', async (original) => {
  const actual = await original<typeof import('../../src/sheets/daily-read')>();
  return {
    ...actual,
    dailyColumns: (...args: Parameters<typeof actual.dailyColumns>) =>
      reading.narrow ? actual.dailyColumns(...args) : undefined,
  };
});

/**
 * The morning run at scale (issue 12): beyond the full verification, which must read every row, it
 * reads of the log only its rows past the mail mark and, for the reminders' «since when», the time
 * cells of the waiting units' last log rows (their «Dòng nhật ký»); it never writes the scoring sheet.
 */

/** Cells read and values written through one sheet, whatever reads them. */
function watch(sheet: FakeSheet) {
  const seen = { cellsRead: 0, writes: 0 };
  const getRange = sheet.getRange.bind(sheet);
  sheet.getRange = ((...args: Parameters<FakeSheet['getRange']>) => {
    const range = getRange(...args);
    const getValues = range.getValues.bind(range);
    const setValues = range.setValues.bind(range);
    range.getValues = () => {
      const values = getValues();
      seen.cellsRead += values.reduce((sum, row) => sum + row.length, 0);
      return values;
    };
    range.setValues = (values: unknown[][]) => {
      seen.writes += 1;
      return setValues(values);
    };
    return range;
  }) as FakeSheet['getRange'];
  return seen;
}

function morning(extraLogRows: number) {
  const book = benchBook(200);
  const { google, ports, rubric } = book;
  writeSetting(ports.workbook, 'escalateAfterDays', 7);
  // Rows of other units first, then every unit registered and half of them waiting for the district.
  if (extraLogRows > 0)
    appendAudit(
      ports,
      Array.from({ length: extraLogRows }, (_, i) => otherLogEntry(i)),
    );
  google.Session.email = XA;
  act(ports, { action: 'register' }, book.all);
  act(ports, { action: 'submit' }, { ...book.all, rows: book.all.rows.slice(0, 100) });
  const log = google.spreadsheet.sheet(AUDIT_SHEET);
  const scoring = google.spreadsheet.sheet(rubric.scoringSheet);
  recordTheLog(google);
  // The verification's own reads, measured apart: the same full pass the morning run makes.
  const logSeen = watch(log);
  verifyAuditLog(ports);
  const verification = logSeen.cellsRead;
  logSeen.cellsRead = 0;
  const scoringSeen = watch(scoring);
  google.Session.email = HUYEN;
  dailyMailTimer({ ...ports, mailer: gasMailer(google), clock: { now: () => NOW } });
  const outbox = google.spreadsheet.sheet(OUTBOX_SHEET);
  return {
    logSeen,
    scoringSeen,
    verification,
    width: log.getLastColumn(),
    rows: log.getLastRow(),
    outbox,
  };
}

describe('the morning run at scale', () => {
  it('reads the log only for the verification and the waiting units’ times, and writes no scoring cell', () => {
    const small = morning(0);
    const large = morning(20_000);
    for (const run of [small, large]) {
      expect(run.scoringSeen.writes).toBe(0);
      // Beyond the verification: headers, the «sửa tay» pass's unit and record columns, and the
      // time cells of the waiting units' rows: at most three cells a log row, not the whole row.
      expect(run.logSeen.cellsRead - run.verification).toBeLessThanOrEqual(
        3 * (run.rows - 1) + 10 * run.width,
      );
    }
    // The 20,000 rows of others cost the verification and the two columns of the «sửa tay» pass.
    expect(large.logSeen.cellsRead - large.verification).toBeLessThanOrEqual(
      small.logSeen.cellsRead - small.verification + 2 * 20_000 + 10 * large.width,
    );
  }, 180_000);
});

/**
 * The same province's morning, read narrowed or whole: units registered, half submitted, some approved
 * by the district; a state typed by hand on one unit; and edits in cells the narrowed read leaves out
 * (a result, the band, a reviewer's value, the latest comment). What the run writes and sends must not
 * tell the two reads apart.
 */
function morningOf(narrow: boolean) {
  reading.narrow = narrow;
  // Past 4,000 rows every gap of unread columns is left unread (read-once.ts), as at a province's size.
  const book = benchBook(4_100);
  const { google, ports, rubric } = book;
  writeSetting(ports.workbook, 'escalateAfterDays', 7);
  writeSetting(ports.workbook, 'summaryPeriod', PERIOD_NAMES.daily);
  writeSetting(ports.workbook, 'summaryTo', 'bcd@example.org');
  google.Session.email = XA;
  act(ports, { action: 'register' }, book.all);
  act(ports, { action: 'submit' }, { ...book.all, rows: book.all.rows.slice(0, 20) });
  google.Session.email = HUYEN;
  act(ports, { action: 'approve' }, { ...book.all, rows: book.all.rows.slice(0, 8) });
  recordTheLog(google);
  const scoring = google.spreadsheet.sheet(rubric.scoringSheet);
  // «recognised» typed into a registered unit's state: «sửa tay», whichever way it is read.
  scoring.type(32, headerColumn(scoring, 'Mã trạng thái'), [['recognised:1']]);
  // Cells no part of the run reads: a result, the band, a reviewer's value, the latest comment.
  for (const [header, value] of [
    ['Tổng điểm', 12],
    ['Xếp loại', 'Xuất sắc'],
    ['Thẩm định 1.1', 2],
    ['Nhận xét gần nhất', 'Ghi tay ở cột không đọc'],
  ] as const) {
    scoring.type(3, headerColumn(scoring, header), [[value]]);
    scoring.type(12, headerColumn(scoring, header), [[value]]);
  }
  const before = google.io.cellsRead;
  dailyMailTimer({ ...ports, mailer: gasMailer(google), clock: { now: () => NOW } });
  return {
    scoring: scoring.snapshot(),
    outbox: google.spreadsheet.sheet(OUTBOX_SHEET).snapshot(),
    log: google.spreadsheet.sheet(AUDIT_SHEET).snapshot(),
    properties: Object.fromEntries(google.PropertiesService.document.map),
    sent: google.MailApp.sent.map((mail) => ({ ...mail })),
    cellsRead: google.io.cellsRead - before,
    handEdit: headerColumn(scoring, 'Sửa tay'),
  };
}

describe('the morning run read narrowed (issue 12)', () => {
  it('writes, queues and sends what it does on a whole read, hand edits in unread cells included', () => {
    const narrowed = morningOf(true);
    const whole = morningOf(false);
    reading.narrow = true;
    expect(narrowed.cellsRead).toBeLessThan(whole.cellsRead * 0.7);
    expect(narrowed.scoring).toEqual(whole.scoring);
    expect(narrowed.outbox).toEqual(whole.outbox);
    expect(narrowed.log).toEqual(whole.log);
    expect(narrowed.properties).toEqual(whole.properties);
    expect(narrowed.sent).toEqual(whole.sent);
    // It is a morning that found something: the «sửa tay» mark and the summary counting it apart.
    expect(String(narrowed.scoring[31]?.[narrowed.handEdit - 1])).toMatch(/Mã trạng thái/);
    const summary = narrowed.outbox.find((row) => String(row[3]).startsWith('['));
    expect(JSON.stringify(narrowed.outbox)).toContain('Sửa tay (không tính)');
    expect(summary).toBeDefined();
  }, 120_000);
});

/**
 * The morning run's calls and cells at two sizes, as the bench builds the province (a commune officer
 * row per unit in «Người dùng», every unit registered: a log row each), on a clock that moves with
 * the model so the verification's budget holds as online.
 */
function costAt(units: number) {
  const book = benchBook(units, 30);
  const { google, ports } = book;
  writeSetting(ports.workbook, 'summaryPeriod', PERIOD_NAMES.daily);
  google.Session.email = XA;
  act(ports, { action: 'register' }, book.all);
  recordTheLog(google);
  google.Session.email = HUYEN;
  google.io.reset();
  dailyMailTimer({
    ...ports,
    lock: new GasLock(google.LockService, ports.workbook),
    mailer: gasMailer(google),
    clock: latencyClock(google.io, NOW),
  });
  return budget(google.io);
}

describe('the morning run’s budget per unit (issue 12: ≤ 60 s at 50,000 units)', () => {
  it('makes a fixed number of calls and reads at most 42 cells more a unit (4,000 and 5,000 units)', () => {
    // Sizes where every gap between the columns read costs a call of its own at both.
    const small = costAt(4_000);
    const large = costAt(5_000);
    // The calls grow only by the verification's blocks (5,000 log rows a read): one here.
    expect(large.calls - small.calls).toBeLessThanOrEqual(1);
    expect(large.calls).toBeLessThanOrEqual(115);
    // A unit costs its log row (10 cells, the verification), its scoring row narrowed to the 24
    // columns the run reads (TT 22), 4 cells of «Đơn vị» and 3 of «Người dùng»: 41. The whole
    // scoring row alone was 45.
    const perUnit = (large.cells - small.cells) / 1_000;
    expect(perUnit).toBeGreaterThan(30);
    expect(perUnit).toBeLessThanOrEqual(42);
  }, 60_000);
});

/** 50 units registered, 12,000 log rows of other units, ten units submitted: more than a block. */
function longLog(before?: (book: ReturnType<typeof benchBook>) => void) {
  const book = benchBook(50);
  const { google, ports } = book;
  before?.(book);
  google.Session.email = XA;
  act(ports, { action: 'register' }, book.all);
  appendAudit(
    ports,
    Array.from({ length: 12_000 }, (_, i) => otherLogEntry(i % 70)),
  );
  act(ports, { action: 'submit' }, { ...book.all, rows: book.all.rows.slice(0, 10) });
  recordTheLog(google);
  return book;
}

describe('the «sửa tay» pass after the verification (issue 12)', () => {
  it('reads the same records from the cells the verification kept as from the sheet, resumed or not', () => {
    const { google, ports } = longLog();
    const ctx = { ...ports, clock: latencyClock(google.io, NOW) };
    // The first run stops after a block (its budget spent), the second goes on from its checkpoint.
    const first = logCellsKept();
    expect(verifyAuditLog(ctx, { budgetMs: 1, seen: first.add }).done).toBe(false);
    const second = logCellsKept();
    expect(verifyAuditLog(ctx, { seen: second.add }).done).toBe(true);
    const rows = google.spreadsheet.sheet(AUDIT_SHEET).getLastRow();
    for (const kept of [first.seen(), second.seen()]) {
      expect(kept?.first).toBeGreaterThanOrEqual(2);
      const before = google.io.cellsRead;
      const fromKept = readLogRecords(ports, kept);
      const cellsRead = google.io.cellsRead - before;
      const fromSheet = readLogRecords(ports);
      // Only the rows the pass did not keep are read again (two columns, the header apart).
      expect(cellsRead).toBeLessThanOrEqual(2 * (rows - 1 - (kept?.units.length ?? 0)) + 20);
      for (let row = 2; row <= rows; row += 1) {
        expect(fromKept.unitAt(row)).toBe(fromSheet.unitAt(row));
        expect(fromKept.recordAt(row)).toEqual(fromSheet.recordAt(row));
      }
      for (let unit = 0; unit < 70; unit += 1) {
        for (const code of [`DV${unit}`, `CU${unit}`]) {
          expect(fromKept.last(code)).toEqual(fromSheet.last(code));
          expect(fromKept.logged(code)).toBe(fromSheet.logged(code));
        }
      }
    }
  }, 60_000);
});

describe('the summary on a morning the verification does not finish (issue 12)', () => {
  it('takes the log cells the verification read and reads only the other rows', () => {
    const { google, ports } = longLog((book) =>
      writeSetting(book.ports.workbook, 'summaryPeriod', PERIOD_NAMES.daily),
    );
    const log = google.spreadsheet.sheet(AUDIT_SHEET);
    const rows = log.getLastRow() - 1;
    const width = log.getLastColumn();
    // Each call costs 4 s on this clock: the verification's budget ends after a block or two.
    let now = NOW.getTime();
    google.io.listeners.push(() => {
      now += 4_000;
    });
    const logSeen = watch(log);
    google.Session.email = HUYEN;
    dailyMailTimer({
      ...ports,
      lock: new GasLock(google.LockService, ports.workbook),
      mailer: gasMailer(google),
      clock: { now: () => new Date(now) },
    });
    const checkpoint = JSON.parse(ports.store.get(VERIFY_CHECKPOINT_KEY) || 'null');
    const verified = checkpoint?.rows as number;
    expect(verified).toBeGreaterThan(0);
    expect(verified).toBeLessThan(rows);
    // The summary went out, and the log's unit and record columns were read only where the
    // verification did not read them (two columns a row), besides its own rows and a few cells.
    expect(google.spreadsheet.sheet(OUTBOX_SHEET).getLastRow()).toBeGreaterThan(1);
    expect(logSeen.cellsRead).toBeLessThanOrEqual(verified * width + 2 * (rows - verified) + 200);
  }, 60_000);
});
