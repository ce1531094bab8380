import { beforeEach, describe, expect, it } from 'vitest';
import { rubricIds } from '../../src/domain/catalog';
import { itemsOf } from '../../src/domain/rubric';
import { SETTING_SPECS } from '../../src/domain/settings';
import { asLiteral } from '../../src/gas/workbook';
import { setUpAction } from '../../src/sheets/actions';
import {
  CRITERIA_SHEET,
  REGISTER_SHEET,
  SETTINGS_SHEET,
  UNITS_SHEET,
} from '../../src/sheets/layout';
import { OUTBOX_SHEET } from '../../src/sheets/outbox';
import { PEOPLE_SHEET } from '../../src/sheets/people-sheet';
import { setUp } from '../../src/sheets/set-up';
import { readSettings } from '../../src/sheets/settings-sheet';
import { gasContext } from '../fakes/context';
import { type FakeGoogle, fakeGoogle, OWNER } from '../fakes/google';
import {
  columnValues,
  headerColumn,
  ITEM_COUNT,
  RESULT_HEADERS,
  REVIEW_HEADERS,
  rubric,
  unitRows,
  WORKFLOW_HEADERS,
  workbookWith,
} from './workbook-helpers';

const SCORING = rubric.scoringSheet;
const EXPECTED_HEADERS = [
  'Mã đơn vị',
  'Tên đơn vị',
  'Địa bàn (huyện cũ)',
  '1.1 Kế hoạch học tập (tối đa 10)',
  '1.2 Quy định khuyến khích (tối đa 10)',
  '1.3 Đầu tư nguồn lực (tối đa 10)',
  '2.1 Kế hoạch tự học (tối đa 10)',
  '2.2 Kỷ luật, hợp tác (tối đa 5)',
  '2.3 Bồi dưỡng bắt buộc (tối đa 10)',
  '2.4 Lao động tiên tiến (tối đa 5)',
  '3.1 Năng lực Công dân học tập (tối đa 25)',
  '3.2 Tập thể lao động tiên tiến (tối đa 10)',
  '3.3 Chia sẻ tri thức (tối đa 5)',
  ...REVIEW_HEADERS,
  ...RESULT_HEADERS,
  ...WORKFLOW_HEADERS,
];

describe('set-up on a new spreadsheet', () => {
  let google: FakeGoogle;
  beforeEach(() => {
    google = fakeGoogle();
    setUp(gasContext(google), rubric.id);
  });

  it('creates its sheets, the outbox included, in vi_VN and Asia/Ho_Chi_Minh', () => {
    expect(google.spreadsheet.sheets.map((s) => s.getName())).toEqual([
      SETTINGS_SHEET,
      UNITS_SHEET,
      PEOPLE_SHEET,
      CRITERIA_SHEET,
      SCORING,
      REGISTER_SHEET,
      OUTBOX_SHEET,
    ]);
    expect(google.spreadsheet.locale).toBe('vi_VN');
    expect(google.spreadsheet.timeZone).toBe('Asia/Ho_Chi_Minh');
  });

  it('writes Vietnamese headers in frozen, bold header rows', () => {
    const scoring = google.spreadsheet.sheet(SCORING);
    expect(scoring.snapshot()[0]).toEqual(EXPECTED_HEADERS);
    expect(scoring.frozenRows).toBe(1);
    expect(scoring.frozenColumns).toBe(2);
    expect(scoring.fontWeights.get('1,1')).toBe('bold');
    expect(google.spreadsheet.sheet(UNITS_SHEET).snapshot()[0]).toEqual([
      'Mã đơn vị',
      'Tên đơn vị',
      'Địa bàn (huyện cũ)',
      'Cụm',
      'Loại hình',
      'Ghi chú',
      'Bộ tiêu chí áp dụng',
      'Xã / phường',
    ]);
  });

  it('puts number validation 0..max, refusing other input, on every score cell', () => {
    const scoring = google.spreadsheet.sheet(SCORING);
    for (const [i, item] of itemsOf(rubric).entries()) {
      for (const row of [2, 500, 1000]) {
        expect(scoring.validations.get(`${row},${4 + i}`)).toMatchObject({
          kind: 'number',
          min: 0,
          max: item.max,
          allowInvalid: false,
        });
      }
      expect(scoring.validations.has(`1,${4 + i}`)).toBe(false);
    }
    // The reviewer's column of each item takes the same rule; the reason column none.
    expect(scoring.validations.get('2,14')).toMatchObject({ kind: 'number', max: 10 });
    expect(scoring.validations.get('2,24')).toBeUndefined();
  });

  it('protects the result columns warning only, and the reviewers’ columns for the reviewers', () => {
    const scoring = google.spreadsheet.sheet(SCORING);
    expect(scoring.protections).toHaveLength(2);
    const [results, reviewers] = scoring.protections;
    expect(results?.isWarningOnly()).toBe(true);
    expect(results?.area).toEqual({ row: 1, column: 25, rows: 1000, columns: 21 });
    // No reviewer in the people sheet yet: only the owner may type reviewed values.
    expect(reviewers?.isWarningOnly()).toBe(false);
    expect(reviewers?.area).toEqual({ row: 1, column: 14, rows: 1000, columns: 11 });
    expect([...(reviewers?.editors ?? [])]).toEqual([OWNER]);
  });

  it('lets the reviewers of the people sheet, and not the communes, type reviewed values', () => {
    google.spreadsheet.sheet(PEOPLE_SHEET).type(2, 1, [
      ['can.bo.xa@example.org', 'xã', 'DV0001'],
      [' Tham.Dinh@Example.org ', 'huyện', 'Huyện 1'],
    ]);
    setUp(gasContext(google), rubric.id);
    const scoring = google.spreadsheet.sheet(SCORING);
    expect([...(scoring.protections[1]?.editors ?? [])].sort()).toEqual(
      [OWNER, 'tham.dinh@example.org'].sort(),
    );
    const workbook = gasContext(google).workbook;
    google.Session.email = 'can.bo.xa@example.org';
    expect(() => workbook.sheet(SCORING)?.writeValues(2, 14, [[5]])).toThrow();
    google.Session.email = 'tham.dinh@example.org';
    workbook.sheet(SCORING)?.writeValues(2, 14, [[5]]);
    expect(scoring.snapshot()[1]?.[13]).toBe(5);
  });

  it('writes the settings with dropdowns, and the rubric in the criteria sheet', () => {
    const settings = google.spreadsheet.sheet(SETTINGS_SHEET);
    expect(settings.snapshot().map((row) => [row[0], row[2]])).toEqual([
      ['Mã', 'Giá trị'],
      ['year', 2026],
      ['province', ''],
      // In force for the assessment year 2026: TT 24/2023 (TT 22/2020 was repealed from 26/01/2024).
      ['defaultRubricId', 'TT24_2023_DVHT_HUYEN'],
      ['ladder', '3 cấp: xã → huyện → tỉnh'],
      ['summaryTo', ''],
      ['mailFrom', ''],
      ['summaryPeriod', 'Hằng tuần (thứ Hai)'],
      ['dailyHour', 7],
      ['summaryLanguage', 'Tiếng Việt'],
      ['remindDays', 7],
      ['escalateAfterDays', ''],
      ['language', 'Tiếng Việt'],
    ]);
    expect(settings.validations.get('4,3')).toMatchObject({
      kind: 'list',
      values: rubricIds(),
    });
    const criteria = google.spreadsheet.sheet(CRITERIA_SHEET).snapshot();
    // The rubric's own row, its ladder and deadline (TT 22/2020 Điều 7), 3 criteria, 10 items, 3
    // bands, the fallback band and the bands that hold the title.
    expect(criteria).toHaveLength(1 + 1 + 2 + 3 + ITEM_COUNT + 4 + 1);
    expect(criteria.slice(2, 4).map((r) => r.slice(1, 3))).toEqual([
      ['Quy tắc', 'CAC_CAP'],
      ['Quy tắc', 'HAN_NOP'],
    ]);
    const holding = criteria.find((r) => r[2] === 'XEP_LOAI_CONG_NHAN');
    expect(holding?.slice(1, 3)).toEqual(['Quy tắc', 'XEP_LOAI_CONG_NHAN']);
    expect(holding?.[6]).toBe('Tốt, Khá');
    expect(String(holding?.[3])).toContain('Cần xác nhận');
    expect(criteria[1]?.slice(0, 5)).toEqual([
      'TT22_2020_DVHT',
      'Bộ tiêu chí',
      'Thang điểm',
      rubric.title,
      rubric.scoringSheet,
    ]);
    expect(criteria[5]?.slice(0, 13)).toEqual([
      'TT22_2020_DVHT',
      'Mục',
      '1.1',
      itemsOf(rubric)[0]?.text,
      'Kế hoạch học tập',
      10,
      '',
      '',
      '',
      '',
      '',
      'Điều 5 khoản 1 điểm a',
      'đã đối chiếu văn bản',
    ]);
    // «Căn cứ» cites the circular, with its dates; never a file of this project or a source tag.
    expect(criteria[1]?.[11]).toBe(
      'Thông tư 22/2020/TT-BGDĐT (06/08/2020), Điều 5, Điều 6; hiệu lực từ 21/09/2020; bãi bỏ từ 26/01/2024, thay bằng TT 24/2023',
    );
    for (const row of criteria) expect(String(row[11])).not.toMatch(/\.md|\[[VPIU]\]/);
    expect(criteria.filter((r) => r[1] === 'Xếp loại').map((r) => [r[2], r[6]])).toEqual([
      ['Tốt', 85],
      ['Khá', 70],
      ['Trung bình', 50],
      ['Chưa đạt', ''],
    ]);
  });
});

describe('set-up run again', () => {
  it('adds the new units, once, and changes nothing typed', () => {
    const { google, ctx, sheet: scoring } = workbookWith([], 3);
    expect(columnValues(scoring, 'Mã đơn vị')).toEqual(['DV0001', 'DV0002', 'DV0003']);
    scoring.type(2, 4, [[10, '8,5', 'mười']]);
    google.spreadsheet.sheet(SETTINGS_SHEET).type(3, 3, [['Hà Tĩnh']]);
    google.spreadsheet.sheet(UNITS_SHEET).type(5, 1, unitRows(5).slice(3));
    const before = google.spreadsheet.sheets.map((s) => s.snapshot());

    setUp(ctx, rubric.id);
    setUp(ctx, rubric.id);

    const after = google.spreadsheet.sheets.map((s) => s.snapshot());
    expect(after[0]).toEqual(before[0]);
    expect(after[3]).toEqual(before[3]);
    expect(after[4]?.slice(0, 4)).toEqual(before[4]);
    expect(columnValues(scoring, 'Mã đơn vị')).toEqual([
      'DV0001',
      'DV0002',
      'DV0003',
      'DV0004',
      'DV0005',
    ]);
    expect(scoring.snapshot()[1]?.slice(3, 6)).toEqual([10, '8,5', 'mười']);
    // Replaced on each run, not added again: the results' and the reviewers' columns.
    expect(scoring.protections).toHaveLength(2);
    expect(google.spreadsheet.sheets).toHaveLength(7);
  });

  it('keeps a column the officer inserted and adds a header they deleted at the end', () => {
    const google = fakeGoogle();
    const ctx = gasContext(google);
    setUp(ctx, rubric.id);
    const scoring = google.spreadsheet.sheet(SCORING);
    const headers = scoring.snapshot()[0] as string[];
    // The officer inserts "Ghi chú của xã" after the name and deletes "Chấm lúc".
    const edited = [
      ...headers.slice(0, 2),
      'Ghi chú của xã',
      ...headers.slice(2).filter((h) => h !== 'Chấm lúc'),
    ];
    scoring.type(1, 1, [[...edited, '']]);
    setUp(ctx, rubric.id);
    const now = scoring.snapshot()[0];
    expect(now?.slice(0, -1)).toEqual(edited);
    expect(now?.at(-1)).toBe('Chấm lúc');
    expect(headerColumn(scoring, /^1\.1 /)).toBe(5);
  });

  it('copies unit names as text: no formula from a hostile name, no lost leading zero', () => {
    const google = fakeGoogle();
    const ctx = gasContext(google);
    setUp(ctx, rubric.id);
    // Cells that hold text (typed with an apostrophe, pasted, or in a plain-text column).
    const hostile = '=IMPORTXML("http://example.invalid","//a")';
    google.spreadsheet.sheet(UNITS_SHEET).type(2, 1, [['0123', hostile, '+Huyện', '', '', '']]);
    setUp(ctx, rubric.id);
    const scoring = google.spreadsheet.sheet(SCORING);
    expect(scoring.snapshot()[1]?.slice(0, 3)).toEqual(['0123', hostile, '+Huyện']);
    expect(scoring.formulaAt(2, 2)).toBe('');
  });

  it('writes other strings as they are, so a plain-text column shows no apostrophe', () => {
    expect(asLiteral('Trường THCS số 1')).toBe('Trường THCS số 1');
    expect(asLiteral('HT101')).toBe('HT101');
    for (const parsed of [
      '0123',
      '8,5',
      '08/05/2026',
      '2026-05-08',
      '1e5',
      'TRUE',
      '-2',
      '@x',
      "'a",
    ]) {
      expect(asLiteral(parsed)).toBe(`'${parsed}`);
    }
    expect(asLiteral(12)).toBe(12);
  });

  it('grows the grid when the units outnumber the rows of a new sheet', () => {
    const { sheet: scoring } = workbookWith([], 1200);
    expect(scoring.getMaxRows()).toBeGreaterThanOrEqual(1201);
    expect(columnValues(scoring, 'Mã đơn vị')).toHaveLength(1200);
  });
});

describe('set-up and renamed columns', () => {
  it('refuses to add an empty copy of a renamed data column, and says which header to restore', () => {
    const { google, ctx, sheet: scoring } = workbookWith([], 2);
    scoring.type(2, 4, [[10]]);
    scoring.type(1, 4, [['Điểm mục 1.1']]);
    const before = scoring.snapshot();

    setUpAction(ctx);

    expect(scoring.snapshot()).toEqual(before);
    const notice = google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
    expect(notice).toContain('Trang «Chấm điểm ĐVHT» thiếu cột «1.1 Kế hoạch học tập (tối đa 10)»');
    expect(notice).toContain('hãy đặt lại đúng tên');
    expect(notice).toContain('Các cột có dữ liệu nhưng tiêu đề lạ: «Điểm mục 1.1» (D).');
  });

  it('adds the column of an item the rubric just gained, even with units already scored', () => {
    const {
      google,
      ctx,
      sheet: scoring,
    } = workbookWith([[10, 10, 10, 10, 5, 10, 5, 25, 10, 5]], 2);
    const criteria = google.spreadsheet.sheet(CRITERIA_SHEET);
    const rows = criteria.snapshot();
    const item33 = rows.findIndex((r) => r[2] === '3.3');
    // The administrator makes 3.3 worth 4 and adds an item 3.4 worth 1.
    criteria.type(item33 + 1, 6, [[4]]);
    const added = [...(rows[item33] ?? [])];
    added[2] = '3.4';
    added[3] = 'Mục thêm của tỉnh (mẫu)';
    added[4] = 'Mục thêm';
    added[5] = 1;
    const below = rows.slice(item33 + 1);
    criteria.type(item33 + 2, 1, [added, ...below]);
    setUpAction(ctx);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(/^Đã khởi tạo bảng tính/);
    expect(scoring.snapshot()[0]?.slice(-2)).toEqual(['3.4 Mục thêm (tối đa 1)', 'Thẩm định 3.4']);
  });

  it('still runs when the settings sheet lost a header, and says how to repair it', () => {
    const google = fakeGoogle();
    const ctx = gasContext(google);
    setUp(ctx, rubric.id);
    google.spreadsheet.sheet(SETTINGS_SHEET).type(1, 3, [['Giá trị đã sửa']]);
    setUpAction(ctx);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(
      /^Trang «Cài đặt» thiếu cột «Giá trị»/,
    );
    google.spreadsheet.sheet(SETTINGS_SHEET).type(1, 3, [['giá trị']]);
    setUpAction(ctx);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(/^Đã khởi tạo bảng tính/);
  });

  it('tells what to do next: paste units first, then type scores; by default under the rubric in force', () => {
    const google = fakeGoogle();
    const ctx = gasContext(google);
    setUpAction(ctx);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toContain(
      'Bước tiếp theo: dán danh sách đơn vị',
    );
    google.spreadsheet.sheet(UNITS_SHEET).type(2, 1, unitRows(2));
    setUpAction(ctx);
    const notice = google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
    // The test clock's year is 2026: TT 24/2023, not the repealed TT 22/2020, on both runs.
    expect(notice).toContain('Thêm 2 đơn vị vào trang «Đánh giá ĐVHT huyện (TT24)»');
    expect(notice).toContain(
      'Bước tiếp theo: chọn Đạt/Chưa đạt hoặc nhập số người cho từng chỉ tiêu ở trang «Đánh giá ĐVHT huyện (TT24)», rồi chọn XHHT → Chấm điểm tất cả để đánh giá, tính kết quả',
    );
    expect(() => google.spreadsheet.sheet('Chấm điểm ĐVHT')).toThrow();
  });
});

describe('set-up and what officers type in other ways', () => {
  it('matches setting keys in any case and spacing, as score-all reads them', () => {
    const google = fakeGoogle();
    const ctx = gasContext(google);
    setUp(ctx, rubric.id);
    const settings = google.spreadsheet.sheet(SETTINGS_SHEET);
    settings.type(2, 1, [[' Year ', 'Năm', 2024]]);
    setUp(ctx, rubric.id);
    expect(settings.snapshot()).toHaveLength(1 + SETTING_SPECS.length);
    expect(readSettings(ctx.workbook, new Date(2026, 0, 1)).year).toBe(2024);
  });

  it('does not stop for a renamed column that nothing reads', () => {
    const { google, ctx } = workbookWith([], 2);
    google.spreadsheet.sheet(UNITS_SHEET).type(1, 4, [['Cụm thi đua']]);
    google.spreadsheet.sheet(SETTINGS_SHEET).type(1, 2, [['Tên thiết lập']]);
    setUpAction(ctx);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(/^Đã khởi tạo bảng tính/);
  });

  it('puts a unit only on the scoring sheets of the rubrics its «Bộ tiêu chí áp dụng» names', () => {
    const google = fakeGoogle();
    const ctx = gasContext(google);
    setUp(ctx, rubric.id);
    const units = google.spreadsheet.sheet(UNITS_SHEET);
    const rubrics = headerColumn(units, 'Bộ tiêu chí áp dụng');
    units.type(2, 1, unitRows(3));
    units.type(2, rubrics, [['TT22_2020_DVHT'], ['tt25_2023_cdht_xa, QD448_2015_GDHT'], ['']]);
    setUp(ctx, rubric.id);
    google.SpreadsheetApp.ui.answers.push('QD448_2015_GDHT');
    setUpAction(ctx);
    expect(columnValues(google.spreadsheet.sheet(SCORING), 'Mã đơn vị')).toEqual([
      'DV0001',
      'DV0003',
    ]);
    expect(columnValues(google.spreadsheet.sheet('Chấm Gia đình học tập'), 'Mã đơn vị')).toEqual([
      'DV0002',
      'DV0003',
    ]);
  });

  it('adds a unit whose code is a number once, however often it runs', () => {
    const google = fakeGoogle();
    const ctx = gasContext(google);
    setUp(ctx, rubric.id);
    google.spreadsheet.sheet(UNITS_SHEET).type(2, 1, [
      [101, 'Đơn vị 101'],
      ['0102', 'Đơn vị 102'],
    ]);
    setUp(ctx, rubric.id);
    const scoring = google.spreadsheet.sheet(SCORING);
    scoring.type(2, 1, [[101]]);
    setUp(ctx, rubric.id);
    expect(columnValues(scoring, 'Mã đơn vị')).toEqual([101, '0102']);
  });

  it('grows the grid when an officer deleted the empty rows and columns', () => {
    const google = fakeGoogle();
    const ctx = gasContext(google);
    const scoring = google.spreadsheet.insertSheet(SCORING);
    scoring.resizeGrid(1, 5);
    setUp(ctx, rubric.id);
    expect(scoring.snapshot()[0]).toHaveLength(EXPECTED_HEADERS.length);
    expect(scoring.validations.get('2,4')).toMatchObject({ kind: 'number', max: 10 });
  });

  it('makes the same reads and writes for 10 units as for 900', () => {
    const ioFor = (units: number) => {
      const { google, ctx } = workbookWith([], units);
      google.io.reset();
      setUp(ctx, rubric.id);
      return { reads: google.io.reads, writes: google.io.writes };
    };
    expect(ioFor(900)).toEqual(ioFor(10));
  });
});
