import { describe, expect, it } from 'vitest';
import { GasMailer } from '../../src/gas/services';
import { sendMailAction } from '../../src/sheets/actions';
import { OUTBOX_SHEET } from '../../src/sheets/outbox';
import { PEOPLE_SHEET } from '../../src/sheets/people-sheet';
import { columnValues } from './workbook-helpers';
import { ADMIN, HUYEN, TINH, workflowBook, XA } from './workflow-helpers';

describe('mail from the approval steps', () => {
  it('tells the next level of a submission, the commune of a return with its comment, and both ends of a decision', () => {
    const { google, ports, as } = workflowBook();
    const outbox = () => google.spreadsheet.sheet(OUTBOX_SHEET);
    const mail = () =>
      columnValues(outbox(), 'Người nhận').map((to, i) => [
        to,
        columnValues(outbox(), 'Nội dung')[i],
      ]);
    as(XA, [[2, 1]], 'register');
    expect(google.spreadsheet.sheets.some((s) => s.getName() === OUTBOX_SHEET)).toBe(false);
    as(XA, [[2, 1]], 'submit');
    expect(mail().map(([to]) => to)).toEqual([HUYEN]);
    expect(String(mail()[0]?.[1])).toContain(
      `• DV0001 – Đơn vị 1 (mẫu) (Huyện 1): Chờ huyện thẩm định (${XA})`,
    );
    as(HUYEN, [[2, 1]], 'return', '<b>Thiếu</b> biên bản');
    expect(mail()[1]?.[0]).toBe(XA);
    expect(String(mail()[1]?.[1])).toContain(
      'Trả lại cho xã (thamdinh.huyen1@example.org) — <b>Thiếu</b> biên bản',
    );
    expect(String(columnValues(outbox(), 'Nội dung HTML')[1])).toContain(
      '&lt;b&gt;Thiếu&lt;/b&gt;',
    );
    as(XA, [[2, 1]], 'submit');
    as(HUYEN, [[2, 1]], 'approve');
    as(TINH, [[2, 1]], 'recognise', '125/QĐ-UBND', '20/03/2027');
    expect(
      mail()
        .slice(-2)
        .map(([to]) => to)
        .sort(),
    ).toEqual([XA, TINH].sort());
    expect(columnValues(outbox(), 'Trạng thái').every((s) => s === 'Chờ gửi')).toBe(true);

    // Only an administrator sends, from their account.
    const ctx = { ...ports, mailer: new GasMailer(google.MailApp) };
    google.Session.email = HUYEN;
    sendMailAction(ctx);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(
      /^Chỉ người có vai trò «quản trị»/,
    );
    expect(google.MailApp.sent).toHaveLength(0);
    google.Session.email = ADMIN;
    sendMailAction(ctx);
    expect(google.MailApp.sent).toHaveLength(columnValues(outbox(), 'Mã thư').length);
    expect(google.spreadsheet.sheet(PEOPLE_SHEET)).toBeDefined();
  });

  it('sends one digest per person when one action moves several units', () => {
    const { google, as } = workflowBook();
    google.spreadsheet.sheet(PEOPLE_SHEET).type(6, 1, [
      [XA, 'xã', 'DV0002'],
      [HUYEN, 'huyện', 'Huyện 2'],
    ]);
    as(XA, [[2, 2]], 'register');
    as(XA, [[2, 2]], 'submit');
    const outbox = google.spreadsheet.sheet(OUTBOX_SHEET);
    expect(columnValues(outbox, 'Người nhận')).toEqual([HUYEN]);
    expect(columnValues(outbox, 'Tiêu đề')).toEqual([
      '[XHHT] 2 đơn vị có thay đổi trong quy trình công nhận',
    ]);
  });
});
