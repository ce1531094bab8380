import type { CellValue } from '../domain/cells';
import { extentOf, type SheetPort, type WorkbookPort } from './ports';

/**
 * For a sheet a use case narrows (by its name), how to choose the columns it reads from the header
 * (1-based column numbers); undefined, at either step, reads the sheet whole. Only a use case that
 * knows every column its parts read may narrow: a column left out reads as blank.
 */
export type ColumnChoice = (
  name: string,
  workbook: WorkbookPort,
) => ((header: readonly CellValue[]) => ReadonlySet<number> | undefined) | undefined;

/**
 * A gap of unread columns is read through rather than split into two reads when it holds fewer cells
 * than this: a read costs about as much as this many cells (docs/PERFORMANCE.md: 80 ms a call,
 * 0.02 ms a cell).
 */
const GAP_CELLS = 4_000;

/**
 * A view of the workbook in which each sheet is read at most once: a use case made of parts that each
 * read the same sheet (the summary: scores, states, clusters) costs one read per sheet. A write to a
 * sheet forgets what was read of it, but for text written into cells already read, which the kept
 * read takes in (the morning run's «Sửa tay» marks: the summary after them reads nothing again). For
 * the length of one use case only: the cache never outlives it.
 *
 * `columns` narrows the read of the sheets it chooses for (issue 12: the morning run at 50,000 units):
 * the header, then each run of chosen columns below it in one read; the other cells read as blank.
 */
export function readOnce(workbook: WorkbookPort, columns?: ColumnChoice): WorkbookPort {
  const read = new Map<string, CellValue[][]>();
  /** A sheet's extent and header reads (`readRange` of row 1, by its arguments), kept the same way. */
  const parts = new Map<string, Map<string, unknown>>();
  const forget = (name: string) => {
    read.delete(name);
    parts.delete(name);
  };
  let view: WorkbookPort;
  const wrap = (sheet: SheetPort): SheetPort =>
    new Proxy(sheet, {
      get(target, property, receiver) {
        if (property === 'readValues') {
          return () => {
            const kept = read.get(target.name) ?? readChosen(target, columns, view);
            read.set(target.name, kept);
            return kept;
          };
        }
        if (property === 'writeValues') {
          return (row: number, column: number, values: CellValue[][]) => {
            target.writeValues(row, column, values);
            // Blocks read apart are forgotten (a re-read before a write must see the sheet).
            parts.delete(target.name);
            const kept = read.get(target.name);
            if (kept && !takeIn(kept, row, column, values)) read.delete(target.name);
          };
        }
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        if (property === 'extent' || property === 'readRange') {
          return (...args: unknown[]) => {
            // A block below the header is read each time it is asked: a re-read of the codes before
            // a write must see the sheet. The extent and header reads are kept.
            if (property === 'readRange' && args[0] !== 1)
              return (value as (...a: unknown[]) => unknown).apply(target, args);
            const kept = parts.get(target.name) ?? new Map<string, unknown>();
            parts.set(target.name, kept);
            const key = `${String(property)}(${args.join(',')})`;
            if (!kept.has(key))
              kept.set(key, (value as (...a: unknown[]) => unknown).apply(target, args));
            return kept.get(key);
          };
        }
        return (...args: unknown[]) => {
          if (property !== 'lastRow' && property !== 'lastColumn') forget(target.name);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  // Sheets found are looked up once too (each lookup is a call); one not found is asked again.
  const found = new Map<string, SheetPort>();
  view = new Proxy(workbook, {
    get(target, property, receiver) {
      if (property === 'sheet') {
        return (name: string) => {
          const kept = found.get(name);
          if (kept) return kept;
          const sheet = target.sheet(name);
          if (sheet) found.set(name, wrap(sheet));
          return found.get(name);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return view;
}

/**
 * Text (or blanks) written inside what was read is what a read would now give (a string is written
 * as literal text, ports.ts): the kept read takes it in. Anything else (a number, a date Sheets may
 * show otherwise, a block past the read) is not: the caller forgets the read.
 */
function takeIn(
  kept: CellValue[][],
  row: number,
  column: number,
  values: readonly (readonly CellValue[])[],
): boolean {
  const width = kept[0]?.length ?? 0;
  const fits =
    row >= 1 &&
    column >= 1 &&
    row + values.length - 1 <= kept.length &&
    values.every(
      (cells) =>
        column + cells.length - 1 <= width && cells.every((value) => typeof value === 'string'),
    );
  if (!fits) return false;
  values.forEach((cells, r) => {
    const line = kept[row - 1 + r];
    if (!line) return;
    cells.forEach((value, c) => {
      line[column - 1 + c] = value;
    });
  });
  return true;
}

/** The sheet whole, or its header and the chosen columns below it (the rest blank). */
function readChosen(
  sheet: SheetPort,
  columns: ColumnChoice | undefined,
  workbook: WorkbookPort,
): CellValue[][] {
  const choose = columns?.(sheet.name, workbook);
  if (!choose) return sheet.readValues();
  const { rows: last, columns: width } = extentOf(sheet);
  if (width < 1 || last < 2) return sheet.readValues();
  const header = sheet.readRange(1, 1, 1, width)[0] ?? [];
  const chosen = choose(header);
  if (!chosen) return sheet.readValues();
  const rows = last - 1;
  const values: CellValue[][] = [header];
  for (let r = 0; r < rows; r += 1) values.push(new Array<CellValue>(width).fill(''));
  for (const run of readRuns(chosen, width, rows)) {
    const block = sheet.readRange(2, run.first, rows, run.count);
    block.forEach((cells, r) => {
      const line = values[r + 1] as CellValue[];
      for (let c = 0; c < run.count; c += 1) line[run.first - 1 + c] = cells[c] ?? '';
    });
  }
  return values;
}

/** The chosen columns as runs, a small gap read through (`GAP_CELLS`). */
function readRuns(
  chosen: ReadonlySet<number>,
  width: number,
  rows: number,
): { first: number; count: number }[] {
  const runs: { first: number; count: number }[] = [];
  for (const column of [...chosen].filter((c) => c >= 1 && c <= width).sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && (column - last.first - last.count) * rows < GAP_CELLS)
      last.count = column - last.first + 1;
    else runs.push({ first: column, count: 1 });
  }
  return runs;
}

/**
 * The workbook with the sheets `names` taken from `view` (what a use case read already), every other
 * sheet from `workbook` itself.
 */
export function sheetsOf(
  workbook: WorkbookPort,
  view: WorkbookPort,
  names: readonly string[],
): WorkbookPort {
  return new Proxy(workbook, {
    get(target, property, receiver) {
      if (property === 'sheet')
        return (name: string) => (names.includes(name) ? view : target).sheet(name);
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
