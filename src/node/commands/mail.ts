import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHART_CONTENT_ID } from '../../domain/chart';
import { escapeHtml } from '../../domain/html';
import { tr } from '../../domain/i18n';
import { sendNotice, sendOutbox } from '../../sheets/outbox';
import { composeSummary } from '../../sheets/summary-report';
import { chartPng } from '../chart-image';
import { EmlMailer } from '../eml-mailer';
import { EXIT, offlinePorts, openBook, saveBook } from '../offline';
import { required, usage } from './book';
import type { Command } from './command';

/** The committee's report and the outbox, offline: files to open, and .eml messages to send by hand. */

export const report: Command = {
  name: 'report',
  synopsis: 'report <tệp.xlsx> --out THƯ_MỤC',
  summary: () =>
    tr(
      'Báo cáo tổng hợp: bao-cao.html, bieu-do.png, bao-cao.eml và bao-cao.txt trong THƯ_MỤC (tệp .xlsx không đổi)',
      'The summary report: bao-cao.html, bieu-do.png, bao-cao.eml and bao-cao.txt in DIR (the .xlsx is not changed)',
    ),
  options: { out: { type: 'string' } },
  async run({ positionals: [file], values }, print) {
    const book = await openBook(required(file));
    if (!values.out) throw usage(tr('--out cần một thư mục.', '--out needs a folder.'));
    const folder = resolve(String(values.out));
    const summary = composeSummary(offlinePorts(book));
    await writeReport(folder, summary);
    print(summary.mail.text);
    print(
      tr(
        `\nĐã ghi vào «${folder}»: bao-cao.html, bieu-do.png, bao-cao.txt, bao-cao.eml.${summary.to.length === 0 ? ' Chưa có người nhận trong trang «Cài đặt»: thư .eml gửi tới một địa chỉ giữ chỗ.' : ''}`,
        `\nWritten to «${folder}»: bao-cao.html, bieu-do.png, bao-cao.txt, bao-cao.eml.${summary.to.length === 0 ? ' No recipient in the «Cài đặt» sheet yet: the .eml goes to a placeholder address.' : ''}`,
      ),
    );
    return EXIT.ok;
  },
};

/** The summary as files: a page with its chart beside it, the chart, the text, and the message. */
export async function writeReport(
  folder: string,
  { mail, to }: ReturnType<typeof composeSummary>,
): Promise<void> {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'bieu-do.png'), chartPng(mail.chart));
  const page = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>${escapeHtml(mail.subject)}</title><body style="font-family:Arial,sans-serif">${mail.html.replace(`cid:${CHART_CONTENT_ID}`, 'bieu-do.png')}</body></html>`;
  writeFileSync(join(folder, 'bao-cao.html'), page);
  writeFileSync(join(folder, 'bao-cao.txt'), `${mail.text}\n`);
  const mailer = new EmlMailer();
  mailer.send({
    to: to.length > 0 ? to : ['ban-chi-dao@example.invalid'],
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html,
    chart: mail.chart,
  });
  await mailer.writeAll(folder, 'bao-cao');
}

export const mail: Command = {
  name: 'mail',
  synopsis: 'mail <tệp.xlsx> --out THƯ_MỤC [--quota N] [--force]',
  summary: () =>
    tr(
      'Gửi «Hộp thư đi» thành tệp .eml trong THƯ_MỤC (mở bằng chương trình thư để gửi) và ghi «Đã gửi» vào tệp',
      'Send the outbox as .eml files in DIR (open them in a mail program to send) and mark them sent in the file',
    ),
  options: { out: { type: 'string' }, quota: { type: 'string' }, force: { type: 'boolean' } },
  async run({ positionals: [file], values }, print) {
    const source = required(file);
    if (!values.out) throw usage(tr('--out cần một thư mục.', '--out needs a folder.'));
    const quota = values.quota === undefined ? Number.POSITIVE_INFINITY : Number(values.quota);
    if (Number.isNaN(quota) || quota < 0)
      throw usage(tr('--quota cần một số ≥ 0.', '--quota needs a number ≥ 0.'));
    const book = await openBook(source);
    const mailer = new EmlMailer(quota);
    const sent = sendOutbox({ ...offlinePorts(book), mailer });
    const paths = await mailer.writeAll(resolve(String(values.out)));
    await saveBook(book, source, source, Boolean(values.force));
    // Offline there is no daily quota: the counts say so; rows to check are reported as online.
    const [counts = '', ...checks] = sendNotice(sent).split('\n');
    print(
      Number.isFinite(quota)
        ? counts
        : tr(
            `Đã ghi ${sent.sent} thư .eml; ${sent.waiting} thư còn chờ.`,
            `Wrote ${sent.sent} .eml messages; ${sent.waiting} still wait.`,
          ),
    );
    for (const line of checks) print(line);
    const folder = resolve(String(values.out));
    if (paths.length > 0) print(tr(`Thư mục thư: ${folder}`, `Mail folder: ${folder}`));
    return sent.check.length > 0 ? EXIT.problems : EXIT.ok;
  },
};
