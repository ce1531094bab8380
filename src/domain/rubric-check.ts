import { textKey } from './cells';
import { tr } from './i18n';
import { formatNumber } from './messages';
import {
  type Criterion,
  indicatorsOf,
  itemsOf,
  known,
  type LevelsRubric,
  maxTotal,
  type Rubric,
} from './rubric';

/**
 * The rules a rubric must keep beyond the shape of each row: the checks an administrator's edits of
 * the criteria sheet can break. Each issue points at the element and field it is about, so that the
 * sheet layer can name the cell.
 */

export type ElementKind = 'rubric' | 'criterion' | 'item' | 'indicator' | 'band' | 'rule';
export type Field = 'code' | 'max' | 'threshold' | 'items' | 'level1' | 'level2';

export interface RubricIssue {
  readonly element: ElementKind;
  /** The element's code (the band's label for a band; the rubric's id for the rubric). */
  readonly code: string;
  readonly field: Field;
  readonly message: string;
}

/** Codes used twice, compared as columns are found: in any case and spacing. */
function duplicates(codes: readonly string[]): string[] {
  const seen = new Set<string>();
  return codes.filter((code) => {
    if (seen.has(textKey(code))) return true;
    seen.add(textKey(code));
    return false;
  });
}

function checkLevels(rubric: LevelsRubric): RubricIssue[] {
  const issues: RubricIssue[] = [];
  for (const indicator of indicatorsOf(rubric)) {
    const kinds = indicator.levels.map((level) => level.kind);
    if (kinds.includes('percent') && kinds.some((kind) => kind !== 'percent')) {
      issues.push({
        element: 'indicator',
        code: indicator.code,
        field: 'level2',
        message: tr(
          'một mức là tỷ lệ thì mức kia cũng phải là tỷ lệ (ví dụ «≥ 90%» và «≥ 95%»)',
          'when one level is a share, the other must be one too (e.g. «≥ 90%» and «≥ 95%»)',
        ),
      });
      continue;
    }
    const mins = indicator.levels.map((level) =>
      level.kind === 'percent' ? known(level.min) : undefined,
    );
    mins.forEach((min, i) => {
      if (min !== undefined && (min <= 0 || min > 100)) {
        issues.push({
          element: 'indicator',
          code: indicator.code,
          field: i === 0 ? 'level1' : 'level2',
          message: tr(
            `tỷ lệ phải lớn hơn 0% và không quá 100%, không phải ${formatNumber(min)}%`,
            `a share must be above 0% and at most 100%, not ${formatNumber(min)}%`,
          ),
        });
      }
    });
    indicator.levels.forEach((level, i) => {
      if (level.kind !== 'percent' || level.minHard === undefined) return;
      const min = known(level.min);
      const hard = level.minHard;
      const field = i === 0 ? 'level1' : 'level2';
      if (hard <= 0 || hard > 100 || (min !== undefined && hard > min)) {
        issues.push({
          element: 'indicator',
          code: indicator.code,
          field,
          message: tr(
            `tỷ lệ cho vùng khó khăn (${formatNumber(hard)}%) phải lớn hơn 0% và không cao hơn tỷ lệ chung${min === undefined ? '' : ` (${formatNumber(min)}%)`}`,
            `the difficult-area share (${formatNumber(hard)}%) must be above 0% and not above the general share${min === undefined ? '' : ` (${formatNumber(min)}%)`}`,
          ),
        });
      }
    });
    const [first, second] = mins;
    if (first !== undefined && second !== undefined && second < first) {
      issues.push({
        element: 'indicator',
        code: indicator.code,
        field: 'level2',
        message: tr(
          `tỷ lệ mức độ 2 (${formatNumber(second)}%) thấp hơn mức độ 1 (${formatNumber(first)}%)`,
          `the level 2 share (${formatNumber(second)}%) is below level 1 (${formatNumber(first)}%)`,
        ),
      });
    }
  }
  for (const [code, value] of [
    ['monthsBeforeNextLevel', rubric.monthsBeforeNextLevel],
    ['validityMonths', rubric.validityMonths],
  ] as const) {
    const months = known(value);
    if (months !== undefined && (!Number.isInteger(months) || months < 1)) {
      issues.push({
        element: 'rule',
        code,
        field: 'threshold',
        message: tr(
          `số tháng phải là số nguyên từ 1 trở lên, không phải ${formatNumber(months)}`,
          `months must be a whole number of at least 1, not ${formatNumber(months)}`,
        ),
      });
    }
  }
  return issues;
}

function checkSums(criterion: Criterion): RubricIssue[] {
  const max = known(criterion.max);
  const itemMaxima = criterion.items.map((item) => known(item.max));
  if (max === undefined || itemMaxima.some((value) => value === undefined)) return [];
  const sum =
    itemMaxima.reduce<number>((total, value) => total + Math.round((value ?? 0) * 1000), 0) / 1000;
  const issues: RubricIssue[] = [];
  if (sum !== max) {
    issues.push({
      element: 'criterion',
      code: criterion.code,
      field: 'max',
      message: tr(
        `điểm tối đa của tiêu chí ${criterion.code} là ${formatNumber(max)} nhưng các mục cộng lại ${formatNumber(sum)}`,
        `criterion ${criterion.code} has a maximum of ${formatNumber(max)} but its items add up to ${formatNumber(sum)}`,
      ),
    });
  }
  const min = known(criterion.min);
  if (min !== undefined && (min < 0 || min > max)) {
    issues.push({
      element: 'criterion',
      code: criterion.code,
      field: 'threshold',
      message: tr(
        `điểm tối thiểu ${formatNumber(min)} phải từ 0 đến ${formatNumber(max)}`,
        `the minimum ${formatNumber(min)} must be from 0 to ${formatNumber(max)}`,
      ),
    });
  }
  return issues;
}

export function checkRubric(rubric: Rubric): RubricIssue[] {
  const issues: RubricIssue[] = [];
  const criterionCodes = rubric.criteria.map((criterion) => criterion.code);
  for (const code of duplicates(criterionCodes)) {
    issues.push({
      element: 'criterion',
      code,
      field: 'code',
      message: tr(`mã tiêu chí «${code}» bị trùng`, `criterion code «${code}» is used twice`),
    });
  }
  const leafKind = rubric.method === 'points' ? 'item' : 'indicator';
  const leafName = rubric.method === 'points' ? tr('mục', 'item') : tr('chỉ tiêu', 'indicator');
  const leafRow = rubric.method === 'points' ? 'Mục' : 'Chỉ tiêu';
  const leafCodes =
    rubric.method === 'points'
      ? itemsOf(rubric).map((i) => i.code)
      : indicatorsOf(rubric).map((i) => i.code);
  for (const code of duplicates(leafCodes)) {
    issues.push({
      element: leafKind,
      code,
      field: 'code',
      message: tr(`mã ${leafName} «${code}» bị trùng`, `${leafName} code «${code}» is used twice`),
    });
  }
  for (const criterion of rubric.criteria) {
    const leaves = 'items' in criterion ? criterion.items : criterion.indicators;
    if (leaves.length === 0) {
      issues.push({
        element: 'criterion',
        code: criterion.code,
        field: 'items',
        message: tr(
          `tiêu chí ${criterion.code} chưa có ${leafName} nào (thêm dòng «${leafRow}» ngay dưới nó)`,
          `criterion ${criterion.code} has no ${leafName} yet (add «${leafRow}» rows right below it)`,
        ),
      });
    }
  }
  if (rubric.criteria.length === 0) {
    issues.push({
      element: 'rubric',
      code: rubric.id,
      field: 'items',
      message: tr('bộ tiêu chí chưa có tiêu chí nào', 'the rubric has no criterion yet'),
    });
  }
  if (rubric.method === 'points') {
    for (const criterion of rubric.criteria) issues.push(...checkSums(criterion));
    const thresholds = rubric.bands.map((band) => known(band.min));
    const total = maxTotal(rubric);
    rubric.bands.forEach((band, i) => {
      const min = thresholds[i];
      if (min !== undefined && total !== undefined && min > total) {
        issues.push({
          element: 'band',
          code: band.label,
          field: 'threshold',
          message: tr(
            `ngưỡng ${formatNumber(min)} của «${band.label}» cao hơn tổng điểm tối đa ${formatNumber(total)}`,
            `the threshold ${formatNumber(min)} of «${band.label}» is above the highest total, ${formatNumber(total)}`,
          ),
        });
      }
    });
    rubric.bands.forEach((band, i) => {
      const min = thresholds[i];
      const above = thresholds.slice(0, i).filter((value): value is number => value !== undefined);
      if (min !== undefined && above.some((value) => value <= min)) {
        issues.push({
          element: 'band',
          code: band.label,
          field: 'threshold',
          message: tr(
            `ngưỡng của «${band.label}» phải thấp hơn ngưỡng các xếp loại xếp trên nó (xếp loại ghi từ cao xuống thấp, không chồng lên nhau)`,
            `the threshold of «${band.label}» must be below those of the bands above it (bands go from high to low, without overlap)`,
          ),
        });
      }
      if (min !== undefined && min < 0) {
        issues.push({
          element: 'band',
          code: band.label,
          field: 'threshold',
          message: tr('ngưỡng điểm không được âm', 'a threshold cannot be negative'),
        });
      }
    });
    for (const label of duplicates([
      ...rubric.bands.map((band) => band.label),
      rubric.fallbackBand,
    ])) {
      issues.push({
        element: 'band',
        code: label,
        field: 'code',
        message: tr(`xếp loại «${label}» bị trùng`, `band «${label}» is used twice`),
      });
    }
  } else {
    issues.push(...checkLevels(rubric));
  }
  return issues;
}
