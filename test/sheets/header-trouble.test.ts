import { describe, expect, it } from 'vitest';
import { scoreAllAction, setUpAction } from '../../src/sheets/actions';
import { workbookWith } from './workbook-helpers';
import { FULL } from './workflow-helpers';

/**
 * Issue 13: a scoring sheet whose row 1 is not its header says why, online too: a title row above the
 * header, or merged header cells, named as such (not as twenty missing columns).
 */
describe('a header that is not in row 1 as XHHT wrote it', () => {
  it('a title row above the header is named, and nothing is written', () => {
    const { google, ctx, sheet } = workbookWith([FULL]);
    // The officer inserts a title row: every row moves one down, the title stands alone in A1.
    const before = sheet.snapshot();
    const width = before[0]?.length ?? 1;
    sheet.type(2, 1, before);
    sheet.type(1, 1, [
      ['DANH SÁCH CHẤM ĐIỂM NĂM 2026', ...Array.from({ length: width - 1 }, () => '')],
    ]);
    scoreAllAction(ctx);
    const notice = google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
    expect(notice).toContain('dòng 1 phải là dòng tiêu đề');
    expect(notice).toContain('đang ở dòng 2');
    expect(notice).not.toContain('thiếu cột');
  });

  it('merged header cells are named with their range, at scoring and at set-up', () => {
    const { google, ctx, sheet } = workbookWith([FULL]);
    // Merging E1:F1 keeps E1's text; Sheets reads F1 as blank.
    sheet.type(1, 6, [['']]);
    sheet.merges.push({ row: 1, column: 5, rows: 1, columns: 2 });
    scoreAllAction(ctx);
    const notice = google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
    expect(notice).toContain('ô tiêu đề E1:F1 đang được gộp');
    setUpAction(ctx);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '').toContain('E1:F1');
  });
});
