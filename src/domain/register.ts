import { textKey } from './cells';
import { daysUntil } from './deadlines';
import { tr } from './i18n';
import { formatDate, lastValidDay, type PreviousRecognition } from './recognition';
import { known, LEVEL_LABELS, type LevelNumber, type Rubric } from './rubric';

/**
 * What a title recognises, and the register of recognitions («Sổ công nhận») that outlives the year
 * (issue 10). TT 25/2023 and TT 24/2023 recognise «Mức độ 1» or «Mức độ 2»; QĐ 448 «Đạt»; TT 44/2014
 * and TT 22/2020 classify, and the decision recognises the result in whatever band (REGULATIONS.md
 * §2.3): which bands hold the title is the province's rule (default Khá and Tốt, to be confirmed).
 */

/** The bands a classification holds the title in when the province has not said: to be confirmed. */
export const DEFAULT_HOLDING_BANDS: readonly string[] = ['Tốt', 'Khá'];

/** The results that meet the title, from the best. */
export function titleResults(rubric: Rubric): string[] {
  if (rubric.method === 'levels') return [LEVEL_LABELS[2], LEVEL_LABELS[1]];
  const bands = rubric.bands.map((band) => band.label);
  if (rubric.holdingBands) return bands.filter((band) => rubric.holdingBands?.includes(band));
  const preset = bands.filter((band) => DEFAULT_HOLDING_BANDS.includes(band));
  return preset.length > 0 ? preset : bands;
}

/** Whether a result (a level or band label) meets the title. */
export function meetsTitle(rubric: Rubric, result: string): boolean {
  const key = textKey(result);
  return key !== '' && titleResults(rubric).some((label) => textKey(label) === key);
}

/**
 * A classification (points with more than one band above the fallback, TT 44/2014, TT 22/2020): the
 * decider records whatever band the unit reached; a pass/fail or levels title is recognised only when
 * met, so a submission that does not meet it is refused.
 */
export function isClassification(rubric: Rubric): boolean {
  return rubric.method === 'points' && rubric.bands.length > 1;
}

/** The level a label names («Mức độ 2» → 2), 0 for «Chưa đạt», undefined for anything else. */
export function levelOf(result: string): LevelNumber | 0 | undefined {
  const key = textKey(result);
  for (const level of [2, 1, 0] as const) {
    if (textKey(LEVEL_LABELS[level]) === key) return level;
  }
  return undefined;
}

/** The last day a recognition holds, where the title has a validity rule. */
export function validUntilOf(rubric: Rubric, decided: Date): Date | undefined {
  const months = rubric.method === 'levels' ? known(rubric.validityMonths) : undefined;
  return months === undefined ? undefined : lastValidDay(decided, months);
}

export type RegisterKind = 'recognise' | 'import' | 'migrate' | 'revoke';

/** How each kind reads in the register's «Loại ghi» column (a persisted name: see docs/STATE.md). */
export const REGISTER_KINDS: Readonly<Record<RegisterKind, string>> = {
  recognise: 'Công nhận',
  import: 'Nhập công nhận trước đây',
  migrate: 'Chuyển từ phiên bản trước',
  revoke: 'Thu hồi / hủy công nhận',
};

export function registerKind(text: string): RegisterKind | undefined {
  const key = textKey(text);
  return (Object.keys(REGISTER_KINDS) as RegisterKind[]).find(
    (kind) => textKey(REGISTER_KINDS[kind]) === key,
  );
}

export interface RegisterEntry {
  readonly kind: RegisterKind;
  /** The rubric id of the title. */
  readonly title: string;
  readonly unit: string;
  readonly name: string;
  /** The level or band decided; for a revocation, the result it revoked. */
  readonly result: string;
  /** The decision's number (for a revocation, the revoking decision's). */
  readonly decisionNumber: string;
  readonly decisionDate: Date;
  readonly decider: string;
  readonly validUntil?: Date;
  /** A revocation: the number of the decision it revokes. */
  readonly revokes?: string;
  readonly reason?: string;
  /** The «Nhật ký» row that made it (1-based sheet row), when one did. */
  readonly logRow?: number;
}

const sameUnit = (entry: RegisterEntry, title: string, unit: string) =>
  textKey(entry.title) === textKey(title) && textKey(entry.unit) === textKey(unit);

/**
 * The entries by unit (its code's key), in the register's order: what `recognitionsOf` and the rules
 * built on it find among all the entries for one unit, so that a use case asking for every unit of a
 * province looks at each unit's few entries rather than the whole register each time.
 */
export function registerByUnit(
  entries: readonly RegisterEntry[],
): ReadonlyMap<string, readonly RegisterEntry[]> {
  const byUnit = new Map<string, RegisterEntry[]>();
  for (const entry of entries) {
    const key = textKey(entry.unit);
    const list = byUnit.get(key);
    if (list) list.push(entry);
    else byUnit.set(key, [entry]);
  }
  return byUnit;
}

/**
 * The recognitions of a unit for a title, oldest first, without those a later revocation cancelled.
 * A revocation names the decision it revokes; one with a blank number revokes the latest before it.
 */
export function recognitionsOf(
  entries: readonly RegisterEntry[],
  title: string,
  unit: string,
): RegisterEntry[] {
  const standing: RegisterEntry[] = [];
  const mine = entries
    .filter((entry) => sameUnit(entry, title, unit))
    .map((entry, order) => ({ entry, order }))
    .sort(
      (a, b) =>
        a.entry.decisionDate.getTime() - b.entry.decisionDate.getTime() || a.order - b.order,
    );
  for (const { entry } of mine) {
    if (entry.kind !== 'revoke') {
      standing.push(entry);
      continue;
    }
    const target = textKey(entry.revokes ?? '');
    let at = standing.length - 1;
    while (at >= 0 && target !== '' && textKey(standing[at]?.decisionNumber ?? '') !== target) {
      at -= 1;
    }
    if (at >= 0) standing.splice(at, 1);
  }
  return standing;
}

/** Whether a recognition valid through `until` still holds on `at` (the whole of that day). */
function holdsOn(until: Date | undefined, decided: Date, at: Date): boolean {
  if (decided > at) return false;
  if (!until) return false;
  return at < new Date(until.getFullYear(), until.getMonth(), until.getDate() + 1);
}

/**
 * The unit's recognition that meets the title and still holds on `at`, the latest if several: what
 * progress, the summary and the export count for a unit whose current cycle has no decision.
 * A title without a validity rule carries no recognition over to later dates.
 */
export function standingRecognition(
  entries: readonly RegisterEntry[],
  rubric: Rubric,
  unit: string,
  at: Date,
): RegisterEntry | undefined {
  const holding = recognitionsOf(entries, rubric.id, unit).filter(
    (entry) =>
      meetsTitle(rubric, entry.result) &&
      holdsOn(entry.validUntil ?? validUntilOf(rubric, entry.decisionDate), entry.decisionDate, at),
  );
  return holding[holding.length - 1];
}

/**
 * The recognition the 12-month wait and the validity rule start from: the latest level decided on or
 * before `at` (the date the unit submitted), not revoked.
 */
export function previousRecognition(
  entries: readonly RegisterEntry[],
  title: string,
  unit: string,
  at: Date,
): PreviousRecognition | undefined {
  const levels = recognitionsOf(entries, title, unit)
    .map((entry) => ({ entry, level: levelOf(entry.result) }))
    .filter(({ entry, level }) => entry.decisionDate <= at && (level === 1 || level === 2));
  const latest = levels[levels.length - 1];
  return latest
    ? { level: latest.level as LevelNumber, date: latest.entry.decisionDate }
    : undefined;
}

/** «Đã xếp loại: Chưa đạt»: a decision in a band that does not hold the title. */
export function classifiedLabel(result: string): string {
  return tr(`Đã xếp loại: ${result}`, `Classified: ${result}`);
}

/** What a step asks of a title's result: where it is shown, and the level applied for, if any. */
export interface TitleStep {
  /** The step's name, as the officer chose it («Gửi», «Duyệt», «Công nhận»). */
  readonly step: string;
  /** The result judged: the reviewers' where they adjusted values, else the unit's own. */
  readonly result: string;
  /** The cell showing the result, as messages name it. */
  readonly resultCell: string;
  readonly applied?: LevelNumber;
  /** The cell holding the level applied for, once submitted. */
  readonly appliedCell?: string;
}

/**
 * Why a levels or pass/fail title cannot take this result, or undefined: it is submitted, approved
 * and recognised only when the result meets the title, and at the level applied for. A
 * classification takes any band (the decision classifies; which bands hold the title is counted).
 */
export function titleRefusal(rubric: Rubric, step: TitleStep): string | undefined {
  if (isClassification(rubric)) return undefined;
  const { result, resultCell: where, applied } = step;
  if (!meetsTitle(rubric, result)) {
    return tr(
      `${where}: kết quả «${result || 'chưa có'}» không đạt danh hiệu «${rubric.title}» (cần ${titleResults(rubric).join(' hoặc ')}); không «${step.step}» được.`,
      `${where}: the result «${result || 'none'}» does not meet the title «${rubric.title}» (${titleResults(rubric).join(' or ')} is needed); cannot «${step.step}».`,
    );
  }
  if (rubric.method === 'levels' && applied !== undefined && (levelOf(result) ?? 0) < applied) {
    const at = step.appliedCell ? ` (${step.appliedCell})` : '';
    return tr(
      `${where}: kết quả «${result}» thấp hơn mức đề nghị «${LEVEL_LABELS[applied]}»${at}; không «${step.step}» được.`,
      `${where}: the result «${result}» is below the level applied for, «${LEVEL_LABELS[applied]}»${at}; cannot «${step.step}».`,
    );
  }
  return undefined;
}

/** Why a decision cannot bear this date, or undefined: it never comes before the dossier it decides. */
export function decisionDateRefusal(
  decided: Date,
  submitted: { readonly day: Date; readonly cell: string } | undefined,
): string | undefined {
  if (!submitted || daysUntil(decided, submitted.day) >= 0) return undefined;
  return tr(
    `Ngày quyết định ${formatDate(decided)} trước ngày đơn vị nộp hồ sơ (${submitted.cell}: ${formatDate(submitted.day)}); kiểm tra lại ngày.`,
    `The decision date ${formatDate(decided)} is before the day the unit sent its dossier (${submitted.cell}: ${formatDate(submitted.day)}); check the date.`,
  );
}
