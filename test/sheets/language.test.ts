import { afterEach, describe, expect, it } from 'vitest';
import { useLanguage } from '../../src/domain/i18n';
import { SETTING_SPECS } from '../../src/domain/settings';
import { GasUi } from '../../src/gas/services';
import { buildMenu, scoreAllAction, setUpAction, totalFormula } from '../../src/sheets/actions';
import { rubricRows } from '../../src/sheets/criteria-sheet';
import { CRITERIA_COLUMNS, CRITERIA_SHEET, SETTINGS_SHEET } from '../../src/sheets/layout';
import { gasCharts } from '../fakes/context';
import { POINTS_FIXTURE } from '../fixtures/rubrics';
import { columnValues, headerColumn, rubric, workbookWith } from './workbook-helpers';

/** A set-up workbook whose «Ngôn ngữ / Language» setting holds `language`. */
function workbookIn(
  language: string,
  scores: unknown[][] = [[10, 10, 10, 10, 5, 10, 5, 25, 10, 5]],
) {
  const made = workbookWith(scores);
  const settings = made.google.spreadsheet.sheet(SETTINGS_SHEET);
  const row = settings.snapshot().findIndex((r) => r[0] === 'language') + 1;
  settings.type(row, headerColumn(settings, 'Giá trị'), [[language]]);
  return made;
}

describe('the interface in English, chosen in the settings', () => {
  afterEach(() => useLanguage('vi'));

  it('gives the menu, the dialogs and the error cells in English', () => {
    const { google, ctx, sheet } = workbookIn('English', [
      [10, 10, 10, 10, 5, 10, 5, 25, 10, 5],
      ['mười', 10, 10, 10, 5, 10, 5, 25, 10, 5],
    ]);
    buildMenu(
      new GasUi(google.SpreadsheetApp, google.HtmlService, gasCharts(google)),
      ctx.workbook,
    );
    expect(google.SpreadsheetApp.ui.menus[0]?.items.map((i) => i?.caption ?? '—')).toEqual([
      'Set up the spreadsheet',
      'Score all',
      '—',
      'Register',
      'Submit',
      'Approve',
      'Recognise',
      'Return',
      'Refuse',
      'Revoke / cancel a recognition',
      'Undo the latest step (admin)',
      'Confirm an offline step',
      'Restore the cells from the log (admin)',
      '—',
      'Selected unit and my work',
      'Import earlier recognitions (admin)',
      'Export the recognised units',
      'Preview the summary report',
      'Send the summary report now',
      'Send the queued mail (admin)',
      'Turn automatic mail on (admin)',
      'Turn automatic mail off (admin)',
      'Check the audit log',
      'Check the audit log against a chain head',
      'Import offline results (admin)',
      'Accept log rows not yet kept (admin)',
      'Confirm the people list (admin)',
      'Restart the audit chain (admin)',
      'Archive sent mail and a closed year’s log (admin)',
      'About XHHT Sheets',
    ]);
    scoreAllAction(ctx);
    const notice = google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
    expect(notice).toMatch(
      /^Assessment year 2026\.\n\nSheet «Chấm điểm ĐVHT»: scored 1\/2 units — Tốt 1, Khá 0, Trung bình 0, Chưa đạt 0\./,
    );
    expect(notice).toContain('1 row has an error and was not scored (see the «Lỗi» column):');
    expect(columnValues(sheet, 'Lỗi')[1]).toBe(
      'Cell D3, sheet «Chấm điểm ĐVHT», item 1.1: «mười» is not a number. A number from 0 to 10 is expected.',
    );
  });

  it('speaks English in formulas and in the criteria sheet’s checks too', () => {
    const { google, ctx } = workbookIn('en');
    expect(totalFormula([[1, 'x']], rubric.id, () => ctx.workbook)).toEqual([
      ['Error in row 1, column 2 of the range: «x» is not a number'],
    ]);
    const criteria = google.spreadsheet.sheet(CRITERIA_SHEET);
    const rows = rubricRows(POINTS_FIXTURE).map((cells) =>
      CRITERIA_COLUMNS.map((spec) =>
        spec.key === 'max' && cells.code === 'A2' ? 10 : (cells[spec.key] ?? ''),
      ),
    );
    criteria.type(criteria.snapshot().length + 1, 1, rows);
    google.SpreadsheetApp.ui.answers.push(POINTS_FIXTURE.id);
    setUpAction(ctx);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(
      /^Rubric «TTHTCD_TINH» in sheet «Tiêu chí» needs fixing before its scoring sheet can be made:\nCell F\d+, sheet «Tiêu chí»: criterion A has a maximum of 40 but its items add up to 35\.$/,
    );
  });

  it('is chosen again at every run: back in Vietnamese when the setting says so', () => {
    const { google, ctx } = workbookIn('English');
    scoreAllAction(ctx);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(/^Assessment year/);
    const settings = google.spreadsheet.sheet(SETTINGS_SHEET);
    const row = settings.snapshot().findIndex((r) => r[0] === 'language') + 1;
    settings.type(row, headerColumn(settings, 'Giá trị'), [['Tiếng Việt']]);
    scoreAllAction(ctx);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(/^Năm đánh giá 2026\./);
  });

  it('names the cell of a language it does not know', () => {
    const { google, ctx } = workbookIn('Français');
    scoreAllAction(ctx);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toBe(
      `Ô C${SETTING_SPECS.findIndex((spec) => spec.key === 'language') + 2}, trang «Cài đặt» (Ngôn ngữ / Language): chọn «Tiếng Việt» hoặc «English».`,
    );
  });
});
