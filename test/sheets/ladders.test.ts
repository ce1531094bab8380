import { describe, expect, it } from 'vitest';
import { columnLetter } from '../../src/domain/a1';
import { BUILT_IN_PROCEDURES } from '../../src/domain/procedures';
import { GasIdentity } from '../../src/gas/services';
import { type ActRequest, act } from '../../src/sheets/act';
import { setUpAction } from '../../src/sheets/actions';
import { AUDIT_SHEET } from '../../src/sheets/audit-log';
import { procedureRows, readCriteria } from '../../src/sheets/criteria-sheet';
import { CRITERIA_COLUMNS, CRITERIA_SHEET, UNITS_SHEET } from '../../src/sheets/layout';
import { PEOPLE_SHEET } from '../../src/sheets/people-sheet';
import { sidebarData } from '../../src/sheets/sidebar';
import { gasActPorts, gasContext } from '../fakes/context';
import { fakeGoogle, OWNER } from '../fakes/google';
import { columnValues, headerColumn, rubric, workbookWith } from './workbook-helpers';
import { ADMIN, FULL } from './workflow-helpers';

const TRUONG1 = 'truong1@example.org';
const TRUONG2 = 'truong2@example.org';
const UBND_XA = 'ubnd.thachlong@example.org';
const HUYEN = 'phong.gd@example.org';
const DECISION = { number: '15/QĐ-UBND', date: new Date(2025, 6, 10) };

/**
 * Three units of one commune, their title under the procedure of TT 24/2023 for district-level
 * units as built in: the district decides until 30/06/2025, the commune (to confirm) from 01/07/2025.
 */
function ladderBook() {
  const { google, ctx, sheet } = workbookWith([FULL, FULL, FULL]);
  const criteria = google.spreadsheet.sheet(CRITERIA_SHEET);
  criteria.type(
    criteria.snapshot().length + 1,
    1,
    procedureRows(rubric.id, BUILT_IN_PROCEDURES.TT24_2023_DVHT_HUYEN).map((row) =>
      CRITERIA_COLUMNS.map((spec) => row[spec.key] ?? ''),
    ),
  );
  const units = google.spreadsheet.sheet(UNITS_SHEET);
  units.type(2, headerColumn(units, 'Xã / phường'), [
    ['Xã Thạch Long'],
    ['Xã Thạch Long'],
    ['Xã Thạch Long'],
  ]);
  google.spreadsheet.sheet(PEOPLE_SHEET).type(2, 1, [
    [TRUONG1, 'đơn vị', 'DV0001'],
    [TRUONG2, 'đơn vị', 'DV0002'],
    [UBND_XA, 'xã', 'Xã Thạch Long'],
    [HUYEN, 'huyện', 'Huyện 1'],
    [HUYEN, 'huyện', 'Huyện 2'],
    [ADMIN, 'quản trị', ''],
  ]);
  const on = (day: Date, who: string, row: number, request: ActRequest) => {
    google.Session.email = who;
    const ports = gasActPorts(google, { ...ctx, clock: { now: () => day } });
    return act(ports, request, { sheet: rubric.scoringSheet, rows: [row] });
  };
  const status = () => columnValues(sheet, 'Trạng thái');
  return { google, ctx, sheet, on, status };
}

describe('the ladder a unit climbs, chosen by the day it sent its dossier', () => {
  it('keeps the district deciding for a dossier sent on 30/06/2025, even when it decides later', () => {
    const { on, status, sheet } = ladderBook();
    on(new Date(2025, 5, 1), TRUONG1, 2, { action: 'register' });
    expect(status()[0]).toBe('Đơn vị đang tự đánh giá');
    on(new Date(2025, 5, 30, 23), TRUONG1, 2, { action: 'submit' });
    expect(status()[0]).toBe('Chờ huyện thẩm định');
    expect(columnValues(sheet, 'Ngày nộp')[0]).toBe('30/06/2025');
    // After the reform, the commune may not act on it; the district still does.
    expect(on(new Date(2025, 6, 2), UBND_XA, 2, { action: 'approve' }).done).toEqual([]);
    on(new Date(2025, 6, 2), HUYEN, 2, { action: 'approve' });
    expect(status()[0]).toBe('Chờ huyện quyết định');
    const commune = on(new Date(2025, 6, 2), UBND_XA, 2, {
      action: 'recognise',
      decision: DECISION,
    });
    expect(commune.refused[0]?.reason).toMatch(/không có quyền|Bước này do huyện/);
    const district = on(new Date(2025, 6, 2), HUYEN, 2, {
      action: 'recognise',
      decision: DECISION,
    });
    expect(district.done).toEqual([{ code: 'DV0001', to: 'Đã công nhận' }]);
  });

  it('sends a dossier of 01/07/2025 to the commune, says its ladder is to confirm, and returns it to the unit', () => {
    const { google, ctx, on, status } = ladderBook();
    on(new Date(2025, 5, 1), TRUONG2, 3, { action: 'register' });
    on(new Date(2025, 6, 1, 0, 5), TRUONG2, 3, { action: 'submit' });
    expect(status()[1]).toBe('Chờ xã thẩm định');
    expect(on(new Date(2025, 6, 3), HUYEN, 3, { action: 'approve' }).done).toEqual([]);
    // The commune of the unit sends it back: the unit, not a commune, fixes it.
    on(new Date(2025, 6, 3), UBND_XA, 3, { action: 'return', comment: 'Bổ sung minh chứng' });
    expect(status()[1]).toBe('Trả lại cho đơn vị');
    on(new Date(2025, 6, 4), TRUONG2, 3, { action: 'submit' });
    on(new Date(2025, 6, 4), UBND_XA, 3, { action: 'approve' });
    expect(status()[1]).toBe('Chờ xã quyết định');
    google.Session.email = UBND_XA;
    google.spreadsheet.select(rubric.scoringSheet, [3, 1]);
    const page = sidebarData(
      gasActPorts(google, { ...ctx, clock: { now: () => new Date(2025, 6, 5) } }),
    );
    expect(page.ladder).toBe('đơn vị → xã thẩm định → xã quyết định');
    expect(page.warning).toMatch(/^Cần xác nhận: Chưa có văn bản nêu cấp công nhận/);
    expect(page.unit?.actions.map((action) => action.action)).toContain('recognise');
    on(new Date(2025, 6, 5), UBND_XA, 3, { action: 'recognise', decision: DECISION });
    expect(status()[1]).toBe('Đã công nhận');
    const log = google.spreadsheet.sheet(AUDIT_SHEET).snapshot();
    expect(String(log.at(-1)?.[6])).toMatch(
      /^15\/QĐ-UBND \(10\/07\/2025\); kết quả: Tốt \[các cấp «đơn vị → xã thẩm định → xã quyết định»: cần xác nhận\]$/,
    );
  });
});

describe('set-up asks about a ladder no text names', () => {
  const asAdmin = (answers: string[]) => {
    // The first set-up is the owner's (no administrator in «Người dùng» yet).
    const google = fakeGoogle();
    google.SpreadsheetApp.ui.answers.push(...answers);
    const ctx = { ...gasContext(google), identity: new GasIdentity(google.Session) };
    setUpAction(ctx);
    const criteria = google.spreadsheet.sheet(CRITERIA_SHEET);
    const confirm = headerColumn(criteria, 'Xác nhận');
    const marks = criteria
      .snapshot()
      .filter((row) => row[2] === 'CAC_CAP')
      .map((row) => [row[6], row[confirm - 1]]);
    return { google, marks, notice: google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '' };
  };

  it('records the administrator’s «đồng ý» beside the proposed ladder', () => {
    const { google, marks, notice } = asAdmin(['TT24_2023_DVHT_HUYEN', 'Đồng ý']);
    const question = google.SpreadsheetApp.ui.prompts.at(-1)?.prompt ?? '';
    expect(question).toMatch(/^Chưa có văn bản nêu ai quyết định công nhận theo các cấp dưới đây/);
    expect(question).toMatch(
      /«đơn vị → xã thẩm định → xã quyết định» \(từ 01\/07\/2025\), Phòng Văn hóa – Xã hội/,
    );
    expect(marks).toEqual([
      ['đơn vị → huyện thẩm định → huyện quyết định', ''],
      ['đơn vị → xã thẩm định → xã quyết định', `Đã xác nhận ngày 23/11/2026 (${OWNER})`],
    ]);
    expect(notice).toContain('Đã ghi xác nhận cho 1 dòng các cấp');
  });

  it('keeps «Cần xác nhận» when the administrator does not answer, and says so', () => {
    const { marks, notice } = asAdmin(['TT25_2023_CDHT_XA', '']);
    expect(marks[1]?.[1]).toMatch(/^Cần xác nhận: Chưa có văn bản/);
    expect(notice).toContain('1 dòng các cấp còn «Cần xác nhận»');
  });

  it('asks nothing for a title whose deciders the texts name', () => {
    const { google } = asAdmin(['TT24_2023_DVHT_TINH']);
    expect(google.SpreadsheetApp.ui.prompts).toHaveLength(1);
  });
});

describe('the procedure rows of the criteria sheet', () => {
  /** The TT 24 procedure rows of `ladderBook`, with `change` typed over one of them. */
  const problems = (code: string, column: string, value: unknown) => {
    const { google, ctx } = ladderBook();
    const criteria = google.spreadsheet.sheet(CRITERIA_SHEET);
    const row = criteria.snapshot().findIndex((cells) => cells[2] === code) + 1;
    criteria.type(row, headerColumn(criteria, column), [[value]]);
    const letter = columnLetter(headerColumn(criteria, column));
    return { row, letter, problems: readCriteria(ctx.workbook)?.[0]?.problems ?? [] };
  };

  it('reads the built-in rows back as the title’s procedure', () => {
    const { ctx } = ladderBook();
    const read = readCriteria(ctx.workbook)?.[0];
    expect(read?.problems).toEqual([]);
    expect(read?.rubric?.procedure).toEqual(BUILT_IN_PROCEDURES.TT24_2023_DVHT_HUYEN);
    expect(read?.confirm?.map((cell) => cell.text)).toEqual([
      expect.stringMatching(/«đơn vị → xã thẩm định → xã quyết định» \(từ 01\/07\/2025\)/),
    ]);
  });

  it.each([
    ['CAC_CAP', 'Từ ngày', '31/02/2025', 'cần ngày bắt đầu áp dụng (ngày/tháng/năm)'],
    ['CAC_CAP', 'Ngưỡng / giá trị', 'xã quyết định', 'các cấp riêng bắt đầu bằng đơn vị đề nghị'],
    ['HAN_NOP', 'Ngưỡng / giá trị', '30/02', 'cần ngày/tháng của hạn, ví dụ 28/02'],
    [
      'HAN_NOP',
      'Năm (so với năm đánh giá)',
      3,
      'cần số năm sau năm đánh giá: 0 (cùng năm), 1 (năm sau) hoặc 2',
    ],
    ['HAN_QUYET_DINH', 'Tính cả ngày hạn', 'x', 'ghi «Có» nếu nộp đúng ngày hạn vẫn kịp'],
  ])('names the cell of a bad %s «%s»', (code, column, value, message) => {
    const { row, letter, problems: found } = problems(code, String(column), value);
    expect(found).toEqual([
      expect.stringContaining(`Ô ${letter}${row}, trang «Tiêu chí»: ${message}`),
    ]);
  });

  it('refuses two ladders from the same day, naming both rows', () => {
    const { google, ctx } = ladderBook();
    const criteria = google.spreadsheet.sheet(CRITERIA_SHEET);
    const rows = criteria.snapshot();
    const first = rows.findIndex((cells) => cells[2] === 'CAC_CAP') + 1;
    const from = headerColumn(criteria, 'Từ ngày');
    criteria.type(first + 1, from, [[rows[first - 1]?.[from - 1]]]);
    expect(readCriteria(ctx.workbook)?.[0]?.problems).toEqual([
      `Ô ${columnLetter(from)}${first + 1}, trang «Tiêu chí»: hai dòng CAC_CAP cùng áp dụng từ 26/01/2024 (dòng ${first}); xóa hoặc đổi ngày một dòng.`,
    ]);
  });
});
