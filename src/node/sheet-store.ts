import { cellText } from '../domain/cells';
import type { StorePort, WorkbookPort } from '../sheets/ports';

/**
 * Offline there are no document properties: the workbook keeps them itself, as key/value rows of a
 * hidden sheet, so that a file carries its audit head, mail mark and last report wherever it goes.
 */
export const PROPERTIES_SHEET = 'XHHT thuộc tính';

export class SheetStore implements StorePort {
  constructor(private readonly workbook: WorkbookPort) {}

  private rows(): string[][] {
    const values = this.workbook.sheet(PROPERTIES_SHEET)?.readValues() ?? [];
    return values.map((row) => [cellText(row[0]), String(row[1] ?? '')]);
  }

  get(key: string): string | null {
    return this.rows().find(([name]) => name === key)?.[1] ?? null;
  }

  /** The whole sheet in one read; a key written twice keeps its first row, as `get` reads it. */
  getAll(): Readonly<Record<string, string>> {
    const all: Record<string, string> = Object.create(null);
    for (const [name = '', value = ''] of this.rows()) {
      if (name !== '' && all[name] === undefined) all[name] = value;
    }
    return all;
  }

  set(key: string, value: string): void {
    let sheet = this.workbook.sheet(PROPERTIES_SHEET);
    if (!sheet) {
      sheet = this.workbook.addSheet(PROPERTIES_SHEET);
      sheet.hide();
    }
    const rows = this.rows();
    const at = rows.findIndex(([name]) => name === key);
    sheet.writeValues(at === -1 ? rows.length + 1 : at + 1, 1, [[key, value]]);
  }
}
