/**
 * The part of Google's services this project calls, narrowed from @types/google-apps-script so that
 * the in-memory fakes can implement it. Each interface below is checked at the end of the file to be
 * a supertype of the real service: a method the real API does not have, or a wrong signature, is a
 * type error.
 */
type S = typeof GoogleAppsScript.Spreadsheet;
type Sheets = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type Protection = GoogleAppsScript.Spreadsheet.Protection;
type Builder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type ProtectionType = GoogleAppsScript.Spreadsheet.ProtectionType;

export interface UserApi {
  getEmail(): string;
}

export interface ProtectionApi
  extends Pick<Protection, 'getDescription' | 'isWarningOnly' | 'remove' | 'canDomainEdit'> {
  setDescription(description: string): ProtectionApi;
  setWarningOnly(warningOnly: boolean): ProtectionApi;
  getEditors(): UserApi[];
  addEditors(emailAddresses: string[]): ProtectionApi;
  removeEditors(emailAddresses: string[]): ProtectionApi;
  setDomainEdit(editable: boolean): ProtectionApi;
}

export interface DataValidationApi {
  getHelpText(): string;
}

export interface DataValidationBuilderApi {
  requireNumberBetween(start: number, end: number): DataValidationBuilderApi;
  requireValueInList(values: string[], showDropdown: boolean): DataValidationBuilderApi;
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilderApi;
  setHelpText(helpText: string): DataValidationBuilderApi;
  build(): DataValidationApi;
}

export interface RangeApi
  extends Pick<
    Range,
    'getValues' | 'getRow' | 'getColumn' | 'getNumRows' | 'getNumColumns' | 'getA1Notation'
  > {
  activate(): RangeApi;
  getMergedRanges(): RangeApi[];
  setValues(values: unknown[][]): RangeApi;
  setDataValidation(rule: DataValidationApi | null): RangeApi;
  setNumberFormat(numberFormat: string): RangeApi;
  setFontWeight(fontWeight: 'bold' | 'normal' | null): RangeApi;
  setBackground(color: string | null): RangeApi;
  setWrap(isWrapEnabled: boolean): RangeApi;
  protect(): ProtectionApi;
  createTextFinder(findText: string): TextFinderApi;
}

export interface TextFinderApi {
  matchEntireCell(matchEntireCell: boolean): TextFinderApi;
  findAll(): RangeApi[];
}

export interface BooleanConditionApi {
  getCriteriaValues(): unknown[];
}

export interface ConditionalFormatRuleApi {
  getBooleanCondition(): BooleanConditionApi | null;
}

export interface ConditionalFormatRuleBuilderApi {
  whenFormulaSatisfied(formula: string): ConditionalFormatRuleBuilderApi;
  setBackground(color: string | null): ConditionalFormatRuleBuilderApi;
  setRanges(ranges: RangeApi[]): ConditionalFormatRuleBuilderApi;
  build(): ConditionalFormatRuleApi;
}

export interface SheetApi
  extends Pick<
    Sheet,
    | 'getName'
    | 'getLastRow'
    | 'getLastColumn'
    | 'getMaxRows'
    | 'getMaxColumns'
    | 'setFrozenRows'
    | 'setFrozenColumns'
  > {
  hideSheet(): SheetApi;
  insertRowsAfter(afterPosition: number, howMany: number): SheetApi;
  insertColumnsAfter(afterPosition: number, howMany: number): SheetApi;
  deleteColumns(columnPosition: number, howMany: number): void;
  getDataRange(): RangeApi;
  getRange(row: number, column: number, numRows: number, numColumns: number): RangeApi;
  setColumnWidth(columnPosition: number, width: number): SheetApi;
  getProtections(type: ProtectionType): ProtectionApi[];
  protect(): ProtectionApi;
  getConditionalFormatRules(): ConditionalFormatRuleApi[];
  setConditionalFormatRules(rules: ConditionalFormatRuleApi[]): void;
}

export interface RangeListApi {
  getRanges(): RangeApi[];
  /** Selects these ranges again, their sheet becoming the active one. */
  activate(): RangeListApi;
}

export interface SpreadsheetApi
  extends Pick<Sheets, 'setSpreadsheetLocale' | 'setSpreadsheetTimeZone'> {
  getActiveSheet(): SheetApi;
  getActiveRangeList(): RangeListApi | null;
  getSheetByName(name: string): SheetApi | null;
  insertSheet(sheetName: string): SheetApi;
  getSheets(): SheetApi[];
  deleteSheet(sheet: SheetApi): void;
  /** The owner; null for a file on a shared drive. */
  getOwner(): UserApi | null;
}

export interface MenuApi {
  addItem(caption: string, functionName: string): MenuApi;
  addSeparator(): MenuApi;
  addToUi(): void;
}

export interface PromptResponseApi {
  getResponseText(): string;
  getSelectedButton(): GoogleAppsScript.Base.Button;
}

export interface UiApi {
  createMenu(caption: string): MenuApi;
  /** The Editor add-on's menu, under Extensions (its caption is the add-on's listed name). */
  createAddonMenu(): MenuApi;
  prompt(
    title: string,
    prompt: string,
    buttons: GoogleAppsScript.Base.ButtonSet,
  ): PromptResponseApi;
  readonly Button: typeof GoogleAppsScript.Base.Button;
  alert(
    title: string,
    prompt: string,
    buttons: GoogleAppsScript.Base.ButtonSet,
  ): GoogleAppsScript.Base.Button;
  readonly ButtonSet: typeof GoogleAppsScript.Base.ButtonSet;
  showSidebar(userInterface: HtmlOutputApi): void;
  showModalDialog(userInterface: HtmlOutputApi, title: string): void;
}

export interface HtmlOutputApi {
  setTitle(title: string): HtmlOutputApi;
  setWidth(width: number): HtmlOutputApi;
  setHeight(height: number): HtmlOutputApi;
}

export interface HtmlServiceApi {
  createHtmlOutputFromFile(filename: string): HtmlOutputApi;
  createHtmlOutput(html: string): HtmlOutputApi;
}

export interface SpreadsheetAppApi
  extends Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'flush'> {
  getActiveSpreadsheet(): SpreadsheetApi;
  getUi(): UiApi;
  newDataValidation(): DataValidationBuilderApi;
  newConditionalFormatRule(): ConditionalFormatRuleBuilderApi;
  readonly ProtectionType: S['ProtectionType'];
}

export type LockServiceApi = Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock'>;
export type SessionApi = Pick<GoogleAppsScript.Base.Session, 'getActiveUser' | 'getEffectiveUser'>;
export type PropertiesServiceApi = Pick<
  GoogleAppsScript.Properties.PropertiesService,
  'getDocumentProperties'
>;
export type MailAppApi = Pick<
  GoogleAppsScript.Mail.MailApp,
  'getRemainingDailyQuota' | 'sendEmail'
>;

export interface DataTableBuilderApi {
  addColumn(type: GoogleAppsScript.Charts.ColumnType, label: string): DataTableBuilderApi;
  addRow(values: unknown[]): DataTableBuilderApi;
}

export interface ColumnChartBuilderApi {
  setDataTable(table: DataTableBuilderApi): ColumnChartBuilderApi;
  setTitle(title: string): ColumnChartBuilderApi;
  setDimensions(width: number, height: number): ColumnChartBuilderApi;
  setColors(colors: string[]): ColumnChartBuilderApi;
  setStacked(): ColumnChartBuilderApi;
  build(): { getAs(contentType: string): GoogleAppsScript.Base.Blob };
}

export interface ChartsApi {
  newDataTable(): DataTableBuilderApi;
  newColumnChart(): ColumnChartBuilderApi;
  readonly ColumnType: typeof GoogleAppsScript.Charts.ColumnType;
}

export interface UtilitiesApi {
  base64Encode(data: number[]): string;
  computeDigest(
    algorithm: GoogleAppsScript.Utilities.DigestAlgorithm,
    value: string,
    charset: GoogleAppsScript.Utilities.Charset,
  ): number[];
  readonly DigestAlgorithm: typeof GoogleAppsScript.Utilities.DigestAlgorithm;
  readonly Charset: typeof GoogleAppsScript.Utilities.Charset;
}

export interface TriggerApi {
  getHandlerFunction(): string;
}

export interface ClockTriggerBuilderApi {
  everyMinutes(n: number): ClockTriggerBuilderApi;
  everyHours(n: number): ClockTriggerBuilderApi;
  everyDays(n: number): ClockTriggerBuilderApi;
  everyWeeks(n: number): ClockTriggerBuilderApi;
  onWeekDay(day: GoogleAppsScript.Base.Weekday): ClockTriggerBuilderApi;
  atHour(hour: number): ClockTriggerBuilderApi;
  create(): TriggerApi;
}

export interface ScriptAppApi {
  newTrigger(functionName: string): { timeBased(): ClockTriggerBuilderApi };
  getProjectTriggers(): TriggerApi[];
  deleteTrigger(trigger: TriggerApi): void;
  readonly WeekDay: typeof GoogleAppsScript.Base.Weekday;
  /** Read by onOpen(e): an add-on not yet used in the document opens with AuthMode.NONE. */
  readonly AuthMode: typeof GoogleAppsScript.Script.AuthMode;
}

/** The Apps Script globals the adapters use; the bundle test gives fakes of exactly these. */
export interface AppsScriptGlobals {
  readonly SpreadsheetApp: SpreadsheetAppApi;
  readonly LockService: LockServiceApi;
  readonly Session: SessionApi;
  readonly PropertiesService: PropertiesServiceApi;
  readonly MailApp: MailAppApi;
  readonly Charts: ChartsApi;
  readonly Utilities: UtilitiesApi;
  readonly HtmlService: HtmlServiceApi;
  readonly ScriptApp: ScriptAppApi;
}

// Compile-time proof that the real services satisfy the narrowed ones.
type Satisfies<Real extends Narrow, Narrow> = [Real, Narrow];
export type RealServicesFit = [
  Satisfies<Protection, ProtectionApi>,
  Satisfies<Builder, DataValidationBuilderApi>,
  Satisfies<Range, RangeApi>,
  Satisfies<
    GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder,
    ConditionalFormatRuleBuilderApi
  >,
  Satisfies<GoogleAppsScript.Spreadsheet.ConditionalFormatRule, ConditionalFormatRuleApi>,
  Satisfies<Sheet, SheetApi>,
  Satisfies<Sheets, SpreadsheetApi>,
  Satisfies<GoogleAppsScript.Base.Ui, UiApi>,
  Satisfies<GoogleAppsScript.Base.PromptResponse, PromptResponseApi>,
  Satisfies<GoogleAppsScript.Spreadsheet.SpreadsheetApp, SpreadsheetAppApi>,
  Satisfies<GoogleAppsScript.Utilities.Utilities, UtilitiesApi>,
  Satisfies<GoogleAppsScript.HTML.HtmlService, HtmlServiceApi>,
  Satisfies<GoogleAppsScript.Script.ScriptApp, ScriptAppApi>,
  Satisfies<GoogleAppsScript.Charts.Charts, ChartsApi>,
  Satisfies<GoogleAppsScript.Charts.ColumnChartBuilder, ColumnChartBuilderApi>,
  Satisfies<GoogleAppsScript.Charts.DataTableBuilder, DataTableBuilderApi>,
  Satisfies<GoogleAppsScript.Script.ClockTriggerBuilder, ClockTriggerBuilderApi>,
  Satisfies<GoogleAppsScript.HTML.HtmlOutput, HtmlOutputApi>,
];
