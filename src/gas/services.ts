import { CHART_CONTENT_ID, type ChartSpec } from '../domain/chart';
import type { MailMessage, MenuItem, Schedule, TriggersPort } from '../sheets/ports';
import {
  BusyError,
  type ClockPort,
  type HasherPort,
  type IdentityPort,
  type LockPort,
  type MailerPort,
  type StorePort,
  type UiPort,
  type WorkbookPort,
} from '../sheets/ports';
import type {
  ChartsApi,
  HtmlServiceApi,
  LockServiceApi,
  MailAppApi,
  PropertiesServiceApi,
  ScriptAppApi,
  SessionApi,
  SpreadsheetAppApi,
  UtilitiesApi,
} from './api';

/** One adapter per Apps Script service behind the ports other than the workbook. */

const LOCK_WAIT_MS = 20_000;

export class GasUi implements UiPort {
  /** `addon`: the menu goes under Extensions (createAddonMenu), as an Editor add-on's must. */
  constructor(
    private readonly app: SpreadsheetAppApi,
    private readonly html: HtmlServiceApi,
    private readonly charts: GasCharts,
    private readonly addon = false,
  ) {}

  alert(title: string, message: string): void {
    const ui = this.app.getUi();
    ui.alert(title, message, ui.ButtonSet.OK);
  }

  prompt(title: string, message: string): string | null {
    const ui = this.app.getUi();
    const response = ui.prompt(title, message, ui.ButtonSet.OK_CANCEL);
    return response.getSelectedButton() === ui.Button.OK ? response.getResponseText() : null;
  }

  addMenu(title: string, items: readonly (MenuItem | null)[]): void {
    const ui = this.app.getUi();
    const menu = this.addon ? ui.createAddonMenu() : ui.createMenu(title);
    for (const item of items) {
      if (item) menu.addItem(item.label, item.handler);
      else menu.addSeparator();
    }
    menu.addToUi();
  }

  showSidebar(file: string, title: string): void {
    this.app.getUi().showSidebar(this.html.createHtmlOutputFromFile(file).setTitle(title));
  }

  showDialog(title: string, html: string, chart?: ChartSpec): void {
    const page = this.html
      .createHtmlOutput(chart ? this.charts.inline(html, chart) : html)
      .setWidth(760)
      .setHeight(600);
    this.app.getUi().showModalDialog(page, title);
  }
}

export class GasLock implements LockPort {
  constructor(
    private readonly service: LockServiceApi,
    private readonly workbook: WorkbookPort,
  ) {}

  withLock<T>(work: () => T): T {
    const lock = this.service.getDocumentLock();
    if (!lock.tryLock(LOCK_WAIT_MS)) throw new BusyError();
    try {
      try {
        return work();
      } finally {
        // Pending writes must land before another run may read.
        this.workbook.flush();
      }
    } finally {
      lock.releaseLock();
    }
  }
}

export class GasIdentity implements IdentityPort {
  constructor(private readonly session: SessionApi) {}

  activeUserEmail(): string {
    return this.session.getActiveUser().getEmail().trim();
  }

  /** The account the script runs as: in a time trigger, the trigger's owner. */
  runnerEmail(): string {
    return this.session.getEffectiveUser().getEmail().trim();
  }

  readonly vouched = true;
}

export class GasStore implements StorePort {
  constructor(private readonly service: PropertiesServiceApi) {}

  get(key: string): string | null {
    return this.service.getDocumentProperties().getProperty(key);
  }

  getAll(): Readonly<Record<string, string>> {
    return this.service.getDocumentProperties().getProperties();
  }

  set(key: string, value: string): void {
    this.service.getDocumentProperties().setProperty(key, value);
  }

  setAll(values: Readonly<Record<string, string>>): void {
    this.service.getDocumentProperties().setProperties({ ...values });
  }
}

/** Chart descriptions drawn by the Charts service: a PNG blob for mail, a data URL for a dialog. */
export class GasCharts {
  constructor(
    private readonly charts: ChartsApi,
    private readonly utilities: UtilitiesApi,
  ) {}

  png(spec: ChartSpec): GoogleAppsScript.Base.Blob {
    const { charts } = this;
    let table = charts.newDataTable().addColumn(charts.ColumnType.STRING, '');
    for (const series of spec.series) {
      table = table.addColumn(charts.ColumnType.NUMBER, series.name);
    }
    spec.categories.forEach((category, i) => {
      table = table.addRow([category, ...spec.series.map((series) => series.values[i] ?? 0)]);
    });
    let chart = charts
      .newColumnChart()
      .setDataTable(table)
      .setTitle(spec.title)
      .setDimensions(spec.width, spec.height)
      .setColors(spec.series.map((series) => series.color));
    if (spec.stacked) chart = chart.setStacked();
    return chart.build().getAs('image/png').setName(`${CHART_CONTENT_ID}.png`);
  }

  /** `html` with its `cid:` chart reference replaced by the drawn image itself. */
  inline(html: string, spec: ChartSpec): string {
    const data = this.utilities.base64Encode(this.png(spec).getBytes());
    return html.replace(`cid:${CHART_CONTENT_ID}`, `data:image/png;base64,${data}`);
  }
}

export class GasMailer implements MailerPort {
  constructor(
    private readonly mail: MailAppApi,
    private readonly charts: GasCharts,
  ) {}

  remainingDailyQuota(): number {
    return this.mail.getRemainingDailyQuota();
  }

  send(message: MailMessage): void {
    this.mail.sendEmail({
      to: message.to.join(','),
      subject: message.subject,
      body: message.textBody,
      ...(message.htmlBody === undefined ? {} : { htmlBody: message.htmlBody }),
      ...(message.chart
        ? { inlineImages: { [CHART_CONTENT_ID]: this.charts.png(message.chart) } }
        : {}),
    });
  }
}

/** Each byte's two hex digits. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export class GasHasher implements HasherPort {
  constructor(private readonly utilities: UtilitiesApi) {}

  sha256Hex(text: string): string {
    const { DigestAlgorithm, Charset } = this.utilities;
    // Apps Script gives signed bytes (-128..127).
    const bytes = this.utilities.computeDigest(DigestAlgorithm.SHA_256, text, Charset.UTF_8);
    let hex = '';
    for (const byte of bytes) hex += HEX[byte & 0xff];
    return hex;
  }
}

export const systemClock: ClockPort = { now: () => new Date() };

/** Installable time triggers, through ScriptApp (they run as the person who installed them). */
export class GasTriggers implements TriggersPort {
  constructor(private readonly script: ScriptAppApi) {}

  handlers(): string[] {
    return this.script.getProjectTriggers().map((trigger) => trigger.getHandlerFunction());
  }

  install(handler: string, schedule: Schedule): void {
    const clock = this.script.newTrigger(handler).timeBased();
    if (schedule.every === 'minutes') {
      clock.everyMinutes(schedule.minutes).create();
      return;
    }
    if (schedule.every === 'hours') {
      clock.everyHours(schedule.hours).create();
      return;
    }
    if (schedule.every === 'day') {
      clock.everyDays(1).atHour(schedule.hour).create();
      return;
    }
    const days = [
      this.script.WeekDay.SUNDAY,
      this.script.WeekDay.MONDAY,
      this.script.WeekDay.TUESDAY,
      this.script.WeekDay.WEDNESDAY,
      this.script.WeekDay.THURSDAY,
      this.script.WeekDay.FRIDAY,
      this.script.WeekDay.SATURDAY,
    ];
    const day = days[schedule.weekday] ?? this.script.WeekDay.MONDAY;
    clock.everyWeeks(1).onWeekDay(day).atHour(schedule.hour).create();
  }

  remove(handlers: readonly string[]): number {
    let removed = 0;
    for (const trigger of this.script.getProjectTriggers()) {
      if (!handlers.includes(trigger.getHandlerFunction())) continue;
      this.script.deleteTrigger(trigger);
      removed += 1;
    }
    return removed;
  }
}
