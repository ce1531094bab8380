import type { CellValue } from '../domain/cells';
import type { Rubric } from '../domain/rubric';
import { readCriteria } from './criteria-sheet';
import { SheetError } from './errors';
import {
  CRITERIA_SHEET,
  REGISTER_SHEET,
  scoredColumns,
  scoringColumns,
  UNIT_COLUMNS,
  UNITS_SHEET,
  WORKFLOW_KEYS,
} from './layout';
import { PEOPLE_COLUMNS, PEOPLE_SHEET } from './people-sheet';
import type { WorkbookPort } from './ports';
import { columnNamed, HAND_EDIT_HEADER, LOG_ROW_HEADER } from './record-columns';
import { type ColumnSpec, locateColumns } from './table';

/**
 * What the morning run reads of its three large sheets (issue 12: 50,000 units), given to `readOnce`.
 * Every part of the run reads through that one read, so a column left out here reads as blank to all
 * of them; what is left out is what no part of the run reads, so an edit there cannot change what it
 * does (test/sheets/daily-scale.test.ts compares the run on a narrowed and on a whole read):
 *
 * - a scoring sheet: the unit's code, name and district, the inputs the summary scores and their
 *   evidence (a lacking one makes the unit invalid), and the workflow columns (the state and the
 *   label, the record «sửa tay» compares with the log, «Dòng nhật ký», «Sửa tay»). Not read: the
 *   reviewers' values and reason, the result columns (the summary computes them again), the latest
 *   comment, the meeting columns (they count in a step and in the seal, which only the step and
 *   «Chấm điểm tất cả» judge), and any column of the officers' own;
 * - «Đơn vị»: code, district, cluster and commune (places, clusters); whole while there is no
 *   «Sổ công nhận», as then the earlier recognitions are read from it;
 * - «Người dùng»: email, role and scope (the grants, the mail's recipients).
 *
 * A sheet whose header lacks a column the run needs is read whole, so that its error reads as before.
 */
export function dailyColumns(
  name: string,
  workbook: WorkbookPort,
): ((header: readonly CellValue[]) => ReadonlySet<number> | undefined) | undefined {
  if (name === PEOPLE_SHEET)
    return (header) => chosen(header, [PEOPLE_COLUMNS], ['email', 'role', 'scope']);
  if (name === UNITS_SHEET) {
    if (!workbook.sheet(REGISTER_SHEET)) return undefined;
    return (header) => chosen(header, [UNIT_COLUMNS], ['code', 'district', 'cluster', 'commune']);
  }
  // The criteria say which sheets score (read whole: it is what tells).
  if (name === CRITERIA_SHEET) return undefined;
  const rubric = rubricOf(workbook, name);
  return rubric && ((header) => scoringChoice(rubric, header));
}

function scoringChoice(rubric: Rubric, header: readonly CellValue[]): Set<number> | undefined {
  const columns = scoringColumns(rubric);
  const keys = [
    ...columns.unit,
    ...columns.inputs,
    ...columns.evidence,
    ...columns.workflow.filter((spec) => spec.key !== WORKFLOW_KEYS.comment),
  ].map((spec) => spec.key);
  const found = chosen(
    header,
    // Each way a part of the run locates the columns: the whole layout (the workflow rows), what
    // the scoring reads, the workflow columns alone («sửa tay», «Ngày nộp»).
    [
      columns.all,
      scoredColumns(columns),
      columns.workflow,
      columns.workflow.filter((spec) => spec.key === WORKFLOW_KEYS.submittedOn),
    ],
    keys,
  );
  if (!found) return undefined;
  // «Sửa tay» and the pointer are also found by their header text alone.
  for (const text of [
    ...columns.workflow
      .filter((spec) => spec.key !== WORKFLOW_KEYS.comment)
      .map((spec) => spec.header),
    LOG_ROW_HEADER,
    HAND_EDIT_HEADER,
  ]) {
    const column = columnNamed(header, text);
    if (column !== undefined) found.add(column);
  }
  return found;
}

/** The scoring sheet's rubric, if `name` is one (the criteria sheet is read once for the run). */
function rubricOf(workbook: WorkbookPort, name: string): Rubric | undefined {
  try {
    return (readCriteria(workbook) ?? []).find((read) => read.rubric?.scoringSheet === name)
      ?.rubric;
  } catch (error) {
    if (error instanceof SheetError) return undefined;
    throw error;
  }
}

/**
 * The columns of `keys` wherever any of the `layouts` places them; undefined (read whole) when a
 * layout misses a column it requires.
 */
function chosen(
  header: readonly CellValue[],
  layouts: readonly (readonly ColumnSpec[])[],
  keys: readonly string[],
): Set<number> | undefined {
  const wanted = new Set(keys);
  const found = new Set<number>();
  for (const specs of layouts) {
    const located = locateColumns(header, specs);
    if (located.missing.some((spec) => !spec.optional)) return undefined;
    for (const [key, column] of located.columns) if (wanted.has(key)) found.add(column);
  }
  return found;
}
