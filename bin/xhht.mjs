#!/usr/bin/env node
// The offline command line. `npm run build` writes build/xhht.mjs from src/node/cli.ts.
import { existsSync } from 'node:fs';

// `xhht demo | head` closes the pipe early: the work goes on and the files are still written.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

const cli = new URL('../build/xhht.mjs', import.meta.url);
if (!existsSync(cli)) {
  console.error('XHHT chưa được build. Chạy: npm run build');
  process.exit(1);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
