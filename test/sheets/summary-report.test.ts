import { describe, expect, it } from 'vitest';
import { previewSummaryAction, queueSummaryAction } from '../../src/sheets/actions';
import { checkAudit } from '../../src/sheets/audit-log';
import { SETTINGS_SHEET } from '../../src/sheets/layout';
import { OUTBOX_SHEET } from '../../src/sheets/outbox';
import { columnValues } from './workbook-helpers';
import { HUYEN, workflowBook, XA } from './workflow-helpers';

function withRecipients(book: ReturnType<typeof workflowBook>, typed: string) {
  const settings = book.google.spreadsheet.sheet(SETTINGS_SHEET);
  const row = settings.snapshot().findIndex((r) => r[0] === 'summaryTo') + 1;
  settings.type(row, 3, [[typed]]);
  return row;
}

describe('the summary report for the steering committee', () => {
  it('counts per district and per status, carries the log’s chain head, and queues once', () => {
    const book = workflowBook();
    const { google, ports, as } = book;
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    as(HUYEN, [[2, 1]], 'return', 'Thiếu <minh chứng>');
    const alerts = google.SpreadsheetApp.ui.alerts;
    queueSummaryAction(ports);
    expect(alerts.at(-1)?.prompt).toMatch(/^Chưa có người nhận/);

    withRecipients(book, 'bcd1@example.org, BCD2@example.org');
    previewSummaryAction(ports);
    const text = alerts.at(-1)?.prompt ?? '';
    expect(text).toContain('Huyện 1 | 1 | 1 | 0 | 0 | 0 | 0 | 0');
    expect(text).toContain('Toàn tỉnh | 3 | 3 | 0 | 0 | 0 | 0 | 0');
    expect(text).toContain('Trả lại cho xã | 1');
    // The sample units all belong to cluster II of the units sheet.
    expect(text).toContain(
      'Cụm | Đơn vị | Tốt | Khá | Trung bình | Chưa đạt | Lỗi | Chưa nhập\nII | 3 | 3',
    );
    expect(text).toContain('Chưa đăng ký | 2');
    expect(text).not.toContain('Quá hạn');
    // Assessing 2025 with submissions due by 28/02/2026: the returned unit is late.
    const settings = google.spreadsheet.sheet(SETTINGS_SHEET);
    const rowOf = (key: string) => settings.snapshot().findIndex((r) => r[0] === key) + 1;
    settings.type(rowOf('year'), 3, [[2025]]);
    settings.type(rowOf('submitBy'), 3, [['28/02']]);
    previewSummaryAction(ports);
    expect(alerts.at(-1)?.prompt).toContain(
      'Quá hạn (1 đơn vị):\n• DV0001 – Đơn vị 1 (mẫu) (Huyện 1): Quá hạn gửi (28/02/2026)',
    );
    settings.type(rowOf('submitBy'), 3, [['']]);
    settings.type(rowOf('year'), 3, [[2026]]);
    const audit = checkAudit(ports);
    expect(audit.check.ok && text).toContain(
      `Nhật ký: ${audit.check.ok ? audit.check.rows : 0} dòng, nguyên vẹn. Mã đầu chuỗi: ${audit.check.ok ? audit.check.head : ''}.`,
    );

    queueSummaryAction(ports);
    queueSummaryAction(ports);
    expect(alerts.at(-1)?.prompt).toBe(
      'Báo cáo giống hệt đã có trong «Hộp thư đi»; không xếp thêm.',
    );
    const outbox = google.spreadsheet.sheet(OUTBOX_SHEET);
    const reports = columnValues(outbox, 'Mã thư')
      .map((key, i) => [String(key), columnValues(outbox, 'Người nhận')[i]])
      .filter(([key]) => String(key).startsWith('bao-cao:'));
    expect(reports.map(([, to]) => to)).toEqual(['bcd1@example.org, bcd2@example.org']);
  });

  it('names the settings cell of a recipient that is not an email', () => {
    const book = workflowBook();
    const row = withRecipients(book, 'bcd1@example.org, ban chỉ đạo');
    previewSummaryAction(book.ports);
    expect(book.google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toContain(
      `Ô C${row}, trang «Cài đặt» (Người nhận báo cáo tổng hợp): «ban» không phải email`,
    );
  });
});
