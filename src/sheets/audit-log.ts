import { cellPlace } from '../domain/a1';
import {
  type AuditEntry,
  type AuditRow,
  append,
  CHAIN_START,
  type ChainCheck,
  type ChainProgress,
  continueChain,
  GENESIS,
  isUnvouched,
  rowHash,
  rowsAfterKeptHead,
  verifyChain,
} from '../domain/audit';
import { type CellValue, cellText, MAX_CELL_CHARS, storedText, textKey } from '../domain/cells';
import { inLanguage, plural, tr } from '../domain/i18n';
import { decodeRecord, type UnitRecord } from '../domain/unit-record';
import { ACTIONS, actionLabel } from '../domain/workflow';
import { SheetError } from './errors';
import {
  type ClockPort,
  extentOf,
  type HasherPort,
  type LockPort,
  type SheetPort,
  type StorePort,
  setEach,
  type WorkbookPort,
} from './ports';
import {
  type ColumnSpec,
  columnOf,
  ensureTable,
  type Located,
  locateColumns,
  locateRequired,
  rowBlocks,
} from './table';

/**
 * The «Nhật ký» sheet: one row per action, chained by hashes (src/domain/audit.ts). The head of the
 * chain is kept in the document properties, out of reach of a sheet edit, and mirrored in a hidden
 * sheet so that a downloaded .xlsx carries it. Rows are only ever appended.
 */

export const AUDIT_SHEET = 'Nhật ký';
export const HEAD_SHEET = 'XHHT đầu chuỗi nhật ký';
export const HEAD_KEY = 'xhht.audit.head';
/** Log rows whose step mail is queued (src/sheets/step-mail.ts keeps it). */
export const MAILED_KEY = 'xhht.mail.logged';

/** The log's words for the steps that call for mail (a refusal is not one of them). */
const STEP_ACTION_LABELS: ReadonlySet<string> = new Set(
  ACTIONS.map((action) => inLanguage('vi', () => actionLabel(action))),
);

/** How many rows the kept head covers. */
export const ROWS_KEY = 'xhht.audit.rows';
/** Rows of the sheet before the current chain (an administrator restarted it). */
export const START_KEY = 'xhht.audit.start';
/** Set once the log's columns are plain text. */
const PLAIN_TEXT_KEY = 'xhht.audit.plainText';
const PLAIN_TEXT = '@';

export const AUDIT_COLUMNS: readonly ColumnSpec[] = [
  { key: 'time', header: 'Thời gian', width: 150, scriptOwned: true },
  { key: 'user', header: 'Người thực hiện', width: 200, scriptOwned: true },
  { key: 'unit', header: 'Đơn vị', width: 100, scriptOwned: true },
  { key: 'action', header: 'Hành động', width: 120, scriptOwned: true },
  { key: 'from', header: 'Từ trạng thái', width: 180, scriptOwned: true },
  { key: 'to', header: 'Sang trạng thái', width: 180, scriptOwned: true },
  { key: 'comment', header: 'Nhận xét', width: 300, scriptOwned: true },
  { key: 'previous', header: 'Mã dòng trước', width: 160, scriptOwned: true },
  // Issue 11, the log is the record: the unit's cells XHHT wrote (encodeRecord), and the sheet row of
  // the unit's previous log row. Optional: a log of the previous version gets them at its next write.
  { key: 'record', header: 'Ô do XHHT ghi', width: 260, scriptOwned: true, optional: true },
  {
    key: 'unitPrevious',
    header: 'Dòng trước của đơn vị',
    width: 110,
    scriptOwned: true,
    optional: true,
  },
];

const FIELDS = ['time', 'user', 'unit', 'action', 'from', 'to', 'comment', 'previous'] as const;
/** The columns issue 11 added: hashed on the rows that carry them. */
const RECORD_FIELDS = ['record', 'unitPrevious'] as const;
/** Set once the record columns are plain text (a pointer «12» must stay the text it was hashed as). */
export const RECORD_PLAIN_TEXT_KEY = 'xhht.audit.recordPlainText';

export interface AuditPorts {
  readonly workbook: WorkbookPort;
  readonly store: StorePort;
  readonly hasher: HasherPort;
}

/** The head the file carries itself, in the hidden sheet. */
function fileHead(ports: AuditPorts): string {
  return cellText(ports.workbook.sheet(HEAD_SHEET)?.readValues()[0]?.[1]);
}

/** The head kept out of the sheet; offline, where there are no properties, the file's own. */
function keptHead(ports: AuditPorts): string {
  return ports.store.get(HEAD_KEY) ?? fileHead(ports);
}

/** How many rows the kept head covers, when this version or the one before wrote it. */
function keptRowCount(ports: AuditPorts): number | undefined {
  const kept = ports.store.get(ROWS_KEY);
  return kept === null || kept === '' || !Number.isInteger(Number(kept)) ? undefined : Number(kept);
}

/** Rows of the sheet before the current chain: a chain an administrator restarted left them there. */
function chainStart(ports: AuditPorts): number {
  const start = Number(ports.store.get(START_KEY) ?? 0);
  return Number.isInteger(start) && start > 0 ? start : 0;
}

/** Why the log cannot be appended to as it stands (cheap: counts only), or undefined. */
type Blocked =
  | { readonly kind: 'missing' }
  | { readonly kind: 'shorter'; readonly kept: number }
  | { readonly kind: 'pending'; readonly kept: number };

function blocked(ports: AuditPorts, exists: boolean, rows: number): Blocked | undefined {
  const head = ports.store.get(HEAD_KEY);
  if (!exists) return head ? { kind: 'missing' } : undefined;
  const kept = keptRowCount(ports);
  if (kept === undefined || !head) return undefined;
  if (rows < kept) return { kind: 'shorter', kept };
  if (rows > kept) return { kind: 'pending', kept };
  return undefined;
}

function blockedMessage(why: Blocked, rows: number): string {
  switch (why.kind) {
    case 'missing':
      return tr(
        `Trang «${AUDIT_SHEET}» không còn, trong khi mã đầu chuỗi nhật ký vẫn được lưu giữ: nhật ký đã bị xóa. Khôi phục trang từ lịch sử phiên bản (Tệp → Nhật ký phiên bản), hoặc quản trị viên chọn XHHT → «Bắt đầu lại chuỗi nhật ký (quản trị)», việc này được ghi lại.`,
        `The «${AUDIT_SHEET}» sheet is gone while the log's chain head is still kept: the log was deleted. Restore the sheet from the version history (File → Version history), or an administrator chooses XHHT → «Bắt đầu lại chuỗi nhật ký (quản trị)», which is logged.`,
      );
    case 'shorter':
      return tr(
        `Trang «${AUDIT_SHEET}» chỉ còn ${rows} dòng, trong khi mã đầu chuỗi lưu giữ ứng với ${why.kept} dòng: đã có dòng bị xóa. Khôi phục từ lịch sử phiên bản, hoặc quản trị viên bắt đầu lại chuỗi nhật ký.`,
        `The «${AUDIT_SHEET}» sheet holds ${rows} rows while the kept chain head covers ${why.kept}: rows were removed. Restore it from the version history, or an administrator restarts the log's chain.`,
      );
    case 'pending':
      return tr(
        `Trang «${AUDIT_SHEET}» có ${rows - why.kept} dòng sau dòng ${why.kept + 1} mà mã đầu chuỗi lưu giữ chưa bao gồm (ghi ngoại tuyến, lần chạy bị ngắt, hoặc được thêm tay). Các dòng đó chưa được tính cho đến khi quản trị viên chọn XHHT → «Nhận các dòng nhật ký chưa lưu giữ (quản trị)».`,
        `The «${AUDIT_SHEET}» sheet has ${rows - why.kept} rows after row ${why.kept + 1} that the kept chain head does not cover (written offline, by a cut-off run, or added by hand). They do not count until an administrator chooses XHHT → «Nhận các dòng nhật ký chưa lưu giữ (quản trị)».`,
      );
  }
}

/**
 * Refuses, before a step writes anything, when the log cannot be continued: deleted or shorter while a
 * head is kept (never a silent new chain), or with rows the kept head does not cover (never chained
 * after unless an administrator accepts them). `rows` is the count `readAudit` gave.
 */
export function assertLogAppendable(ports: AuditPorts, rows: number): void {
  const exists = ports.workbook.sheet(AUDIT_SHEET) !== undefined;
  const why = blocked(ports, exists, rows);
  if (why) throw new SheetError(blockedMessage(why, rows));
}

/**
 * The log checked against the kept head, from the row the current chain starts at. A deleted or
 * shorter log is a break; rows past the kept head are reported as waiting for an administrator.
 */
function checkChain(
  ports: AuditPorts,
  all: readonly AuditRow[],
  exists: boolean,
): ChainCheck & { readonly pending?: number } {
  const digest = (text: string) => ports.hasher.sha256Hex(text);
  const why = blocked(ports, exists, all.length);
  const start = chainStart(ports);
  const rows = all.slice(start);
  const kept = keptHead(ports);
  const base = startHead(ports, start);
  const check = verifyChain(rows, kept, digest, base);
  if (why && why.kind !== 'pending') {
    // A deleted or shorter log is a break, wherever the rows that are left stop following each other.
    const index = check.ok ? all.length : Math.min(check.index + start, all.length);
    return { ok: false, index, message: blockedMessage(why, all.length) };
  }
  if (check.ok) return { ...check, rows: all.length };
  const after = rowsAfterKeptHead(rows, kept, digest, base);
  if (after) {
    const pending = rows.length - after.kept;
    return {
      ok: false,
      index: start + after.kept,
      pending,
      message: blockedMessage({ kind: 'pending', kept: start + after.kept }, all.length),
    };
  }
  return { ...check, index: check.index + start };
}

/**
 * Where the working log's chain starts: GENESIS, or, once older rows were archived («Lưu trữ nhật
 * ký»), the hash of the last archived row and how many rows the archive holds. Kept in the document
 * properties and in the hidden head sheet (third row), like the head.
 */
export const BASE_KEY = 'xhht.audit.base';

export function chainBase(ports: { readonly workbook: WorkbookPort; readonly store: StorePort }): {
  head: string;
  rows: number;
} {
  try {
    const kept = JSON.parse(ports.store.get(BASE_KEY) ?? 'null') as {
      head: string;
      rows: number;
    } | null;
    if (kept && typeof kept.head === 'string') return kept;
  } catch {
    // A base that no longer parses is read from the file, as offline.
  }
  const mirror = ports.workbook.sheet(HEAD_SHEET)?.readValues()[2];
  return mirror
    ? { head: cellText(mirror[1]), rows: Number(mirror[2]) || 0 }
    : { head: GENESIS, rows: 0 };
}

/** The head before the current chain's first row: an archive's base, GENESIS after a restart. */
function startHead(ports: AuditPorts, start: number): string {
  return start > 0 ? GENESIS : chainBase(ports).head;
}

function writeHead(ports: AuditPorts, head: string, rows: number): void {
  // One call where the store can: the head and the rows it covers, together.
  setEach(ports.store, { [HEAD_KEY]: head, [ROWS_KEY]: String(rows) });
  writeMirror(ports.workbook, head, rows);
}

/** The hidden sheet that mirrors the head (an offline copy has no document properties), made if absent. */
function writeMirror(workbook: WorkbookPort, head: string, rows: number): void {
  const existing = workbook.sheet(HEAD_SHEET);
  const mirror = existing ?? workbook.addSheet(HEAD_SHEET);
  if (!existing) mirror.hide();
  mirror.writeValues(1, 1, [
    [tr('Đầu chuỗi nhật ký', 'Audit chain head'), head],
    [tr('Số dòng', 'Rows'), rows],
  ]);
  if (!existing) mirror.trimColumns();
}

/**
 * Set-up makes the log and its head's mirror in a workbook that never had a log, so that no officer's
 * step creates, formats and protects a sheet under the lock (issue 12: a year's first step costs what
 * any step costs). A log deleted while its head is kept is left missing: the next step says so, never
 * a silent new chain. Returns the sheets it made.
 */
export function prepareLog(ports: Pick<AuditPorts, 'workbook' | 'store'>): string[] {
  if (ports.workbook.sheet(AUDIT_SHEET) || ports.store.get(HEAD_KEY)) return [];
  auditTable(ports);
  if (ports.workbook.sheet(HEAD_SHEET)) return [AUDIT_SHEET];
  writeMirror(ports.workbook, GENESIS, 0);
  return [AUDIT_SHEET, HEAD_SHEET];
}

/**
 * The log's table, created if absent. Its columns are plain text, so that Sheets keeps what XHHT writes
 * exactly as written («1,5», «01/02», «TRUE» stay text): the hash is of what the cell stores. A log made
 * by an earlier version gets the format once (a document property remembers it).
 */
function auditTable(ports: Pick<AuditPorts, 'workbook' | 'store'>) {
  const existing = ports.workbook.sheet(AUDIT_SHEET);
  const table = ensureTable(existing ?? ports.workbook.addSheet(AUDIT_SHEET), AUDIT_COLUMNS);
  if (!existing) {
    // The script writes here for every officer, so the protection can only warn (DESIGN.md); an edit
    // by hand is what «Kiểm tra nhật ký» finds.
    table.sheet.protectColumnsWarningOnly(
      [{ first: 1, count: AUDIT_COLUMNS.length }],
      'XHHT: nhật ký, chỉ XHHT ghi; sửa tay sẽ bị «Kiểm tra nhật ký» phát hiện',
    );
    table.sheet.trimColumns();
  }
  if (ports.store.get(PLAIN_TEXT_KEY) !== '1') {
    for (const field of FIELDS) {
      table.sheet.setNumberFormat(columnOf(table.located, field), 2, PLAIN_TEXT);
    }
    ports.store.set(PLAIN_TEXT_KEY, '1');
  }
  if (ports.store.get(RECORD_PLAIN_TEXT_KEY) !== '1') {
    for (const field of RECORD_FIELDS) {
      table.sheet.setNumberFormat(columnOf(table.located, field), 2, PLAIN_TEXT);
    }
    ports.store.set(RECORD_PLAIN_TEXT_KEY, '1');
  }
  return table;
}

function logRow(table: { readonly located: Located }, row: AuditRow): string[] {
  const width = Math.max(...table.located.columns.values());
  const cells: string[] = Array.from({ length: width }, () => '');
  for (const field of FIELDS) cells[columnOf(table.located, field) - 1] = row[field];
  for (const field of RECORD_FIELDS) {
    const column = table.located.columns.get(field);
    if (column !== undefined) cells[column - 1] = row[field] ?? '';
  }
  return cells;
}

/** The columns of the extra headers, by textKey; headers the log lacks are added (one write). */
function extraColumns(
  table: { readonly sheet: SheetPort },
  extras: readonly Readonly<Record<string, string>>[] | undefined,
): Map<string, number> {
  const at = new Map<string, number>();
  if (!extras || extras.length === 0) return at;
  const header = table.sheet.readRange(1, 1, 1, Math.max(1, table.sheet.lastColumn()))[0] ?? [];
  header.forEach((cell, i) => {
    if (textKey(cell) !== '' && !at.has(textKey(cell))) at.set(textKey(cell), i + 1);
  });
  const known = new Set(AUDIT_COLUMNS.map((spec) => textKey(spec.header)));
  const added: string[] = [];
  for (const row of extras) {
    for (const name of Object.keys(row)) {
      const key = textKey(name);
      if (key === '' || known.has(key) || at.has(key)) continue;
      at.set(key, header.length + added.length + 1);
      added.push(name);
    }
  }
  if (added.length > 0) {
    table.sheet.writeValues(1, header.length + 1, [added]);
    table.sheet.styleHeader(1, header.length + added.length);
  }
  for (const key of known) at.delete(key);
  return at;
}

function refuseOverlong(entries: readonly AuditEntry[]): void {
  for (const entry of entries) {
    for (const field of [...FIELDS, ...RECORD_FIELDS]) {
      const text = field === 'previous' ? '' : (entry[field] ?? '');
      if (text.length > MAX_CELL_CHARS) {
        throw new SheetError(
          tr(
            `Không ghi được vào «${AUDIT_SHEET}»: nội dung dài ${text.length} ký tự, một ô chứa tối đa ${MAX_CELL_CHARS}. Chưa có gì được ghi.`,
            `Cannot write to «${AUDIT_SHEET}»: the text is ${text.length} characters long, a cell holds at most ${MAX_CELL_CHARS}. Nothing was written.`,
          ),
        );
      }
    }
  }
}

/**
 * Appends entries to the log (one read, one write) and moves the head. Call under the lock. Refuses a
 * deleted or shorter log while a head is kept, and rows the kept head does not cover (see
 * `assertLogAppendable`, which a step calls before its first write).
 */
export function appendAudit(
  ports: AuditPorts,
  entries: readonly AuditEntry[],
  /**
   * Cells of columns the log's specs do not name, by header, per entry (the offline import copies
   * every column the offline log has): written under that header, added after the last one if absent.
   */
  extras?: readonly Readonly<Record<string, string>>[],
  /** The log as the caller read it under the same lock (a step's): its header is not read again. */
  cursor?: LogCursor,
): number {
  if (entries.length === 0) return 0;
  refuseOverlong(entries);
  const missing =
    !cursor && ports.workbook.sheet(AUDIT_SHEET) === undefined && blocked(ports, false, 0);
  if (missing) throw new SheetError(blockedMessage(missing, 0));
  const table = auditTail(ports, cursor);
  const extraAt = extraColumns(table, extras);
  const why = blocked(ports, true, table.count);
  if (why) throw new SheetError(blockedMessage(why, table.count));
  const digest = (text: string) => ports.hasher.sha256Hex(text);
  const start = chainStart(ports);
  // Chained onto the kept head (a property): the rows above are not read, nor re-verified.
  let head = table.count === start ? startHead(ports, start) : keptHead(ports);
  const block = entries.map((entry, i) => {
    const next = append(head, entry, digest);
    head = next.head;
    const cells = logRow(table, next.row);
    for (const [header, value] of Object.entries(extras?.[i] ?? {})) {
      const column = extraAt.get(textKey(header));
      if (column !== undefined) cells[column - 1] = value;
    }
    return cells;
  });
  // A loop, not a spread: a bulk step's block may be 50,000 rows, more arguments than a call takes.
  const width = block.reduce((widest, cells) => Math.max(widest, cells.length), 0);
  for (const cells of block) {
    for (let i = 0; i < width; i++) cells[i] ??= '';
  }
  table.sheet.writeValues(table.count + 2, 1, block);
  writeHead(ports, head, table.count + entries.length);
  // Rows that call for no step mail (an import, an archive, a restore) keep the mailed mark at the end
  // of the log when it was there, so that no step reads them back looking for missed mail.
  if (
    ports.store.get(MAILED_KEY) === String(table.count) &&
    !entries.some((entry) => STEP_ACTION_LABELS.has(entry.action))
  ) {
    ports.store.set(MAILED_KEY, String(table.count + entries.length));
  }
  return table.count + 2;
}

/**
 * The log's sheet, its columns and how many rows it holds, from its header row and the last row
 * (metadata) alone: what a step needs to append. A log without this version's columns, or none at
 * all, goes through `auditTable` once (which adds them).
 */
function auditTail(
  ports: AuditPorts,
  cursor?: LogCursor,
): { sheet: SheetPort; located: Located; count: number } {
  const formatted =
    ports.store.get(PLAIN_TEXT_KEY) === '1' && ports.store.get(RECORD_PLAIN_TEXT_KEY) === '1';
  if (cursor && formatted && RECORD_FIELDS.every((key) => cursor.located.columns.has(key))) {
    return { sheet: cursor.sheet, located: cursor.located, count: cursor.lastRow - 1 };
  }
  const sheet = ports.workbook.sheet(AUDIT_SHEET);
  const last = sheet?.lastRow() ?? 0;
  if (sheet && last >= 1 && formatted) {
    const header = sheet.readRange(1, 1, 1, sheet.lastColumn())[0] ?? [];
    const located = locateColumns(header, AUDIT_COLUMNS);
    if (located.missing.length === 0) return { sheet, located, count: last - 1 };
  }
  const table = auditTable(ports);
  return { sheet: table.sheet, located: table.located, count: table.rows.length };
}

/** Where a step reads the log: its columns, its last row, and the first row of the current chain. */
export interface LogCursor {
  readonly sheet: SheetPort;
  readonly located: Located;
  readonly width: number;
  /** The sheet's last row (1 when it holds the header alone). */
  readonly lastRow: number;
  /** The sheet row of the current chain's first row (2, or after a restart's rows). */
  readonly firstRow: number;
  /** Rows already read this run by `prefetchLogRows`, by sheet row. */
  readonly read?: Map<number, AuditRow>;
}

/** The log's header and extent, without reading its rows (a header read and metadata), or undefined. */
export function logCursor(ports: AuditPorts): LogCursor | undefined {
  const sheet = ports.workbook.sheet(AUDIT_SHEET);
  if (!sheet) return undefined;
  const { rows: lastRow, columns: width } = extentOf(sheet);
  if (lastRow < 1 || width < 1) return undefined;
  const header = sheet.readRange(1, 1, 1, width)[0] ?? [];
  const located = locateRequired(AUDIT_SHEET, header, AUDIT_COLUMNS);
  return { sheet, located, width, lastRow, firstRow: chainStart(ports) + 2 };
}

/** One log row as stored (a single read of its cells, unless `prefetchLogRows` read it already). */
export function readLogRow(cursor: LogCursor, row: number): AuditRow | undefined {
  if (row < 2 || row > cursor.lastRow) return undefined;
  return (
    cursor.read?.get(row) ??
    auditRows(cursor.sheet.readRange(row, 1, 1, cursor.width), cursor.located)[0]
  );
}

/**
 * Rows this close together are read as one block: a read call costs what 4,000 more cells do
 * (docs/PERFORMANCE.md), and a gap of 100 rows of the 10-column log is 1,000 cells.
 */
const PREFETCH_GAP = 100;

/**
 * A cursor that holds the given log rows (the pointers of a bulk step's units), read in blocks of
 * rows that lie close together rather than one read a row: 5,000 units approved at once after a bulk
 * submission are one read, not 5,000 (issue 12). A block is read as stored: the step still checks
 * each row against its unit.
 */
export function prefetchLogRows(cursor: LogCursor, rows: readonly number[]): LogCursor {
  const wanted = rows.filter(
    (row) => Number.isInteger(row) && row >= cursor.firstRow && row <= cursor.lastRow,
  );
  if (new Set(wanted).size < 2) return cursor;
  const read = new Map(cursor.read);
  for (const { first, count } of rowBlocks(wanted, PREFETCH_GAP)) {
    const block = auditRows(cursor.sheet.readRange(first, 1, count, cursor.width), cursor.located);
    for (const [offset, entry] of block.entries()) read.set(first + offset, entry);
  }
  return { ...cursor, read };
}

/**
 * A unit's last log row: the one the pointer on its scoring row names («Dòng nhật ký»), when that row
 * is inside the current chain, names the unit and carries a record; otherwise the last row naming the
 * unit in the log's unit column (one search). Undefined when the log holds no row of the unit.
 */
export function lastUnitRow(
  cursor: LogCursor,
  code: string,
  pointer: number | undefined,
): { readonly row: number; readonly entry: AuditRow; readonly record?: UnitRecord } | undefined {
  if (pointer !== undefined && Number.isInteger(pointer) && pointer >= cursor.firstRow) {
    const entry = readLogRow(cursor, pointer);
    const record = entry && decodeRecord(entry.record ?? '');
    if (entry && record && textKey(entry.unit) === textKey(code)) {
      return { row: pointer, entry, record };
    }
  }
  const rows = cursor.sheet.findRows(
    columnOf(cursor.located, 'unit'),
    code,
    cursor.firstRow,
    cursor.lastRow,
  );
  const found = rows[rows.length - 1] ?? 0;
  const entry = found === 0 ? undefined : readLogRow(cursor, found);
  if (!entry) return undefined;
  const record = decodeRecord(entry.record ?? '');
  return { row: found, entry, ...(record ? { record } : {}) };
}

/**
 * A step cut off between writing its log rows and keeping the new head leaves rows past the kept
 * head. When they are exactly the rows its pending-write mark names (sheet rows `first`..`first +
 * count - 1`, the last of the log) and follow the kept head, the head moves over them, as the cut run
 * would have. Returns whether the log now ends at the kept head.
 */
export function adoptMarkedRows(ports: AuditPorts, first: number, count: number): boolean {
  const cursor = logCursor(ports);
  if (!cursor) return false;
  const rows = cursor.lastRow - 1;
  const kept = keptRowCount(ports);
  if (kept === undefined || kept === rows) return kept === rows;
  if (kept !== first - 2 || rows !== kept + count) return false;
  const digest = (text: string) => ports.hasher.sha256Hex(text);
  let head = kept === chainStart(ports) ? startHead(ports, kept) : keptHead(ports);
  for (const row of readLogTail(cursor, first)) {
    if (row.previous !== head) return false;
    head = rowHash(row, digest);
  }
  writeHead(ports, head, rows);
  return true;
}

/**
 * Whether a unit's history may lie outside the working log's current chain (rows archived, or left
 * above a restarted chain): then a unit with cells and no log row is taken as it stands.
 */
export function logHasHistory(ports: AuditPorts, cursor: LogCursor | undefined): boolean {
  if (chainStart(ports) > 0 || chainBase(ports).rows > 0) return true;
  // A chain restarted over a deleted log starts with the restart's row (one row read).
  const first = cursor && readLogRow(cursor, cursor.firstRow);
  return first !== undefined && first.unit === '' && first.comment.startsWith(RESTART_COMMENT);
}

/** The rows `first`..the last of the log (sheet rows), in one read: a cut-off run's tail, say. */
export function readLogTail(cursor: LogCursor, first: number): AuditRow[] {
  const from = Math.max(2, first);
  if (from > cursor.lastRow) return [];
  return auditRows(
    cursor.sheet.readRange(from, 1, cursor.lastRow - from + 1, cursor.width),
    cursor.located,
  );
}

/** How the first row of a restarted chain's comment begins. */
const RESTART_COMMENT = 'Chuỗi trước: ';

/**
 * XHHT → Bắt đầu lại chuỗi nhật ký: an administrator's explicit, logged decision, for a log deleted or
 * broken beyond repair. The rows already in the sheet stay where they are, no longer checked; the new
 * chain starts with a row naming who restarted it, why, and the head and row count the old chain had.
 */
export function restartAuditChain(
  ports: AuditPorts,
  entry: Omit<AuditEntry, 'comment' | 'unit' | 'from' | 'to'> & { readonly reason: string },
): string {
  refuseOverlong([{ ...entry, unit: '', from: '', to: '', comment: entry.reason }]);
  const table = auditTable(ports);
  const oldHead = keptHead(ports);
  const oldRows = keptRowCount(ports);
  // The log speaks Vietnamese whatever the officer's language, like every row of it.
  const comment = `${RESTART_COMMENT}${oldRows ?? '?'} dòng, mã đầu chuỗi ${oldHead || '(chưa có)'}; trang còn ${table.rows.length} dòng, giữ nguyên nhưng không còn được kiểm. Lý do: ${entry.reason}`;
  const next = append(
    GENESIS,
    {
      time: entry.time,
      user: entry.user,
      unit: '',
      action: entry.action,
      from: '',
      to: '',
      comment,
    },
    (text) => ports.hasher.sha256Hex(text),
  );
  table.sheet.writeValues(table.rows.length + 2, 1, [logRow(table, next.row)]);
  ports.store.set(START_KEY, String(table.rows.length));
  writeHead(ports, next.head, table.rows.length + 1);
  return oldHead;
}

/** The rows past the kept head an administrator is asked to accept, or why none can be. */
export function pendingRows(
  ports: AuditPorts,
): { readonly rows: readonly AuditRow[]; readonly first: number } | { readonly problem: string } {
  const all = readAudit(ports.workbook);
  const check = checkChain(ports, all, ports.workbook.sheet(AUDIT_SHEET) !== undefined);
  if (check.ok) {
    return {
      problem: tr(
        'Không có dòng nào chờ nhận: nhật ký nguyên vẹn.',
        'No rows wait to be accepted: the log is intact.',
      ),
    };
  }
  if (!check.pending) {
    return {
      problem: tr(
        `Không nhận được: ${check.message} Nhật ký chỉ có thể khôi phục từ lịch sử phiên bản, hoặc bắt đầu lại chuỗi.`,
        `Cannot accept: ${check.message} The log can only be restored from the version history, or its chain restarted.`,
      ),
    };
  }
  return { rows: all.slice(check.index), first: check.index + 2 };
}

/**
 * XHHT → Nhận các dòng nhật ký chưa lưu giữ: an administrator accepts the rows past the kept head
 * (an offline round trip, a cut-off run) after seeing who wrote them. A row of theirs records it, and
 * the head moves past them; rows that do not chain from the kept head cannot be accepted.
 */
export function acceptPendingRows(
  ports: AuditPorts,
  entry: Omit<AuditEntry, 'comment' | 'unit' | 'from' | 'to'> & { readonly note: string },
): number {
  const pending = pendingRows(ports);
  if ('problem' in pending) throw new SheetError(pending.problem);
  const table = auditTable(ports);
  const digest = (text: string) => ports.hasher.sha256Hex(text);
  const rows = auditRows(table.rows, table.located).slice(chainStart(ports));
  const last = rows[rows.length - 1];
  const head = last ? rowHash(last, digest) : GENESIS;
  const names = [...new Set(pending.rows.map((row) => row.user))].join(', ');
  const comment = `Nhận ${pending.rows.length} dòng (dòng ${pending.first}–${pending.first + pending.rows.length - 1}) nối sau mã đầu chuỗi ${keptHead(ports) || '(chưa có)'}; người ghi: ${names}. ${entry.note}`;
  const next = append(
    head,
    {
      time: entry.time,
      user: entry.user,
      unit: '',
      action: entry.action,
      from: '',
      to: '',
      comment,
    },
    digest,
  );
  table.sheet.writeValues(table.rows.length + 2, 1, [logRow(table, next.row)]);
  writeHead(ports, next.head, table.rows.length + 1);
  return pending.rows.length;
}

export interface AuditCheck {
  readonly check: ChainCheck;
  /** The sheet row of the first broken row, when the chain is broken. */
  readonly row?: number;
  readonly message: string;
}

function auditRows(values: readonly (readonly CellValue[])[], located: Located): AuditRow[] {
  return values.map((cells) => {
    // Exactly as stored: the hash is of what the cell holds (a comment's double space, trailing
    // space or line break included).
    const field = (key: string) => storedText(cells[columnOf(located, key) - 1]);
    const optional = (key: string) => {
      const column = located.columns.get(key);
      return column === undefined ? '' : storedText(cells[column - 1]);
    };
    // A loop rather than Object.fromEntries: the verification makes one for each of 100,000 rows.
    const row: Record<string, string> = {};
    for (const key of FIELDS) row[key] = field(key);
    for (const key of RECORD_FIELDS) row[key] = optional(key);
    return row as unknown as AuditRow;
  });
}

/** The rows of the log as they stand in the sheet (one read). */
export function readAudit(workbook: WorkbookPort): AuditRow[] {
  const sheet = workbook.sheet(AUDIT_SHEET);
  const [header = [], ...values] = sheet?.readValues() ?? [];
  if (!sheet || values.length === 0) return [];
  return auditRows(values, locateRequired(AUDIT_SHEET, header, AUDIT_COLUMNS));
}

/** The log's rows from the 0-based data row `first` to its end (one read of those rows only). */
export interface AuditTail {
  readonly first: number;
  readonly rows: readonly AuditRow[];
  /** The log's rows in all. */
  readonly total: number;
}

/**
 * The rows a run has not yet seen (a cut-off step's mail): the header, then only the rows from
 * `first`; metadata tells how many there are. The morning run reads this instead of the whole log.
 */
export function readAuditFrom(workbook: WorkbookPort, first: number): AuditTail {
  const sheet = workbook.sheet(AUDIT_SHEET);
  const total = sheet ? Math.max(0, sheet.lastRow() - 1) : 0;
  const from = Math.max(0, Math.min(first, total));
  if (!sheet || from >= total) return { first: from, rows: [], total };
  const width = Math.max(1, sheet.lastColumn());
  const located = locateRequired(
    AUDIT_SHEET,
    sheet.readRange(1, 1, 1, width)[0] ?? [],
    AUDIT_COLUMNS,
  );
  return {
    first: from,
    rows: auditRows(sheet.readRange(from + 2, 1, total - from, width), located),
    total,
  };
}

/** The log checked at once, in one read (the offline `xhht audit verify`, and tests). */
export function checkAudit(ports: AuditPorts): AuditCheck {
  const rows = readAudit(ports.workbook);
  const exists = ports.workbook.sheet(AUDIT_SHEET) !== undefined;
  const check = checkChain(ports, rows, exists);
  if (check.ok) {
    const start = chainStart(ports);
    const unvouched = rows.slice(start).filter((row) => isUnvouched(row.user)).length;
    const offline = unvouched
      ? tr(
          ` ${unvouched} dòng mang tên chưa xác thực (ghi ngoại tuyến).`,
          ` ${plural(unvouched, 'row carries a name', 'rows carry names')} nobody verified (written offline).`,
        )
      : '';
    const restarted = start
      ? tr(
          ` Chuỗi được bắt đầu lại ở dòng ${start + 2}; ${start} dòng trước đó thuộc chuỗi cũ, không còn được kiểm.`,
          ` The chain was restarted at row ${start + 2}; the ${start} rows before it belong to the old chain and are no longer checked.`,
        )
      : '';
    return {
      check,
      message: tr(
        `Nhật ký nguyên vẹn: ${check.rows} dòng. Mã đầu chuỗi: ${check.head || '(chưa có)'}.${offline}${restarted}`,
        `The log is intact: ${plural(check.rows, 'row', 'rows')}. Chain head: ${check.head || '(none yet)'}.${offline}${restarted}`,
      ),
    };
  }
  const row = check.index + 2;
  if (!exists || check.pending || /^(Trang|The) «/.test(check.message)) {
    return {
      check,
      row,
      message: check.pending
        ? tr(`Nhật ký chưa trọn. ${check.message}`, `The log is not whole. ${check.message}`)
        : tr(`Nhật ký đã bị thay đổi. ${check.message}`, `The log was changed. ${check.message}`),
    };
  }
  return {
    check,
    row,
    message: tr(
      `Nhật ký đã bị thay đổi. ${cellPlace(AUDIT_SHEET, row, 1)}: ${check.message}.`,
      `The log was changed. ${cellPlace(AUDIT_SHEET, row, 1)}: ${check.message}.`,
    ),
  };
}

/**
 * The full verification, carried over as many runs as it takes: how far it got is kept in the
 * document properties (rows checked and the head after them), and its last result too, which the
 * summaries cite instead of hashing the log again. A row edited behind the checkpoint while a check is
 * under way is found by the next one.
 */
export const VERIFY_CHECKPOINT_KEY = 'xhht.audit.verify.checkpoint';
export const VERIFIED_KEY = 'xhht.audit.verified';
/** Rows read per call. */
export const VERIFY_BLOCK_ROWS = 5_000;
/** No block is started after this long (Apps Script stops an execution at 6 minutes). */
export const VERIFY_BUDGET_MS = 4 * 60 * 1000;

/** The last full verification: when it ended (ISO), how many rows, what it found. */
export interface Verification {
  readonly at: string;
  readonly rows: number;
  readonly ok: boolean;
  readonly head: string;
  /** The sheet row of the first broken row. */
  readonly row?: number;
  readonly message: string;
}

export type VerifyRun =
  | { readonly done: true; readonly verification: Verification }
  | { readonly done: false; readonly rows: number; readonly total: number };

export function lastVerification(store: StorePort): Verification | undefined {
  try {
    const kept = JSON.parse(store.get(VERIFIED_KEY) ?? 'null') as Verification | null;
    return kept && typeof kept.at === 'string' && typeof kept.rows === 'number' ? kept : undefined;
  } catch {
    return undefined;
  }
}

function checkpoint(store: StorePort): ChainProgress | undefined {
  try {
    const kept = JSON.parse(store.get(VERIFY_CHECKPOINT_KEY) || 'null') as ChainProgress | null;
    return kept && Number.isInteger(kept.rows) && typeof kept.head === 'string' ? kept : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Goes on with the full verification from its checkpoint, a block of rows per read, until the end of
 * the log or the time budget; the end (the head against the kept one) is checked under the lock, so
 * that no step moves the head in between.
 */
export function verifyAuditLog(
  ports: AuditPorts & { readonly clock: ClockPort; readonly lock: LockPort },
  options: {
    readonly startedAt?: Date;
    readonly budgetMs?: number;
    /**
     * Told of each block of rows as it is read (its first sheet row, its cells, the log's header):
     * the morning run keeps the unit and record columns for its «sửa tay» pass (./hand-edit.ts).
     */
    readonly seen?: (
      firstRow: number,
      block: readonly (readonly CellValue[])[],
      header: readonly CellValue[],
    ) => void;
  } = {},
): VerifyRun {
  const started = (options.startedAt ?? ports.clock.now()).getTime();
  const budget = options.budgetMs ?? VERIFY_BUDGET_MS;
  const digest = (text: string) => ports.hasher.sha256Hex(text);
  const finish = ({ check, message, row }: AuditCheck): VerifyRun => {
    const verification: Verification = {
      at: ports.clock.now().toISOString(),
      rows: check.ok ? check.rows : Math.max(0, (row ?? 2) - 2),
      ok: check.ok,
      head: check.ok ? check.head : '',
      message,
      ...(row === undefined ? {} : { row }),
    };
    ports.store.set(VERIFIED_KEY, JSON.stringify(verification));
    ports.store.set(VERIFY_CHECKPOINT_KEY, '');
    return { done: true, verification };
  };
  const sheet = ports.workbook.sheet(AUDIT_SHEET);
  // No log, or a log that does not end at the kept head: the one-read check says what is wrong.
  if (!sheet || sheet.lastRow() < 2) return finish(checkAudit(ports));
  const width = sheet.lastColumn();
  const header = sheet.readRange(1, 1, 1, width)[0] ?? [];
  const located = locateRequired(AUDIT_SHEET, header, AUDIT_COLUMNS);
  // The current chain starts after the rows an administrator's restart left above it.
  const start = chainStart(ports);
  const read = (first: number, count: number) => {
    const cells = sheet.readRange(start + first + 2, 1, count, width);
    options.seen?.(start + first + 2, cells, header);
    return auditRows(cells, located);
  };
  const base = startHead(ports, start);
  const first: ChainProgress = { ...CHAIN_START, head: base, vouchedHead: base };
  let progress = checkpoint(ports.store) ?? first;
  let total = sheet.lastRow() - 1 - start;
  if (progress.rows > total) progress = first;
  for (;;) {
    if (progress.rows >= total) {
      const at = progress;
      const end = ports.lock.withLock(() => {
        total = sheet.lastRow() - 1 - start;
        if (at.rows < total) return undefined;
        const intact =
          blocked(ports, true, start + at.rows) === undefined && at.head === keptHead(ports);
        if (!intact) return checkAudit(ports);
        const rows = start + at.rows;
        return {
          check: { ok: true as const, head: at.head, rows },
          message: tr(
            `Nhật ký nguyên vẹn: ${rows} dòng. Mã đầu chuỗi: ${at.head || '(chưa có)'}.`,
            `The log is intact: ${rows} rows. Chain head: ${at.head || '(none yet)'}.`,
          ),
        };
      });
      if (end) return finish(end);
    }
    const next = continueChain(
      progress,
      read(progress.rows, Math.min(VERIFY_BLOCK_ROWS, total - progress.rows)),
      digest,
    );
    // A break: the one-read check names it as «Kiểm tra nhật ký» always has.
    if ('ok' in next) return finish(checkAudit(ports));
    progress = next;
    // At least one block per run, so that every run gets further.
    if (progress.rows < total && ports.clock.now().getTime() - started >= budget) {
      ports.store.set(VERIFY_CHECKPOINT_KEY, JSON.stringify(progress));
      return { done: false, rows: start + progress.rows, total: start + total };
    }
  }
}

/** The log's rows (the sheet's last row: metadata) and its kept head (a property): nothing hashed. */
export function logExtent(ports: AuditPorts): { rows: number; head: string } {
  const rows = Math.max(0, (ports.workbook.sheet(AUDIT_SHEET)?.lastRow() ?? 1) - 1);
  return { rows, head: rows === 0 ? chainBase(ports).head : keptHead(ports) };
}

/** What a run of the verification says: its result, or how far it got. */
export function verifyNotice(run: VerifyRun): string {
  if (run.done) return run.verification.message;
  return tr(
    `Đã kiểm tra ${run.rows}/${run.total} dòng nhật ký; lần chạy sau (hoặc việc buổi sáng) kiểm tiếp từ dòng ${run.rows + 2}.`,
    `Checked ${run.rows}/${run.total} log rows; the next run (or the morning run) goes on from row ${run.rows + 2}.`,
  );
}
