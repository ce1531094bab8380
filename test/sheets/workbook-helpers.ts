import type { CellValue } from '../../src/domain/cells';
import { itemsOf } from '../../src/domain/rubric';
import { TT22_2020_DVHT } from '../../src/domain/rubrics/tt22-2020-dvht';
import type { FakeSheet } from '../fakes/spreadsheet';

export const rubric = TT22_2020_DVHT;
export const ITEM_COUNT = itemsOf(rubric).length;

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
