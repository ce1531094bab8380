import { describe, expect, it } from 'vitest';
import type { PointsRubric, Rubric } from '../../src/domain/rubric';
import type { ActPorts } from '../../src/sheets/act';
import {
  actAction,
  exportRecognisedAction,
  importRecognitionsAction,
  scoreAllAction,
  sidebarActAction,
} from '../../src/sheets/actions';
import { AUDIT_SHEET } from '../../src/sheets/audit-log';
import { readCriteria, rubricRows } from '../../src/sheets/criteria-sheet';
import { RECOGNISED_SHEET } from '../../src/sheets/export-recognised';
import {
  CRITERIA_COLUMNS,
  CRITERIA_SHEET,
  REGISTER_SHEET,
  UNITS_SHEET,
} from '../../src/sheets/layout';
import { PEOPLE_SHEET } from '../../src/sheets/people-sheet';
import { scoreAll } from '../../src/sheets/score-all';
import { setUp } from '../../src/sheets/set-up';
import { sidebarData } from '../../src/sheets/sidebar';
import { composeSummary } from '../../src/sheets/summary-report';
import { gasActPorts, gasContext } from '../fakes/context';
import { fakeGoogle } from '../fakes/google';
import type { FakeSheet } from '../fakes/spreadsheet';
import { LEVELS_FIXTURE, POINTS_FIXTURE } from '../fixtures/rubrics';
import { columnValues, headerColumn, rubric, unitRows } from './workbook-helpers';
import { ADMIN, FULL, HUYEN, TINH, workflowBook, XA } from './workflow-helpers';

/** 10 points: «Chưa đạt» in TT 22/2020, whose bands classify. */
const LOW = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

function cellAt(sheet: FakeSheet, row: number, header: string | RegExp): unknown {
  return sheet.snapshot()[row - 1]?.[headerColumn(sheet, header) - 1];
}

/** The register as rows of header → value, below its header. */
function registerRows(google: ReturnType<typeof fakeGoogle>): Record<string, unknown>[] {
  const [header = [], ...rows] = google.spreadsheet.sheet(REGISTER_SHEET).snapshot();
  return rows
    .filter((row) => row.some((cell) => cell !== ''))
    .map((row) => Object.fromEntries(header.map((h, i) => [String(h), row[i]])));
}

/** Every unit of the TT22 book walked by its own officers: DV0002 gets a commune and district too. */
function classificationBook(scores: unknown[][]) {
  const book = workflowBook(scores);
  book.google.spreadsheet.sheet(PEOPLE_SHEET).type(6, 1, [
    [XA, 'xã', 'DV0002'],
    [HUYEN, 'huyện', 'Huyện 2'],
  ]);
  const decide = (row: number, number: string, date: string) => {
    book.as(XA, [[row, 1]], 'register');
    book.as(XA, [[row, 1]], 'submit');
    book.as(HUYEN, [[row, 1]], 'approve');
    return book.as(TINH, [[row, 1]], 'recognise', number, date);
  };
  return { ...book, decide };
}

describe('what a classification title recognises (TT 22/2020: the bands that hold the title)', () => {
  it('records the band decided; «Chưa đạt» is shown as classified, never recognised, and not counted', () => {
    const { google, ports, sheet, status, decide } = classificationBook([LOW, FULL, FULL]);
    decide(2, '125/QĐ-UBND', '27/11/2026');
    decide(3, '126/QĐ-UBND', '27/11/2026');
    expect(status().slice(0, 2)).toEqual(['Đã xếp loại: Chưa đạt', 'Đã công nhận']);
    expect(cellAt(sheet, 2, 'Kết quả quyết định')).toBe('Chưa đạt');
    expect(cellAt(sheet, 3, 'Kết quả quyết định')).toBe('Tốt');

    // One register row per decision, pointing at the log row that made it.
    const register = registerRows(google);
    expect(
      register.map((row) => [row['Loại ghi'], row['Mã đơn vị'], row['Mức / xếp loại']]),
    ).toEqual([
      ['Công nhận', 'DV0001', 'Chưa đạt'],
      ['Công nhận', 'DV0002', 'Tốt'],
    ]);
    expect(register[0]).toMatchObject({
      'Danh hiệu (mã bộ tiêu chí)': rubric.id,
      'Số quyết định': '125/QĐ-UBND',
      'Ngày quyết định': '27/11/2026',
      'Người quyết định': `tỉnh: ${TINH}`,
      // TT 22/2020 gives no validity period, so none is invented.
      'Hiệu lực đến': '',
    });
    const log = google.spreadsheet.sheet(AUDIT_SHEET).snapshot();
    for (const row of register) {
      const logged = log[Number(row['Dòng nhật ký']) - 1] ?? [];
      expect(logged).toContain(row['Mã đơn vị']);
      expect(logged).toContain('Công nhận');
      expect(logged.join(' ')).toContain(String(row['Số quyết định']));
    }

    // The export and the summary's progress count only the recognition that holds the title.
    exportRecognisedAction(ports);
    const exported = google.spreadsheet.sheet(RECOGNISED_SHEET).snapshot();
    expect(exported.filter((row) => row[2] !== '').map((row) => row[2])).toEqual([
      'Mã đơn vị',
      'DV0002',
    ]);
    const { mail } = composeSummary(ports);
    expect(mail.text).toContain('Tiến độ: 1/3 đơn vị đã công nhận');
  });

  it('lets the province say which bands hold the title («Quy tắc» XEP_LOAI_CONG_NHAN)', () => {
    const { google, ports, status, decide } = classificationBook([FULL, FULL, FULL]);
    const criteria = google.spreadsheet.sheet(CRITERIA_SHEET);
    const rule = criteria.snapshot().findIndex((row) => row[2] === 'XEP_LOAI_CONG_NHAN') + 1;
    expect(rule).toBeGreaterThan(1);
    // A criteria sheet an earlier version wrote lacks the row: set-up adds it, once.
    criteria.type(rule, 1, [Array(criteria.snapshot()[0]?.length ?? 11).fill('')]);
    expect(setUp(ports, rubric.id).addedCriteriaRows).toBe(1);
    expect(setUp(ports, rubric.id).addedCriteriaRows).toBe(0);
    const added = criteria.snapshot().findIndex((row) => row[2] === 'XEP_LOAI_CONG_NHAN') + 1;
    expect(criteria.snapshot()[added - 1]?.[6]).toBe('Tốt, Khá');
    criteria.type(added, headerColumn(criteria, 'Ngưỡng / giá trị'), [['Xuất sắc']]);
    expect(readCriteria(ports.workbook)?.[0]?.problems).toEqual([
      expect.stringMatching(
        /^Ô G\d+, trang «Tiêu chí».*Tốt, Khá, Trung bình, Chưa đạt \(không có: Xuất sắc\)/,
      ),
    ]);
    // «Chưa đạt» (no threshold reached) never holds a title.
    criteria.type(added, headerColumn(criteria, 'Ngưỡng / giá trị'), [['Trung bình, Chưa đạt']]);
    expect(readCriteria(ports.workbook)?.[0]?.problems).toEqual([
      expect.stringMatching(
        /^Ô G\d+, trang «Tiêu chí».*xếp loại «Chưa đạt» không thể được công nhận danh hiệu; ghi trong số: Tốt, Khá, Trung bình\.$/,
      ),
    ]);
    criteria.type(added, headerColumn(criteria, 'Ngưỡng / giá trị'), [['Khá']]);
    decide(2, '125/QĐ-UBND', '27/11/2026');
    expect(status()[0]).toBe('Đã xếp loại: Tốt');
  });
});

describe('a decided row is frozen; revocation is the way to correct it', () => {
  it('flags a later edit on the row and in the sidebar, refuses «Trả lại» and «Hoàn tác», and revokes with a logged decision', () => {
    const { google, ports, sheet, as, status, decide } = classificationBook([FULL, FULL, FULL]);
    decide(2, '125/QĐ-UBND', '27/11/2026');
    sheet.type(2, 4, [[5]]);
    scoreAll(ports);
    expect(String(cellAt(sheet, 2, 'Lỗi'))).toMatch(
      /^Điểm hoặc minh chứng đã bị sửa sau quyết định 125\/QĐ-UBND; kết quả đã quyết định vẫn giữ nguyên/,
    );
    // The sidebar says so too.
    google.spreadsheet.select(rubric.scoringSheet, [2, 1]);
    expect(sidebarData(ports).unit?.frozen).toMatch(
      /^Điểm hoặc minh chứng đã bị sửa sau quyết định/,
    );
    google.spreadsheet.select(rubric.scoringSheet, [3, 1]);
    expect(sidebarData(ports).unit?.frozen).toBe('');
    // A decided unit is no work waiting for the decider, though they may revoke it.
    google.Session.email = TINH;
    google.spreadsheet.select(rubric.scoringSheet, [2, 1]);
    expect(sidebarData(ports).unit?.actions.map((choice) => choice.action)).toEqual(['revoke']);
    expect(sidebarData(ports).mine).toEqual([]);
    // The unit is not silently sent back, by a step or a return.
    expect(as(TINH, [[2, 1]], 'return', 'Sửa điểm')).toContain('Thu hồi / hủy công nhận');
    expect(as(ADMIN, [[2, 1]], 'revert', 'Nhầm')).toContain('Thu hồi / hủy công nhận');
    expect(status()[0]).toBe('Đã công nhận');
    expect(cellAt(sheet, 2, 'Số quyết định')).toBe('125/QĐ-UBND');

    // Only the decider revokes, and only with a decision number, date and reason.
    expect(as(HUYEN, [[2, 1]], 'revoke', '130/QĐ-UBND', '25/03/2026', 'Sai điểm')).toContain(
      'Bước này do tỉnh thực hiện',
    );
    expect(as(TINH, [[2, 1]], 'revoke', '130/QĐ-UBND', '25/03/2026', '')).toContain(
      'Thu hồi cần ghi lý do',
    );
    as(TINH, [[2, 1]], 'revoke', '130/QĐ-UBND', '25/03/2026', 'Điểm tiêu chí 1 ghi sai');
    expect(status()[0]).toBe('Trả lại cho tỉnh');
    expect(cellAt(sheet, 2, 'Số quyết định')).toBe('');
    expect(cellAt(sheet, 2, 'Kết quả quyết định')).toBe('');
    expect(registerRows(google).at(-1)).toMatchObject({
      'Loại ghi': 'Thu hồi / hủy công nhận',
      'Mã đơn vị': 'DV0001',
      'Mức / xếp loại': 'Tốt',
      'Số quyết định': '130/QĐ-UBND',
      'Quyết định bị thu hồi': '125/QĐ-UBND',
      'Lý do / ghi chú': 'Điểm tiêu chí 1 ghi sai',
    });
    const log = google.spreadsheet.sheet(AUDIT_SHEET).snapshot();
    expect(log.at(-1)?.join(' ')).toContain(
      'Thu hồi / hủy quyết định 125/QĐ-UBND bằng 130/QĐ-UBND',
    );
    // Revoked, the unit no longer counts; the decider may now return it for correction.
    exportRecognisedAction(ports);
    expect(
      google.spreadsheet
        .sheet(RECOGNISED_SHEET)
        .snapshot()
        .filter((row) => row[2] !== '')
        .map((row) => row[2]),
    ).toEqual(['Mã đơn vị']);
    as(TINH, [[2, 1]], 'return', 'Sửa lại điểm tiêu chí 1');
    expect(status()[0]).toBe('Trả lại cho huyện');
    expect(columnValues(sheet, 'Mã trạng thái')[0]).toBe('awaiting:0:returned');
  });
});

/** A levels title (THU_MUC_DO: 12-month wait, 36 months' validity) with three units in Huyện 1. */
function levelsBook(title: Rubric = LEVELS_FIXTURE) {
  const google = fakeGoogle();
  const ctx = gasContext(google);
  const criteria = google.spreadsheet.insertSheet(CRITERIA_SHEET);
  criteria.type(1, 1, [
    CRITERIA_COLUMNS.map((spec) => spec.header),
    ...rubricRows(title).map((cells) => CRITERIA_COLUMNS.map((spec) => cells[spec.key] ?? '')),
  ]);
  setUp(ctx, title.id);
  google.spreadsheet.sheet(UNITS_SHEET).type(
    2,
    1,
    unitRows(3, () => 'Huyện 1'),
  );
  setUp(ctx, title.id);
  google.spreadsheet.sheet(PEOPLE_SHEET).type(2, 1, [
    [XA, 'xã', 'DV0001'],
    [XA, 'xã', 'DV0002'],
    [XA, 'xã', 'DV0003'],
    [HUYEN, 'huyện', 'Huyện 1'],
    [TINH, 'tỉnh', ''],
    [ADMIN, 'quản trị', ''],
  ]);
  const ports: ActPorts = gasActPorts(google, ctx);
  const sheet = google.spreadsheet.sheet(title.scoringSheet);
  const as = (
    who: string,
    row: number,
    action: Parameters<typeof actAction>[1],
    ...answers: string[]
  ) => {
    google.Session.email = who;
    google.spreadsheet.select(title.scoringSheet, [row, 1]);
    google.SpreadsheetApp.ui.answers.push(...answers);
    actAction(ports, action);
    return google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
  };
  const status = () => columnValues(sheet, 'Trạng thái');
  return { google, ports, sheet, as, status };
}

describe('what a levels title recognises: «Mức độ 1» or «Mức độ 2», at the level applied for', () => {
  it('refuses a submission, approval or recognition whose result does not meet the title, naming the cell', () => {
    const { google, ports, sheet, as, status } = levelsBook();
    sheet.type(2, 4, [
      ['Chưa đạt', 'Đạt', '', 90, 100, 'link'],
      ['Đạt', 'Đạt', '', 90, 100, 'link'],
      ['Đạt', 'Đạt', 'Đạt', 100, 100, 'link'],
    ]);
    const level = headerColumn(sheet, 'Mức độ đạt');
    const letter = String.fromCharCode(64 + level);
    for (const row of [2, 3, 4]) as(XA, row, 'register');

    // Chưa đạt: not submitted, whatever level is asked.
    expect(as(XA, 2, 'submit', '')).toContain(
      `Ô ${letter}2, trang «${LEVELS_FIXTURE.scoringSheet}»: kết quả «Chưa đạt» không đạt danh hiệu «${LEVELS_FIXTURE.title}» (cần Mức độ 2 hoặc Mức độ 1)`,
    );
    // Mức độ 1 applying for mức độ 2: refused; for the level it reaches: submitted, with the day.
    expect(as(XA, 3, 'submit', '2')).toContain(
      `Ô ${letter}3, trang «${LEVELS_FIXTURE.scoringSheet}»: kết quả «Mức độ 1» thấp hơn mức đề nghị «Mức độ 2»`,
    );
    // The sidebar asks the same: submitting a levels title states the level.
    google.Session.email = XA;
    google.spreadsheet.select(LEVELS_FIXTURE.scoringSheet, [3, 1]);
    expect(sidebarData(ports).unit?.actions.find((c) => c.action === 'submit')?.needs).toBe(
      'level',
    );
    const fromSidebar = sidebarActAction(ports, {
      sheet: LEVELS_FIXTURE.scoringSheet,
      row: 3,
      action: 'submit',
      level: '2',
    });
    expect(fromSidebar.problem).toBe(true);
    expect(fromSidebar.notice).toContain('thấp hơn mức đề nghị «Mức độ 2»');
    as(XA, 3, 'submit', '');
    as(XA, 4, 'submit', '2');
    expect(status()).toEqual(['Đang tự đánh giá', 'Chờ huyện thẩm định', 'Chờ huyện thẩm định']);
    expect(columnValues(sheet, 'Mức đề nghị')).toEqual(['', 'Mức độ 1', 'Mức độ 2']);
    expect(columnValues(sheet, 'Ngày nộp')).toEqual(['', '23/11/2026', '23/11/2026']);

    // The reviewer finds 2.1 below mức độ 2: approval re-checks, on the reviewed result.
    sheet.type(4, headerColumn(sheet, /^Thẩm định 2\.1 số đạt/), [[90]]);
    sheet.type(4, headerColumn(sheet, 'Lý do điều chỉnh (thẩm định)'), [['Thiếu minh chứng']]);
    const reviewed = String.fromCharCode(64 + headerColumn(sheet, 'Kết quả thẩm định'));
    expect(as(HUYEN, 4, 'approve')).toContain(
      `Ô ${reviewed}4, trang «${LEVELS_FIXTURE.scoringSheet}»: kết quả «Mức độ 1» thấp hơn mức đề nghị «Mức độ 2»`,
    );
    as(HUYEN, 3, 'approve');
    as(TINH, 3, 'recognise', '12/QĐ-UBND', '10/12/2026');
    expect(status()[1]).toBe('Đã công nhận');
    expect(registerRows(google)).toEqual([
      expect.objectContaining({
        'Loại ghi': 'Công nhận',
        'Mã đơn vị': 'DV0002',
        'Mức / xếp loại': 'Mức độ 1',
        'Hiệu lực đến': '31/12/2029',
      }),
    ]);
  });
});

describe('a pass/fail title (one band above «Chưa đạt», as QĐ 448 «Đạt»)', () => {
  it('is submitted only when passed, and recognised as such', () => {
    const passFail: PointsRubric = {
      ...POINTS_FIXTURE,
      bands: [{ label: 'Đạt', min: 50 }],
    };
    const { google, sheet, as, status } = levelsBook(passFail);
    sheet.type(2, 4, [
      [10, 10, 10, 'link'],
      [20, 10, 30, 'link'],
    ]);
    as(XA, 2, 'register');
    as(XA, 3, 'register');
    const band = String.fromCharCode(64 + headerColumn(sheet, 'Xếp loại'));
    expect(as(XA, 2, 'submit')).toContain(
      `Ô ${band}2, trang «${passFail.scoringSheet}»: kết quả «Chưa đạt» không đạt danh hiệu «${passFail.title}» (cần Đạt)`,
    );
    as(XA, 3, 'submit');
    as(HUYEN, 3, 'approve');
    as(TINH, 3, 'recognise', '3/QĐ-UBND', '10/12/2026');
    expect(status()).toEqual(['Đang tự đánh giá', 'Đã công nhận', '']);
    expect(registerRows(google)[0]?.['Mức / xếp loại']).toBe('Đạt');
  });
});

describe('a new cycle', () => {
  it('starts with no old decision on the row once the recognition has expired', () => {
    const { google, ports, sheet, as, status } = levelsBook();
    sheet.type(2, 4, [['Đạt', 'Đạt', '', 90, 100, 'link']]);
    // The 2022 cycle, on its own days: a decision comes after the dossier it decides.
    const today = ports.clock;
    Object.assign(ports, { clock: { now: () => new Date(2022, 11, 1, 10) } });
    as(XA, 2, 'register');
    as(XA, 2, 'submit', '1');
    as(HUYEN, 2, 'approve');
    as(TINH, 2, 'recognise', '7/QĐ-UBND', '10/12/2022');
    Object.assign(ports, { clock: today });
    // Valid to 31/12/2025: expired on 23/11/2026, so the commune may register again.
    expect(cellAt(sheet, 2, 'Số quyết định')).toBe('7/QĐ-UBND');
    as(XA, 2, 'register');
    expect(status()[0]).toBe('Đang tự đánh giá');
    for (const header of [
      'Số quyết định',
      'Ngày quyết định',
      'Kết quả quyết định',
      'Ngày nộp',
      'Mức đề nghị',
    ]) {
      expect(cellAt(sheet, 2, header), header).toBe('');
    }
    // The register keeps the old decision.
    expect(registerRows(google).map((row) => row['Số quyết định'])).toEqual(['7/QĐ-UBND']);
  });
});

describe('the register outlives the year', () => {
  it('moves the units sheet’s «Mức đã công nhận»/«Ngày công nhận», as main wrote them, once, naming what it cannot read', () => {
    // A workbook as the previous version wrote it: the units sheet carries the shared columns.
    const google = fakeGoogle();
    const ctx = gasContext(google);
    const criteria = google.spreadsheet.insertSheet(CRITERIA_SHEET);
    criteria.type(1, 1, [
      CRITERIA_COLUMNS.map((spec) => spec.header),
      ...rubricRows(LEVELS_FIXTURE).map((cells) =>
        CRITERIA_COLUMNS.map((spec) => cells[spec.key] ?? ''),
      ),
    ]);
    const units = google.spreadsheet.insertSheet(UNITS_SHEET);
    units.type(1, 1, [
      [
        'Mã đơn vị',
        'Tên đơn vị',
        'Huyện',
        'Cụm',
        'Loại hình',
        'Ghi chú',
        'Bộ tiêu chí áp dụng',
        'Mức đã công nhận',
        'Ngày công nhận',
      ],
      ['DV0001', 'Xã 1 (mẫu)', 'Huyện 1', '', '', '', '', 'Mức độ 1', '15/03/2024'],
      ['DV0002', 'Xã 2 (mẫu)', 'Huyện 1', '', '', '', '', 'mức 3', '15/03/2024'],
      ['DV0003', 'Xã 3 (mẫu)', 'Huyện 1', '', '', '', 'KHAC', 'Mức độ 2', '15/03/2024'],
      ['DV0004', 'Xã 4 (mẫu)', 'Huyện 1', '', '', '', '', '', ''],
    ]);
    const before = units.snapshot();
    setUp(ctx, LEVELS_FIXTURE.id);
    const report = setUp(ctx, LEVELS_FIXTURE.id);
    expect(report.migratedRecognitions).toBe(0);
    expect(registerRows(google)).toEqual([
      expect.objectContaining({
        'Loại ghi': 'Chuyển từ phiên bản trước',
        'Danh hiệu (mã bộ tiêu chí)': LEVELS_FIXTURE.id,
        'Mã đơn vị': 'DV0001',
        'Mức / xếp loại': 'Mức độ 1',
        'Ngày quyết định': '15/03/2024',
        'Hiệu lực đến': '31/12/2027',
      }),
    ]);
    expect(report.registerProblems).toEqual([
      expect.stringMatching(/^Ô H3, trang «Đơn vị»: «mức 3» không chuyển được sang «Sổ công nhận»/),
    ]);
    // The register is the script's: a hand edit meets a warning.
    expect(google.spreadsheet.sheet(REGISTER_SHEET).protections[0]?.isWarningOnly()).toBe(true);
    // Nothing typed is lost: the old cells stay as they were (only «Huyện» now reads as the former
    // district, and «Xã / phường» is added after them).
    const after = units.snapshot();
    expect(after.slice(1, 5).map((row) => row.slice(0, 9))).toEqual(before.slice(1));
    expect(after[0]?.slice(0, 9)).toEqual(
      before[0]?.map((header) => (header === 'Huyện' ? 'Địa bàn (huyện cũ)' : header)),
    );
    // The moved recognition holds DV0001 at mức độ 1 until 12 months after it.
    const sheet = google.spreadsheet.sheet(LEVELS_FIXTURE.scoringSheet);
    sheet.type(2, 4, [['Đạt', 'Đạt', 'Đạt', 100, 100, 'link']]);
    scoreAll(ctx);
    expect(cellAt(sheet, 2, 'Mức độ đạt')).toBe('Mức độ 2');
    expect(cellAt(sheet, 2, 'Hiệu lực công nhận')).toBe('Còn hiệu lực đến 31/12/2027');
  });

  it('moves rows the previous version recognised on a scoring sheet into the register, with their result, once', () => {
    const { google, ports, sheet, status, decide } = classificationBook([FULL, LOW, FULL]);
    decide(2, '125/QĐ-UBND', '27/11/2026');
    decide(3, '126/QĐ-UBND', '27/11/2026');
    // As the previous version left them: no «Kết quả quyết định», nothing in a register.
    const decided = headerColumn(sheet, 'Kết quả quyết định');
    sheet.type(2, decided, [[''], ['']]);
    sheet.type(2, headerColumn(sheet, 'Trạng thái'), [['Đã công nhận'], ['Đã công nhận']]);
    const register = google.spreadsheet.sheet(REGISTER_SHEET);
    register.type(2, 1, [Array(12).fill(''), Array(12).fill('')]);
    expect(status()).toEqual(['Đã công nhận', 'Đã công nhận', '']);

    expect(setUp(ports, rubric.id).migratedRecognitions).toBe(2);
    expect(setUp(ports, rubric.id).migratedRecognitions).toBe(0);
    expect(columnValues(sheet, 'Kết quả quyết định')).toEqual(['Tốt', 'Chưa đạt', '']);
    expect(
      registerRows(google).map((row) => [
        row['Loại ghi'],
        row['Mã đơn vị'],
        row['Mức / xếp loại'],
        row['Số quyết định'],
      ]),
    ).toEqual([
      ['Chuyển từ phiên bản trước', 'DV0001', 'Tốt', '125/QĐ-UBND'],
      ['Chuyển từ phiên bản trước', 'DV0002', 'Chưa đạt', '126/QĐ-UBND'],
    ]);
    // The unit decided in «Chưa đạt» is now shown as such, and not counted.
    google.spreadsheet.select(rubric.scoringSheet, [3, 1]);
    expect(sidebarData(ports).unit?.status).toBe('Đã xếp loại: Chưa đạt');
    exportRecognisedAction(ports);
    expect(
      google.spreadsheet
        .sheet(RECOGNISED_SHEET)
        .snapshot()
        .filter((row) => row[2] !== '')
        .map((row) => row[2]),
    ).toEqual(['Mã đơn vị', 'DV0001']);
  });

  it('names a register row that cannot be read, and leaves it out', () => {
    const { google, ports } = levelsBook();
    google.spreadsheet
      .sheet(REGISTER_SHEET)
      .type(2, 1, [['Công nhận', LEVELS_FIXTURE.id, 'DV0001', '', 'Mức độ 1', '1/QĐ', 'hôm qua']]);
    scoreAllAction(ports);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toContain(
      '1 dòng của «Sổ công nhận» không đọc được, chưa được dùng:\n• Ô G2, trang «Sổ công nhận»: ngày quyết định không đúng dạng ngày/tháng/năm.',
    );
  });

  it('imports an administrator’s earlier recognitions, logged as such, and counts those still valid', () => {
    const { google, ports } = levelsBook();
    const register = google.spreadsheet.sheet(REGISTER_SHEET);
    register.type(2, 1, [
      [
        '',
        LEVELS_FIXTURE.id,
        'DV0001',
        'Xã 1',
        'Mức độ 1',
        '45/QĐ-UBND',
        '20/12/2024',
        'Chủ tịch UBND huyện',
        '',
        '',
        'Bản giấy',
        '',
      ],
      [
        '',
        LEVELS_FIXTURE.id,
        'DV0002',
        'Xã 2',
        'Mức độ 3',
        '46/QĐ-UBND',
        '20/12/2024',
        '',
        '',
        '',
        '',
        '',
      ],
    ]);
    google.Session.email = XA;
    scoreAllAction(ports);
    const refused = (() => {
      google.SpreadsheetApp.ui.alerts.length = 0;
      importAs(google, ports, XA);
      return google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
    })();
    expect(refused).toContain('Chỉ quản trị');
    importAs(google, ports, ADMIN);
    const notice = google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
    expect(notice).toContain('Đã nhập 1 công nhận trước đây');
    expect(notice).toContain(
      'Ô E3, trang «Sổ công nhận»: cần một trong: Mức độ 2, Mức độ 1, Chưa đạt.',
    );
    const rows = registerRows(google);
    expect(rows[0]).toMatchObject({
      'Loại ghi': 'Nhập công nhận trước đây',
      'Hiệu lực đến': '31/12/2027',
    });
    expect(rows[1]?.['Loại ghi']).toBe('');
    const logged = google.spreadsheet.sheet(AUDIT_SHEET).snapshot()[
      Number(rows[0]?.['Dòng nhật ký']) - 1
    ];
    expect(logged?.join(' ')).toContain('Nhập công nhận trước đây');
    expect(logged?.join(' ')).toContain('45/QĐ-UBND');

    // Still valid on 23/11/2026 though not decided this year: counted in progress and the export.
    const { mail } = composeSummary(ports);
    expect(mail.text).toContain('Tiến độ: 1/3 đơn vị đã công nhận');
    exportRecognisedAction(ports);
    expect(google.spreadsheet.sheet(RECOGNISED_SHEET).snapshot()[1]?.slice(2, 9)).toEqual([
      'DV0001',
      'Đơn vị 1 (mẫu)',
      'Huyện 1',
      'Mức độ 1',
      '45/QĐ-UBND',
      '20/12/2024',
      '31/12/2027',
    ]);
  });
});

function importAs(google: ReturnType<typeof fakeGoogle>, ports: ActPorts, who: string) {
  google.Session.email = who;
  importRecognitionsAction(ports);
}
