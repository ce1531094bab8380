import { type CellValue, cellText, isBlank } from './cells';
import { tr } from './i18n';
import type { Ladder } from './ladder';
import { formatDate } from './recognition';
import type { UnitState } from './workflow';

/**
 * The year's deadlines: a day and month of the year after the assessment year (REGULATIONS.md §3.4,
 * §8.3: TT 25/2023 commune CĐHT, submit before 28/02 and decide before 31/03 of year N+1 [V] S22;
 * TT 24/2023 district ĐVHT, 15/01 and 15/02 [V] S38, S39). They differ by title and some are unknown,
 * so the settings hold them and a blank one is no deadline.
 */

export interface DayMonth {
  readonly day: number;
  readonly month: number;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** "28/02" (or a date Sheets made of it) to a day and month; blank is null; anything else fails. */
export function readDayMonth(
  value: CellValue,
): { ok: true; value: DayMonth | null } | { ok: false } {
  if (isBlank(value)) return { ok: true, value: null };
  if (value instanceof Date)
    return { ok: true, value: { day: value.getDate(), month: value.getMonth() + 1 } };
  const match = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})$/.exec(cellText(value));
  if (!match) return { ok: false };
  const day = Number(match[1]);
  const month = Number(match[2]);
  const last = DAYS_IN_MONTH[month - 1];
  return last !== undefined && day >= 1 && day <= last
    ? { ok: true, value: { day, month } }
    : { ok: false };
}

export function formatDayMonth({ day, month }: DayMonth): string {
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}`;
}

export interface Deadlines {
  readonly submitBy: DayMonth | null;
  readonly decideBy: DayMonth | null;
}

/** The deadline a unit in `state` works to: the commune's submission, or the decision; none after. */
export function deadlineFor(
  state: UnitState,
  ladder: Ladder,
  deadlines: Deadlines,
  year: number,
): { readonly kind: 'submit' | 'decide'; readonly day: Date } | undefined {
  const day = (deadline: DayMonth) => new Date(year + 1, deadline.month - 1, deadline.day);
  if (state.status === 'drafting' && deadlines.submitBy) {
    return { kind: 'submit', day: day(deadlines.submitBy) };
  }
  if (state.status === 'awaiting' && deadlines.decideBy) {
    const decider = ladder.steps.findIndex((step) => step.kind === 'decide');
    if (state.step <= decider) return { kind: 'decide', day: day(deadlines.decideBy) };
  }
  return undefined;
}

/** Whole days from `now`'s day to `day` (negative once it has passed; 0 on the day itself). */
export function daysUntil(day: Date, now: Date): number {
  const midnight = (date: Date) => Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
  return Math.round((midnight(day) - midnight(now)) / 86_400_000);
}

/**
 * Why a unit is late at `now`, or undefined: the commune has not submitted by the submission deadline,
 * or the decision has not been taken by the decision deadline (the last day counts in full).
 * Consolidation after the decision and final states are never late.
 */
export function overdue(
  state: UnitState,
  ladder: Ladder,
  deadlines: Deadlines,
  year: number,
  now: Date,
): string | undefined {
  const deadline = deadlineFor(state, ladder, deadlines, year);
  if (!deadline || daysUntil(deadline.day, now) >= 0) return undefined;
  const date = formatDate(deadline.day);
  return deadline.kind === 'submit'
    ? tr(`Quá hạn gửi (${date})`, `Submission overdue (${date})`)
    : tr(`Quá hạn quyết định (${date})`, `Decision overdue (${date})`);
}
