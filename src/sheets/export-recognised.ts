import { readDate } from '../domain/cells';
import { tr } from '../domain/i18n';
import { formatDate, lastValidDay } from '../domain/recognition';
import { known } from '../domain/rubric';
import { RESULT_KEYS, WORKFLOW_KEYS } from './layout';
import type { Context } from './ports';
import { readSettings } from './settings-sheet';
import type { ColumnSpec } from './table';
import { workflowRows } from './workflow-rows';

/**
 * XHHT → Xuất danh sách đã công nhận: every recognised unit of every scoring sheet, one row each, in a
 * sheet of its own that each export rewrites whole (for the report to the steering committee, or to
 * copy into a decision's annex).
 */

export const RECOGNISED_SHEET = 'Đã công nhận';

const EXPORT_COLUMNS: readonly ColumnSpec[] = [
  { key: 'rubric', header: 'Bộ tiêu chí', width: 170 },
  { key: 'title', header: 'Danh hiệu', width: 200 },
  { key: 'code', header: 'Mã đơn vị', width: 110 },
  { key: 'name', header: 'Tên đơn vị', width: 260 },
  { key: 'district', header: 'Huyện', width: 150 },
  { key: 'result', header: 'Kết quả', width: 110 },
  { key: 'decisionNumber', header: 'Số quyết định', width: 130 },
  { key: 'decisionDate', header: 'Ngày quyết định', width: 110 },
  { key: 'validUntil', header: 'Hiệu lực đến', width: 110 },
];

export interface ExportReport {
  readonly sheet: string;
  readonly count: number;
}

export function exportRecognised(ctx: Context): ExportReport {
  return ctx.lock.withLock(() => {
    const now = ctx.clock.now();
    const settings = readSettings(ctx.workbook, now);
    // A recognition whose validity has ended is no longer listed.
    const rows = workflowRows(ctx.workbook, settings, now)
      .filter((unit) => unit.state?.status === 'recognised')
      .map(({ rubric, cell, value }) => {
        const resultKey = rubric.method === 'points' ? RESULT_KEYS.band : RESULT_KEYS.level;
        const months = rubric.method === 'levels' ? known(rubric.validityMonths) : undefined;
        const decided = readDate(value(WORKFLOW_KEYS.decisionDate));
        return [
          rubric.id,
          rubric.title,
          cell('code'),
          cell('name'),
          cell('district'),
          // The result the reviewers settled on, where they adjusted values.
          cell(RESULT_KEYS.reviewed) || cell(resultKey),
          cell(WORKFLOW_KEYS.decisionNumber),
          decided.ok ? formatDate(decided.value) : cell(WORKFLOW_KEYS.decisionDate),
          decided.ok && months !== undefined ? formatDate(lastValidDay(decided.value, months)) : '',
        ];
      });
    const target = ctx.workbook.sheet(RECOGNISED_SHEET) ?? ctx.workbook.addSheet(RECOGNISED_SHEET);
    // The export owns this sheet: rows left from a longer earlier export are blanked, in the same write.
    const before = target.readValues().length;
    const blank = Array.from({ length: Math.max(0, before - 1 - rows.length) }, () =>
      EXPORT_COLUMNS.map(() => ''),
    );
    target.writeValues(1, 1, [EXPORT_COLUMNS.map((spec) => spec.header), ...rows, ...blank]);
    target.styleHeader(1, EXPORT_COLUMNS.length);
    target.freeze(1, 0);
    EXPORT_COLUMNS.forEach((spec, i) => {
      target.setColumnWidth(i + 1, spec.width ?? 120);
    });
    return { sheet: RECOGNISED_SHEET, count: rows.length };
  });
}

export function exportNotice({ sheet, count }: ExportReport): string {
  return tr(
    `Đã ghi ${count} đơn vị đã công nhận vào trang «${sheet}». Trang này được ghi lại toàn bộ mỗi lần xuất; đừng nhập gì vào đó.`,
    `Wrote ${count} recognised units to the «${sheet}» sheet. It is rewritten whole at each export; do not type in it.`,
  );
}
