import { type CellValue, cellText, isBlank } from './cells';
import { tr } from './i18n';
import type { Ladder } from './ladder';
import { formatDate } from './recognition';
import type { UnitState } from './workflow';

/**
 * A title's deadlines (REGULATIONS.md §2.3, §3.4, §4.3, §5.2; REGULATIONS-2026.md §1.3, §3.2, §3.4,
 * §4.2): each a day and month in a year counted from the assessment year, and whether the day itself
 * is on time («đến hết ngày», «chậm nhất») or only the days before it («trước ngày»). They differ by
 * title and some are unknown, so they are rows of the criteria sheet the province may change; a
 * title without a row of a kind has no deadline of that kind.
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

/** submit: the dossier reaches the level that decides; decide: the decision is taken. */
export type DeadlineKind = 'submit' | 'decide';
export const DEADLINE_KINDS: readonly DeadlineKind[] = ['submit', 'decide'];

export interface Deadline extends DayMonth {
  readonly kind: DeadlineKind;
  /** Years after the assessment year: 1 for «năm sau liền kề năm đánh giá», 0 for the same year. */
  readonly yearOffset: number;
  /** Whether the day itself is on time («đến hết ngày», «chậm nhất»), or only the days before it. */
  readonly onTime: boolean;
  /** Where the date comes from. */
  readonly basis: string;
}

/** A deadline a title has whose date no text gives: the province enters it. */
export interface MissingDeadline {
  readonly kind: DeadlineKind;
  readonly missing: string;
  readonly basis: string;
}

export function deadlineLabel(kind: DeadlineKind): string {
  return kind === 'submit'
    ? tr('Hạn nộp hồ sơ', 'Dossier deadline')
    : tr('Hạn quyết định công nhận', 'Decision deadline');
}

/**
 * The deadline's date for an assessment year. A day the month lacks that year is the month's last
 * day: 29/02 in a common year is 28/02, never 01/03.
 */
/** Each deadline's date (as a time) by year, once worked out. */
const dates = new WeakMap<Deadline, Map<number, number>>();

export function deadlineDate(deadline: Deadline, year: number): Date {
  // Worked out once per deadline and year (a morning run asks for each of a province's units).
  let years = dates.get(deadline);
  if (!years) {
    years = new Map();
    dates.set(deadline, years);
  }
  let date = years.get(year);
  if (date === undefined) {
    const inYear = year + deadline.yearOffset;
    const last = new Date(inYear, deadline.month, 0).getDate();
    date = new Date(inYear, deadline.month - 1, Math.min(deadline.day, last)).getTime();
    years.set(year, date);
  }
  return new Date(date);
}

/** The last day that is still on time: the deadline's own day, or the day before it. */
export function lastDayOnTime(deadline: Deadline, year: number): Date {
  const date = deadlineDate(deadline, year);
  return deadline.onTime ? date : new Date(date.getFullYear(), date.getMonth(), date.getDate() - 1);
}

/** «trước 28/02/2027» or «đến hết 31/03/2027». */
export function deadlineWords(deadline: Deadline, year: number): string {
  const date = formatDate(deadlineDate(deadline, year));
  return deadline.onTime
    ? tr(`đến hết ${date}`, `by the end of ${date}`)
    : tr(`trước ${date}`, `before ${date}`);
}

export interface DueDeadline {
  readonly deadline: Deadline;
  /** The deadline's date in the assessment year's calendar. */
  readonly date: Date;
  /** The last day still on time. */
  readonly lastDay: Date;
}

/** The deadline a unit in `state` works to: the submission, or the decision; none after. */
export function deadlineFor(
  state: UnitState,
  ladder: Ladder,
  deadlines: readonly Deadline[],
  year: number,
): DueDeadline | undefined {
  const of = (kind: DeadlineKind): DueDeadline | undefined => {
    const deadline = deadlines.find((candidate) => candidate.kind === kind);
    return deadline
      ? { deadline, date: deadlineDate(deadline, year), lastDay: lastDayOnTime(deadline, year) }
      : undefined;
  };
  if (state.status === 'drafting') return of('submit');
  if (state.status === 'awaiting') {
    const decider = ladder.steps.findIndex((step) => step.kind === 'decide');
    if (state.step <= decider) return of('decide');
  }
  return undefined;
}

/** Whole days from `now`'s day to `day` (negative once it has passed; 0 on the day itself). */
export function daysUntil(day: Date, now: Date): number {
  const midnight = (date: Date) => Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
  return Math.round((midnight(day) - midnight(now)) / 86_400_000);
}

/**
 * Why a unit is late at `now`, or undefined: the dossier has not been sent by its deadline, or the
 * decision has not been taken by its deadline (the last day on time counts in full). Consolidation
 * after the decision and final states are never late.
 */
export function overdue(
  state: UnitState,
  ladder: Ladder,
  deadlines: readonly Deadline[],
  year: number,
  now: Date,
): string | undefined {
  const due = deadlineFor(state, ladder, deadlines, year);
  if (!due || daysUntil(due.lastDay, now) >= 0) return undefined;
  const when = deadlineWords(due.deadline, year);
  return due.deadline.kind === 'submit'
    ? tr(`Quá hạn nộp hồ sơ (${when})`, `Dossier overdue (${when})`)
    : tr(`Quá hạn quyết định (${when})`, `Decision overdue (${when})`);
}
