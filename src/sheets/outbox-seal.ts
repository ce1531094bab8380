import { type CellValue, storedText, textKey } from '../domain/cells';
import type { ChartSpec } from '../domain/chart';
import { tr } from '../domain/i18n';
import type { HasherPort, StorePort } from './ports';

/**
 * Outbox rows are the product's own. When XHHT queues a row it writes beside it a mark: the SHA-256 of
 * the mark of the row it queued before and of the row's content (key, recipients, subject, bodies,
 * chart), and it keeps the last mark and the row count in the document properties, out of reach of a
 * sheet edit. The sender walks back from that kept mark through each row's «previous» mark: only the
 * rows on that path were queued by XHHT, and of those only the ones whose content still hashes to their
 * mark are sent. A row appended or inserted by hand is off the path; a row edited by hand fails its
 * hash; both are marked «Cần kiểm tra», never sent.
 */

export const OUTBOX_HEAD_KEY = 'xhht.outbox.head';
/** Set once the sealed columns are plain text. */
export const OUTBOX_PLAIN_TEXT_KEY = 'xhht.outbox.plainText';

/** The content columns a mark covers, in this order. */
export const SEALED_OUTBOX_KEYS = ['key', 'to', 'subject', 'text', 'html', 'chart'] as const;

type Digest = (text: string) => string;

export function outboxMark(
  previous: string,
  content: readonly CellValue[],
  sha256Hex: Digest,
): string {
  return sha256Hex(JSON.stringify([previous, ...content.map(storedText)]));
}

export interface OutboxRowSeal {
  readonly mark: string;
  readonly previous: string;
  /** The row's content, in SEALED_OUTBOX_KEYS order. */
  readonly content: readonly CellValue[];
}

/**
 * Which rows XHHT queued and nobody changed since: the 0-based indexes of the others, each with the
 * reason, in Vietnamese (the sheet's note). `head` is the kept mark; '' when nothing was queued with
 * marks yet.
 */
export function foreignRows(
  rows: readonly OutboxRowSeal[],
  head: string,
  sha256Hex: Digest,
  /** The rows to judge (those about to be sent): hashing every row sent long ago costs time. */
  judge: (index: number) => boolean = () => true,
): Map<number, string> {
  const ours = chainedRows(rows, head);
  const foreign = new Map<number, string>();
  rows.forEach((row, index) => {
    if (!judge(index)) return;
    if (!ours.has(index)) {
      foreign.set(
        index,
        tr(
          'Dòng này không do XHHT xếp vào hộp thư (thêm hoặc chép tay): không gửi.',
          'This row was not queued by XHHT (added or copied by hand): not sent.',
        ),
      );
    } else if (outboxMark(row.previous, row.content, sha256Hex) !== row.mark) {
      foreign.set(
        index,
        tr(
          'Nội dung dòng này đã bị sửa tay sau khi XHHT xếp vào hộp thư: không gửi.',
          'This row was edited by hand after XHHT queued it: not sent.',
        ),
      );
    }
  });
  return foreign;
}

/**
 * The 0-based indexes of the rows on the path back from the kept mark `head`: the rows XHHT queued
 * (their content not yet checked against their marks).
 */
export function chainedRows(
  rows: readonly Pick<OutboxRowSeal, 'mark' | 'previous'>[],
  head: string,
): Set<number> {
  const byMark = new Map<string, number>();
  rows.forEach((row, index) => {
    if (row.mark !== '' && !byMark.has(row.mark)) byMark.set(row.mark, index);
  });
  const ours = new Set<number>();
  let mark = head;
  while (mark !== '') {
    const index = byMark.get(mark);
    if (index === undefined || ours.has(index)) break;
    ours.add(index);
    mark = (rows[index] as Pick<OutboxRowSeal, 'previous'>).previous;
  }
  return ours;
}

/** The head kept outside the sheet. */
export function outboxHead(store: StorePort): string {
  return store.get(OUTBOX_HEAD_KEY) ?? '';
}

export function digestOf(hasher: HasherPort): Digest {
  return (text) => hasher.sha256Hex(text);
}

/**
 * Recipients a row may have: the emails of «Người dùng» and the settings' summary recipients. Returns
 * the addresses outside them.
 */
export function strangers(to: readonly string[], allowed: ReadonlySet<string>): string[] {
  return to.filter((address) => !allowed.has(textKey(address)));
}

/** A chart description read back from its cell, or why it cannot be drawn. */
export function readChart(text: string): { chart?: ChartSpec; problem?: string } {
  if (text.trim() === '') return {};
  try {
    const chart = JSON.parse(text) as ChartSpec;
    const numbers = (values: unknown) =>
      Array.isArray(values) && values.every((v) => typeof v === 'number' && Number.isFinite(v));
    if (
      chart &&
      typeof chart === 'object' &&
      typeof chart.title === 'string' &&
      Array.isArray(chart.categories) &&
      chart.categories.every((c) => typeof c === 'string') &&
      Array.isArray(chart.series) &&
      chart.series.every(
        (s) =>
          s &&
          typeof s.name === 'string' &&
          typeof s.color === 'string' &&
          numbers(s.values) &&
          s.values.length === chart.categories.length,
      ) &&
      typeof chart.stacked === 'boolean' &&
      Number.isInteger(chart.width) &&
      Number.isInteger(chart.height) &&
      chart.width > 0 &&
      chart.height > 0 &&
      chart.width <= 4000 &&
      chart.height <= 4000
    ) {
      return { chart };
    }
  } catch {
    // Reported below.
  }
  return {
    problem: tr(
      'Ô «Biểu đồ (dữ liệu)» không phải mô tả biểu đồ hợp lệ: thư này không gửi; các thư khác vẫn gửi.',
      'The «Biểu đồ (dữ liệu)» cell is not a valid chart description: this message is not sent; the others still are.',
    ),
  };
}
