import { describe, expect, it } from 'vitest';
import { act } from '../../src/sheets/act';
import {
  actAction,
  confirmPeopleAction,
  setUpAction,
  sidebarDataAction,
} from '../../src/sheets/actions';
import { AUDIT_SHEET } from '../../src/sheets/audit-log';
import { CRITERIA_SHEET, SETTINGS_SHEET, UNITS_SHEET } from '../../src/sheets/layout';
import { OUTBOX_COLUMNS, OUTBOX_SHEET, queueMail } from '../../src/sheets/outbox';
import { PEOPLE_SHEET } from '../../src/sheets/people-sheet';
import {
  CONFIRMED_PEOPLE_KEY,
  headerProtection,
  readConfirmed,
  reviewProtection,
  sheetProtection,
  writeConfirmed,
} from '../../src/sheets/protection';
import { setUp } from '../../src/sheets/set-up';
import { readSettings } from '../../src/sheets/settings-sheet';
import { unitPlaces } from '../../src/sheets/unit-places';
import { workflowRows } from '../../src/sheets/workflow-rows';
import { gasActPorts, gasContext } from '../fakes/context';
import { fakeGoogle, OWNER } from '../fakes/google';
import type { FakeSheet } from '../fakes/spreadsheet';
import { headerColumn, rubric, unitRows } from './workbook-helpers';

const ADMIN = 'quantri@example.org';
const XA = 'can.bo.xa1@example.org';
const HUYEN1 = 'thamdinh.huyen1@example.org';
const HUYEN2 = 'thamdinh.huyen2@example.org';
const NEWCOMER = 'nguoi.moi@example.org';

/** A spreadsheet set up online through the menu, as its owner does it. */
function onlineBook() {
  const google = fakeGoogle();
  const ports = gasActPorts(google);
  const as = (who: string, action: (ctx: typeof ports) => void, ...answers: string[]) => {
    google.Session.email = who;
    google.SpreadsheetApp.ui.answers.push(...answers);
    action(ports);
    return google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
  };
  const setUpAs = (who: string) => as(who, setUpAction, rubric.id);
  return { google, ports, as, setUpAs };
}

/** The owner's set-up with units, then «Người dùng» written and confirmed. */
function confirmedBook() {
  const book = onlineBook();
  const { google, as, setUpAs } = book;
  setUpAs(OWNER);
  google.spreadsheet.sheet(UNITS_SHEET).type(2, 1, unitRows(3));
  setUpAs(OWNER);
  google.spreadsheet.sheet(PEOPLE_SHEET).type(2, 1, [
    [XA, 'xã', 'DV0001'],
    [HUYEN1, 'huyện', 'Huyện 1'],
    [HUYEN2, 'huyện', 'Huyện 2'],
    [ADMIN, 'quản trị', ''],
  ]);
  as(OWNER, confirmPeopleAction, 'đồng ý');
  return book;
}

/** Whether `who` may write one cell of `sheet` at (row, column), as Sheets would let them. */
function canWrite(google: ReturnType<typeof fakeGoogle>, who: string, sheet: FakeSheet, row = 2) {
  const before = google.Session.email;
  google.Session.email = who;
  try {
    sheet.getRange(row, 1, 1, 1).setValues([[sheet.valueAt(row, 1)]]);
    return true;
  } catch {
    return false;
  } finally {
    google.Session.email = before;
  }
}

const editorsOf = (sheet: FakeSheet, description: string) =>
  [...(sheet.protections.find((p) => p.getDescription() === description)?.editors ?? [])].sort();

describe('set-up is for administrators', () => {
  it('refuses the first set-up to anyone but the owner, writing nothing', () => {
    const { google, setUpAs } = onlineBook();
    google.io.reset();
    const notice = setUpAs(ADMIN);
    expect(notice).toMatch(
      new RegExp(
        `^Trang «Người dùng» chưa có ai vai trò «quản trị», nên lần khởi tạo đầu tiên chỉ chủ sở hữu bảng tính \\(${OWNER}\\) làm được\\. ${ADMIN} không phải chủ sở hữu\\. Chưa có gì thay đổi\\.$`,
      ),
    );
    expect(google.io.writes).toBe(0);
    expect(google.spreadsheet.sheets).toEqual([]);
    // No question was asked before the refusal.
    expect(google.SpreadsheetApp.ui.prompts).toEqual([]);
  });

  it('refuses an officer who is no administrator, writing nothing, and says who may', () => {
    const { google, setUpAs } = confirmedBook();
    const before = google.spreadsheet.sheet(PEOPLE_SHEET).snapshot();
    google.io.reset();
    expect(setUpAs(XA)).toBe(
      `Chỉ quản trị (vai trò «quản trị» trong trang «Người dùng») hoặc chủ sở hữu bảng tính làm việc này. ${XA} không phải quản trị. Chưa có gì thay đổi.`,
    );
    expect(google.io.writes).toBe(0);
    expect(google.spreadsheet.sheet(PEOPLE_SHEET).snapshot()).toEqual(before);
  });

  it('refuses a user Google does not name', () => {
    const { google, setUpAs } = onlineBook();
    google.io.reset();
    expect(setUpAs('')).toMatch(/^Google không cho biết tài khoản của bạn/);
    expect(google.io.writes).toBe(0);
  });

  it('lets a confirmed administrator set up again, and the owner always', () => {
    const { google, setUpAs } = confirmedBook();
    expect(setUpAs(ADMIN)).toMatch(/^Đã khởi tạo bảng tính/);
    expect(setUpAs(OWNER)).toMatch(/^Đã khởi tạo bảng tính/);
    // The administrator's set-up replaced the protections: one of each, not one per run.
    const people = google.spreadsheet.sheet(PEOPLE_SHEET);
    expect(people.protections).toHaveLength(1);
  });

  it('on a shared drive (no owner), lets the first set-up proceed and says who holds the protections', () => {
    const { google, setUpAs } = onlineBook();
    google.spreadsheet.onSharedDrive = true;
    const notice = setUpAs(ADMIN);
    expect(notice).toContain(
      `Tệp nằm trong bộ nhớ dùng chung nên không có chủ sở hữu: ${ADMIN} khởi tạo lần đầu và là người duy nhất sửa được các trang được bảo vệ.`,
    );
    const people = google.spreadsheet.sheet(PEOPLE_SHEET);
    expect(editorsOf(people, sheetProtection(PEOPLE_SHEET))).toEqual([ADMIN]);
    expect(canWrite(google, ADMIN, people)).toBe(true);
    expect(canWrite(google, XA, people)).toBe(false);
  });
});

describe('set-up hard-protects what the product alone writes', () => {
  it('gives «Người dùng», «Cài đặt», the criteria and «Đơn vị» to the administrators and the owner only', () => {
    const { google } = confirmedBook();
    for (const name of [PEOPLE_SHEET, SETTINGS_SHEET, CRITERIA_SHEET, UNITS_SHEET]) {
      const sheet = google.spreadsheet.sheet(name);
      const protection = sheet.getProtections(google.SpreadsheetApp.ProtectionType.SHEET);
      expect(protection.map((p) => [p.getDescription(), p.isWarningOnly()])).toEqual([
        [sheetProtection(name), false],
      ]);
      expect(editorsOf(sheet, sheetProtection(name))).toEqual([OWNER, ADMIN].sort());
      // An officer can make themselves province no more, nor lower a threshold, nor move a unit.
      expect(canWrite(google, XA, sheet), name).toBe(false);
      expect(canWrite(google, HUYEN1, sheet), name).toBe(false);
      expect(canWrite(google, ADMIN, sheet), name).toBe(true);
    }
  });

  it('protects the header rows of «Nhật ký» and «Hộp thư đi», while steps still append below them', () => {
    const { google, ports, as, setUpAs } = confirmedBook();
    queueMail(ports, [{ key: 'k1', to: [ADMIN], subject: 's', text: 't' }]);
    setUpAs(OWNER);
    for (const name of [AUDIT_SHEET, OUTBOX_SHEET]) {
      const sheet = google.spreadsheet.sheet(name);
      expect(editorsOf(sheet, headerProtection(name))).toEqual([OWNER, ADMIN].sort());
      expect(canWrite(google, XA, sheet, 1), name).toBe(false);
    }
    // The commune's step writes its log row under the protected header.
    const log = google.spreadsheet.sheet(AUDIT_SHEET);
    const rows = log.snapshot().length;
    google.spreadsheet.select(rubric.scoringSheet, [2, 1]);
    expect(as(XA, (ctx) => actAction(ctx, 'register'))).toMatch(/^Đã /);
    expect(log.snapshot().length).toBe(rows + 1);
  });

  it('gives a previous version’s outbox its new columns before protecting its header, so officers still queue mail', () => {
    const { google, ports, setUpAs } = confirmedBook();
    // «Hộp thư đi» as the previous version wrote it: no «Mã kiểm tra», «Mã thư trước» (made by the
    // first mail, not by set-up).
    const made = google.spreadsheet.getSheetByName(OUTBOX_SHEET);
    if (made) google.spreadsheet.deleteSheet(made);
    const outbox = google.spreadsheet.insertSheet(OUTBOX_SHEET);
    outbox.type(1, 1, [OUTBOX_COLUMNS.slice(0, 10).map((spec) => spec.header)]);
    setUpAs(ADMIN);
    const header = outbox.snapshot()[0];
    expect(header?.slice(10)).toEqual(['Mã kiểm tra', 'Mã thư trước']);
    google.Session.email = XA;
    queueMail(ports, [{ key: 'k1', to: [ADMIN], subject: 's', text: 't' }]);
    expect(outbox.snapshot()[1]?.[0]).toBe('k1');
    // A sheet protection refuses structure changes too, as in Sheets.
    expect(() => google.spreadsheet.sheet(PEOPLE_SHEET).setFrozenRows(0)).toThrow(/protected/);
  });

  it('keeps the owner an editor of every protection, as Sheets does', () => {
    const { google } = confirmedBook();
    const people = google.spreadsheet.sheet(PEOPLE_SHEET);
    const protection = people.protections[0];
    protection?.removeEditors([OWNER, ADMIN]);
    expect([...(protection?.editors ?? [])]).toEqual([OWNER]);
  });
});

describe('the district that authorises comes from «Đơn vị»', () => {
  it('gives unitPlaces the district, and a code «Đơn vị» does not list none', () => {
    const { ports } = confirmedBook();
    const places = unitPlaces(ports.workbook);
    expect(places.listed).toBe(true);
    expect(places('DV0001')).toEqual({ commune: '', cluster: 'II', district: 'Huyện 1' });
    expect(places('DV9999')).toBeUndefined();
  });

  it('gains an officer nothing who retypes «Huyện» on the scoring row', () => {
    const { google, ports } = confirmedBook();
    const sheet = google.spreadsheet.sheet(rubric.scoringSheet);
    const district = headerColumn(sheet, /^Địa bàn|^Huyện$/);
    // DV0002 is in Huyện 2 («Đơn vị»); its scoring row is retyped to Huyện 1.
    sheet.type(3, district, [['Huyện 1']]);
    google.Session.email = HUYEN1;
    google.spreadsheet.select(rubric.scoringSheet, [3, 1]);
    const data = sidebarDataAction(ports);
    expect(data.unit?.code).toBe('DV0002');
    expect(data.unit?.district).toBe('Huyện 2');
    expect(data.unit?.actions).toEqual([]);
    // The district of «Đơn vị» is the one Huyện 2's officer holds.
    google.Session.email = HUYEN2;
    expect(sidebarDataAction(ports).unit?.district).toBe('Huyện 2');
  });

  it('gives a step the district «Đơn vị» gives: a retyped «Huyện» is refused as out of scope', () => {
    const { google, ports } = confirmedBook();
    const sheet = google.spreadsheet.sheet(rubric.scoringSheet);
    sheet.type(3, headerColumn(sheet, /^Địa bàn|^Huyện$/), [['Huyện 1']]);
    google.Session.email = HUYEN1;
    const report = act(
      { ...ports, identity: { activeUserEmail: () => HUYEN1, vouched: true } },
      { action: 'approve' },
      { sheet: rubric.scoringSheet, rows: [3] },
    );
    expect(report.done).toEqual([]);
    expect(report.refused).toEqual([
      {
        code: 'DV0002',
        reason: expect.stringContaining('không có quyền với đơn vị DV0002 (Huyện 2)'),
      },
    ]);
  });

  it('gives the mail jobs and the export the district «Đơn vị» gives, not the scoring row’s', () => {
    const { google, ports } = confirmedBook();
    const sheet = google.spreadsheet.sheet(rubric.scoringSheet);
    sheet.type(2, headerColumn(sheet, /^Địa bàn|^Huyện$/), [['Huyện 3']]);
    const now = ports.clock.now();
    const rows = workflowRows(ports.workbook, readSettings(ports.workbook, now), now);
    expect(rows.find((row) => row.code === 'DV0001')?.district).toBe('Huyện 1');
  });
});

describe('a new reviewer gets rights only when an administrator confirms the list', () => {
  const review = (google: ReturnType<typeof fakeGoogle>) => {
    const sheet = google.spreadsheet.sheet(rubric.scoringSheet);
    return { sheet, editors: () => editorsOf(sheet, reviewProtection(sheet.getName())) };
  };

  it('leaves a person newly written into «Người dùng» out of the editors until confirmed, and says so', () => {
    const { google, as, setUpAs, ports } = confirmedBook();
    const { sheet, editors } = review(google);
    expect(editors()).toEqual([OWNER, ADMIN, HUYEN1, HUYEN2].sort());
    google.spreadsheet.sheet(PEOPLE_SHEET).type(6, 1, [[NEWCOMER, 'tỉnh', '']]);
    const notice = setUpAs(ADMIN);
    expect(notice).toContain(
      `Chờ quản trị xác nhận (chưa có quyền sửa cột thẩm định hay trang được bảo vệ): ${NEWCOMER}.`,
    );
    expect(editors()).not.toContain(NEWCOMER);
    const reviewColumn = headerColumn(sheet, /^Thẩm định /);
    google.Session.email = NEWCOMER;
    expect(() => sheet.getRange(2, reviewColumn, 1, 1).setValues([[5]])).toThrow(/protected/);
    // The sidebar tells the administrator who waits, and the newcomer that they do.
    google.Session.email = ADMIN;
    expect(sidebarDataAction(ports).people).toContain(NEWCOMER);
    google.Session.email = NEWCOMER;
    expect(sidebarDataAction(ports).people).toMatch(/^Bạn đã được ghi vào trang «Người dùng»/);
    google.Session.email = XA;
    expect(sidebarDataAction(ports).people).toBe('');

    const question = () => google.SpreadsheetApp.ui.prompts.at(-1)?.prompt ?? '';
    expect(as(ADMIN, confirmPeopleAction, 'đồng ý')).toMatch(
      new RegExp(
        `^Đã xác nhận danh sách người dùng \\(ghi ở «Nhật ký»\\): 4 người thẩm định, 1 quản trị\\. Được thêm quyền: ${NEWCOMER}\\.`,
      ),
    );
    expect(question()).toContain(`Được thêm quyền: ${NEWCOMER}`);
    expect(editors()).toContain(NEWCOMER);
    google.Session.email = NEWCOMER;
    sheet.getRange(2, reviewColumn, 1, 1).setValues([[5]]);
    expect(sheet.valueAt(2, reviewColumn)).toBe(5);
    // Logged in the administrator's name.
    const last = google.spreadsheet.sheet(AUDIT_SHEET).snapshot().at(-1) ?? [];
    expect(last[1]).toBe(ADMIN);
    expect(last[3]).toBe('Xác nhận danh sách người dùng');
    expect(String(last[6])).toContain(`Thêm: ${NEWCOMER}.`);
  });

  it('takes the rights of a person removed from «Người dùng» at the next set-up, without confirmation', () => {
    const { google, setUpAs } = confirmedBook();
    const { editors } = review(google);
    const people = google.spreadsheet.sheet(PEOPLE_SHEET);
    people.type(4, 1, [['', '', '']]);
    setUpAs(ADMIN);
    expect(editors()).toEqual([OWNER, ADMIN, HUYEN1].sort());
  });

  it('refuses the confirmation to a non-administrator and to an unconfirmed one, writing nothing', () => {
    const { google, as } = confirmedBook();
    google.spreadsheet.sheet(PEOPLE_SHEET).type(6, 1, [[NEWCOMER, 'quản trị', '']]);
    google.io.reset();
    expect(as(XA, confirmPeopleAction, 'đồng ý')).toMatch(/^Chỉ quản trị/);
    expect(as(NEWCOMER, confirmPeopleAction, 'đồng ý')).toMatch(
      new RegExp(
        `^${NEWCOMER} có vai trò «quản trị» trong trang «Người dùng» nhưng chưa được xác nhận`,
      ),
    );
    expect(as(NEWCOMER, setUpAction, rubric.id)).toMatch(/chưa được xác nhận/);
    expect(google.io.writes).toBe(0);
  });

  it('changes nothing when the administrator does not answer «đồng ý»', () => {
    const { google, as, ports } = confirmedBook();
    google.spreadsheet.sheet(PEOPLE_SHEET).type(6, 1, [[NEWCOMER, 'tỉnh', '']]);
    const before = ports.store.get(CONFIRMED_PEOPLE_KEY);
    google.io.reset();
    expect(as(ADMIN, confirmPeopleAction, 'không')).toBe(
      'Chưa xác nhận danh sách người dùng; không có gì thay đổi.',
    );
    expect(google.io.writes).toBe(0);
    expect(ports.store.get(CONFIRMED_PEOPLE_KEY)).toBe(before);
  });

  it('keeps a province-sized list in parts, each under a property’s 9 kB', () => {
    const { ports } = onlineBook();
    const reviewers = Array.from({ length: 600 }, (_, i) => `can.bo.${i}@so-giao-duc.example.org`);
    writeConfirmed(ports.store, { reviewers, admins: [ADMIN], by: ADMIN, at: 'x' });
    expect(ports.store.get(CONFIRMED_PEOPLE_KEY)).toMatch(/^parts:\d+$/);
    expect(readConfirmed(ports.store)?.reviewers).toEqual(reviewers);
  });
});

describe('a workbook the previous version set up', () => {
  it('keeps its reviewers’ rights: the first set-up online takes «Người dùng» as it stands as confirmed', () => {
    // As the previous version left it: set up with people, protections by the sheet, no confirmed list.
    const google = fakeGoogle();
    const ctx = gasContext(google);
    setUp(ctx, rubric.id);
    google.spreadsheet.sheet(UNITS_SHEET).type(2, 1, unitRows(3));
    google.spreadsheet.sheet(PEOPLE_SHEET).type(2, 1, [
      [HUYEN1, 'huyện', 'Huyện 1'],
      [ADMIN, 'quản trị', ''],
    ]);
    setUp(ctx, rubric.id);
    const ports = gasActPorts(google, ctx);
    expect(ports.store.get(CONFIRMED_PEOPLE_KEY)).toBeNull();
    // An administrator runs set-up after the upgrade.
    google.Session.email = ADMIN;
    google.SpreadsheetApp.ui.answers.push(rubric.id);
    setUpAction(ports);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(/^Đã khởi tạo bảng tính/);
    expect(readConfirmed(ports.store)).toMatchObject({
      reviewers: [ADMIN, HUYEN1].sort(),
      admins: [ADMIN],
      by: 'XHHT',
    });
    const sheet = google.spreadsheet.sheet(rubric.scoringSheet);
    expect(editorsOf(sheet, reviewProtection(sheet.getName()))).toEqual(
      [OWNER, ADMIN, HUYEN1].sort(),
    );
    expect(canWrite(google, HUYEN1, google.spreadsheet.sheet(PEOPLE_SHEET))).toBe(false);
  });
});

describe('the fake reads a date cell as Sheets does', () => {
  it('gives a Date for a number in a cell formatted as a date, in the spreadsheet’s time zone', () => {
    const google = fakeGoogle();
    const sheet = google.spreadsheet.insertSheet('Ngày');
    google.spreadsheet.setSpreadsheetTimeZone('Asia/Ho_Chi_Minh');
    sheet.getRange(1, 1, 1, 2).setNumberFormat('dd/mm/yyyy');
    // 46,000 days after 30/12/1899 is 09/12/2025; 0.5 is noon.
    sheet.getRange(1, 1, 1, 2).setValues([[46_000, 46_000.5]]);
    sheet.getRange(2, 1, 1, 1).setValues([[46_000]]);
    const [dates = [], plain = []] = sheet.getRange(1, 1, 2, 2).getValues();
    expect(dates.map((d) => (d as Date).toISOString())).toEqual([
      '2025-12-08T17:00:00.000Z',
      '2025-12-09T05:00:00.000Z',
    ]);
    expect(plain[0]).toBe(46_000);
  });
});
