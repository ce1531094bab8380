import { describe, expect, it } from 'vitest';
import { GasTriggers } from '../../src/gas/services';
import {
  dailyMailTimer,
  installMailTriggersAction,
  removeMailTriggersAction,
  sendMailTimer,
} from '../../src/sheets/actions';
import { SETTINGS_SHEET } from '../../src/sheets/layout';
import { MAIL_OWNER_KEY, MAIL_SWITCH_KEY } from '../../src/sheets/mail-owner';
import { queueMail } from '../../src/sheets/outbox';
import { PEOPLE_SHEET } from '../../src/sheets/people-sheet';
import { setUp } from '../../src/sheets/set-up';
import { readSettings } from '../../src/sheets/settings-sheet';
import { gasMailer } from '../fakes/context';
import { OWNER } from '../fakes/google';
import { rubric } from './workbook-helpers';
import { ADMIN, workflowBook } from './workflow-helpers';

const ADMIN2 = 'quantri2@example.org';

function mailBook() {
  const book = workflowBook();
  const { google } = book;
  google.spreadsheet.sheet(PEOPLE_SHEET).type(6, 1, [[ADMIN2, 'quản trị', '']]);
  google.Session.email = OWNER;
  setUp(book.ports, rubric.id);
  const ctx = { ...book.ports, triggers: new GasTriggers(google.ScriptApp) };
  const as = (who: string, action: typeof installMailTriggersAction) => {
    google.Session.email = who;
    action(ctx);
    return google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
  };
  /** A trigger of `owner`'s firing: the script runs as that account. */
  const fire = (owner: string, timer: typeof sendMailTimer) => {
    google.Session.email = owner;
    google.Session.effective = owner;
    timer({ ...book.ports, mailer: gasMailer(google) });
  };
  const queue = (key: string) =>
    queueMail(book.ports, [{ key, to: [ADMIN], subject: key, text: 'x' }]);
  const ownerRow = () =>
    google.spreadsheet
      .sheet(SETTINGS_SHEET)
      .snapshot()
      .find((row) => row[0] === 'guiThuTuDong');
  return { ...book, as, fire, queue, ownerRow };
}

describe('automatic mail has one owner', () => {
  it('records the owner, shows it in the settings, and tells a second administrator who owns it', () => {
    const { google, as, ownerRow, ports } = mailBook();
    expect(as(ADMIN, installMailTriggersAction)).toMatch(/^Đã bật gửi thư tự động/);
    expect(google.PropertiesService.document.getProperty(MAIL_OWNER_KEY)).toBe(ADMIN);
    expect(ownerRow()?.slice(0, 3)).toEqual(['guiThuTuDong', 'Tài khoản gửi thư tự động', ADMIN]);
    // The row is information: the settings still read, and set-up keeps it.
    expect(() => readSettings(ports.workbook, ports.clock.now())).not.toThrow();
    google.Session.email = OWNER;
    setUp(ports, rubric.id);
    expect(ownerRow()?.[2]).toBe(ADMIN);
    expect(as(ADMIN2, installMailTriggersAction)).toBe(
      `Gửi thư tự động đang bật từ tài khoản ${ADMIN}. Mỗi tài khoản chỉ gỡ được lịch của chính mình, nên bạn không bật thêm một bộ lịch thứ hai. Muốn chuyển sang tài khoản của bạn: chọn «Tắt gửi thư tự động» (quản trị viên nào cũng tắt được), rồi bật lại.`,
    );
    expect(google.ScriptApp.triggers.map((t) => t.owner)).toEqual([ADMIN]);
  });

  it('lets any administrator turn it off for every trigger, and take it over', () => {
    const { google, as, fire, queue, ownerRow } = mailBook();
    as(ADMIN, installMailTriggersAction);
    queue('m1');
    expect(as(ADMIN2, removeMailTriggersAction)).toBe(
      `Đã tắt gửi thư tự động (0 lịch của bạn được gỡ). Lịch của ${ADMIN} vẫn nằm trong tài khoản đó nhưng không còn gửi gì. Thư vẫn nằm trong «Hộp thư đi».`,
    );
    expect(google.PropertiesService.document.getProperty(MAIL_SWITCH_KEY)).toBe('off');
    expect(String(ownerRow()?.[2])).toMatch(/^Tắt/);
    // ADMIN's triggers are still on ADMIN's account (nobody else can delete them) but do nothing.
    expect(google.ScriptApp.triggers).toHaveLength(1);
    fire(ADMIN, sendMailTimer);
    fire(ADMIN, dailyMailTimer);
    expect(google.MailApp.sent).toHaveLength(0);
    // ADMIN2 turns it on: their triggers send; ADMIN's exit at once.
    expect(as(ADMIN2, installMailTriggersAction)).toMatch(/^Đã bật gửi thư tự động/);
    expect(ownerRow()?.[2]).toBe(ADMIN2);
    fire(ADMIN, sendMailTimer);
    expect(google.MailApp.sent).toHaveLength(0);
    fire(ADMIN2, sendMailTimer);
    expect(google.MailApp.sent.map((m) => m.subject)).toEqual(['m1']);
  });

  it('claims an owner at the first trigger run in a workbook whose mail the previous version turned on', () => {
    const { google, fire, queue } = mailBook();
    // As the previous version left it: two administrators' triggers, no owner recorded.
    for (const owner of [ADMIN, ADMIN2]) {
      google.Session.email = owner;
      new GasTriggers(google.ScriptApp).install('xhhtSendMailTimer', {
        every: 'minutes',
        minutes: 10,
      });
    }
    queue('m1');
    fire(ADMIN2, sendMailTimer);
    expect(google.PropertiesService.document.getProperty(MAIL_OWNER_KEY)).toBe(ADMIN2);
    queue('m2');
    fire(ADMIN, sendMailTimer);
    expect(google.MailApp.sent.map((m) => m.subject)).toEqual(['m1']);
    fire(ADMIN2, sendMailTimer);
    expect(google.MailApp.sent.map((m) => m.subject)).toEqual(['m1', 'm2']);
  });
});
