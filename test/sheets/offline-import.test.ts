import { describe, expect, it } from 'vitest';
import { isUnvouched, logName } from '../../src/domain/audit';
import {
  awaitingConfirmation,
  CONFIRM_ACTION,
  IMPORT_ACTION,
} from '../../src/domain/offline-claims';
import { OfflineIdentity } from '../../src/node/offline';
import { SheetStore } from '../../src/node/sheet-store';
import { type ActPorts, act } from '../../src/sheets/act';
import { acceptLogRowsAction, actAction } from '../../src/sheets/actions';
import {
  AUDIT_SHEET,
  appendAudit,
  checkAudit,
  HEAD_SHEET,
  readAudit,
} from '../../src/sheets/audit-log';
import { exportRecognised } from '../../src/sheets/export-recognised';
import { REGISTER_SHEET } from '../../src/sheets/layout';
import { confirmOfflineAction, importOfflineAction } from '../../src/sheets/offline-actions';
import { CLAIMS_FROM_KEY, waitingClaims } from '../../src/sheets/offline-claims';
import { findImported, originalNames, workbookRubrics } from '../../src/sheets/offline-import';
import { OUTBOX_SHEET } from '../../src/sheets/outbox';
import { foreignRows, outboxHead } from '../../src/sheets/outbox-seal';
import { composeSummary } from '../../src/sheets/summary-report';
import { columnValues, headerColumn, rubric } from './workbook-helpers';
import { ADMIN, FULL, HUYEN, TINH, workflowBook, XA } from './workflow-helpers';

/**
 * Two copies of one workbook: the online one, and the offline one an officer downloaded (made by the
 * same steps at the same fixed time, so their logs share their first rows exactly).
 */
function roundTrip(scores: unknown[][] = [FULL, FULL, []]) {
  const online = workflowBook(scores);
  const offline = workflowBook(scores);
  const both = (who: string, rows: [number, number][], action: Parameters<typeof actAction>[1]) => {
    online.as(who, rows, action);
    offline.as(who, rows, action);
  };
  /** A step taken with xhht: the same use case, the name self-declared. */
  const offlineAs = (
    who: string,
    rows: [number, number][],
    action: Parameters<typeof actAction>[1],
    ...answers: string[]
  ) => {
    offline.google.spreadsheet.select(rubric.scoringSheet, ...rows);
    offline.google.SpreadsheetApp.ui.answers.push(...answers);
    actAction(
      {
        ...offline.ports,
        identity: { activeUserEmail: () => who, runnerEmail: () => who, vouched: false },
      },
      action,
    );
  };
  /** Sheets' File → Import → «Insert new sheet(s)»: the offline file's sheets beside the online ones. */
  const importFile = () => {
    for (const name of [AUDIT_SHEET, rubric.scoringSheet, OUTBOX_SHEET]) {
      const values = offline.ports.workbook.sheet(name)?.readValues();
      if (!values) continue;
      online.ports.workbook.addSheet(`Copy of ${name}`).writeValues(1, 1, values);
    }
  };
  /** The administrator merges, agreeing to what was found. */
  const merge = (who = ADMIN, answer = 'đồng ý') => {
    online.google.Session.email = who;
    online.google.SpreadsheetApp.ui.answers.push(answer);
    importOfflineAction(online.ports);
    return online.google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
  };
  const sheetNames = () => online.ports.workbook.sheetNames();
  return { online, offline, both, offlineAs, importFile, merge, sheetNames };
}

describe('XHHT → Nhập kết quả ngoại tuyến (quản trị)', () => {
  it('merges offline steps, values and mail; the steps stay unvouched claims until confirmed online', () => {
    const trip = roundTrip();
    trip.both(XA, [[2, 1]], 'register');
    trip.both(XA, [[2, 1]], 'submit');
    // Offline: the district approves DV0001; DV0003's scores are typed in the file.
    trip.offlineAs(HUYEN, [[2, 1]], 'approve');
    trip.offline.sheet.type(4, 4, [FULL]);
    const offlineState = columnValues(trip.offline.sheet, 'Mã trạng thái')[0];
    expect(offlineState).not.toBe(columnValues(trip.online.sheet, 'Mã trạng thái')[0]);
    const onlineRows = readAudit(trip.online.ports.workbook).length;
    trip.importFile();

    const notice = trip.merge();
    expect(notice).toContain('Đã nhập kết quả ngoại tuyến: 1 bước, 10 giá trị');
    const log = readAudit(trip.online.ports.workbook);
    expect(log).toHaveLength(onlineRows + 2);
    expect(log[onlineRows]).toMatchObject({ user: ADMIN, action: IMPORT_ACTION });
    expect(log[onlineRows + 1]).toMatchObject({ unit: 'DV0001', action: 'Duyệt' });
    expect(isUnvouched(log[onlineRows + 1]?.user ?? '')).toBe(true);
    expect(log[onlineRows + 1]?.user).toContain(HUYEN);
    // The chain goes on intact, the unit's cells are as the step left them, the values are in.
    expect(checkAudit(trip.online.ports).check.ok).toBe(true);
    expect(columnValues(trip.online.sheet, 'Mã trạng thái')[0]).toBe(offlineState);
    expect(columnValues(trip.online.sheet, 'Dấu giá trị đã duyệt')[0]).toBe(
      columnValues(trip.offline.sheet, 'Dấu giá trị đã duyệt')[0],
    );
    expect(trip.online.sheet.snapshot()[3]?.slice(3, 13)).toEqual(FULL);
    // The imported sheets are gone.
    expect(trip.sheetNames().filter((name) => name.startsWith('Copy of'))).toEqual([]);
    // The mail the offline approval queued is the product's own online: the sender would take it.
    const outbox = trip.online.google.spreadsheet.sheet(OUTBOX_SHEET).snapshot();
    expect(outbox.length).toBeGreaterThan(1);
    const header = outbox[0] as string[];
    const at = (h: string) => header.indexOf(h);
    const seals = outbox.slice(1).map((row) => ({
      mark: String(row[at('Mã kiểm tra')]),
      previous: String(row[at('Mã thư trước')]),
      content: [
        'Mã thư',
        'Người nhận',
        'Tiêu đề',
        'Nội dung',
        'Nội dung HTML',
        'Biểu đồ (dữ liệu)',
      ].map((h) => row[at(h)] as string),
    }));
    expect(
      foreignRows(seals, outboxHead(trip.online.ports.store), (t) =>
        trip.online.ports.hasher.sha256Hex(t),
      ).size,
    ).toBe(0);

    // The approval is a claim: it waits until the district, signed in, confirms it.
    expect([...awaitingConfirmation(readAudit(trip.online.ports.workbook)).keys()]).toEqual([
      'dv0001',
    ]);
    trip.online.google.Session.email = XA;
    trip.online.google.spreadsheet.select(rubric.scoringSheet, [2, 1]);
    confirmOfflineAction(trip.online.ports);
    expect(trip.online.google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toContain(
      'cần người có vai trò',
    );
    expect(awaitingConfirmation(readAudit(trip.online.ports.workbook)).size).toBe(1);
    trip.online.google.Session.email = HUYEN;
    confirmOfflineAction(trip.online.ports);
    expect(trip.online.google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toContain(
      'DV0001: đã xác nhận «Duyệt»',
    );
    const after = readAudit(trip.online.ports.workbook);
    expect(after.at(-1)).toMatchObject({ user: HUYEN, unit: 'DV0001', action: CONFIRM_ACTION });
    expect(awaitingConfirmation(after).size).toBe(0);
    expect(checkAudit(trip.online.ports).check.ok).toBe(true);
  });

  it('judges who may confirm on the state the claim came from as its log row recorded it, not on a cell typed over', () => {
    const trip = roundTrip();
    trip.both(XA, [[2, 1]], 'register');
    trip.both(XA, [[2, 1]], 'submit');
    trip.offlineAs(HUYEN, [[2, 1]], 'approve');
    trip.importFile();
    expect(trip.merge()).toContain('Đã nhập kết quả ngoại tuyến: 1 bước');
    // The commune officer retypes «Mã trạng thái trước» so that the step seems to come from its own level.
    const previous = headerColumn(trip.online.sheet, /^Mã trạng thái trước$/);
    for (const typed of ['awaiting:0', 'drafting', 'none']) {
      trip.online.sheet.type(2, previous, [[typed]]);
      trip.online.google.Session.email = XA;
      trip.online.google.spreadsheet.select(rubric.scoringSheet, [2, 1]);
      confirmOfflineAction(trip.online.ports);
      expect(trip.online.google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toContain(
        'cần người có vai trò',
      );
      expect(awaitingConfirmation(readAudit(trip.online.ports.workbook)).size).toBe(1);
    }
  });

  it('refuses, naming the unit, when a unit was stepped online after the copy and offline too; writes nothing', () => {
    const trip = roundTrip();
    trip.both(XA, [[2, 1]], 'register');
    trip.both(XA, [[2, 1]], 'submit');
    trip.offlineAs(HUYEN, [[2, 1]], 'approve');
    trip.online.as(HUYEN, [[2, 1]], 'return', 'Thiếu biên bản');
    trip.importFile();
    const before = readAudit(trip.online.ports.workbook).length;
    const states = columnValues(trip.online.sheet, 'Mã trạng thái');
    const notice = trip.merge();
    expect(notice).toContain('Không nhập: 1 chỗ xung đột');
    expect(notice).toMatch(
      /Đơn vị DV0001: có bước trực tuyến sau khi tệp ngoại tuyến được tạo \(Ô A\d+, trang «Nhật ký»\)/,
    );
    expect(readAudit(trip.online.ports.workbook)).toHaveLength(before);
    expect(columnValues(trip.online.sheet, 'Mã trạng thái')).toEqual(states);
    expect(trip.sheetNames()).toContain(`Copy of ${AUDIT_SHEET}`);
  });

  it('refuses a value changed on both sides, naming the cell and both values', () => {
    const trip = roundTrip();
    trip.online.sheet.type(4, 4, [[5]]);
    trip.offline.sheet.type(4, 4, [[7]]);
    trip.importFile();
    const notice = trip.merge();
    expect(notice).toContain(`Ô D4, trang «${rubric.scoringSheet}» (đơn vị DV0003`);
    expect(notice).toContain('trực tuyến «5», ngoại tuyến «7»');
    expect(trip.online.sheet.snapshot()[3]?.[3]).toBe(5);
  });

  it('refuses an offline log edited by hand, and anyone but an administrator', () => {
    const trip = roundTrip();
    trip.both(XA, [[2, 1]], 'register');
    trip.offlineAs(XA, [[2, 1]], 'submit');
    trip.offlineAs(HUYEN, [[2, 1]], 'approve');
    trip.importFile();
    expect(trip.merge(HUYEN)).toContain('Chỉ người có vai trò «quản trị»');
    const copy = trip.online.google.spreadsheet.sheet(`Copy of ${AUDIT_SHEET}`);
    const rows = copy.snapshot().length;
    copy.type(rows - 1, 7, [['sửa tay']]);
    const notice = trip.merge();
    expect(notice).toContain(
      `Ô A${rows}, trang «Copy of ${AUDIT_SHEET}»: dòng này không nối tiếp dòng trước trong nhật ký ngoại tuyến`,
    );
    expect(trip.sheetNames()).toContain(`Copy of ${AUDIT_SHEET}`);
  });

  it('refuses an offline log whose last row no longer matches the head the file kept', () => {
    const trip = roundTrip();
    trip.both(XA, [[2, 1]], 'register');
    trip.offlineAs(XA, [[2, 1]], 'submit');
    trip.importFile();
    const head = trip.offline.ports.workbook.sheet(HEAD_SHEET)?.readValues();
    trip.online.ports.workbook.addSheet(`Copy of ${HEAD_SHEET}`).writeValues(1, 1, head ?? []);
    const copy = trip.online.google.spreadsheet.sheet(`Copy of ${AUDIT_SHEET}`);
    copy.type(copy.snapshot().length, 7, [['sửa tay']]);
    expect(trip.merge()).toContain('không khớp với mã đầu chuỗi tệp ngoại tuyến giữ ở');
  });

  it('leaves an offline recognition out of the export and the summary until the decider confirms it', () => {
    const trip = roundTrip();
    trip.both(XA, [[2, 1]], 'register');
    trip.both(XA, [[2, 1]], 'submit');
    trip.both(HUYEN, [[2, 1]], 'approve');
    trip.offlineAs(TINH, [[2, 1]], 'recognise', '7/QĐ-UBND', '23/11/2026');
    expect(columnValues(trip.offline.sheet, 'Mã trạng thái')[0]).toMatch(/^recognised/);
    trip.importFile();
    expect(trip.merge()).toContain('Đã nhập kết quả ngoại tuyến: 1 bước');
    expect(columnValues(trip.online.sheet, 'Mã trạng thái')[0]).toMatch(/^recognised/);
    expect(exportRecognised(trip.online.ports).count).toBe(0);
    const waiting = composeSummary(trip.online.ports).mail.text;
    expect(waiting).toContain('1 đơn vị có bước ngoại tuyến');
    expect(waiting).not.toMatch(/Đã công nhận \| 1/);
    expect(waiting).toContain('Tiến độ: 0/3 đơn vị đã công nhận');

    trip.online.google.Session.email = TINH;
    trip.online.google.spreadsheet.select(rubric.scoringSheet, [2, 1]);
    confirmOfflineAction(trip.online.ports);
    expect(trip.online.google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toContain(
      'DV0001: đã xác nhận «Công nhận»',
    );
    expect(exportRecognised(trip.online.ports).count).toBe(1);
    // «Sổ công nhận» records the recognition from its confirmation, naming the confirmation's row.
    const log = readAudit(trip.online.ports.workbook);
    const register = trip.online.google.spreadsheet.sheet(REGISTER_SHEET).snapshot();
    const last = register.at(-1) ?? [];
    const at = (h: string) => (register[0] as string[]).indexOf(h);
    expect(last[at('Mã đơn vị')]).toBe('DV0001');
    expect(last[at('Số quyết định')]).toBe('7/QĐ-UBND');
    expect(Number(last[at('Dòng nhật ký')])).toBe(log.length + 1);
    expect(log.at(-1)?.action).toBe(CONFIRM_ACTION);
    const confirmed = composeSummary(trip.online.ports).mail.text;
    expect(confirmed).not.toContain('bước ngoại tuyến');
    expect(confirmed).toMatch(/Đã công nhận \| 1/);
    expect(confirmed).toContain('Tiến độ: 1/3 đơn vị đã công nhận');
  });

  it('records an offline revocation in «Sổ công nhận» once the decider confirms it, so the recognition no longer stands', () => {
    const trip = roundTrip();
    trip.both(XA, [[2, 1]], 'register');
    trip.both(XA, [[2, 1]], 'submit');
    trip.both(HUYEN, [[2, 1]], 'approve');
    trip.online.google.SpreadsheetApp.ui.answers.push('7/QĐ-UBND', '23/11/2026');
    trip.offline.google.SpreadsheetApp.ui.answers.push('7/QĐ-UBND', '23/11/2026');
    trip.both(TINH, [[2, 1]], 'recognise');
    expect(exportRecognised(trip.online.ports).count).toBe(1);
    trip.offlineAs(TINH, [[2, 1]], 'revoke', '9/QĐ-UBND', '25/11/2026', 'Hồ sơ  sai\nsự thật');
    trip.importFile();
    expect(trip.merge()).toContain('Đã nhập kết quả ngoại tuyến: 1 bước');
    // Unconfirmed, the revocation is a claim: the register still holds the recognition.
    const register = () => trip.online.google.spreadsheet.sheet(REGISTER_SHEET).snapshot();
    const rowsBefore = register().length;

    trip.online.google.Session.email = TINH;
    trip.online.google.spreadsheet.select(rubric.scoringSheet, [2, 1]);
    confirmOfflineAction(trip.online.ports);
    expect(trip.online.google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toContain(
      'DV0001: đã xác nhận «Thu hồi / hủy công nhận»',
    );
    const rows = register();
    expect(rows).toHaveLength(rowsBefore + 1);
    const last = rows.at(-1) ?? [];
    const at = (h: string) => (rows[0] as string[]).indexOf(h);
    expect(last[at('Mã đơn vị')]).toBe('DV0001');
    expect(last[at('Số quyết định')]).toBe('9/QĐ-UBND');
    expect(last[at('Quyết định bị thu hồi')]).toBe('7/QĐ-UBND');
    expect(String(last[at('Lý do / ghi chú')])).toContain('Hồ sơ  sai\nsự thật');
    expect(Number(last[at('Dòng nhật ký')])).toBe(readAudit(trip.online.ports.workbook).length + 1);
    expect(exportRecognised(trip.online.ports).count).toBe(0);
  });

  it('copies every column the offline log has, and re-points the log-is-the-record columns', () => {
    const trip = roundTrip();
    trip.both(XA, [[2, 1]], 'register');
    trip.offlineAs(XA, [[2, 1]], 'submit');
    // A step of a version that writes the unit's record and its previous row, with the pointer of
    // the offline file (row 3 there).
    appendAudit(trip.offline.ports, [
      {
        time: '2026-11-23T10:05:00+07:00',
        user: logName(HUYEN, false),
        unit: 'DV0001',
        action: 'Duyệt',
        from: 'Chờ huyện thẩm định',
        to: 'Chờ tỉnh quyết định',
        comment: '',
        record: '["awaiting:1","awaiting:0","","","","","",""]',
        unitPrevious: '3',
      },
    ]);
    const sheet = trip.online.ports.workbook.sheet(rubric.scoringSheet);
    const header = (trip.online.sheet.snapshot()[0] ?? []) as string[];
    const logRowAt = header.indexOf('Dòng nhật ký');
    const handEditAt = header.indexOf('Sửa tay');
    expect(logRowAt).toBeGreaterThan(0);
    sheet?.writeValues(2, handEditAt + 1, [['Sửa tay: Mã trạng thái']]);
    trip.importFile();
    // A column no version of XHHT knows, added to the offline log: it comes along by its header.
    const copy = trip.online.ports.workbook.sheet(`Copy of ${AUDIT_SHEET}`);
    const rows = copy?.readValues() ?? [];
    const width = (rows[0] ?? []).length;
    copy?.writeValues(
      1,
      width + 1,
      rows.map((_, i) => [i === 0 ? 'Ghi chú của huyện' : `ghi chú ${i}`]),
    );
    const before = readAudit(trip.online.ports.workbook).length;
    expect(trip.merge()).toContain('Đã nhập kết quả ngoại tuyến: 2 bước');
    const log = trip.online.google.spreadsheet.sheet(AUDIT_SHEET).snapshot();
    const logHeader = log[0] as string[];
    expect(log.at(-1)?.[logHeader.indexOf('Ghi chú của huyện')]).toBe(`ghi chú ${rows.length - 1}`);
    expect(log.at(-1)?.[logHeader.indexOf('Ô do XHHT ghi')]).toBe(
      '["awaiting:1","awaiting:0","","","","","",""]',
    );
    // The unit's previous row is its submission's row online (before + 2), not the file's «3».
    expect(log.at(-1)?.[logHeader.indexOf('Dòng trước của đơn vị')]).toBe(String(before + 3));
    expect(checkAudit(trip.online.ports).check.ok).toBe(true);
    // The scoring row points at the last imported step's row, and no hand edit is left noted.
    const scoring = trip.online.sheet.snapshot()[1] ?? [];
    expect(Number(scoring[logRowAt])).toBe(before + 4);
    expect(scoring[handEditAt]).toBe('');
  });

  it('records the claims among rows an administrator accepts after an upload over (the previous version’s round trip); an online step settles them', () => {
    const { google, ports, as } = workflowBook();
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    const offline: ActPorts = {
      ...ports,
      store: new SheetStore(ports.workbook),
      identity: new OfflineIdentity(HUYEN),
    };
    act(offline, { action: 'approve' }, { sheet: rubric.scoringSheet, rows: [2] });
    expect(ports.store.get(CLAIMS_FROM_KEY)).toBeNull();
    google.Session.email = ADMIN;
    google.SpreadsheetApp.ui.answers.push('Tệp ngoại tuyến của huyện 1');
    acceptLogRowsAction(ports);
    expect(ports.store.get(CLAIMS_FROM_KEY)).toBe('4');
    expect([...waitingClaims(ports).entries()]).toEqual([
      ['dv0001', expect.objectContaining({ sheetRow: 4 })],
    ]);
    expect(exportRecognised(ports).count).toBe(0);
    // The province decides online: an authorised step settles the claim.
    as(TINH, [[2, 1]], 'recognise', '125/QĐ-UBND', '20/03/2027');
    expect(waitingClaims(ports).size).toBe(0);
    expect(exportRecognised(ports).count).toBe(1);
  });

  it('says how to import when no imported sheet is found', () => {
    const trip = roundTrip();
    expect(trip.merge()).toContain('Tệp → Nhập');
  });
});

describe('which sheets an import brought in', () => {
  it('recognises copies by header, whatever Sheets named them, and sets aside copies of the archives', () => {
    const trip = roundTrip();
    trip.both(XA, [[2, 1]], 'register');
    const book = trip.online.ports.workbook;
    const values = (name: string) => trip.offline.ports.workbook.sheet(name)?.readValues() ?? [];
    book.addSheet('Nhật ký 1').writeValues(1, 1, values(AUDIT_SHEET));
    book
      .addSheet(`Bản sao của ${rubric.scoringSheet}`)
      .writeValues(1, 1, values(rubric.scoringSheet));
    // An archive has the log's header: its copy is not a second log.
    book.addSheet('Copy of Lưu trữ nhật ký').writeValues(1, 1, values(AUDIT_SHEET).slice(0, 1));
    book.addSheet('Cài đặt (2)').writeValues(1, 1, [['Mã', 'Thiết lập']]);
    // A sheet of the officers' own with another name is left alone.
    book.addSheet('Ghi chú của tỉnh').writeValues(1, 1, [['Ghi chú']]);
    const found = findImported(book, workbookRubrics(book));
    expect(found).toEqual({
      log: 'Nhật ký 1',
      scoring: [{ imported: `Bản sao của ${rubric.scoringSheet}`, online: rubric.scoringSheet }],
      copies: ['Copy of Lưu trữ nhật ký', 'Cài đặt (2)'],
    });
    expect(originalNames('Copy of Chấm điểm 2024')).toEqual(['Chấm điểm 2024', 'Chấm điểm']);
  });
});
