import { describe, expect, it } from 'vitest';
import { append, GENESIS } from '../../src/domain/audit';
import { GasHasher, GasStore } from '../../src/gas/services';
import {
  AUDIT_SHEET,
  checkAudit,
  HEAD_KEY,
  RECORD_PLAIN_TEXT_KEY,
  ROWS_KEY,
} from '../../src/sheets/audit-log';
import { CRITERIA_SHEET, UNIT_COLUMNS, UNITS_SHEET } from '../../src/sheets/layout';
import { setUp } from '../../src/sheets/set-up';
import { gasActPorts, gasContext } from '../fakes/context';
import { fakeGoogle } from '../fakes/google';
import {
  PREVIOUS_CRITERIA_HEADER,
  PREVIOUS_TT25_ROWS,
  PREVIOUS_TT25_SCORING_HEADER,
} from '../fixtures/previous/rubric-rows';

/** The log's header as the previous version wrote it: eight columns, no record. */
const PREVIOUS_LOG_HEADER = [
  'Thời gian',
  'Người thực hiện',
  'Đơn vị',
  'Hành động',
  'Từ trạng thái',
  'Sang trạng thái',
  'Nhận xét',
  'Mã dòng trước',
];
const OLD_SHEET = 'Chấm CĐHT xã (TT25)';

/** A workbook of the previous version: a TT 25 scoring sheet and a two-row log with its kept head. */
function previousWorkbook() {
  const google = fakeGoogle();
  google.spreadsheet
    .insertSheet(CRITERIA_SHEET)
    .type(1, 1, [PREVIOUS_CRITERIA_HEADER, ...PREVIOUS_TT25_ROWS]);
  google.spreadsheet
    .insertSheet(UNITS_SHEET)
    .type(1, 1, [UNIT_COLUMNS.map((spec) => spec.header), ['X01', 'Xã X01 (mẫu)', 'Huyện 1']]);
  google.spreadsheet
    .insertSheet(OLD_SHEET)
    .type(1, 1, [PREVIOUS_TT25_SCORING_HEADER, ['X01', 'Xã X01 (mẫu)', 'Huyện 1']]);
  const hasher = new GasHasher(google.Utilities);
  const digest = (text: string) => hasher.sha256Hex(text);
  let head = GENESIS;
  const rows = [
    ['2026-11-20T08:00:00', 'can.bo@example.org', 'X01', 'Đăng ký', '', 'Đang tự đánh giá', ''],
    [
      '2026-11-21T08:00:00',
      'can.bo@example.org',
      'X01',
      'Gửi',
      'Đang tự đánh giá',
      'Chờ huyện thẩm định',
      'Họp  thống nhất\nngày 20/11/2026',
    ],
  ].map(([time, user, unit, action, from, to, comment]) => {
    const next = append(
      head,
      {
        time: time as string,
        user: user as string,
        unit: unit as string,
        action: action as string,
        from: from as string,
        to: to as string,
        comment: comment as string,
      },
      digest,
    );
    head = next.head;
    const row = next.row;
    return [row.time, row.user, row.unit, row.action, row.from, row.to, row.comment, row.previous];
  });
  const log = google.spreadsheet.insertSheet(AUDIT_SHEET);
  // The previous version's log kept its text as written (plain-text cells).
  log.type(1, 1, [PREVIOUS_LOG_HEADER]);
  log.type(2, 1, rows);
  const store = new GasStore(google.PropertiesService);
  store.set(HEAD_KEY, head);
  store.set(ROWS_KEY, '2');
  return { google, rows };
}

describe('set-up on a workbook whose log the previous version wrote', () => {
  it('adds the record columns to the log and the scoring sheet, and the old log still verifies', () => {
    const { google, rows } = previousWorkbook();
    const ctx = gasContext(google);
    setUp(ctx, 'TT25_2023_CDHT_XA');
    const log = google.spreadsheet.sheet(AUDIT_SHEET).snapshot();
    expect(log[0]).toEqual([...PREVIOUS_LOG_HEADER, 'Ô do XHHT ghi', 'Dòng trước của đơn vị']);
    // The rows as they were, the new cells blank.
    expect(log.slice(1).map((row) => row.slice(0, 8))).toEqual(rows);
    expect(log.slice(1).every((row) => row.slice(8).every((cell) => cell === ''))).toBe(true);
    const scoring = google.spreadsheet.sheet(OLD_SHEET).snapshot()[0] ?? [];
    expect(scoring).toContain('Dòng nhật ký');
    expect(scoring).toContain('Sửa tay');
    const ports = gasActPorts(google, ctx);
    expect(checkAudit(ports)).toMatchObject({ check: { ok: true, rows: 2 } });
    // Set-up has no document properties: the new columns become plain text at the next log write.
    expect(ports.store.get(RECORD_PLAIN_TEXT_KEY)).toBeNull();
  });
});
