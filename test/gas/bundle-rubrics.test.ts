import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/domain/catalog';
import { indicatorInputs } from '../../src/domain/levels';
import { itemsOf, known, missingValues } from '../../src/domain/rubric';
import { rubricRows } from '../../src/sheets/criteria-sheet';
import { CRITERIA_COLUMNS, CRITERIA_SHEET, UNITS_SHEET } from '../../src/sheets/layout';
import { fakeGoogle } from '../fakes/google';
import { completed } from '../fixtures/rubrics';
import { columnValues, unitRows } from '../sheets/workbook-helpers';
import { buildBundle, loadBundle } from './bundle';

let code: string;
beforeAll(async () => {
  ({ code } = await buildBundle());
});

describe('one workbook per built-in rubric, through the menu handlers of the bundle', () => {
  it.each(CATALOG.map((rubric) => [rubric.id, rubric] as const))('%s', (id, builtIn) => {
    const google = fakeGoogle();
    const bundle = loadBundle(code, google.globals);
    bundle.onOpen?.({});
    // The administrator has entered what the regulations leave open (sample values) in the criteria sheet.
    const rubric = completed(builtIn);
    expect(missingValues(rubric)).toEqual([]);
    const criteria = google.spreadsheet.insertSheet(CRITERIA_SHEET);
    criteria.type(1, 1, [
      CRITERIA_COLUMNS.map((spec) => spec.header),
      ...rubricRows(rubric).map((cells) => CRITERIA_COLUMNS.map((spec) => cells[spec.key] ?? '')),
    ]);
    google.spreadsheet
      .insertSheet(UNITS_SHEET)
      .type(1, 1, [['Mã đơn vị', 'Tên đơn vị', 'Huyện'], ...unitRows(3)]);
    google.SpreadsheetApp.ui.answers.push(id);
    bundle.xhhtSetUp?.();
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toContain(
      `Thêm 3 đơn vị vào trang «${rubric.scoringSheet}»`,
    );

    const sheet = google.spreadsheet.sheet(rubric.scoringSheet);
    let best: unknown[];
    let worst: unknown[];
    if (rubric.method === 'points') {
      best = itemsOf(rubric).map((item) => known(item.max));
      worst = itemsOf(rubric).map(() => 0);
    } else {
      const inputs = indicatorInputs(rubric);
      // «Xã thuộc vùng khó khăn» left blank: the general thresholds.
      best = inputs.map(({ part }) =>
        part === 'hardArea' ? '' : part === 'count' || part === 'total' ? 100 : 'Đạt',
      );
      worst = inputs.map(({ part }) =>
        part === 'hardArea' ? '' : part === 'count' ? 0 : part === 'total' ? 100 : 'Chưa đạt',
      );
    }
    const evidence = (rubric.method === 'points' ? itemsOf(rubric) : [])
      .filter((item) => item.evidenceRequired)
      .map(() => 'biên bản');
    sheet.type(2, 4, [
      [...best, ...evidence],
      [...worst, ...evidence],
    ]);
    bundle.xhhtScoreAll?.();

    const errors = columnValues(sheet, 'Lỗi');
    expect(errors[0]).toBe('');
    // TT 44/2014: no criterion at 0, or the lowest band; the row says why (not an error).
    if (rubric.method === 'points' && rubric.noZeroCriterion)
      expect(errors[1]).toMatch(/^Xếp loại «Chưa đạt» vì tiêu chí 1, 2, .* bị điểm 0/);
    else expect(errors[1]).toBe('');
    expect(errors[2]).toMatch(/^Chưa nhập/);
    if (rubric.method === 'points') {
      expect(columnValues(sheet, 'Xếp loại').slice(0, 2)).toEqual([
        rubric.bands[0]?.label,
        rubric.fallbackBand,
      ]);
    } else {
      expect(columnValues(sheet, 'Mức độ đạt').slice(0, 2)).toEqual(['Mức độ 2', 'Chưa đạt']);
    }
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toContain(
      rubric.method === 'points'
        ? `Trang «${rubric.scoringSheet}»: đã chấm 2/3 đơn vị`
        : `Trang «${rubric.scoringSheet}»: đã đánh giá, tính kết quả 2/3 đơn vị`,
    );
  });
});
