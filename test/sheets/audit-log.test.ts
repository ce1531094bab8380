import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/domain/audit';
import { GasHasher, GasStore } from '../../src/gas/services';
import { GasWorkbook } from '../../src/gas/workbook';
import {
  AUDIT_SHEET,
  appendAudit,
  assertLogAppendable,
  checkAudit,
  HEAD_KEY,
  HEAD_SHEET,
  logCursor,
  prefetchLogRows,
  prepareLog,
  readLogRow,
} from '../../src/sheets/audit-log';
import { fakeGoogle } from '../fakes/google';

const entry = (unit: string, action: string, comment = ''): AuditEntry => ({
  time: '23/11/2026 10:00:05',
  user: 'thamdinh.thachha@example.org',
  unit,
  action,
  from: 'Chờ huyện thẩm định',
  to: 'Trả lại cho xã',
  comment,
});

function logWith(count: number) {
  const google = fakeGoogle();
  const ports = {
    workbook: new GasWorkbook(google.SpreadsheetApp),
    store: new GasStore(google.PropertiesService),
    hasher: new GasHasher(google.Utilities),
  };
  for (let i = 0; i < count; i += 1)
    appendAudit(ports, [
      entry(`HT10${i}`, 'Trả lại', i === 1 ? '=HYPERLINK("x")' : `Thiếu biên bản ${i}`),
    ]);
  return { google, ports, sheet: () => google.spreadsheet.sheet(AUDIT_SHEET) };
}

describe('the audit log sheet', () => {
  it('appends chained rows, keeps the head in the properties and in a hidden sheet', () => {
    const { google, ports, sheet } = logWith(3);
    expect(sheet().snapshot()).toHaveLength(4);
    expect(sheet().snapshot()[2]?.[6]).toBe('=HYPERLINK("x")');
    const head = google.PropertiesService.document.getProperty(HEAD_KEY);
    expect(head).toMatch(/^[0-9a-f]{64}$/);
    const mirror = google.spreadsheet.sheet(HEAD_SHEET);
    expect(mirror.hidden).toBe(true);
    expect(mirror.snapshot()).toEqual([
      ['Đầu chuỗi nhật ký', head],
      ['Số dòng', 3],
    ]);
    expect(checkAudit(ports)).toMatchObject({
      check: { ok: true, rows: 3 },
      message: `Nhật ký nguyên vẹn: 3 dòng. Mã đầu chuỗi: ${head}.`,
    });
  });

  it('names the first row that was altered, inserted or removed', () => {
    const altered = logWith(4);
    altered.sheet().type(3, 7, [['sửa lén']]);
    expect(checkAudit(altered.ports)).toMatchObject({ row: 4, check: { ok: false, index: 2 } });
    expect(checkAudit(altered.ports).message).toMatch(
      /^Nhật ký đã bị thay đổi\. Ô A4, trang «Nhật ký»: dòng này không nối tiếp dòng trước/,
    );

    const cut = logWith(4);
    const rows = cut.sheet().snapshot();
    cut.sheet().type(2, 1, [...rows.slice(2), rows[0]?.map(() => '') ?? []]);
    expect(checkAudit(cut.ports)).toMatchObject({ row: 2, check: { ok: false } });

    const lastRemoved = logWith(4);
    lastRemoved.sheet().type(5, 1, [Array(8).fill('')]);
    expect(checkAudit(lastRemoved.ports).message).toMatch(
      // A shorter log: the kept head covers 4 rows (it was: «cuối nhật ký không khớp»).
      /Trang «Nhật ký» chỉ còn 3 dòng, trong khi mã đầu chuỗi lưu giữ ứng với 4 dòng/,
    );
  });

  it('says the log is intact, and empty, before anything happened', () => {
    const { ports } = logWith(0);
    expect(checkAudit(ports).message).toBe('Nhật ký nguyên vẹn: 0 dòng. Mã đầu chuỗi: (chưa có).');
  });

  it('checks offline against the hidden sheet when there are no properties', () => {
    const { google, ports } = logWith(2);
    const offline = { ...ports, store: { get: () => null, set: () => {} } };
    expect(checkAudit(offline).check.ok).toBe(true);
    google.spreadsheet.sheet(HEAD_SHEET).type(1, 2, [['0'.repeat(64)]]);
    expect(checkAudit(offline).check.ok).toBe(false);
  });

  it('reads the log rows a bulk step names in blocks of nearby rows, each row as a read of its own gives it', () => {
    const { google, ports } = logWith(400);
    const cursor = logCursor(ports);
    if (!cursor) throw new Error('no log');
    // Nearby rows (one block), a far one (its own read), repeats, and rows outside the log.
    const wanted = [5, 7, 6, 60, 5, 350, 0, 1, 500, Number.NaN];
    google.io.reset();
    const read = prefetchLogRows(cursor, wanted);
    expect(google.io.calls.get('getValues')).toBe(2);
    expect(google.io.cells.get('getValues')).toBe((60 - 5 + 1 + 1) * cursor.width);
    google.io.reset();
    for (const row of [5, 6, 7, 60, 350]) {
      expect(readLogRow(read, row)).toEqual(readLogRow(cursor, row));
    }
    // Five rows through the plain cursor, none through the prefetched one.
    expect(google.io.calls.get('getValues')).toBe(5);
    expect(readLogRow(read, 500)).toBeUndefined();
  });

  it('is made by set-up only in a workbook that never had a log: a deleted log stays missing and refused', () => {
    const fresh = logWith(0);
    expect(prepareLog(fresh.ports)).toEqual([AUDIT_SHEET, HEAD_SHEET]);
    expect(fresh.sheet().getLastRow()).toBe(1);
    expect(() => assertLogAppendable(fresh.ports, 0)).not.toThrow();
    expect(prepareLog(fresh.ports)).toEqual([]);

    const { google, ports } = logWith(3);
    google.spreadsheet.deleteSheet(google.spreadsheet.sheet(AUDIT_SHEET));
    // Set-up run again does not start a silent new chain over the deleted one.
    expect(prepareLog(ports)).toEqual([]);
    expect(google.spreadsheet.sheets.some((s) => s.getName() === AUDIT_SHEET)).toBe(false);
    expect(() => assertLogAppendable(ports, 0)).toThrow(/đã bị xóa/);
  });
});
// A log that went offline and came back, and rows past the kept head: test/sheets/log-integrity.test.ts.
