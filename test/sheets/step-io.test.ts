import { describe, expect, it } from 'vitest';
import { GasStore } from '../../src/gas/services';
import { GasWorkbook } from '../../src/gas/workbook';
import { act } from '../../src/sheets/act';
import { OUTBOX_SHEET } from '../../src/sheets/outbox';
import { PEOPLE_SHEET, readPeople } from '../../src/sheets/people-sheet';
import { holdingStore } from '../../src/sheets/store-snapshot';
import { fakeGoogle } from '../fakes/google';
import { columnValues, rubric } from './workbook-helpers';
import { HUYEN, workflowBook, XA } from './workflow-helpers';

/** Issue 12: what the officer's step asks of Sheets, one call where it used to be several. */

describe('the sheets looked up once for a run', () => {
  it('answers every lookup from one getSheets call, with the same object, kept right by the run’s own inserts and removals', () => {
    const google = fakeGoogle();
    const workbook = new GasWorkbook(google.SpreadsheetApp);
    workbook.addSheet('Một');
    workbook.addSheet('Hai');
    google.io.reset();
    workbook.cachingSheets(() => {
      const one = workbook.sheet('Một');
      expect(workbook.sheet('Một')).toBe(one);
      expect(workbook.sheet('Hai')?.name).toBe('Hai');
      expect(workbook.sheet('Ba')).toBeUndefined();
      const three = workbook.addSheet('Ba');
      expect(workbook.sheet('Ba')).toBe(three);
      workbook.removeSheet('Hai');
      expect(workbook.sheet('Hai')).toBeUndefined();
    });
    expect(google.io.calls.get('getSheets')).toBe(1);
    expect(google.io.calls.get('getSheetByName') ?? 0).toBe(0);
    // Between runs nothing is kept: a sheet deleted by hand is not found by the next run.
    google.spreadsheet.deleteSheet(google.spreadsheet.sheet('Một'));
    workbook.cachingSheets(() => expect(workbook.sheet('Một')).toBeUndefined());
    expect(workbook.sheet('Ba')?.name).toBe('Ba');
    expect(google.io.calls.get('getSheets')).toBe(2);
  });
});

describe('the step’s last property writes, together', () => {
  it('holds what work sets (later reads see it), then writes it in one call, also when work throws', () => {
    const google = fakeGoogle();
    const store = holdingStore(new GasStore(google.PropertiesService));
    google.io.reset();
    store.holding(() => {
      store.set('a', '1');
      store.set('b', '2');
      expect(store.get('a')).toBe('1');
      expect(google.PropertiesService.document.map.has('a')).toBe(false);
    });
    expect(google.io.of('propWrite').calls).toBe(1);
    expect(google.PropertiesService.document.map.get('b')).toBe('2');
    expect(() =>
      store.holding(() => {
        store.set('c', '3');
        throw new Error('cut');
      }),
    ).toThrow('cut');
    expect(google.PropertiesService.document.map.get('c')).toBe('3');
    // Outside `holding` a write goes through at once.
    store.set('d', '4');
    expect(google.PropertiesService.document.map.get('d')).toBe('4');
  });
});

describe('«Người dùng» read for its grants', () => {
  it('reads only the email, role and scope columns, and the whole sheet when they are elsewhere, with the same grants', () => {
    const { google, ports } = workflowBook();
    const people = google.spreadsheet.sheet(PEOPLE_SHEET);
    const rows = people.getLastRow();
    const before = readPeople(ports.workbook);
    google.io.reset();
    readPeople(ports.workbook);
    expect(google.io.cellsRead).toBe(rows * 3);
    // An administrator moved «Họ tên» first: the grants are found all the same, from the whole sheet.
    const moved = people
      .snapshot()
      .map((row) => [row[3] ?? '', row[0], row[1], row[2], row[4] ?? '']);
    people.type(1, 1, moved);
    google.io.reset();
    expect(readPeople(ports.workbook).grants).toEqual(before.grants);
    expect(google.io.cellsRead).toBeGreaterThan(rows * 3);
  });

  it('finds the mail’s recipient whose role and scope were typed with stray spaces and decomposed accents', () => {
    const { google, ports } = workflowBook();
    const people = google.spreadsheet.sheet(PEOPLE_SHEET);
    const row = columnValues(people, 'Email').indexOf(HUYEN) + 2;
    people.type(row, 2, [[' huyện '.normalize('NFD'), '  Huyện   1 '.normalize('NFD')]]);
    google.Session.email = XA;
    act(ports, { action: 'register' }, { sheet: rubric.scoringSheet, rows: [2] });
    expect(
      act(ports, { action: 'submit' }, { sheet: rubric.scoringSheet, rows: [2] }).done,
    ).toHaveLength(1);
    expect(columnValues(google.spreadsheet.sheet(OUTBOX_SHEET), 'Người nhận').join(' ')).toContain(
      HUYEN,
    );
  });
});
