import { main } from '../../src/node/cli';

/** Runs `xhht` in-process: its exit code and what it printed on stdout and stderr. */
export async function xhht(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    (text) => out.push(text),
    (text) => err.push(text),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}
