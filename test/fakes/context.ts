import {
  GasCharts,
  GasHasher,
  GasIdentity,
  GasLock,
  GasMailer,
  GasStore,
  GasUi,
} from '../../src/gas/services';
import { GasWorkbook } from '../../src/gas/workbook';
import type { ActPorts } from '../../src/sheets/act';
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

/**
 * The ports of an approval step as the Apps Script entry builds them: `ctx` (by default at `now`) with
 * the document properties, the hasher and the signed-in user of the fakes.
 */
export function gasActPorts(google: FakeGoogle, ctx: Context = gasContext(google)): ActPorts {
  return {
    ...ctx,
    store: new GasStore(google.PropertiesService),
    hasher: new GasHasher(google.Utilities),
    identity: new GasIdentity(google.Session),
  };
}
