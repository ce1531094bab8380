import { describe, expect, it } from 'vitest';
import { queueMail, sendOutbox } from '../../src/sheets/outbox';
import { OUTBOX_HEAD_KEY } from '../../src/sheets/outbox-seal';
import { gasMailer } from '../fakes/context';
import { OWNER } from '../fakes/google';
import { columnValues, headerColumn } from './workbook-helpers';
import { ADMIN, HUYEN, workflowBook, XA } from './workflow-helpers';

/** A workbook whose outbox holds one step mail XHHT queued (to the district officer). */
function queued() {
  const book = workflowBook();
  book.as(XA, [[2, 1]], 'register');
  book.as(XA, [[2, 1]], 'submit');
  const outbox = book.google.spreadsheet.sheet('Hộp thư đi');
  const ctx = { ...book.ports, mailer: gasMailer(book.google) };
  const statuses = () => columnValues(outbox, 'Trạng thái');
  const notes = () => columnValues(outbox, 'Ghi chú');
  return { ...book, outbox, ctx, statuses, notes };
}

/** A row typed into the outbox by an editor, as it would look if XHHT had queued it. */
function forgedRow(
  outbox: ReturnType<typeof queued>['outbox'],
  copyOf: number,
  changes: Record<string, unknown>,
) {
  const header = outbox.snapshot()[0] as string[];
  const row = [...(outbox.snapshot()[copyOf - 1] as unknown[])];
  for (const [name, value] of Object.entries(changes)) row[header.indexOf(name)] = value;
  return row;
}

describe('outbox rows are the product’s own', () => {
  it('marks each queued row and keeps the last mark outside the sheet', () => {
    const { google, outbox } = queued();
    const [mark] = columnValues(outbox, 'Mã kiểm tra');
    expect(mark).toMatch(/^[0-9a-f]{64}$/);
    expect(google.PropertiesService.document.getProperty(OUTBOX_HEAD_KEY)).toBe(mark);
    // Its sealed cells are plain text: a body of «1,5» would stay text and keep its mark.
    expect(outbox.numberFormats.get(`2,${headerColumn(outbox, 'Nội dung')}`)).toBe('@');
  });

  it('refuses a row appended by hand, even copying a real row and its mark, and marks it', () => {
    const { google, outbox, ctx, statuses, notes } = queued();
    outbox.type(3, 1, [
      forgedRow(outbox, 2, {
        'Mã thư': 'gia-mao',
        'Người nhận': 'ke.la@example.org',
        'Trạng thái': 'Chờ gửi',
      }),
    ]);
    outbox.type(4, 1, [forgedRow(outbox, 2, { 'Mã thư': 'gia-mao-2', 'Tiêu đề': 'Khẩn' })]);
    const report = sendOutbox(ctx);
    expect(report).toMatchObject({ sent: 1, check: ['gia-mao', 'gia-mao-2'] });
    expect(google.MailApp.sent.map((m) => m.to)).toEqual([HUYEN]);
    expect(statuses()).toEqual(['Đã gửi', 'Cần kiểm tra', 'Cần kiểm tra']);
    expect(notes()[1]).toMatch(/^Dòng này không do XHHT xếp vào hộp thư/);
  });

  it('refuses a queued row edited by hand', () => {
    const { google, outbox, ctx, statuses, notes } = queued();
    outbox.type(2, headerColumn(outbox, 'Người nhận'), [[`${HUYEN}, ke.la@example.org`]]);
    expect(sendOutbox(ctx).sent).toBe(0);
    expect(google.MailApp.sent).toHaveLength(0);
    expect(statuses()).toEqual(['Cần kiểm tra']);
    expect(notes()[0]).toMatch(/^Nội dung dòng này đã bị sửa tay/);
  });

  it('sends only to people of «Người dùng» and the settings’ recipients', () => {
    const { google, ports, ctx, statuses, notes } = queued();
    // Taken out of «Người dùng» after the mail was queued: the row waits for the administrator.
    const people = google.spreadsheet.sheet('Người dùng');
    people.type(3, 1, [['', '', '']]);
    expect(sendOutbox(ctx)).toMatchObject({ sent: 0, check: [expect.any(String)] });
    expect(statuses()).toEqual(['Cần kiểm tra']);
    expect(notes()[0]).toBe(
      `Người nhận ${HUYEN} không có trong trang «Người dùng» hay danh sách người nhận ở «Cài đặt»: không gửi.`,
    );
    // The settings' recipient list is the other place mail may go.
    const settings = google.spreadsheet.sheet('Cài đặt');
    const row = settings.snapshot().findIndex((cells) => cells[0] === 'summaryTo') + 1;
    settings.type(row, headerColumn(settings, 'Giá trị'), [['bcd@example.org']]);
    queueMail(ports, [{ key: 'bcd', to: ['bcd@example.org'], subject: 'BCĐ', text: 't' }]);
    expect(sendOutbox(ctx)).toMatchObject({ sent: 1 });
    expect(google.MailApp.sent.map((m) => m.to)).toEqual(['bcd@example.org']);
  });

  it('adopts the unmarked rows of an outbox the previous version kept, once', () => {
    const { google, outbox, ctx, statuses } = queued();
    // As the previous version left it: no mark columns, no head. Its header was not protected then:
    // the owner, who edits it and sends the mail here, stands in for that version.
    const mark = headerColumn(outbox, 'Mã kiểm tra');
    google.Session.email = OWNER;
    outbox.type(1, mark, [
      ['', ''],
      ['', ''],
    ]);
    google.PropertiesService.document.deleteProperty(OUTBOX_HEAD_KEY);
    expect(sendOutbox(ctx)).toMatchObject({ sent: 1, check: [] });
    expect(statuses()).toEqual(['Đã gửi']);
    expect(google.PropertiesService.document.getProperty(OUTBOX_HEAD_KEY)).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });

  it('sets aside a malformed chart row and sends the rest', () => {
    const { google, ports, ctx, statuses, notes } = queued();
    const chart = {
      title: 'x',
      categories: ['a'],
      series: [{ name: 's', values: [1, 2], color: '#000000' }],
      stacked: false,
      width: 600,
      height: 400,
    };
    queueMail(ports, [
      { key: 'hong', to: [HUYEN], subject: 'Hỏng', text: 't', html: '<p>x</p>', chart },
      { key: 'tot', to: [ADMIN], subject: 'Tốt', text: 't' },
    ]);
    const report = sendOutbox(ctx);
    expect(report).toMatchObject({ sent: 2, waiting: 0, check: ['hong'] });
    expect(statuses()).toEqual(['Đã gửi', 'Cần kiểm tra', 'Đã gửi']);
    expect(notes()[1]).toMatch(/^Ô «Biểu đồ \(dữ liệu\)» không phải mô tả biểu đồ hợp lệ/);
    expect(google.MailApp.sent.map((m) => m.subject)).toContain('Tốt');
  });
});
