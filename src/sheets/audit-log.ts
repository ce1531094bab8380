import { cellPlace } from '../domain/a1';
import {
  type AuditEntry,
  type AuditRow,
  append,
  type ChainCheck,
  GENESIS,
  verifyChain,
  verifyOfflineExtension,
} from '../domain/audit';
import { type CellValue, cellText } from '../domain/cells';
import { tr } from '../domain/i18n';
import type { HasherPort, StorePort, WorkbookPort } from './ports';
import { type ColumnSpec, columnOf, ensureTable, type Located, locateRequired } from './table';

/**
 * The «Nhật ký» sheet: one row per action, chained by hashes (src/domain/audit.ts). The head of the
 * chain is kept in the document properties, out of reach of a sheet edit, and mirrored in a hidden
 * sheet so that a downloaded .xlsx carries it. Rows are only ever appended.
 */

export const AUDIT_SHEET = 'Nhật ký';
export const HEAD_SHEET = 'XHHT đầu chuỗi nhật ký';
export const HEAD_KEY = 'xhht.audit.head';
/** How many rows the kept head covers. */
const ROWS_KEY = 'xhht.audit.rows';

export const AUDIT_COLUMNS: readonly ColumnSpec[] = [
  { key: 'time', header: 'Thời gian', width: 150, scriptOwned: true },
  { key: 'user', header: 'Người thực hiện', width: 200, scriptOwned: true },
  { key: 'unit', header: 'Đơn vị', width: 100, scriptOwned: true },
  { key: 'action', header: 'Hành động', width: 120, scriptOwned: true },
  { key: 'from', header: 'Từ trạng thái', width: 180, scriptOwned: true },
  { key: 'to', header: 'Sang trạng thái', width: 180, scriptOwned: true },
  { key: 'comment', header: 'Nhận xét', width: 300, scriptOwned: true },
  { key: 'previous', header: 'Mã dòng trước', width: 160, scriptOwned: true },
];

const FIELDS = ['time', 'user', 'unit', 'action', 'from', 'to', 'comment', 'previous'] as const;

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

/**
 * The log checked against the kept head; failing that, as a log that went offline and came back
 * (the file downloaded, steps taken with `xhht`, the file uploaded again over the same spreadsheet,
 * whose document properties still hold the head from before).
 */
function checkChain(ports: AuditPorts, rows: readonly AuditRow[]): ChainCheck {
  const digest = (text: string) => ports.hasher.sha256Hex(text);
  const kept = rows.length === 0 ? GENESIS : keptHead(ports);
  const check = verifyChain(rows, kept, digest);
  if (check.ok || rows.length === 0) return check;
  const file = fileHead(ports);
  return (file !== kept && verifyOfflineExtension(rows, kept, file, digest)) || check;
}

function writeHead(ports: AuditPorts, head: string, rows: number): void {
  ports.store.set(HEAD_KEY, head);
  ports.store.set(ROWS_KEY, String(rows));
  let mirror = ports.workbook.sheet(HEAD_SHEET);
  if (!mirror) {
    mirror = ports.workbook.addSheet(HEAD_SHEET);
    mirror.hide();
  }
  mirror.writeValues(1, 1, [
    [tr('Đầu chuỗi nhật ký', 'Audit chain head'), head],
    [tr('Số dòng', 'Rows'), rows],
  ]);
}

/** Appends entries to the log (one read, one write) and moves the head. Call under the lock. */
export function appendAudit(ports: AuditPorts, entries: readonly AuditEntry[]): void {
  if (entries.length === 0) return;
  const existing = ports.workbook.sheet(AUDIT_SHEET);
  const table = ensureTable(existing ?? ports.workbook.addSheet(AUDIT_SHEET), AUDIT_COLUMNS);
  if (!existing) {
    // The script writes here for every officer, so the protection can only warn (DESIGN.md); an edit
    // by hand is what «Kiểm tra nhật ký» finds.
    table.sheet.protectColumnsWarningOnly(
      [{ first: 1, count: AUDIT_COLUMNS.length }],
      'XHHT: nhật ký, chỉ XHHT ghi; sửa tay sẽ bị «Kiểm tra nhật ký» phát hiện',
    );
  }
  const digest = (text: string) => ports.hasher.sha256Hex(text);
  let head = table.rows.length === 0 ? GENESIS : keptHead(ports);
  // More rows than the kept head covers: after a trip offline the new rows follow the head the file
  // came back with, if they are a valid offline extension (checked only then: it hashes every row).
  const keptRows = ports.store.get(ROWS_KEY);
  if (keptRows !== null && Number(keptRows) < table.rows.length) {
    const rows = auditRows(table.rows, table.located);
    const file = fileHead(ports);
    if (file !== head) head = verifyOfflineExtension(rows, head, file, digest)?.head ?? head;
  }
  const width = Math.max(...table.located.columns.values());
  const block = entries.map((entry) => {
    const next = append(head, entry, digest);
    head = next.head;
    const row: string[] = Array.from({ length: width }, () => '');
    for (const field of FIELDS) row[columnOf(table.located, field) - 1] = next.row[field];
    return row;
  });
  table.sheet.writeValues(table.rows.length + 2, 1, block);
  writeHead(ports, head, table.rows.length + entries.length);
}

export interface AuditCheck {
  readonly check: ChainCheck;
  /** The sheet row of the first broken row, when the chain is broken. */
  readonly row?: number;
  readonly message: string;
}

function auditRows(values: readonly (readonly CellValue[])[], located: Located): AuditRow[] {
  return values.map((cells) => {
    const field = (key: string) => cellText(cells[columnOf(located, key) - 1]);
    return Object.fromEntries(FIELDS.map((key) => [key, field(key)])) as unknown as AuditRow;
  });
}

/** The rows of the log as they stand in the sheet (one read). */
export function readAudit(workbook: WorkbookPort): AuditRow[] {
  const sheet = workbook.sheet(AUDIT_SHEET);
  const [header = [], ...values] = sheet?.readValues() ?? [];
  if (!sheet || values.length === 0) return [];
  return auditRows(values, locateRequired(AUDIT_SHEET, header, AUDIT_COLUMNS));
}

/** XHHT → Kiểm tra nhật ký: the chain against the head kept outside the sheet. */
export function checkAudit(ports: AuditPorts): AuditCheck {
  const check = checkChain(ports, readAudit(ports.workbook));
  if (check.ok) {
    const offline = check.offline
      ? tr(
          ` ${check.offline} dòng cuối được ghi ngoại tuyến (tên người làm chưa xác thực) và được kiểm theo mã đầu chuỗi tệp mang theo.`,
          ` The last ${check.offline} rows were written offline (names not verified) and are checked against the head the file carries.`,
        )
      : '';
    return {
      check,
      message: tr(
        `Nhật ký nguyên vẹn: ${check.rows} dòng. Mã đầu chuỗi: ${check.head || '(chưa có)'}.${offline}`,
        `The log is intact: ${check.rows} rows. Chain head: ${check.head || '(none yet)'}.${offline}`,
      ),
    };
  }
  const row = check.index + 2;
  return {
    check,
    row,
    message: tr(
      `Nhật ký đã bị thay đổi. ${cellPlace(AUDIT_SHEET, row, 1)}: ${check.message}.`,
      `The log was changed. ${cellPlace(AUDIT_SHEET, row, 1)}: ${check.message}.`,
    ),
  };
}
