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

/** Each `new Date()`, `Date()` and `Date.now()` in a source text, as «line: code». */
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
    const text = [
      'const a = new Date();',
      'const b = new Date;',
      'const c = Date.now();',
      'const d = Date();',
      'const e = new Date(2026, 0, 1);',
      'const f = new Date(a.getTime());',
    ].join('\n');
    expect(wallClockReads('x.ts', text)).toEqual([
      'x.ts:1: new Date()',
      'x.ts:2: new Date',
      'x.ts:3: Date.now()',
      'x.ts:4: Date()',
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
