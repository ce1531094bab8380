import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { buildAppsScript } from '../../build.mjs';
import type { AppsScriptGlobals } from '../../src/gas/api';

/**
 * Builds the Apps Script project into a fresh folder (tests run in parallel; dist/ is not shared): the
 * bound script, or the Editor add-on.
 */
export async function buildBundle(
  deployment: 'bound' | 'addon' = 'bound',
): Promise<{ dir: string; code: string; globals: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), `xhht-${deployment}-`));
  const globals = await buildAppsScript(dir, { deployment });
  return { dir, code: readFileSync(join(dir, 'Code.js'), 'utf8'), globals };
}

export type Bundle = Record<string, (...args: unknown[]) => unknown>;

/** Runs Code.js in a bare V8 context whose only globals are the given fakes, as Apps Script would. */
export function loadBundle(code: string, globals: AppsScriptGlobals): Bundle {
  const context = vm.createContext({ ...globals });
  vm.runInContext(code, context, { filename: 'Code.js' });
  return context as Bundle;
}
