import { cellPlace } from '../domain/a1';
import { type CellValue, cellText, isBlank, readDate, textKey } from '../domain/cells';
import { tr } from '../domain/i18n';
import { assessLevels } from '../domain/levels';
import { indicatorIssueMessage, itemIssueMessage, MESSAGES } from '../domain/messages';
import { applyLevelRules, validityText } from '../domain/recognition';
import { previousRecognition, type RegisterEntry, registerByUnit } from '../domain/register';
import {
  indicatorsOf,
  itemsOf,
  type LevelsRubric,
  type PointsRubric,
  type Rubric,
} from '../domain/rubric';
import { scoreUnit } from '../domain/scoring';
import type { Settings } from '../domain/settings';
import { type ScoredUnit, type Summary, summarize } from '../domain/summary';
import { readCriteria } from './criteria-sheet';
import { SheetError } from './errors';
import {
  CRITERIA_SHEET,
  criterionKey,
  evidenceKey,
  RESULT_KEYS,
  scoredColumns,
  scoringColumns,
  WORKFLOW_KEYS,
} from './layout';
import type { Context, HasherPort, SheetPort } from './ports';
import { readRegister } from './register-sheet';
import { frozenEditText, sealedColumns, sealStillHolds } from './seal';
import { readSettings } from './settings-sheet';
import { type ColumnSpec, columnOf, columnRuns, locateColumns, locateInSheet } from './table';

export interface RowError {
  readonly row: number;
  readonly message: string;
}

export interface SheetScore {
  readonly sheet: string;
  readonly rubric: Rubric;
  readonly units: readonly ScoredUnit[];
  readonly errors: readonly RowError[];
  readonly summary: Summary;
}

/** A rubric the run could not score with, and why (each reason naming its cell). */
export interface RefusedRubric {
  readonly rubricId: string;
  /** A problem in the criteria sheet, a value to complete, a scoring sheet that cannot be read, none. */
  readonly reason: 'problems' | 'missing' | 'sheet' | 'noSheet';
  readonly details: readonly string[];
}

export interface ScoreAllReport {
  readonly settings: Settings;
  readonly sheets: readonly SheetScore[];
  readonly refused: readonly RefusedRubric[];
  /** Rows of «Sổ công nhận» that cannot be read, each naming its cell (left out of every rule). */
  readonly registerProblems?: readonly string[];
}

/** The register's entries the waiting and validity rules read. */
type Recognitions = readonly RegisterEntry[];

/** What one row ends with: its result cells and, for a unit, its outcome for the summary. */
interface RowOutcome {
  readonly results: Map<string, CellValue>;
  readonly unit?: ScoredUnit;
  readonly error?: string;
}

interface RowContext {
  readonly values: readonly CellValue[];
  readonly place: (inputIndex: number) => string;
  readonly code: string;
  readonly district: string;
  readonly now: Date;
  /** When the unit submitted («Ngày nộp»), if it has. */
  readonly submitted?: Date;
}

function pointsRow(rubric: PointsRubric, row: RowContext): RowOutcome {
  const score = scoreUnit(rubric, row.values);
  const results = new Map<string, CellValue>();
  rubric.criteria.forEach((criterion, i) => {
    results.set(
      criterionKey(criterion.code),
      score.status === 'scored' ? (score.criterionTotals[i] ?? '') : '',
    );
  });
  results.set(RESULT_KEYS.total, score.status === 'scored' ? score.total : '');
  results.set(RESULT_KEYS.band, score.status === 'scored' ? score.band : '');
  if (score.status === 'empty')
    return { results, unit: { code: row.code, district: row.district, status: 'empty' } };
  if (score.status === 'invalid') {
    const error = score.issues
      .map((issue) => itemIssueMessage(row.place(issue.index), issue.item, issue.problem))
      .join('\n');
    return { results, error, unit: { code: row.code, district: row.district, status: 'invalid' } };
  }
  if (score.belowMinimum.length > 0) {
    // Not an error: the unit is scored, and this says why its band is the lowest.
    results.set(
      RESULT_KEYS.error,
      MESSAGES.belowMinimum(score.band, score.belowMinimum, rubric.noZeroCriterion === true),
    );
  }
  return {
    results,
    unit: { code: row.code, district: row.district, status: 'done', label: score.band },
  };
}

function levelsRow(rubric: LevelsRubric, row: RowContext, recognitions: Recognitions): RowOutcome {
  const assessment = assessLevels(rubric, row.values);
  const results = new Map<string, CellValue>([
    [RESULT_KEYS.level, ''],
    [RESULT_KEYS.note, ''],
    [RESULT_KEYS.validity, ''],
  ]);
  if (assessment.status === 'empty')
    return { results, unit: { code: row.code, district: row.district, status: 'empty' } };
  const invalid = (error: string): RowOutcome => ({
    results,
    error,
    unit: { code: row.code, district: row.district, status: 'invalid' },
  });
  if (assessment.status === 'invalid') {
    return invalid(
      assessment.issues
        .map((issue) =>
          indicatorIssueMessage(
            row.place(issue.input),
            issue.indicator.code,
            issue.part,
            issue.problem,
          ),
        )
        .join('\n'),
    );
  }
  // The register, per title, as it stood when the unit submitted (issue 10); before that, today.
  const at = row.submitted ?? row.now;
  const previous = previousRecognition(recognitions, rubric.id, row.code, at);
  const outcome = applyLevelRules(rubric, assessment.reached, previous, row.now, at);
  const nextLevel = outcome.level === 2 ? undefined : outcome.level + 1;
  const unmet = nextLevel ? (assessment.unmet[nextLevel - 1] ?? []) : [];
  const note = [
    outcome.note,
    unmet.length > 0 && nextLevel ? MESSAGES.unmetAt(nextLevel, unmet) : '',
    assessment.notApplicable.length > 0 ? MESSAGES.notApplicable(assessment.notApplicable) : '',
  ]
    .filter(Boolean)
    .join(' ');
  results.set(RESULT_KEYS.level, outcome.label);
  results.set(RESULT_KEYS.note, note);
  results.set(RESULT_KEYS.validity, validityText(outcome));
  return {
    results,
    unit: { code: row.code, district: row.district, status: 'done', label: outcome.label },
  };
}

/** The values a reviewer's typed cells make, and each change from the unit's own («1.1: 10 → 8»). */
function reviewOf(
  own: readonly CellValue[],
  reviewed: readonly CellValue[],
  inputs: readonly ColumnSpec[],
): { values: CellValue[]; changes: string[] } {
  const changes: string[] = [];
  const values = own.map((value, i) => {
    const typed = reviewed[i] ?? '';
    if (isBlank(typed)) return value;
    if (cellText(typed) !== cellText(value)) {
      changes.push(`${inputs[i]?.prefix ?? ''}: ${cellText(value) || '—'} → ${cellText(typed)}`);
    }
    return typed;
  });
  return { values, changes };
}

/** Codes of the items or indicators whose evidence is required, in the order of the evidence columns. */
function evidenceCodes(rubric: Rubric): string[] {
  const leaves = rubric.method === 'points' ? itemsOf(rubric) : indicatorsOf(rubric);
  return leaves.filter((leaf) => leaf.evidenceRequired).map((leaf) => leaf.code);
}

/** Scores every row of one scoring sheet: one read, one write per run of adjacent result columns. */
export function scoreSheet(
  sheet: SheetPort,
  rubric: Rubric,
  now: Date,
  recognitions: Recognitions = [],
  /** Where given, a decided row edited after its decision is flagged in its «Lỗi» cell. */
  hasher?: HasherPort,
  /** False to compute only (the summary): the sheet is read, never written. */
  write = true,
  /**
   * A step's rows (issue 12): the header and the selected rows, already read, by sheet row. Only they
   * are scored and only their result cells written; their arrays take the results in place. A code
   * repeated elsewhere in the sheet is left to «Chấm điểm tất cả».
   */
  only?: { readonly header: readonly CellValue[]; readonly rows: ReadonlyMap<number, CellValue[]> },
): SheetScore {
  const columns = scoringColumns(rubric);
  const name = sheet.name;
  const values = only ? [[...only.header], ...only.rows.values()] : sheet.readValues();
  const [header = []] = values;
  const numbered: { rowNumber: number; row: CellValue[] }[] = only
    ? [...only.rows].map(([rowNumber, row]) => ({ rowNumber, row }))
    : values.slice(1).map((row, i) => ({ rowNumber: i + 2, row }));
  const located = locateInSheet(sheet, values, scoredColumns(columns));

  const col = (key: string) => columnOf(located, key);
  const submittedColumn = locateColumns(header, [
    ...columns.workflow.filter((spec) => spec.key === WORKFLOW_KEYS.submittedOn),
  ]).columns.get(WORKFLOW_KEYS.submittedOn);
  const workflowAt = locateColumns(header, columns.workflow).columns;
  const sealedAt = locateColumns(header, [
    ...columns.inputs,
    ...columns.evidence,
    ...columns.meeting,
  ]).columns;
  const sealed = sealedColumns(columns, (key) => sealedAt.get(key));
  /** The flag of a decided row whose sealed values changed since, or ''. */
  const frozenFlag = (row: readonly CellValue[]) => {
    const at = (key: string) => row[(workflowAt.get(key) ?? 0) - 1] ?? '';
    const seal = cellText(at(WORKFLOW_KEYS.approvedHash));
    if (!hasher || seal === '' || !cellText(at(WORKFLOW_KEYS.state)).startsWith('recognised'))
      return '';
    return sealStillHolds(seal, row, sealed, hasher)
      ? ''
      : frozenEditText(cellText(at(WORKFLOW_KEYS.decisionNumber)));
  };
  const inputColumns = columns.inputs.map((spec) => col(spec.key));
  // Absent until set-up adds them to a sheet made by an earlier version: then there is nothing to review.
  const reviewAt = [...columns.review, columns.reviewReason].map((spec) =>
    located.columns.get(spec.key),
  );
  const reviewColumns = reviewAt.every((c) => c !== undefined)
    ? (reviewAt.slice(0, -1) as number[])
    : [];
  const reasonColumn = reviewAt[reviewAt.length - 1] ?? 0;
  const resultKey = rubric.method === 'points' ? RESULT_KEYS.band : RESULT_KEYS.level;
  const evidence = evidenceCodes(rubric).map((code) => ({ code, column: col(evidenceKey(code)) }));
  const emptyText = rubric.method === 'points' ? MESSAGES.emptyRow() : MESSAGES.emptyLevelsRow();
  const fresh = () => new Map(columns.results.map((spec) => [spec.key, ''] as [string, CellValue]));
  // Computing only (the summary: not written, no step's rows taking them), the result cells are
  // thrown away: one map serves every row.
  const discarded = !write && !only;
  const scratch = discarded ? fresh() : undefined;
  const blankResults = () => scratch ?? fresh();
  // The register by unit, once per sheet: each row looks at its unit's entries only.
  const byUnit = registerByUnit(recognitions);
  const recognitionsOf = (code: string) => byUnit.get(textKey(code)) ?? [];
  const units: ScoredUnit[] = [];
  const errors: RowError[] = [];
  const firstRowOf = new Map<string, number>();

  const results = numbered.map(({ row, rowNumber }) => {
    const cells = blankResults();
    const finish = (outcome: RowOutcome) => {
      for (const [key, value] of outcome.results) cells.set(key, value);
      if (outcome.unit) units.push(outcome.unit);
      if (outcome.error) errors.push({ row: rowNumber, message: outcome.error });
      const note = outcome.results.get(RESULT_KEYS.error) ?? '';
      cells.set(
        RESULT_KEYS.error,
        outcome.error ?? (outcome.unit?.status === 'empty' ? emptyText : note),
      );
      cells.set(RESULT_KEYS.scoredAt, now);
      // The flag is a result cell's text: when the results are thrown away, it is not needed.
      const flag = discarded ? '' : frozenFlag(row);
      if (flag) {
        const before = cellText(cells.get(RESULT_KEYS.error) ?? '');
        cells.set(RESULT_KEYS.error, before ? `${flag}\n${before}` : flag);
      }
      return cells;
    };
    const code = cellText(row[col('code') - 1]);
    const values = inputColumns.map((c) => row[c - 1] ?? '');
    if (code === '' && values.every(isBlank)) return cells;
    // Named only in a message: not built for every row (a province's 50,000).
    const codeCell = () => cellPlace(name, rowNumber, col('code'));
    if (code === '')
      return finish({ results: new Map(), error: MESSAGES.missingUnitCode(codeCell()) });
    const firstRow = firstRowOf.get(textKey(code));
    if (firstRow !== undefined) {
      return finish({
        results: new Map(),
        error: MESSAGES.duplicateUnitCode(codeCell(), code, firstRow),
      });
    }
    firstRowOf.set(textKey(code), rowNumber);
    const submitted =
      submittedColumn === undefined ? undefined : readDate(row[submittedColumn - 1] ?? '');
    const context: RowContext = {
      values,
      place: (input) => cellPlace(name, rowNumber, inputColumns[input] ?? 0),
      code,
      district: cellText(row[col('district') - 1]),
      now,
      ...(submitted?.ok ? { submitted: submitted.value } : {}),
    };
    const scoreRow = (rowContext: RowContext) =>
      rubric.method === 'points'
        ? pointsRow(rubric, rowContext)
        : levelsRow(rubric, rowContext, recognitionsOf(rowContext.code));
    const outcome = scoreRow(context);
    // The reviewer's values, where typed, stand in for the unit's own in a second result beside it.
    const reviewed = reviewColumns.map((c) => row[c - 1] ?? '');
    if (
      outcome.unit?.status === 'done' &&
      reviewColumns.length > 0 &&
      reviewed.some((v) => !isBlank(v))
    ) {
      const review = reviewOf(values, reviewed, columns.inputs);
      const second = scoreRow({
        ...context,
        values: review.values,
        place: (input) =>
          cellPlace(
            name,
            rowNumber,
            (isBlank(reviewed[input]) ? inputColumns[input] : reviewColumns[input]) ?? 0,
          ),
      });
      const problems = [second.error ?? ''];
      if (review.changes.length > 0 && isBlank(row[reasonColumn - 1])) {
        problems.push(MESSAGES.reviewNeedsReason(cellPlace(name, rowNumber, reasonColumn)));
      }
      outcome.results.set(
        RESULT_KEYS.reviewed,
        second.error ? '' : (second.results.get(resultKey) ?? ''),
      );
      outcome.results.set(RESULT_KEYS.changes, review.changes.join('; '));
      const problem = problems.filter(Boolean).join('\n');
      if (problem) {
        const note = outcome.results.get(RESULT_KEYS.error);
        outcome.results.set(RESULT_KEYS.error, [note, problem].filter(Boolean).join('\n'));
        errors.push({ row: rowNumber, message: problem });
      }
    }
    if (!outcome.error && outcome.unit?.status === 'done') {
      const lacking = evidence.filter((e) => isBlank(row[e.column - 1]));
      if (lacking.length > 0) {
        const error = lacking
          .map((e) => MESSAGES.missingEvidence(cellPlace(name, rowNumber, e.column), e.code))
          .join('\n');
        return finish({
          results: blankResults(),
          error,
          unit: { code: context.code, district: context.district, status: 'invalid' },
        });
      }
    }
    return finish(outcome);
  });

  if (only && results.length > 0) {
    // The step's rows take their results in place; written here only when asked (a step writes them
    // with its workflow cells, in the same write where they sit side by side).
    const keyAt = new Map(columns.results.map((spec) => [col(spec.key), spec.key]));
    const byRow = new Map(numbered.map(({ rowNumber, row }, i) => [rowNumber, { row, i }]));
    for (const { row, i } of byRow.values()) {
      for (const [column, key] of keyAt) row[column - 1] = results[i]?.get(key) ?? '';
    }
    for (const rowRun of write ? columnRuns([...byRow.keys()]) : []) {
      for (const run of columnRuns([...keyAt.keys()])) {
        sheet.writeValues(
          rowRun.first,
          run.first,
          Array.from({ length: rowRun.count }, (_, r) =>
            Array.from(
              { length: run.count },
              (_, c) => byRow.get(rowRun.first + r)?.row[run.first + c - 1] ?? '',
            ),
          ),
        );
      }
    }
  } else if (write && results.length > 0) {
    const keyAt = new Map(columns.results.map((spec) => [col(spec.key), spec.key]));
    for (const run of columnRuns([...keyAt.keys()])) {
      const keys = Array.from({ length: run.count }, (_, i) => keyAt.get(run.first + i) ?? '');
      sheet.writeValues(
        2,
        run.first,
        results.map((cells) => keys.map((key) => cells.get(key) ?? '')),
      );
    }
  }
  return { sheet: name, rubric, units, errors, summary: summarize(rubric, units) };
}

/**
 * XHHT → Chấm điểm tất cả. Checks the settings and every rubric of the criteria sheet, then scores the
 * scoring sheet of each rubric that is complete, writing only result columns: what officers typed is
 * never touched. A rubric with problems or values still to enter is listed instead, cell by cell.
 */
export function scoreAll(
  ctx: Context & { readonly hasher?: HasherPort },
  /** `write: false` computes the same results without writing them, and without the lock. */
  options: { readonly write?: boolean } = {},
): ScoreAllReport {
  const write = options.write ?? true;
  const work = () => {
    const now = ctx.clock.now();
    const settings = readSettings(ctx.workbook, now);
    const reads = readCriteria(ctx.workbook) ?? [];
    const refused: RefusedRubric[] = [];
    const inUse: { rubric: Rubric; missing: readonly string[]; sheet: SheetPort }[] = [];
    for (const read of reads) {
      const sheet = read.rubric ? ctx.workbook.sheet(read.rubric.scoringSheet) : undefined;
      if (!read.rubric)
        refused.push({ rubricId: read.id, reason: 'problems', details: read.problems });
      else if (!sheet) refused.push({ rubricId: read.id, reason: 'noSheet', details: [] });
      else inUse.push({ rubric: read.rubric, missing: read.missing, sheet });
    }
    // Only the levels titles' rules read the register: a points-only workbook is not read for it.
    const register = inUse.some(({ rubric }) => rubric.method === 'levels')
      ? readRegister(
          ctx.workbook,
          inUse.map(({ rubric }) => rubric),
        )
      : { entries: [], problems: [] };
    const recognitions = register.entries;
    const sheets: SheetScore[] = [];
    for (const { rubric, missing, sheet } of inUse) {
      if (missing.length > 0) {
        refused.push({ rubricId: rubric.id, reason: 'missing', details: missing });
        continue;
      }
      // One sheet that cannot be read (a renamed header, say) does not keep the others from scoring.
      try {
        sheets.push(scoreSheet(sheet, rubric, now, recognitions, ctx.hasher, write));
      } catch (error) {
        if (!(error instanceof SheetError)) throw error;
        refused.push({ rubricId: rubric.id, reason: 'sheet', details: [error.message] });
      }
    }
    if (sheets.length === 0 && refused.every((r) => r.reason === 'noSheet')) {
      throw new SheetError(
        tr(
          `Chưa có trang chấm điểm nào của một bộ tiêu chí ở trang «${CRITERIA_SHEET}». Hãy chạy XHHT → Khởi tạo bảng tính trước.`,
          `No scoring sheet of a rubric in sheet «${CRITERIA_SHEET}» yet. Run XHHT → Khởi tạo bảng tính (set up) first.`,
        ),
      );
    }
    return { settings, sheets, refused, registerProblems: register.problems };
  };
  return write ? ctx.lock.withLock(work) : work();
}
