import { describe, expect, it } from 'vitest';
import { cellPlace } from '../../src/domain/a1';
import { checkLogAction } from '../../src/sheets/actions';
import { AUDIT_SHEET } from '../../src/sheets/audit-log';
import { exportRecognised } from '../../src/sheets/export-recognised';
import { HAND_EDIT_HEADER, scanHandEdits } from '../../src/sheets/hand-edit';
import { REGISTER_SHEET } from '../../src/sheets/layout';
import { PEOPLE_SHEET } from '../../src/sheets/people-sheet';
import { composeSummary } from '../../src/sheets/summary-report';
import { recordTheLog } from './record-helpers';
import { columnValues, headerColumn, rubric } from './workbook-helpers';
import { HUYEN, TINH, workflowBook, XA } from './workflow-helpers';

/**
 * Issue 11's attacks on the cells XHHT alone writes: each one is «sửa tay» (the cells disagree with the
 * unit's last log row), found by «Kiểm tra nhật ký» naming sheet, cell and unit, marked in «Sửa tay»,
 * counted apart in the summary and left out of the recognised export.
 */
function book() {
  const made = workflowBook();
  const { google, as } = made;
  google.spreadsheet.sheet(PEOPLE_SHEET).type(6, 1, [
    [XA, 'xã', 'DV0002'],
    [HUYEN, 'huyện', 'Huyện 2'],
  ]);
  // DV0001 waits for the province; DV0002 is recognised; DV0003 was never touched.
  as(XA, [[2, 1]], 'register');
  as(XA, [[2, 1]], 'submit');
  as(HUYEN, [[2, 1]], 'approve');
  as(XA, [[3, 1]], 'register');
  as(XA, [[3, 1]], 'submit');
  as(HUYEN, [[3, 1]], 'approve');
  as(TINH, [[3, 1]], 'recognise', '125/QĐ-UBND', '20/03/2027');
  const log = google.spreadsheet.sheet(AUDIT_SHEET);
  const last = recordTheLog(google);
  const cell = (row: number, header: string, value: unknown) =>
    made.sheet.type(row, headerColumn(made.sheet, header), [[value]]);
  const exported = () =>
    exportRecognised(made.ports)
      .count.toString()
      .concat(':', columnValues(google.spreadsheet.sheet('Đã công nhận'), 'Mã đơn vị').join(','));
  return { ...made, log, last, cell, exported };
}

describe('«sửa tay»: the scoring row against the log', () => {
  it('finds nothing while the cells are what the log recorded', () => {
    const b = book();
    expect(scanHandEdits(b.ports).found).toEqual([]);
    expect(b.exported()).toBe('1:DV0002');
    const summary = composeSummary(b.ports).mail.text;
    expect(summary).not.toContain('Sửa tay');
    expect(summary).toContain('Tiến độ: 1/3 đơn vị đã công nhận');
  });

  const attacks: [string, number, string, (b: ReturnType<typeof book>) => void, RegExp][] = [
    [
      '«recognised» typed into «Mã trạng thái»',
      2,
      'DV0001',
      (b) => b.cell(2, 'Mã trạng thái', 'recognised'),
      /Mã trạng thái/,
    ],
    [
      '«recognised» typed with its label',
      2,
      'DV0001',
      (b) => {
        b.cell(2, 'Mã trạng thái', 'recognised');
        b.cell(2, 'Trạng thái', 'Đã công nhận');
        b.cell(2, 'Số quyết định', '999/QĐ');
        b.cell(2, 'Ngày quyết định', '01/04/2027');
      },
      /Mã trạng thái, Số quyết định, Ngày quyết định/,
    ],
    [
      '«Dấu giá trị đã duyệt» cleared',
      3,
      'DV0002',
      (b) => b.cell(3, 'Dấu giá trị đã duyệt', ''),
      /Dấu giá trị đã duyệt/,
    ],
    [
      '«Kết quả quyết định» edited',
      3,
      'DV0002',
      (b) => b.cell(3, 'Kết quả quyết định', 'Xuất sắc'),
      /Kết quả quyết định/,
    ],
    ['«Ngày nộp» edited', 2, 'DV0001', (b) => b.cell(2, 'Ngày nộp', '01/01/2020'), /Ngày nộp/],
    [
      '«recognised» typed on a unit no step touched',
      4,
      'DV0003',
      (b) => b.cell(4, 'Mã trạng thái', 'recognised'),
      /Mã trạng thái.*không có dòng nào/,
    ],
  ];

  it.each(attacks)(
    '%s: found, marked, not counted, not exported',
    (_, row, code, attack, cells) => {
      const b = book();
      attack(b);
      const scan = scanHandEdits(b.ports);
      expect(scan.found.map((edit) => `${edit.sheet}!${edit.row} ${edit.code}`)).toEqual([
        `${rubric.scoringSheet}!${row} ${code}`,
      ]);
      // The mark on the row, naming the cells and the log row.
      const mark = String(b.sheet.valueAt(row, headerColumn(b.sheet, HAND_EDIT_HEADER)));
      expect(mark).toMatch(/^Sửa tay: /);
      expect(mark).toMatch(cells);
      const logRow = b.last.get(code);
      if (logRow) expect(mark).toContain(`nhật ký dòng ${logRow}`);
      // «Kiểm tra nhật ký» names the sheet, the state cell and the unit.
      checkLogAction(b.ports);
      const notice = b.google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
      // The log itself is intact: the hand edit is in the scoring row, not in the record.
      expect(notice).toMatch(/^Nhật ký nguyên vẹn/);
      expect(notice).toContain('1 đơn vị «sửa tay»');
      const place = cellPlace(rubric.scoringSheet, row, headerColumn(b.sheet, 'Mã trạng thái'));
      expect(notice).toContain(`${place}, đơn vị ${code}:`);
      // Not exported, and counted apart in the summary.
      expect(b.exported()).toBe(code === 'DV0002' ? '0:' : '1:DV0002');
      const summary = composeSummary(b.ports).mail.text;
      expect(summary).toContain('Sửa tay (không tính) | 1');
      expect(summary).toMatch(/Sửa tay — .*\(1 đơn vị\)/);
      expect(summary).toContain(`${code} – `);
      // Progress counts what the log recorded: DV0002 alone, unless DV0002 was the one edited.
      expect(summary).toContain(`Tiến độ: ${code === 'DV0002' ? 0 : 1}/3 đơn vị đã công nhận`);
    },
  );

  it('clears the mark once the cells agree with the log again', () => {
    const b = book();
    const seal = b.sheet.valueAt(3, headerColumn(b.sheet, 'Dấu giá trị đã duyệt'));
    b.cell(3, 'Dấu giá trị đã duyệt', '');
    expect(scanHandEdits(b.ports).marked).toBe(1);
    b.cell(3, 'Dấu giá trị đã duyệt', seal);
    const again = scanHandEdits(b.ports);
    expect(again.found).toEqual([]);
    expect(again.marked).toBe(1);
    expect(b.sheet.valueAt(3, headerColumn(b.sheet, HAND_EDIT_HEADER))).toBe('');
    expect(b.exported()).toBe('1:DV0002');
  });

  it('judges nothing on a log the previous version wrote (no record column)', () => {
    const made = workflowBook();
    made.as(XA, [[2, 1]], 'register');
    // The log as the previous version wrote it: no «Ô do XHHT ghi» column.
    const log = made.google.spreadsheet.sheet(AUDIT_SHEET);
    log.type(1, headerColumn(log, 'Ô do XHHT ghi'), [['']]);
    made.sheet.type(4, headerColumn(made.sheet, 'Mã trạng thái'), [['recognised']]);
    expect(scanHandEdits(made.ports).found).toEqual([]);
  });

  it('ignores and reports «Sổ công nhận» rows that no log row made', () => {
    const b = book();
    const register = b.google.spreadsheet.sheet(REGISTER_SHEET);
    const rows = register.snapshot();
    const made = rows[1] ?? [];
    const logRow = b.last.get('DV0002') ?? 0;
    // A row appended for DV0003 pointing at DV0002's log row, and one pointing nowhere.
    const forged = (code: string, pointer: unknown) =>
      made.map((value, i) =>
        i === 2 ? code : i === 3 ? `Đơn vị ${code}` : i === 11 ? pointer : value,
      );
    register.type(rows.length + 1, 1, [forged('DV0003', logRow), forged('DV0001', '')]);
    const scan = scanHandEdits(b.ports);
    expect(scan.ignoredRegister).toHaveLength(2);
    expect(scan.ignoredRegister[0]).toMatch(
      /đơn vị DV0003 \(quyết định 125\/QĐ-UBND\) không do bước nào/,
    );
    expect(b.exported()).toBe('1:DV0002');
    checkLogAction(b.ports);
    expect(b.google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toContain(
      '«Sổ công nhận»: dòng công nhận đơn vị DV0001',
    );
  });
});
