import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../src/domain/cells';
import { rowBands, rowTotals } from '../../src/domain/formulas';
import { TT22_2020_DVHT } from '../../src/domain/rubrics/tt22-2020-dvht';
import { readCriteria, rubricRows } from '../../src/sheets/criteria-sheet';
import { CRITERIA_COLUMNS, CRITERIA_SHEET, scoringColumns } from '../../src/sheets/layout';
import { scoreAll } from '../../src/sheets/score-all';
import { locateColumns } from '../../src/sheets/table';
import { gasContext } from '../fakes/context';
import { fakeGoogle } from '../fakes/google';
import { LEVELS_FIXTURE, POINTS_FIXTURE } from '../fixtures/rubrics';
import { columnValues, workbookWith } from './workbook-helpers';

describe('points have at most two decimals: score-all and the formulas agree', () => {
  const full = [10, 10, 10, 10, 5, 10, 5, 25, 10, 5];

  it('score-all names the cell of 9,9996 rather than rounding 84,9996 up to «Tốt»', () => {
    const { ctx, sheet } = workbookWith([
      [9.9996, 10, 10, 10, 5, 10, 5, 10, 10, 5],
      [9.99, 10, 10, 10, 5, 10, 5, 10, 10, 5],
    ]);
    scoreAll(ctx);
    expect(String(columnValues(sheet, 'Lỗi')[0])).toMatch(
      /^Ô D2, trang «Chấm điểm ĐVHT», mục 1\.1: 9,9996 có quá hai chữ số thập phân/,
    );
    expect(columnValues(sheet, 'Tổng điểm')).toEqual(['', 84.99]);
    expect(columnValues(sheet, 'Xếp loại')).toEqual(['', 'Khá']);
  });

  it('XHHT_TONG refuses the same item, XHHT_XEPLOAI a total with more than two decimals', () => {
    expect(rowTotals([[9.9996, ...full.slice(1)]], TT22_2020_DVHT)).toEqual([
      [expect.stringMatching(/mục 1\.1: 9,9996 có quá hai chữ số thập phân/)],
    ]);
    expect(rowBands([[84.9996], [84.99], [85]], TT22_2020_DVHT)).toEqual([
      [expect.stringMatching(/84,9996 có quá hai chữ số thập phân/)],
      ['Khá'],
      ['Tốt'],
    ]);
  });
});

describe('the criteria sheet’s new cells', () => {
  const HEADERS = CRITERIA_COLUMNS.map((spec) => spec.header);
  const row = (cells: Record<string, CellValue>) =>
    CRITERIA_COLUMNS.map((spec) => cells[spec.key] ?? '');
  const read = (rows: Record<string, CellValue>[]) => {
    const google = fakeGoogle();
    google.spreadsheet.insertSheet(CRITERIA_SHEET).type(1, 1, [HEADERS, ...rows.map(row)]);
    return readCriteria(gasContext(google).workbook)?.[0];
  };
  const column = (key: string) =>
    String.fromCharCode(65 + CRITERIA_COLUMNS.findIndex((spec) => spec.key === key));

  it('reads «đã đối chiếu văn bản» and «diễn đạt lại, cần đối chiếu», and names any other value', () => {
    const rows = rubricRows(POINTS_FIXTURE);
    const item = rows.findIndex((r) => r.type === 'Mục');
    const bad = rows.map((r, i) => (i === item ? { ...r, certainty: 'chắc chắn' } : r));
    expect(read(bad)?.problems).toEqual([
      `Ô ${column('certainty')}${item + 2}, trang «Tiêu chí»: ghi «đã đối chiếu văn bản», «diễn đạt lại, cần đối chiếu» hoặc để trống.`,
    ]);
    const good = rows.map((r, i) =>
      i === item ? { ...r, certainty: 'Diễn đạt lại, cần đối chiếu', basis: 'Điều 3 khoản 1' } : r,
    );
    const rubric = read(good)?.rubric;
    expect(rubric?.method === 'points' && rubric.criteria[0]?.items[0]).toMatchObject({
      verified: false,
      basis: 'Điều 3 khoản 1',
    });
  });

  it('takes the rule «no criterion at 0» as 1 or 0 on a points rubric', () => {
    const rule = (value: CellValue) => ({
      rubric: POINTS_FIXTURE.id,
      type: 'Quy tắc',
      code: 'KHONG_TIEU_CHI_DIEM_0',
      text: 'không tiêu chí bị điểm 0',
      threshold: value,
    });
    const rows = rubricRows(POINTS_FIXTURE);
    expect(read([...rows, rule(1)])?.rubric).toMatchObject({ noZeroCriterion: true });
    expect(read([...rows, rule(0)])?.rubric).not.toHaveProperty('noZeroCriterion');
    expect(read([...rows, rule(2)])?.problems).toEqual([
      `Ô ${column('threshold')}${rows.length + 2}, trang «Tiêu chí»: ghi 1 (áp dụng) hoặc 0.`,
    ]);
  });
});

describe('the level columns say «mức độ» as the regulations do, and still find earlier headers', () => {
  it('reads «1.2 mức 1 — …» of an earlier version as mức độ 1 of 1.2, never as an answer of 1.2', () => {
    const inputs = scoringColumns(LEVELS_FIXTURE).inputs;
    expect(inputs.map((spec) => spec.header).slice(1, 3)).toEqual([
      '1.2 mức độ 1 — Danh hiệu (Đạt/Chưa đạt)',
      '1.2 mức độ 2 — Danh hiệu (Đạt/Chưa đạt)',
    ]);
    const earlier = [
      '1.2 mức 2 — Danh hiệu (Đạt/Chưa đạt)',
      '1.2 mức 1 — Danh hiệu (Đạt/Chưa đạt)',
    ];
    const found = locateColumns(earlier, inputs).columns;
    expect([found.get('input:1.2:level1'), found.get('input:1.2:level2')]).toEqual([2, 1]);
    const answer = { ...inputs[0], key: 'answer', prefix: '1.2', header: '1.2 Danh hiệu' };
    expect(locateColumns(earlier, [answer as never]).columns.size).toBe(0);
  });
});

describe('a share with a difficult-area threshold, typed in the criteria sheet', () => {
  const HEADERS = CRITERIA_COLUMNS.map((spec) => spec.header);
  const read = (level1: CellValue) => {
    const rows = rubricRows(LEVELS_FIXTURE).map((r) =>
      r.code === '2.1' ? { ...r, level1, level2: '≥ 95%' } : r,
    );
    const google = fakeGoogle();
    google.spreadsheet
      .insertSheet(CRITERIA_SHEET)
      .type(1, 1, [HEADERS, ...rows.map((r) => CRITERIA_COLUMNS.map((s) => r[s.key] ?? ''))]);
    return readCriteria(gasContext(google).workbook)?.[0];
  };

  it('reads «≥ 90%; vùng khó khăn ≥ 80%», and refuses a lower share that is higher', () => {
    const rubric = read('≥ 90%; Vùng khó khăn ≥ 80%')?.rubric;
    const indicator = rubric?.method === 'levels' ? rubric.criteria[1]?.indicators[0] : undefined;
    expect(indicator?.levels[0]).toEqual({ kind: 'percent', min: 90, minHard: 80 });
    expect(read('≥ 90%; vùng khó khăn ≥ 92%')?.problems).toEqual([
      expect.stringMatching(
        /^Ô H\d+, trang «Tiêu chí»: tỷ lệ cho vùng khó khăn \(92%\) phải lớn hơn 0% và không cao hơn tỷ lệ chung \(90%\)\.$/,
      ),
    ]);
  });
});
