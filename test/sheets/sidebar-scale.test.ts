import { describe, expect, it } from 'vitest';
import { sidebarDataAction } from '../../src/sheets/actions';
import { AUDIT_SHEET } from '../../src/sheets/audit-log';
import { budget, modelledMs } from '../fakes/latency';
import { recordTheLog } from './record-helpers';
import { headerColumn, rubric } from './workbook-helpers';
import { HUYEN, workflowBook, XA } from './workflow-helpers';

/**
 * The sidebar for one unit costs what it touches (issue 12): the header and the unit's row, its place,
 * and its history along the log's pointers («Dòng nhật ký», «Dòng trước của đơn vị»), never the whole
 * log or scoring sheet: its calls and cells are the same within 10 % at 0 and 20,000 other log rows.
 */
function book() {
  const made = workflowBook();
  const { as, google } = made;
  as(XA, [[2, 1]], 'register');
  as(XA, [[2, 1]], 'submit');
  as(HUYEN, [[2, 1]], 'return', 'Thiếu minh chứng');
  as(XA, [[2, 1]], 'submit');
  const log = google.spreadsheet.sheet(AUDIT_SHEET);
  return { ...made, log };
}

/** `rows` log rows of other units, as a year of a province leaves them (typed: the chain is not read). */
function growLog(log: ReturnType<typeof book>['log'], rows: number) {
  const first = log.getLastRow() + 1;
  log.resizeGrid(first + rows + 10, log.getMaxColumns());
  log.type(
    first,
    1,
    Array.from({ length: rows }, (_, i) => [
      '01/03/2026 08:00:00',
      'khac@example.org',
      `KHAC${i % 5000}`,
      'Gửi',
      'Đang tự đánh giá',
      'Chờ huyện thẩm định',
      '',
      'x',
    ]),
  );
}

function shown(b: ReturnType<typeof book>) {
  b.google.Session.email = HUYEN;
  b.google.spreadsheet.select(rubric.scoringSheet, [2, 1]);
  b.google.io.reset();
  const data = sidebarDataAction(b.ports);
  return { data, cost: budget(b.google.io), ms: modelledMs(b.google.io) };
}

describe('the sidebar at province scale', () => {
  it('follows the unit’s pointers: the same calls and cells at 0 and 20,000 other log rows', () => {
    const b = book();
    recordTheLog(b.google);
    const small = shown(b);
    const history = small.data.unit?.history.map((entry) => entry.action);
    expect(history).toEqual(['Đăng ký', 'Gửi', 'Trả lại', 'Gửi']);
    growLog(b.log, 20_000);
    const large = shown(b);
    expect(large.data.unit?.history.map((entry) => entry.action)).toEqual(history);
    expect(large.cost.calls).toBe(small.cost.calls);
    expect(Math.abs(large.cost.cells - small.cost.cells)).toBeLessThanOrEqual(
      small.cost.cells * 0.1,
    );
    // Nothing like a column of the log: a few hundred cells, well under the 2 s target's calls.
    expect(large.cost.cells).toBeLessThan(2_000);
    expect(large.ms).toBeLessThan(2_000);
    // «Việc của tôi» is the page's second call.
    expect(large.data.mine).toBeNull();
  });

  it('without pointers (a log the previous version wrote) reads the log’s unit column, not the log', () => {
    const b = book();
    // The step now points each row at its unit's last log row: blank it, as the previous version left it.
    const pointer = headerColumn(b.sheet, 'Dòng nhật ký');
    b.sheet.type(2, pointer, [['']]);
    growLog(b.log, 20_000);
    const { data, cost } = shown(b);
    expect(data.unit?.history.map((entry) => entry.action)).toEqual([
      'Đăng ký',
      'Gửi',
      'Trả lại',
      'Gửi',
    ]);
    // One cell a log row (the unit column), not the eight of every row.
    expect(cost.cells).toBeGreaterThan(20_000);
    expect(cost.cells).toBeLessThan(2 * 20_000);
  });

  it('says «sửa tay» for its unit when a cell XHHT writes disagrees with the log', () => {
    const b = book();
    recordTheLog(b.google);
    expect(shown(b).data.unit?.handEdit).toBe('');
    b.sheet.type(2, headerColumn(b.sheet, 'Mã trạng thái'), [['recognised']]);
    const { data } = shown(b);
    expect(data.unit?.handEdit).toMatch(/^Sửa tay: Mã trạng thái khác với nhật ký dòng \d+\./);
    expect(data.unit?.handEdit).toContain('không được công nhận');
  });
});
