import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifestFor } from '../../build.mjs';
import { itemsOf } from '../../src/domain/rubric';
import type { AppsScriptGlobals } from '../../src/gas/api';
import { queueMail } from '../../src/sheets/outbox';
import { writeSetting } from '../../src/sheets/settings-sheet';
import { gasActPorts, gasContext } from '../fakes/context';
import { type FakeGoogle, fakeGoogle } from '../fakes/google';
import { ADDON_MENU } from '../fakes/spreadsheet';
import { rubric } from '../sheets/workbook-helpers';
import { type Bundle, buildBundle, loadBundle } from './bundle';

/**
 * The Editor add-on (build/addon/) is the bound script's code with one constant changed: its menu goes
 * under Extensions (createAddonMenu), onInstall builds it, and onOpen(e) reads nothing in AuthMode.NONE
 * (an add-on not yet used in the document), where Apps Script refuses every service needing consent.
 */

let bound: { dir: string; code: string; globals: string[] };
let addon: { dir: string; code: string; globals: string[] };
beforeAll(async () => {
  [bound, addon] = await Promise.all([buildBundle('bound'), buildBundle('addon')]);
});

/**
 * The globals as AuthMode.NONE leaves them: any use of a service throws, as Apps Script does for one
 * that needs authorisation, except the two an add-on's onOpen may use (SpreadsheetApp.getUi and
 * ScriptApp.AuthMode). `touched` records every refused use.
 */
function authModeNone(google: FakeGoogle) {
  const touched: string[] = [];
  const allowed: Record<string, string[]> = {
    SpreadsheetApp: ['getUi'],
    ScriptApp: ['AuthMode'],
  };
  const locked = Object.fromEntries(
    Object.entries(google.globals).map(([name, service]) => [
      name,
      new Proxy(service as object, {
        get(target, key) {
          if (!allowed[name]?.includes(String(key))) {
            touched.push(`${name}.${String(key)}`);
            throw new Error(
              `Exception: ${name}.${String(key)} needs authorisation (AuthMode.NONE)`,
            );
          }
          const value = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    ]),
  ) as unknown as AppsScriptGlobals;
  return { locked, touched };
}

/** The captions and handlers of the menus the fake UI shows. */
function menus(google: FakeGoogle) {
  return google.SpreadsheetApp.ui.menus.map((menu) => ({
    caption: menu.caption,
    items: menu.items.map((item) => (item ? [item.caption, item.functionName] : '—')),
  }));
}

/** A spreadsheet set up through the bound script, the settings in `language`. */
function setUpBook(language: 'Tiếng Việt' | 'English' = 'Tiếng Việt') {
  const google = fakeGoogle();
  const script = loadBundle(bound.code, google.globals);
  google.SpreadsheetApp.ui.answers.unshift(rubric.id);
  script.xhhtSetUp?.();
  writeSetting(gasContext(google).workbook, 'language', language);
  return google;
}

describe('build/addon as Apps Script loads it (an Editor add-on)', () => {
  it('has the same globals as the bound script, custom formulas included, and adds onInstall', () => {
    expect(addon.globals).toEqual(bound.globals);
    expect(addon.globals).toEqual(expect.arrayContaining(['onOpen', 'onInstall', 'XHHT_TONG']));
    expect(addon.code).toContain('createAddonMenu');
    expect(addon.code).not.toBe(bound.code);
    for (const name of ['XHHT_TONG', 'XHHT_XEPLOAI', 'XHHT_MUCDO', 'XHHT_LOI']) {
      expect(addon.code).toMatch(new RegExp(`@customfunction\\n \\*/\\nfunction ${name}\\(`));
    }
    expect(readFileSync(join(addon.dir, 'Sidebar.html'), 'utf8')).toBe(
      readFileSync(join(bound.dir, 'Sidebar.html'), 'utf8'),
    );
  });

  it('ships a manifest without the Workspace add-ons section, otherwise the bound script’s', () => {
    const manifest = JSON.parse(readFileSync(join(addon.dir, 'appsscript.json'), 'utf8'));
    expect(manifest).not.toHaveProperty('addOns');
    expect(manifest).toEqual(manifestFor('addon'));
    const { addOns: _workspace, ...rest } = manifestFor('bound') as { addOns?: unknown };
    expect(manifest).toEqual(rest);
    expect(manifest.timeZone).toBe('Asia/Ho_Chi_Minh');
  });

  it('in AuthMode.NONE adds the same menu under Extensions and reads nothing', () => {
    const google = setUpBook('English');
    const { locked, touched } = authModeNone(google);
    const bundle = loadBundle(addon.code, locked);
    google.io.reset();
    bundle.onOpen?.({ authMode: 'NONE' });
    expect(touched).toEqual([]);
    expect(google.io.reads + google.io.writes).toBe(0);
    // The same items as the bound script's menu (in Vietnamese: the language setting is not read).
    const reference = fakeGoogle();
    loadBundle(bound.code, reference.globals).onOpen?.({ authMode: 'LIMITED' });
    const [menu] = menus(google);
    expect(menu?.caption).toBe(ADDON_MENU);
    expect(menu?.items).toEqual(menus(reference)[0]?.items);
    expect(menu?.items[0]).toEqual(['Khởi tạo bảng tính', 'xhhtSetUp']);
    for (const item of menu?.items ?? []) {
      if (item !== '—') expect(typeof bundle[item[1] as string]).toBe('function');
    }
  });

  it('fails in AuthMode.NONE if onOpen read the settings (the guard of the test above holds)', () => {
    const google = setUpBook();
    const { locked, touched } = authModeNone(google);
    const bundle = loadBundle(addon.code, locked);
    // Without the event, onOpen reads the language: the locked services refuse it.
    expect(() => bundle.onOpen?.({})).toThrow(/needs authorisation/);
    expect(touched[0]).toBe('SpreadsheetApp.getActiveSpreadsheet');
  });

  it('in AuthMode.LIMITED reads the language of the bound document, as the bound script does', () => {
    const google = setUpBook('English');
    const bundle = loadBundle(addon.code, google.globals);
    bundle.onOpen?.({ authMode: 'LIMITED' });
    const reference = setUpBook('English');
    loadBundle(bound.code, reference.globals).onOpen?.({ authMode: 'LIMITED' });
    const [menu] = menus(google);
    const [boundMenu] = menus(reference);
    expect(boundMenu?.caption).toBe('XHHT');
    expect(menu?.caption).toBe(ADDON_MENU);
    expect(menu?.items).toEqual(boundMenu?.items);
    expect(menu?.items[0]).toEqual(['Set up the spreadsheet', 'xhhtSetUp']);
  });

  it('onInstall (AuthMode.FULL) builds the add-on menu', () => {
    const google = setUpBook();
    const bundle = loadBundle(addon.code, google.globals);
    bundle.onInstall?.({ authMode: 'FULL' });
    expect(menus(google).map((menu) => menu.caption)).toEqual([ADDON_MENU]);
    expect(menus(google)[0]?.items.length).toBeGreaterThan(10);
  });
});

describe('the add-on’s custom formulas', () => {
  let google: FakeGoogle;
  let bundle: Bundle;
  let script: Bundle;
  beforeAll(() => {
    google = setUpBook();
    writeSetting(gasContext(google).workbook, 'defaultRubricId', rubric.id);
    bundle = loadBundle(addon.code, google.globals);
    script = loadBundle(bound.code, google.globals);
  });

  it('score as the bound script’s do', () => {
    const items = itemsOf(rubric).length;
    const rows = [Array(items).fill(1), Array(items).fill(''), Array(items).fill(2)];
    expect(bundle.XHHT_TONG?.(rows)).toEqual([[items], [''], [2 * items]]);
    expect(bundle.XHHT_TONG?.(rows)).toEqual(script.XHHT_TONG?.(rows));
    expect(bundle.XHHT_XEPLOAI?.([[85], [84.5]])).toEqual([['Tốt'], ['Khá']]);
    expect(bundle.XHHT_XEPLOAI?.(50, 'TT22_2020_DVHT')).toBe('Trung bình');
    const typed = [['năm', ...Array(items - 1).fill(1)]];
    const problems = bundle.XHHT_LOI?.(typed);
    expect(String(problems)).toMatch(/«năm» không phải là số/);
    expect(problems).toEqual(script.XHHT_LOI?.(typed));
    expect(() => bundle.XHHT_XEPLOAI?.(50, 'TT99')).toThrow('Không có bộ tiêu chí «TT99»');
    // A levels title, judged on a given day (no clock read): the same answer as the bound script's.
    const outcome = (formulas: Bundle) => {
      try {
        return formulas.XHHT_MUCDO?.(
          [['Đạt', 'Đạt']],
          'TT25_2023_CDHT_XA',
          '',
          new Date(2026, 0, 5),
        );
      } catch (error) {
        return `throws: ${(error as Error).message}`;
      }
    };
    expect(String(outcome(bundle))).not.toBe('');
    expect(outcome(bundle)).toEqual(outcome(script));
  });
});

describe('the add-on’s automatic mail', () => {
  const ADMINS = ['quan.tri@example.org', 'quan.tri2@example.org'] as const;

  it('runs on one hourly trigger of one account; another account’s run exits at once', () => {
    const google = setUpBook();
    google.spreadsheet.sheet('Người dùng').type(2, 1, [
      [ADMINS[0], 'quản trị', ''],
      [ADMINS[1], 'quản trị', ''],
    ]);
    const bundle = loadBundle(addon.code, google.globals);
    // The owner confirms «Người dùng»: the administrators may then write the protected settings.
    google.SpreadsheetApp.ui.answers.push('đồng ý');
    bundle.xhhtConfirmPeople?.();
    const as = (who: string, handler: string) => {
      google.Session.email = who;
      google.Session.effective = who;
      bundle[handler]?.();
      return google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
    };
    as(ADMINS[0], 'xhhtInstallMailTriggers');
    expect(as(ADMINS[1], 'xhhtInstallMailTriggers')).toMatch(
      new RegExp(`^Gửi thư tự động đang bật từ tài khoản ${ADMINS[0]}\\.`),
    );
    expect(google.ScriptApp.triggers.map((t) => [t.owner, t.handler, t.schedule.join()])).toEqual([
      [ADMINS[0], 'xhhtHourlyMail', 'every 1 hours'],
    ]);
    queueMail(gasActPorts(google), [{ key: 'm1', to: [ADMINS[0]], subject: 'm1', text: 'x' }]);
    google.io.reset();
    as(ADMINS[1], 'xhhtHourlyMail');
    expect(google.io.reads).toBe(0);
    expect(google.MailApp.sent).toHaveLength(0);
    // The owner's run sends the outbox (and does the daily work too, when its hour has come).
    as(ADMINS[0], 'xhhtHourlyMail');
    expect(google.MailApp.sent.map((mail) => mail.subject)).toContain('m1');
  });
});
