import { tr } from './i18n';
import type { Procedure } from './procedures';

/**
 * A rubric (bộ tiêu chí) is data. Two methods exist in the regulations (DESIGN.md, "Rubrics are
 * data"): points (criteria → items with maximum points, bands of the total) and levels (criteria →
 * indicators met or not at mức độ 1 and mức độ 2). Where the regulation's value is unknown, the rubric
 * holds a `Missing` marker saying what the province must enter; such a rubric does not score.
 */

/** A value the regulations leave unknown (REGULATIONS.md tag [U]): what to enter, from which source. */
export interface Missing {
  readonly missing: string;
}

export type Known<T> = T | Missing;

export function isMissing(value: unknown): value is Missing {
  return typeof value === 'object' && value !== null && 'missing' in value;
}

export function known<T>(value: Known<T>): T | undefined {
  return isMissing(value) ? undefined : value;
}

/** When the legal text applies (dates as printed, dd/mm/yyyy), and what replaced it. */
export interface InForce {
  readonly from: string;
  /** The day it was repealed, where it was. */
  readonly until?: string;
  /** What replaced it, e.g. «TT 25/2023». */
  readonly replacedBy?: string;
}

/** What a built-in element's wording rests on: the article it cites and whether it was checked. */
export interface Provenance {
  /** The article of the legal text, e.g. «Điều 6 khoản 5 điểm b; Điều 7 khoản 5 điểm b». */
  readonly basis?: string;
  /** True: copied from the legal text; false: reworded, to check against it. */
  readonly verified?: boolean;
}

interface RubricBase {
  readonly id: string;
  readonly title: string;
  readonly legalBasis: string;
  /** The title a rubric assesses (e.g. «CDHT_XA»): rubrics of one title replace each other over time. */
  readonly titleKey?: string;
  /** The legal text's entry into force and repeal: the rubric for an assessment year is the one in force. */
  readonly inForce?: InForce;
  /** Where the content comes from, e.g. "REGULATIONS.md §4.1 [V] S29, S30". */
  readonly source: string;
  readonly scoringSheet: string;
  /**
   * The commune records the meeting that agreed its self-assessment (date, minutes) before submitting
   * (TT 25/2023: REGULATIONS.md §3.4 A.3 [V] S22).
   */
  readonly meetingBeforeSubmit?: boolean;
  /**
   * Who submits, reviews and decides, from which date, and by when (./procedures.ts): the criteria
   * sheet's «Quy tắc» rows CAC_CAP, HAN_NOP and HAN_QUYET_DINH. Without ladder rows, the settings'
   * ladder applies (a workbook of the previous version, or a province's own rubric).
   */
  readonly procedure?: Procedure;
  /**
   * The share of units (%) the province aims to see recognised, e.g. QĐ 387/QĐ-TTg's 70% of families
   * by 2025 (REGULATIONS.md §5.2 [V] S51, S52); the summary report measures progress against it.
   */
  readonly targetPercent?: number;
}

// --- points -------------------------------------------------------------------------------------

export interface Item extends Provenance {
  /** Item code as printed in the regulation, e.g. "1.2". Also the start of its column header. */
  readonly code: string;
  readonly text: Known<string>;
  /** A few words for a column header. */
  readonly label: string;
  readonly max: Known<number>;
  readonly evidenceRequired?: boolean;
}

export interface Criterion extends Provenance {
  readonly code: string;
  readonly name: string;
  readonly label: string;
  readonly max: Known<number>;
  /** A unit below this subtotal falls to the fallback band whatever its total. */
  readonly min?: Known<number>;
  readonly items: readonly Item[];
}

export interface Band {
  readonly label: string;
  /** Lowest total that reaches this band, inclusive. */
  readonly min: Known<number>;
}

export interface PointsRubric extends RubricBase {
  readonly method: 'points';
  readonly criteria: readonly Criterion[];
  /**
   * A criterion scoring 0 holds the unit at the fallback band whatever its total (TT 44/2014 Điều 4
   * khoản 3: each band «không có tiêu chí bị điểm 0»).
   */
  readonly noZeroCriterion?: boolean;
  /** From the highest band down. */
  readonly bands: readonly Band[];
  /** The band of a total below every threshold. */
  readonly fallbackBand: string;
  /**
   * The bands that hold the title (a «Quy tắc» row XEP_LOAI_CONG_NHAN of the criteria sheet); absent:
   * Khá and Tốt for a classification, the one band of a pass/fail title (src/domain/register.ts).
   */
  readonly holdingBands?: readonly string[];
}

// --- levels -------------------------------------------------------------------------------------

export type LevelNumber = 1 | 2;
export const LEVELS: readonly LevelNumber[] = [1, 2];

/** What an indicator asks at one level. */
export type Requirement =
  /** The indicator met as worded. */
  | { readonly kind: 'met' }
  /** A wording of its own at this level (e.g. "Tập thể lao động xuất sắc" at mức độ 2). */
  | { readonly kind: 'text'; readonly text: Known<string> }
  /**
   * A share of at least `min` percent, from the counts entered; `minHard` instead for a unit flagged
   * as in a difficult area (TT 25/2023 Điều 6 khoản 5 điểm b: «xã thuộc vùng khó khăn»).
   */
  | { readonly kind: 'percent'; readonly min: Known<number>; readonly minHard?: number };

export interface Indicator extends Provenance {
  readonly code: string;
  readonly text: Known<string>;
  readonly label: string;
  /** 'check': met or not; 'ratio': a count out of a total, compared with a percentage. */
  readonly measure: 'check' | 'ratio';
  /** What mức độ 1 and mức độ 2 ask, in that order. */
  readonly levels: readonly [Requirement, Requirement];
  readonly evidenceRequired?: boolean;
  /**
   * «Không áp dụng» is accepted: the indicator concerns only some units (TT 24/2023: schools, public
   * bodies…). Elsewhere it is refused.
   */
  readonly mayNotApply?: boolean;
}

export interface LevelCriterion extends Provenance {
  readonly code: string;
  readonly name: string;
  readonly label: string;
  readonly indicators: readonly Indicator[];
}

export interface LevelsRubric extends RubricBase {
  readonly method: 'levels';
  readonly criteria: readonly LevelCriterion[];
  /** Months a unit stays at mức độ 1 (from its decision date) before mức độ 2 can be recognised. */
  readonly monthsBeforeNextLevel: Known<number>;
  /** Months a recognition is kept, following the year of its decision (to 31/12 three years on). */
  readonly validityMonths: Known<number>;
}

export type Rubric = PointsRubric | LevelsRubric;

/** A rubric id: unaccented capitals, digits and underscores, from a letter (it is typed in formulas). */
export const RUBRIC_ID = /^[A-Z][A-Z0-9_]*$/;

export const LEVEL_LABELS: Record<LevelNumber | 0, string> = {
  2: 'Mức độ 2',
  1: 'Mức độ 1',
  0: 'Chưa đạt',
};

/** Each rubric's items, listed once (scoring asks for them on every row). */
const items = new WeakMap<PointsRubric, readonly Item[]>();

export function itemsOf(rubric: PointsRubric): Item[] {
  let listed = items.get(rubric);
  if (!listed) {
    listed = rubric.criteria.flatMap((criterion) => criterion.items);
    items.set(rubric, listed);
  }
  return [...listed];
}

export function indicatorsOf(rubric: LevelsRubric): Indicator[] {
  return rubric.criteria.flatMap((criterion) => criterion.indicators);
}

/** The highest total, or undefined while a maximum is still to be entered. */
export function maxTotal(rubric: PointsRubric): number | undefined {
  let total = 0;
  for (const criterion of rubric.criteria) {
    const max = known(criterion.max);
    if (max === undefined) return undefined;
    total += max;
  }
  return total;
}

export function bandLabels(rubric: PointsRubric): string[] {
  return [...rubric.bands.map((band) => band.label), rubric.fallbackBand];
}

/** What a unit can end with, from the best: the bands, or the levels and "Chưa đạt". */
export function outcomeLabels(rubric: Rubric): string[] {
  return rubric.method === 'points'
    ? bandLabels(rubric)
    : [LEVEL_LABELS[2], LEVEL_LABELS[1], LEVEL_LABELS[0]];
}

/** The band of a total: the first whose threshold it reaches, else the fallback band. */
export function classify(rubric: PointsRubric, total: number): string {
  return (
    rubric.bands.find((band) => !isMissing(band.min) && total >= band.min)?.label ??
    rubric.fallbackBand
  );
}

/** Whether a levels rubric asks, per unit, whether it lies in a difficult area. */
export function asksHardArea(rubric: Rubric): boolean {
  return (
    rubric.method === 'levels' &&
    indicatorsOf(rubric).some((indicator) =>
      indicator.levels.some((r) => r.kind === 'percent' && r.minHard !== undefined),
    )
  );
}

/** «bãi bỏ từ 12/02/2024, thay bằng TT 25/2023», or nothing for a text in force. */
export function repealNote(rubric: Rubric): string {
  const until = rubric.inForce?.until;
  if (!until) return '';
  const by = rubric.inForce?.replacedBy;
  return by ? `bãi bỏ từ ${until}, thay bằng ${by}` : `bãi bỏ từ ${until}`;
}

/** The year of a dd/mm/yyyy date as the rubrics print them. */
function yearOf(date: string): number {
  return Number(date.slice(-4));
}

/**
 * Whether the rubric applies to an assessment year: from the year it came into force, up to the year
 * before its repeal. TT 24 (26/01/2024) and TT 25 (12/02/2024) apply from 2024; TT 22 and TT 44 up to
 * 2023 (issue 10: «TT 24/TT 25 for 2024 on, TT 22/TT 44 before»).
 */
export function inForceFor(rubric: Rubric, year: number): boolean {
  const { inForce } = rubric;
  if (!inForce) return true;
  if (yearOf(inForce.from) > year) return false;
  return inForce.until === undefined || yearOf(inForce.until) > year;
}

/** Whether an indicator asks something different at mức độ 2 than at mức độ 1, as text to check. */
export function hasLevelWording(indicator: Indicator): boolean {
  return (
    indicator.measure === 'check' &&
    indicator.levels.some((requirement) => requirement.kind === 'text')
  );
}

/** Every value still to be entered, with where it belongs in the rubric. */
export function missingValues(rubric: Rubric): { where: string; missing: string }[] {
  const found: { where: string; missing: string }[] = [];
  const check = (where: string, value: unknown) => {
    if (isMissing(value)) found.push({ where, missing: value.missing });
  };
  if (rubric.method === 'points') {
    for (const criterion of rubric.criteria) {
      check(
        tr(`tiêu chí ${criterion.code}: điểm tối đa`, `criterion ${criterion.code}: maximum`),
        criterion.max,
      );
      check(
        tr(`tiêu chí ${criterion.code}: điểm tối thiểu`, `criterion ${criterion.code}: minimum`),
        criterion.min,
      );
      for (const item of criterion.items) {
        check(tr(`mục ${item.code}: nội dung`, `item ${item.code}: wording`), item.text);
        check(tr(`mục ${item.code}: điểm tối đa`, `item ${item.code}: maximum`), item.max);
      }
    }
    for (const band of rubric.bands)
      check(
        tr(`xếp loại «${band.label}»: ngưỡng điểm`, `band «${band.label}»: threshold`),
        band.min,
      );
  } else {
    for (const indicator of indicatorsOf(rubric)) {
      check(
        tr(`chỉ tiêu ${indicator.code}: nội dung`, `indicator ${indicator.code}: wording`),
        indicator.text,
      );
      indicator.levels.forEach((requirement, i) => {
        if (requirement.kind === 'text')
          check(
            tr(
              `chỉ tiêu ${indicator.code}: yêu cầu mức độ ${i + 1}`,
              `indicator ${indicator.code}: level ${i + 1} requirement`,
            ),
            requirement.text,
          );
        if (requirement.kind === 'percent')
          check(
            tr(
              `chỉ tiêu ${indicator.code}: tỷ lệ mức độ ${i + 1}`,
              `indicator ${indicator.code}: level ${i + 1} share`,
            ),
            requirement.min,
          );
      });
    }
    check(
      tr('số tháng ở mức độ 1 trước khi xét mức độ 2', 'months at level 1 before level 2'),
      rubric.monthsBeforeNextLevel,
    );
    check(
      tr('thời hạn công nhận (tháng)', 'validity of a recognition (months)'),
      rubric.validityMonths,
    );
  }
  return found;
}
