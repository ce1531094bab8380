import { cellRef } from '../../src/domain/a1';
import type {
  ConditionalFormatRuleApi,
  ConditionalFormatRuleBuilderApi,
  DataValidationApi,
  DataValidationBuilderApi,
  HtmlOutputApi,
  MenuApi,
  ProtectionApi,
  RangeApi,
  SheetApi,
  SpreadsheetApi,
  SpreadsheetAppApi,
  UiApi,
} from '../../src/gas/api';

/**
 * An in-memory SpreadsheetApp that behaves like Sheets where this project depends on it: getValues
 * gives '' for blank cells, numbers and Dates as stored; ranges are 1-based and must lie inside the
 * grid; a string written by setValues is read like typed input in vi_VN ("8,5" and "0123" become
 * numbers, dd/mm/yyyy a Date, "=…", "+…", "-…", "@…" a formula) unless a leading apostrophe keeps it
 * text; protection is enforced for the acting user unless warning-only. Calls that
 * read cell data are reads; calls that change cells, formatting or the sheet's structure are writes;
 * the rest (getRange, getName…) are cheap and counted apart (DESIGN.md, "Batch I/O").
 */

type Stored = string | number | boolean | Date | { formula: string };

/**
 * What a call costs in the latency model (test/fakes/latency.ts): a read or write of cell data (priced
 * by its cells too), metadata (getLastRow, getSheetByName…), formatting and protection, document
 * properties (read or write), the document lock, a flush, a mail; `free` for calls Apps Script
 * answers without a round trip (getRange, getName of a sheet already had).
 */
export type CallKind =
  | 'read'
  | 'write'
  | 'meta'
  | 'format'
  | 'propRead'
  | 'propWrite'
  | 'lock'
  | 'flush'
  | 'mail'
  | 'free';

const CALL_KINDS: readonly CallKind[] = [
  'read',
  'write',
  'meta',
  'format',
  'propRead',
  'propWrite',
  'lock',
  'flush',
  'mail',
  'free',
];

/** Calls of the «other» count that still go to the server: metadata in the latency model. */
const METADATA = new Set([
  'getLastRow',
  'getLastColumn',
  'getMaxRows',
  'getMaxColumns',
  'getSheetByName',
  'getSheets',
  'getDataRange',
  'getProtections',
  'getConditionalFormatRules',
  'getActiveSheet',
  'getActiveRangeList',
  'getOwner',
]);

/**
 * Every call the fakes answer, counted three ways: reads/writes/other of the spreadsheet (as the
 * tests have always asserted), calls and cells per method, and calls and cells per kind of the
 * latency model (properties, lock and mail included). Listeners see each call as it happens (a
 * clock that advances by the modelled latency of each call).
 */
export class IoCounter {
  reads = 0;
  writes = 0;
  other = 0;
  /** Cells moved by getValues / setValues (and searched by a TextFinder). */
  cellsRead = 0;
  cellsWritten = 0;
  readonly calls = new Map<string, number>();
  readonly cells = new Map<string, number>();
  readonly byKind = new Map<CallKind, { calls: number; cells: number }>();
  readonly listeners: ((kind: CallKind, cells: number, method: string) => void)[] = [];

  count(kind: 'reads' | 'writes' | 'other', method: string, cells = 0): void {
    this[kind] += 1;
    if (kind === 'reads') this.cellsRead += cells;
    if (kind === 'writes' && method === 'setValues') this.cellsWritten += cells;
    this.charge(
      kind === 'reads'
        ? 'read'
        : kind === 'writes'
          ? method === 'setValues'
            ? 'write'
            : method === 'flush'
              ? 'flush'
              : 'format'
          : METADATA.has(method)
            ? 'meta'
            : 'free',
      method,
      cells,
    );
  }

  /** A call of another service (properties, lock, mail): priced, never a spreadsheet read or write. */
  charge(kind: CallKind, method: string, cells = 0): void {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    if (cells) this.cells.set(method, (this.cells.get(method) ?? 0) + cells);
    const entry = this.byKind.get(kind) ?? { calls: 0, cells: 0 };
    entry.calls += 1;
    entry.cells += cells;
    this.byKind.set(kind, entry);
    for (const listener of this.listeners) listener(kind, cells, method);
  }

  /** Calls and cells of one kind since the last reset. */
  of(kind: CallKind): { calls: number; cells: number } {
    return this.byKind.get(kind) ?? { calls: 0, cells: 0 };
  }

  get kinds(): readonly CallKind[] {
    return CALL_KINDS;
  }

  reset(): void {
    this.reads = 0;
    this.writes = 0;
    this.other = 0;
    this.cellsRead = 0;
    this.cellsWritten = 0;
    this.calls.clear();
    this.cells.clear();
    this.byKind.clear();
  }
}

export interface Rule {
  readonly kind: 'number' | 'list';
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly string[];
  readonly allowInvalid: boolean;
  readonly helpText: string;
}

class FakeDataValidation implements DataValidationApi {
  constructor(readonly rule: Rule) {}
  getHelpText(): string {
    return this.rule.helpText;
  }
}

class FakeDataValidationBuilder implements DataValidationBuilderApi {
  private rule: Partial<Rule> & { allowInvalid: boolean; helpText: string } = {
    allowInvalid: true,
    helpText: '',
  };
  requireNumberBetween(start: number, end: number) {
    this.rule = { ...this.rule, kind: 'number', min: start, max: end };
    return this;
  }
  requireValueInList(values: string[], _showDropdown: boolean) {
    this.rule = { ...this.rule, kind: 'list', values: [...values] };
    return this;
  }
  setAllowInvalid(allowInvalidData: boolean) {
    this.rule = { ...this.rule, allowInvalid: allowInvalidData };
    return this;
  }
  setHelpText(helpText: string) {
    this.rule = { ...this.rule, helpText };
    return this;
  }
  build(): FakeDataValidation {
    if (!this.rule.kind) throw new Error('Exception: The data validation rule has no criteria.');
    return new FakeDataValidation(this.rule as Rule);
  }
}

export class FakeProtection implements ProtectionApi {
  private description = '';
  private warningOnly = false;
  removed = false;

  constructor(
    readonly sheet: FakeSheet,
    readonly area: { row: number; column: number; rows: number; columns: number },
    /** Who may edit a hard-protected range: its creator, and tests may add more. */
    readonly editors: Set<string>,
    /** A range's protection, or the whole sheet's (Sheet.protect()), as getProtections tells apart. */
    readonly type: 'RANGE' | 'SHEET' = 'RANGE',
  ) {}

  getDescription(): string {
    return this.description;
  }
  setDescription(description: string) {
    this.description = description;
    return this;
  }
  isWarningOnly(): boolean {
    return this.warningOnly;
  }
  setWarningOnly(warningOnly: boolean) {
    this.warningOnly = warningOnly;
    return this;
  }
  private domainEdit = true;
  canDomainEdit(): boolean {
    return this.domainEdit;
  }
  setDomainEdit(editable: boolean) {
    this.domainEdit = editable;
    return this;
  }
  getEditors() {
    return [...this.editors].map((email) => ({ getEmail: () => email }));
  }
  addEditors(emails: string[]) {
    for (const email of emails) this.editors.add(email);
    return this;
  }
  /** As in Sheets, the owner stays an editor (a file on a shared drive has none). */
  removeEditors(emails: string[]) {
    for (const email of emails) if (email !== this.sheet.book.ownerOf()) this.editors.delete(email);
    return this;
  }
  /** Only an editor of a hard protection may remove it, as in Sheets. */
  remove(): void {
    const user = this.sheet.book.app.activeUser();
    if (!this.warningOnly && !this.editors.has(user)) {
      throw new Error(
        'Exception: You are trying to edit a protected cell or object. Please contact the spreadsheet ' +
          'owner to remove protection if you need to edit.',
      );
    }
    this.removed = true;
    this.sheet.protections.splice(this.sheet.protections.indexOf(this), 1);
  }

  covers(row: number, column: number): boolean {
    const { area } = this;
    return (
      row >= area.row &&
      row < area.row + area.rows &&
      column >= area.column &&
      column < area.column + area.columns
    );
  }
}

/** A "custom formula" conditional format: its formula, colour and ranges (1-based areas). */
export class FakeConditionalRule implements ConditionalFormatRuleApi {
  constructor(
    readonly formula: string,
    readonly background: string | null,
    readonly areas: { row: number; column: number; rows: number; columns: number }[],
  ) {}
  getBooleanCondition() {
    return { getCriteriaValues: () => [this.formula] };
  }
}

class FakeConditionalRuleBuilder implements ConditionalFormatRuleBuilderApi {
  private formula = '';
  private background: string | null = null;
  private areas: FakeConditionalRule['areas'] = [];
  whenFormulaSatisfied(formula: string) {
    this.formula = formula;
    return this;
  }
  setBackground(color: string | null) {
    this.background = color;
    return this;
  }
  setRanges(ranges: RangeApi[]) {
    this.areas = ranges.map((range) => ({
      row: range.getRow(),
      column: range.getColumn(),
      rows: range.getNumRows(),
      columns: range.getNumColumns(),
    }));
    return this;
  }
  build(): FakeConditionalRule {
    return new FakeConditionalRule(this.formula, this.background, this.areas);
  }
}

class FakeRange implements RangeApi {
  constructor(
    private readonly sheet: FakeSheet,
    private readonly row: number,
    private readonly column: number,
    private readonly rows: number,
    private readonly columns: number,
  ) {}

  getRow() {
    return this.row;
  }
  getColumn() {
    return this.column;
  }
  getNumRows() {
    return this.rows;
  }
  getNumColumns() {
    return this.columns;
  }
  activate() {
    this.sheet.book.select(this.sheet.getName(), [this.row, this.rows]);
    return this;
  }

  private each(apply: (row: number, column: number) => void): void {
    for (let r = 0; r < this.rows; r += 1)
      for (let c = 0; c < this.columns; c += 1) apply(this.row + r, this.column + c);
  }

  /** Sheets refuses the whole write when any cell is hard-protected against the acting user. */
  private guard(): void {
    const user = this.sheet.book.app.activeUser();
    // Only the hard protections that reach this range and exclude the user are looked at cell by cell.
    const against = this.sheet.protections.filter(
      (p) =>
        !p.isWarningOnly() &&
        !p.editors.has(user) &&
        p.area.row < this.row + this.rows &&
        this.row < p.area.row + p.area.rows &&
        p.area.column < this.column + this.columns &&
        this.column < p.area.column + p.area.columns,
    );
    if (against.length === 0) return;
    this.each((row, column) => {
      const blocking = against.find((p) => p.covers(row, column));
      if (blocking) {
        throw new Error(
          'Exception: You are trying to edit a protected cell or object. Please contact the spreadsheet ' +
            'owner to remove protection if you need to edit.',
        );
      }
    });
  }

  private write(method: string, apply: (row: number, column: number) => void): this {
    this.sheet.book.io.count('writes', method, this.rows * this.columns);
    this.guard();
    this.each(apply);
    return this;
  }

  getA1Notation(): string {
    const first = cellRef(this.row, this.column);
    const last = cellRef(this.row + this.rows - 1, this.column + this.columns - 1);
    return first === last ? first : `${first}:${last}`;
  }

  /** The merged areas (set in `sheet.merges`) that overlap this range, as Sheets returns them. */
  getMergedRanges(): FakeRange[] {
    const overlaps = (start: number, count: number, from: number, span: number) =>
      start < from + span && from < start + count;
    return this.sheet.merges
      .filter(
        (m) =>
          overlaps(m.row, m.rows, this.row, this.rows) &&
          overlaps(m.column, m.columns, this.column, this.columns),
      )
      .map((m) => new FakeRange(this.sheet, m.row, m.column, m.rows, m.columns));
  }

  /** Sheets' TextFinder over this range: priced as a read of the cells it searches. */
  createTextFinder(text: string) {
    let entire = false;
    const finder = {
      matchEntireCell: (value: boolean) => {
        entire = value;
        return finder;
      },
      findAll: (): FakeRange[] => {
        this.sheet.book.io.count('reads', 'createTextFinder', this.rows * this.columns);
        const wanted = text.toLowerCase();
        const found: FakeRange[] = [];
        this.each((row, column) => {
          const held = String(this.sheet.valueAt(row, column)).toLowerCase();
          if (entire ? held === wanted : held.includes(wanted))
            found.push(new FakeRange(this.sheet, row, column, 1, 1));
        });
        return found;
      },
    };
    return finder;
  }

  getValues(): unknown[][] {
    this.sheet.book.io.count('reads', 'getValues', this.rows * this.columns);
    // Plain loops: a bench reads millions of cells, and the fake's own time counts in its figures.
    const values: unknown[][] = [];
    for (let r = 0; r < this.rows; r += 1) {
      const cells: unknown[] = [];
      for (let c = 0; c < this.columns; c += 1)
        cells.push(this.sheet.valueAt(this.row + r, this.column + c));
      values.push(cells);
    }
    return values;
  }

  setValues(values: unknown[][]) {
    if (values.length !== this.rows || values.some((row) => row.length !== this.columns)) {
      throw new Error(
        `Exception: The number of rows or columns in the data does not match the range. The data has ${values.length} rows but the range has ${this.rows}.`,
      );
    }
    return this.write('setValues', (row, column) => {
      const value = values[row - this.row]?.[column - this.column];
      // A cell formatted as plain text keeps a written string as it is, as Sheets does.
      this.sheet.store(
        row,
        column,
        this.sheet.numberFormats.get(`${row},${column}`) === '@'
          ? FakeSheet.parseText(value)
          : FakeSheet.parseInput(value),
      );
    });
  }

  setDataValidation(rule: DataValidationApi | null) {
    return this.write('setDataValidation', (row, column) => {
      const key = `${row},${column}`;
      if (rule) this.sheet.validations.set(key, (rule as FakeDataValidation).rule);
      else this.sheet.validations.delete(key);
    });
  }

  setNumberFormat(numberFormat: string) {
    return this.write('setNumberFormat', (row, column) =>
      this.sheet.numberFormats.set(`${row},${column}`, numberFormat),
    );
  }

  setFontWeight(fontWeight: 'bold' | 'normal' | null) {
    return this.write('setFontWeight', (row, column) =>
      this.sheet.fontWeights.set(`${row},${column}`, fontWeight ?? 'normal'),
    );
  }

  setBackground(color: string | null) {
    return this.write('setBackground', (row, column) =>
      this.sheet.backgrounds.set(`${row},${column}`, color ?? ''),
    );
  }

  setWrap(_isWrapEnabled: boolean) {
    return this.write('setWrap', () => {});
  }

  protect(): FakeProtection {
    this.sheet.book.io.count('writes', 'protect');
    const protection = new FakeProtection(
      this.sheet,
      { row: this.row, column: this.column, rows: this.rows, columns: this.columns },
      this.sheet.book.creatorAndOwner(),
    );
    this.sheet.protections.push(protection);
    return protection;
  }
}

/** A number format that shows a date or a time (dd/mm/yyyy, hh:mm…), not plain text or a number. */
const DATE_FORMAT = /^(?!@$).*(?:[dy]|h+:m|m+:s)/i;

/**
 * Number formats by «row,column», counting the date formats of each column: a read of a column with
 * none (inputs, codes) looks none up per cell, as a bench reads millions (the fake's time counts).
 */
class FormatMap extends Map<string, string> {
  private readonly dates = new Map<number, number>();

  datesIn(column: number): boolean {
    return (this.dates.get(column) ?? 0) > 0;
  }

  private count(key: string, format: string | undefined, by: number): void {
    if (format === undefined || !DATE_FORMAT.test(format)) return;
    const column = Number(key.slice(key.indexOf(',') + 1));
    this.dates.set(column, (this.dates.get(column) ?? 0) + by);
  }

  override set(key: string, format: string): this {
    // Map's constructor calls set before the counts exist (never with entries here).
    if (this.dates) {
      this.count(key, this.get(key), -1);
      this.count(key, format, 1);
    }
    return super.set(key, format);
  }

  override delete(key: string): boolean {
    this.count(key, this.get(key), -1);
    return super.delete(key);
  }

  override clear(): void {
    this.dates.clear();
    super.clear();
  }
}

/** The UTC offset of `timeZone` at `at`, in milliseconds. */
function zoneOffset(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(at / 1000) * 1000;
}

/** A Sheets serial (days since 30/12/1899, wall time of the spreadsheet's zone) as the instant it names. */
function serialDate(serial: number, timeZone: string): Date {
  const wall = Date.UTC(1899, 11, 30) + Math.round(serial * 86_400_000);
  const first = wall - zoneOffset(wall, timeZone);
  return new Date(wall - zoneOffset(first, timeZone));
}

export class FakeSheet implements SheetApi {
  /** Cells by row, then column (1-based; a blank cell is absent): no key is built per cell. */
  private readonly grid: (Stored | undefined)[][] = [];
  readonly validations = new Map<string, Rule>();
  readonly numberFormats = new FormatMap();
  readonly fontWeights = new Map<string, string>();
  readonly backgrounds = new Map<string, string>();
  readonly protections: FakeProtection[] = [];
  readonly columnWidths = new Map<number, number>();
  /** Merged areas, as an officer makes them (Format → Merge cells). */
  readonly merges: { row: number; column: number; rows: number; columns: number }[] = [];
  frozenRows = 0;
  frozenColumns = 0;

  constructor(
    readonly book: FakeSpreadsheet,
    private readonly name: string,
    private maxRows = 1000,
    private maxColumns = 26,
  ) {}

  // --- test helpers (not part of the Sheets API) ---

  /** What getValues would return for one cell, without counting a read. */
  valueAt(row: number, column: number): string | number | boolean | Date {
    const stored = this.grid[row]?.[column];
    if (stored === undefined) return '';
    if (typeof stored === 'number') {
      // A number in a cell formatted as a date or time is a date to Sheets: getValues gives a Date.
      return this.numberFormats.datesIn(column) &&
        DATE_FORMAT.test(this.numberFormats.get(`${row},${column}`) ?? '')
        ? serialDate(stored, this.book.timeZone)
        : stored;
    }
    // Formulas are not evaluated here: their value reads as blank, their text through formulaAt.
    return typeof stored === 'object' && !(stored instanceof Date) ? '' : stored;
  }

  formulaAt(row: number, column: number): string {
    const stored = this.grid[row]?.[column];
    return typeof stored === 'object' && stored !== null && 'formula' in stored
      ? stored.formula
      : '';
  }

  /**
   * Puts values in cells as they end up held (a typed "8,5" that stayed text is the string "8,5"),
   * bypassing protection and counting nothing. A formula is given as { formula: '=…' }.
   */
  type(row: number, column: number, values: unknown[][]): void {
    values.forEach((cells, r) => {
      cells.forEach((value, c) => {
        this.store(row + r, column + c, value);
      });
    });
    // Pasting past the grid's edge extends it, as Sheets does: no cell is ever outside the grid.
    const width = values.reduce((widest, cells) => Math.max(widest, cells.length), 0);
    if (values.length > 0 && width > 0) {
      this.maxRows = Math.max(this.maxRows, row + values.length - 1);
      this.maxColumns = Math.max(this.maxColumns, column + width - 1);
    }
  }

  /** As an officer deleting the empty rows and columns of the grid. */
  resizeGrid(rows: number, columns: number): void {
    this.maxRows = rows;
    this.maxColumns = columns;
  }

  /** Every cell as getDataRange().getValues() gives it, without counting a read. */
  snapshot(): unknown[][] {
    const { rows, columns } = this.extent();
    return Array.from({ length: rows }, (_, r) =>
      Array.from({ length: columns }, (_, c) => this.valueAt(r + 1, c + 1)),
    );
  }

  store(row: number, column: number, value: unknown): void {
    if (value === '' || value === null || value === undefined) {
      const cells = this.grid[row];
      if (cells?.[column] === undefined) return;
      cells[column] = undefined;
      if (row >= this.lastRow || column >= this.lastColumn) this.extentKnown = false;
      return;
    }
    if (row > this.lastRow) this.lastRow = row;
    if (column > this.lastColumn) this.lastColumn = column;
    let cells = this.grid[row];
    if (cells === undefined) {
      cells = [];
      this.grid[row] = cells;
    }
    if (typeof value === 'object' && 'formula' in value)
      cells[column] = { formula: String(value.formula) };
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      cells[column] = value;
    } else if (Object.prototype.toString.call(value) === '[object Date]') {
      // A date from any realm (the bundle runs in its own V8 context) is stored as a date, as Sheets does.
      cells[column] = new Date((value as Date).getTime());
    } else cells[column] = String(value);
  }

  /** A string written by setValues into a plain-text cell: kept, but for a leading apostrophe. */
  static parseText(value: unknown): unknown {
    return typeof value === 'string' && value.startsWith("'") ? value.slice(1) : value;
  }

  /**
   * A string written by setValues, read the way Sheets reads typed input in the vi_VN locale: numbers
   * with a decimal comma, dd/mm/yyyy and dd/mm (this year) and yyyy-mm-dd dates, TRUE/FALSE.
   */
  static parseInput(value: unknown): unknown {
    if (typeof value !== 'string') return value;
    if (value.startsWith("'")) return value.slice(1);
    const dayMonth = /^(\d{1,2})\/(\d{1,2})$/.exec(value);
    if (dayMonth && Number(dayMonth[2]) <= 12 && Number(dayMonth[1]) <= 31)
      return new Date(new Date().getFullYear(), Number(dayMonth[2]) - 1, Number(dayMonth[1]));
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (iso) return new Date(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
    if (/^[=+\-@]/.test(value) && !/^[+-]\d+(,\d+)?$/.test(value)) return { formula: value };
    if (/^[+-]?\d+(,\d+)?$/.test(value)) return Number(value.replace(',', '.'));
    if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(value))
      return Number(value.replace(/\./g, '').replace(',', '.'));
    const date = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
    if (date) return new Date(Number(date[3]), Number(date[2]) - 1, Number(date[1]));
    if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
    return value;
  }

  // The extent is kept as cells are stored (a bench fills hundreds of thousands of rows), and
  // recomputed only after a cell on its edge was cleared.
  private lastRow = 0;
  private lastColumn = 0;
  private extentKnown = true;

  private extent(): { rows: number; columns: number } {
    if (!this.extentKnown) {
      let rows = 0;
      let columns = 0;
      this.grid.forEach((cells, r) => {
        cells.forEach((value, c) => {
          if (value === undefined) return;
          rows = Math.max(rows, r);
          columns = Math.max(columns, c);
        });
      });
      this.lastRow = rows;
      this.lastColumn = columns;
      this.extentKnown = true;
    }
    return { rows: this.lastRow, columns: this.lastColumn };
  }

  /** The grid's columns, used or not. */
  get gridColumns(): number {
    return this.maxColumns;
  }

  /** Grid cells (rows × columns of the grid, used or not): what counts against Sheets' 10,000,000. */
  gridCells(): number {
    return this.maxRows * this.maxColumns;
  }

  /** A change of the sheet's structure is refused, as in Sheets, under a sheet protection the user is not an editor of. */
  private guardStructure(): void {
    const user = this.book.app.activeUser();
    if (
      this.protections.some((p) => p.type === 'SHEET' && !p.isWarningOnly() && !p.editors.has(user))
    ) {
      throw new Error(
        'Exception: You are trying to edit a protected cell or object. Please contact the spreadsheet ' +
          'owner to remove protection if you need to edit.',
      );
    }
  }

  // --- the Sheets API ---

  getName(): string {
    this.book.io.count('other', 'getName');
    return this.name;
  }
  getLastRow(): number {
    this.book.io.count('other', 'getLastRow');
    return this.extent().rows;
  }
  getLastColumn(): number {
    this.book.io.count('other', 'getLastColumn');
    return this.extent().columns;
  }
  getMaxRows(): number {
    this.book.io.count('other', 'getMaxRows');
    return this.maxRows;
  }
  getMaxColumns(): number {
    this.book.io.count('other', 'getMaxColumns');
    return this.maxColumns;
  }
  insertRowsAfter(afterPosition: number, howMany: number) {
    this.book.io.count('writes', 'insertRowsAfter');
    this.guardStructure();
    if (afterPosition !== this.maxRows) throw new Error('fake: only appending rows is modelled');
    // New rows take the number format of the row above them, as in Sheets.
    for (let column = 1; column <= this.maxColumns; column += 1) {
      const format = this.numberFormats.get(`${afterPosition},${column}`);
      if (format === undefined) continue;
      for (let row = afterPosition + 1; row <= afterPosition + howMany; row += 1)
        this.numberFormats.set(`${row},${column}`, format);
    }
    this.maxRows += howMany;
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number) {
    this.book.io.count('writes', 'insertColumnsAfter');
    this.guardStructure();
    if (afterPosition !== this.maxColumns)
      throw new Error('fake: only appending columns is modelled');
    this.maxColumns += howMany;
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.book.io.count('writes', 'deleteColumns');
    this.guardStructure();
    if (columnPosition + howMany - 1 !== this.maxColumns || columnPosition <= this.extent().columns)
      throw new Error('fake: only deleting empty columns at the end is modelled');
    this.maxColumns -= howMany;
  }
  setFrozenRows(rows: number): void {
    this.book.io.count('writes', 'setFrozenRows');
    this.guardStructure();
    this.frozenRows = rows;
  }
  setFrozenColumns(columns: number): void {
    this.book.io.count('writes', 'setFrozenColumns');
    this.guardStructure();
    this.frozenColumns = columns;
  }
  hidden = false;
  hideSheet() {
    this.book.io.count('writes', 'hideSheet');
    this.guardStructure();
    this.hidden = true;
    return this;
  }
  setColumnWidth(columnPosition: number, width: number) {
    this.book.io.count('writes', 'setColumnWidth');
    this.guardStructure();
    this.columnWidths.set(columnPosition, width);
    return this;
  }
  /** Conditional-format rules, in the order Sheets keeps them. */
  conditionalRules: FakeConditionalRule[] = [];

  getConditionalFormatRules(): FakeConditionalRule[] {
    this.book.io.count('other', 'getConditionalFormatRules');
    return [...this.conditionalRules];
  }

  setConditionalFormatRules(rules: ConditionalFormatRuleApi[]): void {
    this.book.io.count('writes', 'setConditionalFormatRules');
    this.guardStructure();
    this.conditionalRules = rules as FakeConditionalRule[];
  }

  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): FakeProtection[] {
    this.book.io.count('other', 'getProtections');
    return this.protections.filter((p) => p.type === String(type));
  }

  /** The whole sheet's protection: every cell, whatever the grid grows to. */
  protect(): FakeProtection {
    this.book.io.count('writes', 'protect');
    const protection = new FakeProtection(
      this,
      { row: 1, column: 1, rows: Number.MAX_SAFE_INTEGER, columns: Number.MAX_SAFE_INTEGER },
      this.book.creatorAndOwner(),
      'SHEET',
    );
    this.protections.push(protection);
    return protection;
  }

  getRange(row: number, column: number, numRows: number, numColumns: number): FakeRange {
    this.book.io.count('other', 'getRange');
    if (
      ![row, column, numRows, numColumns].every(Number.isInteger) ||
      row < 1 ||
      column < 1 ||
      numRows < 1 ||
      numColumns < 1
    ) {
      throw new Error(
        'Exception: The starting row or column of the range is too small, or the size is not positive.',
      );
    }
    if (row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns) {
      throw new Error(
        'Exception: The coordinates of the range are outside the dimensions of the sheet.',
      );
    }
    return new FakeRange(this, row, column, numRows, numColumns);
  }

  getDataRange(): FakeRange {
    this.book.io.count('other', 'getDataRange');
    const { rows, columns } = this.extent();
    return new FakeRange(this, 1, 1, Math.max(1, rows), Math.max(1, columns));
  }
}

interface FakeRangeList {
  getRanges(): FakeRange[];
  activate(): FakeRangeList;
}

export class FakeSpreadsheet implements SpreadsheetApi {
  readonly sheets: FakeSheet[] = [];
  readonly io = new IoCounter();
  locale = 'en_US';
  timeZone = 'America/New_York';

  constructor(
    readonly app: FakeSpreadsheetApp,
    readonly owner: string,
  ) {}

  /** Test helper: the file lives on a shared drive, where Google gives no owner. */
  onSharedDrive = false;

  /** The owner as Sheets knows it: none on a shared drive. */
  ownerOf(): string | undefined {
    return this.onSharedDrive ? undefined : this.owner;
  }

  /** Who may edit a new protection: its creator, and the owner. */
  creatorAndOwner(): Set<string> {
    const owner = this.ownerOf();
    return new Set([this.app.activeUser(), ...(owner ? [owner] : [])]);
  }

  getOwner(): { getEmail(): string } | null {
    this.io.count('other', 'getOwner');
    const owner = this.ownerOf();
    return owner ? { getEmail: () => owner } : null;
  }

  getSheetByName(name: string): FakeSheet | null {
    this.io.count('other', 'getSheetByName');
    return this.sheets.find((sheet) => sheet.getName() === name) ?? null;
  }

  getSheets(): FakeSheet[] {
    this.io.count('other', 'getSheets');
    return [...this.sheets];
  }

  deleteSheet(sheet: FakeSheet): void {
    this.io.count('writes', 'deleteSheet');
    const at = this.sheets.indexOf(sheet);
    if (at < 0) throw new Error('Exception: The sheet does not exist.');
    if (this.sheets.length === 1) {
      throw new Error("Exception: You can't remove all the sheets in a document.");
    }
    this.sheets.splice(at, 1);
  }

  insertSheet(sheetName: string): FakeSheet {
    this.io.count('writes', 'insertSheet');
    if (this.sheets.some((sheet) => sheet.getName() === sheetName)) {
      throw new Error(
        `Exception: A sheet with the name "${sheetName}" already exists. Please enter another name.`,
      );
    }
    const sheet = new FakeSheet(this, sheetName);
    this.sheets.push(sheet);
    // As in Sheets, the new sheet becomes the active one, its A1 selected.
    this.active = { sheet, ranges: [new FakeRange(sheet, 1, 1, 1, 1)] };
    return sheet;
  }

  setSpreadsheetLocale(locale: string): void {
    this.io.count('writes', 'setSpreadsheetLocale');
    this.locale = locale;
  }

  setSpreadsheetTimeZone(timezone: string): void {
    this.io.count('writes', 'setSpreadsheetTimeZone');
    this.timeZone = timezone;
  }

  private active: { sheet: FakeSheet; ranges: FakeRange[] } | undefined;

  /** Test helper: the officer selects rows `[first, count]` of a sheet. */
  select(name: string, ...rows: [number, number][]): void {
    const sheet = this.sheet(name);
    this.active = {
      sheet,
      ranges: rows.map(([first, count]) => new FakeRange(sheet, first, 1, count, 1)),
    };
  }

  getActiveSheet(): FakeSheet {
    this.io.count('other', 'getActiveSheet');
    return this.active?.sheet ?? (this.sheets[0] as FakeSheet);
  }

  getActiveRangeList(): FakeRangeList | null {
    this.io.count('other', 'getActiveRangeList');
    const active = this.active;
    if (!active) return null;
    const list: FakeRangeList = {
      getRanges: () => active.ranges,
      activate: () => {
        this.io.count('other', 'activate');
        this.active = active;
        return list;
      },
    };
    return list;
  }

  /** Test helper: the sheet, or a failed test. */
  sheet(name: string): FakeSheet {
    const sheet = this.sheets.find((s) => s.getName() === name);
    if (!sheet) throw new Error(`no sheet named ${name}`);
    return sheet;
  }
}

/** The caption the fake gives an add-on menu (Sheets uses the add-on's listed name). */
export const ADDON_MENU = '(add-on)';

class FakeMenu implements MenuApi {
  readonly items: ({ caption: string; functionName: string } | null)[] = [];
  constructor(
    private readonly ui: FakeUi,
    readonly caption: string,
  ) {}
  addItem(caption: string, functionName: string) {
    this.items.push({ caption, functionName });
    return this;
  }
  addSeparator() {
    this.items.push(null);
    return this;
  }
  addToUi(): void {
    this.ui.menus.push(this);
  }
}

const BUTTON_SET = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
};

export class FakeUi implements UiApi {
  readonly menus: FakeMenu[] = [];
  readonly alerts: { title: string; prompt: string }[] = [];
  readonly prompts: { title: string; prompt: string }[] = [];
  /** What the officer will type into the next prompts; null clicks Cancel; none left clicks OK on ''. */
  readonly answers: (string | null)[] = [];
  readonly ButtonSet = BUTTON_SET as unknown as typeof GoogleAppsScript.Base.ButtonSet;
  readonly Button = {
    OK: 'OK',
    CANCEL: 'CANCEL',
    YES: 'YES',
    NO: 'NO',
    CLOSE: 'CLOSE',
  } as unknown as typeof GoogleAppsScript.Base.Button;

  prompt(title: string, prompt: string, _buttons: GoogleAppsScript.Base.ButtonSet) {
    this.prompts.push({ title, prompt });
    const answer = this.answers.length > 0 ? this.answers.shift() : '';
    const button = (answer === null ? 'CANCEL' : 'OK') as unknown as GoogleAppsScript.Base.Button;
    return { getResponseText: () => answer ?? '', getSelectedButton: () => button };
  }

  /** The sidebars opened, newest last. */
  readonly sidebars: HtmlOutputApi[] = [];

  showSidebar(userInterface: HtmlOutputApi): void {
    this.sidebars.push(userInterface);
  }

  /** The dialogs opened, newest last. */
  readonly dialogs: { page: HtmlOutputApi; title: string }[] = [];

  showModalDialog(page: HtmlOutputApi, title: string): void {
    this.dialogs.push({ page, title });
  }

  createMenu(caption: string): FakeMenu {
    return new FakeMenu(this, caption);
  }

  /** An Editor add-on's menu: Sheets shows it under Extensions, captioned with the add-on's name. */
  createAddonMenu(): FakeMenu {
    return new FakeMenu(this, ADDON_MENU);
  }

  alert(
    title: string,
    prompt: string,
    _buttons: GoogleAppsScript.Base.ButtonSet,
  ): GoogleAppsScript.Base.Button {
    this.alerts.push({ title, prompt });
    return 'OK' as unknown as GoogleAppsScript.Base.Button;
  }
}

export class FakeSpreadsheetApp implements SpreadsheetAppApi {
  readonly spreadsheet: FakeSpreadsheet;
  readonly ui = new FakeUi();
  readonly ProtectionType = {
    RANGE: 'RANGE',
    SHEET: 'SHEET',
  } as unknown as typeof GoogleAppsScript.Spreadsheet.ProtectionType;

  constructor(
    readonly activeUser: () => string,
    owner: string,
  ) {
    this.spreadsheet = new FakeSpreadsheet(this, owner);
  }

  getActiveSpreadsheet(): FakeSpreadsheet {
    return this.spreadsheet;
  }
  getUi(): FakeUi {
    return this.ui;
  }
  newDataValidation(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder();
  }
  newConditionalFormatRule(): FakeConditionalRuleBuilder {
    return new FakeConditionalRuleBuilder();
  }
  flush(): void {
    this.spreadsheet.io.count('writes', 'flush');
  }
}
