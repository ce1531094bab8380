import { plural, tr } from './i18n';

/**
 * A list in a message, cut to its first `max` lines and a last line saying how many more: a mail must
 * fit one outbox cell (50,000 characters) however many units a district holds.
 */
export const MAX_MAIL_LINES = 50;

export function atMost(lines: readonly string[], max = MAX_MAIL_LINES): string[] {
  if (lines.length <= max) return [...lines];
  const more = lines.length - max;
  return [
    ...lines.slice(0, max),
    tr(
      `… và ${more} đơn vị khác (xem «Việc của tôi» trong bảng tính).`,
      `… and ${plural(more, 'more unit', 'more units')} (see «My work» in the spreadsheet).`,
    ),
  ];
}
