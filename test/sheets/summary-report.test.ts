import { describe, expect, it } from 'vitest';
import { CHART_CONTENT_ID } from '../../src/domain/chart';
import { formatDate } from '../../src/domain/recognition';
import { previewSummaryAction, sendMailAction, sendSummaryAction } from '../../src/sheets/actions';
import { AUDIT_SHEET, checkAudit, verifyAuditLog } from '../../src/sheets/audit-log';
import { CRITERIA_SHEET, SETTINGS_SHEET } from '../../src/sheets/layout';
import { OUTBOX_SHEET } from '../../src/sheets/outbox';
import { composeSummary } from '../../src/sheets/summary-report';
import { gasMailer, NOW } from '../fakes/context';
import type { FakeHtmlOutput } from '../fakes/services';
import { columnValues, rubric, setDeadline } from './workbook-helpers';
import { ADMIN, HUYEN, TINH, workflowBook, XA } from './workflow-helpers';

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
    sendSummaryAction({ ...ports, mailer: gasMailer(google) });
    expect(alerts.at(-1)?.prompt).toMatch(/^Chưa có người nhận/);

    withRecipients(book, 'bcd1@example.org, BCD2@example.org');
    const text = composeSummary(ports).mail.text;
    expect(text).toContain('Huyện 1 | 1 | 1 | 0 | 0 | 0 | 0 | 0');
    expect(text).toContain('Toàn tỉnh | 3 | 3 | 0 | 0 | 0 | 0 | 0');
    expect(text).toContain('Trả lại cho xã | 1');
    // Where the units stand, per district and per cluster: the returned unit drafts again in Huyện 1.
    expect(text).toContain(
      [
        'Địa bàn (huyện cũ) | Đơn vị | Đã công nhận | Đang xét duyệt | Đơn vị đang tự đánh giá | Chưa đăng ký / hết hạn | Không công nhận',
        'Huyện 1 | 1 | 0 | 0 | 1 | 0 | 0',
        'Huyện 2 | 1 | 0 | 0 | 0 | 1 | 0',
        'Huyện 3 | 1 | 0 | 0 | 0 | 1 | 0',
        'Toàn tỉnh | 3 | 0 | 0 | 1 | 2 | 0',
      ].join('\n'),
    );
    expect(text).toContain(
      'Cụm | Đơn vị | Đã công nhận | Đang xét duyệt | Đơn vị đang tự đánh giá | Chưa đăng ký / hết hạn | Không công nhận\nII | 3 | 0 | 0 | 1 | 2 | 0',
    );
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
    setDeadline(google, 'submit', '28/02');
    expect(composeSummary(ports).mail.text).toContain(
      'Quá hạn (1 đơn vị):\n• DV0001 – Đơn vị 1 (mẫu) (Huyện 1): Quá hạn nộp hồ sơ (đến hết 28/02/2026)',
    );
    setDeadline(google, 'submit', '');
    settings.type(rowOf('year'), 3, [[2026]]);
    const audit = checkAudit(ports);
    const head = audit.check.ok ? audit.check.head : '';
    // Never verified in full yet: the summary says so, and hashes nothing itself.
    expect(text).toContain(
      `Nhật ký: 3 dòng. Mã đầu chuỗi: ${head}. Chưa có lần kiểm tra toàn bộ nào`,
    );
    expect(verifyAuditLog(ports)).toMatchObject({
      done: true,
      verification: { ok: true, rows: 3 },
    });
    expect(composeSummary(ports).mail.text).toContain(
      `Nhật ký: 3 dòng. Mã đầu chuỗi: ${head}. Lần kiểm tra toàn bộ gần nhất (${formatDate(NOW)} ${String(NOW.getHours()).padStart(2, '0')}:${String(NOW.getMinutes()).padStart(2, '0')}, 3 dòng): nguyên vẹn.`,
    );

    sendSummaryAction({ ...ports, mailer: gasMailer(google) });
    sendSummaryAction({ ...ports, mailer: gasMailer(google) });
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

describe('the summary at province scale', () => {
  it('reads each sheet once, writes no scoring sheet, and cites the last verification of the log', () => {
    const book = workflowBook();
    const { google, ports, as } = book;
    as(XA, [[2, 1]], 'register');
    verifyAuditLog(ports);
    // A hand edit of the log after the verification: the summary cites the verification, not a new hash.
    google.spreadsheet.sheet(AUDIT_SHEET).type(2, 7, [['sửa tay']]);
    const before = google.spreadsheet.sheet(rubric.scoringSheet).snapshot();
    google.io.reset();
    const text = composeSummary(ports).mail.text;
    expect(google.spreadsheet.sheet(rubric.scoringSheet).snapshot()).toEqual(before);
    expect(google.io.calls.get('setValues') ?? 0).toBe(0);
    const sheetsRead = google.io.calls.get('getValues') ?? 0;
    // Each sheet once, and of the log only its header, unit and record columns (the «sửa tay» check).
    expect(sheetsRead).toBeLessThanOrEqual(google.spreadsheet.sheets.length + 2);
    const logRows = google.spreadsheet.sheet(AUDIT_SHEET).getLastRow();
    expect(google.io.cellsRead).toBeLessThan(
      google.spreadsheet.sheets
        .filter((sheet) => sheet.getName() !== AUDIT_SHEET)
        .reduce((sum, sheet) => sum + sheet.getLastRow() * sheet.getLastColumn(), 0) +
        3 * logRows,
    );
    expect(text).toContain('nguyên vẹn');
    // The next verification finds the edit, and the summary then says so.
    expect(verifyAuditLog(ports)).toMatchObject({
      done: true,
      verification: { ok: false, row: 2 },
    });
    expect(composeSummary(ports).mail.text).toContain('Nhật ký: KHÔNG còn nguyên vẹn');
  });
});

describe('the summary’s progress, changes and chart', () => {
  it('measures progress against the title’s target, says what changed since the last report, and draws the chart inline', () => {
    const book = workflowBook();
    const { google, ports, as } = book;
    withRecipients(book, 'bcd@example.org');
    const preview = () => composeSummary(ports).mail.text;
    expect(preview()).toContain(
      'Tiến độ: 0/3 đơn vị đã công nhận (0%); chưa đặt chỉ tiêu (dòng Quy tắc CHI_TIEU ở trang «Tiêu chí»).',
    );
    // The province sets a target of 50% for this title.
    const criteria = google.spreadsheet.sheet(CRITERIA_SHEET);
    criteria.type(criteria.snapshot().length + 1, 1, [
      [rubric.id, 'Quy tắc', 'CHI_TIEU', 'Chỉ tiêu công nhận', '', '', 50],
    ]);
    expect(preview()).toContain(
      'Tiến độ: 0/3 đơn vị đã công nhận (0%); chỉ tiêu 50%: còn thiếu 2 đơn vị.',
    );
    expect(preview()).not.toContain('So với báo cáo');
    sendSummaryAction({ ...ports, mailer: gasMailer(google) });

    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    as(HUYEN, [[2, 1]], 'approve');
    as(TINH, [[2, 1]], 'recognise', '125/QĐ-UBND', '20/03/2027');
    const text = preview();
    expect(text).toContain(
      'Tiến độ: 1/3 đơn vị đã công nhận (33,3%); chỉ tiêu 50%: còn thiếu 1 đơn vị.',
    );
    expect(text).toContain(`So với báo cáo ngày ${formatDate(NOW)}: 4 dòng nhật ký mới.`);
    expect(text).toContain(
      'Thay đổi so với báo cáo trước:\n• Chưa đăng ký: 3 → 2 (-1)\n• Đã công nhận: 0 → 1 (+1)',
    );
    // A 60% target is not reached by 1 of 3; 30% is.
    criteria.type(criteria.snapshot().length, 7, [[30]]);
    expect(preview()).toContain('(33,3%); đã đạt chỉ tiêu 30%.');

    // Queued and sent, the chart goes inline: the Charts service draws the report's own counts.
    sendSummaryAction({ ...ports, mailer: gasMailer(google) });
    google.Session.email = ADMIN;
    sendMailAction({ ...ports, mailer: gasMailer(google) });
    const sent = google.MailApp.sent.filter((mail) => mail.subject.startsWith('[XHHT] Báo cáo'));
    expect(sent).toHaveLength(2);
    const image = sent[1]?.inlineImages?.[CHART_CONTENT_ID];
    expect(image?.contentType).toBe('image/png');
    expect(sent[1]?.htmlBody).toContain(`<img src="cid:${CHART_CONTENT_ID}"`);
    expect(image?.drawn).toMatchObject({
      stacked: true,
      columns: [
        ['STRING', ''],
        ['NUMBER', 'Đã công nhận'],
        ['NUMBER', 'Đang xét duyệt'],
        ['NUMBER', 'Đơn vị đang tự đánh giá'],
        ['NUMBER', 'Chưa đăng ký / hết hạn'],
        ['NUMBER', 'Không công nhận'],
      ],
      rows: [[`${rubric.title} (${rubric.id})`, 1, 0, 0, 2, 0]],
    });
  });

  it('speaks the committee’s language from the settings, whatever the menus speak', () => {
    const book = workflowBook();
    const settings = book.google.spreadsheet.sheet(SETTINGS_SHEET);
    const row = settings.snapshot().findIndex((r) => r[0] === 'summaryLanguage') + 1;
    settings.type(row, 3, [['English']]);
    const text = composeSummary(book.ports).mail.text;
    expect(text).toMatch(/^XHHT năm \d{4} — report of /);
    expect(text).toContain('Progress: 0/3 units recognised (0%)');
    expect(text).toContain('Not registered | 3');
    // The menus stay Vietnamese.
    sendSummaryAction({ ...book.ports, mailer: gasMailer(book.google) });
    expect(book.google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(/^Chưa có người nhận/);
  });
});

describe('the preview', () => {
  it('opens the mail as the committee will see it, the chart drawn in place', () => {
    const { google, ports } = workflowBook();
    previewSummaryAction(ports);
    const dialog = google.SpreadsheetApp.ui.dialogs.at(-1);
    expect(dialog?.title).toMatch(/^\[XHHT\] Báo cáo tổng hợp XHHT năm \d{4} ngày /);
    const page = dialog?.page as FakeHtmlOutput;
    expect(page.content).toContain('<h3>Đơn vị học tập (TT22_2020_DVHT)</h3>');
    expect(page.content).not.toContain('cid:');
    // The image in the page is what the Charts service drew from the report's counts.
    const data = /src="data:image\/png;base64,([^"]+)"/.exec(page.content)?.[1] ?? '';
    expect(JSON.parse(Buffer.from(data, 'base64').toString())).toMatchObject({
      title: 'Tình hình công nhận theo danh hiệu',
      rows: [[`${rubric.title} (${rubric.id})`, 0, 0, 0, 3, 0]],
    });
  });
});

describe('sending the summary now', () => {
  it('sends at once when an administrator asks, and only queues for anyone else', () => {
    const book = workflowBook();
    const { google, ports } = book;
    withRecipients(book, 'bcd@example.org');
    google.Session.email = HUYEN;
    sendSummaryAction({ ...ports, mailer: gasMailer(google) });
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toBe(
      'Đã xếp báo cáo vào «Hộp thư đi» cho 1 người nhận.\nThư đi khi người quản trị chọn «Gửi thư trong hộp thư đi», hoặc trong vòng một giờ nếu đã bật gửi thư tự động.',
    );
    expect(google.MailApp.sent).toHaveLength(0);
    book.as(XA, [[2, 1]], 'register');
    google.Session.email = ADMIN;
    sendSummaryAction({ ...ports, mailer: gasMailer(google) });
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(
      /^Đã xếp báo cáo vào «Hộp thư đi» cho 1 người nhận\.\nĐã gửi 2 thư\./,
    );
    expect(google.MailApp.sent.map((mail) => mail.to)).toEqual([
      'bcd@example.org',
      'bcd@example.org',
    ]);
  });
});
