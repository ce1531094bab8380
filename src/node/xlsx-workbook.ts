import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { cellRef, DIFFERS_FORMULA, differsFormula } from '../domain/a1';
import { type CellValue, isDate } from '../domain/cells';
import { DIFFERENCE_BACKGROUND, HEADER_BACKGROUND } from '../sheets/layout';
import type { ColumnRun, SheetPort, WorkbookPort } from '../sheets/ports';

/**
 * The workbook port over a local .xlsx file (exceljs). Values read back the way Sheets' getValues()
 * gives them: '' for blank, a formula's cached result, rich text as plain text. Range protection has
 * no .xlsx equivalent and is skipped offline. An .xlsx date has no time zone: a Date is written as
 * the wall-clock time of the workbook's time zone (set by set-up), as Sheets would show it.
 */

const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const DATE_FORMAT = 'dd/mm/yyyy';
/** What exceljs gives a date written without a format (and reads back so): US order, no time. */
const EXCELJS_DEFAULT_DATE = 'mm-dd-yy';
const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';

/**
 * exceljs takes a good part of a second to load: it is loaded (a CommonJS require) by the first
 * command that opens or makes a workbook, never by `xhht --help`.
 */
let excel: typeof ExcelJS | undefined;
function exceljs(): typeof ExcelJS {
  excel ??= createRequire(import.meta.url)('exceljs') as typeof ExcelJS;
  return excel;
}

/** One formatter per time zone: making one costs more than formatting thousands of dates. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterIn(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The same instant as wall-clock time in `timeZone`, expressed as a UTC Date (how exceljs stores it). */
export function wallClock(at: Date, timeZone: string): Date {
  const formatted = formatterIn(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(formatted.find((p) => p.type === type)?.value ?? 0);
  return new Date(
    Date.UTC(
      part('year'),
      part('month') - 1,
      part('day'),
      part('hour'),
      part('minute'),
      part('second'),
      at.getUTCMilliseconds(),
    ),
  );
}

/** Rows that get validation and formats when the sheet is still short, like a new Google sheet. */
const MIN_ROWS = 1000;

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

/** The instant whose wall-clock time in `timeZone` the stored (UTC) Date shows. */
export function fromWallClock(stored: Date, timeZone: string): Date {
  const offset = wallClock(stored, timeZone).getTime() - stored.getTime();
  return new Date(stored.getTime() - offset);
}

/**
 * Gives `cell` a style object of its own before it is changed. exceljs reads every cell of one style
 * id into one shared object, so changing it in place changed every cell of the file that looked the
 * same: re-running set-up on a file where the officer had given «Chấm lúc» the date format of their
 * own sheet's dates turned those dates into date-times too.
 */
function ownStyle(cell: ExcelJS.Cell): ExcelJS.Cell {
  cell.style = { ...cell.style };
  return cell;
}

class XlsxSheet implements SheetPort {
  /** The data extent, kept until the next write: formatting calls ask for it again and again. */
  private cachedExtent: { rows: number; columns: number } | undefined;

  constructor(
    private readonly ws: ExcelJS.Worksheet,
    private readonly timeZone: () => string,
  ) {}

  get name(): string {
    return this.ws.name;
  }

  /** The last row and column holding a value (styles and validations alone do not count). */
  extent(): { rows: number; columns: number } {
    this.cachedExtent ??= this.scanExtent();
    return this.cachedExtent;
  }

  private scanExtent(): { rows: number; columns: number } {
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

  mergedInRow(row: number): string[] {
    // exceljs keeps the merges by master cell; each knows its rows (top, bottom) and its A1 range.
    const merges = (
      this.ws as unknown as {
        _merges?: Record<string, { top: number; bottom: number; range: string }>;
      }
    )._merges;
    return Object.values(merges ?? {})
      .filter((merge) => merge.top <= row && row <= merge.bottom)
      .map((merge) => merge.range);
  }

  findRows(column: number, text: string, fromRow: number): number[] {
    const wanted = text.trim().toLowerCase();
    if (wanted === '') return [];
    const rows: number[] = [];
    for (let row = fromRow; row <= this.extent().rows; row += 1) {
      const [[value] = []] = this.readRange(row, column, 1, 1);
      if (
        String(value ?? '')
          .trim()
          .toLowerCase() === wanted
      )
        rows.push(row);
    }
    return rows;
  }

  readValues(): CellValue[][] {
    const { rows, columns } = this.extent();
    return this.readRange(1, 1, rows, columns);
  }

  lastRow(): number {
    return this.extent().rows;
  }

  lastColumn(): number {
    return this.extent().columns;
  }

  readRange(first: number, column: number, rows: number, columns: number): CellValue[][] {
    return Array.from({ length: Math.max(0, rows) }, (_, r) => {
      const row = this.ws.getRow(first + r);
      return Array.from({ length: Math.max(0, columns) }, (_, c) => {
        const value = plainValue(row.getCell(column + c).value);
        return isDate(value) ? fromWallClock(value, this.timeZone()) : value;
      });
    });
  }

  writeValues(row: number, column: number, values: CellValue[][]): void {
    this.cachedExtent = undefined;
    values.forEach((cells, r) => {
      const target = this.ws.getRow(row + r);
      cells.forEach((value, c) => {
        const cell = target.getCell(column + c);
        if (isDate(value) && (!cell.numFmt || cell.numFmt === EXCELJS_DEFAULT_DATE)) {
          // A cell without a format (a row added by hand) would show exceljs's default, US month-first
          // without the time: the Vietnamese order, with the time when there is one.
          const local = wallClock(value, this.timeZone());
          ownStyle(cell).numFmt =
            local.getUTCHours() + local.getUTCMinutes() + local.getUTCSeconds() === 0
              ? DATE_FORMAT
              : DATE_TIME_FORMAT;
        }
        cell.value =
          value === '' ? null : isDate(value) ? wallClock(value, this.timeZone()) : value;
      });
    });
  }

  freeze(rows: number, columns: number): void {
    this.ws.views = [{ state: 'frozen', xSplit: columns, ySplit: rows }];
  }

  styleHeader(row: number, columns: number): void {
    const header = this.ws.getRow(row);
    for (let c = 1; c <= columns; c += 1) {
      const cell = ownStyle(header.getCell(c));
      cell.font = { bold: true };
      cell.fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: `FF${HEADER_BACKGROUND.slice(1).toUpperCase()}` },
      };
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

  highlightWhereDiffer(
    pairs: readonly { readonly changed: number; readonly original: number }[],
    fromRow: number,
  ): void {
    this.ws.removeConditionalFormatting(
      (cf: ExcelJS.ConditionalFormattingOptions) =>
        !cf.rules.some(
          (rule) => rule.type === 'expression' && DIFFERS_FORMULA.test(String(rule.formulae?.[0])),
        ),
    );
    const last = this.lastFormattedRow();
    const argb = `FF${DIFFERENCE_BACKGROUND.slice(1).toUpperCase()}`;
    for (const { changed, original } of pairs) {
      this.ws.addConditionalFormatting({
        ref: `${cellRef(fromRow, changed)}:${cellRef(last, changed)}`,
        rules: [
          {
            type: 'expression',
            priority: 1,
            formulae: [differsFormula(changed, original, fromRow)],
            style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb } } },
          },
        ],
      });
    }
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
    options: readonly string[],
    { help, rows, strict = true }: { help: string; rows?: number; strict?: boolean },
  ): void {
    const list = `"${options.map((o) => o.replace(/"/g, '""')).join(',')}"`;
    this.eachCellBelow(column, fromRow, rows ?? this.lastFormattedRow() - fromRow + 1, (cell) => {
      cell.dataValidation = {
        type: 'list',
        formulae: [list],
        allowBlank: true,
        showErrorMessage: strict,
        error: help,
        showInputMessage: true,
        prompt: help,
      };
    });
  }

  setNumberFormat(column: number, fromRow: number, format: string): void {
    const rows = this.lastFormattedRow() - fromRow + 1;
    this.eachCellBelow(column, fromRow, rows, (cell) => {
      ownStyle(cell).numFmt = format;
    });
  }

  /** An .xlsx stores the cells it uses, not a grid: nothing to remove. */
  trimColumns(): void {}

  hide(): void {
    this.ws.state = 'hidden';
  }

  setColumnWidth(column: number, pixels: number): void {
    this.ws.getColumn(column).width = Math.round(pixels / 7);
  }

  protectColumnsWarningOnly(_runs: readonly ColumnRun[], _description: string): void {
    // No warning-only range protection exists in .xlsx; the uploaded file gets it again from set-up.
  }

  protectColumnsFor(
    _runs: readonly ColumnRun[],
    _description: string,
    _editors: readonly string[],
  ): void {
    // An .xlsx file has no accounts to give editing to; the uploaded file gets it again from set-up.
  }

  protectSheetFor(_description: string, _editors: readonly string[]): void {
    // As above: no accounts offline; set-up or «Xác nhận danh sách người dùng» protects it online.
  }

  protectRowsFor(
    _first: number,
    _count: number,
    _description: string,
    _editors: readonly string[],
  ): void {
    // As above.
  }
}

export class XlsxWorkbook implements WorkbookPort {
  private timeZone = DEFAULT_TIME_ZONE;

  constructor(readonly book: ExcelJS.Workbook = new (exceljs().Workbook)()) {}

  /** The workbook at `path`, from its `bytes` when the caller has read them already. */
  static async read(path: string, bytes?: Buffer): Promise<XlsxWorkbook> {
    const book = new (exceljs().Workbook)();
    if (bytes) await book.xlsx.load(bytes as unknown as ArrayBuffer);
    else await book.xlsx.readFile(path);
    return new XlsxWorkbook(book);
  }

  async write(path: string): Promise<void> {
    await this.book.xlsx.writeFile(path);
  }

  /** The file's bytes, for a caller that writes them itself (saveBook: an exclusively created file). */
  async toBuffer(): Promise<Buffer> {
    return Buffer.from(await this.book.xlsx.writeBuffer());
  }

  sheet(name: string): SheetPort | undefined {
    const ws = this.book.getWorksheet(name);
    return ws ? new XlsxSheet(ws, () => this.timeZone) : undefined;
  }

  addSheet(name: string): SheetPort {
    return new XlsxSheet(this.book.addWorksheet(name), () => this.timeZone);
  }

  /** The locale is Google's alone; the time zone sets how dates are written. */
  setLocaleAndTimeZone(_locale: string, timeZone: string): void {
    this.timeZone = timeZone;
  }

  /** Offline there is no selection: the command line names the units. */
  selection(): undefined {
    return undefined;
  }

  /** A file has no officer's selection to move. */
  select(): void {}

  sheetNames(): string[] {
    return this.book.worksheets.map((ws) => ws.name);
  }

  removeSheet(name: string): void {
    const ws = this.book.getWorksheet(name);
    if (ws) this.book.removeWorksheet(ws.id);
  }

  flush(): void {}
}
