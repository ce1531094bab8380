import { beforeAll, describe, expect, it } from 'vitest';
import { itemsOf } from '../../src/domain/rubric';
import type { SidebarRequest } from '../../src/sheets/actions';
import { UNITS_SHEET } from '../../src/sheets/layout';
import { menuHandlers } from '../../src/sheets/menu';
import { writeSetting } from '../../src/sheets/settings-sheet';
import type { SidebarData, SidebarResult, WaitingUnit } from '../../src/sheets/sidebar';
import { gasContext } from '../fakes/context';
import { fakeGoogle } from '../fakes/google';
import { headerColumn, rubric, unitRows, withoutProcedure } from '../sheets/workbook-helpers';
import { type Bundle, buildBundle, loadBundle } from './bundle';

let code: string;
let globals: string[];
beforeAll(async () => {
  ({ code, globals } = await buildBundle());
});

describe('dist/Code.js as Apps Script loads it', () => {
  it('has no import or export left, and one top-level forwarding function per export', () => {
    expect(code).not.toMatch(/^\s*(import|export)[\s{]/m);
    expect(globals).toEqual([
      'onOpen',
      'onInstall',
      'xhhtSetUp',
      'xhhtScoreAll',
      'xhhtRegister',
      'xhhtSubmit',
      'xhhtApprove',
      'xhhtRecognise',
      'xhhtReturn',
      'xhhtRefuse',
      'xhhtRevert',
      'xhhtRevoke',
      'xhhtImportRecognitions',
      'xhhtSidebar',
      'xhhtSidebarData',
      'xhhtSidebarMine',
      'xhhtSidebarOpen',
      'xhhtSidebarAct',
      'xhhtExportRecognised',
      'xhhtPreviewSummary',
      'xhhtSendSummary',
      'xhhtSendMail',
      'xhhtInstallMailTriggers',
      'xhhtRemoveMailTriggers',
      'xhhtHourlyMail',
      'xhhtSendMailTimer',
      'xhhtDailyMail',
      'xhhtWeeklySummary',
      'xhhtCheckLog',
      'xhhtCheckLogHead',
      'xhhtImportOffline',
      'xhhtConfirmOffline',
      'xhhtAcceptLogRows',
      'xhhtRestoreFromLog',
      'xhhtRestartLog',
      'xhhtConfirmPeople',
      'xhhtArchive',
      'xhhtAbout',
      'XHHT_TONG',
      'XHHT_XEPLOAI',
      'XHHT_MUCDO',
      'XHHT_LOI',
    ]);
    for (const name of globals) {
      expect(code).toContain(`\nfunction ${name}(...args) {\n  return XHHT.${name}(...args);\n}\n`);
    }
    expect(code).toMatch(/^var XHHT = \(\(\) => \{/m);
  });

  it('keeps Vietnamese readable (charset utf8) and the JSDoc right above each custom formula', () => {
    expect(code).toContain('Chấm điểm tất cả');
    for (const name of ['XHHT_TONG', 'XHHT_XEPLOAI', 'XHHT_MUCDO', 'XHHT_LOI']) {
      const match = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\nfunction ${name}\\(`).exec(
        code,
      );
      expect(match, `JSDoc above ${name}`).not.toBeNull();
      expect(match?.[1]).toContain('@customfunction');
      expect(match?.[1]).toMatch(/@param \{[^}]+\} \w+ \S/);
      expect(match?.[1]).toMatch(/@return/);
    }
    expect(code).toMatch(/@param \{string\} ma_bo_tieu_chi \[Không bắt buộc\]/);
  });

  it('does no work at load time and adds only its globals', () => {
    const google = fakeGoogle();
    const context = loadBundle(code, google.globals);
    const added = Object.keys(context).filter((key) => !(key in google.globals));
    // zod/mini keeps its registry in one global of its own.
    expect(added.sort()).toEqual(['XHHT', '__zod_globalConfig', ...globals].sort());
    expect(google.io.reads + google.io.writes + google.io.other).toBe(0);
    expect(google.SpreadsheetApp.ui.menus).toHaveLength(0);
    expect(google.LockService.acquired).toBe(0);
  });
});

describe('the menu, end to end through the global handlers', () => {
  let google: ReturnType<typeof fakeGoogle>;
  let bundle: Bundle;
  beforeAll(() => {
    google = fakeGoogle();
    bundle = loadBundle(code, google.globals);
  });

  it('onOpen builds the XHHT menu, and every item calls a global function', () => {
    bundle.onOpen?.({});
    const [menu] = google.SpreadsheetApp.ui.menus;
    expect(menu?.caption).toBe('XHHT');
    expect(menu?.items.map((item) => item?.caption ?? '—')).toEqual([
      'Khởi tạo bảng tính',
      'Chấm điểm tất cả',
      '—',
      'Đăng ký',
      'Gửi lên cấp trên',
      'Duyệt',
      'Công nhận',
      'Trả lại',
      'Không công nhận',
      'Thu hồi / hủy công nhận',
      'Hoàn tác bước gần nhất (quản trị)',
      'Xác nhận bước ngoại tuyến',
      'Khôi phục ô từ nhật ký (quản trị)',
      '—',
      'Đơn vị đang chọn và việc của tôi',
      'Nhập công nhận trước đây (quản trị)',
      'Xuất danh sách đã công nhận',
      'Xem trước báo cáo tổng hợp',
      'Gửi báo cáo tổng hợp ngay',
      'Gửi thư trong hộp thư đi (quản trị)',
      'Bật gửi thư tự động (quản trị)',
      'Tắt gửi thư tự động (quản trị)',
      'Kiểm tra nhật ký',
      'Kiểm tra nhật ký theo mã đầu chuỗi',
      'Nhập kết quả ngoại tuyến (quản trị)',
      'Nhận các dòng nhật ký chưa lưu giữ (quản trị)',
      'Xác nhận danh sách người dùng (quản trị)',
      'Bắt đầu lại chuỗi nhật ký (quản trị)',
      'Lưu trữ thư đã gửi và nhật ký năm cũ (quản trị)',
      'Giới thiệu XHHT Sheets',
    ]);
    const handlers = menu?.items.flatMap((item) => (item ? [item.functionName] : [])) ?? [];
    expect(handlers).toEqual(menuHandlers());
    for (const handler of handlers) expect(typeof bundle[handler]).toBe('function');
  });

  it('sets up, then scores what the officers typed', () => {
    // The rubric these tests score (for 2026 the default would be TT 24/2023).
    google.SpreadsheetApp.ui.answers.unshift(rubric.id);
    bundle.xhhtSetUp?.();
    google.spreadsheet.sheet(UNITS_SHEET).type(2, 1, unitRows(4));
    // The rubric these tests score (for 2026 the default would be TT 24/2023).
    google.SpreadsheetApp.ui.answers.unshift(rubric.id);
    bundle.xhhtSetUp?.();
    const sheet = google.spreadsheet.sheet(rubric.scoringSheet);
    sheet.type(2, 4, [
      [10, 10, 10, 10, 5, 10, 5, 25, 10, 5],
      ['8,5', 7, 7, 7, 4, 7, 3, 19, 7, 3],
      [5, 5, 5, 5, 2, 5, 2, 10.5, 5, 5],
      [5, 'năm', 5, 5, 2, 5, 2, 10.5, 5, 5],
    ]);
    bundle.xhhtScoreAll?.();

    const total = headerColumn(sheet, 'Tổng điểm');
    const error = headerColumn(sheet, 'Lỗi');
    const rows = sheet.snapshot().slice(1);
    expect(rows.map((row) => [row[total - 1], row[total], row[error - 1]])).toEqual([
      [100, 'Tốt', ''],
      [72.5, 'Khá', ''],
      [49.5, 'Chưa đạt', ''],
      [
        '',
        '',
        'Ô E5, trang «Chấm điểm ĐVHT», mục 1.2: «năm» không phải là số. Cần một số từ 0 đến 10.',
      ],
    ]);
    const notice = google.SpreadsheetApp.ui.alerts.at(-1)?.prompt;
    expect(notice).toContain('đã chấm 3/4 đơn vị — Tốt 1, Khá 1, Trung bình 0, Chưa đạt 1');
    expect(google.LockService.holder).toBeNull();
  });

  it('checks the audit log', () => {
    bundle.xhhtCheckLog?.();
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toBe(
      'Nhật ký nguyên vẹn: 0 dòng. Mã đầu chuỗi: (chưa có).',
    );
  });

  it('shows the about dialog', () => {
    bundle.xhhtAbout?.();
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toContain('=XHHT_TONG');
  });

  it('serves the custom formulas, reading the default rubric from the settings', () => {
    // For 2026 set-up writes TT 24/2023, a levels rubric, as the default: XHHT_TONG names it.
    expect(() => bundle.XHHT_TONG?.(42)).toThrow(
      'XHHT_TONG dùng cho bộ tiêu chí chấm điểm; «TT24_2023_DVHT_HUYEN» đánh giá theo mức độ',
    );
    writeSetting(gasContext(google).workbook, 'defaultRubricId', rubric.id);
    const items = itemsOf(rubric).length;
    expect(bundle.XHHT_TONG?.([Array(items).fill(1), Array(items).fill('')])).toEqual([[10], ['']]);
    expect(bundle.XHHT_TONG?.(42)).toBe(42);
    expect(bundle.XHHT_XEPLOAI?.([[85], [84.5]])).toEqual([['Tốt'], ['Khá']]);
    expect(bundle.XHHT_XEPLOAI?.(50, 'TT22_2020_DVHT')).toBe('Trung bình');
    // One read of the settings (language, default rubric) and one of the criteria sheet.
    for (const args of [[50, 'TT22_2020_DVHT'], [50]]) {
      google.io.reset();
      bundle.XHHT_XEPLOAI?.(...args);
      expect(google.io.reads).toBe(2);
    }
    expect(() => bundle.XHHT_XEPLOAI?.(50, 'TT99')).toThrow('Không có bộ tiêu chí «TT99»');
  });
});

describe.each([
  ['3 cấp: xã → huyện → tỉnh', ['huyen', 'tinh']],
  ['3 cấp: xã → huyện (quyết định) → tỉnh (tổng hợp)', ['huyen', 'tinh']],
  ['2 cấp: xã → tỉnh (từ 01/7/2025)', ['tinh']],
])('the approval ladder «%s», end to end through the global handlers', (ladder, steps) => {
  const PEOPLE = {
    xa: 'can.bo.xa@example.org',
    huyen: 'tham.dinh.huyen@example.org',
    tinh: 'so.gddt@example.org',
    quanTri: 'quan.tri@example.org',
  };

  it('walks units from registration to recognition, each officer with their own identity', () => {
    const google = fakeGoogle();
    const bundle = loadBundle(code, google.globals);
    const act = (request: SidebarRequest) => bundle.xhhtSidebarAct?.(request) as SidebarResult;
    // The page's two calls: the unit, then «Việc của tôi».
    const data = () => ({
      ...(bundle.xhhtSidebarData?.() as SidebarData),
      mine: bundle.xhhtSidebarMine?.() as WaitingUnit[],
    });
    // The rubric these tests score (for 2026 the default would be TT 24/2023).
    google.SpreadsheetApp.ui.answers.unshift(rubric.id);
    bundle.xhhtSetUp?.();
    google.spreadsheet.sheet(UNITS_SHEET).type(
      2,
      1,
      unitRows(2, () => 'Huyện 1'),
    );
    // The rubric these tests score (for 2026 the default would be TT 24/2023).
    google.SpreadsheetApp.ui.answers.unshift(rubric.id);
    bundle.xhhtSetUp?.();
    const sheet = google.spreadsheet.sheet(rubric.scoringSheet);
    sheet.type(2, 4, [
      [10, 10, 10, 10, 5, 10, 5, 25, 10, 5],
      [8, 7, 7, 7, 4, 7, 3, 19, 7, 3],
    ]);
    google.spreadsheet.sheet('Người dùng').type(2, 1, [
      [PEOPLE.xa, 'xã', 'DV0001'],
      [PEOPLE.xa, 'xã', 'DV0002'],
      [PEOPLE.huyen, 'huyện', 'Huyện 1'],
      [PEOPLE.tinh, 'tỉnh', ''],
      [PEOPLE.quanTri, 'quản trị', ''],
    ]);
    // The owner confirms the list: the reviewers get their columns, the administrator the protected sheets.
    google.SpreadsheetApp.ui.answers.push('đồng ý');
    bundle.xhhtConfirmPeople?.();
    // The title's own ladders (its procedure rows) give way to the settings' ladder under test.
    withoutProcedure(google);
    const settings = google.spreadsheet.sheet('Cài đặt');
    const ladderRow = settings.snapshot().findIndex((row) => row[0] === 'ladder') + 1;
    settings.type(ladderRow, headerColumn(settings, 'Giá trị'), [[ladder]]);

    // The commune registers both units from the menu, then submits them from the sidebar.
    google.Session.email = PEOPLE.xa;
    google.spreadsheet.select(rubric.scoringSheet, [2, 2]);
    bundle.xhhtRegister?.();
    for (const row of [2, 3]) {
      const result = act({ sheet: rubric.scoringSheet, row, action: 'submit' });
      expect(result.problem, result.notice).toBe(false);
    }
    // Each level finds the units under «Việc của tôi» and acts on them from the sidebar.
    for (const role of steps as (keyof typeof PEOPLE)[]) {
      google.Session.email = PEOPLE[role];
      const { mine } = data();
      expect(mine.map((unit) => unit.row)).toEqual([2, 3]);
      for (const { row } of mine) {
        const shown = bundle.xhhtSidebarOpen?.(rubric.scoringSheet, row) as SidebarData;
        const choice = shown.unit?.actions.find((a) => ['approve', 'recognise'].includes(a.action));
        const result = act({
          sheet: rubric.scoringSheet,
          row,
          action: choice?.action ?? 'none',
          decisionNumber: '15/QĐ-UBND',
          decisionDate: '20/03/2027',
        });
        expect(result.problem, result.notice).toBe(false);
      }
    }
    const status = headerColumn(sheet, 'Trạng thái');
    expect(
      sheet
        .snapshot()
        .slice(1, 3)
        .map((row) => row[status - 1]),
    ).toEqual(['Đã công nhận', 'Đã công nhận']);
    // The commune cannot act for the province; the log holds every step and is intact.
    google.Session.email = PEOPLE.xa;
    expect(data().mine).toEqual([]);
    bundle.xhhtCheckLog?.();
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(
      new RegExp(`^Nhật ký nguyên vẹn: ${1 + 2 * (2 + steps.length)} dòng\\.`),
    );
    bundle.xhhtSidebar?.();
    expect(google.SpreadsheetApp.ui.sidebars.at(-1)).toMatchObject({ file: 'Sidebar' });

    // The decider revokes a decision from the menu; an administrator imports an earlier one.
    google.Session.email = ladder.includes('huyện (quyết định)') ? PEOPLE.huyen : PEOPLE.tinh;
    google.spreadsheet.select(rubric.scoringSheet, [3, 1]);
    google.SpreadsheetApp.ui.answers.push('16/QĐ-UBND', '25/03/2027', 'Ghi nhầm đơn vị');
    bundle.xhhtRevoke?.();
    expect(sheet.snapshot()[2]?.[status - 1]).toMatch(/^Trả lại cho /);
    google.Session.email = PEOPLE.quanTri;
    google.spreadsheet
      .sheet('Sổ công nhận')
      .type(10, 1, [
        ['', rubric.id, 'DV0001', '', 'Tốt', '1/QĐ-UBND', '01/02/2024', '', '', '', '', ''],
      ]);
    bundle.xhhtImportRecognitions?.();
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(
      /^Đã nhập 1 công nhận trước đây/,
    );
    google.Session.email = PEOPLE.xa;

    // Mail: only the administrator turns the schedules on, once each; the timers send the outbox.
    bundle.xhhtInstallMailTriggers?.();
    expect(google.ScriptApp.triggers).toHaveLength(0);
    google.Session.email = PEOPLE.quanTri;
    bundle.xhhtInstallMailTriggers?.();
    bundle.xhhtInstallMailTriggers?.();
    expect(google.ScriptApp.triggers.map((t) => [t.handler, t.schedule.join(', ')])).toEqual([
      ['xhhtHourlyMail', 'every 1 hours'],
    ]);
    // The hourly run sends the outbox (and the daily work too, when the hour has come).
    bundle.xhhtHourlyMail?.();
    const notified = google.MailApp.sent.length;
    expect(notified).toBeGreaterThan(0);
    google.spreadsheet.sheet('Cài đặt').type(
      google.spreadsheet
        .sheet('Cài đặt')
        .snapshot()
        .findIndex((row) => row[0] === 'summaryTo') + 1,
      headerColumn(settings, 'Giá trị'),
      [['bcd@example.org']],
    );
    const period = google.spreadsheet
      .sheet('Cài đặt')
      .snapshot()
      .findIndex((row) => row[0] === 'summaryPeriod');
    google.spreadsheet
      .sheet('Cài đặt')
      .type(period + 1, headerColumn(settings, 'Giá trị'), [['Hằng ngày']]);
    // The daily trigger of version 0.3 still does the daily work at once.
    bundle.xhhtDailyMail?.();
    const report = google.MailApp.sent.at(-1);
    expect(report?.subject).toMatch(/^\[XHHT\] Báo cáo tổng hợp XHHT năm /);
    expect(report?.inlineImages?.['xhht-bieu-do']?.contentType).toBe('image/png');
    // The preview opens the same mail in a dialog, its chart drawn in place.
    bundle.xhhtPreviewSummary?.();
    const dialog = google.SpreadsheetApp.ui.dialogs.at(-1);
    expect(dialog?.title).toBe(report?.subject);
    expect((dialog?.page as { content?: string })?.content).toContain(
      'src="data:image/png;base64,',
    );
    // «Gửi báo cáo tổng hợp ngay» by the administrator: the same counts were just sent, nothing new.
    bundle.xhhtSendSummary?.();
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toBe(
      'Báo cáo giống hệt đã có trong «Hộp thư đi»; không xếp thêm.',
    );
    bundle.xhhtRemoveMailTriggers?.();
    expect(google.ScriptApp.triggers).toHaveLength(0);
  });
});

describe('trust, through the global handlers', () => {
  const ADMINS = ['quan.tri@example.org', 'quan.tri2@example.org'];
  const XA = 'can.bo.xa@example.org';

  function book() {
    const google = fakeGoogle();
    const bundle = loadBundle(code, google.globals);
    google.SpreadsheetApp.ui.answers.unshift(rubric.id);
    bundle.xhhtSetUp?.();
    google.spreadsheet.sheet(UNITS_SHEET).type(2, 1, unitRows(1));
    google.SpreadsheetApp.ui.answers.unshift(rubric.id);
    bundle.xhhtSetUp?.();
    google.spreadsheet.sheet('Người dùng').type(2, 1, [
      [XA, 'xã', 'DV0001'],
      [ADMINS[0], 'quản trị', ''],
      [ADMINS[1], 'quản trị', ''],
    ]);
    google.SpreadsheetApp.ui.answers.push('đồng ý');
    bundle.xhhtConfirmPeople?.();
    const as = (who: string, handler: string, ...answers: string[]) => {
      google.Session.email = who;
      google.Session.effective = who;
      google.SpreadsheetApp.ui.answers.push(...answers);
      bundle[handler]?.();
      return google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
    };
    return { google, bundle, as };
  }

  it('keeps one owner of automatic mail; the other account’s triggers exit at once', () => {
    const { google, as } = book();
    as(ADMINS[0] as string, 'xhhtInstallMailTriggers');
    expect(as(ADMINS[1] as string, 'xhhtInstallMailTriggers')).toMatch(
      new RegExp(`^Gửi thư tự động đang bật từ tài khoản ${ADMINS[0]}\\.`),
    );
    expect(google.ScriptApp.triggers.every((t) => t.owner === ADMINS[0])).toBe(true);
    as(ADMINS[1] as string, 'xhhtRemoveMailTriggers');
    as(ADMINS[1] as string, 'xhhtInstallMailTriggers');
    const reads = google.io.reads;
    // The first account's trigger fires: it reads no sheet and sends nothing.
    as(ADMINS[0] as string, 'xhhtHourlyMail');
    expect(google.io.reads).toBe(reads);
  });

  it('reports a deleted log, refuses the next step, and restarts the chain only for an administrator', () => {
    const { google, as } = book();
    google.spreadsheet.select(rubric.scoringSheet, [2, 1]);
    as(XA, 'xhhtRegister');
    const sheets = google.spreadsheet.sheets;
    sheets.splice(sheets.indexOf(google.spreadsheet.sheet('Nhật ký')), 1);
    expect(as(XA, 'xhhtCheckLog')).toMatch(/^Nhật ký đã bị thay đổi\. Trang «Nhật ký» không còn/);
    expect(as(XA, 'xhhtSubmit')).toMatch(/^Trang «Nhật ký» không còn/);
    expect(as(XA, 'xhhtRestartLog', 'lý do')).toMatch(/^Chỉ người có vai trò «quản trị»/);
    expect(as(ADMINS[0] as string, 'xhhtRestartLog', 'Xóa nhầm')).toMatch(
      /^Đã bắt đầu lại chuỗi nhật ký/,
    );
    expect(as(XA, 'xhhtCheckLog')).toMatch(/^Nhật ký nguyên vẹn: 1 dòng/);
  });

  it('checks the log against a published head, imports only for an administrator, confirms nothing unclaimed', () => {
    const { google, as } = book();
    google.spreadsheet.select(rubric.scoringSheet, [2, 1]);
    as(XA, 'xhhtRegister');
    const head = /Mã đầu chuỗi: ([0-9a-f]{64})/.exec(as(XA, 'xhhtCheckLog'))?.[1] ?? '';
    expect(head).toHaveLength(64);
    as(XA, 'xhhtSubmit');
    expect(as(XA, 'xhhtCheckLogHead', head)).toContain('1 dòng ghi sau đó');
    expect(as(XA, 'xhhtCheckLogHead', 'ab'.repeat(32))).toContain('không khớp với dòng nào');
    expect(as(XA, 'xhhtImportOffline')).toMatch(/^Chỉ người có vai trò «quản trị»/);
    expect(as(ADMINS[0] as string, 'xhhtImportOffline')).toContain('Tệp → Nhập');
    google.spreadsheet.select(rubric.scoringSheet, [2, 1]);
    expect(as(XA, 'xhhtConfirmOffline')).toBe(
      'DV0001: không có bước ngoại tuyến nào chờ xác nhận.',
    );
  });

  it('refuses set-up to a non-administrator with nothing written, and to anyone but the owner the first time', () => {
    const fresh = fakeGoogle();
    const first = loadBundle(code, fresh.globals);
    fresh.Session.email = ADMINS[0] as string;
    fresh.io.reset();
    first.xhhtSetUp?.();
    expect(fresh.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(
      /^Trang «Người dùng» chưa có ai vai trò «quản trị», nên lần khởi tạo đầu tiên chỉ chủ sở hữu bảng tính/,
    );
    expect(fresh.io.writes).toBe(0);

    const { google, as } = book();
    google.io.reset();
    expect(as(XA, 'xhhtSetUp', rubric.id)).toMatch(/^Chỉ quản trị .*Chưa có gì thay đổi\.$/);
    expect(google.io.writes).toBe(0);
  });

  it('protects «Người dùng» for the administrators, and gives a new reviewer rights only once confirmed', () => {
    const { google, as } = book();
    const people = google.spreadsheet.sheet('Người dùng');
    const write = (who: string) => {
      google.Session.email = who;
      people.getRange(5, 1, 1, 3).setValues([[who, 'tỉnh', '']]);
    };
    // A commune officer cannot make themselves province.
    expect(() => write(XA)).toThrow(/protected/);
    // An administrator writes a new reviewer: no rights over the reviewers' columns yet.
    const NEW = 'tham.dinh.moi@example.org';
    google.Session.email = ADMINS[0] as string;
    people.getRange(5, 1, 1, 3).setValues([[NEW, 'tỉnh', '']]);
    const sheet = google.spreadsheet.sheet(rubric.scoringSheet);
    const review = headerColumn(sheet, /^Thẩm định /);
    const typeReview = () => {
      google.Session.email = NEW;
      sheet.getRange(2, review, 1, 1).setValues([[5]]);
    };
    expect(as(ADMINS[0] as string, 'xhhtSetUp', rubric.id)).toContain(
      `Chờ quản trị xác nhận (chưa có quyền sửa cột thẩm định hay trang được bảo vệ): ${NEW}.`,
    );
    expect(typeReview).toThrow(/protected/);
    expect(as(ADMINS[1] as string, 'xhhtConfirmPeople', 'đồng ý')).toMatch(
      /^Đã xác nhận danh sách người dùng \(ghi ở «Nhật ký»\)/,
    );
    expect(typeReview).not.toThrow();
    expect(as(XA, 'xhhtCheckLog')).toMatch(/^Nhật ký nguyên vẹn: 2 dòng/);
  });
});
