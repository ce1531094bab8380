// Types for the parts of build.mjs that tests call.
export interface EntryExport {
  readonly name: string;
  readonly jsdoc: string;
}
export function readExports(file?: string): EntryExport[];
export type Deployment = 'bound' | 'addon';
export function manifestFor(
  deployment: Deployment,
  manifest?: Record<string, unknown>,
): Record<string, unknown>;
export function buildAppsScript(
  outDir?: string,
  options?: { readonly deployment?: Deployment },
): Promise<string[]>;
