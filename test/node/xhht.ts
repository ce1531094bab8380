import { main } from '../../src/node/cli';
import { fixCommandClock } from '../../src/node/services';
import { NOW } from '../fakes/context';

/** Runs `xhht` in-process: its exit code and what it printed on stdout and stderr. */
export async function xhht(...argv: string[]) {
  // The commands' «now» is the tests' fixed day (23/11/2026, 10:00 in Hà Nội), never the wall clock.
  fixCommandClock(NOW);
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    (text) => out.push(text),
    (text) => err.push(text),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}
