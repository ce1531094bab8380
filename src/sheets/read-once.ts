import type { CellValue } from '../domain/cells';
import type { SheetPort, WorkbookPort } from './ports';

/**
 * A view of the workbook in which each sheet is read at most once: a use case made of parts that each
 * read the same sheet (the summary: scores, states, clusters) costs one read per sheet. A write to a
 * sheet forgets what was read of it. For the length of one use case only: the cache never outlives it.
 */
export function readOnce(workbook: WorkbookPort): WorkbookPort {
  const read = new Map<string, CellValue[][]>();
  /** A sheet's extent and the blocks read of it (`readRange`, by its arguments), kept the same way. */
  const parts = new Map<string, Map<string, unknown>>();
  const forget = (name: string) => {
    read.delete(name);
    parts.delete(name);
  };
  const wrap = (sheet: SheetPort): SheetPort =>
    new Proxy(sheet, {
      get(target, property, receiver) {
        if (property === 'readValues') {
          return () => {
            const kept = read.get(target.name) ?? target.readValues();
            read.set(target.name, kept);
            return kept;
          };
        }
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        if (property === 'extent' || property === 'readRange') {
          return (...args: unknown[]) => {
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
  return new Proxy(workbook, {
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
}
