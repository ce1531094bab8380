import { itemsOf, type Rubric } from '../domain/rubric';
import type { ColumnSpec } from './table';

/** The sheets of a workbook and their columns, found by these headers. */

/** Header rows are bold on this light green, in Sheets and in .xlsx alike. */
export const HEADER_BACKGROUND = '#d9ead3';

export const SETTINGS_SHEET = 'Cài đặt';
export const UNITS_SHEET = 'Đơn vị';
export const CRITERIA_SHEET = 'Tiêu chí';

export const SETTINGS_COLUMNS: readonly ColumnSpec[] = [
  { key: 'key', header: 'Mã', width: 130 },
  { key: 'label', header: 'Thiết lập', width: 200, optional: true },
  { key: 'value', header: 'Giá trị', width: 280 },
  { key: 'note', header: 'Ghi chú', width: 420, optional: true },
];

export const UNIT_COLUMNS: readonly ColumnSpec[] = [
  { key: 'code', header: 'Mã đơn vị', width: 110 },
  { key: 'name', header: 'Tên đơn vị', width: 300 },
  { key: 'district', header: 'Huyện', width: 150 },
  { key: 'cluster', header: 'Cụm', width: 80, optional: true },
  { key: 'kind', header: 'Loại hình', width: 150, optional: true },
  { key: 'note', header: 'Ghi chú', width: 250, optional: true },
];

export const CRITERIA_COLUMNS: readonly ColumnSpec[] = [
  { key: 'rubric', header: 'Bộ tiêu chí', width: 150 },
  { key: 'type', header: 'Loại', width: 80 },
  { key: 'code', header: 'Mã', width: 60 },
  { key: 'text', header: 'Nội dung', width: 520 },
  { key: 'max', header: 'Điểm tối đa', width: 90 },
  { key: 'threshold', header: 'Ngưỡng điểm (từ)', width: 120 },
  { key: 'basis', header: 'Căn cứ', width: 300 },
];

export const CRITERIA_ROW_TYPES = { criterion: 'Tiêu chí', item: 'Mục', band: 'Xếp loại' } as const;

/** The columns of a rubric's scoring sheet: who, what the officer types, what the script writes. */
export interface ScoringColumns {
  readonly unit: readonly ColumnSpec[];
  readonly items: readonly ColumnSpec[];
  readonly results: readonly ColumnSpec[];
  readonly all: readonly ColumnSpec[];
}

export const RESULT_KEYS = {
  total: 'total',
  band: 'band',
  error: 'error',
  scoredAt: 'scoredAt',
} as const;

export function itemKey(code: string): string {
  return `item:${code}`;
}

export function criterionKey(code: string): string {
  return `criterion:${code}`;
}

export function scoringColumns(rubric: Rubric): ScoringColumns {
  const unit: ColumnSpec[] = UNIT_COLUMNS.filter((spec) =>
    ['code', 'name', 'district'].includes(spec.key),
  );
  const items: ColumnSpec[] = itemsOf(rubric).map((item) => ({
    key: itemKey(item.code),
    header: `${item.code} ${item.label} (tối đa ${item.max})`,
    prefix: item.code,
    width: 110,
  }));
  const results: ColumnSpec[] = [
    ...rubric.criteria.map((criterion) => ({
      key: criterionKey(criterion.code),
      header: `Điểm TC${criterion.code} (/${criterion.max})`,
      prefix: `Điểm TC${criterion.code}`,
      width: 90,
      scriptOwned: true,
    })),
    { key: RESULT_KEYS.total, header: 'Tổng điểm', width: 80, scriptOwned: true },
    { key: RESULT_KEYS.band, header: 'Xếp loại', width: 90, scriptOwned: true },
    { key: RESULT_KEYS.error, header: 'Lỗi', width: 360, scriptOwned: true },
    { key: RESULT_KEYS.scoredAt, header: 'Chấm lúc', width: 130, scriptOwned: true },
  ];
  return { unit, items, results, all: [...unit, ...items, ...results] };
}
