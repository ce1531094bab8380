import type { CellValue } from '../domain/cells';
import type { ChartSpec } from '../domain/chart';
import { tr } from '../domain/i18n';

/**
 * The ports through which use cases reach the outside. Apps Script adapters live in src/gas, Node
 * adapters in src/node, fakes in test/fakes. Reads and writes of cell data are the expensive calls:
 * a use case makes a fixed number of them whatever the number of rows.
 */

/** Adjacent columns: `count` of them from the 1-based `first`. */
export interface ColumnRun {
  readonly first: number;
  readonly count: number;
}

export interface SheetPort {
  readonly name: string;
  /** Every value from A1 to the last row and column with content, blanks as ''. One read. */
  readValues(): CellValue[][];
  /** The last row holding a value (0 for an empty sheet). Metadata, no cell read. */
  lastRow(): number;
  /** The last column holding a value (0 for an empty sheet). Metadata, no cell read. */
  lastColumn(): number;
  /**
   * The block of `rows` × `columns` cells from (row, column), 1-based, blanks as ''. One read, priced by
   * its cells: what a step, a timer or a resumable check reads instead of the whole sheet.
   */
  readRange(row: number, column: number, rows: number, columns: number): CellValue[][];
  /**
   * The rows from `fromRow` down (to `lastRow`, when the caller knows the sheet's last row; else it is
   * asked) whose cell in `column` holds exactly `text` (any case), in order:
   * one search, priced as a read of the cells it searches (a TextFinder online). How a step finds a
   * unit's last log row when the pointer on its row is blank or does not check, and a unit's row of
   * «Đơn vị» without reading it whole.
   */
  findRows(column: number, text: string, fromRow: number, lastRow?: number): number[];
  /**
   * The last row and column holding a value (0, 0 for an empty sheet), in one metadata call where
   * `lastRow` and `lastColumn` are two. Optional: `extentOf` asks those two otherwise.
   */
  extent?(): { readonly rows: number; readonly columns: number };
  /** Writes a rectangular block whose top-left cell is (row, column), 1-based. One write. */
  writeValues(row: number, column: number, values: CellValue[][]): void;
  freeze(rows: number, columns: number): void;
  /** Bold header cells on a tinted background, over the first `columns` cells of `row`. */
  styleHeader(row: number, columns: number): void;
  /** Number cells only, between min and max, from `fromRow` down to the end of the sheet. */
  requireNumberBetween(
    column: number,
    fromRow: number,
    min: number,
    max: number,
    help: string,
  ): void;
  /**
   * A dropdown, from `fromRow` down `rows` rows or to the end of the sheet. Strict refuses other
   * input; otherwise Sheets only marks it (for a list that the workbook may extend).
   */
  requireOneOf(
    column: number,
    fromRow: number,
    options: readonly string[],
    rule: { readonly help: string; readonly rows?: number; readonly strict?: boolean },
  ): void;
  setNumberFormat(column: number, fromRow: number, format: string): void;
  /**
   * Colours, from `fromRow` down, each cell of a `changed` column that is typed and differs from the
   * same row of its `original` column (a conditional format: it follows later edits by itself).
   * Replaces the rules this method set before, and no other.
   */
  highlightWhereDiffer(
    pairs: readonly { readonly changed: number; readonly original: number }[],
    fromRow: number,
  ): void;
  setColumnWidth(column: number, pixels: number): void;
  /**
   * Removes the grid's empty columns after the last one holding anything: a new sheet has 26, and
   * every grid cell counts against the spreadsheet's 10,000,000 whether used or not.
   */
  trimColumns(): void;
  /** The merged ranges (A1, e.g. «E1:F1») that touch `row`; optional, read only to explain a bad header. */
  mergedInRow?(row: number): string[];
  /** Hides the sheet from the tab bar (it stays in the file, and in a downloaded .xlsx). */
  hide(): void;
  /**
   * Warning-only protection of whole columns (the script writes there on everyone's behalf). Replaces
   * the earlier protections with the same description, so running set-up again adds none.
   */
  protectColumnsWarningOnly(runs: readonly ColumnRun[], description: string): void;
  /**
   * Hard protection: only `editors` (and the spreadsheet's owner) may edit these columns. For ranges
   * the script never writes. Replaces the protections with the same description.
   */
  protectColumnsFor(
    runs: readonly ColumnRun[],
    description: string,
    editors: readonly string[],
  ): void;
  /**
   * Hard protection of the whole sheet: only `editors` (and the spreadsheet's owner, whom Sheets never
   * removes) may edit it. For sheets the product alone writes on an administrator's behalf. Replaces the
   * sheet protections with the same description.
   */
  protectSheetFor(description: string, editors: readonly string[]): void;
  /**
   * Hard protection of `count` rows from the 1-based `first` (a header), across every column: only
   * `editors` and the owner may edit them. Replaces the protections with the same description.
   */
  protectRowsFor(
    first: number,
    count: number,
    description: string,
    editors: readonly string[],
  ): void;
}

export interface WorkbookPort {
  /**
   * The spreadsheet owner's email; null when the file has none (a shared drive, where Google gives no
   * owner); absent where the platform has no owner at all (an .xlsx file).
   */
  ownerEmail?(): string | null;
  sheet(name: string): SheetPort | undefined;
  addSheet(name: string): SheetPort;
  setLocaleAndTimeZone(locale: string, timeZone: string): void;
  /** The active sheet and the rows the officer selected (1-based, header row excluded), if any. */
  selection(): { readonly sheet: string; readonly rows: readonly number[] } | undefined;
  /** Moves the officer's selection to a row of a sheet (the sidebar's «Việc của tôi» links). */
  select(sheet: string, row: number): void;
  /** Applies pending writes; called before a lock is released. */
  flush(): void;
  /** The names of every sheet, in tab order (the offline import looks for the sheets it brought in). */
  sheetNames(): string[];
  /** Removes a sheet (the offline import's copies, once merged). */
  removeSheet(name: string): void;
  /**
   * Runs `work` with each sheet looked up once for the run (Apps Script: one `getSheets()` call for
   * every lookup), kept right when `work` adds or removes a sheet through this port. For a use case's
   * run under the document lock (a hand rename meanwhile is not seen). Optional: absent, `work` runs
   * as it is.
   */
  cachingSheets?<T>(work: () => T): T;
}

/** `sheet.extent()`, or its last row and column asked apart. */
export function extentOf(sheet: SheetPort): { readonly rows: number; readonly columns: number } {
  return sheet.extent?.() ?? { rows: sheet.lastRow(), columns: sheet.lastColumn() };
}

/** `work` with the workbook's sheets looked up once, where the workbook can (`cachingSheets`). */
export function withSheetsCached<T>(workbook: WorkbookPort, work: () => T): T {
  return workbook.cachingSheets ? workbook.cachingSheets(work) : work();
}

export interface MenuItem {
  readonly label: string;
  /** Name of the global function the item calls. */
  readonly handler: string;
}

export interface UiPort {
  alert(title: string, message: string): void;
  /** Asks for a line of text; null when the officer cancels. */
  prompt(title: string, message: string): string | null;
  /** Adds a menu to the spreadsheet's menu bar; `null` draws a separator. */
  addMenu(title: string, items: readonly (MenuItem | null)[]): void;
  /** Opens an HTML file of the script project in the sidebar. */
  showSidebar(file: string, title: string): void;
  /** A dialog showing `html` (escaped by its maker), with the chart its `cid:` reference names. */
  showDialog(title: string, html: string, chart?: ChartSpec): void;
}

export interface ClockPort {
  now(): Date;
}

export interface LockPort {
  /** Runs `work` while holding the document lock; throws BusyError when it cannot be had in time. */
  withLock<T>(work: () => T): T;
}

export interface IdentityPort {
  /** The active user's email, or '' when Google does not tell it. */
  activeUserEmail(): string;
  /** Whether anyone vouches for that email: Google does; offline, the name is self-declared. */
  readonly vouched: boolean;
  /** The account the script runs as (a time trigger's owner), where the platform tells it. */
  runnerEmail?(): string;
}

export interface StorePort {
  get(key: string): string | null;
  set(key: string, value: string): void;
  /**
   * Every key and its value in one call (Apps Script's `getProperties()`): priced as one property read,
   * where each `get` is one. A step under the lock reads its keys through `snapshotStore` (one call).
   */
  getAll?(): Readonly<Record<string, string>>;
  /** Several keys in one call (Apps Script's `setProperties`), all or none; optional. */
  setAll?(values: Readonly<Record<string, string>>): void;
}

/** Sets several keys: in one call where the store can (`setAll`), else one by one, in order. */
export function setEach(store: StorePort, values: Readonly<Record<string, string>>): void {
  if (store.setAll) {
    if (Object.keys(values).length > 0) store.setAll(values);
    return;
  }
  for (const [key, value] of Object.entries(values)) store.set(key, value);
}

export interface HasherPort {
  /** SHA-256 of the UTF-8 bytes of `text`, as 64 lowercase hex digits. */
  sha256Hex(text: string): string;
}

export interface MailMessage {
  readonly to: readonly string[];
  readonly subject: string;
  readonly textBody: string;
  readonly htmlBody?: string;
  /** Drawn by the mailer and attached inline as `cid:` CHART_CONTENT_ID. */
  readonly chart?: ChartSpec;
}

export interface MailerPort {
  remainingDailyQuota(): number;
  send(message: MailMessage): void;
}

/**
 * A time trigger: every N minutes or hours, daily at an hour, or weekly on a weekday (0 = Sunday) at an
 * hour. An Editor add-on may run a time trigger at most once an hour.
 */
export type Schedule =
  | { readonly every: 'minutes'; readonly minutes: 1 | 5 | 10 | 15 | 30 }
  | { readonly every: 'hours'; readonly hours: 1 | 2 | 4 | 6 | 8 | 12 }
  | { readonly every: 'day'; readonly hour: number }
  | { readonly every: 'week'; readonly weekday: number; readonly hour: number };

export interface TriggersPort {
  /** The handler names of the project's triggers that belong to the current user (Apps Script shows no others). */
  handlers(): string[];
  install(handler: string, schedule: Schedule): void;
  /** Removes the current user's triggers with these handlers (no account can remove another's); returns how many. */
  remove(handlers: readonly string[]): number;
}

export class BusyError extends Error {
  constructor() {
    super(
      tr(
        'Đang có người khác chạy XHHT trên bảng tính này. Vui lòng thử lại sau ít phút.',
        'Someone else is running XHHT on this spreadsheet. Please try again in a few minutes.',
      ),
    );
    this.name = 'BusyError';
  }
}

/** What a use case is given to work with. */
export interface Context {
  readonly workbook: WorkbookPort;
  readonly ui: UiPort;
  readonly clock: ClockPort;
  readonly lock: LockPort;
}
