import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TT22_2020_DVHT as rubric } from '../src/domain/rubrics/tt22-2020-dvht';
import { offlinePorts } from '../src/node/offline';
import { XlsxWorkbook } from '../src/node/xlsx-workbook';
import { UNITS_SHEET } from '../src/sheets/layout';
import { setUp } from '../src/sheets/set-up';

/**
 * The offline command line at province scale: `xhht score` on a workbook of N units (wall time and
 * peak memory of the process), and how fast `xhht --help` and `xhht validate` on a small file start.
 * Targets (issue 12): score on 50,000 units ≤ 15 s and ≤ 1 GB; --help and validate ≤ 0.4 s. The
 * machine's own start of Node is printed beside them.
 */

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'build', 'bench-offline');
const cli = join(root, 'build', 'xhht.mjs');
const SIZES = (process.env.XHHT_BENCH_OFFLINE ?? '1000,50000').split(',').map(Number);

async function workbookOf(units: number): Promise<string> {
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
  const file = join(out, `units-${units}.xlsx`);
  await book.write(file);
  return file;
}

/** Runs `xhht …args` in a fresh Node: wall seconds, peak resident memory (MB), exit code. */
function run(args: readonly string[]): { seconds: number; mb: number; code: number } {
  const script = `const { main } = await import(${JSON.stringify(cli)});
const code = await main(${JSON.stringify(args)}, () => {}, () => {});
process.stderr.write('XHHT_RSS ' + process.resourceUsage().maxRSS + ' ' + code);`;
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  const seconds = (performance.now() - start) / 1000;
  const [, rss = '0', code = '1'] = /XHHT_RSS (\d+) (\d+)/.exec(child.stderr) ?? [];
  return { seconds, mb: Number(rss) / 1024, code: Number(code) };
}

function bare(): number {
  const start = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return (performance.now() - start) / 1000;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
console.log(
  '\noffline xhht (fresh Node processes; targets: score 50,000 ≤ 15 s and ≤ 1 GB, start ≤ 0.4 s)',
);
const small = await workbookOf(20);
const node = Math.min(bare(), bare(), bare());
const help = [run(['--help']), run(['--help']), run(['--help'])].sort(
  (a, b) => a.seconds - b.seconds,
)[0];
const validate = [run(['validate', small]), run(['validate', small])].sort(
  (a, b) => a.seconds - b.seconds,
)[0];
console.log(
  `node -e 0: ${node.toFixed(2)} s · xhht --help: ${help?.seconds.toFixed(2)} s · xhht validate (20 units): ${validate?.seconds.toFixed(2)} s`,
);
for (const units of SIZES) {
  const file = await workbookOf(units);
  const scored = run(['score', file]);
  console.log(
    `xhht score ${units} units: ${scored.seconds.toFixed(1)} s, peak ${scored.mb.toFixed(0)} MB (exit ${scored.code})`,
  );
}
rmSync(out, { recursive: true, force: true });
