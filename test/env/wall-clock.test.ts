import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every "now" goes through the Clock port (DESIGN.md, Time): the domain and the use cases never read
 * the wall clock, and a test that does passes only on the day it was written. The only places allowed
 * to read it are the two clock adapters and the test fakes.
 */
const ROOT = join(__dirname, '..', '..');
const ALLOWED = new Set(['src/gas/services.ts', 'src/node/services.ts']);
const ALLOWED_FOLDERS = ['test/fakes/'];

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts|mjs)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/**
 * Each read of the current time in a source text (the Date constructor with no argument, Date called
 * as a function, its `now` method), as «line: code».
 */
function wallClockReads(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const isDate = (node: ts.Node) => ts.isIdentifier(node) && node.text === 'Date';
  const visit = (node: ts.Node) => {
    const bare =
      (ts.isNewExpression(node) &&
        isDate(node.expression) &&
        (node.arguments?.length ?? 0) === 0) ||
      (ts.isCallExpression(node) && isDate(node.expression));
    const now =
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      isDate(node.expression.expression) &&
      node.expression.name.text === 'now';
    if (bare || now) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${fileName}:${line + 1}: ${node.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('the wall clock', () => {
  it('is found in every form it can be read', () => {
    // Written through a name, so that this file holds no read of the clock in its own text.
    const D = 'Date';
    const text = [
      `const a = new ${D}();`,
      `const b = new ${D};`,
      `const c = ${D}.now();`,
      `const d = ${D}();`,
      `const e = new ${D}(2026, 0, 1);`,
      `const f = new ${D}(a.getTime());`,
    ].join('\n');
    expect(wallClockReads('x.ts', text)).toEqual([
      `x.ts:1: new ${D}()`,
      `x.ts:2: new ${D}`,
      `x.ts:3: ${D}.now()`,
      `x.ts:4: ${D}()`,
    ]);
  });

  it('is read only by the clock adapters and the fakes', () => {
    const files = ['src', 'test', 'bench', 'bin'].flatMap(sources);
    expect(files.length).toBeGreaterThan(50);
    const reads = files
      .filter((file) => !ALLOWED.has(file) && !ALLOWED_FOLDERS.some((f) => file.startsWith(f)))
      .flatMap((file) => wallClockReads(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(reads).toEqual([]);
  });
});
