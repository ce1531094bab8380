import { cellPlace } from '../domain/a1';
import { CATALOG } from '../domain/catalog';
import { type CellValue, cellText, isBlank, textKey } from '../domain/cells';
import { itemIssueMessage, MESSAGES } from '../domain/messages';
import { itemsOf, type Rubric } from '../domain/rubric';
import { scoreUnit, type UnitScore } from '../domain/scoring';
import type { Settings } from '../domain/settings';
import { type ScoredUnit, type Summary, summarize } from '../domain/summary';
import { SheetError } from './errors';
import { criterionKey, itemKey, RESULT_KEYS, scoringColumns } from './layout';
import type { Context, SheetPort } from './ports';
import { readSettings } from './settings-sheet';
import { columnOf, columnRuns, locateColumns, missingColumnsError } from './table';

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

/** The result cells of one row, keyed like the result columns. */
function resultCells(
  rubric: Rubric,
  score: UnitScore | undefined,
  error: string,
  at: Date | '',
): Map<string, CellValue> {
  const cells = new Map<string, CellValue>();
  rubric.criteria.forEach((criterion, i) => {
    cells.set(
      criterionKey(criterion.code),
      score?.status === 'scored' ? (score.criterionTotals[i] ?? '') : '',
    );
  });
  cells.set(RESULT_KEYS.total, score?.status === 'scored' ? score.total : '');
  cells.set(RESULT_KEYS.band, score?.status === 'scored' ? score.band : '');
  cells.set(RESULT_KEYS.error, error);
  cells.set(RESULT_KEYS.scoredAt, at);
  return cells;
}

/** Scores every row of one scoring sheet: one read, one write per run of adjacent result columns. */
export function scoreSheet(sheet: SheetPort, rubric: Rubric, now: Date): SheetScore {
  const columns = scoringColumns(rubric);
  const name = sheet.name;
  const [header = [], ...rows] = sheet.readValues();
  const located = locateColumns(header, columns.all);
  if (located.missing.length > 0) throw missingColumnsError(name, located.missing);

  const col = (key: string) => columnOf(located, key);
  const itemColumns = itemsOf(rubric).map((item) => col(itemKey(item.code)));
  const units: ScoredUnit[] = [];
  const errors: RowError[] = [];

  const firstRowOf = new Map<string, number>();
  const refuse = (rowNumber: number, message: string) => {
    errors.push({ row: rowNumber, message });
    return resultCells(rubric, undefined, message, now);
  };

  const results = rows.map((row, i) => {
    const rowNumber = i + 2;
    const code = cellText(row[col('code') - 1]);
    const values = itemColumns.map((c) => row[c - 1] ?? '');
    if (code === '' && values.every(isBlank)) return resultCells(rubric, undefined, '', '');
    const codeCell = cellPlace(name, rowNumber, col('code'));
    if (code === '') return refuse(rowNumber, MESSAGES.missingUnitCode(codeCell));
    const firstRow = firstRowOf.get(textKey(code));
    if (firstRow !== undefined)
      return refuse(rowNumber, MESSAGES.duplicateUnitCode(codeCell, code, firstRow));
    firstRowOf.set(textKey(code), rowNumber);
    const score = scoreUnit(rubric, values);
    units.push({ district: cellText(row[col('district') - 1]), score });
    if (score.status === 'empty') return resultCells(rubric, score, MESSAGES.emptyRow, now);
    if (score.status === 'scored') return resultCells(rubric, score, '', now);
    const message = score.issues
      .map((issue) =>
        itemIssueMessage(
          cellPlace(name, rowNumber, itemColumns[issue.index] ?? 0),
          issue.item,
          issue.problem,
        ),
      )
      .join('\n');
    return refuse(rowNumber, message);
  });

  if (results.length > 0) {
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

export interface ScoreAllReport {
  readonly settings: Settings;
  readonly sheets: readonly SheetScore[];
}

/**
 * XHHT → Chấm điểm tất cả. Checks the settings, then scores every scoring sheet of a built-in rubric
 * that the workbook has, writing only result columns: what officers typed is never touched.
 */
export function scoreAll(ctx: Context): ScoreAllReport {
  return ctx.lock.withLock(() => {
    const now = ctx.clock.now();
    const settings = readSettings(ctx.workbook, now);
    const sheets: SheetScore[] = [];
    for (const rubric of CATALOG) {
      const sheet = ctx.workbook.sheet(rubric.scoringSheet);
      if (sheet) sheets.push(scoreSheet(sheet, rubric, now));
    }
    if (sheets.length === 0) {
      throw new SheetError(
        'Chưa có trang chấm điểm nào. Hãy chạy XHHT → Khởi tạo bảng tính trước.',
      );
    }
    return { settings, sheets };
  });
}
