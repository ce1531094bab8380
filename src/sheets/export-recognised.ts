import { readDate, textKey } from '../domain/cells';
import { plural, tr } from '../domain/i18n';
import { formatDate } from '../domain/recognition';
import { standingRecognition, validUntilOf } from '../domain/register';
import { handEditOf, readLogRecords, vouchedRegister } from './hand-edit';
import { RESULT_KEYS, WORKFLOW_KEYS } from './layout';
import { waitingClaims } from './offline-claims';
import type { Context, StorePort } from './ports';
import { readRegister } from './register-sheet';
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
  { key: 'district', header: 'Địa bàn (huyện cũ)', width: 150 },
  { key: 'result', header: 'Kết quả', width: 110 },
  { key: 'decisionNumber', header: 'Số quyết định', width: 130 },
  { key: 'decisionDate', header: 'Ngày quyết định', width: 110 },
  { key: 'validUntil', header: 'Hiệu lực đến', width: 110 },
];

export interface ExportReport {
  readonly sheet: string;
  readonly count: number;
  /** Units left out because their cells disagree with the log («sửa tay»). */
  readonly handEdited?: number;
}

const NO_STORE: StorePort = { get: () => null, set: () => undefined };

/**
 * Units «sửa tay» (their cells disagree with the log, ./hand-edit.ts) and register rows no step made
 * are left out; the store, where given, says whether the working log holds the whole history.
 */
export function exportRecognised(ctx: Context & { readonly store?: StorePort }): ExportReport {
  return ctx.lock.withLock(() => {
    const now = ctx.clock.now();
    const settings = readSettings(ctx.workbook, now);
    // Only recognitions that meet the title and still hold (issue 10): a decision in a band that
    // does not hold the title is «classified», an ended validity «expired»; neither is listed.
    const log = readLogRecords({ workbook: ctx.workbook, store: ctx.store ?? NO_STORE });
    const all = workflowRows(ctx.workbook, settings, now);
    const edited = all.filter((unit) => handEditOf(unit.value, unit.code, log) !== undefined);
    const units = all.filter((unit) => !edited.includes(unit));
    const register = vouchedRegister(
      readRegister(
        ctx.workbook,
        all.map((unit) => unit.rubric),
      ).entries,
      log,
    ).entries;
    const listed = new Set<string>();
    // An offline step not yet confirmed online does not count (issue 11): the unit is left out.
    const claims = waitingClaims(ctx);
    const rows = units
      .filter((unit) => unit.state?.status === 'recognised' && !claims.has(textKey(unit.code)))
      .map(({ rubric, cell, value, code, district }) => {
        listed.add(`${rubric.id}|${textKey(code)}`);
        const resultKey = rubric.method === 'points' ? RESULT_KEYS.band : RESULT_KEYS.level;
        const decided = readDate(value(WORKFLOW_KEYS.decisionDate));
        const until = decided.ok ? validUntilOf(rubric, decided.value) : undefined;
        return [
          rubric.id,
          rubric.title,
          cell('code'),
          cell('name'),
          // The district «Đơn vị» gives the unit (protected), not the scoring row's cell.
          district,
          // The result decided; before this version recorded it, the reviewers' or the unit's own.
          cell(WORKFLOW_KEYS.decidedResult) || cell(RESULT_KEYS.reviewed) || cell(resultKey),
          cell(WORKFLOW_KEYS.decisionNumber),
          decided.ok ? formatDate(decided.value) : cell(WORKFLOW_KEYS.decisionDate),
          until ? formatDate(until) : '',
        ];
      });
    // Units still validly recognised from an earlier year (or on paper), from the register.
    const seen = new Set<string>();
    for (const unit of edited) listed.add(`${unit.rubric.id}|${textKey(unit.code)}`);
    for (const unit of units) {
      const key = `${unit.rubric.id}|${textKey(unit.code)}`;
      if (listed.has(key) || seen.has(key)) continue;
      seen.add(key);
      const entry = standingRecognition(register, unit.rubric, unit.code, now);
      if (!entry) continue;
      const until = entry.validUntil ?? validUntilOf(unit.rubric, entry.decisionDate);
      rows.push([
        unit.rubric.id,
        unit.rubric.title,
        unit.code,
        unit.name,
        unit.district,
        entry.result,
        entry.decisionNumber,
        formatDate(entry.decisionDate),
        until ? formatDate(until) : '',
      ]);
    }
    const existing = ctx.workbook.sheet(RECOGNISED_SHEET);
    const target = existing ?? ctx.workbook.addSheet(RECOGNISED_SHEET);
    // The export owns this sheet: rows left from a longer earlier export are blanked, in the same write.
    const before = target.readValues().length;
    const blank = Array.from({ length: Math.max(0, before - 1 - rows.length) }, () =>
      EXPORT_COLUMNS.map(() => ''),
    );
    target.writeValues(1, 1, [EXPORT_COLUMNS.map((spec) => spec.header), ...rows, ...blank]);
    target.styleHeader(1, EXPORT_COLUMNS.length);
    target.freeze(1, 0);
    if (!existing) target.trimColumns();
    EXPORT_COLUMNS.forEach((spec, i) => {
      target.setColumnWidth(i + 1, spec.width ?? 120);
    });
    return { sheet: RECOGNISED_SHEET, count: rows.length, handEdited: edited.length };
  });
}

export function exportNotice({ sheet, count, handEdited = 0 }: ExportReport): string {
  const left = handEdited
    ? tr(
        ` ${handEdited} đơn vị «sửa tay» (ô do XHHT ghi khác với nhật ký) không được xuất; XHHT → Kiểm tra nhật ký nêu từng ô.`,
        ` ${plural(handEdited, 'unit', 'units')} «sửa tay» (cells XHHT writes differ from the log) not exported; XHHT → Kiểm tra nhật ký names each cell.`,
      )
    : '';
  return `${tr(
    `Đã ghi ${count} đơn vị đã công nhận vào trang «${sheet}». Trang này được ghi lại toàn bộ mỗi lần xuất; đừng nhập gì vào đó.`,
    `Wrote ${count} recognised units to the «${sheet}» sheet. It is rewritten whole at each export; do not type in it.`,
  )}${left}`;
}
