import { describe, expect, it } from 'vitest';
import { findRubric } from '../../src/domain/catalog';
import type { CellValue } from '../../src/domain/cells';
import { builtInProcedure } from '../../src/domain/procedures';
import type { LevelsRubric, Rubric } from '../../src/domain/rubric';
import { scoreAllAction } from '../../src/sheets/actions';
import { readCriteria, rubricRows } from '../../src/sheets/criteria-sheet';
import {
  CRITERIA_COLUMNS,
  CRITERIA_SHEET,
  scoringColumns,
  UNIT_COLUMNS,
  UNITS_SHEET,
} from '../../src/sheets/layout';
import { CRITERIA_ARCHIVE_SHEET, setUp } from '../../src/sheets/set-up';
import { locateColumns } from '../../src/sheets/table';
import { gasContext } from '../fakes/context';
import { fakeGoogle } from '../fakes/google';
import {
  PREVIOUS_CRITERIA_HEADER,
  PREVIOUS_TT24_TINH_INPUTS,
  PREVIOUS_TT24_TINH_ROWS,
  PREVIOUS_TT25_ROWS,
  PREVIOUS_TT25_SCORING_HEADER,
} from '../fixtures/previous/rubric-rows';
import { LEVELS_FIXTURE } from '../fixtures/rubrics';
import { columnValues, headerColumn } from './workbook-helpers';

const TT25 = findRubric('TT25_2023_CDHT_XA') as LevelsRubric;
const OLD_SHEET = 'Chấm CĐHT xã (TT25)';

/** A unit row of the previous TT 25 scoring sheet: code, name, district, then the 11 answers. */
function previousRow(code: string, answers: string[]): CellValue[] {
  return [code, `Xã ${code} (mẫu)`, 'Huyện 1', ...answers];
}

/** The workbook as the previous version left it: criteria rows, units, a typed TT 25 scoring sheet. */
function previousWorkbook() {
  const google = fakeGoogle();
  google.spreadsheet
    .insertSheet(CRITERIA_SHEET)
    .type(1, 1, [PREVIOUS_CRITERIA_HEADER, ...PREVIOUS_TT25_ROWS]);
  google.spreadsheet
    .insertSheet(UNITS_SHEET)
    .type(1, 1, [
      UNIT_COLUMNS.map((spec) => spec.header),
      ['X01', 'Xã X01 (mẫu)', 'Huyện 1'],
      ['X02', 'Xã X02 (mẫu)', 'Huyện 1'],
    ]);
  const met = Array(7).fill('Đạt');
  google.spreadsheet.insertSheet(OLD_SHEET).type(1, 1, [
    PREVIOUS_TT25_SCORING_HEADER,
    // 1.1–2.3 and the placeholders 3.1, 4.1 (mức 1, mức 2), 5.1 (mức 1, mức 2).
    previousRow('X01', [...met, 'Đạt', 'Đạt', 'Đạt', 'Chưa đạt']),
    previousRow('X02', [...met, 'Chưa đạt', '', 'Đạt', 'Đạt']),
  ]);
  return { google, ctx: gasContext(google) };
}

describe('set-up on a workbook the previous version wrote (TT 25/2023 with placeholders)', () => {
  it('replaces the rubric by the legal text, keeping the old rows and the scoring sheet', () => {
    const { google, ctx } = previousWorkbook();
    const report = setUp(ctx, TT25.id);

    // The old rows, as they were, in the archive sheet.
    expect(report.archivedCriteriaRows).toBe(PREVIOUS_TT25_ROWS.length);
    const width = PREVIOUS_CRITERIA_HEADER.length;
    const archive = google.spreadsheet.sheet(CRITERIA_ARCHIVE_SHEET).snapshot();
    expect(archive.map((row) => row.slice(0, width))).toEqual([
      PREVIOUS_CRITERIA_HEADER,
      ...PREVIOUS_TT25_ROWS,
    ]);
    // The columns this version added to the criteria sheet are blank there.
    expect(archive.slice(1).every((row) => row.slice(width).every((cell) => cell === ''))).toBe(
      true,
    );
    // The criteria sheet now reads as the built-in rubric, under the sheet name it had.
    const [read] = readCriteria(ctx.workbook) ?? [];
    expect(read?.problems).toEqual([]);
    expect(read?.missing).toEqual([]);
    // With its built-in procedure (ladders and deadlines), written with the rest of its rows.
    const {
      source: _s,
      legalBasis: _l,
      ...expected
    } = {
      ...TT25,
      scoringSheet: OLD_SHEET,
      procedure: builtInProcedure(TT25.id),
    };
    const { source: _s2, legalBasis: _l2, ...got } = (read as { rubric: Rubric }).rubric;
    expect(JSON.parse(JSON.stringify(got))).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(report.rubric.scoringSheet).toBe(OLD_SHEET);
    expect(() => google.spreadsheet.sheet(TT25.scoringSheet)).toThrow();
    // No row of the old rubric is left: the criteria sheet holds exactly the new rows.
    const criteria = google.spreadsheet.sheet(CRITERIA_SHEET).snapshot();
    expect(criteria.slice(1).filter((row) => row[0] !== '')).toHaveLength(rubricRows(TT25).length);
    expect(criteria.some((row) => String(row[10]).includes('REGULATIONS'))).toBe(false);
  });

  it('sets the placeholders’ columns aside with their data, never reads them as the new indicators', () => {
    const { google, ctx } = previousWorkbook();
    const before = google.spreadsheet.sheet(OLD_SHEET).snapshot();
    const report = setUp(ctx, TT25.id);
    const sheet = google.spreadsheet.sheet(OLD_SHEET);
    const header = sheet.snapshot()[0] ?? [];
    expect(report.setAside).toEqual([
      '3.1 Chỉ tiêu cần bổ sung (Đạt/Chưa đạt)',
      '4.1 mức 1 — Chỉ tiêu cần bổ sung (Đạt/Chưa đạt)',
      '4.1 mức 2 — Chỉ tiêu cần bổ sung (Đạt/Chưa đạt)',
      '5.1 mức 1 — Chỉ tiêu cần bổ sung (Đạt/Chưa đạt)',
      '5.1 mức 2 — Chỉ tiêu cần bổ sung (Đạt/Chưa đạt)',
      'Thẩm định 3.1',
      'Thẩm định 4.1 mức 1',
      'Thẩm định 4.1 mức 2',
      'Thẩm định 5.1 mức 1',
      'Thẩm định 5.1 mức 2',
    ]);
    // Renamed in place, their data untouched; a placeholder's answers are not carried anywhere.
    for (const old of report.setAside) {
      const at = before[0]?.indexOf(old) ?? -1;
      expect(header[at]).toBe(`(cũ) ${old}`);
      expect(sheet.snapshot().map((row) => row[at])).toEqual(
        before.map((row, r) => (r === 0 ? `(cũ) ${old}` : row[at])),
      );
    }
    expect([report.carried, report.leftToRetype]).toEqual([0, []]);
    // Indicators 1.1–2.3 keep their columns and answers (same indicators); every input of criteria
    // 3–5 as they now read has its own, empty column.
    const inputs = scoringColumns(report.rubric).inputs;
    const located = locateColumns(header as CellValue[], inputs).columns;
    const values = (key: string) =>
      sheet
        .snapshot()
        .slice(1)
        .map((row) => row[(located.get(key) as number) - 1]);
    for (const spec of inputs)
      expect(values(spec.key), spec.header).toEqual(
        /^[12]\./.test(spec.header) ? ['Đạt', 'Đạt'] : ['', ''],
      );
    expect(header).toContain('Xã thuộc vùng khó khăn (Có/Không)');

    // Set-up again: nothing more to move.
    const again = setUp(ctx, TT25.id);
    expect([again.archivedCriteriaRows, again.setAside, again.addedCriteriaRows]).toEqual([
      0,
      [],
      0,
    ]);

    // The new columns, typed, give the level; the set-aside ones count for nothing.
    const type = (column: number, cells: CellValue[]) =>
      sheet.type(
        2,
        column,
        cells.map((value) => [value]),
      );
    for (const spec of inputs) {
      const column = located.get(spec.key) as number;
      if (spec.header.startsWith('Xã thuộc')) type(column, ['', 'Có']);
      else if (/^5\.1 số đạt/.test(spec.header)) type(column, [90, 60]);
      else if (/^5\.2 số đạt/.test(spec.header)) type(column, [90, 45]);
      else if (/^5\.2b số đạt/.test(spec.header)) type(column, [90, 11]);
      else if (/tổng số/.test(spec.header)) type(column, [100, 100]);
      else type(column, ['Đạt', 'Đạt']);
    }
    for (const at of ['Ngày họp thống nhất', 'Biên bản họp'])
      type(
        headerColumn(sheet, new RegExp(`^${at}`)),
        at.startsWith('Ngày') ? [new Date(2025, 0, 10), new Date(2025, 0, 10)] : ['BB 1', 'BB 2'],
      );
    scoreAllAction(ctx);
    // X02: 45% trained, 11% with a degree: mức độ 1 only as a commune of a difficult area (40/10%).
    expect(columnValues(sheet, 'Lỗi')).toEqual(['', '']);
    expect(columnValues(sheet, 'Mức độ đạt')).toEqual(['Mức độ 2', 'Mức độ 1']);
  });
});

describe('a «CẦN BỔ SUNG» value that had split a column, filled by the province', () => {
  /** LEVELS_FIXTURE's 1.2 asks its own wording at each level: two columns, «1.2 mức độ 1» and «1.2 mức độ 2». */
  function splitWorkbook() {
    const google = fakeGoogle();
    const ctx = gasContext(google);
    const rows = rubricRows(LEVELS_FIXTURE).map((cells) =>
      CRITERIA_COLUMNS.map((spec) => cells[spec.key] ?? ''),
    );
    google.spreadsheet
      .insertSheet(CRITERIA_SHEET)
      .type(1, 1, [CRITERIA_COLUMNS.map((spec) => spec.header), ...rows]);
    google.spreadsheet
      .insertSheet(UNITS_SHEET)
      .type(1, 1, [
        UNIT_COLUMNS.map((spec) => spec.header),
        ...['A', 'B', 'C', 'D'].map((code) => [code, `Đơn vị ${code} (mẫu)`, 'Huyện 1']),
      ]);
    setUp(ctx, LEVELS_FIXTURE.id);
    const sheet = google.spreadsheet.sheet(LEVELS_FIXTURE.scoringSheet);
    // 1.1 | 1.2 mức 1 | 1.2 mức 2 | 2.1 số đạt | 2.1 tổng số | evidence 1.2
    sheet.type(2, 4, [
      ['Đạt', 'Đạt', 'Đạt', 95, 100, 'qd'],
      ['Đạt', 'Đạt', 'Chưa đạt', 95, 100, 'qd'],
      ['Đạt', 'Chưa đạt', '', 95, 100, 'qd'],
      ['', '', '', '', '', ''],
    ]);
    // The province finds 1.2 asks the same at both levels: «Đạt» in both cells of its row.
    const criteria = google.spreadsheet.sheet(CRITERIA_SHEET);
    const at = criteria.snapshot().findIndex((row) => row[2] === '1.2') + 1;
    const level = (n: number) => CRITERIA_COLUMNS.findIndex((s) => s.key === `level${n}`) + 1;
    criteria.type(at, level(1), [['Đạt', 'Đạt']]);
    expect(level(2)).toBe(level(1) + 1);
    return { google, ctx, sheet };
  }

  it('is refused by score-all, never read as the wrong level (the previous version gave B mức độ 2)', () => {
    const { google, ctx, sheet } = splitWorkbook();
    scoreAllAction(ctx);
    const notice = google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
    expect(notice).toContain('Bộ tiêu chí «THU_MUC_DO» chưa được chấm');
    expect(notice).toContain('thiếu cột «1.2 Danh hiệu (Đạt/Chưa đạt)»');
    expect(notice).toContain(
      'Các cột theo cách ghi cũ của bộ tiêu chí, không được đọc thay cho cột trên: «1.2 mức độ 1 — Danh hiệu (Đạt/Chưa đạt)» (E), «1.2 mức độ 2 — Danh hiệu (Đạt/Chưa đạt)» (F); chạy XHHT → Khởi tạo bảng tính',
    );
    expect(columnValues(sheet, 'Mức độ đạt')).toEqual(['', '', '', '']);
  });

  it('is moved by set-up to one column, carrying the answers that agree and naming the others', () => {
    const { ctx, sheet } = splitWorkbook();
    const report = setUp(ctx, LEVELS_FIXTURE.id);
    expect(report.setAside).toEqual([
      '1.2 mức độ 1 — Danh hiệu (Đạt/Chưa đạt)',
      '1.2 mức độ 2 — Danh hiệu (Đạt/Chưa đạt)',
      'Thẩm định 1.2 mức độ 1',
      'Thẩm định 1.2 mức độ 2',
    ]);
    // A: Đạt at both → Đạt; B: the two differ → left for the officer; C: not met at mức 1 → Chưa đạt.
    expect(columnValues(sheet, '1.2 Danh hiệu (Đạt/Chưa đạt)')).toEqual([
      'Đạt',
      '',
      'Chưa đạt',
      '',
    ]);
    expect([report.carried, report.leftToRetype]).toEqual([2, ['B (1.2)']]);
    expect(columnValues(sheet, '(cũ) 1.2 mức độ 2 — Danh hiệu (Đạt/Chưa đạt)')).toEqual([
      'Đạt',
      'Chưa đạt',
      '',
      '',
    ]);
    scoreAllAction(ctx);
    expect(columnValues(sheet, 'Mức độ đạt')).toEqual(['Mức độ 2', '', 'Chưa đạt', '']);
    expect(String(columnValues(sheet, 'Lỗi')[1])).toContain('chỉ tiêu 1.2: chưa chọn Đạt');
  });
});

describe('set-up on a workbook the previous version wrote (TT 24/2023, province)', () => {
  it('sets aside the levels whose requirement changed, keeps the rest, carries agreeing answers', () => {
    const google = fakeGoogle();
    google.spreadsheet
      .insertSheet(CRITERIA_SHEET)
      .type(1, 1, [PREVIOUS_CRITERIA_HEADER, ...PREVIOUS_TT24_TINH_ROWS]);
    google.spreadsheet
      .insertSheet(UNITS_SHEET)
      .type(1, 1, [UNIT_COLUMNS.map((spec) => spec.header), ['T01', 'Trường T01 (mẫu)', 'Tỉnh']]);
    const sheetName = String(PREVIOUS_TT24_TINH_ROWS[0]?.[4]);
    const answers: Record<string, CellValue> = {
      '3.3 mức 1': 'Đạt',
      '3.3 mức 2': 'Đạt',
      '3.4 mức 1': 'Đạt',
      '3.4 mức 2': 'Đạt',
    };
    const row = PREVIOUS_TT24_TINH_INPUTS.map((header) => {
      const part = Object.keys(answers).find((key) => header.startsWith(`${key} `));
      if (part) return answers[part] as CellValue;
      return /số đạt/.test(header) ? 95 : /tổng số/.test(header) ? 100 : 'Đạt';
    });
    google.spreadsheet.insertSheet(sheetName).type(1, 1, [
      ['Mã đơn vị', 'Tên đơn vị', 'Huyện', ...PREVIOUS_TT24_TINH_INPUTS],
      ['T01', 'Trường T01 (mẫu)', 'Tỉnh', ...row],
    ]);
    const report = setUp(gasContext(google), 'TT24_2023_DVHT_TINH');

    // 3.4 mức 2 asked «đáp ứng khá», now «đáp ứng tốt» (QĐ 4725): an answer to the old wording is
    // set aside, never read as the new one; so are the placeholder 2.3 and the 3.3, 3.5, 3.6 splits.
    expect(report.setAside).toEqual(
      expect.arrayContaining([
        '2.3 mức 1 — Chỉ tiêu cần bổ sung (Đạt/Chưa đạt)',
        '3.3 mức 2 — Danh hiệu tập thể (Đạt/Chưa đạt)',
        '3.4 mức 2 — Chuyển đổi số (trường học) (Đạt/Chưa đạt)',
      ]),
    );
    const sheet = google.spreadsheet.sheet(sheetName);
    // The members' share keeps its column and numbers (the same indicator under the same code).
    expect(columnValues(sheet, '3.1 số đạt — Công dân học tập (số người)')).toEqual([95]);
    expect(columnValues(sheet, '3.4 mức độ 2 — Chuyển đổi số (THPT, GDTX) (Đạt/Chưa đạt)')).toEqual(
      [''],
    );
    // 3.3 is now one answer («Tập thể lao động tiên tiến» at both levels): Đạt at both carried.
    expect(columnValues(sheet, '3.3 Danh hiệu thi đua tập thể (Đạt/Chưa đạt)')).toEqual(['Đạt']);
    expect(columnValues(sheet, '3.1b số đạt — Người học là Công dân học tập (số người)')).toEqual([
      '',
    ]);
  });
});
