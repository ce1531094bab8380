import { describe, expect, it } from 'vitest';
import { GasTriggers } from '../../src/gas/services';
import {
  actAction,
  formerMailTimer,
  hourlyMailTimer,
  installMailTriggersAction,
  sendMailTimer,
  setUpAction,
} from '../../src/sheets/actions';
import { SETTINGS_SHEET } from '../../src/sheets/layout';
import { MAIL_OWNER_KEY, MAIL_SWITCH_KEY } from '../../src/sheets/mail-owner';
import { DAILY_DONE_KEY, dayKey } from '../../src/sheets/mail-schedule';
import { queueMail } from '../../src/sheets/outbox';
import { PEOPLE_SHEET } from '../../src/sheets/people-sheet';
import { setUp } from '../../src/sheets/set-up';
import { readSettings } from '../../src/sheets/settings-sheet';
import { gasMailer } from '../fakes/context';
import { OWNER } from '../fakes/google';
import { modelledMs } from '../fakes/latency';
import { rubric, setDeadline } from './workbook-helpers';
import { ADMIN, workflowBook, XA } from './workflow-helpers';

const ADMIN2 = 'quantri2@example.org';

/** A local time (the script's time zone) on a day of November 2026. */
const at = (day: number, hour: number, minute = 10) => new Date(2026, 10, day, hour, minute);

/**
 * Assessing 2025, DV0001 registered on 13/11/2026 and is due by 25/11: each daily run queues that
 * day's reminder to the commune («Nhắc việc ngày …»), so the reminders count the daily runs.
 */
function scheduleBook() {
  const book = workflowBook();
  const { google } = book;
  // The spreadsheet's owner (who alone may run set-up on the fake's protections) administers too.
  google.spreadsheet.sheet(PEOPLE_SHEET).type(6, 1, [
    [ADMIN2, 'quản trị', ''],
    [OWNER, 'quản trị', ''],
  ]);
  // The owner sets up again after writing «Người dùng» (online: the list as it stands is confirmed),
  // so the administrators may write the settings' mail-owner row under set-up's protection.
  setUp(book.ports, rubric.id);
  const settings = google.spreadsheet.sheet(SETTINGS_SHEET);
  const set = (key: string, value: unknown) =>
    settings.type(settings.snapshot().findIndex((row) => row[0] === key) + 1, 3, [[value]]);
  set('year', 2025);
  setDeadline(google, 'submit', '25/11');
  set('summaryPeriod', 'Không tự gửi');
  set('remindDays', 14);
  const then = { ...book.ports, clock: { now: () => at(13, 9) } };
  google.Session.email = XA;
  google.spreadsheet.select(rubric.scoringSheet, [2, 1]);
  actAction(then, 'register');

  const triggers = new GasTriggers(google.ScriptApp);
  /** `who` chooses a menu action. */
  const as = (
    who: string,
    action: (ctx: typeof book.ports & { triggers: GasTriggers }) => void,
  ) => {
    google.Session.email = who;
    google.Session.effective = who;
    action({ ...book.ports, triggers });
    return google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
  };
  /** A trigger of `owner`'s fires at `now`: the script runs as that account. */
  const fire = (owner: string, now: Date, timer = hourlyMailTimer) => {
    google.Session.email = owner;
    google.Session.effective = owner;
    timer({ ...book.ports, clock: { now: () => now }, mailer: gasMailer(google) });
  };
  /** What the current account's trigger list shows, as ScriptApp gives it. */
  const mine = (who: string) => {
    google.Session.email = who;
    return google.ScriptApp.getProjectTriggers().map(
      (t) => `${t.handler}: ${t.schedule.join(', ')}`,
    );
  };
  const reminders = () =>
    google.MailApp.sent.filter((mail) => mail.subject.startsWith('[XHHT] Nhắc việc'));
  const queue = (key: string) =>
    queueMail(book.ports, [{ key, to: [ADMIN], subject: key, text: 'x' }]);
  /** The subjects of the mail `queue` queued that went out (the step's own notification aside). */
  const sentOfMine = () =>
    google.MailApp.sent.map((m) => m.subject).filter((subject) => /^m\d$/.test(subject));
  const ownerRow = () => settings.snapshot().find((row) => row[0] === 'guiThuTuDong');
  const property = (key: string) => google.PropertiesService.document.getProperty(key);
  return {
    ...book,
    set,
    as,
    fire,
    mine,
    reminders,
    queue,
    sentOfMine,
    ownerRow,
    property,
    triggers,
  };
}

/** As version 0.3 left it: `who`'s triggers every 10 minutes and daily at 7. */
function formerTriggers(book: ReturnType<typeof scheduleBook>, who: string) {
  book.google.Session.email = who;
  book.triggers.install('xhhtSendMailTimer', { every: 'minutes', minutes: 10 });
  book.triggers.install('xhhtDailyMail', { every: 'day', hour: 7 });
}

describe('one hourly trigger sends the outbox and does the daily work once a day', () => {
  it('installs one hourly trigger, the only one of its account', () => {
    const book = scheduleBook();
    expect(book.as(ADMIN, installMailTriggersAction)).toMatch(
      /^Đã bật gửi thư tự động, từ tài khoản của bạn: hộp thư đi được gửi mỗi giờ một lần/,
    );
    book.as(ADMIN, installMailTriggersAction);
    expect(book.mine(ADMIN)).toEqual(['xhhtHourlyMail: every 1 hours']);
  });

  it('does the daily work at the first run from the configured hour, and only once that day', () => {
    const book = scheduleBook();
    book.set('dailyHour', 8);
    book.as(ADMIN, installMailTriggersAction);
    book.fire(ADMIN, at(23, 0));
    book.fire(ADMIN, at(23, 7, 59));
    expect(book.reminders()).toHaveLength(0);
    expect(book.property(DAILY_DONE_KEY)).toBeNull();
    // Before the hour the runs still send the outbox.
    book.queue('m1');
    book.fire(ADMIN, at(23, 7, 59));
    expect(book.sentOfMine()).toEqual(['m1']);

    book.fire(ADMIN, at(23, 8, 40));
    expect(book.reminders().map((m) => m.subject)).toEqual([
      '[XHHT] Nhắc việc ngày 23/11/2026: 1 đơn vị',
    ]);
    expect(book.property(DAILY_DONE_KEY)).toBe('2026-11-23');
    for (const hour of [9, 12, 23]) book.fire(ADMIN, at(23, hour));
    book.fire(ADMIN, at(24, 7));
    expect(book.reminders()).toHaveLength(1);
    // The next day's first run from 8 h; a later hour in the settings moves it.
    book.set('dailyHour', 10);
    book.fire(ADMIN, at(24, 9));
    expect(book.reminders()).toHaveLength(1);
    book.fire(ADMIN, at(24, 10, 5));
    book.fire(ADMIN, at(24, 11, 5));
    expect(book.reminders().map((m) => m.subject)).toEqual([
      '[XHHT] Nhắc việc ngày 23/11/2026: 1 đơn vị',
      '[XHHT] Nhắc việc ngày 24/11/2026: 1 đơn vị',
    ]);
  });

  it('reads no sheet in an hour whose daily work is done and with nothing queued', () => {
    const book = scheduleBook();
    book.as(ADMIN, installMailTriggersAction);
    book.fire(ADMIN, at(23, 9));
    book.fire(ADMIN, at(23, 10));
    book.google.io.reset();
    book.fire(ADMIN, at(23, 11));
    expect(book.google.io.reads).toBe(0);
    // The owner check's two properties, the day done, the outbox's two; and two metadata calls.
    expect(book.google.io.of('propRead').calls).toBe(5);
    expect(modelledMs(book.google.io)).toBeLessThanOrEqual(300);
  });

  it('goes on sending the outbox when the settings cannot be read, and tries the daily work once', () => {
    const book = scheduleBook();
    book.as(ADMIN, installMailTriggersAction);
    book.set('dailyHour', 'sáng');
    book.queue('m1');
    book.fire(ADMIN, at(23, 6));
    expect(book.sentOfMine()).toEqual(['m1']);
    // From the initial hour the daily work fails on the settings, as the daily trigger did: once.
    expect(() => book.fire(ADMIN, at(23, 7))).toThrow(/Giờ chạy việc hằng ngày|dailyHour/);
    expect(book.property(DAILY_DONE_KEY)).toBe(dayKey(at(23, 7)));
    book.queue('m2');
    expect(() => book.fire(ADMIN, at(23, 8))).not.toThrow();
    expect(book.sentOfMine()).toEqual(['m1', 'm2']);
  });

  it('exits at once on an account that does not own automatic mail, and while mail is off', () => {
    const book = scheduleBook();
    book.as(ADMIN, installMailTriggersAction);
    book.queue('m1');
    book.google.io.reset();
    book.fire(ADMIN2, at(23, 9));
    expect(book.google.io.reads).toBe(0);
    expect(book.sentOfMine()).toEqual([]);
    book.google.PropertiesService.document.setProperty(MAIL_SWITCH_KEY, 'off');
    book.fire(ADMIN, at(23, 9));
    expect(book.google.io.reads).toBe(0);
    expect(book.property(DAILY_DONE_KEY)).toBeNull();
  });
});

describe('the triggers of the previous version retire', () => {
  it('set-up removes the current account’s 10-minute and daily triggers; the owner’s row tells the owner', () => {
    const book = scheduleBook();
    book.as(ADMIN, installMailTriggersAction);
    // As version 0.3 left it: the owner's two triggers (none hourly yet), another account's idle pair.
    book.google.ScriptApp.triggers.splice(0);
    book.google.PropertiesService.document.deleteProperty('xhht.mail.schedule');
    formerTriggers(book, ADMIN);
    formerTriggers(book, OWNER);
    book.google.SpreadsheetApp.ui.answers.push(rubric.id);
    const notice = book.as(OWNER, setUpAction);
    expect(notice).toContain(
      'Đã gỡ 2 lịch gửi thư cũ của bạn: tài khoản của bạn không gửi thư tự động.',
    );
    expect(book.mine(OWNER)).toEqual([]);
    // ADMIN's cannot be removed by another account: the settings' owner row tells them.
    expect(book.mine(ADMIN)).toHaveLength(2);
    expect(book.ownerRow()?.[2]).toBe(ADMIN);
    expect(String(book.ownerRow()?.[3])).toMatch(
      new RegExp(`^Lịch cũ của ${ADMIN} \\(10 phút một lần và hằng ngày\\)`),
    );
    // ADMIN's own next trigger run retires them and clears the row's warning.
    book.fire(ADMIN, at(23, 9), (ctx) =>
      formerMailTimer({ ...ctx, triggers: book.triggers }, sendMailTimer),
    );
    expect(book.mine(ADMIN)).toEqual(['xhhtHourlyMail: every 1 hours']);
    expect(String(book.ownerRow()?.[3])).toMatch(/^Do XHHT ghi khi quản trị viên bật hay tắt/);
  });

  it('set-up by the account that sends automatic mail puts the hourly trigger in place of its old ones', () => {
    const book = scheduleBook();
    formerTriggers(book, OWNER);
    book.google.PropertiesService.document.setProperty(MAIL_OWNER_KEY, OWNER);
    book.google.PropertiesService.document.setProperty(MAIL_SWITCH_KEY, 'on');
    book.google.SpreadsheetApp.ui.answers.push(rubric.id);
    expect(book.as(OWNER, setUpAction)).toContain(
      'Đã thay 2 lịch gửi thư cũ của bạn (10 phút một lần, hằng ngày) bằng một lịch chạy mỗi giờ.',
    );
    expect(book.mine(OWNER)).toEqual(['xhhtHourlyMail: every 1 hours']);
    expect(book.ownerRow()?.slice(2, 4)).toEqual([
      OWNER,
      'Do XHHT ghi khi quản trị viên bật hay tắt gửi thư tự động; sửa ô này không đổi gì.',
    ]);
    // The settings sheet keeps reading, with the owner row in it.
    expect(readSettings(book.ports.workbook, at(23, 9)).dailyHour).toBe(7);
  });

  it('turning mail on replaces the previous version’s triggers of that account', () => {
    const book = scheduleBook();
    formerTriggers(book, ADMIN);
    book.as(ADMIN, installMailTriggersAction);
    expect(book.mine(ADMIN)).toEqual(['xhhtHourlyMail: every 1 hours']);
  });

  it('a trigger of the previous version retires at its next run: the owner’s turns hourly, another’s goes', () => {
    const book = scheduleBook();
    // Version 0.3 turned mail on from ADMIN's account; ADMIN2's pair is left from before owners.
    formerTriggers(book, ADMIN);
    formerTriggers(book, ADMIN2);
    book.google.PropertiesService.document.setProperty(MAIL_OWNER_KEY, ADMIN);
    book.google.PropertiesService.document.setProperty(MAIL_SWITCH_KEY, 'on');
    book.queue('m1');
    const former = (ctx: Parameters<typeof sendMailTimer>[0]) =>
      formerMailTimer({ ...ctx, triggers: book.triggers }, sendMailTimer);

    book.google.io.reset();
    book.fire(ADMIN2, at(23, 9), former);
    expect(book.google.io.reads).toBe(0);
    expect(book.mine(ADMIN2)).toEqual([]);
    expect(book.sentOfMine()).toEqual([]);

    book.fire(ADMIN, at(23, 9), former);
    expect(book.mine(ADMIN)).toEqual(['xhhtHourlyMail: every 1 hours']);
    expect(book.sentOfMine()).toEqual(['m1']);
    expect(book.ownerRow()?.[2]).toBe(ADMIN);
  });

  it('in a workbook without a recorded owner, the first former trigger to run claims it and turns hourly', () => {
    const book = scheduleBook();
    // As a version before owners left it: both accounts' triggers, nothing recorded.
    formerTriggers(book, ADMIN);
    formerTriggers(book, ADMIN2);
    book.queue('m1');
    const former = (ctx: Parameters<typeof sendMailTimer>[0]) =>
      formerMailTimer({ ...ctx, triggers: book.triggers }, sendMailTimer);
    book.fire(ADMIN2, at(23, 9), former);
    expect(book.property(MAIL_OWNER_KEY)).toBe(ADMIN2);
    expect(book.mine(ADMIN2)).toEqual(['xhhtHourlyMail: every 1 hours']);
    expect(book.ownerRow()?.slice(2, 4)).toEqual([
      ADMIN2,
      'Do XHHT ghi khi quản trị viên bật hay tắt gửi thư tự động; sửa ô này không đổi gì.',
    ]);
    expect(book.sentOfMine()).toEqual(['m1']);
    book.queue('m2');
    book.fire(ADMIN, at(23, 9), former);
    expect(book.mine(ADMIN)).toEqual([]);
    expect(book.sentOfMine()).toEqual(['m1']);
  });

  it('set-up adds the hour of the daily work to a settings sheet the previous version wrote', () => {
    const book = scheduleBook();
    const settings = book.google.spreadsheet.sheet(SETTINGS_SHEET);
    // The previous version's settings: no «dailyHour» row, a period typed by the administrator.
    const rows = settings.snapshot();
    const at_ = rows.findIndex((row) => row[0] === 'dailyHour');
    const without = [...rows.slice(0, at_), ...rows.slice(at_ + 1)];
    settings.type(1, 1, [...without, rows[0]?.map(() => '') ?? []]);
    book.set('summaryPeriod', 'Hằng tháng (ngày 1)');
    expect(settings.snapshot().some((row) => row[0] === 'dailyHour')).toBe(false);
    expect(readSettings(book.ports.workbook, at(23, 9)).dailyHour).toBe(7);

    book.google.SpreadsheetApp.ui.answers.push(rubric.id);
    book.as(OWNER, setUpAction);
    const after = settings.snapshot();
    expect(after.find((row) => row[0] === 'dailyHour')?.[2]).toBe(7);
    expect(after.find((row) => row[0] === 'summaryPeriod')?.[2]).toBe('Hằng tháng (ngày 1)');
    book.set('dailyHour', 9);
    expect(readSettings(book.ports.workbook, at(23, 9)).dailyHour).toBe(9);
  });
});
