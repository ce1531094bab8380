import { cellPlace } from '../domain/a1';
import {
  type AuditEntry,
  type AuditRow,
  append,
  type ChainCheck,
  GENESIS,
  verifyChain,
} from '../domain/audit';
import { cellText } from '../domain/cells';
import { tr } from '../domain/i18n';
import type { HasherPort, StorePort, WorkbookPort } from './ports';
import { type ColumnSpec, columnOf, ensureTable, locateRequired } from './table';

/**
 * The «Nhật ký» sheet: one row per action, chained by hashes (src/domain/audit.ts). The head of the
 * chain is kept in the document properties, out of reach of a sheet edit, and mirrored in a hidden
 * sheet so that a downloaded .xlsx carries it. Rows are only ever appended.
 */

export const AUDIT_SHEET = 'Nhật ký';
export const HEAD_SHEET = 'XHHT đầu chuỗi nhật ký';
export const HEAD_KEY = 'xhht.audit.head';

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

/** The head kept out of the sheet; offline, where there are no properties, the hidden sheet's copy. */
function keptHead(ports: AuditPorts): string {
  const stored = ports.store.get(HEAD_KEY);
  if (stored !== null) return stored;
  const mirror = ports.workbook.sheet(HEAD_SHEET)?.readValues()[0]?.[1];
  return cellText(mirror);
}

function writeHead(ports: AuditPorts, head: string, rows: number): void {
  ports.store.set(HEAD_KEY, head);
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

/** The rows of the log as they stand in the sheet (one read). */
export function readAudit(workbook: WorkbookPort): AuditRow[] {
  const sheet = workbook.sheet(AUDIT_SHEET);
  const [header = [], ...values] = sheet?.readValues() ?? [];
  if (!sheet || values.length === 0) return [];
  const located = locateRequired(AUDIT_SHEET, header, AUDIT_COLUMNS);
  return values.map((cells) => {
    const field = (key: string) => cellText(cells[columnOf(located, key) - 1]);
    return Object.fromEntries(FIELDS.map((key) => [key, field(key)])) as unknown as AuditRow;
  });
}

/** XHHT → Kiểm tra nhật ký: the chain against the head kept outside the sheet. */
export function checkAudit(ports: AuditPorts): AuditCheck {
  const rows = readAudit(ports.workbook);
  const check = verifyChain(rows, rows.length === 0 ? GENESIS : keptHead(ports), (text) =>
    ports.hasher.sha256Hex(text),
  );
  if (check.ok) {
    return {
      check,
      message: tr(
        `Nhật ký nguyên vẹn: ${check.rows} dòng. Mã đầu chuỗi: ${check.head || '(chưa có)'}.`,
        `The log is intact: ${check.rows} rows. Chain head: ${check.head || '(none yet)'}.`,
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
