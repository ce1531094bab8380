import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAppsScript, manifestFor, readExports } from '../build.mjs';

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

describe('build.mjs deployments', () => {
  it('writes an Editor add-on manifest without the Workspace add-ons section', () => {
    const manifest = { timeZone: 'Asia/Ho_Chi_Minh', oauthScopes: ['a'], addOns: { common: {} } };
    expect(manifestFor('addon', manifest)).toEqual({
      timeZone: 'Asia/Ho_Chi_Minh',
      oauthScopes: ['a'],
    });
    expect(manifestFor('bound', manifest)).toEqual(manifest);
  });

  it('refuses a deployment it does not know', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xhht-unknown-'));
    await expect(buildAppsScript(dir, { deployment: 'workspace' as 'addon' })).rejects.toThrow(
      'unknown deployment workspace',
    );
  });
});
