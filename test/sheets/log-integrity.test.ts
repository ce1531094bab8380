import { describe, expect, it } from 'vitest';
import { rowHash } from '../../src/domain/audit';
import { MAX_CELL_CHARS } from '../../src/domain/cells';
import { sealHolds, sealOf } from '../../src/domain/seal';
import { OfflineIdentity } from '../../src/node/offline';
import { SheetStore } from '../../src/node/sheet-store';
import { type ActPorts, act } from '../../src/sheets/act';
import { acceptLogRowsAction, checkLogAction, restartLogAction } from '../../src/sheets/actions';
import {
  AUDIT_SHEET,
  appendAudit,
  checkAudit,
  HEAD_KEY,
  HEAD_SHEET,
  readAudit,
  START_KEY,
} from '../../src/sheets/audit-log';
import { CRITERIA_SHEET } from '../../src/sheets/layout';
import { setUp } from '../../src/sheets/set-up';
import { FakeSheet } from '../fakes/spreadsheet';
import { columnValues, headerColumn, rubric } from './workbook-helpers';
import { ADMIN, HUYEN, TINH, workflowBook, XA } from './workflow-helpers';

const sha = (text: string) => `h(${text})`;

describe('the log hashes exactly what its cells store', () => {
  it('keeps a return comment with a double space, a trailing space or a line break intact', () => {
    const { google, ports, as, status } = workflowBook();
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    const comments = ['Thiếu  biên bản', 'Thiếu biên bản ', 'Thiếu biên bản.\nBổ sung ảnh.'];
    for (const comment of comments) {
      as(HUYEN, [[2, 1]], 'return', comment);
      as(XA, [[2, 1]], 'submit');
    }
    expect(status()[0]).toBe('Chờ huyện thẩm định');
    const stored = columnValues(google.spreadsheet.sheet(AUDIT_SHEET), 'Nhận xét');
    for (const comment of comments) expect(stored).toContain(comment);
    expect(checkAudit(ports)).toMatchObject({ check: { ok: true, rows: 8 } });
  });

  it('formats the log as plain text, so Sheets keeps «1,5», «01/02» and «TRUE» as written', () => {
    const { google, ports, as } = workflowBook();
    as(XA, [[2, 1]], 'register');
    const log = google.spreadsheet.sheet(AUDIT_SHEET);
    const comment = headerColumn(log, 'Nhận xét');
    expect(log.numberFormats.get(`2,${comment}`)).toBe('@');
    // The fake reads a plain string the way Sheets does where the cell is not plain text …
    expect(FakeSheet.parseInput('1,5')).toBe(1.5);
    expect(FakeSheet.parseInput('01/02')).toBeInstanceOf(Date);
    expect(FakeSheet.parseInput('TRUE')).toBe(true);
    // … and the log's cells keep it, even written without the apostrophe XHHT adds.
    log.getRange(3, comment, 1, 1).setValues([['01/02']]);
    expect(log.valueAt(3, comment)).toBe('01/02');
    log.getRange(3, comment, 1, 1).setValues([['']]);
    for (const typed of ['1,5', '01/02', 'TRUE']) {
      as(XA, [[2, 1]], 'submit');
      as(HUYEN, [[2, 1]], 'return', typed);
    }
    expect(columnValues(log, 'Nhận xét').filter((c) => c !== '')).toEqual(['1,5', '01/02', 'TRUE']);
    expect(checkAudit(ports).check.ok).toBe(true);
  });

  it('gives a log made by the previous version its plain-text format at the next write', () => {
    const { google, ports, as } = workflowBook();
    as(XA, [[2, 1]], 'register');
    const log = google.spreadsheet.sheet(AUDIT_SHEET);
    // As the previous version left it: no format, no memory of one.
    log.numberFormats.clear();
    google.PropertiesService.document.deleteProperty('xhht.audit.plainText');
    as(XA, [[2, 1]], 'submit');
    expect(log.numberFormats.get(`3,${headerColumn(log, 'Nhận xét')}`)).toBe('@');
    expect(checkAudit(ports).check.ok).toBe(true);
  });

  it('refuses a comment longer than a cell holds, with a message, writing nothing', () => {
    const { google, as, status } = workflowBook();
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    const rows = google.spreadsheet.sheet(AUDIT_SHEET).snapshot().length;
    expect(as(HUYEN, [[2, 1]], 'return', 'x'.repeat(MAX_CELL_CHARS + 1))).toMatch(
      /^Nhận xét dài 50001 ký tự, quá sức chứa của một ô .*Chưa có gì được ghi\.$/,
    );
    expect(status()[0]).toBe('Chờ huyện thẩm định');
    expect(google.spreadsheet.sheet(AUDIT_SHEET).snapshot()).toHaveLength(rows);
  });
});

describe('the seal of approved values', () => {
  const values = [10, 'Biên bản số 3\nẢnh  kèm', new Date(Date.UTC(2026, 2, 15)), true];

  it('breaks on a changed date, line break, doubled space or boolean', () => {
    const seal = sealOf(values, sha);
    expect(sealHolds(seal, values, sha)).toBe(true);
    const changed = [
      [10, 'Biên bản số 3\nẢnh  kèm', new Date(Date.UTC(2026, 2, 16)), true],
      [10, 'Biên bản số 3 Ảnh  kèm', values[2], true],
      [10, 'Biên bản số 3\nẢnh kèm', values[2], true],
      [10, 'Biên bản số 3\nẢnh  kèm ', values[2], true],
      [10, values[1], values[2], false],
    ];
    for (const edited of changed) expect(sealHolds(seal, edited, sha)).toBe(false);
  });

  it('still holds a seal the previous version wrote, until the next approval', () => {
    const legacy = sha(JSON.stringify(['10', 'Biên bản số 3 Ảnh kèm', '', '']));
    expect(sealHolds(legacy, values, sha)).toBe(true);
    expect(sealHolds(legacy, [9, ...values.slice(1)], sha)).toBe(false);
  });
});

describe('the seal through a step', () => {
  it('sends a unit back when a sealed meeting date (a Date cell) or multi-line minutes change', () => {
    for (const edit of [
      (sheet: FakeSheet, date: number) => sheet.type(2, date, [[new Date(2026, 10, 19)]]),
      (sheet: FakeSheet, date: number) => sheet.type(2, date + 1, [['BB 12/2026\nkèm  ảnh']]),
    ]) {
      const { google, ports, sheet, as, status } = workflowBook();
      const criteria = google.spreadsheet.sheet(CRITERIA_SHEET);
      criteria.type(criteria.snapshot().length + 1, 1, [
        [rubric.id, 'Quy tắc', 'HOP_THONG_NHAT', 'Họp thống nhất trước khi gửi', '', '', 1],
      ]);
      setUp(ports, rubric.id);
      const date = headerColumn(sheet, 'Ngày họp thống nhất (ngày/tháng/năm)');
      expect(headerColumn(sheet, 'Biên bản họp (đường dẫn hoặc số)')).toBe(date + 1);
      sheet.type(2, date, [[new Date(2026, 10, 20), 'BB 12/2026\nkèm ảnh']]);
      as(XA, [[2, 1]], 'register');
      as(XA, [[2, 1]], 'submit');
      as(HUYEN, [[2, 1]], 'approve');
      expect(status()[0]).toBe('Chờ tỉnh quyết định');
      edit(sheet, date);
      expect(as(TINH, [[2, 1]], 'recognise', '1/QĐ', '20/03/2027')).toMatch(
        /điểm hoặc minh chứng đã bị sửa sau khi được duyệt/,
      );
      expect(status()[0]).toBe('Chờ huyện thẩm định');
    }
  });
});

describe('the chain cannot be reset silently', () => {
  it('reports a deleted «Nhật ký» and refuses the next step rather than start a new chain', () => {
    const { google, ports, as, status } = workflowBook();
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    const sheets = google.spreadsheet.sheets;
    sheets.splice(sheets.indexOf(google.spreadsheet.sheet(AUDIT_SHEET)), 1);
    expect(checkAudit(ports).check.ok).toBe(false);
    expect(checkAudit(ports).message).toMatch(
      /^Nhật ký đã bị thay đổi\. Trang «Nhật ký» không còn, trong khi mã đầu chuỗi nhật ký vẫn được lưu giữ/,
    );
    expect(as(HUYEN, [[2, 1]], 'approve')).toMatch(/^Trang «Nhật ký» không còn/);
    expect(status()[0]).toBe('Chờ huyện thẩm định');
    expect(google.spreadsheet.sheets.some((s) => s.getName() === AUDIT_SHEET)).toBe(false);
  });

  it('reports a shorter log as a break and refuses the next step', () => {
    const { google, ports, as, status } = workflowBook();
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    as(HUYEN, [[2, 1]], 'approve');
    const log = google.spreadsheet.sheet(AUDIT_SHEET);
    log.type(4, 1, [Array(log.snapshot()[0]?.length ?? 0).fill('')]);
    // The head sheet rewritten to match the rows left: the properties still say three rows.
    const rows = readAudit(ports.workbook);
    const head = rowHash(rows[1] as never, (t) => ports.hasher.sha256Hex(t));
    google.spreadsheet.sheet(HEAD_SHEET).type(1, 2, [[head], [2]]);
    expect(checkAudit(ports)).toMatchObject({ check: { ok: false } });
    expect(checkAudit(ports).message).toMatch(
      /chỉ còn 2 dòng, trong khi mã đầu chuỗi lưu giữ ứng với 3 dòng/,
    );
    expect(as(TINH, [[2, 1]], 'recognise', '1/QĐ', '20/03/2027')).toMatch(/đã có dòng bị xóa/);
    expect(status()[0]).toBe('Chờ tỉnh quyết định');
  });

  it('restarts a chain only as an administrator’s explicit, logged action', () => {
    const { google, ports, as } = workflowBook();
    as(XA, [[2, 1]], 'register');
    const oldHead = google.PropertiesService.document.getProperty(HEAD_KEY);
    const sheets = google.spreadsheet.sheets;
    sheets.splice(sheets.indexOf(google.spreadsheet.sheet(AUDIT_SHEET)), 1);
    const ui = google.SpreadsheetApp.ui;
    // Not an administrator: refused, nothing written.
    google.Session.email = HUYEN;
    restartLogAction(ports);
    expect(ui.alerts.at(-1)?.prompt).toMatch(/^Chỉ người có vai trò «quản trị»/);
    expect(sheets.some((s) => s.getName() === AUDIT_SHEET)).toBe(false);
    // An administrator without a reason: nothing.
    google.Session.email = ADMIN;
    ui.answers.push('  ');
    restartLogAction(ports);
    expect(sheets.some((s) => s.getName() === AUDIT_SHEET)).toBe(false);
    ui.answers.push('Trang nhật ký bị xóa nhầm ngày 20/03, không khôi phục được');
    restartLogAction(ports);
    expect(ui.alerts.at(-1)?.prompt).toContain(`mã đầu chuỗi cũ (${oldHead})`);
    const log = google.spreadsheet.sheet(AUDIT_SHEET);
    expect(log.snapshot()[1]?.slice(1, 4)).toEqual([ADMIN, '', 'Bắt đầu lại chuỗi nhật ký']);
    expect(String(log.snapshot()[1]?.[6])).toContain(`mã đầu chuỗi ${oldHead}`);
    expect(checkAudit(ports).check).toMatchObject({ ok: true, rows: 1 });
    as(XA, [[2, 1]], 'submit');
    // The unit's registration is no longer in the chain: its cells are taken as they stand, once,
    // and the step's row says so (issue 11); nothing is written under XHHT's name.
    expect(columnValues(log, 'Hành động')).toEqual(['Bắt đầu lại chuỗi nhật ký', 'Gửi']);
    expect(columnValues(log, 'Nhận xét').at(-1)).toContain('Nhận các ô do XHHT ghi như đang có');
    expect(checkAudit(ports).check).toMatchObject({ ok: true, rows: 2 });
  });

  it('restarted over a broken log, keeps the old rows unchecked and checks the new chain', () => {
    const { google, ports, as } = workflowBook();
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    const log = google.spreadsheet.sheet(AUDIT_SHEET);
    log.type(2, headerColumn(log, 'Nhận xét'), [['sửa tay']]);
    expect(checkAudit(ports).check.ok).toBe(false);
    google.Session.email = ADMIN;
    google.SpreadsheetApp.ui.answers.push('Dòng 2 bị sửa tay, đã lập biên bản');
    restartLogAction(ports);
    expect(google.PropertiesService.document.getProperty(START_KEY)).toBe('2');
    as(HUYEN, [[2, 1]], 'approve');
    const check = checkAudit(ports);
    expect(check.check).toMatchObject({ ok: true, rows: 4 });
    expect(check.message).toContain(
      'Chuỗi được bắt đầu lại ở dòng 4; 2 dòng trước đó thuộc chuỗi cũ',
    );
    // An edit in the new chain is found.
    log.type(5, headerColumn(log, 'Nhận xét'), [['sửa tay']]);
    expect(checkAudit(ports)).toMatchObject({ check: { ok: false }, row: 5 });
  });
});

describe('rows past the kept head', () => {
  it('are not accepted when they look offline, appended online with the hidden sheet’s head edited', () => {
    const { google, ports, as, status } = workflowBook();
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    // An editor appends a row in an «offline» name approving the unit, and edits the hidden head.
    const log = google.spreadsheet.sheet(AUDIT_SHEET);
    const rows = readAudit(ports.workbook);
    const digest = (t: string) => ports.hasher.sha256Hex(t);
    const forged = {
      time: '20/03/2026 10:00:00',
      user: `${HUYEN} (ngoại tuyến, chưa xác thực)`,
      unit: 'DV0001',
      action: 'Duyệt',
      from: 'Chờ huyện thẩm định',
      to: 'Chờ tỉnh quyết định',
      comment: '',
      previous: rowHash(rows[1] as never, digest),
    };
    log.type(4, 1, [Object.values(forged)]);
    google.spreadsheet.sheet(HEAD_SHEET).type(1, 2, [[rowHash(forged, digest)], [3]]);
    const check = checkAudit(ports);
    expect(check.check).toMatchObject({ ok: false, pending: 1 });
    expect(check.message).toMatch(/^Nhật ký chưa trọn\. Trang «Nhật ký» có 1 dòng sau dòng 3/);
    // No step chains after them until an administrator accepts them.
    expect(as(TINH, [[2, 1]], 'recognise', '1/QĐ', '20/03/2027')).toMatch(/chưa được tính/);
    expect(status()[0]).toBe('Chờ huyện thẩm định');
  });

  it('come back from an offline round trip and count once an administrator accepts them', () => {
    const { google, ports, as } = workflowBook();
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    google.Session.email = HUYEN;
    const offline: ActPorts = {
      ...ports,
      store: new SheetStore(ports.workbook),
      identity: new OfflineIdentity(HUYEN),
    };
    act(offline, { action: 'approve' }, { sheet: rubric.scoringSheet, rows: [2] });
    expect(checkAudit(ports).check).toMatchObject({ ok: false, pending: 1 });
    const ui = google.SpreadsheetApp.ui;
    google.Session.email = TINH;
    acceptLogRowsAction(ports);
    expect(ui.alerts.at(-1)?.prompt).toMatch(/^Chỉ người có vai trò «quản trị»/);
    google.Session.email = ADMIN;
    ui.answers.push(null);
    acceptLogRowsAction(ports);
    expect(ui.prompts.at(-1)?.prompt).toContain(
      `${HUYEN} (ngoại tuyến, chưa xác thực) · DV0001 · Duyệt → Chờ tỉnh quyết định`,
    );
    expect(checkAudit(ports).check.ok).toBe(false);
    ui.answers.push('Tệp ngoại tuyến của huyện 1, ngày 20/03');
    acceptLogRowsAction(ports);
    expect(ui.alerts.at(-1)?.prompt).toBe(
      'Đã nhận 1 dòng vào nhật ký; việc nhận được ghi bằng tên bạn.',
    );
    const check = checkAudit(ports);
    expect(check.check).toMatchObject({ ok: true, rows: 4 });
    expect(check.message).toContain('1 dòng mang tên chưa xác thực');
    as(TINH, [[2, 1]], 'recognise', '125/QĐ-UBND', '20/03/2027');
    expect(checkAudit(ports).check).toMatchObject({ ok: true, rows: 5 });
    expect(columnValues(google.spreadsheet.sheet(AUDIT_SHEET), 'Người thực hiện')).toEqual([
      XA,
      XA,
      `${HUYEN} (ngoại tuyến, chưa xác thực)`,
      ADMIN,
      TINH,
    ]);
    checkLogAction(ports);
    expect(ui.alerts.at(-1)?.prompt).toMatch(/^Nhật ký nguyên vẹn: 5 dòng/);
  });

  it('cannot be accepted when they do not chain from the kept head', () => {
    const { google, ports, as } = workflowBook();
    as(XA, [[2, 1]], 'register');
    const log = google.spreadsheet.sheet(AUDIT_SHEET);
    log.type(3, 1, [['20/03/2026', `${HUYEN} (ngoại tuyến, chưa xác thực)`, 'DV0001', 'Duyệt']]);
    google.Session.email = ADMIN;
    google.SpreadsheetApp.ui.answers.push('thử');
    acceptLogRowsAction(ports);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(/^Không nhận được:/);
    expect(log.snapshot()).toHaveLength(3);
  });
});

describe('the audit log port', () => {
  it('appends nothing to a deleted log while a head is kept', () => {
    const { google, ports, as } = workflowBook();
    as(XA, [[2, 1]], 'register');
    const sheets = google.spreadsheet.sheets;
    sheets.splice(sheets.indexOf(google.spreadsheet.sheet(AUDIT_SHEET)), 1);
    const entry = { time: 't', user: 'u', unit: 'x', action: 'a', from: '', to: '', comment: '' };
    expect(() => appendAudit(ports, [entry])).toThrow(/Trang «Nhật ký» không còn/);
  });
});
