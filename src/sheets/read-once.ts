import type { CellValue } from '../domain/cells';
import type { SheetPort, WorkbookPort } from './ports';

/**
 * A view of the workbook in which each sheet is read at most once: a use case made of parts that each
 * read the same sheet (the summary: scores, states, clusters) costs one read per sheet. A write to a
 * sheet forgets what was read of it. For the length of one use case only: the cache never outlives it.
 */
export function readOnce(workbook: WorkbookPort): WorkbookPort {
  const read = new Map<string, CellValue[][]>();
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
        return (...args: unknown[]) => {
          if (property !== 'readRange' && property !== 'lastRow' && property !== 'lastColumn')
            read.delete(target.name);
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
