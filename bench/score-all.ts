import { statSync } from 'node:fs';
import { TT22_2020_DVHT as rubric } from '../src/domain/rubrics/tt22-2020-dvht';
import { UNITS_SHEET } from '../src/sheets/layout';
import { scoreAll } from '../src/sheets/score-all';
import { setUp } from '../src/sheets/set-up';
import { gasContext } from '../test/fakes/context';
import { fakeGoogle } from '../test/fakes/google';

/**
 * Score-all over the fake spreadsheet at growing sizes: Sheets calls (which must stay flat as units
 * grow) and Node CPU time of the use case itself. The performance issue extends this.
 */
function run(units: number) {
  const google = fakeGoogle();
  const ctx = gasContext(google);
  setUp(ctx, rubric.id);
  google.spreadsheet.sheet(UNITS_SHEET).type(
    2,
    1,
    Array.from({ length: units }, (_, i) => [`DV${i}`, `Đơn vị ${i}`, `Huyện ${i % 10}`]),
  );
  setUp(ctx, rubric.id);
  google.spreadsheet.sheet(rubric.scoringSheet).type(
    2,
    4,
    Array.from({ length: units }, (_, i) => [
      10,
      '8,5',
      7,
      10,
      5,
      10,
      5,
      20 + (i % 6),
      10,
      i % 50 === 0 ? 'x' : 5,
    ]),
  );
  google.io.reset();
  const start = process.cpuUsage();
  scoreAll(ctx);
  const cpu = process.cpuUsage(start);
  return {
    units,
    reads: google.io.reads,
    writes: google.io.writes,
    other: google.io.other,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

const rows = [100, 1_000, 10_000].map(run);
console.log('score-all over the fake spreadsheet (TT22_2020_DVHT)');
console.log('units    reads  writes  other calls  CPU ms');
for (const r of rows) {
  console.log(
    `${String(r.units).padStart(6)}  ${String(r.reads).padStart(5)}  ${String(r.writes).padStart(6)}  ${String(r.other).padStart(11)}  ${r.cpuMs.toFixed(1).padStart(6)}`,
  );
}
const bundle = statSync(new URL('../dist/Code.js', import.meta.url)).size;
console.log(`\ndist/Code.js: ${(bundle / 1024).toFixed(1)} KiB`);
