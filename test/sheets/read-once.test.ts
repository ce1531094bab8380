import { describe, expect, it } from 'vitest';
import { GasWorkbook } from '../../src/gas/workbook';
import { readOnce } from '../../src/sheets/read-once';
import { fakeGoogle } from '../fakes/google';

/** readOnce: each sheet read once for a use case, but never a stale answer where a check needs the sheet. */
describe('a workbook read once', () => {
  function book() {
    const google = fakeGoogle();
    const sheet = google.spreadsheet.insertSheet('Chấm');
    sheet.type(1, 1, [
      ['Mã', 'Tên'],
      ['DV1', 'Một'],
      ['DV2', 'Hai'],
    ]);
    return { google, sheet, view: readOnce(new GasWorkbook(google.SpreadsheetApp)) };
  }

  it('reads a sheet, its extent and its header once', () => {
    const { google, view } = book();
    const sheet = view.sheet('Chấm');
    google.io.reset();
    for (let i = 0; i < 3; i += 1) {
      sheet?.readValues();
      sheet?.readRange(1, 1, 1, 2);
    }
    expect(google.io.calls.get('getValues')).toBe(2);
  });

  it('reads rows below the header afresh each time: a sort by another editor is seen', () => {
    const { sheet, view } = book();
    const port = view.sheet('Chấm');
    expect(port?.readRange(2, 1, 2, 1)).toEqual([['DV1'], ['DV2']]);
    // Another editor sorts the sheet meanwhile.
    sheet.type(2, 1, [
      ['DV2', 'Hai'],
      ['DV1', 'Một'],
    ]);
    expect(port?.readRange(2, 1, 2, 1)).toEqual([['DV2'], ['DV1']]);
  });
});
