import type { CellValue } from '../../src/domain/cells';
import { itemsOf } from '../../src/domain/rubric';
import { TT22_2020_DVHT } from '../../src/domain/rubrics/tt22-2020-dvht';
import { DEADLINE_RULES, LADDER_RULE } from '../../src/sheets/criteria-sheet';
import { CRITERIA_SHEET, UNITS_SHEET } from '../../src/sheets/layout';
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
  'Ngày nộp',
  'Mức đề nghị',
  'Kết quả quyết định',
  'Dòng nhật ký',
  'Sửa tay',
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

/**
 * Blanks the procedure rows (ladders, deadlines) set-up wrote for `id`: its units then climb the
 * settings' ladder with no deadline, as every rubric did before titles carried their procedure.
 */
export function withoutProcedure(google: ReturnType<typeof fakeGoogle>, id = rubric.id): void {
  const criteria = google.spreadsheet.sheet(CRITERIA_SHEET);
  const codes = [LADDER_RULE, ...Object.values(DEADLINE_RULES)];
  criteria.snapshot().forEach((row, i) => {
    if (row[0] === id && codes.includes(String(row[2])))
      criteria.type(i + 1, 1, [row.map(() => '')]);
  });
}

/**
 * A set-up workbook with `count` units, the scores typed into the item columns (D…M). Its rubric
 * has no procedure rows: the workflow tests walk the settings' ladder (test/sheets/ladders.test.ts
 * walks the built-in ones).
 */
export function workbookWith(scores: unknown[][], count = scores.length) {
  const google = fakeGoogle();
  const ctx = gasContext(google);
  setUp(ctx, rubric.id);
  withoutProcedure(google);
  // The rubric these tests score is the workbook's default (for 2026 the default would be TT 24).
  writeSetting(ctx.workbook, 'defaultRubricId', rubric.id);
  google.spreadsheet.sheet(UNITS_SHEET).type(2, 1, unitRows(count));
  setUp(ctx, rubric.id);
  const sheet = google.spreadsheet.sheet(rubric.scoringSheet);
  sheet.type(2, 4, scores);
  return { google, ctx, sheet };
}

/**
 * Writes (or, with '', removes) the rubric's deadline row of `kind` in the criteria sheet: a day/month
 * of the year after the assessment year, the day itself on time unless `onTime` says otherwise.
 */
export function setDeadline(
  google: ReturnType<typeof fakeGoogle>,
  kind: keyof typeof DEADLINE_RULES,
  dayMonth: string,
  onTime = 'Có',
  id = rubric.id,
): void {
  const criteria = google.spreadsheet.sheet(CRITERIA_SHEET);
  const rows = criteria.snapshot();
  const header = rows[0] ?? [];
  const at = (name: string) => header.indexOf(name);
  const found = rows.findIndex((row) => row[0] === id && row[2] === DEADLINE_RULES[kind]);
  const row = found >= 0 ? found + 1 : rows.length + 1;
  const cells: unknown[] = header.map(() => '');
  if (dayMonth !== '') {
    cells[at('Bộ tiêu chí')] = id;
    cells[at('Loại')] = 'Quy tắc';
    cells[at('Mã')] = DEADLINE_RULES[kind];
    cells[at('Nội dung')] = kind === 'submit' ? 'Hạn nộp hồ sơ' : 'Hạn quyết định công nhận';
    cells[at('Ngưỡng / giá trị')] = dayMonth;
    cells[at('Năm (so với năm đánh giá)')] = 1;
    cells[at('Tính cả ngày hạn')] = onTime;
  }
  criteria.type(row, 1, [cells]);
}
