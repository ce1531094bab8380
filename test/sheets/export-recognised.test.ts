import { describe, expect, it } from 'vitest';
import { exportRecognisedAction } from '../../src/sheets/actions';
import { RECOGNISED_SHEET } from '../../src/sheets/export-recognised';
import { PEOPLE_SHEET } from '../../src/sheets/people-sheet';
import { rubric } from './workbook-helpers';
import { ADMIN, HUYEN, TINH, workflowBook, XA } from './workflow-helpers';

describe('the export of recognised units', () => {
  it('lists each recognised unit with its decision, and rewrites the list whole each time', () => {
    const { google, ports, as } = workflowBook();
    google.spreadsheet.sheet(PEOPLE_SHEET).type(6, 1, [
      [XA, 'xã', 'DV0002'],
      [HUYEN, 'huyện', 'Huyện 2'],
    ]);
    as(XA, [[2, 2]], 'register');
    as(XA, [[2, 2]], 'submit');
    as(HUYEN, [[2, 2]], 'approve');
    as(TINH, [[2, 1]], 'recognise', '125/QĐ-UBND', '20/03/2027');
    as(TINH, [[3, 1]], 'recognise', '126/QĐ-UBND', '21/03/2027');
    exportRecognisedAction(ports);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(
      /^Đã ghi 2 đơn vị đã công nhận vào trang «Đã công nhận»/,
    );
    const exported = google.spreadsheet.sheet(RECOGNISED_SHEET);
    expect(exported.snapshot()).toEqual([
      [
        'Bộ tiêu chí',
        'Danh hiệu',
        'Mã đơn vị',
        'Tên đơn vị',
        'Địa bàn (huyện cũ)',
        'Kết quả',
        'Số quyết định',
        'Ngày quyết định',
        'Hiệu lực đến',
      ],
      // TT 22/2020 gives no validity period, so none is invented.
      [
        rubric.id,
        rubric.title,
        'DV0001',
        'Đơn vị 1 (mẫu)',
        'Huyện 1',
        'Tốt',
        '125/QĐ-UBND',
        '20/03/2027',
        '',
      ],
      [
        rubric.id,
        rubric.title,
        'DV0002',
        'Đơn vị 2 (mẫu)',
        'Huyện 2',
        'Tốt',
        '126/QĐ-UBND',
        '21/03/2027',
        '',
      ],
    ]);

    // A decision is not undone: the decider revokes it; the next export no longer lists it, and no
    // row is left over.
    expect(as(ADMIN, [[3, 1]], 'revert', 'Quyết định ghi nhầm đơn vị')).toContain('Thu hồi');
    as(TINH, [[3, 1]], 'revoke', '130/QĐ-UBND', '25/03/2027', 'Quyết định ghi nhầm đơn vị');
    exportRecognisedAction(ports);
    const rows = exported.snapshot().filter((row) => row.some((cell) => cell !== ''));
    expect(rows.map((row) => row[2])).toEqual(['Mã đơn vị', 'DV0001']);
  });
});
