import {
  type CellValue,
  isBlank,
  type NumberProblem,
  normalizeText,
  readWholeNumber,
  textKey,
} from './cells';
import {
  hasLevelWording,
  type Indicator,
  indicatorsOf,
  known,
  LEVELS,
  type LevelNumber,
  type LevelsRubric,
} from './rubric';

/** Whether an indicator has a lower threshold for a unit in a difficult area. */
function hasHardThreshold(indicator: Indicator): boolean {
  return indicator.levels.some((r) => r.kind === 'percent' && r.minHard !== undefined);
}

/**
 * Assessing a unit against a levels rubric (TT 24/2023, TT 25/2023): each indicator is met or not at
 * mức độ 1 and mức độ 2; the level reached is the highest whose indicators are all met.
 */

/** One input cell of an indicator on the scoring sheet. */
export type InputPart = 'answer' | 'level1' | 'level2' | 'count' | 'total' | 'hardArea';

export interface IndicatorInput {
  readonly indicator: Indicator;
  readonly part: InputPart;
}

/**
 * The cells an officer fills for each indicator, in column order. A rubric with thresholds for a
 * difficult area asks once, before the first indicator that has them, whether the unit is in one.
 */
export function indicatorInputs(rubric: LevelsRubric): IndicatorInput[] {
  const indicators = indicatorsOf(rubric);
  const firstHard = indicators.find(hasHardThreshold);
  return indicators.flatMap((indicator): IndicatorInput[] => {
    const flag: IndicatorInput[] = indicator === firstHard ? [{ indicator, part: 'hardArea' }] : [];
    if (indicator.measure === 'ratio') {
      return [...flag, { indicator, part: 'count' }, { indicator, part: 'total' }];
    }
    if (hasLevelWording(indicator)) {
      return [
        { indicator, part: 'level1' },
        { indicator, part: 'level2' },
      ];
    }
    return [{ indicator, part: 'answer' }];
  });
}

export const ANSWERS = { met: 'Đạt', notMet: 'Chưa đạt', notApplicable: 'Không áp dụng' } as const;
/** The answers of the «Xã thuộc vùng khó khăn» column. */
export const HARD_AREA_ANSWERS = { yes: 'Có', no: 'Không' } as const;
/**
 * «Không áp dụng» (an indicator that does not concern this unit, e.g. TT 24/2023 3.4–3.6 for a unit
 * that is not a school) counts as met, only on an indicator the rubric marks `mayNotApply`; the result
 * notes it so that the reviewer sees it. Given at mức độ 1, it holds for mức độ 2 as well.
 */
const NOT_APPLICABLE = new Set(['không áp dụng', 'khong ap dung', 'ko áp dụng']);
const MET = new Set(['đạt', 'dat', 'có', 'x']);
const NOT_MET = new Set(['chưa đạt', 'chua dat', 'không đạt', 'khong dat', 'không']);
const YES = new Set(['có', 'co', 'x', 'đúng', 'phải']);
const NO = new Set(['không', 'khong', 'ko']);

export function isNotApplicable(value: CellValue): boolean {
  return NOT_APPLICABLE.has(textKey(value));
}

export type IndicatorProblem =
  | NumberProblem
  | { kind: 'notAnAnswer'; text: string }
  /** «Không áp dụng» on an indicator the rubric does not mark as possibly not applicable. */
  | { kind: 'notApplicableRefused' }
  /** Mức độ 2 answered otherwise than «Không áp dụng» (or blank) after «Không áp dụng» at mức độ 1. */
  | { kind: 'notApplicableCarries'; text: string }
  /** «Đạt» at mức độ 2 after «Chưa đạt» at mức độ 1. */
  | { kind: 'level2WithoutLevel1' }
  | { kind: 'notYesNo'; text: string }
  | { kind: 'notWhole'; value: number }
  | { kind: 'negative'; value: number }
  | { kind: 'zeroTotal' }
  | { kind: 'countAboveTotal'; count: number; total: number };

type Read<T> = { ok: true; value: T } | { ok: false; problem: IndicatorProblem };

/**
 * "Đạt" / "Chưa đạt" (or a ticked checkbox), in any case and spacing; «Không áp dụng» counts as met
 * where the indicator may not apply, and is refused elsewhere.
 */
export function readAnswer(value: CellValue, mayNotApply = false): Read<boolean> {
  if (typeof value === 'boolean') return { ok: true, value };
  if (isBlank(value)) return { ok: false, problem: { kind: 'blank' } };
  const key = textKey(value);
  if (NOT_APPLICABLE.has(key))
    return mayNotApply
      ? { ok: true, value: true }
      : { ok: false, problem: { kind: 'notApplicableRefused' } };
  if (MET.has(key)) return { ok: true, value: true };
  if (NOT_MET.has(key)) return { ok: true, value: false };
  return { ok: false, problem: { kind: 'notAnAnswer', text: normalizeText(String(value)) } };
}

function readCount(value: CellValue): Read<number> {
  // A count is whole: «1.250» is 1250 here, never the ambiguous decimal it would be in a score.
  const read = readWholeNumber(value);
  if (!read.ok) return read;
  if (read.value < 0) return { ok: false, problem: { kind: 'negative', value: read.value } };
  if (!Number.isInteger(read.value))
    return { ok: false, problem: { kind: 'notWhole', value: read.value } };
  return read;
}

export interface IndicatorIssue {
  /** Position in indicatorInputs(rubric). */
  readonly input: number;
  readonly indicator: Indicator;
  readonly part: InputPart;
  readonly problem: IndicatorProblem;
}

export type LevelAssessment =
  | {
      readonly status: 'assessed';
      readonly reached: LevelNumber | 0;
      /** Codes of the indicators answered «Không áp dụng». */
      readonly notApplicable: readonly string[];
      /** Codes of the indicators not met, at mức độ 1 and at mức độ 2. */
      readonly unmet: readonly [readonly string[], readonly string[]];
    }
  | { readonly status: 'empty' }
  | { readonly status: 'invalid'; readonly issues: readonly IndicatorIssue[] };

/** Whether each indicator meets each level, or the problems of its cells. */
function meets(
  inputs: readonly IndicatorInput[],
  values: readonly CellValue[],
): { met: Map<Indicator, [boolean, boolean]>; issues: IndicatorIssue[] } {
  const met = new Map<Indicator, [boolean, boolean]>();
  const issues: IndicatorIssue[] = [];
  const fail = (input: number, problem: IndicatorProblem) => {
    const { indicator, part } = inputs[input] as IndicatorInput;
    issues.push({ input, indicator, part, problem });
  };
  // The unit's «vùng khó khăn» answer, read first: it chooses the thresholds of the shares below.
  let hard = false;
  const flagAt = inputs.findIndex((input) => input.part === 'hardArea');
  if (flagAt >= 0) {
    const value = values[flagAt] ?? '';
    const key = textKey(value);
    if (value === true || YES.has(key)) hard = true;
    else if (!(isBlank(value) || value === false || NO.has(key)))
      fail(flagAt, { kind: 'notYesNo', text: normalizeText(String(value)) });
  }
  for (let i = 0; i < inputs.length; i += 1) {
    const { indicator, part } = inputs[i] as IndicatorInput;
    const mayNotApply = indicator.mayNotApply === true;
    if (part === 'hardArea') continue;
    if (part === 'answer') {
      const read = readAnswer(values[i] ?? '', mayNotApply);
      if (read.ok) met.set(indicator, [read.value, read.value]);
      else fail(i, read.problem);
    } else if (part === 'level1') {
      const level1 = readAnswer(values[i] ?? '', mayNotApply);
      const second = values[i + 1] ?? '';
      if (level1.ok && isNotApplicable(values[i] ?? '')) {
        // Not applicable at mức độ 1 holds at mức độ 2: blank or the same answer there.
        if (isBlank(second) || isNotApplicable(second)) met.set(indicator, [true, true]);
        else fail(i + 1, { kind: 'notApplicableCarries', text: normalizeText(String(second)) });
        i += 1;
        continue;
      }
      // Mức độ 2 left blank: the unit does not claim it.
      const level2 = isBlank(second)
        ? ({ ok: true, value: false } as const)
        : readAnswer(second, mayNotApply);
      if (!level1.ok) fail(i, level1.problem);
      if (!level2.ok) fail(i + 1, level2.problem);
      if (level1.ok && level2.ok && !level1.value && level2.value && !isNotApplicable(second))
        fail(i + 1, { kind: 'level2WithoutLevel1' });
      else if (level1.ok && level2.ok)
        met.set(indicator, [level1.value, level1.value && level2.value]);
      i += 1;
    } else if (part === 'count') {
      if (mayNotApply && isNotApplicable(values[i] ?? '')) {
        // Not applicable: the total is left blank (or is what it is), nothing to compare.
        met.set(indicator, [true, true]);
        i += 1;
        continue;
      }
      const count = readCount(values[i] ?? '');
      const total = readCount(values[i + 1] ?? '');
      if (!count.ok) fail(i, count.problem);
      if (!total.ok) fail(i + 1, total.problem);
      else if (total.value === 0) fail(i + 1, { kind: 'zeroTotal' });
      else if (count.ok && count.value > total.value) {
        fail(i, { kind: 'countAboveTotal', count: count.value, total: total.value });
      } else if (count.ok) {
        // count/total ≥ min% compared without division, so 29 of 100 reaches 29% exactly.
        const reaches = indicator.levels.map((requirement) => {
          const min =
            requirement.kind !== 'percent'
              ? undefined
              : hard && requirement.minHard !== undefined
                ? requirement.minHard
                : known(requirement.min);
          return min !== undefined && count.value * 100 >= min * total.value - 1e-9;
        });
        met.set(indicator, [reaches[0] ?? false, reaches[1] ?? false]);
      }
      i += 1;
    }
  }
  return { met, issues };
}

export function assessLevels(rubric: LevelsRubric, values: readonly CellValue[]): LevelAssessment {
  const inputs = indicatorInputs(rubric);
  if (inputs.every((_, i) => isBlank(values[i]))) return { status: 'empty' };
  const { met, issues } = meets(inputs, values);
  if (issues.length > 0) return { status: 'invalid', issues };
  const indicators = indicatorsOf(rubric);
  const unmetAt = (level: LevelNumber) =>
    indicators
      .filter((indicator) => !met.get(indicator)?.[level - 1])
      .map((indicator) => indicator.code);
  const unmet: readonly [string[], string[]] = [unmetAt(1), unmetAt(2)];
  // A level counts only on top of the ones below it.
  let reached: LevelNumber | 0 = 0;
  for (const level of LEVELS) {
    if ((unmet[level - 1]?.length ?? 0) > 0) break;
    reached = level;
  }
  const notApplicable = inputs
    .filter(
      (input, i) =>
        input.part !== 'total' &&
        input.part !== 'hardArea' &&
        NOT_APPLICABLE.has(textKey(values[i])),
    )
    .map((input) => input.indicator.code);
  return { status: 'assessed', reached, unmet, notApplicable: [...new Set(notApplicable)] };
}
