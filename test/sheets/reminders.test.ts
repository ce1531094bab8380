import { describe, expect, it } from 'vitest';
import { XA as BENCH_XA, benchBook, otherLogEntry } from '../../bench/lib/book';
import { act } from '../../src/sheets/act';
import { actAction, dailyMailTimer } from '../../src/sheets/actions';
import { AUDIT_SHEET, appendAudit } from '../../src/sheets/audit-log';
import { SETTINGS_SHEET } from '../../src/sheets/layout';
import { queueReminders } from '../../src/sheets/reminders';
import { readSettings, writeSetting } from '../../src/sheets/settings-sheet';
import { gasMailer, NOW } from '../fakes/context';
import { recordTheLog } from './record-helpers';
import { rubric, setDeadline } from './workbook-helpers';
import { HUYEN, TINH, workflowBook, XA } from './workflow-helpers';

const DAY = 86_400_000;

/** Assessing 2025, the commune submits by 25/11/2026 and the decision is due by 20/11/2026. */
function lateBook(escalateAfter: number | '') {
  const book = workflowBook();
  const settings = book.google.spreadsheet.sheet(SETTINGS_SHEET);
  const set = (key: string, value: unknown) =>
    settings.type(settings.snapshot().findIndex((row) => row[0] === key) + 1, 3, [[value]]);
  set('year', 2025);
  setDeadline(book.google, 'submit', '25/11');
  setDeadline(book.google, 'decide', '20/11');
  set('remindDays', 7);
  set('escalateAfterDays', escalateAfter);
  set('summaryPeriod', 'Không tự gửi');
  const morning = (at: Date) =>
    dailyMailTimer({
      ...book.ports,
      clock: { now: () => at },
      mailer: gasMailer(book.google),
    });
  const reminders = () =>
    book.google.MailApp.sent.filter((mail) => mail.subject.startsWith('[XHHT] Nhắc việc'));
  /** DV0001 registered and submitted `days` ago (runs with that day's clock). */
  const submittedDaysAgo = (days: number) => {
    const then = { ...book.ports, clock: { now: () => new Date(NOW.getTime() - days * DAY) } };
    book.google.Session.email = XA;
    book.google.spreadsheet.select(rubric.scoringSheet, [2, 1]);
    actAction(then, 'register');
    actAction(then, 'submit');
  };
  return { ...book, morning, reminders, submittedDaysAgo };
}

describe('the daily reminder', () => {
  it('tells the commune of its submission deadline two days ahead, once a morning', () => {
    const { as, morning, reminders } = lateBook(10);
    as(XA, [[2, 1]], 'register');
    morning(NOW);
    morning(NOW);
    expect(reminders().map((mail) => [mail.to, mail.subject])).toEqual([
      [XA, '[XHHT] Nhắc việc ngày 23/11/2026: 1 đơn vị'],
    ]);
    expect(reminders()[0]?.body).toContain(
      '• DV0001 – Đơn vị 1 (mẫu) (Huyện 1), Đơn vị học tập: Đang tự đánh giá — hạn nộp hồ sơ đến hết 25/11/2026, còn 2 ngày',
    );
  });

  it('tells the district of a decision past due and the province of a review waiting too long', () => {
    const { submittedDaysAgo, morning, reminders } = lateBook(10);
    submittedDaysAgo(22);
    morning(NOW);
    const told = new Map(reminders().map((mail) => [mail.to, mail.body]));
    expect([...told.keys()].sort()).toEqual([HUYEN, TINH].sort());
    expect(told.get(HUYEN)).toContain(
      'Đang chờ bạn, sắp đến hạn hoặc đã quá hạn:\n• DV0001 – Đơn vị 1 (mẫu) (Huyện 1), Đơn vị học tập: Chờ huyện thẩm định — hạn quyết định đến hết 20/11/2026, đã quá 3 ngày',
    );
    expect(told.get(TINH)).toContain(
      'Chờ cấp dưới xét quá 10 ngày (báo để cấp trên đôn đốc):\n• DV0001 – Đơn vị 1 (mẫu) (Huyện 1), Đơn vị học tập: Chờ huyện thẩm định — đã chờ 22 ngày (từ 01/11/2026)',
    );
    // Tomorrow brings tomorrow's reminders, not a second copy of today's.
    morning(NOW);
    expect(reminders()).toHaveLength(2);
    morning(new Date(NOW.getTime() + DAY));
    expect(reminders()).toHaveLength(4);
    expect(reminders()[3]?.subject).toBe('[XHHT] Nhắc việc ngày 24/11/2026: 1 đơn vị');
  });

  it('reports no waiting to the level above when the settings leave it blank', () => {
    const { submittedDaysAgo, morning, reminders } = lateBook('');
    submittedDaysAgo(22);
    morning(NOW);
    expect(reminders().map((mail) => mail.to)).toEqual([HUYEN]);
  });
});

describe('since when a unit waits (issue 12)', () => {
  it('reads the time cells of the waiting units’ last log rows, not the log between them', () => {
    const book = benchBook(3);
    const { google, ports } = book;
    writeSetting(ports.workbook, 'escalateAfterDays', 7);
    google.Session.email = BENCH_XA;
    act(ports, { action: 'register' }, book.all);
    act(ports, { action: 'submit' }, { ...book.all, rows: [2] });
    // A province's year of other steps between the two submissions.
    appendAudit(
      ports,
      Array.from({ length: 20_000 }, (_, i) => otherLogEntry(i)),
    );
    act(ports, { action: 'submit' }, { ...book.all, rows: [3] });
    recordTheLog(google);
    const log = google.spreadsheet.sheet(AUDIT_SHEET);
    let cellsRead = 0;
    const getRange = log.getRange.bind(log);
    log.getRange = ((...args: Parameters<typeof log.getRange>) => {
      const range = getRange(...args);
      const getValues = range.getValues.bind(range);
      range.getValues = () => {
        const values = getValues();
        cellsRead += values.reduce((sum, row) => sum + row.length, 0);
        return values;
      };
      return range;
    }) as typeof log.getRange;
    queueReminders(ports, readSettings(ports.workbook, NOW));
    // The header and one time cell of each waiting unit's last row.
    expect(cellsRead).toBeLessThanOrEqual(log.getLastColumn() + 2);
  });
});
