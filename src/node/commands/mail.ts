import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHART_CONTENT_ID } from '../../domain/chart';
import { escapeHtml } from '../../domain/html';
import { plural, tr } from '../../domain/i18n';
import { OUTBOX_SHEET, queuedMessages } from '../../sheets/outbox';
import { readSettings } from '../../sheets/settings-sheet';
import { composeSummary } from '../../sheets/summary-report';
import { chartPng } from '../chart-image';
import { EmlMailer, PLACEHOLDER_FROM } from '../eml-mailer';
import { EXIT, offlinePorts, openBook } from '../offline';
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
    const ports = offlinePorts(book);
    const summary = composeSummary(ports);
    await writeReport(folder, summary, readSettings(book, ports.clock.now()).mailFrom);
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
  from = '',
): Promise<void> {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'bieu-do.png'), chartPng(mail.chart));
  const page = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>${escapeHtml(mail.subject)}</title><body style="font-family:Arial,sans-serif">${mail.html.replace(`cid:${CHART_CONTENT_ID}`, 'bieu-do.png')}</body></html>`;
  writeFileSync(join(folder, 'bao-cao.html'), page);
  writeFileSync(join(folder, 'bao-cao.txt'), `${mail.text}\n`);
  const mailer = new EmlMailer(Number.POSITIVE_INFINITY, from || PLACEHOLDER_FROM);
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
  synopsis: 'mail <tệp.xlsx> --out THƯ_MỤC',
  summary: () =>
    tr(
      'Viết bản sao .eml của các thư «Chờ gửi» trong «Hộp thư đi» vào THƯ_MỤC để đọc; thư KHÔNG được gửi và vẫn chờ: Google Trang tính gửi sau khi tệp được tải lên lại (tệp .xlsx không đổi)',
      'Write .eml copies of the queued messages of «Hộp thư đi» into DIR to read; nothing is SENT and the messages stay queued: Google Sheets sends them once the file is uploaded again (the .xlsx is not changed)',
    ),
  options: { out: { type: 'string' } },
  async run({ positionals: [file], values }, print) {
    const source = required(file);
    if (!values.out) throw usage(tr('--out cần một thư mục.', '--out needs a folder.'));
    const book = await openBook(source);
    const ports = offlinePorts(book);
    const settings = readSettings(book, ports.clock.now());
    // Offline nothing leaves the computer: rows stay «Chờ gửi» for Sheets, and each copy says so.
    const mailer = new EmlMailer(
      Number.POSITIVE_INFINITY,
      settings.mailFrom || PLACEHOLDER_FROM,
      tr('[BẢN SAO – CHƯA GỬI] ', '[COPY – NOT SENT] '),
    );
    const queued = queuedMessages(book);
    for (const { message } of queued) mailer.send(message);
    const folder = resolve(String(values.out));
    await mailer.writeAll(folder);
    print(
      queued.length === 0
        ? tr(
            `Không có thư nào «Chờ gửi» trong trang «${OUTBOX_SHEET}».`,
            `No message is queued («Chờ gửi») in sheet «${OUTBOX_SHEET}».`,
          )
        : tr(
            `Đã viết ${queued.length} bản sao thư .eml vào «${folder}» để đọc. Các thư này CHƯA GỬI: chúng vẫn «Chờ gửi» trong trang «${OUTBOX_SHEET}», và Google Trang tính gửi sau khi tệp được tải lên lại (XHHT → Gửi thư trong hộp thư đi (quản trị), hoặc lần gửi tự động mỗi giờ). Đừng gửi tay các bản sao, kẻo người nhận nhận hai lần.`,
            `Wrote ${plural(queued.length, '.eml copy', '.eml copies')} into «${folder}» to read. These messages are NOT SENT: they stay queued in sheet «${OUTBOX_SHEET}», and Google Sheets sends them once the file is uploaded again (XHHT → Gửi thư trong hộp thư đi (quản trị), or the hourly automatic run). Do not send the copies by hand, or people get them twice.`,
          ),
    );
    if (!settings.mailFrom) {
      print(
        tr(
          'Trang «Cài đặt» chưa có «Địa chỉ gửi thư» (mailFrom): bản sao ghi một địa chỉ giữ chỗ ở dòng «Từ».',
          'The «Cài đặt» sheet has no «Địa chỉ gửi thư» (mailFrom): the copies show a placeholder sender.',
        ),
      );
    }
    return EXIT.ok;
  },
};
