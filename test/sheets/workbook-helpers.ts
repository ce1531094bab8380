import type { CellValue } from '../../src/domain/cells';
import { itemsOf } from '../../src/domain/rubric';
import { TT22_2020_DVHT } from '../../src/domain/rubrics/tt22-2020-dvht';
import { UNITS_SHEET } from '../../src/sheets/layout';
import { setUp } from '../../src/sheets/set-up';
import { writeSetting } from '../../src/sheets/settings-sheet';
import { gasContext } from '../fakes/context';
import { fakeGoogle } from '../fakes/google';
import type { FakeSheet } from '../fakes/spreadsheet';

export const rubric = TT22_2020_DVHT;
export const ITEM_COUNT = itemsOf(rubric).length;

/** The approval workflow's columns, at the end of every scoring sheet. */
export const WORKFLOW_HEADERS = [
  'Trạng thái',
  'Nhận xét gần nhất',
  'Số quyết định',
  'Ngày quyết định',
  'Mã trạng thái',
  'Mã trạng thái trước',
  'Dấu giá trị đã duyệt',
];

/** The result columns of the TT22 scoring sheet, as the officer sees their headers. */
export const RESULT_HEADERS = [
  'Điểm TC1 (/30)',
  'Điểm TC2 (/30)',
  'Điểm TC3 (/40)',
  'Tổng điểm',
  'Xếp loại',
  'Kết quả thẩm định',
  'Điều chỉnh thẩm định',
  'Lỗi',
  'Chấm lúc',
];

/** The reviewer's columns of the TT22 scoring sheet: one per item, and the reason. */
export const REVIEW_HEADERS = [
  ...itemsOf(rubric).map((item) => `Thẩm định ${item.code}`),
  'Lý do điều chỉnh (thẩm định)',
];

/** A unit row for the units sheet: code, name, district, cluster, kind, note. */
export function unitRows(
  count: number,
  district = (i: number) => `Huyện ${(i % 3) + 1}`,
): CellValue[][] {
  return Array.from({ length: count }, (_, i) => [
    `DV${String(i + 1).padStart(4, '0')}`,
    `Đơn vị ${i + 1} (mẫu)`,
    district(i),
    'II',
    'Trường học',
    '',
  ]);
}

/** The 1-based column of a header in row 1. */
export function headerColumn(sheet: FakeSheet, header: string | RegExp): number {
  const row = sheet.snapshot()[0] ?? [];
  const index = row.findIndex((h) =>
    typeof header === 'string' ? h === header : header.test(String(h)),
  );
  if (index < 0) throw new Error(`no header ${header} in ${sheet.getName()}`);
  return index + 1;
}

/** Column values of rows 2.. of a header. */
export function columnValues(sheet: FakeSheet, header: string | RegExp): unknown[] {
  const column = headerColumn(sheet, header);
  return sheet
    .snapshot()
    .slice(1)
    .map((row) => row[column - 1]);
}

/** A set-up workbook with `count` units, the scores typed into the item columns (D…M). */
export function workbookWith(scores: unknown[][], count = scores.length) {
  const google = fakeGoogle();
  const ctx = gasContext(google);
  setUp(ctx, rubric.id);
  // The rubric these tests score is the workbook's default (for 2026 the default would be TT 24).
  writeSetting(ctx.workbook, 'defaultRubricId', rubric.id);
  google.spreadsheet.sheet(UNITS_SHEET).type(2, 1, unitRows(count));
  setUp(ctx, rubric.id);
  const sheet = google.spreadsheet.sheet(rubric.scoringSheet);
  sheet.type(2, 4, scores);
  return { google, ctx, sheet };
}
