import { describe, expect, it } from 'vitest';
import { benchBook, HUYEN, XA } from '../../bench/lib/book';
import type { AuditEntry } from '../../src/domain/audit';
import { act } from '../../src/sheets/act';
import { dailyMailTimer } from '../../src/sheets/actions';
import { AUDIT_SHEET, appendAudit, verifyAuditLog } from '../../src/sheets/audit-log';
import { OUTBOX_SHEET } from '../../src/sheets/outbox';
import { writeSetting } from '../../src/sheets/settings-sheet';
import { gasMailer, NOW } from '../fakes/context';
import type { FakeSheet } from '../fakes/spreadsheet';
import { recordTheLog } from './record-helpers';

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

const entry = (i: number): AuditEntry => ({
  time: '01/03/2026 08:00:00',
  user: 'lichsu@example.org',
  unit: `CU${i}`,
  action: 'Ghi chú',
  from: '',
  to: '',
  comment: `Dòng nhật ký cũ ${i}`,
});

function morning(extraLogRows: number) {
  const book = benchBook(200);
  const { google, ports, rubric } = book;
  writeSetting(ports.workbook, 'escalateAfterDays', 7);
  // Rows of other units first, then every unit registered and half of them waiting for the district.
  if (extraLogRows > 0)
    appendAudit(
      ports,
      Array.from({ length: extraLogRows }, (_, i) => entry(i)),
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
