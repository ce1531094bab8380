// Types for the parts of build.mjs that tests call.
export interface EntryExport {
  readonly name: string;
  readonly jsdoc: string;
}
export function readExports(file?: string): EntryExport[];
export function buildAppsScript(outDir?: string): Promise<string[]>;
