import { type CellValue, cellText } from '../domain/cells';
import type { Deadline } from '../domain/deadlines';
import type { Ladder } from '../domain/ladder';
import { deadlinesOf } from '../domain/procedures';
import type { Rubric } from '../domain/rubric';
import type { Settings } from '../domain/settings';
import type { UnitState } from '../domain/workflow';
import { readCriteria } from './criteria-sheet';
import { scoringColumns } from './layout';
import type { WorkbookPort } from './ports';
import { columnNamed, LOG_ROW_HEADER } from './record-columns';
import { columnOf, type Located, locateRequired } from './table';
import { type UnitPlace, unitDistrict, unitPlaces } from './unit-places';
import { rowLadder, rowPrevious, rowState } from './unit-state';

/** Every unit row of every scoring sheet with its workflow state: what the mail jobs read (one read per sheet). */

export interface WorkflowRow {
  readonly rubric: Rubric;
  /** The ladder the unit climbs: chosen by its submission date (./unit-state.ts). */
  readonly ladder: Ladder;
  /** Its title's deadlines. */
  readonly deadlines: readonly Deadline[];
  readonly sheet: string;
  /** The row's number in its sheet. */
  readonly row: number;
  readonly code: string;
  readonly name: string;
  readonly district: string;
  /** The unit's commune and cluster, from the units sheet ('' when not given). */
  readonly commune: string;
  readonly cluster: string;
  /** undefined when the state cell was edited into something else. */
  readonly state: UnitState | undefined;
  /** The state before the last step: null when there is none to undo, undefined when edited. */
  readonly previous: UnitState | null | undefined;
  /** A cell of the row by its column key, as text. */
  readonly cell: (key: string) => string;
  /** A cell of the row by its column key, as the sheet gives it (a date stays a Date). */
  readonly value: (key: string) => CellValue;
  /** The sheet row of the unit's last log row («Dòng nhật ký»), when the row carries one. */
  readonly logRow?: number | undefined;
}

export function workflowRows(workbook: WorkbookPort, settings: Settings, now: Date): WorkflowRow[] {
  const found: WorkflowRow[] = [];
  const placeOf = unitPlaces(workbook);
  for (const read of readCriteria(workbook) ?? []) {
    const rubric = read.rubric;
    const sheet = rubric ? workbook.sheet(rubric.scoringSheet) : undefined;
    if (!rubric || !sheet) continue;
    const deadlines = deadlinesOf(rubric);
    const [header = [], ...rows] = sheet.readValues();
    const located = locateRequired(sheet.name, header, scoringColumns(rubric).all);
    const pointer = columnNamed(header, LOG_ROW_HEADER);
    rows.forEach((cells, i) => {
      const row = workflowRowOf(
        {
          rubric,
          deadlines,
          sheet: sheet.name,
          located,
          placeOf,
          districtOf: (code, rowDistrict) => unitDistrict(placeOf, code, rowDistrict),
          pointer,
        },
        cells,
        i + 2,
        settings,
        now,
      );
      if (row) found.push(row);
    });
  }
  return found;
}

/** What a row of a scoring sheet is read against: its rubric, its sheet's header, the units' places. */
export interface RowFrame {
  readonly rubric: Rubric;
  readonly deadlines: readonly Deadline[];
  readonly sheet: string;
  readonly located: Located;
  readonly placeOf: (code: string) => UnitPlace | undefined;
  /**
   * The district that authorises (`unitDistrict`: «Đơn vị»'s, never the scoring row's where «Đơn vị»
   * lists places); absent: the place's district, else the row's.
   */
  readonly districtOf?: (code: string, rowDistrict: string) => string;
  /** The «Dòng nhật ký» column, where the sheet has it. */
  readonly pointer?: number | undefined;
}

/** One row of a scoring sheet with its workflow state (undefined for a row without a unit code). */
export function workflowRowOf(
  frame: RowFrame,
  cells: readonly CellValue[],
  row: number,
  settings: Settings,
  now: Date,
): WorkflowRow | undefined {
  const { rubric, located, placeOf } = frame;
  const columns = located.columns;
  const col = (key: string) => columnOf(located, key);
  // A column this version added may be absent until set-up: it reads blank.
  const value = (key: string): CellValue => {
    const column = columns.get(key);
    return column === undefined ? '' : (cells[column - 1] ?? '');
  };
  const cell = (key: string) => cellText(value(key));
  const code = cell('code');
  if (code === '') return undefined;
  const at = (key: string) => columns.get(key);
  const ladder = rowLadder(rubric, settings, cells, at, now);
  const logRow =
    frame.pointer === undefined ? Number.NaN : Number(cellText(cells[frame.pointer - 1]));
  // The unit's place, looked up once (a province's 50,000 rows, issue 12).
  const place = placeOf(code);
  const rowDistrict = cell('district');
  return {
    logRow: Number.isInteger(logRow) && logRow >= 2 ? logRow : undefined,
    rubric,
    ladder,
    deadlines: frame.deadlines,
    sheet: frame.sheet,
    row,
    code,
    name: cell('name'),
    // Authorisation and what is shown read the protected «Đơn vị», not the scoring row.
    district: frame.districtOf
      ? frame.districtOf(code, rowDistrict)
      : (place?.district ?? rowDistrict),
    commune: place?.commune ?? '',
    cluster: place?.cluster ?? '',
    state: rowState(cells, col, ladder, rubric, now, at),
    previous: rowPrevious(cells, col, ladder),
    cell,
    value,
  };
}
