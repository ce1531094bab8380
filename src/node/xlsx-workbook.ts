import ExcelJS from 'exceljs';
import type { CellValue } from '../domain/cells';
import type { ColumnRun, SheetPort, WorkbookPort } from '../sheets/ports';

/**
 * The workbook port over a local .xlsx file (exceljs). Values read back the way Sheets' getValues()
 * gives them: '' for blank, a formula's cached result, rich text as plain text. Range protection has
 * no .xlsx equivalent and is skipped offline; locale and time zone are Google settings.
 */

/** Rows that get validation and formats when the sheet is still short, like a new Google sheet. */
const MIN_ROWS = 1000;
const HEADER_FILL = 'FFD9EAD3';

export function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) return '';
    return typeof result === 'object' && !(result instanceof Date)
      ? String(result.error ?? '')
      : result;
  }
  if ('hyperlink' in value) return value.text;
  if ('error' in value) return value.error;
  return String(value);
}

class XlsxSheet implements SheetPort {
  constructor(private readonly ws: ExcelJS.Worksheet) {}

  get name(): string {
    return this.ws.name;
  }

  /** The last row and column holding a value (styles and validations alone do not count). */
  private extent(): { rows: number; columns: number } {
    let rows = 0;
    let columns = 0;
    this.ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        if (plainValue(cell.value) === '') return;
        rows = Math.max(rows, rowNumber);
        columns = Math.max(columns, colNumber);
      });
    });
    return { rows, columns };
  }

  readValues(): CellValue[][] {
    const { rows, columns } = this.extent();
    return Array.from({ length: rows }, (_, r) => {
      const row = this.ws.getRow(r + 1);
      return Array.from({ length: columns }, (_, c) => plainValue(row.getCell(c + 1).value));
    });
  }

  writeValues(row: number, column: number, values: CellValue[][]): void {
    values.forEach((cells, r) => {
      const target = this.ws.getRow(row + r);
      cells.forEach((value, c) => {
        target.getCell(column + c).value = value === '' ? null : value;
      });
    });
  }

  freeze(rows: number, columns: number): void {
    this.ws.views = [{ state: 'frozen', xSplit: columns, ySplit: rows }];
  }

  styleHeader(row: number, columns: number): void {
    const header = this.ws.getRow(row);
    for (let c = 1; c <= columns; c += 1) {
      const cell = header.getCell(c);
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
      cell.alignment = { wrapText: true, vertical: 'middle' };
    }
  }

  private lastFormattedRow(): number {
    return Math.max(MIN_ROWS, this.extent().rows);
  }

  private eachCellBelow(
    column: number,
    fromRow: number,
    rows: number,
    apply: (cell: ExcelJS.Cell) => void,
  ) {
    for (let r = fromRow; r < fromRow + rows; r += 1) apply(this.ws.getCell(r, column));
  }

  requireNumberBetween(
    column: number,
    fromRow: number,
    min: number,
    max: number,
    help: string,
  ): void {
    const rows = this.lastFormattedRow() - fromRow + 1;
    this.eachCellBelow(column, fromRow, rows, (cell) => {
      cell.dataValidation = {
        type: 'decimal',
        operator: 'between',
        formulae: [min, max],
        allowBlank: true,
        showErrorMessage: true,
        errorTitle: 'Điểm không hợp lệ',
        error: help,
        showInputMessage: true,
        prompt: help,
      };
    });
  }

  requireOneOf(
    column: number,
    fromRow: number,
    rows: number,
    options: readonly string[],
    help: string,
  ): void {
    const list = `"${options.map((o) => o.replace(/"/g, '""')).join(',')}"`;
    this.eachCellBelow(column, fromRow, rows, (cell) => {
      cell.dataValidation = {
        type: 'list',
        formulae: [list],
        allowBlank: true,
        showErrorMessage: true,
        error: help,
        showInputMessage: true,
        prompt: help,
      };
    });
  }

  setNumberFormat(column: number, fromRow: number, format: string): void {
    const rows = this.lastFormattedRow() - fromRow + 1;
    this.eachCellBelow(column, fromRow, rows, (cell) => {
      cell.numFmt = format;
    });
  }

  setColumnWidth(column: number, pixels: number): void {
    this.ws.getColumn(column).width = Math.round(pixels / 7);
  }

  protectColumnsWarningOnly(_runs: readonly ColumnRun[], _description: string): void {
    // No warning-only range protection exists in .xlsx; the uploaded file gets it again from set-up.
  }
}

export class XlsxWorkbook implements WorkbookPort {
  constructor(readonly book: ExcelJS.Workbook = new ExcelJS.Workbook()) {}

  static async read(path: string): Promise<XlsxWorkbook> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    return new XlsxWorkbook(book);
  }

  async write(path: string): Promise<void> {
    await this.book.xlsx.writeFile(path);
  }

  sheet(name: string): SheetPort | undefined {
    const ws = this.book.getWorksheet(name);
    return ws ? new XlsxSheet(ws) : undefined;
  }

  addSheet(name: string): SheetPort {
    return new XlsxSheet(this.book.addWorksheet(name));
  }

  setLocaleAndTimeZone(_locale: string, _timeZone: string): void {
    // Google-only settings; Excel and LibreOffice take them from the computer.
  }

  flush(): void {}
}
