import { DIFFERS_FORMULA, differsFormula } from '../domain/a1';
import type { CellValue } from '../domain/cells';
import { DIFFERENCE_BACKGROUND, HEADER_BACKGROUND } from '../sheets/layout';
import type { ColumnRun, SheetPort, WorkbookPort } from '../sheets/ports';
import type { ConditionalFormatRuleApi, ProtectionApi, SheetApi, SpreadsheetAppApi } from './api';

/**
 * Sheets parses a written string as if typed: "=…", "+…", "-…" or "@…" becomes a formula, "0123" the
 * number 123, "8,5" a number in vi_VN, "08/05" a date, "true" a boolean, and a leading apostrophe is
 * swallowed. Such strings get an apostrophe, which makes Sheets keep them as plain text (it also
 * neutralises formula injection from a unit named "=IMPORTXML(…)"). Other strings are written as
 * they are, so nothing changes in a column an officer formatted as plain text.
 */
const PARSED_BY_SHEETS = /^(?:[=+\-@'\t\r]|[\d\s.,:/%-]+$|\d[\d.,]*e[+-]?\d+$|(?:true|false)$)/i;

export function asLiteral(value: CellValue): CellValue {
  return typeof value === 'string' && PARSED_BY_SHEETS.test(value) ? `'${value}` : value;
}

/** Empty rows a write past the grid's last row adds beyond what it needs (100 rows of a log: 1,000 cells). */
const APPEND_ROOM = 100;

/** How many times a sheet's grid was made smaller in this run: what a GasSheet knows of it then lapses. */
let gridTrims = 0;

/** The workbook port over SpreadsheetApp: each port call is one Sheets call, or a fixed few. */
class GasSheet implements SheetPort {
  constructor(
    private readonly app: SpreadsheetAppApi,
    private readonly sheet: SheetApi,
  ) {}

  /** The Sheets object underneath (the workbook removes it by it). */
  get api(): SheetApi {
    return this.sheet;
  }

  private cachedName: string | undefined;

  /** Read once: every Sheets call costs time, and messages name the sheet on every bad row. */
  get name(): string {
    this.cachedName ??= this.sheet.getName();
    return this.cachedName;
  }

  /**
   * Rows and columns the grid is known to have at least (from the extents this object was told or
   * touched): a write inside them needs no grid-size call first (issue 12: a step's metadata calls).
   * Only ever a lower bound, learnt by this object in one run.
   */
  private gridRows = 0;
  private gridColumns = 0;
  /** The grid shrinks only by `trimColumns`, of this object or another over the same sheet. */
  private trimsSeen = gridTrims;

  private sawGrid(rows: number, columns: number): void {
    if (this.trimsSeen !== gridTrims) {
      this.trimsSeen = gridTrims;
      this.gridRows = 0;
      this.gridColumns = 0;
    }
    this.gridRows = Math.max(this.gridRows, rows);
    this.gridColumns = Math.max(this.gridColumns, columns);
  }

  readValues(): CellValue[][] {
    // One call: an empty sheet's data range is A1 alone, a single blank cell; it holds no row at all.
    const values = this.sheet.getDataRange().getValues() as CellValue[][];
    const only = values.length === 1 && values[0]?.length === 1 ? values[0][0] : undefined;
    if (only === '') return [];
    this.sawGrid(values.length, values[0]?.length ?? 0);
    return values;
  }

  /**
   * The last row and column holding a value, in one call: the data range's size is known with the
   * range. An empty sheet's data range is A1 alone, as is a sheet holding only A1: then the last row
   * is asked (a second call, for such a sheet only).
   */
  extent(): { rows: number; columns: number } {
    const range = this.sheet.getDataRange();
    let rows = range.getNumRows();
    let columns = range.getNumColumns();
    if (rows === 1 && columns === 1 && this.sheet.getLastRow() === 0) {
      rows = 0;
      columns = 0;
    }
    this.sawGrid(rows, columns);
    return { rows, columns };
  }

  lastRow(): number {
    const last = this.sheet.getLastRow();
    this.sawGrid(last, 0);
    return last;
  }

  lastColumn(): number {
    const last = this.sheet.getLastColumn();
    this.sawGrid(0, last);
    return last;
  }

  readRange(row: number, column: number, rows: number, columns: number): CellValue[][] {
    if (rows < 1 || columns < 1) return [];
    const values = this.sheet.getRange(row, column, rows, columns).getValues() as CellValue[][];
    this.sawGrid(row + rows - 1, column + columns - 1);
    return values;
  }

  findRows(column: number, text: string, fromRow: number, lastRow?: number): number[] {
    const last = lastRow ?? this.sheet.getLastRow();
    if (text === '' || last < fromRow) return [];
    return this.sheet
      .getRange(fromRow, column, last - fromRow + 1, 1)
      .createTextFinder(text)
      .matchEntireCell(true)
      .findAll()
      .map((range) => range.getRow())
      .sort((a, b) => a - b);
  }

  mergedInRow(row: number): string[] {
    const width = this.sheet.getMaxColumns();
    if (width === 0) return [];
    return this.sheet
      .getRange(row, 1, 1, width)
      .getMergedRanges()
      .map((range) => range.getA1Notation());
  }

  writeValues(row: number, column: number, values: CellValue[][]): void {
    const width = values[0]?.length ?? 0;
    if (values.length === 0 || width === 0) return;
    const lastRow = row + values.length - 1;
    const lastColumn = column + width - 1;
    const literal = values.map((cells) => cells.map(asLiteral));
    // Issue 12: the grid's size is not asked before every write. Sheets refuses a range outside the
    // grid, writing nothing; only then are the sizes asked, the grid grown and the block written.
    try {
      this.sheet.getRange(row, column, values.length, width).setValues(literal);
      this.sawGrid(lastRow, lastColumn);
    } catch (error) {
      if (!this.grewTo(lastRow, lastColumn)) throw error;
      this.sheet.getRange(row, column, values.length, width).setValues(literal);
    }
  }

  /** After a refused write: whether the grid had to grow to hold it (then it did); what was known lapses. */
  private grewTo(lastRow: number, lastColumn: number): boolean {
    this.gridRows = 0;
    this.gridColumns = 0;
    const rows = this.sheet.getMaxRows();
    const columns = this.sheet.getMaxColumns();
    if (lastRow <= rows && lastColumn <= columns) return false;
    // Rows are added with room for the appends that follow (the log, the outbox, the register grow a
    // row or a few at a time): the next hundred appends need no insertion.
    const added = lastRow > rows ? lastRow - rows + APPEND_ROOM : 0;
    if (added > 0) this.sheet.insertRowsAfter(rows, added);
    if (lastColumn > columns) this.sheet.insertColumnsAfter(columns, lastColumn - columns);
    this.sawGrid(rows + added, Math.max(columns, lastColumn));
    return true;
  }

  /**
   * Sheets refuses a range outside the grid; add rows or columns first. The grid's size is asked only
   * where this object does not already know it reaches that far.
   */
  private growTo(lastRow: number, lastColumn: number): void {
    this.sawGrid(0, 0);
    if (lastRow > this.gridRows) {
      const rows = this.sheet.getMaxRows();
      if (lastRow > rows) this.sheet.insertRowsAfter(rows, lastRow - rows);
      this.sawGrid(Math.max(rows, lastRow), 0);
    }
    if (lastColumn > this.gridColumns) {
      const columns = this.sheet.getMaxColumns();
      if (lastColumn > columns) this.sheet.insertColumnsAfter(columns, lastColumn - columns);
      this.sawGrid(0, Math.max(columns, lastColumn));
    }
  }

  freeze(rows: number, columns: number): void {
    this.sheet.setFrozenRows(rows);
    this.sheet.setFrozenColumns(columns);
  }

  styleHeader(row: number, columns: number): void {
    this.sheet
      .getRange(row, 1, 1, columns)
      .setFontWeight('bold')
      .setBackground(HEADER_BACKGROUND)
      .setWrap(true);
  }

  private columnBelow(column: number, fromRow: number) {
    this.growTo(fromRow, column);
    return this.sheet.getRange(
      fromRow,
      column,
      Math.max(1, this.sheet.getMaxRows() - fromRow + 1),
      1,
    );
  }

  requireNumberBetween(
    column: number,
    fromRow: number,
    min: number,
    max: number,
    help: string,
  ): void {
    const rule = this.app
      .newDataValidation()
      .requireNumberBetween(min, max)
      .setAllowInvalid(false)
      .setHelpText(help)
      .build();
    this.columnBelow(column, fromRow).setDataValidation(rule);
  }

  highlightWhereDiffer(
    pairs: readonly { readonly changed: number; readonly original: number }[],
    fromRow: number,
  ): void {
    const ours = (rule: ConditionalFormatRuleApi) => {
      const formula = rule.getBooleanCondition()?.getCriteriaValues()[0];
      return typeof formula === 'string' && DIFFERS_FORMULA.test(formula);
    };
    const rows = Math.max(1, this.sheet.getMaxRows() - fromRow + 1);
    const added = pairs.map(({ changed, original }) =>
      this.app
        .newConditionalFormatRule()
        .whenFormulaSatisfied(`=${differsFormula(changed, original, fromRow)}`)
        .setBackground(DIFFERENCE_BACKGROUND)
        .setRanges([this.sheet.getRange(fromRow, changed, rows, 1)])
        .build(),
    );
    const kept = this.sheet.getConditionalFormatRules().filter((rule) => !ours(rule));
    this.sheet.setConditionalFormatRules([...kept, ...added]);
  }

  requireOneOf(
    column: number,
    fromRow: number,
    options: readonly string[],
    { help, rows, strict = true }: { help: string; rows?: number; strict?: boolean },
  ): void {
    const rule = this.app
      .newDataValidation()
      .requireValueInList([...options], true)
      .setAllowInvalid(!strict)
      .setHelpText(help)
      .build();
    const range =
      rows === undefined
        ? this.columnBelow(column, fromRow)
        : this.sheet.getRange(fromRow, column, rows, 1);
    range.setDataValidation(rule);
  }

  setNumberFormat(column: number, fromRow: number, format: string): void {
    this.columnBelow(column, fromRow).setNumberFormat(format);
  }

  hide(): void {
    this.sheet.hideSheet();
  }

  trimColumns(): void {
    const used = Math.max(1, this.sheet.getLastColumn());
    const columns = this.sheet.getMaxColumns();
    if (columns > used) {
      this.sheet.deleteColumns(used + 1, columns - used);
      gridTrims += 1;
    }
  }

  setColumnWidth(column: number, pixels: number): void {
    this.sheet.setColumnWidth(column, pixels);
  }

  protectColumnsWarningOnly(runs: readonly ColumnRun[], description: string): void {
    for (const protection of this.protectAgain(runs, description)) protection.setWarningOnly(true);
  }

  protectColumnsFor(
    runs: readonly ColumnRun[],
    description: string,
    editors: readonly string[],
  ): void {
    for (const protection of this.protectAgain(runs, description)) restrict(protection, editors);
  }

  protectSheetFor(description: string, editors: readonly string[]): void {
    for (const protection of this.sheet.getProtections(this.app.ProtectionType.SHEET)) {
      if (protection.getDescription() === description) protection.remove();
    }
    restrict(this.sheet.protect().setDescription(description), editors);
  }

  protectRowsFor(
    first: number,
    count: number,
    description: string,
    editors: readonly string[],
  ): void {
    for (const protection of this.sheet.getProtections(this.app.ProtectionType.RANGE)) {
      if (protection.getDescription() === description) protection.remove();
    }
    const columns = this.sheet.getMaxColumns();
    restrict(
      this.sheet.getRange(first, 1, count, columns).protect().setDescription(description),
      editors,
    );
  }

  /** Removes the protections described so, then protects each run of columns anew. */
  private protectAgain(runs: readonly ColumnRun[], description: string) {
    for (const protection of this.sheet.getProtections(this.app.ProtectionType.RANGE)) {
      if (protection.getDescription() === description) protection.remove();
    }
    const rows = this.sheet.getMaxRows();
    return runs.map((run) =>
      this.sheet.getRange(1, run.first, rows, run.count).protect().setDescription(description),
    );
  }
}

/**
 * Leaves `editors` (and the owner, whom Sheets never removes) as a hard protection's only editors. The
 * creator is an editor of a new protection: the acting administrator is among `editors`, so removing
 * the others first never leaves the script unable to replace the protection at the next run.
 */
function restrict(protection: ProtectionApi, editors: readonly string[]): void {
  protection.removeEditors(protection.getEditors().map((user) => user.getEmail()));
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
  if (editors.length > 0) protection.addEditors([...editors]);
}

export class GasWorkbook implements WorkbookPort {
  constructor(private readonly app: SpreadsheetAppApi) {}

  private get spreadsheet() {
    return this.app.getActiveSpreadsheet();
  }

  ownerEmail(): string | null {
    const owner = this.spreadsheet.getOwner();
    return owner ? owner.getEmail() : null;
  }

  /** While `cachingSheets` runs: every sheet by name, from one `getSheets()` call. */
  private cached: Map<string, GasSheet> | undefined;

  /**
   * Runs `work` with the sheets looked up once (issue 12: a lookup is a call): the first `sheet()`
   * lists them all in one call, later ones are answered from that list, the same object per sheet (so
   * what it learnt of the grid is kept), kept right by this workbook's own `addSheet` and
   * `removeSheet`. For a use case's run under the document lock, which renames no sheet.
   */
  cachingSheets<T>(work: () => T): T {
    if (this.caching) return work();
    this.caching = true;
    try {
      return work();
    } finally {
      this.caching = false;
      this.cached = undefined;
    }
  }

  private caching = false;

  private sheets(): Map<string, GasSheet> | undefined {
    if (!this.caching) return undefined;
    this.cached ??= new Map(
      this.spreadsheet.getSheets().map((sheet) => [sheet.getName(), new GasSheet(this.app, sheet)]),
    );
    return this.cached;
  }

  sheet(name: string): SheetPort | undefined {
    const cached = this.sheets();
    if (cached) return cached.get(name);
    const sheet = this.spreadsheet.getSheetByName(name);
    return sheet ? new GasSheet(this.app, sheet) : undefined;
  }

  /**
   * Sheets makes an inserted sheet the active one: the officer's selection is put back, so a sheet an
   * action creates (the log, the outbox) neither moves their view nor changes what the next action reads.
   */
  addSheet(name: string): SheetPort {
    const selected = this.spreadsheet.getActiveRangeList();
    const sheet = new GasSheet(this.app, this.spreadsheet.insertSheet(name));
    selected?.activate();
    this.sheets()?.set(name, sheet);
    return sheet;
  }

  setLocaleAndTimeZone(locale: string, timeZone: string): void {
    this.spreadsheet.setSpreadsheetLocale(locale);
    this.spreadsheet.setSpreadsheetTimeZone(timeZone);
  }

  selection(): { sheet: string; rows: number[] } | undefined {
    const ranges = this.spreadsheet.getActiveRangeList()?.getRanges() ?? [];
    const rows = new Set<number>();
    for (const range of ranges) {
      for (let r = range.getRow(); r < range.getRow() + range.getNumRows(); r += 1)
        if (r > 1) rows.add(r);
    }
    return {
      sheet: this.spreadsheet.getActiveSheet().getName(),
      rows: [...rows].sort((a, b) => a - b),
    };
  }

  select(sheet: string, row: number): void {
    this.spreadsheet.getSheetByName(sheet)?.getRange(row, 1, 1, 1).activate();
  }

  sheetNames(): string[] {
    return this.spreadsheet.getSheets().map((sheet) => sheet.getName());
  }

  removeSheet(name: string): void {
    const cached = this.sheets();
    const sheet = cached ? cached.get(name)?.api : this.spreadsheet.getSheetByName(name);
    if (sheet) this.spreadsheet.deleteSheet(sheet);
    cached?.delete(name);
  }

  flush(): void {
    this.app.flush();
  }
}
