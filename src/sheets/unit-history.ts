import { type CellValue, cellText, storedText, textKey } from '../domain/cells';
import { decodeRecord, type UnitRecord } from '../domain/unit-record';
import { AUDIT_SHEET, chainBase, START_KEY } from './audit-log';
import {
  columnNamed,
  type HandEdit,
  handEditOf,
  LOG_RECORD_HEADER,
  LOG_UNIT_PREVIOUS_HEADER,
  type LogRecords,
} from './hand-edit';
import type { StorePort, WorkbookPort } from './ports';

/**
 * One unit's history without reading the whole log (issue 12): from the log row the scoring row points
 * at («Dòng nhật ký»), back along each row's «Dòng trước của đơn vị», one row per read; where the row
 * has no pointer (a unit last moved by the previous version) or the pointer does not lead to a row of
 * the unit, the log's unit column is read (one read, one cell a row) and the unit's rows after it.
 */

/** At most this many rows of a unit's history are read and shown (the latest). */
export const HISTORY_ROWS = 30;

export interface HistoryRow {
  /** The log's sheet row. */
  readonly row: number;
  readonly time: string;
  readonly user: string;
  readonly action: string;
  readonly to: string;
  readonly comment: string;
  readonly record?: UnitRecord;
}

export interface UnitHistory {
  /** Oldest first. */
  readonly rows: readonly HistoryRow[];
  /** Whether the log has the record column. */
  readonly carried: boolean;
  /** Whether the history was found by the pointers alone (no column of the log read). */
  readonly followed: boolean;
}

const HEADERS = {
  time: 'Thời gian',
  user: 'Người thực hiện',
  unit: 'Đơn vị',
  action: 'Hành động',
  to: 'Sang trạng thái',
  comment: 'Nhận xét',
} as const;

export function unitHistory(
  workbook: WorkbookPort,
  code: string,
  pointer: CellValue | undefined,
): UnitHistory {
  const sheet = workbook.sheet(AUDIT_SHEET);
  const last = sheet ? sheet.lastRow() : 0;
  if (!sheet || last < 2) return { rows: [], carried: false, followed: true };
  const width = Math.max(1, sheet.lastColumn());
  const header = sheet.readRange(1, 1, 1, width)[0] ?? [];
  const at = (name: string) => columnNamed(header, name);
  const unitColumn = at(HEADERS.unit);
  if (unitColumn === undefined) return { rows: [], carried: false, followed: true };
  const recordColumn = at(LOG_RECORD_HEADER);
  const previousColumn = at(LOG_UNIT_PREVIOUS_HEADER);
  const key = textKey(code);
  const read = (row: number): { entry: HistoryRow; previous: number } | undefined => {
    const cells = sheet.readRange(row, 1, 1, width)[0] ?? [];
    if (textKey(cells[unitColumn - 1]) !== key) return undefined;
    const text = (name: string) => {
      const column = at(name);
      return column === undefined ? '' : storedText(cells[column - 1]);
    };
    const record =
      recordColumn === undefined ? undefined : decodeRecord(cellText(cells[recordColumn - 1]));
    const previous = previousColumn === undefined ? 0 : Number(cellText(cells[previousColumn - 1]));
    return {
      entry: {
        row,
        time: text(HEADERS.time),
        user: text(HEADERS.user),
        action: text(HEADERS.action),
        to: text(HEADERS.to),
        comment: text(HEADERS.comment),
        ...(record ? { record } : {}),
      },
      previous: Number.isInteger(previous) ? previous : 0,
    };
  };
  const carried = recordColumn !== undefined;
  // Along the pointers: each row names the unit's row before it, always higher up.
  const start = Number(cellText(pointer));
  if (previousColumn !== undefined && Number.isInteger(start) && start >= 2 && start <= last) {
    const rows: HistoryRow[] = [];
    let row = start;
    let followed = true;
    while (row >= 2 && rows.length < HISTORY_ROWS) {
      const found = read(row);
      if (!found) {
        followed = false;
        break;
      }
      rows.push(found.entry);
      if (!(found.previous < row)) break;
      row = found.previous;
    }
    if (followed) return { rows: rows.reverse(), carried, followed: true };
  }
  // No pointer, or one that leads elsewhere: the unit column, then the unit's latest rows.
  const matches: number[] = [];
  sheet.readRange(2, unitColumn, last - 1, 1).forEach((cells, i) => {
    if (textKey(cells[0]) === key) matches.push(i + 2);
  });
  const rows = matches.slice(-HISTORY_ROWS).flatMap((row) => {
    const found = read(row);
    return found ? [found.entry] : [];
  });
  return { rows, carried, followed: false };
}

/**
 * Whether the unit shown in the sidebar is «sửa tay»: its cells against the last row of its history
 * that carries a record (see ./hand-edit.ts for the rule).
 */
export function historyHandEdit(
  history: UnitHistory,
  store: StorePort,
  workbook: WorkbookPort,
  code: string,
  cell: (key: string) => CellValue,
): HandEdit | undefined {
  const withRecord = history.rows.filter((row) => row.record !== undefined);
  const latest = withRecord[withRecord.length - 1];
  // Whether the working log holds the whole history matters only for a unit no log row names: the
  // properties (and perhaps the hidden head sheet) are read for that case alone.
  const whole = () => {
    const start = Number(store.get(START_KEY) ?? 0);
    return chainBase({ workbook, store }).rows === 0 && !(Number.isInteger(start) && start > 0);
  };
  const log: LogRecords = {
    carried: history.carried,
    whole: history.carried && history.rows.length === 0 && whole(),
    unitAt: () => code,
    recordAt: (row) => history.rows.find((entry) => entry.row === row)?.record,
    last: () =>
      latest?.record === undefined ? undefined : { row: latest.row, record: latest.record },
    logged: () => history.rows.length > 0,
  };
  return handEditOf(cell, code, log);
}
