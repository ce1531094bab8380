import { describe, expect, it } from 'vitest';
import { findRubric } from '../../src/domain/catalog';
import type { RegisterEntry } from '../../src/domain/register';
import { missingValues, type Rubric } from '../../src/domain/rubric';
import { bandFormula, scoreAllAction, setUpAction, totalFormula } from '../../src/sheets/actions';
import { rubricRows } from '../../src/sheets/criteria-sheet';
import { CRITERIA_COLUMNS, CRITERIA_SHEET, UNITS_SHEET } from '../../src/sheets/layout';
import { appendRegister } from '../../src/sheets/register-sheet';
import { scoreAll } from '../../src/sheets/score-all';
import { setUp } from '../../src/sheets/set-up';
import { writeSetting } from '../../src/sheets/settings-sheet';
import { gasContext } from '../fakes/context';
import { fakeGoogle } from '../fakes/google';
import type { FakeSheet } from '../fakes/spreadsheet';
import { LEVELS_FIXTURE, POINTS_FIXTURE } from '../fixtures/rubrics';
import { columnValues, headerColumn, unitRows, WORKFLOW_HEADERS } from './workbook-helpers';

/** A workbook whose criteria sheet holds the given rubrics, as an administrator wrote them. */
function workbookWithRubrics(...rubrics: (typeof LEVELS_FIXTURE | typeof POINTS_FIXTURE)[]) {
  const google = fakeGoogle();
  const ctx = gasContext(google);
  const criteria = google.spreadsheet.insertSheet(CRITERIA_SHEET);
  const rows = rubrics
    .flatMap((r) => rubricRows(r))
    .map((cells) => CRITERIA_COLUMNS.map((spec) => cells[spec.key] ?? ''));
  criteria.type(1, 1, [CRITERIA_COLUMNS.map((spec) => spec.header), ...rows]);
  return { google, ctx };
}

function byHeader(sheet: FakeSheet, row: number, header: string | RegExp): unknown {
  return sheet.snapshot()[row - 1]?.[headerColumn(sheet, header) - 1];
}

describe('a levels rubric written by the administrator', () => {
  function levelsWorkbook() {
    const { google, ctx } = workbookWithRubrics(LEVELS_FIXTURE);
    setUp(ctx, LEVELS_FIXTURE.id);
    google.spreadsheet.sheet(UNITS_SHEET).type(2, 1, unitRows(4));
    setUp(ctx, LEVELS_FIXTURE.id);
    return { google, ctx, sheet: google.spreadsheet.sheet(LEVELS_FIXTURE.scoringSheet) };
  }

  it('gets a scoring sheet of its method: dropdowns, counts, level columns where they differ, evidence', () => {
    const { sheet } = levelsWorkbook();
    expect(sheet.snapshot()[0]).toEqual([
      'Mã đơn vị',
      'Tên đơn vị',
      'Địa bàn (huyện cũ)',
      '1.1 Kế hoạch (Đạt/Chưa đạt)',
      '1.2 mức độ 1 — Danh hiệu (Đạt/Chưa đạt)',
      '1.2 mức độ 2 — Danh hiệu (Đạt/Chưa đạt)',
      '2.1 số đạt — Công dân học tập (số người)',
      '2.1 tổng số — Công dân học tập (số người)',
      'Minh chứng 1.2 (đường dẫn hoặc ghi chú)',
      'Thẩm định 1.1',
      'Thẩm định 1.2 mức độ 1',
      'Thẩm định 1.2 mức độ 2',
      'Thẩm định 2.1 số đạt',
      'Thẩm định 2.1 tổng số',
      'Lý do điều chỉnh (thẩm định)',
      'Mức độ đạt',
      'Chỉ tiêu chưa đạt / ghi chú',
      'Hiệu lực công nhận',
      'Kết quả thẩm định',
      'Điều chỉnh thẩm định',
      'Lỗi',
      'Chấm lúc',
      ...WORKFLOW_HEADERS,
    ]);
    // «Không áp dụng» only where the rubric marks it possible (1.2, not 1.1).
    expect(sheet.validations.get('2,4')).toMatchObject({
      kind: 'list',
      values: ['Đạt', 'Chưa đạt'],
    });
    expect(sheet.validations.get('2,5')).toMatchObject({
      kind: 'list',
      values: ['Đạt', 'Chưa đạt', 'Không áp dụng'],
    });
    expect(sheet.validations.get('2,7')).toMatchObject({ kind: 'number', min: 0 });
    expect(sheet.numberFormats.get('2,9')).toBe('@');
    expect(sheet.protections[0]?.area).toMatchObject({ column: 16, columns: 19 });
  });

  it('scores levels, applies the 12-month and validity rules from the register, per title and at the submission date, and requires evidence', () => {
    const { ctx, sheet } = levelsWorkbook();
    const entry = (unit: string, title: string, result: string, date: Date): RegisterEntry => ({
      kind: 'recognise',
      title,
      unit,
      name: '',
      result,
      decisionNumber: `QĐ ${unit}`,
      decisionDate: date,
      decider: 'huyện',
    });
    appendRegister(ctx.workbook, [
      entry('DV0002', LEVELS_FIXTURE.id, 'Mức độ 1', new Date(2026, 2, 15)),
      entry('DV0003', LEVELS_FIXTURE.id, 'Mức độ 1', new Date(2022, 0, 10)),
      // Another title's recognition does not hold this one back.
      entry('DV0004', 'KHAC', 'Mức độ 1', new Date(2026, 2, 15)),
    ]);
    sheet.type(2, 4, [
      ['Đạt', 'Đạt', 'Đạt', 95, 100, 'https://example.org/qd-12'],
      ['Đạt', 'Đạt', 'Đạt', 95, 100, 'Biên bản họp 12/2026'],
      ['Đạt', 'Đạt', '', 90, 100, 'link'],
      ['Đạt', 'Đạt', 'Đạt', 100, 100, 'link'],
    ]);
    scoreAll(ctx);
    expect([2, 3, 4, 5].map((r) => byHeader(sheet, r, 'Mức độ đạt'))).toEqual([
      'Mức độ 2',
      'Mức độ 1',
      'Mức độ 1',
      'Mức độ 2',
    ]);
    expect(byHeader(sheet, 3, 'Chỉ tiêu chưa đạt / ghi chú')).toBe(
      'Đạt chỉ tiêu mức độ 2 nhưng chưa đủ 12 tháng ở mức độ 1 (được xét mức độ 2 từ 15/03/2027).',
    );
    expect(byHeader(sheet, 3, 'Hiệu lực công nhận')).toBe('Còn hiệu lực đến 31/12/2029');
    expect(byHeader(sheet, 4, 'Chỉ tiêu chưa đạt / ghi chú')).toBe('Chưa đạt mức độ 2: 1.2, 2.1.');
    expect(byHeader(sheet, 4, 'Hiệu lực công nhận')).toBe('Hết hạn công nhận (31/12/2025)');

    // The wait is judged at «Ngày nộp», the day the unit submitted: a day before the 12 months end,
    // it is not yet met however late the scoring runs; the day they end, it is.
    appendRegister(ctx.workbook, [
      entry('DV0005', LEVELS_FIXTURE.id, 'Mức độ 1', new Date(2025, 10, 10)),
    ]);
    const submitted = headerColumn(sheet, 'Ngày nộp');
    sheet.type(6, 1, [['DV0005']]);
    sheet.type(6, 4, [['Đạt', 'Đạt', 'Đạt', 100, 100, 'link']]);
    sheet.type(6, submitted, [['09/11/2026']]);
    scoreAll(ctx);
    expect(byHeader(sheet, 6, 'Mức độ đạt')).toBe('Mức độ 1');
    sheet.type(6, submitted, [['10/11/2026']]);
    scoreAll(ctx);
    expect(byHeader(sheet, 6, 'Mức độ đạt')).toBe('Mức độ 2');

    sheet.type(2, 9, [['']]);
    scoreAll(ctx);
    expect(byHeader(sheet, 2, 'Mức độ đạt')).toBe('');
    expect(byHeader(sheet, 2, 'Lỗi')).toBe(
      'Ô I2, trang «Chấm thử mức độ»: mục/chỉ tiêu 1.2 bắt buộc có minh chứng (đường dẫn hoặc ghi chú).',
    );
  });

  it('names the cell and the indicator of bad input, and keeps what was typed', () => {
    const { ctx, sheet } = levelsWorkbook();
    sheet.type(2, 4, [['có lẽ', 'Đạt', 'Đạt', 12, 10, 'x']]);
    const before = sheet.snapshot().map((row) => row.slice(0, 9));
    scoreAll(ctx);
    expect(sheet.snapshot().map((row) => row.slice(0, 9))).toEqual(before);
    expect(String(byHeader(sheet, 2, 'Lỗi')).split('\n')).toEqual([
      'Ô D2, trang «Chấm thử mức độ», chỉ tiêu 1.1: «có lẽ» không phải «Đạt» hay «Chưa đạt».',
      'Ô G2, trang «Chấm thử mức độ», chỉ tiêu 2.1 (số đạt): số đạt 12 lớn hơn tổng số 10.',
    ]);
  });
});

describe('a points rubric of the province’s own', () => {
  it('works like a built-in one: set-up, scoring, minimum per criterion, evidence, formulas', () => {
    const { google, ctx } = workbookWithRubrics(POINTS_FIXTURE);
    setUp(ctx, POINTS_FIXTURE.id);
    google.spreadsheet.sheet(UNITS_SHEET).type(2, 1, unitRows(3));
    setUp(ctx, POINTS_FIXTURE.id);
    const sheet = google.spreadsheet.sheet(POINTS_FIXTURE.scoringSheet);
    sheet.type(2, 4, [
      [25, 15, 55, 'ảnh phòng học'],
      [5, 10, 60, 'ảnh'],
      [25, 15, 55, ''],
    ]);
    scoreAll(ctx);
    expect(columnValues(sheet, 'Tổng điểm')).toEqual([95, 75, '']);
    // 15 in A is below its minimum of 20: held at the fallback band whatever the total, and said why.
    expect(columnValues(sheet, 'Xếp loại')).toEqual(['Xuất sắc', 'Chưa đạt', '']);
    expect(columnValues(sheet, 'Lỗi')[1]).toBe(
      'Xếp loại «Chưa đạt» vì tiêu chí A dưới điểm tối thiểu.',
    );
    // From a total alone a band would miss the minimum, so the formula refuses this rubric.
    expect(() => bandFormula(75, POINTS_FIXTURE.id, () => ctx.workbook)).toThrow(
      /có điểm tối thiểu cho tiêu chí/,
    );
    expect(String(columnValues(sheet, 'Lỗi')[2])).toContain(
      'mục/chỉ tiêu A1 bắt buộc có minh chứng',
    );
  });
});

describe('score-all with several rubrics', () => {
  it('scores the sheets it can, and says which it cannot and why', () => {
    const { google, ctx } = workbookWithRubrics(POINTS_FIXTURE, LEVELS_FIXTURE);
    setUp(ctx, POINTS_FIXTURE.id);
    google.spreadsheet.sheet(UNITS_SHEET).type(2, 1, unitRows(1));
    setUp(ctx, POINTS_FIXTURE.id);
    const points = google.spreadsheet.sheet(POINTS_FIXTURE.scoringSheet);
    points.type(2, 4, [[25, 15, 55, 'ảnh']]);
    scoreAllAction(ctx);
    const notice = google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
    expect(notice).toContain('Trang «Chấm TTHTCĐ»: đã chấm 1/1 đơn vị');
    expect(notice).toContain(
      'Bộ tiêu chí «THU_MUC_DO» chưa có trang chấm điểm: chạy XHHT → Khởi tạo bảng tính và chọn nó.',
    );

    setUp(ctx, LEVELS_FIXTURE.id);
    const levels = google.spreadsheet.sheet(LEVELS_FIXTURE.scoringSheet);
    levels.type(1, headerColumn(levels, 'Mức độ đạt'), [['Mức']]);
    scoreAllAction(ctx);
    const second = google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
    expect(second).toContain('Trang «Chấm TTHTCĐ»: đã chấm 1/1 đơn vị');
    expect(second).toContain(
      'Bộ tiêu chí «THU_MUC_DO» chưa được chấm:\n• Trang «Chấm thử mức độ» thiếu cột «Mức độ đạt»',
    );
  });
});

describe('formulas over a rubric of the criteria sheet', () => {
  it('say the rubric needs fixing, with its first problem, rather than that it does not exist', () => {
    const broken = {
      ...POINTS_FIXTURE,
      bands: [
        { label: 'Xuất sắc', min: 90 },
        { label: 'Tốt', min: 95 },
      ],
    };
    const { ctx } = workbookWithRubrics(broken);
    expect(() => totalFormula([[1, 2, 3]], 'tthtcd_tinh', () => ctx.workbook)).toThrow(
      /^Bộ tiêu chí «TTHTCD_TINH» ở trang «Tiêu chí» cần sửa: Ô G\d+, trang «Tiêu chí»: ngưỡng của «Tốt» phải thấp hơn/,
    );
    // Another rubric keeps working meanwhile.
    expect(totalFormula([[20, 10, 50]], 'TT22_2020_DVHT', () => ctx.workbook)).toEqual([[80]]);
  });
});

describe('a rubric with values still to complete', () => {
  it('gets its sheets, then refuses to score and lists every value to enter with its cell', () => {
    const google = fakeGoogle();
    const ctx = gasContext(google);
    google.SpreadsheetApp.ui.answers.push('TT44_2014_CDHT_XA');
    setUpAction(ctx);
    const notice = google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
    expect(notice).toContain(
      'Đã khởi tạo bảng tính cho «Cộng đồng học tập cấp xã (Thông tư 44/2014, trước 2024)» (TT44_2014_CDHT_XA).',
    );
    // Repealed before the assessment year (2026 on the test clock): said, with the text in force.
    expect(notice).toContain(
      'Lưu ý: «Cộng đồng học tập cấp xã (Thông tư 44/2014, trước 2024)» đã bãi bỏ từ 12/02/2024, thay bằng TT 25/2023; năm đánh giá 2026 dùng «Cộng đồng học tập cấp xã» (TT25_2023_CDHT_XA).',
    );
    expect(notice).toMatch(/Bộ tiêu chí còn 30 giá trị ghi «CẦN BỔ SUNG»/);
    expect(notice).toMatch(/• Ô F\d+, trang «Tiêu chí»: Điểm tối đa của tiêu chí 1 — theo Phụ lục/);

    google.spreadsheet.sheet(UNITS_SHEET).type(2, 1, unitRows(2));
    google.SpreadsheetApp.ui.answers.push('TT44_2014_CDHT_XA');
    setUpAction(ctx);
    const sheet = google.spreadsheet.sheet('Chấm CĐHT xã (TT44)');
    const full = Array.from({ length: 15 }, (_, i) => (i < 10 ? 7 : 6));
    sheet.type(2, 4, [full, full.map((points, i) => (i === 14 ? 0 : points))]);
    sheet.type(2, 4 + 15, [full.map(() => 'biên bản'), full.map(() => 'biên bản')]);
    const before = sheet.snapshot();
    scoreAllAction(ctx);
    expect(sheet.snapshot()).toEqual(before);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(
      /Bộ tiêu chí «TT44_2014_CDHT_XA» chưa được chấm: còn 30 giá trị ghi «CẦN BỔ SUNG» ở trang «Tiêu chí»:\n• Ô F\d+/,
    );

    // The administrator enters the points of the province's copy of the Phụ lục; the rubric then scores.
    const criteria = google.spreadsheet.sheet(CRITERIA_SHEET);
    for (const [r, row] of criteria.snapshot().entries()) {
      for (const [c, cell] of row.entries()) {
        // The points (the decision deadline, also to enter, does not stop scoring).
        if (String(cell).startsWith('CẦN BỔ SUNG') && row[1] !== 'Quy tắc')
          criteria.type(r + 1, c + 1, [[Number.parseInt(String(row[2]), 10) <= 10 ? 7 : 6]]);
      }
    }
    scoreAllAction(ctx);
    expect(columnValues(sheet, 'Tổng điểm')).toEqual([100, 94]);
    // 94 points with criterion 15 at 0: «Chưa đạt» (Điều 4 khoản 3), and the row says why.
    expect(columnValues(sheet, 'Xếp loại')).toEqual(['Tốt', 'Chưa đạt']);
    expect(columnValues(sheet, 'Lỗi')[1]).toBe(
      'Xếp loại «Chưa đạt» vì tiêu chí 15 bị điểm 0 (mỗi xếp loại trên đòi hỏi không có tiêu chí bị điểm 0).',
    );
  });
});

describe('set-up asks which rubric', () => {
  const ask = (answer: string | null) => {
    const google = fakeGoogle();
    google.SpreadsheetApp.ui.answers.push(answer);
    setUpAction(gasContext(google));
    return { google, notice: google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '' };
  };

  it('lists the rubrics in force for the assessment year first, the repealed ones marked, and what each lacks', () => {
    const { google } = ask('');
    const question = google.SpreadsheetApp.ui.prompts[0]?.prompt ?? '';
    const gdht = missingValues(findRubric('QD448_2015_GDHT') as Rubric).length;
    const tt44 = missingValues(findRubric('TT44_2014_CDHT_XA') as Rubric).length;
    expect(question.split('\n').slice(1)).toEqual([
      'Năm đánh giá 2026: 4 bộ tiêu chí đầu danh sách đang có hiệu lực.',
      '',
      '1. TT25_2023_CDHT_XA: Cộng đồng học tập cấp xã',
      '2. TT24_2023_DVHT_HUYEN: Đơn vị học tập cấp huyện',
      '3. TT24_2023_DVHT_TINH: Đơn vị học tập cấp tỉnh',
      `4. QD448_2015_GDHT: Gia đình học tập — còn ${gdht} giá trị tỉnh cần nhập trước khi chấm`,
      '5. TT22_2020_DVHT: Đơn vị học tập — văn bản cũ, bãi bỏ từ 26/01/2024, thay bằng TT 24/2023',
      `6. TT44_2014_CDHT_XA: Cộng đồng học tập cấp xã (Thông tư 44/2014, trước 2024) — văn bản cũ, bãi bỏ từ 12/02/2024, thay bằng TT 25/2023 — còn ${tt44} giá trị tỉnh cần nhập trước khi chấm`,
    ]);
    expect(question).toContain('(TT24_2023_DVHT_HUYEN)');
  });

  it('lists TT 22 and TT 44 first for an assessment year before 2024', () => {
    const google = fakeGoogle();
    const ctx = gasContext(google);
    setUp(ctx, 'TT22_2020_DVHT');
    writeSetting(ctx.workbook, 'year', 2023);
    google.SpreadsheetApp.ui.answers.push('2');
    setUpAction(ctx);
    const question = google.SpreadsheetApp.ui.prompts[0]?.prompt ?? '';
    expect(question).toContain('Năm đánh giá 2023: 3 bộ tiêu chí đầu danh sách đang có hiệu lực.');
    expect(question).toContain('\n1. TT22_2020_DVHT: ');
    expect(question).toContain('\n2. TT44_2014_CDHT_XA: ');
    expect(question).toMatch(
      /\n4\. TT25_2023_CDHT_XA: Cộng đồng học tập cấp xã — không áp dụng cho năm đánh giá/,
    );
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).not.toContain('Lưu ý');
  });

  it('takes a number, an id in any case, or nothing for the default of the year', () => {
    expect(ask('4').notice).toContain('(QD448_2015_GDHT)');
    expect(ask(' tt24_2023_dvht_tinh ').notice).toContain('(TT24_2023_DVHT_TINH)');
    expect(ask('').notice).toContain('(TT24_2023_DVHT_HUYEN)');
  });

  it('changes nothing when cancelled, and explains an answer it does not understand', () => {
    const cancelled = ask(null);
    expect(cancelled.notice).toBe('Đã hủy Khởi tạo bảng tính; bảng tính không thay đổi.');
    expect(cancelled.google.spreadsheet.sheets).toHaveLength(0);
    const wrong = ask('99');
    expect(wrong.notice).toBe(
      'Không hiểu lựa chọn «99»: hãy gõ một số từ 1 đến 6 hoặc một mã bộ tiêu chí.',
    );
    expect(wrong.google.spreadsheet.sheets).toHaveLength(0);
  });

  it('offers a rubric the administrator wrote in the criteria sheet', () => {
    const { google, ctx } = workbookWithRubrics(POINTS_FIXTURE);
    google.SpreadsheetApp.ui.answers.push('7');
    setUpAction(ctx);
    expect(google.SpreadsheetApp.ui.prompts[0]?.prompt).toContain(
      '7. TTHTCD_TINH: Xếp loại Trung tâm học tập cộng đồng',
    );
    expect(google.spreadsheet.sheet('Chấm TTHTCĐ').snapshot()[0]?.[3]).toBe(
      'A1 Phòng học (tối đa 25)',
    );
  });
});

describe('batch I/O of a levels sheet', () => {
  it('makes the same reads and writes for 10 units as for 300', () => {
    const ioFor = (count: number) => {
      const { google, ctx } = workbookWithRubrics(LEVELS_FIXTURE);
      setUp(ctx, LEVELS_FIXTURE.id);
      google.spreadsheet.sheet(UNITS_SHEET).type(2, 1, unitRows(count));
      setUp(ctx, LEVELS_FIXTURE.id);
      google.spreadsheet.sheet(LEVELS_FIXTURE.scoringSheet).type(
        2,
        4,
        Array.from({ length: count }, (_, i) => ['Đạt', 'Đạt', i % 2 ? 'Đạt' : '', 19, 20, 'qd']),
      );
      google.io.reset();
      scoreAll(ctx);
      return {
        reads: google.io.reads,
        writes: google.io.writes,
        calls: Object.fromEntries(google.io.calls),
      };
    };
    const small = ioFor(10);
    expect(ioFor(300)).toEqual(small);
    // Settings, criteria, units (recognitions) and the scoring sheet; one block of results.
    expect(small.calls).toMatchObject({ getValues: 4, setValues: 1 });
  });
});
