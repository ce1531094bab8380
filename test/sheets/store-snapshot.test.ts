import { describe, expect, it } from 'vitest';
import { GasStore } from '../../src/gas/services';
import { GasWorkbook } from '../../src/gas/workbook';
import { SheetStore } from '../../src/node/sheet-store';
import type { StorePort } from '../../src/sheets/ports';
import { snapshotStore } from '../../src/sheets/store-snapshot';
import { fakeGoogle } from '../fakes/google';

/** Issue 12: a step reads its document properties in one call, and the grid's size only once. */

describe('snapshotStore', () => {
  it('reads every property in one call, then answers from memory and sees its own writes', () => {
    const google = fakeGoogle();
    const store = new GasStore(google.PropertiesService);
    store.set('a', '1');
    store.set('b', '2');
    google.io.reset();
    const snapshot = snapshotStore(store);
    expect([snapshot.get('a'), snapshot.get('b'), snapshot.get('c')]).toEqual(['1', '2', null]);
    expect(google.io.of('propRead').calls).toBe(1);
    snapshot.set('c', '3');
    // The write goes through at once, and later reads see it without asking again.
    expect(store.get('c')).toBe('3');
    google.io.reset();
    expect(snapshot.get('c')).toBe('3');
    expect(google.io.of('propRead').calls).toBe(0);
  });

  it('uses a store that cannot read every key at once as it is', () => {
    const store: StorePort = { get: () => 'x', set: () => {} };
    expect(snapshotStore(store)).toBe(store);
  });

  it('reads the offline properties sheet once, the first row of a key winning as in get', () => {
    const google = fakeGoogle();
    const store = new SheetStore(new GasWorkbook(google.SpreadsheetApp));
    store.set('a', '1');
    store.set('b', '2');
    google.io.reset();
    expect(snapshotStore(store).get('b')).toBe('2');
    expect(google.io.reads).toBe(1);
    expect(store.getAll()).toEqual({ a: '1', b: '2' });
  });
});

describe('GasSheet grid size', () => {
  it('writes without asking the grid size; a write outside the grid asks it, grows the grid and lands', () => {
    const google = fakeGoogle();
    const workbook = new GasWorkbook(google.SpreadsheetApp);
    const sheet = workbook.addSheet('Trang');
    sheet.writeValues(1, 1, [['a', 'b', 'c']]);
    sheet.writeValues(2, 1, [['d', 'e', 'f']]);
    sheet.trimColumns();
    const asked = () =>
      (google.io.calls.get('getMaxRows') ?? 0) + (google.io.calls.get('getMaxColumns') ?? 0);
    // Another object over the same sheet, as a later step function gets it, knows nothing yet.
    const again = workbook.sheet('Trang');
    if (!again) throw new Error('no sheet');
    google.io.reset();
    again.writeValues(3, 1, [['g']]);
    again.writeValues(4, 2, [['h']]);
    expect(asked()).toBe(0);
    expect(google.io.calls.get('insertRowsAfter') ?? 0).toBe(0);
    // Past the trimmed grid's last column: Sheets refuses the range, then the sizes are asked once,
    // the grid grows and the block lands, nothing else written.
    again.writeValues(1, 5, [['x']]);
    expect(asked()).toBe(2);
    expect(google.io.calls.get('insertColumnsAfter')).toBe(1);
    expect(google.spreadsheet.sheet('Trang').valueAt(1, 5)).toBe('x');
    expect(google.spreadsheet.sheet('Trang').valueAt(1, 4)).toBe('');
    // Now it knows: a write inside asks nothing.
    google.io.reset();
    again.writeValues(2, 5, [['y']]);
    expect(asked()).toBe(0);
  });

  it('adds room for the next hundred appends when a write passes the grid’s last row', () => {
    const google = fakeGoogle();
    const workbook = new GasWorkbook(google.SpreadsheetApp);
    const sheet = workbook.addSheet('Trang');
    const fake = google.spreadsheet.sheet('Trang');
    const last = fake.getMaxRows();
    sheet.writeValues(last, 1, [['cuối']]);
    google.io.reset();
    sheet.writeValues(last + 1, 1, [['a'], ['b']]);
    expect(fake.getMaxRows()).toBe(last + 2 + 100);
    expect(fake.valueAt(last + 2, 1)).toBe('b');
    google.io.reset();
    for (let i = 0; i < 100; i += 1) sheet.writeValues(last + 3 + i, 1, [[i]]);
    expect(google.io.calls.get('insertRowsAfter') ?? 0).toBe(0);
    expect(google.io.calls.get('getMaxRows') ?? 0).toBe(0);
  });

  it('refuses, unchanged, a write Sheets refuses for another reason than the grid', () => {
    const google = fakeGoogle();
    const workbook = new GasWorkbook(google.SpreadsheetApp);
    const sheet = workbook.addSheet('Trang');
    expect(() => sheet.writeValues(0, 1, [['a']])).toThrow();
    expect(google.io.calls.get('insertRowsAfter') ?? 0).toBe(0);
  });

  it('reads an empty sheet as no rows, in one data-range call', () => {
    const google = fakeGoogle();
    const sheet = new GasWorkbook(google.SpreadsheetApp).addSheet('Trống');
    google.io.reset();
    expect(sheet.readValues()).toEqual([]);
    expect(google.io.calls.get('getLastRow') ?? 0).toBe(0);
  });
});
