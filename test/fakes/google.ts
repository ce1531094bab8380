import type { AppsScriptGlobals } from '../../src/gas/api';
import {
  FakeCharts,
  FakeHtmlService,
  FakeLockService,
  FakeMailApp,
  FakePropertiesService,
  FakeScriptApp,
  FakeSession,
  FakeUtilities,
} from './services';
import { FakeSpreadsheetApp } from './spreadsheet';

export const OWNER = 'so.gddt@example.org';

/** A fresh set of fake Apps Script globals around one spreadsheet, acting as `user`. */
export function fakeGoogle(user = OWNER) {
  const Session = new FakeSession();
  Session.email = user;
  const SpreadsheetApp = new FakeSpreadsheetApp(() => Session.email, OWNER);
  const globals = {
    SpreadsheetApp,
    LockService: new FakeLockService(),
    Session,
    PropertiesService: new FakePropertiesService(),
    MailApp: new FakeMailApp(),
    Charts: new FakeCharts(),
    Utilities: new FakeUtilities(),
    HtmlService: new FakeHtmlService(),
    ScriptApp: new FakeScriptApp(() => Session.email),
  } satisfies AppsScriptGlobals;
  // One counter for every priced call (test/fakes/latency.ts).
  const io = SpreadsheetApp.spreadsheet.io;
  globals.PropertiesService.document.io = io;
  globals.LockService.io = io;
  globals.MailApp.io = io;
  globals.MailApp.locks = globals.LockService;
  return {
    ...globals,
    globals,
    spreadsheet: SpreadsheetApp.spreadsheet,
    io,
  };
}

export type FakeGoogle = ReturnType<typeof fakeGoogle>;
