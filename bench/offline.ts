import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TT22_2020_DVHT as rubric } from '../src/domain/rubrics/tt22-2020-dvht';
import { offlinePorts } from '../src/node/offline';
import { XlsxWorkbook } from '../src/node/xlsx-workbook';
import { UNITS_SHEET } from '../src/sheets/layout';
import { setUp } from '../src/sheets/set-up';

/**
 * The offline command line at province scale: `xhht score` on a workbook of N units (wall time, CPU
 * time and peak memory of the process), and how fast `xhht --help` and `xhht validate` on a small file
 * start. Targets (issue 12): score on 50,000 units ≤ 15 s and ≤ 1 GB; --help and validate ≤ 0.4 s. The
 * machine's own start of Node is printed beside them, and its load: on a shared machine the wall time
 * grows with the load, the CPU time does not.
 *
 * The workbooks are made as `xhht init` makes them (exceljs, set-up run twice): for 50,000 units that
 * takes minutes and about 2 GB, so each is generated once into the system's temporary folder and kept
 * there for the next run, under a name carrying a hash of the built CLI (a change of set-up makes new
 * ones). Nothing of it is committed.
 */

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'build', 'xhht.mjs');
const cache = join(tmpdir(), 'xhht-bench-offline');
const version = createHash('sha256').update(readFileSync(cli)).digest('hex').slice(0, 12);
const work = join(cache, `run-${process.pid}`);
const SIZES = (process.env.XHHT_BENCH_OFFLINE ?? '1000,50000').split(',').map(Number);

/** The generated workbook of `units` units (made once, then kept), copied to a file of this run. */
async function workbookOf(units: number): Promise<string> {
  const kept = join(cache, `units-${units}-${version}.xlsx`);
  if (!existsSync(kept)) await generate(units, kept);
  const file = join(work, `units-${units}.xlsx`);
  copyFileSync(kept, file);
  return file;
}

async function generate(units: number, file: string): Promise<void> {
  const book = new XlsxWorkbook();
  const ports = offlinePorts(book);
  setUp(ports, rubric.id);
  book.sheet(UNITS_SHEET)?.writeValues(
    2,
    1,
    Array.from({ length: units }, (_, i) => [`DV${i}`, `Đơn vị ${i}`, `Huyện ${i % 30}`]),
  );
  setUp(ports, rubric.id);
  book.sheet(rubric.scoringSheet)?.writeValues(
    2,
    4,
    Array.from({ length: units }, (_, i) => [10, '8,5', 7, 10, 5, 10, 5, 20 + (i % 6), 10, 5]),
  );
  await book.write(file);
}

/** Runs `xhht …args` in a fresh Node: wall and CPU seconds, peak resident memory (MB), exit code. */
function run(args: readonly string[]): { seconds: number; cpu: number; mb: number; code: number } {
  const script = `const { main } = await import(${JSON.stringify(cli)});
const code = await main(${JSON.stringify(args)}, () => {}, () => {});
const usage = process.resourceUsage();
process.stderr.write('XHHT_RSS ' + usage.maxRSS + ' ' + (usage.userCPUTime + usage.systemCPUTime) + ' ' + code);`;
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  const seconds = (performance.now() - start) / 1000;
  const [, rss = '0', cpu = '0', code = '1'] =
    /XHHT_RSS (\d+) (\d+) (\d+)/.exec(child.stderr) ?? [];
  return { seconds, cpu: Number(cpu) / 1e6, mb: Number(rss) / 1024, code: Number(code) };
}

function bare(): number {
  const start = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return (performance.now() - start) / 1000;
}

const fastest = <T extends { seconds: number }>(runs: T[]): T =>
  runs.sort((a, b) => a.seconds - b.seconds)[0] as T;

mkdirSync(work, { recursive: true });
// Workbooks of an earlier build are of no use any more.
for (const name of readdirSync(cache)) {
  if (/^units-\d+-\w+\.xlsx$/.test(name) && !name.endsWith(`-${version}.xlsx`)) {
    rmSync(join(cache, name), { force: true });
  }
}
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
console.log(
  `\noffline xhht (fresh Node processes; targets: score 50,000 ≤ 15 s and ≤ 1 GB, start ≤ 0.4 s)\nmachine: ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, load average ${load()}`,
);
const small = await workbookOf(20);
const node = Math.min(bare(), bare(), bare());
const help = fastest([run(['--help']), run(['--help']), run(['--help'])]);
const validate = fastest([
  run(['validate', small]),
  run(['validate', small]),
  run(['validate', small]),
]);
console.log(
  `node -e 0: ${node.toFixed(2)} s · xhht --help: ${help.seconds.toFixed(2)} s (CPU ${help.cpu.toFixed(2)} s) · xhht validate (20 units): ${validate.seconds.toFixed(2)} s (CPU ${validate.cpu.toFixed(2)} s, exit ${validate.code})`,
);
for (const units of SIZES) {
  const file = await workbookOf(units);
  const scored = run(['score', file]);
  console.log(
    `xhht score ${units.toLocaleString('en')} units: ${scored.seconds.toFixed(1)} s (CPU ${scored.cpu.toFixed(1)} s), peak ${scored.mb.toFixed(0)} MB (exit ${scored.code}); load average ${load()}`,
  );
}
rmSync(work, { recursive: true, force: true });
