import { GasCharts, GasLock, GasMailer, GasUi } from '../../src/gas/services';
import { GasWorkbook } from '../../src/gas/workbook';
import type { Context } from '../../src/sheets/ports';
import type { FakeGoogle } from './google';

export const NOW = new Date(Date.UTC(2026, 10, 23, 3, 0, 0));

/** The use cases' context as the Apps Script entry builds it, over fake Google services. */
export function gasContext(google: FakeGoogle, now: Date = NOW): Context {
  const workbook = new GasWorkbook(google.SpreadsheetApp);
  return {
    workbook,
    ui: new GasUi(google.SpreadsheetApp, google.HtmlService, gasCharts(google)),
    clock: { now: () => now },
    lock: new GasLock(google.LockService, workbook),
  };
}

export function gasCharts(google: FakeGoogle): GasCharts {
  return new GasCharts(google.Charts, google.Utilities);
}

/** The mailer as the Apps Script entry builds it, over the fake MailApp and Charts. */
export function gasMailer(google: FakeGoogle): GasMailer {
  return new GasMailer(google.MailApp, gasCharts(google));
}
