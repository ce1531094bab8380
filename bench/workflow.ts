import { TT22_2020_DVHT as rubric } from '../src/domain/rubrics/tt22-2020-dvht';
import { GasHasher, GasIdentity, GasStore } from '../src/gas/services';
import { type ActPorts, act } from '../src/sheets/act';
import { UNITS_SHEET } from '../src/sheets/layout';
import { PEOPLE_SHEET } from '../src/sheets/people-sheet';
import { setUp } from '../src/sheets/set-up';
import { sidebarData } from '../src/sheets/sidebar';
import { gasContext } from '../test/fakes/context';
import { fakeGoogle } from '../test/fakes/google';

/**
 * The approval workflow at growing sizes: a district reviewer approving every unit of the sheet in one
 * selection, and the sidebar's data (with «Việc của tôi» over the whole sheet) for the province after
 * that. Sheets calls must stay flat as units grow; CPU is Node's for the use case and the fake.
 */
const XA = 'xa@example.org';
const HUYEN = 'huyen@example.org';
const TINH = 'tinh@example.org';

function run(units: number) {
  const google = fakeGoogle();
  const ports: ActPorts = {
    ...gasContext(google),
    store: new GasStore(google.PropertiesService),
    hasher: new GasHasher(google.Utilities),
    identity: new GasIdentity(google.Session),
  };
  setUp(ports, rubric.id);
  google.spreadsheet.sheet(UNITS_SHEET).type(
    2,
    1,
    Array.from({ length: units }, (_, i) => [`DV${i}`, `Đơn vị ${i}`, 'Huyện 1']),
  );
  setUp(ports, rubric.id);
  google.spreadsheet.sheet(rubric.scoringSheet).type(
    2,
    4,
    Array.from({ length: units }, () => [10, 10, 10, 10, 5, 10, 5, 25, 10, 5]),
  );
  google.spreadsheet.sheet(PEOPLE_SHEET).type(2, 1, [
    [XA, 'xã', 'Huyện 1'],
    [HUYEN, 'huyện', 'Huyện 1'],
    [TINH, 'tỉnh', ''],
  ]);
  // A commune scope is a unit code; this bench's commune holds them all, as one row per unit.
  google.spreadsheet.sheet(PEOPLE_SHEET).type(
    5,
    1,
    Array.from({ length: units }, (_, i) => [XA, 'xã', `DV${i}`]),
  );
  const all = { sheet: rubric.scoringSheet, rows: Array.from({ length: units }, (_, i) => i + 2) };
  google.Session.email = XA;
  act(ports, { action: 'register' }, all);
  act(ports, { action: 'submit' }, all);

  google.Session.email = HUYEN;
  google.io.reset();
  let start = process.cpuUsage();
  const report = act(ports, { action: 'approve' }, all);
  let cpu = process.cpuUsage(start);
  const approve = {
    done: report.done.length,
    reads: google.io.reads,
    writes: google.io.writes,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };

  google.Session.email = TINH;
  google.spreadsheet.select(rubric.scoringSheet, [2, 1]);
  google.io.reset();
  start = process.cpuUsage();
  const data = sidebarData(ports);
  cpu = process.cpuUsage(start);
  const sidebar = {
    mine: data.mine.length,
    reads: google.io.reads,
    writes: google.io.writes,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
  return { units, approve, sidebar };
}

console.log('\nworkflow over the fake spreadsheet (TT22_2020_DVHT, 3-level ladder)');
console.log('units  | bulk approve: done reads writes CPU ms | sidebar: mine reads writes CPU ms');
for (const { units, approve: a, sidebar: s } of [100, 1_000, 5_000].map(run)) {
  console.log(
    `${String(units).padStart(5)}  | ${String(a.done).padStart(18)} ${String(a.reads).padStart(5)} ${String(a.writes).padStart(6)} ${a.cpuMs.toFixed(1).padStart(6)} | ${String(s.mine).padStart(13)} ${String(s.reads).padStart(5)} ${String(s.writes).padStart(6)} ${s.cpuMs.toFixed(1).padStart(6)}`,
  );
}
