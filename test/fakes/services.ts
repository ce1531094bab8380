import { createHash } from 'node:crypto';
import type {
  ChartsApi,
  ClockTriggerBuilderApi,
  ColumnChartBuilderApi,
  DataTableBuilderApi,
  HtmlOutputApi,
  HtmlServiceApi,
  LockServiceApi,
  MailAppApi,
  PropertiesServiceApi,
  ScriptAppApi,
  SessionApi,
  TriggerApi,
  UtilitiesApi,
} from '../../src/gas/api';
import type { IoCounter } from './spreadsheet';

/** In-memory LockService, Session, PropertiesService and MailApp, typed against the real services. */

export class FakeLock implements GoogleAppsScript.Lock.Lock {
  private held = false;
  constructor(private readonly service: FakeLockService) {}
  hasLock(): boolean {
    return this.held;
  }
  tryLock(_timeoutInMillis: number): boolean {
    this.service.io?.charge('lock', 'tryLock');
    if (this.service.holder !== null) return false;
    this.service.holder = this;
    this.held = true;
    this.service.acquired += 1;
    return true;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis))
      throw new Error(
        'Exception: Lock timeout: another process was holding the lock for too long.',
      );
  }
  releaseLock(): void {
    if (this.held) this.service.holder = null;
    this.held = false;
  }
}

export class FakeLockService implements LockServiceApi {
  /** Where the latency model counts the calls (fakeGoogle shares the spreadsheet's counter). */
  io: IoCounter | undefined;
  holder: FakeLock | null = null;
  /** How many times the lock was held while a mail was being sent (must stay 0). */
  heldDuringSend = 0;
  acquired = 0;
  getDocumentLock(): FakeLock {
    return new FakeLock(this);
  }
  /** Test helper: another execution holds the document lock until released. */
  holdByAnotherRun(): FakeLock {
    const lock = new FakeLock(this);
    lock.tryLock(0);
    return lock;
  }
}

export class FakeSession implements SessionApi {
  email = '';
  /** The account the script runs as; in a trigger, its owner. Unset: the active user. */
  effective: string | undefined;
  getActiveUser(): GoogleAppsScript.Base.User {
    const email = this.email;
    return { getEmail: () => email, getUserLoginId: () => email } as GoogleAppsScript.Base.User;
  }
  getEffectiveUser(): GoogleAppsScript.Base.User {
    const email = this.effective ?? this.email;
    return { getEmail: () => email, getUserLoginId: () => email } as GoogleAppsScript.Base.User;
  }
}

export class FakeProperties implements GoogleAppsScript.Properties.Properties {
  readonly map = new Map<string, string>();
  io: IoCounter | undefined;
  deleteAllProperties() {
    this.map.clear();
    return this;
  }
  deleteProperty(key: string) {
    this.io?.charge('propWrite', 'deleteProperty');
    this.map.delete(key);
    return this;
  }
  getKeys(): string[] {
    return [...this.map.keys()];
  }
  getProperties(): Record<string, string> {
    this.io?.charge('propRead', 'getProperties');
    return Object.fromEntries(this.map);
  }
  getProperty(key: string): string | null {
    this.io?.charge('propRead', 'getProperty');
    return this.map.get(key) ?? null;
  }
  setProperties(properties: Record<string, string>, deleteAllOthers?: boolean) {
    this.io?.charge('propWrite', 'setProperties');
    if (deleteAllOthers) this.map.clear();
    for (const [key, value] of Object.entries(properties)) this.map.set(key, value);
    return this;
  }
  setProperty(key: string, value: string) {
    this.io?.charge('propWrite', 'setProperty');
    this.map.set(key, value);
    return this;
  }
}

export class FakePropertiesService implements PropertiesServiceApi {
  readonly document = new FakeProperties();
  getDocumentProperties(): FakeProperties {
    return this.document;
  }
}

export interface SentMail {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly htmlBody?: string;
  /** The inline images by content id: what the fake chart drew. */
  readonly inlineImages?: Record<string, FakeBlob>;
}

/** The part of a Blob the adapters touch. */
export class FakeBlob {
  constructor(
    readonly contentType: string,
    /** What was drawn: the fake chart's data table and options. */
    readonly drawn: unknown,
    public name = '',
  ) {}
  setName(name: string): FakeBlob {
    this.name = name;
    return this;
  }
  /** Stands in for the image's bytes: what was drawn, as JSON. */
  getBytes(): number[] {
    return [...Buffer.from(JSON.stringify(this.drawn))];
  }
}

class FakeDataTable implements DataTableBuilderApi {
  readonly columns: [string, string][] = [];
  readonly rows: unknown[][] = [];
  addColumn(type: GoogleAppsScript.Charts.ColumnType, label: string): FakeDataTable {
    this.columns.push([String(type), label]);
    return this;
  }
  addRow(values: unknown[]): FakeDataTable {
    if (values.length !== this.columns.length) throw new Error('fake: row width ≠ columns');
    this.rows.push(values);
    return this;
  }
}

class FakeColumnChart implements ColumnChartBuilderApi {
  readonly options: Record<string, unknown> = {};
  private table?: FakeDataTable;
  setDataTable(table: DataTableBuilderApi): FakeColumnChart {
    this.table = table as FakeDataTable;
    return this;
  }
  setTitle(title: string): FakeColumnChart {
    this.options.title = title;
    return this;
  }
  setDimensions(width: number, height: number): FakeColumnChart {
    this.options.size = [width, height];
    return this;
  }
  setColors(colors: string[]): FakeColumnChart {
    this.options.colors = colors;
    return this;
  }
  setStacked(): FakeColumnChart {
    this.options.stacked = true;
    return this;
  }
  build() {
    const table = this.table;
    if (!table) throw new Error('fake: a chart needs a data table');
    return {
      getAs: (contentType: string) =>
        new FakeBlob(contentType, {
          columns: table.columns,
          rows: table.rows,
          ...this.options,
        }) as unknown as GoogleAppsScript.Base.Blob,
    };
  }
}

/** The Charts service: records what it would draw. */
export class FakeCharts implements ChartsApi {
  readonly ColumnType = {
    STRING: 'STRING',
    NUMBER: 'NUMBER',
  } as unknown as typeof GoogleAppsScript.Charts.ColumnType;
  newDataTable(): FakeDataTable {
    return new FakeDataTable();
  }
  newColumnChart(): FakeColumnChart {
    return new FakeColumnChart();
  }
}

export class FakeMailApp implements MailAppApi {
  readonly sent: SentMail[] = [];
  io: IoCounter | undefined;
  /** The lock service, to record a send made while the document lock is held. */
  locks: FakeLockService | undefined;
  /** Test helper: the next sends throw this, as a MailApp failing half-way. */
  failWith: Error | undefined;
  constructor(public quota = 100) {}
  getRemainingDailyQuota(): number {
    this.io?.charge('meta', 'getRemainingDailyQuota');
    return this.quota;
  }
  sendEmail(...args: unknown[]): void {
    this.io?.charge('mail', 'sendEmail');
    if (this.locks?.holder) this.locks.heldDuringSend += 1;
    if (this.failWith) throw this.failWith;
    const message = args[0] as GoogleAppsScript.Mail.MailAdvancedParameters;
    if (args.length !== 1 || typeof message !== 'object')
      throw new Error('fake: only sendEmail(message) is modelled');
    const recipients = (message.to ?? '').split(',').filter((address) => address.trim() !== '');
    if (recipients.length > this.quota) {
      throw new Error('Exception: Service invoked too many times for one day: email.');
    }
    this.quota -= recipients.length;
    this.sent.push({
      to: message.to ?? '',
      subject: message.subject ?? '',
      body: message.body ?? '',
      ...(message.htmlBody === undefined ? {} : { htmlBody: message.htmlBody }),
      ...(message.inlineImages === undefined
        ? {}
        : { inlineImages: message.inlineImages as unknown as Record<string, FakeBlob> }),
    });
  }
}

/** Utilities.computeDigest as Apps Script answers it: signed bytes. */
export class FakeUtilities implements UtilitiesApi {
  readonly DigestAlgorithm = {
    SHA_256: 'SHA_256',
  } as unknown as typeof GoogleAppsScript.Utilities.DigestAlgorithm;
  readonly Charset = { UTF_8: 'UTF_8' } as unknown as typeof GoogleAppsScript.Utilities.Charset;
  base64Encode(data: number[]): string {
    return Buffer.from(data.map((byte) => byte & 0xff)).toString('base64');
  }
  computeDigest(
    algorithm: GoogleAppsScript.Utilities.DigestAlgorithm,
    value: string,
    charset: GoogleAppsScript.Utilities.Charset,
  ): number[] {
    if (String(algorithm) !== 'SHA_256' || String(charset) !== 'UTF_8') {
      throw new Error('fake: only SHA-256 of UTF-8 is modelled');
    }
    // The digest's bytes read as signed, without a copy per step (a bench hashes 100,000 log rows).
    const digest = createHash('sha256').update(value, 'utf8').digest();
    return Array.from(new Int8Array(digest.buffer, digest.byteOffset, digest.length));
  }
}

/** HtmlService as far as the sidebar uses it: an output that remembers its file and title. */
export class FakeHtmlService implements HtmlServiceApi {
  createHtmlOutputFromFile(filename: string): FakeHtmlOutput {
    return new FakeHtmlOutput(filename, '');
  }
  createHtmlOutput(html: string): FakeHtmlOutput {
    return new FakeHtmlOutput('', html);
  }
}

export class FakeHtmlOutput implements HtmlOutputApi {
  title = '';
  size: [number, number] = [0, 0];
  constructor(
    readonly file: string,
    readonly content: string,
  ) {}
  setTitle(title: string): FakeHtmlOutput {
    this.title = title;
    return this;
  }
  setWidth(width: number): FakeHtmlOutput {
    this.size = [width, this.size[1]];
    return this;
  }
  setHeight(height: number): FakeHtmlOutput {
    this.size = [this.size[0], height];
    return this;
  }
}

/** ScriptApp's time triggers: what was installed, with its schedule, as a list. */
/**
 * Installable triggers as Apps Script keeps them: each belongs to the account that created it, runs as
 * that account, and getProjectTriggers shows the current user's own only (so no account can delete
 * another's). `triggers` holds every account's, for tests.
 */
export class FakeScriptApp implements ScriptAppApi {
  constructor(private readonly user: () => string = () => '') {}

  readonly triggers: {
    handler: string;
    schedule: string[];
    owner: string;
    getHandlerFunction(): string;
  }[] = [];
  readonly WeekDay = {
    SUNDAY: 'SUNDAY',
    MONDAY: 'MONDAY',
    TUESDAY: 'TUESDAY',
    WEDNESDAY: 'WEDNESDAY',
    THURSDAY: 'THURSDAY',
    FRIDAY: 'FRIDAY',
    SATURDAY: 'SATURDAY',
  } as unknown as typeof GoogleAppsScript.Base.Weekday;
  readonly AuthMode = {
    NONE: 'NONE',
    CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
    LIMITED: 'LIMITED',
    FULL: 'FULL',
  } as unknown as typeof GoogleAppsScript.Script.AuthMode;

  newTrigger(handler: string) {
    const schedule: string[] = [];
    const step = (text: string) => {
      schedule.push(text);
      return builder;
    };
    const builder: ClockTriggerBuilderApi = {
      everyMinutes: (n) => step(`every ${n} minutes`),
      everyHours: (n) => step(`every ${n} hours`),
      everyDays: (n) => step(`every ${n} days`),
      everyWeeks: (n) => step(`every ${n} weeks`),
      onWeekDay: (day) => step(`on ${String(day)}`),
      atHour: (hour) => step(`at ${hour}h`),
      create: () => {
        const trigger = {
          handler,
          schedule,
          owner: this.user(),
          getHandlerFunction: () => handler,
        };
        this.triggers.push(trigger);
        return trigger;
      },
    };
    return { timeBased: () => builder };
  }
  getProjectTriggers() {
    return this.triggers.filter((trigger) => trigger.owner === this.user());
  }
  deleteTrigger(trigger: TriggerApi): void {
    const own = trigger as (typeof this.triggers)[number];
    if (own.owner !== this.user())
      throw new Error('Exception: You do not have permission to delete this trigger.');
    this.triggers.splice(this.triggers.indexOf(own), 1);
  }
}
