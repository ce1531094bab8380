import { type CellValue, isBlank, type NumberProblem, readNumber } from './cells';
import { classify, type Item, itemsOf, known, type PointsRubric } from './rubric';

export type ItemProblem =
  | NumberProblem
  | { kind: 'negative'; value: number }
  /** More than two decimals: 84,9996 would round into another band than the formula gives. */
  | { kind: 'tooManyDecimals'; value: number }
  | { kind: 'aboveMax'; value: number; max: number };

export interface ItemIssue {
  /** Position of the item in itemsOf(rubric). */
  readonly index: number;
  readonly item: Item;
  readonly problem: ItemProblem;
}

export type UnitScore =
  | {
      readonly status: 'scored';
      readonly criterionTotals: readonly number[];
      readonly total: number;
      readonly band: string;
      /**
       * Codes of the criteria below their minimum, or at 0 where the rubric forbids it, which hold the
       * unit at the fallback band.
       */
      readonly belowMinimum: readonly string[];
    }
  | { readonly status: 'empty' }
  | { readonly status: 'invalid'; readonly issues: readonly ItemIssue[] };

/** Adds points without binary drift: 8.1 + 8.2 is 16.3, not 16.299999999999997. */
export function sumPoints(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + Math.round(value * 1000), 0) / 1000;
}

type ReadPoints = { ok: true; value: number } | { ok: false; problem: ItemProblem };

/** Whether a number has at most two decimals (read as typed: 8.25 yes, 84.9996 no). */
export function hasAtMostTwoDecimals(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}

/** Points from a cell: a number, not below zero, with at most two decimals. */
export function readPoints(value: CellValue): ReadPoints {
  const read = readNumber(value);
  if (!read.ok) return read;
  if (read.value < 0) return { ok: false, problem: { kind: 'negative', value: read.value } };
  if (!hasAtMostTwoDecimals(read.value))
    return { ok: false, problem: { kind: 'tooManyDecimals', value: read.value } };
  return read;
}

/** Reads one item's cell against the item's maximum. */
export function readItem(item: Item, value: CellValue): ReadPoints {
  const read = readPoints(value);
  if (!read.ok) return read;
  const max = known(item.max);
  if (max !== undefined && read.value > max) {
    return { ok: false, problem: { kind: 'aboveMax', value: read.value, max } };
  }
  return read;
}

/**
 * Scores one unit from its item cells, given in the order of itemsOf(rubric). A unit with no item
 * filled in is "empty", not wrong; a unit with any problem is not scored at all.
 */
export function scoreUnit(rubric: PointsRubric, values: readonly CellValue[]): UnitScore {
  const items = itemsOf(rubric);
  if (items.every((_, index) => isBlank(values[index]))) return { status: 'empty' };

  const points: number[] = [];
  const issues: ItemIssue[] = [];
  items.forEach((item, index) => {
    const read = readItem(item, values[index] ?? '');
    if (read.ok) points.push(read.value);
    else issues.push({ index, item, problem: read.problem });
  });
  if (issues.length > 0) return { status: 'invalid', issues };

  let offset = 0;
  const criterionTotals = rubric.criteria.map((criterion) => {
    const subtotal = sumPoints(points.slice(offset, offset + criterion.items.length));
    offset += criterion.items.length;
    return subtotal;
  });
  const total = sumPoints(criterionTotals);
  const belowMinimum = rubric.criteria
    .filter((criterion, i) => {
      const min = known(criterion.min);
      const subtotal = criterionTotals[i] ?? 0;
      return (min !== undefined && subtotal < min) || (rubric.noZeroCriterion && subtotal === 0);
    })
    .map((criterion) => criterion.code);
  const band = belowMinimum.length > 0 ? rubric.fallbackBand : classify(rubric, total);
  return { status: 'scored', criterionTotals, total, band, belowMinimum };
}
