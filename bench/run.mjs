// `npm run bench`: bundles each bench/*.ts with esbuild (they import TypeScript sources and test
// fakes) and runs it, printing its figures.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const here = new URL('.', import.meta.url).pathname;
// Inside the project, so that the bundle's bare imports resolve from node_modules.
const out = join(here, '..', 'build', 'bench');
for (const file of readdirSync(here).filter((f) => f.endsWith('.ts'))) {
  const outfile = join(out, file.replace(/\.ts$/, '.mjs'));
  await esbuild.build({
    entryPoints: [join(here, file)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(here, file)).href) },
  });
  await import(pathToFileURL(outfile).href);
}
