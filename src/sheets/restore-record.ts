import { cellPlace } from '../domain/a1';
import { type AuditEntry, logName } from '../domain/audit';
import { type CellValue, cellText } from '../domain/cells';
import { tr } from '../domain/i18n';
import { grantsOf } from '../domain/people';
import { standingOf } from '../domain/step-record';
import { encodeRecord, RECORD_KEYS, recordOfCells } from '../domain/unit-record';
import { type ActPorts, selectedScoringRows, type Target } from './act';
import {
  appendAudit,
  assertLogAppendable,
  lastUnitRow,
  logCursor,
  logHasHistory,
} from './audit-log';
import { SheetError } from './errors';
import { scoringColumns, WORKFLOW_KEYS } from './layout';
import { readPeople } from './people-sheet';
import { stamp } from './stamp';
import { clearPendingStep, completePendingStep, markPendingStep } from './step-pending';
import { columnOf, columnRuns, locateRequired } from './table';

/**
 * XHHT → Khôi phục ô từ nhật ký (quản trị): an administrator rewrites the cells XHHT writes on the
 * selected rows from each unit's last log row (issue 11: the log is the record), and the log says so.
 * A row that agrees with the log is left as it is; a unit whose last log row carries no record (the
 * previous version wrote it) has nothing to restore from and is named.
 */

export const RESTORE_ACTION = 'Khôi phục ô từ nhật ký';

export interface RestoreReport {
  readonly sheet: string;
  readonly restored: readonly { readonly code: string; readonly cells: readonly string[] }[];
  readonly unchanged: readonly string[];
  readonly problems: readonly string[];
}

export function restoreFromLog(ctx: ActPorts, target?: Target): RestoreReport {
  return ctx.lock.withLock(() => {
    const email = ctx.identity.activeUserEmail();
    const admin = grantsOf(readPeople(ctx.workbook).grants, email).some(
      (grant) => grant.role === 'quanTri',
    );
    if (!admin) {
      throw new SheetError(
        tr(
          `Chỉ người có vai trò «quản trị» trong trang «Người dùng» khôi phục ô từ nhật ký. ${email || 'Bạn'} chưa có vai trò này; không có gì thay đổi.`,
          `Only someone with the «quản trị» role in the «Người dùng» sheet restores cells from the log. ${email || 'You'} do not have it; nothing changed.`,
        ),
      );
    }
    const { selection, rubric, sheet } = selectedScoringRows(ctx.workbook, target);
    let cursor = logCursor(ctx);
    if (completePendingStep(ctx, cursor)) cursor = logCursor(ctx);
    const logLength = cursor ? cursor.lastRow - 1 : 0;
    assertLogAppendable(ctx, logLength);
    const columns = scoringColumns(rubric);
    const width = sheet.lastColumn();
    const header = sheet.readRange(1, 1, 1, width)[0] ?? [];
    const located = locateRequired(sheet.name, header, columns.all);
    const at = (key: string) => located.columns.get(key);
    const user = logName(email, ctx.identity.vouched);
    const time = stamp(ctx.clock.now());
    const entries: AuditEntry[] = [];
    const writes: { row: number; unit: string; values: Map<number, CellValue>; label: string }[] =
      [];
    const restored: { code: string; cells: string[] }[] = [];
    const unchanged: string[] = [];
    const problems: string[] = [];
    const logBase = logLength + 2;
    for (const rowNumber of [...new Set(selection.rows)].sort((a, b) => a - b)) {
      const row = sheet.readRange(rowNumber, 1, 1, width)[0] ?? [];
      const code = cellText(row[columnOf(located, 'code') - 1]);
      if (code === '') continue;
      const cell = (key: string) => {
        const column = at(key);
        return column === undefined ? '' : (row[column - 1] ?? '');
      };
      const held = recordOfCells(cell);
      const pointer = cellText(cell(WORKFLOW_KEYS.logRow));
      const last = cursor
        ? lastUnitRow(cursor, code, pointer === '' ? undefined : Number(pointer))
        : undefined;
      const standing = standingOf(held, last, last === undefined && logHasHistory(ctx, cursor));
      if (standing.kind === 'predates') {
        problems.push(
          standing.row === 0
            ? tr(
                `${code}: nhật ký đang dùng không có dòng nào của đơn vị (đã lưu trữ hoặc bắt đầu lại chuỗi), không có gì để khôi phục; bước kế tiếp nhận các ô như đang có.`,
                `${code}: the working log holds no row of the unit (archived, or the chain was restarted), nothing to restore from; the next step takes the cells as they stand.`,
              )
            : tr(
                `${code}: dòng nhật ký ${standing.row} do phiên bản trước ghi, không có «Ô do XHHT ghi» để khôi phục; bước kế tiếp nhận các ô như đang có.`,
                `${code}: log row ${standing.row} was written by the previous version and holds no «Ô do XHHT ghi» to restore from; the next step takes the cells as they stand.`,
              ),
        );
        continue;
      }
      if (standing.kind !== 'handEdit') {
        unchanged.push(code);
        continue;
      }
      const values = new Map<number, CellValue>();
      for (const key of RECORD_KEYS) {
        const column = at(key);
        if (column !== undefined) values.set(column, standing.record[key]);
      }
      const logRow = logBase + entries.length;
      const label = last?.entry.to ?? '';
      const labelColumn = at(WORKFLOW_KEYS.label);
      if (labelColumn !== undefined) values.set(labelColumn, label);
      const pointerColumn = at(WORKFLOW_KEYS.logRow);
      if (pointerColumn !== undefined) values.set(pointerColumn, logRow);
      const handColumn = at(WORKFLOW_KEYS.handEdit);
      if (handColumn !== undefined) values.set(handColumn, '');
      const names = standing.keys.map(
        (key) =>
          `${cellPlace(sheet.name, rowNumber, at(key) ?? 0)}: «${held[key]}» → «${standing.record[key]}»`,
      );
      entries.push({
        time,
        user,
        unit: code,
        action: RESTORE_ACTION,
        from: cellText(cell(WORKFLOW_KEYS.label)),
        to: label,
        comment: `Khôi phục theo ${standing.row === 0 ? 'nhật ký (chưa có dòng nào của đơn vị)' : `nhật ký dòng ${standing.row}`}: ${names.join('; ')}`,
        record: encodeRecord(standing.record),
        unitPrevious: standing.row === 0 ? '' : String(standing.row),
      });
      writes.push({ row: rowNumber, unit: code, values, label });
      restored.push({ code, cells: standing.keys.map((key) => key) });
    }
    if (entries.length > 0) {
      markPendingStep(ctx, {
        sheet: sheet.name,
        logRow: logBase,
        logRows: entries.length,
        rows: columnRuns(writes.map((write) => write.row)).map(
          (run) => [run.first, run.count] as const,
        ),
        register: [],
      });
      appendAudit(ctx, entries);
      for (const write of writes) {
        for (const run of columnRuns([...write.values.keys()])) {
          const cells = Array.from(
            { length: run.count },
            (_, i) => write.values.get(run.first + i) ?? '',
          );
          sheet.writeValues(write.row, run.first, [cells]);
        }
      }
      clearPendingStep(ctx);
    }
    return { sheet: sheet.name, restored, unchanged, problems };
  });
}

/** What the administrator is told. */
export function restoreNotice(report: RestoreReport): string {
  const lines: string[] = [];
  if (report.restored.length > 0) {
    lines.push(
      tr(
        `Đã khôi phục từ «Nhật ký» ${report.restored.length} đơn vị trên trang «${report.sheet}» (ghi trong nhật ký):`,
        `Restored from «Nhật ký» ${report.restored.length} unit(s) on «${report.sheet}» (logged):`,
      ),
      ...report.restored.map((unit) => `• ${unit.code}`),
    );
  }
  if (report.unchanged.length > 0) {
    lines.push(
      tr(
        `Khớp với nhật ký, không cần khôi phục: ${report.unchanged.join(', ')}.`,
        `Agree with the log, nothing to restore: ${report.unchanged.join(', ')}.`,
      ),
    );
  }
  lines.push(...report.problems);
  return lines.length > 0
    ? lines.join('\n')
    : tr('Không có dòng đơn vị nào được chọn.', 'No unit row was selected.');
}
