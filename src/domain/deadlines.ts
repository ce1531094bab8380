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

/** The last day of a deadline for the assessment `year`: in year N+1, to the end of that day. */
function lastMoment(deadline: DayMonth, year: number): Date {
  return new Date(year + 1, deadline.month - 1, deadline.day, 23, 59, 59, 999);
}

/**
 * Why a unit is late at `now`, or undefined: the commune has not submitted by the submission deadline,
 * or the decision has not been taken by the decision deadline. Consolidation after the decision and
 * final states are never late.
 */
export function overdue(
  state: UnitState,
  ladder: Ladder,
  deadlines: Deadlines,
  year: number,
  now: Date,
): string | undefined {
  const late = (deadline: DayMonth | null) =>
    deadline && now > lastMoment(deadline, year)
      ? formatDate(new Date(year + 1, deadline.month - 1, deadline.day))
      : undefined;
  if (state.status === 'drafting') {
    const date = late(deadlines.submitBy);
    return date && tr(`Quá hạn gửi (${date})`, `Submission overdue (${date})`);
  }
  if (state.status === 'awaiting') {
    const decider = ladder.steps.findIndex((step) => step.kind === 'decide');
    const date = state.step <= decider ? late(deadlines.decideBy) : undefined;
    return date && tr(`Quá hạn quyết định (${date})`, `Decision overdue (${date})`);
  }
  return undefined;
}
