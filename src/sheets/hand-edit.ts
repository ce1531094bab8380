import { cellPlace } from '../domain/a1';
import { type CellValue, cellText, textKey } from '../domain/cells';
import { plural, tr } from '../domain/i18n';
import type { RegisterEntry } from '../domain/register';
import { handEditCellText } from '../domain/step-record';
import {
  decodeRecord,
  EMPTY_RECORD,
  type RecordKey,
  recordDiffers,
  recordOfCells,
  type UnitRecord,
} from '../domain/unit-record';
import { AUDIT_SHEET, chainBase, START_KEY } from './audit-log';
import { readCriteria } from './criteria-sheet';
import { REGISTER_SHEET, scoringColumns, WORKFLOW_COLUMNS } from './layout';
import type { LockPort, SheetPort, StorePort, WorkbookPort } from './ports';
import { columnNamed, HAND_EDIT_HEADER, LOG_RECORD_HEADER } from './record-columns';
import { readRegister } from './register-sheet';

/**
 * «Sửa tay» (edited by hand, issue 11): the log is the record, and the cells of a scoring row that XHHT
 * alone writes are a cache of the unit's last log row («Ô do XHHT ghi», src/domain/unit-record.ts). A
 * unit whose cells disagree with it is not recognised, not counted and not exported until an
 * administrator restores its cells from the log or an authorised step settles it. This module is the
 * bulk reader of that record: the log's unit and record columns (two column reads, found by header and
 * absent from a log the previous version wrote), compared with each unit's cells.
 */

export {
  columnNamed,
  HAND_EDIT_HEADER,
  LOG_RECORD_HEADER,
  LOG_ROW_HEADER,
  LOG_UNIT_PREVIOUS_HEADER,
} from './record-columns';

/** What the log says of each unit, read from its unit and record columns only. */
export interface LogRecords {
  /** Whether the log has the record column (a log only the previous version wrote has not). */
  readonly carried: boolean;
  /** Whether the working log holds the whole history: nothing archived, no chain restarted. */
  readonly whole: boolean;
  /** The unit code of a log row (sheet row), '' when none. */
  unitAt(row: number): string;
  /** The record a log row (sheet row) carries, if it carries one. */
  recordAt(row: number): UnitRecord | undefined;
  /** The unit's last log row carrying a record. */
  last(code: string): { readonly row: number; readonly record: UnitRecord } | undefined;
  /** Whether any log row names the unit. */
  logged(code: string): boolean;
}

const NO_LOG: LogRecords = {
  carried: false,
  whole: true,
  unitAt: () => '',
  recordAt: () => undefined,
  last: () => undefined,
  logged: () => false,
};

/**
 * The log's unit and record cells that a pass over its rows read as it went (the morning run's full
 * verification), from sheet row `first` down without a gap, with the columns they were found in.
 */
export interface LogCellsSeen {
  readonly first: number;
  readonly unitColumn: number | undefined;
  readonly recordColumn: number | undefined;
  readonly units: readonly CellValue[];
  readonly records: readonly CellValue[];
}

/** Keeps `LogCellsSeen` from the blocks a pass reads, in order; a block out of order ends it. */
export function logCellsKept(): {
  readonly add: (
    firstRow: number,
    block: readonly (readonly CellValue[])[],
    header: readonly CellValue[],
  ) => void;
  readonly seen: () => LogCellsSeen | undefined;
} {
  let kept:
    | {
        first: number;
        unitColumn: number | undefined;
        recordColumn: number | undefined;
        units: CellValue[];
        records: CellValue[];
      }
    | undefined;
  let over = false;
  return {
    add(firstRow, block, header) {
      const unitColumn = columnNamed(header, 'Đơn vị');
      const recordColumn = columnNamed(header, LOG_RECORD_HEADER);
      kept ??= { first: firstRow, unitColumn, recordColumn, units: [], records: [] };
      if (
        over ||
        firstRow !== kept.first + kept.units.length ||
        unitColumn !== kept.unitColumn ||
        recordColumn !== kept.recordColumn
      ) {
        over = true;
        return;
      }
      for (const cells of block) {
        kept.units.push(unitColumn === undefined ? '' : (cells[unitColumn - 1] ?? ''));
        kept.records.push(recordColumn === undefined ? '' : (cells[recordColumn - 1] ?? ''));
      }
    },
    seen: () => (over ? undefined : kept),
  };
}

/**
 * The log's records: the header (one read), then the unit column and the record column (one read
 * each, one cell a row), never the whole log. A log without the record column costs the header only.
 * `seen`: the cells a pass of this run read already (the verification), taken for the rows they cover
 * while the log is whole (nothing archived or restarted since, which would move its rows); only the
 * rows before and after them are read.
 */
export function readLogRecords(
  ports: {
    readonly workbook: WorkbookPort;
    readonly store: StorePort;
  },
  seen?: LogCellsSeen,
): LogRecords {
  const sheet = ports.workbook.sheet(AUDIT_SHEET);
  const rows = sheet ? sheet.lastRow() : 0;
  if (!sheet || rows < 1) return NO_LOG;
  const header = sheet.readRange(1, 1, 1, Math.max(1, sheet.lastColumn()))[0] ?? [];
  const unitColumn = columnNamed(header, 'Đơn vị');
  const recordColumn = columnNamed(header, LOG_RECORD_HEADER);
  const count = rows - 1;
  const start = Number(ports.store.get(START_KEY) ?? 0);
  const whole = chainBase(ports).rows === 0 && !(Number.isInteger(start) && start > 0);
  if (unitColumn === undefined || count === 0) return { ...NO_LOG, carried: false, whole };
  // Sheet rows [from, to) come from what the pass read; the rest from the sheet.
  const usable =
    seen !== undefined &&
    whole &&
    seen.unitColumn === unitColumn &&
    seen.recordColumn === recordColumn &&
    seen.first >= 2 &&
    seen.first + seen.units.length - 1 <= rows;
  const from = usable ? seen.first : 2;
  const to = usable ? seen.first + seen.units.length : 2;
  const cellsOf = (column: number, known: readonly CellValue[] | undefined) => {
    const texts: string[] = [];
    const read = (first: number, end: number) => {
      if (end > first)
        for (const cells of sheet.readRange(first, column, end - first, 1))
          texts.push(cellText(cells[0]));
    };
    read(2, from);
    for (const cell of known && usable ? known : []) texts.push(cellText(cell));
    read(to, rows + 1);
    return texts;
  };
  const units = cellsOf(unitColumn, seen?.units);
  const texts = recordColumn === undefined ? [] : cellsOf(recordColumn, seen?.records);
  const records = new Map<number, UnitRecord>();
  const last = new Map<string, { row: number; record: UnitRecord }>();
  const logged = new Set<string>();
  units.forEach((unit, i) => {
    if (unit === '') return;
    const key = textKey(unit);
    logged.add(key);
    const record = decodeRecord(texts[i] ?? '');
    if (!record) return;
    records.set(i + 2, record);
    last.set(key, { row: i + 2, record });
  });
  return {
    carried: recordColumn !== undefined,
    whole,
    unitAt: (row) => units[row - 2] ?? '',
    recordAt: (row) => records.get(row),
    last: (code) => last.get(textKey(code)),
    logged: (code) => logged.has(textKey(code)),
  };
}

/** Which cells of a unit disagree with the log, and the log row they were compared with. */
export interface HandEdit {
  readonly keys: readonly RecordKey[];
  /** The unit's last log row carrying a record; undefined when no log row names the unit. */
  readonly logRow?: number;
}

/**
 * Whether a unit's cells were edited by hand: compared with its last log row's record; a unit no log
 * row names must have every cell blank (judged only where the log carries records and holds the whole
 * history). A unit whose only log rows the previous version wrote cannot be judged: undefined.
 */
export function handEditOf(
  cell: (key: RecordKey) => CellValue | undefined,
  code: string,
  log: LogRecords,
): HandEdit | undefined {
  const cached = recordOfCells(cell);
  const last = log.last(code);
  if (last) {
    const keys = recordDiffers(cached, last.record);
    return keys.length > 0 ? { keys, logRow: last.row } : undefined;
  }
  if (!log.carried || !log.whole || log.logged(code)) return undefined;
  const keys = recordDiffers(cached, EMPTY_RECORD);
  return keys.length > 0 ? { keys } : undefined;
}

const HEADER_OF = new Map(WORKFLOW_COLUMNS.map((spec) => [spec.key, spec.header]));

/** The headers of the cells that disagree, as the «Sửa tay» cell and the messages name them. */
export function editedHeaders(edit: HandEdit): string {
  return edit.keys.map((key) => HEADER_OF.get(key) ?? key).join(', ');
}

/** The «Sửa tay» cell of a unit, blank when its cells agree with the log. */
export function handEditCell(edit: HandEdit | undefined): string {
  return edit ? handEditCellText(edit.keys, edit.logRow, (key) => HEADER_OF.get(key) ?? key) : '';
}

/** One line of a report naming the sheet, the cells and the unit. */
export function handEditLine(
  sheet: string,
  row: number,
  code: string,
  edit: HandEdit,
  stateColumn?: number,
): string {
  const place =
    stateColumn === undefined
      ? tr(`Dòng ${row}, trang «${sheet}»`, `Row ${row}, sheet «${sheet}»`)
      : cellPlace(sheet, row, stateColumn);
  return edit.logRow === undefined
    ? tr(
        `${place}, đơn vị ${code}: ${editedHeaders(edit)} có giá trị nhưng «${AUDIT_SHEET}» không có dòng nào của đơn vị.`,
        `${place}, unit ${code}: ${editedHeaders(edit)} hold values but «${AUDIT_SHEET}» has no row of the unit.`,
      )
    : tr(
        `${place}, đơn vị ${code}: ${editedHeaders(edit)} khác với «${AUDIT_SHEET}» dòng ${edit.logRow}.`,
        `${place}, unit ${code}: ${editedHeaders(edit)} differ from «${AUDIT_SHEET}» row ${edit.logRow}.`,
      );
}

/**
 * The register's rows that count: a «Công nhận» row must point (its «Dòng nhật ký») at a log row of the
 * same unit whose record is a recognition with the same decision number. A row pointing at a log row
 * the previous version wrote (no record) counts when that row names the unit. Rows of other kinds
 * (imports, migration, revocations) are the administrator's and set-up's, and count as before.
 */
export function vouchedRegister(
  entries: readonly RegisterEntry[],
  log: LogRecords,
): { readonly entries: readonly RegisterEntry[]; readonly ignored: readonly RegisterEntry[] } {
  if (!log.carried) return { entries, ignored: [] };
  const kept: RegisterEntry[] = [];
  const ignored: RegisterEntry[] = [];
  for (const entry of entries) {
    if (entry.kind !== 'recognise' || registerRowVouched(entry, log)) kept.push(entry);
    else ignored.push(entry);
  }
  return { entries: kept, ignored };
}

function registerRowVouched(entry: RegisterEntry, log: LogRecords): boolean {
  if (entry.logRow === undefined) return false;
  if (textKey(log.unitAt(entry.logRow)) !== textKey(entry.unit)) return false;
  const record = log.recordAt(entry.logRow);
  if (!record) return true;
  return (
    record.state.startsWith('recognised') &&
    textKey(record.decisionNumber) === textKey(entry.decisionNumber)
  );
}

export function ignoredRegisterLine(entry: RegisterEntry): string {
  return tr(
    `«Sổ công nhận»: dòng công nhận đơn vị ${entry.unit} (quyết định ${entry.decisionNumber}) không do bước nào trong «${AUDIT_SHEET}» ghi; không được tính.`,
    `«Sổ công nhận»: the recognition row of unit ${entry.unit} (decision ${entry.decisionNumber}) was written by no step of «${AUDIT_SHEET}»; it does not count.`,
  );
}

/** A unit found edited by hand, with where it is. */
export interface FoundEdit extends HandEdit {
  readonly sheet: string;
  readonly row: number;
  readonly code: string;
  readonly line: string;
}

export interface HandEditScan {
  readonly found: readonly FoundEdit[];
  /** «Sửa tay» cells written or cleared. */
  readonly marked: number;
  readonly ignoredRegister: readonly string[];
  /** The log's records as this pass read them, for a use case that follows in the same run. */
  readonly log: LogRecords;
}

/** A sheet's columns by key as the header places them, for the keys given. */
function place(header: readonly CellValue[], specs: readonly { key: string; header: string }[]) {
  const at = new Map<string, number>();
  for (const spec of specs) {
    const column = columnNamed(header, spec.header);
    if (column !== undefined) at.set(spec.key, column);
  }
  return at;
}

/**
 * The full pass of «Kiểm tra nhật ký» and the morning run: every unit's cells against its last log
 * row. It reads each scoring sheet's header, its code column and the run of columns from the first to
 * the last script-owned one it needs (never the inputs), and writes the «Sửa tay» column, where the
 * sheet has it, only between the first and last row whose mark changes, under the lock, after reading
 * the codes again (a sorted sheet is left for the next run).
 */
export function scanHandEdits(
  ports: {
    readonly workbook: WorkbookPort;
    readonly store: StorePort;
    readonly lock: LockPort;
  },
  options: {
    readonly whole?: boolean;
    /** The log's last row when the cells were read: a unit stepped on since is left for next time. */
    readonly logRowsAtRead?: number;
    /** The log's unit and record cells this run read already (`readLogRecords`). */
    readonly seen?: LogCellsSeen | undefined;
  } = {},
): HandEditScan {
  const log = readLogRecords(ports, options.seen);
  const found: FoundEdit[] = [];
  let marked = 0;
  for (const read of readCriteria(ports.workbook) ?? []) {
    const rubric = read.rubric;
    const sheet = rubric ? ports.workbook.sheet(rubric.scoringSheet) : undefined;
    if (!rubric || !sheet) continue;
    const rows = sheet.lastRow() - 1;
    if (rows < 1) continue;
    const header = sheet.readRange(1, 1, 1, Math.max(1, sheet.lastColumn()))[0] ?? [];
    const codeSpec = scoringColumns(rubric).all.find((spec) => spec.key === 'code');
    const code = codeSpec && columnNamed(header, codeSpec.header);
    if (code === undefined) continue;
    const at = place(header, WORKFLOW_COLUMNS);
    const mark = columnNamed(header, HAND_EDIT_HEADER);
    const wanted = [...at.values(), ...(mark === undefined ? [] : [mark])];
    if (wanted.length === 0) continue;
    const first = Math.min(...wanted);
    const span = Math.max(...wanted) - first + 1;
    // A run that reads the whole sheet anyway (the morning run, through readOnce) takes its cells from
    // that one read; «Kiểm tra nhật ký» reads the code column and the script-owned columns only.
    const all = options.whole ? sheet.readValues().slice(1) : undefined;
    const codes = all
      ? all.map((cells) => cellText(cells[code - 1]))
      : readCodes(sheet, code, rows);
    // Column c of a row is at cells[c - offset]: the whole row, or the block from `first`.
    const block = all ?? sheet.readRange(2, first, rows, span);
    const offset = all ? 1 : first;
    const marks: string[] = [];
    const before: string[] = [];
    block.forEach((cells, i) => {
      const value = (key: string) => {
        const column = at.get(key);
        return column === undefined ? '' : (cells[column - offset] ?? '');
      };
      const unit = codes[i] ?? '';
      const was = mark === undefined ? '' : cellText(cells[mark - offset]);
      before.push(was);
      const moved =
        (log.last(unit)?.row ?? 0) > (options.logRowsAtRead ?? Number.POSITIVE_INFINITY);
      if (moved) {
        marks.push(was);
        return;
      }
      const edit = unit === '' ? undefined : handEditOf(value, unit, log);
      marks.push(handEditCell(edit));
      if (edit) {
        const line = handEditLine(sheet.name, i + 2, unit, edit, at.get('state'));
        found.push({ ...edit, sheet: sheet.name, row: i + 2, code: unit, line });
      }
    });
    if (mark !== undefined)
      marked += writeMarks(ports.lock, sheet, code, mark, codes, before, marks);
  }
  const register = registerProblems(ports.workbook, log);
  return { found, marked, ignoredRegister: register, log };
}

function readCodes(sheet: SheetPort, column: number, rows: number): string[] {
  return sheet.readRange(2, column, rows, 1).map((cells) => cellText(cells[0]));
}

/** Writes the marks that changed, in one block, if the codes still stand where they were read. */
function writeMarks(
  lock: LockPort,
  sheet: SheetPort,
  code: number,
  mark: number,
  codes: readonly string[],
  before: readonly string[],
  marks: readonly string[],
): number {
  const changed = marks.flatMap((text, i) => (text === before[i] ? [] : [i]));
  if (changed.length === 0) return 0;
  const from = changed[0] as number;
  const to = changed[changed.length - 1] as number;
  return lock.withLock(() => {
    const now = readCodes(sheet, code, to + 1);
    if (now.slice(from, to + 1).some((unit, i) => unit !== codes[from + i])) return 0;
    sheet.writeValues(
      from + 2,
      mark,
      marks.slice(from, to + 1).map((text) => [text]),
    );
    return changed.length;
  });
}

function registerProblems(workbook: WorkbookPort, log: LogRecords): string[] {
  if (!log.carried || !workbook.sheet(REGISTER_SHEET)) return [];
  // The register is read whole (one read): it holds a row per decision, far fewer than the log.
  return vouchedRegister(readRegister(workbook).entries, log).ignored.map(ignoredRegisterLine);
}

/** What «Kiểm tra nhật ký» adds about hand edits. */
export function handEditNotice(scan: HandEditScan): string {
  const lines = [...scan.found.map((edit) => edit.line), ...scan.ignoredRegister];
  if (lines.length === 0) return '';
  const shown = lines.slice(0, 20);
  const more = lines.length - shown.length;
  return [
    tr(
      `${scan.found.length} đơn vị «sửa tay» (ô do XHHT ghi khác với nhật ký): không được công nhận, không được tính, không được xuất cho đến khi quản trị viên khôi phục từ nhật ký hoặc một bước hợp lệ xử lý.`,
      `${plural(scan.found.length, 'unit', 'units')} «sửa tay» (cells XHHT writes differ from the log): not recognised, counted or exported until an administrator restores them from the log or an authorised step settles them.`,
    ),
    ...shown,
    ...(more > 0 ? [tr(`… và ${more} dòng nữa.`, `… and ${more} more.`)] : []),
  ].join('\n');
}
