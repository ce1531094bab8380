import type { ChartSpec } from './chart';
/**
 * Mail is queued, never sent by a use case (DESIGN.md "Mail goes through the outbox"). Apps Script
 * allows 50 recipients per message and a daily recipient quota (100 on consumer accounts, 1,500 on
 * Workspace), so a message is queued as rows of at most 50 recipients, each with an idempotency key,
 * and a sender takes what the day's quota allows.
 */

export const MAX_RECIPIENTS = 50;

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'check';

export interface OutgoingMail {
  /** The event's key: the same event never queues twice. */
  readonly key: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** A chart the HTML shows inline (`cid:` CHART_CONTENT_ID), drawn by the mailer. */
  readonly chart?: ChartSpec;
}

/** A message as rows: its recipients (trimmed, lower-cased, once each) in groups of at most 50. */
export function splitRecipients(mail: OutgoingMail): OutgoingMail[] {
  const to = [...new Set(mail.to.map((address) => address.trim().toLowerCase()))].filter(Boolean);
  const parts: OutgoingMail[] = [];
  for (let i = 0; i < to.length; i += MAX_RECIPIENTS) {
    const group = to.slice(i, i + MAX_RECIPIENTS);
    const part = to.length > MAX_RECIPIENTS ? `#${i / MAX_RECIPIENTS + 1}` : '';
    parts.push({ ...mail, key: `${mail.key}${part}`, to: group });
  }
  return parts;
}

export interface QueuedRow {
  readonly index: number;
  readonly status: OutboxStatus;
  readonly recipients: number;
}

/**
 * Which queued rows this run sends, in order, within `quota` recipients; a row that does not fit
 * waits for the next run (rows keep their order: a later, smaller row does not jump the queue).
 * Rows left «sending» by a run that was cut off are not resent: they are reported for checking.
 */
export function planSend(
  rows: readonly QueuedRow[],
  quota: number,
): { send: number[]; check: number[]; waiting: number } {
  const check = rows.filter((row) => row.status === 'sending').map((row) => row.index);
  const queued = rows.filter((row) => row.status === 'queued');
  const send: number[] = [];
  let left = Math.max(0, quota);
  for (const row of queued) {
    if (row.recipients > left) break;
    send.push(row.index);
    left -= row.recipients;
  }
  return { send, check, waiting: queued.length - send.length };
}
