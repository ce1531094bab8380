import { describe, expect, it } from 'vitest';
import { type ActPorts, act } from '../../src/sheets/act';
import { sendMailAction } from '../../src/sheets/actions';
import { AUDIT_SHEET } from '../../src/sheets/audit-log';
import { OUTBOX_SHEET } from '../../src/sheets/outbox';
import { PEOPLE_SHEET } from '../../src/sheets/people-sheet';
import { gasMailer } from '../fakes/context';
import { columnValues, rubric } from './workbook-helpers';
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
    // Set-up made the outbox; registering queues nothing.
    expect(google.spreadsheet.sheet(OUTBOX_SHEET).getLastRow()).toBe(1);
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
    const ctx = { ...ports, mailer: gasMailer(google) };
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

describe('mail of a run cut off after its log', () => {
  it('is queued by the next run, once, with the key the cut run would have used', () => {
    const { google, ports, as } = workflowBook();
    const outbox = () => google.spreadsheet.sheet(OUTBOX_SHEET);
    as(XA, [[2, 1]], 'register');
    // The submission writes its state and its log row, then stops before the outbox.
    const cut: ActPorts = {
      ...ports,
      workbook: {
        ...ports.workbook,
        sheet: (name) => (name === OUTBOX_SHEET ? cutOff() : ports.workbook.sheet(name)),
        addSheet: (name) => (name === OUTBOX_SHEET ? cutOff() : ports.workbook.addSheet(name)),
      },
    };
    google.Session.email = XA;
    expect(() => act(cut, { action: 'submit' }, { sheet: rubric.scoringSheet, rows: [2] })).toThrow(
      'cut off',
    );
    expect(columnValues(google.spreadsheet.sheet(AUDIT_SHEET), 'Hành động').at(-1)).toBe('Gửi');
    expect(google.spreadsheet.sheet(OUTBOX_SHEET).getLastRow()).toBe(1);

    // The next run, on another unit and refused at that, queues the district's mail first.
    as(XA, [[3, 1]], 'register');
    expect(columnValues(outbox(), 'Người nhận')).toEqual([HUYEN]);
    expect(String(columnValues(outbox(), 'Nội dung')[0])).toContain(
      `• DV0001 – Đơn vị 1 (mẫu) (Huyện 1): Chờ huyện thẩm định (${XA})`,
    );
    // The same mail as an uncut run: a fresh workbook doing the same steps at the same time.
    const uncut = workflowBook();
    uncut.as(XA, [[2, 1]], 'register');
    uncut.as(XA, [[2, 1]], 'submit');
    expect(columnValues(uncut.google.spreadsheet.sheet(OUTBOX_SHEET), 'Mã thư')).toEqual(
      columnValues(outbox(), 'Mã thư'),
    );
    // Later runs do not queue it again.
    as(HUYEN, [[2, 1]], 'approve');
    as(HUYEN, [[2, 1]], 'approve');
    expect(columnValues(outbox(), 'Người nhận')).toEqual([HUYEN, TINH]);
  });
});

function cutOff(): never {
  throw new Error('cut off');
}
