import { describe, expect, it } from 'vitest';
import { cellPlace } from '../../src/domain/a1';
import { itemsOf } from '../../src/domain/rubric';
import { exportRecognisedAction } from '../../src/sheets/actions';
import { RECOGNISED_SHEET } from '../../src/sheets/export-recognised';
import { DIFFERENCE_BACKGROUND } from '../../src/sheets/layout';
import { scoreAll } from '../../src/sheets/score-all';
import { setUp } from '../../src/sheets/set-up';
import { FakeConditionalRule } from '../fakes/spreadsheet';
import { columnValues, headerColumn, rubric } from './workbook-helpers';
import { HUYEN, TINH, workflowBook, XA } from './workflow-helpers';

describe("the reviewer's adjusted values", () => {
  it('are coloured where they differ, by one conditional format per column that set-up keeps single', () => {
    const { ports, sheet } = workflowBook();
    const foreign = new FakeConditionalRule('=$A2="x"', '#ff0000', []);
    sheet.conditionalRules.push(foreign);
    setUp(ports, rubric.id);
    setUp(ports, rubric.id);
    const ours = sheet.conditionalRules.filter((rule) => rule !== foreign);
    expect(sheet.conditionalRules).toContain(foreign);
    expect(ours).toHaveLength(itemsOf(rubric).length);
    const review = headerColumn(sheet, 'Thẩm định 1.1');
    const own = headerColumn(sheet, /^1\.1 /);
    const letter = (column: number) => String.fromCharCode(64 + column);
    expect(ours[0]).toMatchObject({
      formula: `=AND($${letter(review)}2<>"",$${letter(review)}2<>$${letter(own)}2)`,
      background: DIFFERENCE_BACKGROUND,
      areas: [{ row: 2, column: review, rows: 999, columns: 1 }],
    });
  });

  it('sit beside the self-assessment, give a second result, list each change and need a reason', () => {
    const { ports, sheet } = workflowBook();
    const column = (header: string) => headerColumn(sheet, header);
    sheet.type(2, column('Thẩm định 1.1'), [[6]]);
    sheet.type(2, column('Thẩm định 3.1'), [[25]]); // the same as the commune's: no change
    scoreAll(ports);
    const cell = (header: string) => sheet.snapshot()[1]?.[column(header) - 1];
    expect(sheet.snapshot()[1]?.[headerColumn(sheet, /^1\.1 /) - 1]).toBe(10);
    expect(cell('Tổng điểm')).toBe(100);
    expect(cell('Xếp loại')).toBe('Tốt');
    expect(cell('Kết quả thẩm định')).toBe('Tốt');
    expect(cell('Điều chỉnh thẩm định')).toBe('1.1: 10 → 6');
    const reason = cellPlace(rubric.scoringSheet, 2, column('Lý do điều chỉnh (thẩm định)'));
    expect(cell('Lỗi')).toBe(
      `${reason}: giá trị thẩm định khác giá trị tự đánh giá; cần ghi lý do điều chỉnh.`,
    );

    sheet.type(2, column('Lý do điều chỉnh (thẩm định)'), [['Biên bản kiểm tra ngày 10/1']]);
    sheet.type(2, column('Thẩm định 2.1'), [[1]]);
    sheet.type(2, column('Thẩm định 3.1'), [[10]]);
    scoreAll(ports);
    expect(cell('Lỗi')).toBe('');
    expect(cell('Kết quả thẩm định')).toBe('Khá');
    expect(cell('Điều chỉnh thẩm định')).toBe('1.1: 10 → 6; 2.1: 10 → 1; 3.1: 25 → 10');
    // The unit's own result stays its own.
    expect(cell('Xếp loại')).toBe('Tốt');

    sheet.type(2, column('Thẩm định 2.1'), [[11]]);
    scoreAll(ports);
    expect(cell('Kết quả thẩm định')).toBe('');
    expect(cell('Lỗi')).toBe(
      `${cellPlace(rubric.scoringSheet, 2, column('Thẩm định 2.1'))}, mục 2.1: 11 lớn hơn điểm tối đa 10. Cần một số từ 0 đến 10.`,
    );
  });

  it('cannot be approved without a reason, and the export gives the reviewed result', () => {
    const { google, ports, sheet, as } = workflowBook();
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    sheet.type(2, headerColumn(sheet, 'Thẩm định 3.1'), [[5]]);
    const reason = headerColumn(sheet, 'Lý do điều chỉnh (thẩm định)');
    expect(as(HUYEN, [[2, 1]], 'approve')).toBe(
      `Không thực hiện được với 1 đơn vị:\n• DV0001: chưa duyệt được: ${cellPlace(rubric.scoringSheet, 2, reason)}: giá trị thẩm định khác giá trị tự đánh giá; cần ghi lý do điều chỉnh.`,
    );
    sheet.type(2, reason, [['Chỉ 5 người có chứng nhận']]);
    expect(as(HUYEN, [[2, 1]], 'approve')).toBe(
      'Đã «Duyệt» 1 đơn vị:\n• DV0001 → Chờ tỉnh quyết định',
    );
    // The reviewer's columns are not the commune's values: the approval stands.
    as(TINH, [[2, 1]], 'recognise', '125/QĐ-UBND', '20/03/2027');
    expect(columnValues(sheet, 'Trạng thái')[0]).toBe('Đã công nhận');
    exportRecognisedAction(ports);
    expect(google.spreadsheet.sheet(RECOGNISED_SHEET).snapshot()[1]?.[5]).toBe('Khá');
    expect(columnValues(sheet, 'Xếp loại')[0]).toBe('Tốt');
  });
});
