import { readDate } from './cells';
import { tr } from './i18n';
import { formatDate } from './recognition';

/**
 * The date of a recognition decision as an officer types it, told apart when missing, not a real
 * day/month/year (32/13/2027), or more than a year ahead: a decision may take effect on a later day,
 * but years ahead is a year typed wrong (2062 for 2026). The same words in the menu, the sidebar and
 * `xhht`.
 */
export function readDecisionDate(
  typed: string,
  now: Date,
): { ok: true; value: Date } | { ok: false; problem: string } {
  const date = readDate(typed);
  if (!date.ok) {
    return {
      ok: false,
      problem:
        date.problem.kind === 'blank'
          ? tr(
              `Chưa ghi ngày quyết định (ngày/tháng/năm, ví dụ ${formatDate(now)}).`,
              `The decision date is missing (day/month/year, e.g. ${formatDate(now)}).`,
            )
          : tr(
              `«${date.problem.text}» không phải một ngày có thật dạng ngày/tháng/năm (ví dụ ${formatDate(now)}).`,
              `«${date.problem.text}» is not a real day/month/year date (e.g. ${formatDate(now)}).`,
            ),
    };
  }
  const yearAhead = new Date(now.getFullYear() + 1, now.getMonth(), now.getDate());
  if (date.value.getTime() > yearAhead.getTime()) {
    return {
      ok: false,
      problem: tr(
        `Ngày quyết định ${formatDate(date.value)} cách hôm nay (${formatDate(now)}) hơn một năm: kiểm tra lại năm.`,
        `The decision date ${formatDate(date.value)} is more than a year after today (${formatDate(now)}): check the year.`,
      ),
    };
  }
  return { ok: true, value: date.value };
}
