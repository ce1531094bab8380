import { describe, expect, it } from 'vitest';
import { append, GENESIS } from '../../src/domain/audit';
import { decodeRecord } from '../../src/domain/unit-record';
import { type ActPorts, act } from '../../src/sheets/act';
import {
  AUDIT_SHEET,
  checkAudit,
  HEAD_KEY,
  HEAD_SHEET,
  ROWS_KEY,
  readAudit,
} from '../../src/sheets/audit-log';
import { REGISTER_SHEET } from '../../src/sheets/layout';
import { OUTBOX_SHEET, sendOutbox } from '../../src/sheets/outbox';
import { OUTBOX_HEAD_KEY } from '../../src/sheets/outbox-seal';
import { PEOPLE_SHEET } from '../../src/sheets/people-sheet';
import type { SheetPort, StorePort, WorkbookPort } from '../../src/sheets/ports';
import { restoreFromLog } from '../../src/sheets/restore-record';
import { MAILED_KEY } from '../../src/sheets/step-mail';
import { markPendingStep, PENDING_KEY, pendingStep } from '../../src/sheets/step-pending';
import { gasMailer } from '../fakes/context';
import { columnValues, headerColumn, rubric } from './workbook-helpers';
import { ADMIN, HUYEN, TINH, workflowBook, XA } from './workflow-helpers';

/** The ports of a step whose writes to `sheet` (or whose setting of `key`) fail once: a cut-off run. */
function cutting(ports: ActPorts, at: { sheet?: string; key?: string }): ActPorts {
  let cut = false;
  const cutNow = () => {
    if (cut) return;
    cut = true;
    throw new Error('Exceeded maximum execution time');
  };
  const sheetOf = (sheet: SheetPort): SheetPort =>
    new Proxy(sheet, {
      get(target, property, receiver) {
        if (property === 'writeValues' && target.name === at.sheet) {
          return (...args: Parameters<SheetPort['writeValues']>) => {
            cutNow();
            return target.writeValues(...args);
          };
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const workbook: WorkbookPort = new Proxy(ports.workbook, {
    get(target, property, receiver) {
      if (property === 'sheet') {
        return (name: string) => {
          const sheet = target.sheet(name);
          return sheet && sheetOf(sheet);
        };
      }
      if (property === 'addSheet') return (name: string) => sheetOf(target.addSheet(name));
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  // Keys written together (one `setProperties`) are cut together: the call fails, none is kept.
  const store: StorePort = {
    get: (key) => ports.store.get(key),
    set: (key, value) => {
      if (key === at.key) cutNow();
      ports.store.set(key, value);
    },
    ...(ports.store.getAll ? { getAll: () => ports.store.getAll?.() ?? {} } : {}),
    ...(ports.store.setAll
      ? {
          setAll: (values: Readonly<Record<string, string>>) => {
            if (at.key !== undefined && at.key in values) cutNow();
            ports.store.setAll?.(values);
          },
        }
      : {}),
  };
  return { ...ports, workbook, store };
}

/** A workbook with DV0001 registered and submitted (waiting for the district). */
function submitted() {
  const book = workflowBook();
  book.as(XA, [[2, 1]], 'register');
  book.as(XA, [[2, 1]], 'submit');
  return book;
}

const target = (row: number) => ({ sheet: rubric.scoringSheet, rows: [row] });

describe('a step writes the record into the log and points the row at it', () => {
  it('carries the record of the cells after the step, and the unit’s previous log row', () => {
    const { google, sheet, ports } = submitted();
    const log = google.spreadsheet.sheet(AUDIT_SHEET);
    const records = columnValues(log, 'Ô do XHHT ghi').map((text) => decodeRecord(String(text)));
    expect(records.map((record) => record?.state)).toEqual(['drafting', 'awaiting:0']);
    expect(records[1]?.submittedOn).toBe('23/11/2026');
    expect(columnValues(log, 'Dòng trước của đơn vị')).toEqual(['', '2']);
    expect(columnValues(sheet, 'Dòng nhật ký')[0]).toBe(3);
    expect(checkAudit(ports).check).toMatchObject({ ok: true, rows: 2 });
  });

  it('finds the unit’s last log row by the log’s unit column when the pointer was edited', () => {
    const { google, sheet, as, status, ports } = submitted();
    as(XA, [[3, 1]], 'register'); // refused (not XA's unit): a row of DV0002 in the log
    sheet.type(2, headerColumn(sheet, 'Dòng nhật ký'), [[4]]);
    expect(as(HUYEN, [[2, 1]], 'approve')).toContain('DV0001 → Chờ tỉnh quyết định');
    expect(status()[0]).toBe('Chờ tỉnh quyết định');
    const log = google.spreadsheet.sheet(AUDIT_SHEET);
    expect(columnValues(log, 'Dòng trước của đơn vị').at(-1)).toBe('3');
    expect(columnValues(sheet, 'Dòng nhật ký')[0]).toBe(5);
    expect(checkAudit(ports).check.ok).toBe(true);
  });

  it('refuses a unit whose seal was cleared by hand, and an administrator restores it from the log', () => {
    const { google, sheet, as, status, ports } = submitted();
    as(HUYEN, [[2, 1]], 'approve');
    const seal = headerColumn(sheet, 'Dấu giá trị đã duyệt');
    const sealed = columnValues(sheet, 'Dấu giá trị đã duyệt')[0];
    expect(String(sealed)).toMatch(/^[0-9a-f]{64}$/);
    sheet.type(2, seal, [['']]);
    const refused = as(TINH, [[2, 1]], 'recognise', '1/QĐ', '23/11/2026');
    expect(refused).toContain(`ghi (trống), nhật ký ghi «${sealed}»`);
    expect(status()[0]).toBe('Chờ tỉnh quyết định');
    expect(columnValues(sheet, 'Sửa tay')[0]).toBe(
      'Sửa tay: Dấu giá trị đã duyệt — nhật ký dòng 4',
    );
    // Not an administrator: refused, nothing written.
    google.Session.email = TINH;
    expect(() => restoreFromLog(ports, target(2))).toThrow(/Chỉ người có vai trò «quản trị»/);
    google.Session.email = ADMIN;
    const report = restoreFromLog(ports, target(2));
    expect(report.restored.map((unit) => unit.code)).toEqual(['DV0001']);
    expect(columnValues(sheet, 'Dấu giá trị đã duyệt')[0]).toBe(sealed);
    expect(columnValues(sheet, 'Sửa tay')[0]).toBe('');
    const actions = columnValues(google.spreadsheet.sheet(AUDIT_SHEET), 'Hành động');
    expect(actions.at(-1)).toBe('Khôi phục ô từ nhật ký');
    // A restore calls for no mail: no later step reads its row back looking for missed mail.
    expect(ports.store.get(MAILED_KEY)).toBe(String(readAudit(ports.workbook).length));
    expect(as(TINH, [[2, 1]], 'recognise', '1/QĐ', '23/11/2026')).toContain(
      'DV0001 → Đã công nhận',
    );
    google.Session.email = ADMIN;
    expect(restoreFromLog(ports, target(2)).unchanged).toEqual(['DV0001']);
    expect(checkAudit(ports).check.ok).toBe(true);
  });

  it('takes a unit whose last log row predates the record as it stands, once, and says so', () => {
    const { google, sheet, as, ports } = submitted();
    // The log as the previous version wrote it: no record, no pointer, chained as before.
    const log = google.spreadsheet.sheet(AUDIT_SHEET);
    const width = log.snapshot()[0]?.length ?? 0;
    let head = GENESIS;
    const rows = readAudit(ports.workbook).map((row) => {
      const { previous: _, record: __, unitPrevious: ___, ...entry } = row;
      const next = append(head, entry, (text) => ports.hasher.sha256Hex(text));
      head = next.head;
      const r = next.row;
      return [r.time, r.user, r.unit, r.action, r.from, r.to, r.comment, r.previous, '', ''];
    });
    expect(width).toBe(10);
    log.type(2, 1, rows);
    ports.store.set(HEAD_KEY, head);
    ports.store.set(ROWS_KEY, String(rows.length));
    google.spreadsheet.sheet(HEAD_SHEET).type(1, 2, [[head], [rows.length]]);
    sheet.type(2, headerColumn(sheet, 'Dòng nhật ký'), [['']]);
    // A hand edit made under the previous version is taken, once, and the step's row says so.
    sheet.type(2, headerColumn(sheet, 'Mức đề nghị'), [['x']]);
    expect(as(HUYEN, [[2, 1]], 'approve')).toContain('DV0001 → Chờ tỉnh quyết định');
    expect(String(columnValues(log, 'Nhận xét').at(-1))).toContain(
      'dòng nhật ký 3 do phiên bản trước ghi',
    );
    expect(checkAudit(ports).check.ok).toBe(true);
    // From then on the log holds the record: the same edit again is a hand edit.
    sheet.type(2, headerColumn(sheet, 'Mức đề nghị'), [['y']]);
    expect(as(TINH, [[2, 1]], 'recognise', '1/QĐ', '23/11/2026')).toContain(
      'ghi «y», nhật ký ghi «x»',
    );
  });
});

describe('a step cut off after each write is finished by the next step as its mark says', () => {
  it('cut before its log rows: nothing landed, the mark is dropped, the unit stands as before', () => {
    const { google, ports, status } = submitted();
    const rowsBefore = readAudit(ports.workbook).length;
    google.Session.email = HUYEN;
    expect(() =>
      act(cutting(ports, { sheet: AUDIT_SHEET }), { action: 'approve' }, target(2)),
    ).toThrow(/Exceeded/);
    expect(ports.store.get(PENDING_KEY)).not.toBe('');
    expect(status()[0]).toBe('Chờ huyện thẩm định');
    google.Session.email = XA;
    act(ports, { action: 'register' }, target(3));
    expect(ports.store.get(PENDING_KEY)).toBe('');
    expect(status()[0]).toBe('Chờ huyện thẩm định');
    expect(readAudit(ports.workbook)).toHaveLength(rowsBefore + 1);
    expect(checkAudit(ports).check.ok).toBe(true);
  });

  it('cut after its log rows, before the head is kept: the next step keeps it and writes the cells', () => {
    const { google, ports, status, sheet } = submitted();
    google.Session.email = HUYEN;
    expect(() =>
      act(cutting(ports, { key: HEAD_KEY }), { action: 'return', comment: 'Bổ sung' }, target(2)),
    ).toThrow(/Exceeded/);
    expect(status()[0]).toBe('Chờ huyện thẩm định');
    google.Session.email = XA;
    act(ports, { action: 'register' }, target(3));
    expect(status()[0]).toBe('Trả lại cho xã');
    expect(columnValues(sheet, 'Sửa tay')[0]).toBe('');
    expect(checkAudit(ports).check.ok).toBe(true);
  });

  it('cut after its log rows, before the cells: the next step writes them from the log', () => {
    const { google, ports, status, sheet } = submitted();
    google.Session.email = HUYEN;
    expect(() =>
      act(
        cutting(ports, { sheet: rubric.scoringSheet }),
        { action: 'return', comment: 'Bổ sung' },
        target(2),
      ),
    ).toThrow(/Exceeded/);
    expect(status()[0]).toBe('Chờ huyện thẩm định');
    google.Session.email = XA;
    act(ports, { action: 'register' }, target(3));
    expect(status()[0]).toBe('Trả lại cho xã');
    expect(columnValues(sheet, 'Mã trạng thái')[0]).toBe('drafting:returned');
    expect(columnValues(sheet, 'Dòng nhật ký')[0]).toBe(4);
    // The unit's next step finds it agreeing with the log.
    expect(act(ports, { action: 'submit' }, target(2)).done).toHaveLength(1);
    expect(checkAudit(ports).check.ok).toBe(true);
  });

  it('cut after the cells, before the register: the next step adds the register row once', () => {
    const { google, ports, as, status } = submitted();
    as(HUYEN, [[2, 1]], 'approve');
    google.Session.email = TINH;
    const decision = { number: '9/QĐ', date: new Date(2026, 10, 23) };
    expect(() =>
      act(cutting(ports, { sheet: REGISTER_SHEET }), { action: 'recognise', decision }, target(2)),
    ).toThrow(/Exceeded/);
    expect(status()[0]).toBe('Đã công nhận');
    const register = () => columnValues(google.spreadsheet.sheet(REGISTER_SHEET), 'Mã đơn vị');
    expect(register()).toEqual([]);
    google.Session.email = XA;
    act(ports, { action: 'register' }, target(3));
    expect(register()).toEqual(['DV0001']);
    act(ports, { action: 'register' }, target(3));
    expect(register()).toEqual(['DV0001']);
  });

  it('cut after the register, before the mail: the next step queues the mail the run owed', () => {
    const { google, ports } = submitted();
    const outbox = () => google.spreadsheet.sheet(OUTBOX_SHEET).snapshot().length;
    const before = outbox();
    google.Session.email = HUYEN;
    expect(() =>
      act(
        cutting(ports, { sheet: OUTBOX_SHEET }),
        { action: 'return', comment: 'Bổ sung' },
        target(2),
      ),
    ).toThrow(/Exceeded/);
    expect(outbox()).toBe(before);
    google.Session.email = XA;
    act(ports, { action: 'register' }, target(3));
    expect(outbox()).toBeGreaterThan(before);
    const after = outbox();
    act(ports, { action: 'register' }, target(3));
    expect(outbox()).toBe(after);
  });
});

describe('a step cut off after its mail, before its last property write (issue 12 review)', () => {
  it('sends the mail the run owed once: the next step queues it again on the trusted chain', () => {
    const { google, ports } = submitted();
    const ctx = { ...ports, mailer: gasMailer(google) };
    // Whatever was queued before goes out first.
    sendOutbox(ctx);
    const outbox = google.spreadsheet.sheet(OUTBOX_SHEET);
    const rowsBefore = columnValues(outbox, 'Mã thư').length;
    google.Session.email = HUYEN;
    // The outbox rows land; the one property write after them (outbox head, mail mark, cleared
    // pending mark) fails with the run.
    expect(() =>
      act(
        cutting(ports, { key: OUTBOX_HEAD_KEY }),
        { action: 'return', comment: 'Bổ sung' },
        target(2),
      ),
    ).toThrow(/Exceeded/);
    const owed = columnValues(outbox, 'Mã thư').slice(rowsBefore).map(String);
    expect(owed.length).toBeGreaterThan(0);
    google.Session.email = XA;
    act(ports, { action: 'register' }, target(3));
    const report = sendOutbox(ctx);
    const keys = columnValues(outbox, 'Mã thư').map(String);
    const statuses = columnValues(outbox, 'Trạng thái').map(String);
    for (const key of owed) {
      // The cut-off run's row is off the kept chain and set aside; its copy on the chain is sent.
      const sent = keys.flatMap((k, i) => (k === key && statuses[i] === 'Đã gửi' ? [i] : []));
      expect(sent).toHaveLength(1);
    }
    expect(report.sent).toBe(owed.length);
    // Sent once: a further step queues nothing again.
    act(ports, { action: 'register' }, target(3));
    expect(sendOutbox(ctx).sent).toBe(0);
  });
});

describe('the pending-write mark', () => {
  it('stays within a property’s 9 kB for a bulk step, register entries in parts', () => {
    const values = new Map<string, string>();
    const store: StorePort = {
      get: (key) => values.get(key) ?? null,
      set: (key, value) => void values.set(key, value),
    };
    const register = Array.from({ length: 120 }, (_, i) => ({
      kind: 'recognise' as const,
      title: rubric.id,
      unit: `DV${i}`,
      name: `Đơn vị số ${i} của huyện`,
      result: 'Tốt',
      decisionNumber: `${i}/QĐ-UBND`,
      decisionDate: new Date(2026, 10, 23),
      decider: 'huyện: truongphong@example.org',
      logRow: 100 + i,
    }));
    markPendingStep(
      { store },
      {
        sheet: rubric.scoringSheet,
        logRow: 100,
        logRows: 5_000,
        rows: [[2, 5_000]],
        register,
      },
    );
    expect([...values.values()].every((value) => value.length <= 9_000)).toBe(true);
    expect(values.size).toBeGreaterThan(2);
    const read = pendingStep(store);
    expect(read?.rows).toEqual([[2, 5_000]]);
    expect(read?.register.map((entry) => entry.unit)).toEqual(register.map((entry) => entry.unit));
  });

  it('a bulk step cut after its log rows: the next step writes every changed row from the log', () => {
    const { google, ports, status } = workflowBook();
    google.spreadsheet.sheet(PEOPLE_SHEET).type(6, 1, [
      [XA, 'xã', 'DV0002'],
      [XA, 'xã', 'DV0003'],
    ]);
    google.Session.email = XA;
    expect(() =>
      act(
        cutting(ports, { sheet: rubric.scoringSheet }),
        { action: 'register' },
        {
          sheet: rubric.scoringSheet,
          rows: [2, 3, 4],
        },
      ),
    ).toThrow(/Exceeded/);
    expect(status()).toEqual(['', '', '']);
    google.Session.email = HUYEN;
    act(ports, { action: 'approve' }, target(2));
    expect(status()).toEqual(['Đang tự đánh giá', 'Đang tự đánh giá', 'Đang tự đánh giá']);
    // DV0001's refused approval (log row 5) is its last log row now; the others point at the run's.
    expect(columnValues(google.spreadsheet.sheet(rubric.scoringSheet), 'Dòng nhật ký')).toEqual([
      5, 3, 4,
    ]);
    expect(checkAudit(ports).check.ok).toBe(true);
  });
});

describe('a step never writes onto another unit', () => {
  it('stops, writing nothing, when another editor sorted the rows between its read and its write', () => {
    const { google, ports } = submitted();
    const scoring = google.spreadsheet.sheet(rubric.scoringSheet);
    const sorted = ports.workbook.sheet(rubric.scoringSheet) as SheetPort;
    // Another editor sorts the sheet (DV0002 above DV0001) just as the step reads the codes again.
    const moved: ActPorts = {
      ...ports,
      workbook: new Proxy(ports.workbook, {
        get(target, property, receiver) {
          if (property === 'sheet') {
            return (name: string) =>
              name !== rubric.scoringSheet
                ? target.sheet(name)
                : new Proxy(sorted, {
                    get(inner, key) {
                      if (key === 'readRange') {
                        return (row: number, column: number, rows: number, columns: number) => {
                          if (columns === 1 && rows === 1) {
                            const snapshot = scoring.snapshot();
                            scoring.type(2, 1, [snapshot[2] ?? [], snapshot[1] ?? []]);
                          }
                          return inner.readRange(row, column, rows, columns);
                        };
                      }
                      const value = Reflect.get(inner, key);
                      return typeof value === 'function' ? value.bind(inner) : value;
                    },
                  });
          }
          const value = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    };
    const logBefore = readAudit(ports.workbook).length;
    google.Session.email = HUYEN;
    expect(() => act(moved, { action: 'return', comment: 'Bổ sung' }, target(2))).toThrow(
      `Trang «${rubric.scoringSheet}»: dòng 2 không còn là đơn vị đã đọc`,
    );
    const after = scoring.snapshot();
    expect(after[1]?.[0]).toBe('DV0002');
    expect(after[2]?.[headerColumn(scoring, 'Trạng thái') - 1]).toBe('Chờ huyện thẩm định');
    expect(after[1]?.[headerColumn(scoring, 'Trạng thái') - 1]).toBe('');
    expect(readAudit(ports.workbook)).toHaveLength(logBefore);
    expect(ports.store.get(PENDING_KEY) ?? '').toBe('');
  });
});
