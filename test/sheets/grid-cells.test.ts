import { describe, expect, it } from 'vitest';
import { GasHasher, GasStore } from '../../src/gas/services';
import { CRITERIA_SHEET, SETTINGS_SHEET, UNITS_SHEET } from '../../src/sheets/layout';
import { OUTBOX_SHEET, queueMail } from '../../src/sheets/outbox';
import { PEOPLE_SHEET } from '../../src/sheets/people-sheet';
import { setUp } from '../../src/sheets/set-up';
import { gasContext } from '../fakes/context';
import { fakeGoogle } from '../fakes/google';
import { rubric, unitRows } from './workbook-helpers';

/** The last column with a header in row 1. */
const headerWidth = (values: unknown[][]) =>
  (values[0] ?? []).reduce<number>((last, cell, i) => (cell === '' ? last : i + 1), 0);

describe('the grid of the sheets XHHT makes', () => {
  it('has only the columns each sheet uses', () => {
    const google = fakeGoogle();
    const ctx = {
      ...gasContext(google),
      store: new GasStore(google.PropertiesService),
      hasher: new GasHasher(google.Utilities),
    };
    setUp(ctx, rubric.id);
    google.spreadsheet.sheet(UNITS_SHEET).type(2, 1, unitRows(3));
    setUp(ctx, rubric.id);
    queueMail(ctx, [{ key: 'a', to: ['a@example.org'], subject: 'A', text: 'a' }]);
    const names = [
      SETTINGS_SHEET,
      UNITS_SHEET,
      PEOPLE_SHEET,
      CRITERIA_SHEET,
      rubric.scoringSheet,
      OUTBOX_SHEET,
    ];
    for (const name of names) {
      const sheet = google.spreadsheet.sheet(name);
      const used = Math.max(headerWidth(sheet.snapshot()), sheet.snapshot()[0]?.length ?? 0);
      expect(sheet.gridColumns, name).toBe(used);
    }
  });

  it('trims a workbook an earlier version made, and keeps a column the officer typed in', () => {
    const google = fakeGoogle();
    const ctx = gasContext(google);
    setUp(ctx, rubric.id);
    // As the previous version left them: every sheet at least 26 columns wide; a note in Z of «Đơn vị».
    for (const sheet of google.spreadsheet.sheets)
      sheet.resizeGrid(1000, Math.max(26, sheet.gridColumns));
    google.spreadsheet.sheet(UNITS_SHEET).type(2, 26, [['ghi chú của xã']]);
    setUp(ctx, rubric.id);
    expect(google.spreadsheet.sheet(UNITS_SHEET).gridColumns).toBe(26);
    expect(google.spreadsheet.sheet(UNITS_SHEET).valueAt(2, 26)).toBe('ghi chú của xã');
    const settings = google.spreadsheet.sheet(SETTINGS_SHEET);
    expect(settings.gridColumns).toBe(settings.snapshot()[0]?.length);
  });
});
