import { describe, expect, it } from 'vitest';
import { rubricRows } from '../../src/sheets/criteria-sheet';
import { CRITERIA_COLUMNS, CRITERIA_SHEET, UNITS_SHEET } from '../../src/sheets/layout';
import { setUp } from '../../src/sheets/set-up';
import { gasContext } from '../fakes/context';
import { fakeGoogle } from '../fakes/google';
import { LEVELS_FIXTURE } from '../fixtures/rubrics';

/** Issue 13: a «Mức độ 1» without its date is said to be missing its date, not to have a wrong one. */
describe('the date of an earlier recognition in «Đơn vị», moved by set-up', () => {
  it('missing reads as missing, a wrong one as wrong', () => {
    const google = fakeGoogle();
    const ctx = gasContext(google);
    google.spreadsheet
      .insertSheet(CRITERIA_SHEET)
      .type(1, 1, [
        CRITERIA_COLUMNS.map((spec) => spec.header),
        ...rubricRows(LEVELS_FIXTURE).map((cells) =>
          CRITERIA_COLUMNS.map((spec) => cells[spec.key] ?? ''),
        ),
      ]);
    // The units sheet as the previous version wrote it, with its recognition columns.
    google.spreadsheet.insertSheet(UNITS_SHEET).type(1, 1, [
      ['Mã đơn vị', 'Tên đơn vị', 'Huyện', 'Mức đã công nhận', 'Ngày công nhận'],
      ['DV0001', 'Xã 1', 'Huyện 1', 'Mức độ 1', ''],
      ['DV0002', 'Xã 2', 'Huyện 1', 'Mức độ 1', '31/02/2026'],
    ]);
    const report = setUp(ctx, LEVELS_FIXTURE.id);
    expect(report.registerProblems).toEqual([
      expect.stringMatching(/^Ô E2, trang «Đơn vị»: chưa ghi ngày công nhận «Mức độ 1»/),
      expect.stringMatching(/^Ô E3, trang «Đơn vị»: «31\/02\/2026» không chuyển được/),
    ]);
  });
});
