import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/domain/catalog';
import type { CellValue } from '../../src/domain/cells';
import { builtInProcedure } from '../../src/domain/procedures';
import type { Rubric } from '../../src/domain/rubric';
import { readCriteria, rubricRows } from '../../src/sheets/criteria-sheet';
import { CRITERIA_COLUMNS, CRITERIA_SHEET } from '../../src/sheets/layout';
import { gasContext } from '../fakes/context';
import { fakeGoogle } from '../fakes/google';
import { LEVELS_FIXTURE, POINTS_FIXTURE } from '../fixtures/rubrics';

const HEADERS = CRITERIA_COLUMNS.map((spec) => spec.header);

function row(cells: Record<string, CellValue>): CellValue[] {
  return CRITERIA_COLUMNS.map((spec) => cells[spec.key] ?? '');
}

/** A workbook whose criteria sheet holds these rows, as an administrator typed them. */
function criteriaWith(rows: CellValue[][]) {
  const google = fakeGoogle();
  const sheet = google.spreadsheet.insertSheet(CRITERIA_SHEET);
  sheet.type(1, 1, [HEADERS, ...rows]);
  return { google, sheet, read: () => readCriteria(gasContext(google).workbook) ?? [] };
}

/** What a rubric means, without where it came from. */
function meaning(rubric: Rubric | undefined) {
  if (!rubric) return undefined;
  const { source: _s, legalBasis: _l, ...rest } = rubric;
  return JSON.parse(JSON.stringify(rest));
}

describe('a rubric written to the criteria sheet reads back the same', () => {
  it.each(
    [
      ...CATALOG,
      LEVELS_FIXTURE,
      POINTS_FIXTURE,
      // A title with its own ladder and the agreement meeting, whatever its method.
      {
        ...POINTS_FIXTURE,
        id: 'RIENG_CAC_CAP',
        procedure: {
          ladders: [
            {
              from: null,
              ladder: 'XA_HUYEN_QUYET_DINH_TINH_TONG_HOP',
              decider: 'Trưởng phòng GD&ĐT',
              basis: 'văn bản của tỉnh',
            },
            {
              from: new Date(2025, 6, 1),
              ladder: 'đơn vị → xã thẩm định → tỉnh quyết định',
              decider: 'Giám đốc Sở GD&ĐT',
              basis: 'đề xuất',
              confirm: 'chưa có văn bản',
            },
          ],
          deadlines: [
            { kind: 'submit', day: 29, month: 2, yearOffset: 1, onTime: true, basis: 'tỉnh' },
            { kind: 'decide', missing: 'hạn quyết định', basis: '' },
          ],
        },
        meetingBeforeSubmit: true,
      } as Rubric,
    ].map((r) => [r.id, r] as const),
  )('%s', (_id, rubric) => {
    const { read } = criteriaWith(rubricRows(rubric).map(row));
    const [back] = read();
    expect(back?.problems).toEqual([]);
    // A built-in rubric is written with its built-in procedure.
    const procedure = rubric.procedure ?? builtInProcedure(rubric.id);
    expect(meaning(back?.rubric)).toEqual(
      meaning({ ...rubric, ...(procedure ? { procedure } : {}) }),
    );
  });
});

describe('the criteria sheet validator names the cell of each problem', () => {
  const points = (
    extra: Record<string, CellValue>[] = [],
    replace: (rows: Record<string, CellValue>[]) => void = () => {},
  ) => {
    const rows = rubricRows(POINTS_FIXTURE);
    replace(rows);
    return criteriaWith([...rows, ...extra].map(row));
  };
  const problems = (read: ReturnType<typeof criteriaWith>['read']) => read()[0]?.problems;

  it('a rule whose value is not one it takes: the meeting 0/1, the target 1–100%', () => {
    const rule = (code: string, threshold: CellValue) => ({
      rubric: POINTS_FIXTURE.id,
      type: 'Quy tắc',
      code,
      text: code,
      threshold,
    });
    const { read } = points([rule('HOP_THONG_NHAT', 2), rule('CHI_TIEU', 150)]);
    const count = rubricRows(POINTS_FIXTURE).length;
    expect(problems(read)).toEqual([
      `Ô G${count + 2}, trang «Tiêu chí»: ghi 1 (bắt buộc) hoặc 0.`,
      `Ô G${count + 3}, trang «Tiêu chí»: ghi một tỷ lệ từ 1 đến 100 (%).`,
    ]);
    const fine = points([rule('HOP_THONG_NHAT', 1), rule('CHI_TIEU', '65')]).read()[0]?.rubric;
    expect(fine).toMatchObject({ meetingBeforeSubmit: true, targetPercent: 65 });
  });

  it('item maxima that do not add up to the criterion', () => {
    const { read } = points([], (rows) => {
      const item = rows.find((r) => r.code === 'A2');
      if (item) item.max = 10;
    });
    expect(problems(read)).toEqual([
      'Ô F3, trang «Tiêu chí»: điểm tối đa của tiêu chí A là 40 nhưng các mục cộng lại 35.',
    ]);
  });

  it('duplicate codes', () => {
    const { read } = points([], (rows) => {
      const item = rows.find((r) => r.code === 'B1');
      if (item) item.code = 'A1';
    });
    expect(problems(read)).toContain('Ô C4, trang «Tiêu chí»: mã mục «A1» bị trùng.');
  });

  it('bands out of order or overlapping', () => {
    const { read } = points([], (rows) => {
      const band = rows.find((r) => r.code === 'Tốt');
      if (band) band.threshold = 95;
    });
    expect(problems(read)).toEqual([
      'Ô G9, trang «Tiêu chí»: ngưỡng của «Tốt» phải thấp hơn ngưỡng các xếp loại xếp trên nó (xếp loại ghi từ cao xuống thấp, không chồng lên nhau).',
    ]);
  });

  it('a missing or wrong value, an unknown row type, an item above every criterion', () => {
    const { read } = points([], (rows) => {
      const item = rows.find((r) => r.code === 'A1');
      if (item) item.max = 'hai lăm';
      const criterion = rows.find((r) => r.code === 'B');
      if (criterion) criterion.max = '';
      rows.splice(1, 0, {
        rubric: 'TTHTCD_TINH',
        type: 'Mục',
        code: 'Z1',
        text: 'Mục lạc',
        max: 1,
      });
      rows.push({ rubric: 'TTHTCD_TINH', type: 'Ghi chú', code: 'x' });
    });
    expect(problems(read)).toEqual([
      'Ô B3, trang «Tiêu chí»: dòng «Mục» phải nằm dưới một dòng «Tiêu chí».',
      'Ô F5, trang «Tiêu chí»: điểm tối đa cần một số không âm, không phải «hai lăm».',
      'Ô F7, trang «Tiêu chí»: điểm tối đa cần một số không âm.',
      'Ô B13, trang «Tiêu chí»: loại dòng cần là một trong: «Tiêu chí», «Mục», «Xếp loại».',
    ]);
  });

  it('an indicator without a level, or a ratio on one level only', () => {
    const rows = rubricRows(LEVELS_FIXTURE);
    const plan = rows.find((r) => r.code === '1.1');
    if (plan) plan.level2 = '';
    const share = rows.find((r) => r.code === '2.1');
    if (share) share.level2 = 'Đạt';
    const { read } = criteriaWith(rows.map(row));
    expect(read()[0]?.problems).toEqual([
      'Ô I6, trang «Tiêu chí»: chỉ tiêu thiếu yêu cầu ở mức độ 2: ghi «Đạt», một tỷ lệ như «≥ 90%», hoặc yêu cầu riêng của mức độ này.',
    ]);
    if (plan) plan.level2 = 'Đạt';
    expect(criteriaWith(rows.map(row)).read()[0]?.problems).toEqual([
      'Ô I9, trang «Tiêu chí»: một mức là tỷ lệ thì mức kia cũng phải là tỷ lệ (ví dụ «≥ 90%» và «≥ 95%»).',
    ]);
  });

  it('reads a share typed as 90% (which Sheets stores as 0,9), and refuses shares out of range', () => {
    const rows = rubricRows(LEVELS_FIXTURE);
    const share = rows.find((r) => r.code === '2.1');
    if (share) {
      share.level1 = 0.9;
      share.level2 = 0.95;
    }
    const [typed] = criteriaWith(rows.map(row)).read();
    expect(typed?.problems).toEqual([]);
    expect(meaning(typed?.rubric)).toEqual(meaning(LEVELS_FIXTURE));
    if (share) {
      share.level1 = '≥ 150%';
      share.level2 = '≥ 80%';
    }
    expect(criteriaWith(rows.map(row)).read()[0]?.problems).toEqual([
      'Ô H9, trang «Tiêu chí»: tỷ lệ phải lớn hơn 0% và không quá 100%, không phải 150%.',
      'Ô I9, trang «Tiêu chí»: tỷ lệ mức độ 2 (80%) thấp hơn mức độ 1 (150%).',
    ]);
  });

  it('a band above the highest total, codes that differ only in case, a repeated rule, months that are not whole', () => {
    const { read } = points([], (rows) => {
      const band = rows.find((r) => r.code === 'Xuất sắc');
      if (band) band.threshold = 150;
      const item = rows.find((r) => r.code === 'B1');
      if (item) item.code = 'a1';
    });
    expect(problems(read)).toEqual([
      'Ô C7, trang «Tiêu chí»: mã mục «a1» bị trùng.',
      'Ô G8, trang «Tiêu chí»: ngưỡng 150 của «Xuất sắc» cao hơn tổng điểm tối đa 100.',
    ]);
    const rows = rubricRows(LEVELS_FIXTURE);
    const wait = rows.find((r) => r.code === 'SO_THANG_TRUOC_MUC_2');
    if (wait) wait.threshold = '12,5';
    rows.splice(3, 0, { ...rows[2], threshold: 24 });
    expect(criteriaWith(rows.map(row)).read()[0]?.problems).toEqual([
      'Ô C5, trang «Tiêu chí»: quy tắc THOI_HAN_THANG ghi hai lần.',
    ]);
    rows.splice(3, 1);
    expect(criteriaWith(rows.map(row)).read()[0]?.problems).toEqual([
      'Ô G3, trang «Tiêu chí»: số tháng phải là số nguyên từ 1 trở lên, không phải 12,5.',
    ]);
  });

  it('refuses a scoring sheet name that is one of XHHT’s sheets or another rubric’s', () => {
    const mine = { ...POINTS_FIXTURE, scoringSheet: 'đơn vị' };
    expect(criteriaWith(rubricRows(mine).map(row)).read()[0]?.problems).toEqual([
      'Ô E2, trang «Tiêu chí»: tên trang chấm «đơn vị» trùng tên một trang của XHHT; hãy đặt tên khác ở cột «Tên ngắn».',
    ]);
    const twin = { ...LEVELS_FIXTURE, scoringSheet: POINTS_FIXTURE.scoringSheet };
    const [first, second] = criteriaWith(
      [...rubricRows(POINTS_FIXTURE), ...rubricRows(twin)].map(row),
    ).read();
    expect(first?.problems).toEqual([]);
    expect(second?.problems?.[0]).toMatch(
      /^Ô E\d+, trang «Tiêu chí»: tên trang chấm «Chấm TTHTCĐ» đã là trang chấm của một bộ tiêu chí khác/,
    );
  });

  it('a rubric id, a method or a heading row that cannot be used', () => {
    const rows = rubricRows(POINTS_FIXTURE).map((r) => ({ ...r, rubric: 'tthtcđ tỉnh' }));
    const { read } = criteriaWith(rows.map(row));
    expect(read()[0]?.problems?.[0]).toBe(
      'Ô A2, trang «Tiêu chí»: mã bộ tiêu chí chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ, ví dụ TTHTCD_TINH.',
    );
    const noHead = criteriaWith(rubricRows(POINTS_FIXTURE).slice(1).map(row));
    expect(noHead.read()[0]?.problems?.[0]).toMatch(
      /^Ô B2, trang «Tiêu chí»: bộ tiêu chí «TTHTCD_TINH» chưa có dòng «Bộ tiêu chí»/,
    );
    const method = rubricRows(POINTS_FIXTURE);
    if (method[0]) method[0].code = 'Điểm số';
    expect(criteriaWith(method.map(row)).read()[0]?.problems).toEqual([
      'Ô C2, trang «Tiêu chí»: phương pháp cần là «Thang điểm» hoặc «Mức độ».',
    ]);
  });

  it('lists every value marked CẦN BỔ SUNG with its cell, without calling it a problem', () => {
    const tt44 = CATALOG.find((r) => r.id === 'TT44_2014_CDHT_XA');
    if (!tt44) throw new Error('no TT44');
    const [read] = criteriaWith(rubricRows(tt44).map(row)).read();
    expect(read?.problems).toEqual([]);
    // 15 criterion maxima and 15 item maxima; the bands are known (85/70/50).
    expect(read?.missing).toHaveLength(30);
    // The procedure rows follow the rubric's head row: the ladder, the deadlines. A deadline to enter
    // does not stop scoring: it is listed apart.
    expect(read?.deadlinesToEnter).toEqual([
      expect.stringMatching(/^Ô G5, trang «Tiêu chí»: ngày quyết định: trong 15 ngày làm việc/),
    ]);
    expect(read?.missing[0]).toMatch(
      /^Ô F\d+, trang «Tiêu chí»: Điểm tối đa của tiêu chí 1 — theo Phụ lục Hướng dẫn đánh giá, cho điểm kèm Thông tư 44\/2014\/TT-BGDĐT \(tổng 15 tiêu chí là 100 điểm\)\.$/,
    );
  });

  it('keeps the rubrics apart: one broken rubric does not stop another', () => {
    const broken = rubricRows(POINTS_FIXTURE).map((r) =>
      r.code === 'A1' ? { ...r, max: 'x' } : r,
    );
    const { read } = criteriaWith([...broken, ...rubricRows(LEVELS_FIXTURE)].map(row));
    const [first, second] = read();
    expect(first?.rubric).toBeUndefined();
    expect(first?.problems).toHaveLength(1);
    expect(meaning(second?.rubric)).toEqual(meaning(LEVELS_FIXTURE));
  });
});
