import { tr } from './i18n';
import { known, LEVEL_LABELS, type LevelNumber, type LevelsRubric } from './rubric';

/**
 * The rules around a level (TT 25/2023 Điều 5, REGULATIONS.md §3.1): mức độ 2 only some months after
 * the mức độ 1 decision, and a recognition kept for a number of months following its year.
 */

export interface PreviousRecognition {
  readonly level: LevelNumber;
  /** Date of the recognition decision. */
  readonly date: Date;
}

export interface LevelOutcome {
  readonly level: LevelNumber | 0;
  readonly label: string;
  /** Why the level is lower than the indicators reach, or ''. */
  readonly note: string;
  /** The previous recognition's end of validity, when both its date and the rubric's period are known. */
  readonly validUntil?: Date;
  readonly expired?: boolean;
}

/** The same day `months` later; a day the month lacks becomes its last day (31/01 + 1 → 28/02). */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(date.getFullYear(), date.getMonth() + months, 1);
  const lastDay = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
  return new Date(target.getFullYear(), target.getMonth(), Math.min(date.getDate(), lastDay));
}

/** dd/mm/yyyy, as Vietnamese documents write dates. */
export function formatDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getDate())}/${two(date.getMonth() + 1)}/${date.getFullYear()}`;
}

/**
 * The last day a recognition decided on `decided` holds: "bảo lưu trong thời hạn 3 năm (36 tháng) tiếp
 * theo năm được công nhận" (TT 25/2023, REGULATIONS.md §3.1 [V] S14): the months follow the year of
 * the decision, so they count from its last day.
 */
export function lastValidDay(decided: Date, months: number): Date {
  return addMonths(new Date(decided.getFullYear(), 11, 31), months);
}

/** Whether a recognition valid through `until` (the whole of that day) has ended at `now`. */
export function hasEnded(until: Date, now: Date): boolean {
  return now >= new Date(until.getFullYear(), until.getMonth(), until.getDate() + 1);
}

export function applyLevelRules(
  rubric: LevelsRubric,
  reached: LevelNumber | 0,
  previous: PreviousRecognition | undefined,
  now: Date,
  /** When the unit submitted: the wait is judged then, not at a later click (issue 10). */
  submitted: Date = now,
): LevelOutcome {
  let level = reached;
  let note = '';
  const wait = known(rubric.monthsBeforeNextLevel);
  if (reached === 2 && previous?.level === 1 && wait !== undefined) {
    const from = addMonths(previous.date, wait);
    if (submitted < from) {
      level = 1;
      note = tr(
        `Đạt chỉ tiêu mức độ 2 nhưng chưa đủ ${wait} tháng ở mức độ 1 (được xét mức độ 2 từ ${formatDate(from)}).`,
        `Meets level 2 but has not spent ${wait} months at level 1 (level 2 can be recognised from ${formatDate(from)}).`,
      );
    }
  }
  const validity = known(rubric.validityMonths);
  const base = { level, label: LEVEL_LABELS[level], note };
  if (!previous || validity === undefined) return base;
  const validUntil = lastValidDay(previous.date, validity);
  return { ...base, validUntil, expired: hasEnded(validUntil, now) };
}

export function validityText(outcome: LevelOutcome): string {
  if (!outcome.validUntil) return '';
  const until = formatDate(outcome.validUntil);
  return outcome.expired
    ? tr(`Hết hạn công nhận (${until})`, `Recognition expired (${until})`)
    : tr(`Còn hiệu lực đến ${until}`, `Valid until ${until}`);
}
