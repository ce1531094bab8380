import type { CellValue } from '../domain/cells';
import { textKey } from '../domain/cells';
import type { ColumnRun, SheetPort } from './ports';

/**
 * Columns are found by their header text, never by position, so an officer may insert, move or
 * widen columns. A header matches when it equals the spec's header (normalised, any case) or, for
 * specs with a `prefix`, when it starts with that prefix followed by a space or nothing.
 */
export interface ColumnSpec {
  readonly key: string;
  readonly header: string;
  readonly prefix?: string;
  readonly width?: number;
}

export interface Located {
  /** 1-based column of each found key. */
  readonly columns: ReadonlyMap<string, number>;
  readonly missing: readonly ColumnSpec[];
}

function matches(spec: ColumnSpec, header: CellValue): boolean {
  const key = textKey(header);
  if (key === '') return false;
  if (key === textKey(spec.header)) return true;
  if (spec.prefix === undefined) return false;
  const prefix = textKey(spec.prefix);
  return key === prefix || key.startsWith(`${prefix} `);
}

export function locateColumns(
  headerRow: readonly CellValue[],
  specs: readonly ColumnSpec[],
): Located {
  const columns = new Map<string, number>();
  const taken = new Set<number>();
  const missing: ColumnSpec[] = [];
  for (const spec of specs) {
    const index = headerRow.findIndex((header, i) => !taken.has(i) && matches(spec, header));
    if (index < 0) {
      missing.push(spec);
    } else {
      taken.add(index);
      columns.set(spec.key, index + 1);
    }
  }
  return { columns, missing };
}

export function columnOf(located: Located, key: string): number {
  const column = located.columns.get(key);
  if (column === undefined) throw new Error(`column ${key} was not located`);
  return column;
}

/** Sorted columns grouped into runs of adjacent ones, so each run is written in one call. */
export function columnRuns(columns: readonly number[]): ColumnRun[] {
  const runs: ColumnRun[] = [];
  for (const column of [...columns].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last.first + last.count === column)
      runs[runs.length - 1] = { ...last, count: last.count + 1 };
    else runs.push({ first: column, count: 1 });
  }
  return runs;
}

export interface Table {
  readonly sheet: SheetPort;
  /** Rows below the header, as read. */
  readonly rows: readonly CellValue[][];
  readonly located: Located;
  /** Headers this call wrote because they were missing. */
  readonly addedHeaders: readonly string[];
}

/**
 * Reads a sheet (one read) and makes sure every spec has a header: missing headers are appended after
 * the last used column (one write); existing ones and everything below them are left as they are.
 */
export function ensureTable(sheet: SheetPort, specs: readonly ColumnSpec[]): Table {
  const values = sheet.readValues();
  const headerRow = values[0] ?? [];
  const first = locateColumns(headerRow, specs);
  if (first.missing.length === 0) {
    return { sheet, rows: values.slice(1), located: first, addedHeaders: [] };
  }
  // After the last column holding anything, so no header lands on a column of unnamed data.
  const width = headerRow.length;
  const added = first.missing.map((spec) => spec.header);
  sheet.writeValues(1, width + 1, [added]);
  const located = locateColumns([...headerRow.slice(0, width), ...added], specs);
  first.missing.forEach((spec, i) => {
    if (spec.width) sheet.setColumnWidth(width + 1 + i, spec.width);
  });
  sheet.styleHeader(1, width + added.length);
  return { sheet, rows: values.slice(1), located, addedHeaders: added };
}
