import { describe, expect, it } from 'vitest';
import type { ActPorts } from '../../src/sheets/act';
import {
  sidebarActAction,
  sidebarMineAction,
  sidebarDataAction as unitAlone,
} from '../../src/sheets/actions';
import { rubric } from './workbook-helpers';
import { ADMIN, HUYEN, TINH, workflowBook, XA } from './workflow-helpers';

/** What the page shows after its two calls: the unit, then «Việc của tôi». */
function sidebarDataAction(ports: ActPorts) {
  const data = unitAlone(ports);
  // The unit comes alone; the page asks for «Việc của tôi» next.
  expect(data.mine).toBeNull();
  return { ...data, mine: sidebarMineAction(ports) };
}

describe('what the sidebar shows', () => {
  it('gives the commune its units to register, then nothing once they wait for the district', () => {
    const { google, ports, as } = workflowBook();
    google.Session.email = XA;
    google.spreadsheet.select(rubric.scoringSheet, [2, 1]);
    const before = sidebarDataAction(ports);
    expect(before.mine.map((unit) => [unit.code, unit.status])).toEqual([
      ['DV0001', 'Chưa đăng ký'],
    ]);
    expect(before.unit?.actions.map((choice) => choice.action)).toEqual(['register']);
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    google.Session.email = XA;
    const after = sidebarDataAction(ports);
    expect(after.mine).toEqual([]);
    expect(after.unit?.status).toBe('Chờ huyện thẩm định');
    expect(after.unit?.history.map((entry) => entry.action)).toEqual(['Đăng ký', 'Gửi']);
  });

  it('offers an administrator only the undo, with a reason, and does not count it as work waiting', () => {
    const { google, ports, as, status } = workflowBook();
    as(XA, [[2, 1]], 'register');
    google.Session.email = ADMIN;
    google.spreadsheet.select(rubric.scoringSheet, [2, 1]);
    const data = sidebarDataAction(ports);
    expect(data.mine).toEqual([]);
    expect(data.unit?.actions).toEqual([{ action: 'revert', label: 'Hoàn tác', needs: 'comment' }]);
    const result = sidebarActAction(ports, {
      sheet: rubric.scoringSheet,
      row: 2,
      action: 'revert',
      comment: 'Đăng ký nhầm',
    });
    expect(result.problem).toBe(false);
    expect(status()[0]).toBe('Chưa đăng ký');
  });

  it('shows an unknown user no work and no action, and a wrong date as a problem', () => {
    const { google, ports, as } = workflowBook();
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    as(HUYEN, [[2, 1]], 'approve');
    google.Session.email = 'nguoi.la@example.org';
    google.spreadsheet.select(rubric.scoringSheet, [2, 1]);
    const stranger = sidebarDataAction(ports);
    expect(stranger.mine).toEqual([]);
    expect(stranger.unit?.actions).toEqual([]);
    google.Session.email = TINH;
    expect(
      sidebarActAction(ports, {
        sheet: rubric.scoringSheet,
        row: 2,
        action: 'recognise',
        decisionNumber: '1/QĐ',
        decisionDate: '31/02/2027',
      }),
    ).toMatchObject({
      problem: true,
      notice: expect.stringContaining(
        '«31/02/2027» không phải một ngày có thật dạng ngày/tháng/năm',
      ),
    });
    // A date years ahead is refused, not recorded (issue 13).
    expect(
      sidebarActAction(ports, {
        sheet: rubric.scoringSheet,
        row: 2,
        action: 'recognise',
        decisionNumber: '1/QĐ',
        decisionDate: '20/03/2099',
      }),
    ).toMatchObject({
      problem: true,
      notice: expect.stringContaining(
        'Ngày quyết định 20/03/2099 cách hôm nay (23/11/2026) hơn một năm',
      ),
    });
    expect(() =>
      sidebarActAction(ports, { sheet: rubric.scoringSheet, row: 2, action: 'delete' }),
    ).toThrow(/not understood/);
  });
});
