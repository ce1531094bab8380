import { escapeHtml } from './html';
import type { Summary } from './summary';

/**
 * The summary the steering committee reads by mail (issue 5): per title, the counts per district by
 * band or level and by workflow status, and the audit log's chain head and row count, so that the
 * committee's inboxes keep an outside witness of the log. Vietnamese, in text and escaped HTML.
 */

export interface ReportSheet {
  readonly title: string;
  readonly summary: Summary;
  /** Units per workflow status label, in first-seen order. */
  readonly statuses: ReadonlyMap<string, number>;
  /** The same counts per cluster (cụm), when the units carry one. */
  readonly byCluster?: Summary;
  /** Late units, one line each («DV0001 – tên (huyện): Quá hạn gửi (28/02/2027)»). */
  readonly overdue: readonly string[];
}

export interface ReportInput {
  readonly title: string;
  readonly date: string;
  readonly sheets: readonly ReportSheet[];
  readonly log: {
    readonly intact: boolean;
    readonly rows: number;
    readonly head: string;
    readonly message: string;
  };
}

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]) {
  const text = [header, ...rows].map((row) => row.join(' | ')).join('\n');
  const cell = (tag: string, value: string | number) =>
    `<${tag} style="border:1px solid #ccc;padding:2px 6px">${escapeHtml(String(value))}</${tag}>`;
  const html = `<table style="border-collapse:collapse"><tr>${header.map((h) => cell('th', h)).join('')}</tr>${rows
    .map((row) => `<tr>${row.map((v) => cell('td', v)).join('')}</tr>`)
    .join('')}</table>`;
  return { text, html };
}

export function summaryReport(input: ReportInput): { subject: string; text: string; html: string } {
  const text: string[] = [`${input.title} — báo cáo ngày ${input.date}`, ''];
  const html: string[] = [
    `<p><b>${escapeHtml(input.title)}</b> — báo cáo ngày ${escapeHtml(input.date)}</p>`,
  ];
  const counts = (first: string, summary: Summary) =>
    table(
      [first, 'Đơn vị', ...summary.bands, 'Lỗi', 'Chưa nhập'],
      [...summary.rows, summary.total].map((row) => [
        row.district,
        row.units,
        ...summary.bands.map((band) => row.byBand.get(band) ?? 0),
        row.invalid,
        row.empty,
      ]),
    );
  for (const sheet of input.sheets) {
    const bands = counts('Huyện', sheet.summary);
    const statuses = table(['Trạng thái', 'Số đơn vị'], [...sheet.statuses]);
    text.push(sheet.title, bands.text, '', statuses.text, '');
    html.push(`<h3>${escapeHtml(sheet.title)}</h3>`, bands.html, '<p></p>', statuses.html);
    if (sheet.byCluster) {
      const byCluster = counts('Cụm', sheet.byCluster);
      text.push(byCluster.text, '');
      html.push('<p></p>', byCluster.html);
    }
    if (sheet.overdue.length > 0) {
      const heading = `Quá hạn (${sheet.overdue.length} đơn vị):`;
      text.push(heading, ...sheet.overdue.map((line) => `• ${line}`), '');
      html.push(
        `<p>${escapeHtml(heading)}</p><ul>${sheet.overdue.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
      );
    }
  }
  const log = input.log.intact
    ? `Nhật ký: ${input.log.rows} dòng, nguyên vẹn. Mã đầu chuỗi: ${input.log.head || '(chưa có)'}. Hãy giữ thư này: mã này cho phép phát hiện về sau nếu nhật ký bị sửa.`
    : `Nhật ký: KHÔNG còn nguyên vẹn. ${input.log.message}`;
  text.push(log);
  html.push(`<p>${escapeHtml(log)}</p>`);
  return {
    subject: `[XHHT] Báo cáo tổng hợp ${input.title} ngày ${input.date}`,
    text: text.join('\n'),
    html: html.join(''),
  };
}
