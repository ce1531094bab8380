import { type CellValue, isBlank, normalizeText, readDate, readNumber } from './cells';
import { assessLevels, indicatorInputs } from './levels';
import {
  describeIndicatorProblem,
  describeItemProblem,
  describeNumberProblem,
  isFormulaError,
  MESSAGES,
} from './messages';
import { applyLevelRules } from './recognition';
import {
  classify,
  itemsOf,
  type LevelsRubric,
  maxTotal,
  missingValues,
  type PointsRubric,
  type Rubric,
} from './rubric';
import { hasAtMostTwoDecimals, readItem, readPoints, scoreUnit, sumPoints } from './scoring';

/**
 * The logic of the custom formulas. Sheets passes one cell as a value and a range as a 2D array;
 * a value gives a value back and a range of N rows gives an N×1 column, so one formula serves a whole
 * column. A bad row gets its message in its own cell and does not spoil the others.
 */

export type FormulaValue = string | number;
export type FormulaResult = FormulaValue | FormulaValue[][];

function rowsOf(input: unknown): CellValue[][] {
  if (!Array.isArray(input)) return [[(input ?? '') as CellValue]];
  return input.map((row) => (Array.isArray(row) ? row : [row]) as CellValue[]);
}

function shapeLike(input: unknown, results: FormulaValue[]): FormulaResult {
  return Array.isArray(input) ? results.map((value) => [value]) : (results[0] ?? '');
}

/**
 * XHHT_TONG: the total of each row. A row as wide as the rubric's items is read item by item, with
 * each item's maximum, exactly as score-all reads it; a narrower or wider row (a part of the items,
 * say) only has to hold points, not below zero. A blank row stays blank; a bad or missing cell is
 * named in the row's own result.
 */
export function rowTotals(input: unknown, rubric: PointsRubric): FormulaResult {
  const items = itemsOf(rubric);
  const results = rowsOf(input).map((row, r): FormulaValue => {
    if (row.every(isBlank)) return '';
    const byItem = row.length === items.length;
    const points: number[] = [];
    for (const [c, cell] of row.entries()) {
      const item = byItem ? items[c] : undefined;
      const read = item ? readItem(item, cell) : readPoints(cell);
      if (!read.ok) {
        const problem = describeItemProblem(read.problem);
        return item
          ? MESSAGES.formulaItemError(r + 1, item.code, problem)
          : MESSAGES.formulaRowError(r + 1, c + 1, problem);
      }
      points.push(read.value);
    }
    return sumPoints(points);
  });
  return shapeLike(input, results);
}

/** XHHT_XEPLOAI: the band of each total under the rubric. */
export function rowBands(input: unknown, rubric: PointsRubric): FormulaResult {
  const rows = rowsOf(input);
  if (rows.some((row) => row.length > 1))
    throw new Error(MESSAGES.formulaNeedsOneColumn('XHHT_XEPLOAI'));
  // From a total alone the band cannot tell a criterion below its minimum, or at 0.
  if (rubric.noZeroCriterion || rubric.criteria.some((criterion) => criterion.min !== undefined))
    throw new Error(MESSAGES.formulaNeedsItems(rubric.id));
  const max = maxTotal(rubric) ?? Number.POSITIVE_INFINITY;
  const results = rows.map(([cell], r): FormulaValue => {
    if (isBlank(cell)) return '';
    // A column of XHHT_TONG results: an error there is shown as it is, not wrapped in another.
    if (isFormulaError(cell)) return cell as string;
    const read = readNumber(cell ?? '');
    if (!read.ok) return MESSAGES.formulaRowError(r + 1, 1, describeNumberProblem(read.problem));
    if (read.value < 0 || read.value > max)
      return MESSAGES.formulaTotalOutOfRange(r + 1, read.value, max);
    // Totals of items with two decimals have two decimals: more is not a total score-all would make.
    if (!hasAtMostTwoDecimals(read.value))
      return MESSAGES.formulaRowError(
        r + 1,
        1,
        describeItemProblem({ kind: 'tooManyDecimals', value: read.value }),
      );
    return classify(rubric, read.value);
  });
  return shapeLike(input, results);
}

/** Width check shared by the row formulas: a row must hold exactly the rubric's input cells. */
function widthProblem(row: readonly CellValue[], expected: number, r: number): string | undefined {
  return row.length === expected
    ? undefined
    : MESSAGES.formulaWrongWidth(r + 1, row.length, expected);
}

/**
 * XHHT_MUCDO: the level each row of indicator cells reaches ("Mức độ 2", "Mức độ 1", "Chưa đạt"). With
 * the date of a mức độ 1 decision (one date, or one per row), mức độ 2 waits the rubric's months.
 */
export function rowLevels(
  input: unknown,
  rubric: LevelsRubric,
  previousLevelDate: unknown,
  /** The day each row is judged on (one cell, or a column: the submission dates); blank: `today`. */
  judgedOn: unknown,
  today: Date,
): FormulaResult {
  const inputs = indicatorInputs(rubric);
  const dates = rowsOf(previousLevelDate);
  const days = rowsOf(judgedOn);
  const results = rowsOf(input).map((row, r): FormulaValue => {
    if (row.every(isBlank)) return '';
    const width = widthProblem(row, inputs.length, r);
    if (width) return width;
    const assessment = assessLevels(rubric, row);
    if (assessment.status === 'invalid') {
      const issue = assessment.issues[0];
      if (issue)
        return MESSAGES.formulaRowError(
          r + 1,
          issue.input + 1,
          describeIndicatorProblem(issue.problem, issue.part),
        );
    }
    if (assessment.status !== 'assessed') return '';
    const dateCell = (dates.length === 1 ? dates[0] : dates[r])?.[0] ?? '';
    const date = readDate(dateCell);
    if (!date.ok && date.problem.kind !== 'blank')
      return MESSAGES.formulaBadDate(r + 1, date.problem.text);
    const previous = date.ok ? { level: 1 as const, date: date.value } : undefined;
    const dayCell = (days.length === 1 ? days[0] : days[r])?.[0] ?? '';
    const day = readDate(dayCell);
    if (!day.ok && day.problem.kind !== 'blank')
      return MESSAGES.formulaBadDate(r + 1, day.problem.text);
    return applyLevelRules(rubric, assessment.reached, previous, day.ok ? day.value : today).label;
  });
  return shapeLike(input, results);
}

/** XHHT_LOI: the validation message of each row of input cells, blank when the row is valid. */
export function rowProblems(input: unknown, rubric: Rubric): FormulaResult {
  const width =
    rubric.method === 'points' ? itemsOf(rubric).length : indicatorInputs(rubric).length;
  const results = rowsOf(input).map((row, r): FormulaValue => {
    if (row.every(isBlank)) return '';
    const wrong = widthProblem(row, width, r);
    if (wrong) return wrong;
    if (rubric.method === 'points') {
      const score = scoreUnit(rubric, row);
      if (score.status !== 'invalid') return '';
      return score.issues
        .map((issue) =>
          MESSAGES.formulaItemError(r + 1, issue.item.code, describeItemProblem(issue.problem)),
        )
        .join('; ');
    }
    const assessment = assessLevels(rubric, row);
    if (assessment.status !== 'invalid') return '';
    return assessment.issues
      .map((issue) =>
        MESSAGES.formulaItemError(
          r + 1,
          issue.indicator.code,
          describeIndicatorProblem(issue.problem, issue.part),
          'indicator',
        ),
      )
      .join('; ');
  });
  return shapeLike(input, results);
}

/** The rubric a formula argument names, among the workbook's; an unknown id fails the whole formula. */
export function rubricNamed(argument: unknown, rubrics: readonly Rubric[]): Rubric {
  const id = normalizeText(String(argument ?? '')).toUpperCase();
  const rubric = rubrics.find((candidate) => candidate.id === id);
  if (!rubric)
    throw new Error(
      MESSAGES.unknownRubric(
        id,
        rubrics.map((r) => r.id),
      ),
    );
  return rubric;
}

/** A rubric a formula can compute with: of the method it needs and with no value left to enter. */
export function usableRubric<M extends Rubric['method']>(
  rubric: Rubric,
  method: M,
  formula: string,
): Extract<Rubric, { method: M }> {
  if (rubric.method !== method)
    throw new Error(MESSAGES.formulaWrongMethod(formula, rubric.id, rubric.method));
  const missing = missingValues(rubric);
  if (missing.length > 0)
    throw new Error(
      MESSAGES.rubricIncomplete(
        rubric.id,
        missing.map((m) => m.where),
      ),
    );
  return rubric as Extract<Rubric, { method: M }>;
}
