import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type MailComposer from 'nodemailer/lib/mail-composer';
import { CHART_CONTENT_ID } from '../domain/chart';
import type { MailerPort, MailMessage } from '../sheets/ports';
import { chartPng } from './chart-image';

/**
 * Offline, the outbox "sends" into .eml files: each message is composed by nodemailer's MailComposer
 * (MIME, encoded Vietnamese headers, text and HTML parts, the chart as an inline PNG) and written under a folder, one file per
 * message, to open in any mail program. Sending is synchronous in the port, composing is not, so
 * messages are kept until `writeAll`.
 */
/** The sender when the settings name none. */
export const PLACEHOLDER_FROM = 'XHHT Sheets <xhht@example.invalid>';

export class EmlMailer implements MailerPort {
  private readonly pending: MailMessage[] = [];

  constructor(
    private quota = Number.POSITIVE_INFINITY,
    private readonly from = PLACEHOLDER_FROM,
    /** Put before each subject: a copy says it was not sent («[BẢN SAO – CHƯA GỬI] »). */
    private readonly label = '',
  ) {}

  remainingDailyQuota(): number {
    return this.quota;
  }

  send(message: MailMessage): void {
    this.quota -= message.to.length;
    this.pending.push(message);
  }

  /** Writes every message sent so far as `<n>.eml` (or `<name>.eml` for one) in `folder`; returns the paths. */
  async writeAll(folder: string, name?: string): Promise<string[]> {
    mkdirSync(folder, { recursive: true });
    const paths: string[] = [];
    // nodemailer is loaded by the commands that write mail only (it slows every start otherwise).
    const Composer = createRequire(import.meta.url)(
      'nodemailer/lib/mail-composer',
    ) as typeof MailComposer;
    for (const [i, message] of this.pending.splice(0).entries()) {
      const raw = await new Composer({
        from: this.from,
        to: [...message.to],
        subject: `${this.label}${message.subject}`,
        text: message.textBody,
        ...(this.label ? { headers: { 'X-XHHT-Status': 'not-sent' } } : {}),
        ...(message.htmlBody === undefined ? {} : { html: message.htmlBody }),
        // The chart as the HTML references it: an inline part with its content id.
        ...(message.chart
          ? {
              attachments: [
                {
                  filename: `${CHART_CONTENT_ID}.png`,
                  content: chartPng(message.chart),
                  contentType: 'image/png',
                  cid: CHART_CONTENT_ID,
                },
              ],
            }
          : {}),
      })
        .compile()
        .build();
      const path = join(
        folder,
        `${name ?? String(i + 1).padStart(3, '0')}${name && i > 0 ? `-${i + 1}` : ''}.eml`,
      );
      writeFileSync(path, raw);
      paths.push(path);
    }
    return paths;
  }
}
