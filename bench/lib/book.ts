import type { AuditEntry } from '../../src/domain/audit';
import { TT22_2020_DVHT as rubric } from '../../src/domain/rubrics/tt22-2020-dvht';
import { GasHasher, GasIdentity, GasStore } from '../../src/gas/services';
import type { ActPorts } from '../../src/sheets/act';
import { UNITS_SHEET } from '../../src/sheets/layout';
import { PEOPLE_SHEET } from '../../src/sheets/people-sheet';
import { setUp } from '../../src/sheets/set-up';
import { gasContext } from '../../test/fakes/context';
import { fakeGoogle } from '../../test/fakes/google';

/** A fake spreadsheet of `units` scored units spread over `districts`, with a commune, district and province officer. */
export const XA = 'xa@example.org';
export const HUYEN = 'huyen@example.org';
export const TINH = 'tinh@example.org';

export function benchBook(units: number, districts = 1) {
  const google = fakeGoogle();
  const ports: ActPorts = {
    ...gasContext(google),
    store: new GasStore(google.PropertiesService),
    hasher: new GasHasher(google.Utilities),
    identity: new GasIdentity(google.Session),
  };
  const district = (i: number) => `Huyện ${(i % districts) + 1}`;
  setUp(ports, rubric.id);
  const unitsSheet = google.spreadsheet.sheet(UNITS_SHEET);
  // As Sheets has it: the grid holds every row typed (a step searches the code column within it).
  unitsSheet.resizeGrid(Math.max(unitsSheet.getMaxRows(), units + 1), unitsSheet.getMaxColumns());
  unitsSheet.type(
    2,
    1,
    Array.from({ length: units }, (_, i) => [`DV${i}`, `Đơn vị ${i}`, district(i), `Cụm ${i % 5}`]),
  );
  setUp(ports, rubric.id);
  google.spreadsheet.sheet(rubric.scoringSheet).type(
    2,
    4,
    Array.from({ length: units }, () => [10, 10, 10, 10, 5, 10, 5, 25, 10, 5]),
  );
  google.spreadsheet.sheet(PEOPLE_SHEET).type(2, 1, [
    [HUYEN, 'huyện', 'Huyện 1'],
    [TINH, 'tỉnh', ''],
    // A commune scope is a unit code; this bench's commune holds them all, one row per unit.
    ...Array.from({ length: units }, (_, i) => [XA, 'xã', `DV${i}`]),
  ]);
  const all = { sheet: rubric.scoringSheet, rows: Array.from({ length: units }, (_, i) => i + 2) };
  return { google, ports, all, rubric };
}

/** A log row of some other unit, as a year of other steps leaves them (to grow the log). */
export const otherLogEntry = (i: number): AuditEntry => ({
  time: '01/03/2026 08:00:00',
  user: 'lichsu@example.org',
  unit: `CU${i}`,
  action: 'Ghi chú',
  from: '',
  to: '',
  comment: `Dòng nhật ký cũ ${i}`,
});

export function cpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
