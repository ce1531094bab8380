import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
const root = process.cwd();
const file = process.argv[2];
const outfile = join(root, 'build', 'bench', file.replace(/\.ts$/, '.mjs'));
await esbuild.build({ entryPoints: [join(root, 'bench', file)], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning',
  define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(root, 'bench', file)).href) } });
await import(pathToFileURL(outfile).href);
