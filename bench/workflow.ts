import { act } from '../src/sheets/act';
import { sidebarData } from '../src/sheets/sidebar';
import { budget, LATENCY, modelledMs } from '../test/fakes/latency';
import { benchBook, HUYEN, TINH, XA } from './lib/book';

/**
 * The approval workflow at growing sizes: a district reviewer approving every unit of the sheet in one
 * selection, and the sidebar's data (with «Việc của tôi» over the whole sheet) for the province after
 * that. Sheets calls must stay flat as units grow; CPU is Node's for the use case and the fake.
 */
function run(units: number) {
  const { google, ports, all } = benchBook(units);
  google.Session.email = XA;
  act(ports, { action: 'register' }, all);
  act(ports, { action: 'submit' }, all);

  google.Session.email = HUYEN;
  google.io.reset();
  let start = process.cpuUsage();
  const report = act(ports, { action: 'approve' }, all);
  let cpu = process.cpuUsage(start);
  const approveCpu = (cpu.user + cpu.system) / 1000;
  const approve = {
    done: report.done.length,
    reads: google.io.reads,
    writes: google.io.writes,
    cpuMs: approveCpu,
    // The latency model of bench/latency.ts: calls and cells priced, CPU × 3.
    modelled: (modelledMs(google.io) + approveCpu * LATENCY.cpuFactor) / 1000,
    ...budget(google.io),
  };

  google.Session.email = TINH;
  google.spreadsheet.select(all.sheet, [2, 1]);
  google.io.reset();
  start = process.cpuUsage();
  const data = sidebarData(ports);
  cpu = process.cpuUsage(start);
  const sidebar = {
    mine: data.mine?.length ?? 0,
    reads: google.io.reads,
    writes: google.io.writes,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
  return { units, approve, sidebar };
}

console.log('\nworkflow over the fake spreadsheet (TT22_2020_DVHT, 3-level ladder)');
console.log(
  'units  | bulk approve: done reads writes CPU ms  modelled s (calls/cells) | sidebar: mine reads writes CPU ms',
);
for (const { units, approve: a, sidebar: s } of [100, 1_000, 5_000].map(run)) {
  console.log(
    `${String(units).padStart(5)}  | ${String(a.done).padStart(18)} ${String(a.reads).padStart(5)} ${String(a.writes).padStart(6)} ${a.cpuMs.toFixed(1).padStart(6)}  ${a.modelled.toFixed(1).padStart(10)} (${a.calls}/${a.cells}) | ${String(s.mine).padStart(13)} ${String(s.reads).padStart(5)} ${String(s.writes).padStart(6)} ${s.cpuMs.toFixed(1).padStart(6)}`,
  );
}
