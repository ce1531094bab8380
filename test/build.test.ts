import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExports } from '../build.mjs';

function entry(source: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'xhht-entry-')), 'index.ts');
  writeFileSync(file, source);
  return file;
}

describe('build.mjs reads the Apps Script entry', () => {
  it('takes exported functions with the JSDoc right above them', () => {
    const exports = readExports(
      entry(
        '/** not this */\nconst x = 1;\n/** Menu. */\nexport function onOpen() {}\n/**\n * Sum.\n * @customfunction\n */\nexport function MY_SUM(a: unknown) { return a; }\n',
      ),
    );
    expect(exports).toEqual([
      { name: 'onOpen', jsdoc: '/** Menu. */' },
      { name: 'MY_SUM', jsdoc: '/**\n * Sum.\n * @customfunction\n */' },
    ]);
  });

  it.each([
    ['export function helper_() {}', /ending in "_" is private/],
    ['export function Logger() {}', /shadows a built-in/],
    ['export function Date() {}', /shadows a built-in/],
    ['export function XHHT() {}', /shadows a built-in/],
    ['/** no tag */\nexport function XHHT_X() {}', /needs a JSDoc comment with @customfunction/],
    ['export const onOpen = () => {};', /is not a function declaration/],
    ["export { setUp } from './set-up';", /only "export function NAME"/],
    ['export default function menu() {}', /a default export has no name/],
    ['export declare function menu(): void;', /has no body/],
    ['export function f(a: string): void;\nexport function f(a: unknown) {}', /has no body/],
    ['export async function menu() {}', /is async/],
    ['export function* menu() {}', /is a generator/],
    ['export function Sheets() {}', /shadows a built-in/],
  ])('refuses %s', (source, problem) => {
    expect(() => readExports(entry(source))).toThrow(problem);
  });

  it('accepts the real entry', () => {
    expect(readExports().map((e) => e.name)).toContain('onOpen');
  });
});
