import { afterEach, describe, expect, it } from 'vitest';
import { cellPlace } from '../../src/domain/a1';
import { useLanguage } from '../../src/domain/i18n';
import { actAction } from '../../src/sheets/actions';
import { AUDIT_SHEET, checkAudit } from '../../src/sheets/audit-log';
import { readCriteria } from '../../src/sheets/criteria-sheet';
import { CRITERIA_SHEET, SETTINGS_SHEET } from '../../src/sheets/layout';
import { PEOPLE_SHEET } from '../../src/sheets/people-sheet';
import { setUp } from '../../src/sheets/set-up';
import { columnValues, headerColumn, rubric } from './workbook-helpers';
import { ADMIN, FULL, HUYEN, TINH, workflowBook, XA } from './workflow-helpers';

describe('the approval workflow from the menu', () => {
  afterEach(() => useLanguage('vi'));

  it('refuses a decision dated before the day the unit sent its dossier, and takes one on that day', () => {
    const { sheet, as, status } = workflowBook();
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    as(HUYEN, [[2, 1]], 'approve');
    const sent = columnValues(sheet, 'Ngày nộp')[0];
    expect(sent).toBe('23/11/2026');
    const refused = as(TINH, [[2, 1]], 'recognise', '7/QĐ-UBND', '22/11/2026');
    expect(refused).toContain(
      `Ngày quyết định 22/11/2026 trước ngày đơn vị nộp hồ sơ (${cellPlace(rubric.scoringSheet, 2, headerColumn(sheet, 'Ngày nộp'))}: 23/11/2026)`,
    );
    expect(status()[0]).toBe('Chờ tỉnh quyết định');
    expect(as(TINH, [[2, 1]], 'recognise', '7/QĐ-UBND', '23/11/2026')).toBe(
      'Đã «Công nhận» 1 đơn vị:\n• DV0001 → Đã công nhận',
    );
  });

  it('stops a step when «Ngày nộp», which chooses the ladder, was edited away from the log', () => {
    const { sheet, as, status } = workflowBook();
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    const sent = headerColumn(sheet, 'Ngày nộp');
    sheet.type(2, sent, [['29/02/2025']]);
    // «Ngày nộp» is a cell of the unit's record: the log says what it holds (issue 11).
    expect(as(HUYEN, [[2, 1]], 'approve')).toContain(
      `${cellPlace(rubric.scoringSheet, 2, sent)} ghi «29/02/2025», nhật ký ghi «23/11/2026»`,
    );
    expect(status()[0]).toBe('Chờ huyện thẩm định');
    sheet.type(2, sent, [['23/11/2026']]);
    expect(as(HUYEN, [[2, 1]], 'approve')).toContain('DV0001 → Chờ tỉnh quyết định');
  });

  it('walks a unit from registration to recognition, each step by its own officer, all in the log', () => {
    const { google, ports, sheet, as, status } = workflowBook();
    expect(as(XA, [[2, 1]], 'register')).toBe(
      'Đã «Đăng ký» 1 đơn vị:\n• DV0001 → Đang tự đánh giá',
    );
    as(XA, [[2, 1]], 'submit');
    expect(status()[0]).toBe('Chờ huyện thẩm định');
    as(HUYEN, [[2, 1]], 'approve');
    expect(status()[0]).toBe('Chờ tỉnh quyết định');
    expect(as(TINH, [[2, 1]], 'recognise', '125/QĐ-UBND', '20/03/2027')).toBe(
      'Đã «Công nhận» 1 đơn vị:\n• DV0001 → Đã công nhận',
    );
    expect(status()[0]).toBe('Đã công nhận');
    expect(columnValues(sheet, 'Số quyết định')[0]).toBe('125/QĐ-UBND');
    expect(columnValues(sheet, 'Ngày quyết định')[0]).toEqual(new Date(2027, 2, 20));
    expect(columnValues(google.spreadsheet.sheet(AUDIT_SHEET), 'Hành động')).toEqual([
      'Đăng ký',
      'Gửi',
      'Duyệt',
      'Công nhận',
    ]);
    expect(columnValues(google.spreadsheet.sheet(AUDIT_SHEET), 'Người thực hiện')).toEqual([
      XA,
      XA,
      HUYEN,
      TINH,
    ]);
    expect(checkAudit(ports)).toMatchObject({ check: { ok: true, rows: 4 } });
    // The log warns whoever edits it by hand; it cannot refuse, as the script writes for everyone.
    const protections = google.spreadsheet.sheet(AUDIT_SHEET).protections;
    expect(protections).toHaveLength(1);
    expect(protections[0]?.isWarningOnly()).toBe(true);
  });

  it('refuses a commune officer approving their own unit, says who acts, and logs the attempt', () => {
    const { google, ports, as, status } = workflowBook();
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    expect(as(XA, [[2, 1]], 'approve')).toBe(
      'Không thực hiện được với 1 đơn vị:\n• DV0001: Bước này do huyện thực hiện.',
    );
    expect(status()[0]).toBe('Chờ huyện thẩm định');
    const log = google.spreadsheet.sheet(AUDIT_SHEET).snapshot();
    expect(log.at(-1)?.slice(1, 7)).toEqual([
      XA,
      'DV0001',
      'Duyệt (bị từ chối)',
      'Chờ huyện thẩm định',
      'Chờ huyện thẩm định',
      'Bước này do huyện thực hiện.',
    ]);
    expect(checkAudit(ports).check.ok).toBe(true);
  });

  it('keeps each officer to their own units and district, and denies an unknown user', () => {
    const { google, as } = workflowBook();
    expect(as(XA, [[3, 1]], 'register')).toBe(
      'Không thực hiện được với 1 đơn vị:\n• DV0002: can.bo.xa1@example.org (xã DV0001) không có quyền với đơn vị DV0002 (Huyện 2).',
    );
    expect(as('', [[2, 1]], 'register')).toMatch(
      /^Không thực hiện được với 1 đơn vị:\n• DV0001: Google không cho biết email của bạn/,
    );
    google.spreadsheet
      .sheet(PEOPLE_SHEET)
      .type(5, 1, [[' CAN.BO.XA2@example.org ', 'xã', 'DV0002']]);
    expect(as('can.bo.xa2@example.org', [[3, 1]], 'register')).toBe(
      'Đã «Đăng ký» 1 đơn vị:\n• DV0002 → Đang tự đánh giá',
    );
  });

  it('does not let a unit with errors be submitted, and says why', () => {
    const { as, status } = workflowBook([[12, ...FULL.slice(1)], FULL, FULL]);
    as(XA, [[2, 1]], 'register');
    expect(as(XA, [[2, 1]], 'submit')).toMatch(
      /^Không thực hiện được với 1 đơn vị:\n• DV0001: chưa gửi được: Ô D2, trang «Chấm điểm ĐVHT», mục 1\.1: 12 lớn hơn điểm tối đa 10/,
    );
    expect(status()[0]).toBe('Đang tự đánh giá');
  });

  it('needs a comment to return, and sends the unit one level down', () => {
    const { sheet, as, status } = workflowBook();
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    expect(as(HUYEN, [[2, 1]], 'return', '  ')).toBe(
      'Không thực hiện được với 1 đơn vị:\n• DV0001: Trả lại cần có nhận xét.',
    );
    expect(as(HUYEN, [[2, 1]], 'return', null)).toBe('Đã hủy; không có gì thay đổi.');
    as(HUYEN, [[2, 1]], 'return', 'Bổ sung biên bản họp');
    expect(status()[0]).toBe('Trả lại cho xã');
    expect(columnValues(sheet, 'Nhận xét gần nhất')[0]).toBe('Bổ sung biên bản họp');
    expect(as(XA, [[2, 1]], 'submit')).toBe('Đã «Gửi» 1 đơn vị:\n• DV0001 → Chờ huyện thẩm định');
  });

  it('approves the selected rows in bulk with the same writes as one row, two reads more per row', () => {
    const { google, as } = workflowBook();
    google.spreadsheet.sheet(PEOPLE_SHEET).type(5, 1, [
      [XA, 'xã', 'DV0002'],
      [XA, 'xã', 'DV0003'],
      [HUYEN, 'huyện', 'Huyện 2'],
      [HUYEN, 'huyện', 'Huyện 3'],
    ]);
    as(XA, [[2, 3]], 'register');
    as(XA, [[2, 3]], 'submit');
    const ioOf = (rows: [number, number][]) => {
      google.io.reset();
      as(HUYEN, rows, 'approve');
      return { reads: google.io.reads, writes: google.io.writes };
    };
    const one = ioOf([[2, 1]]);
    const two = ioOf([[3, 2]]);
    // Per unit: the search of «Đơn vị» for its code and its row there; the units' last log rows (the
    // rows their pointers name, close together) are one read for the two; nothing else grows.
    expect(two).toEqual({ reads: one.reads + 2, writes: one.writes });
    expect(columnValues(google.spreadsheet.sheet(rubric.scoringSheet), 'Trạng thái')).toEqual([
      'Chờ tỉnh quyết định',
      'Chờ tỉnh quyết định',
      'Chờ tỉnh quyết định',
    ]);
  });

  it('tells a reviewer who acts at the same moment as another to retry, and changes nothing', () => {
    const { google, as, status } = workflowBook();
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    const other = google.LockService.holdByAnotherRun();
    expect(as(HUYEN, [[2, 1]], 'approve')).toMatch(/^Đang có người khác chạy XHHT/);
    expect(status()[0]).toBe('Chờ huyện thẩm định');
    other.releaseLock();
    as(HUYEN, [[2, 1]], 'approve');
    expect(status()[0]).toBe('Chờ tỉnh quyết định');
  });

  it('follows the 2-level ladder chosen in the settings', () => {
    const { google, as, status } = workflowBook();
    const settings = google.spreadsheet.sheet(SETTINGS_SHEET);
    const row = settings.snapshot().findIndex((r) => r[0] === 'ladder') + 1;
    settings.type(row, headerColumn(settings, 'Giá trị'), [['2 cấp: xã → tỉnh (từ 01/7/2025)']]);
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    expect(status()[0]).toBe('Chờ tỉnh quyết định');
    as(TINH, [[2, 1]], 'recognise', '9/QĐ', '01/04/2027');
    expect(status()[0]).toBe('Đã công nhận');
  });

  it('lets an administrator undo the latest step once, with a reason, and logs it', () => {
    const { google, ports, as, status } = workflowBook();
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    as(HUYEN, [[2, 1]], 'approve');
    expect(as(HUYEN, [[2, 1]], 'revert', 'Duyệt nhầm')).toBe(
      'Không thực hiện được với 1 đơn vị:\n• DV0001: Bước này do quản trị thực hiện.',
    );
    expect(as(ADMIN, [[2, 1]], 'revert', ' ')).toMatch(/Hoàn tác cần ghi lý do\.$/);
    expect(as(ADMIN, [[2, 1]], 'revert', 'Huyện duyệt nhầm đơn vị')).toBe(
      'Đã «Hoàn tác» 1 đơn vị:\n• DV0001 → Chờ huyện thẩm định',
    );
    expect(status()[0]).toBe('Chờ huyện thẩm định');
    expect(as(ADMIN, [[2, 1]], 'revert', 'Lần nữa')).toMatch(/Không có bước nào để hoàn tác/);
    const log = google.spreadsheet.sheet(AUDIT_SHEET).snapshot();
    expect(log.filter((r) => r[3] === 'Hoàn tác').map((r) => r.slice(1, 7))).toEqual([
      [
        ADMIN,
        'DV0001',
        'Hoàn tác',
        'Chờ tỉnh quyết định',
        'Chờ huyện thẩm định',
        'Huyện duyệt nhầm đơn vị',
      ],
    ]);
    expect(checkAudit(ports).check.ok).toBe(true);
  });

  it('sends a unit back to the first review when its scores change after approval', () => {
    const { google, ports, sheet, as, status } = workflowBook();
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    as(HUYEN, [[2, 1]], 'approve');
    // The commune raises a score after the district approved.
    sheet.type(2, headerColumn(sheet, /^1\.1 /), [[9]]);
    expect(as(TINH, [[2, 1]], 'recognise', '125/QĐ-UBND', '20/03/2027')).toBe(
      'Không thực hiện được với 1 đơn vị:\n• DV0001: điểm hoặc minh chứng đã bị sửa sau khi được duyệt; đơn vị trở về «Chờ huyện thẩm định» để duyệt lại.',
    );
    expect(status()[0]).toBe('Chờ huyện thẩm định');
    const log = google.spreadsheet.sheet(AUDIT_SHEET).snapshot();
    expect(log.at(-1)?.slice(1, 6)).toEqual([
      TINH,
      'DV0001',
      'Giá trị đổi sau khi duyệt',
      'Chờ tỉnh quyết định',
      'Chờ huyện thẩm định',
    ]);
    // Approved again as it now stands, it climbs; unchanged values do not send it back.
    as(HUYEN, [[2, 1]], 'approve');
    expect(as(TINH, [[2, 1]], 'recognise', '125/QĐ-UBND', '20/03/2027')).toBe(
      'Đã «Công nhận» 1 đơn vị:\n• DV0001 → Đã công nhận',
    );
    expect(checkAudit(ports).check.ok).toBe(true);
  });

  it('asks the commune for its agreement meeting before submitting where the rubric requires it', () => {
    const { google, ports, sheet, as, status } = workflowBook();
    // The administrator adds the rule (as TT 25/2023 has it) to the rubric, then runs set-up again.
    const criteria = google.spreadsheet.sheet(CRITERIA_SHEET);
    criteria.type(criteria.snapshot().length + 1, 1, [
      [rubric.id, 'Quy tắc', 'HOP_THONG_NHAT', 'Họp thống nhất trước khi gửi', '', '', 1],
    ]);
    setUp(ports, rubric.id);
    const dateColumn = headerColumn(sheet, 'Ngày họp thống nhất (ngày/tháng/năm)');
    const minutesColumn = headerColumn(sheet, 'Biên bản họp (đường dẫn hoặc số)');
    const place = (column: number) => cellPlace(rubric.scoringSheet, 2, column);
    as(XA, [[2, 1]], 'register');
    expect(as(XA, [[2, 1]], 'submit')).toBe(
      `Không thực hiện được với 1 đơn vị:\n• DV0001: chưa gửi được: ${place(dateColumn)} chưa ghi ngày họp thống nhất kết quả tự đánh giá (ngày/tháng/năm).`,
    );
    // A date in the future is not a missing one, nor is a date typed wrong (issue 13).
    sheet.type(2, dateColumn, [['30/11/2026']]);
    expect(as(XA, [[2, 1]], 'submit')).toContain(
      `${place(dateColumn)} ngày họp 30/11/2026 là ngày sau hôm nay`,
    );
    sheet.type(2, dateColumn, [['31/11/2026']]);
    expect(as(XA, [[2, 1]], 'submit')).toContain(
      `${place(dateColumn)} «31/11/2026» không phải ngày/tháng/năm`,
    );
    sheet.type(2, dateColumn, [['20/11/2026']]);
    expect(as(XA, [[2, 1]], 'submit')).toBe(
      `Không thực hiện được với 1 đơn vị:\n• DV0001: chưa gửi được: ${place(minutesColumn)} cần biên bản họp (đường dẫn hoặc số biên bản).`,
    );
    sheet.type(2, minutesColumn, [['BB 12/2026']]);
    expect(as(XA, [[2, 1]], 'submit')).toBe('Đã «Gửi» 1 đơn vị:\n• DV0001 → Chờ huyện thẩm định');
    expect(status()[0]).toBe('Chờ huyện thẩm định');
    expect(columnValues(google.spreadsheet.sheet(AUDIT_SHEET), 'Nhận xét').at(-1)).toBe(
      'Họp thống nhất ngày 20/11/2026; biên bản: BB 12/2026',
    );
    expect(checkAudit(ports).check.ok).toBe(true);
  });

  it('never vouches for a state typed by hand: the step refuses it and flags the row', () => {
    const { google, ports, sheet, as, status } = workflowBook();
    as(XA, [[2, 1]], 'register');
    // A state written without its log row (typed by hand: this version's runs log before writing).
    sheet.type(2, headerColumn(sheet, 'Trạng thái'), [['Chờ huyện thẩm định']]);
    sheet.type(2, headerColumn(sheet, 'Mã trạng thái'), [['awaiting:0']]);
    sheet.type(2, headerColumn(sheet, 'Mã trạng thái trước'), [['drafting']]);
    as(XA, [[3, 1]], 'register');
    const refused = as(HUYEN, [[2, 1]], 'approve');
    const stateCell = cellPlace(rubric.scoringSheet, 2, headerColumn(sheet, 'Mã trạng thái'));
    expect(refused).toContain(`${stateCell} ghi «awaiting:0», nhật ký ghi «drafting»`);
    expect(refused).toContain('Khôi phục ô từ nhật ký (quản trị)');
    expect(status()[0]).toBe('Chờ huyện thẩm định');
    expect(columnValues(sheet, 'Sửa tay')[0]).toBe(
      'Sửa tay: Mã trạng thái, Mã trạng thái trước — nhật ký dòng 2',
    );
    const actions = columnValues(google.spreadsheet.sheet(AUDIT_SHEET), 'Hành động');
    expect(actions).not.toContain('Ghi bổ sung nhật ký');
    expect(actions.at(-1)).toBe('Duyệt (bị từ chối)');
    expect(checkAudit(ports).check.ok).toBe(true);
  });

  it("follows a rubric's own ladder, written in the criteria sheet, over the settings' default", () => {
    const { google, ports, as, status } = workflowBook();
    const criteria = google.spreadsheet.sheet(CRITERIA_SHEET);
    const next = criteria.snapshot().length + 1;
    criteria.type(next, 1, [
      [
        rubric.id,
        'Quy tắc',
        'CAC_CAP',
        'Các cấp của danh hiệu',
        '',
        '',
        '2 cấp: xã → tỉnh (từ 01/7/2025)',
      ],
    ]);
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    expect(status()[0]).toBe('Chờ tỉnh quyết định');
    expect(readCriteria(ports.workbook)?.[0]?.rubric?.procedure?.ladders[0]?.ladder).toBe(
      '2 cấp: xã → tỉnh (từ 01/7/2025)',
    );

    criteria.type(next, 7, [['xã → tỉnh']]);
    const read = readCriteria(ports.workbook);
    expect(read?.[0]?.problems[0]).toMatch(
      new RegExp(
        `^${cellPlace(CRITERIA_SHEET, next, 7)}.*không hiểu bước «tỉnh»: ghi xã, huyện, tỉnh, bộ hoặc ban chỉ đạo`,
      ),
    );
  });

  it('asks for a selection on a scoring sheet', () => {
    const { google, ports } = workflowBook();
    google.Session.email = XA;
    google.spreadsheet.select(SETTINGS_SHEET, [2, 1]);
    actAction(ports, 'register');
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toBe(
      'Hãy chọn (bôi đen) các dòng đơn vị trên một trang chấm điểm rồi chọn lại mục menu.',
    );
  });
});
