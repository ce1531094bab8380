import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartPng } from '../../src/node/chart-image';
import { EmlMailer } from '../../src/node/eml-mailer';
import { previewSummaryAction } from '../../src/sheets/actions';
import { SETTINGS_SHEET } from '../../src/sheets/layout';
import { sendOutbox } from '../../src/sheets/outbox';
import { composeSummary, queueSummary } from '../../src/sheets/summary-report';
import type { FakeHtmlOutput } from '../fakes/services';
import { HUYEN, workflowBook, XA } from '../sheets/workflow-helpers';
import { chromiumPath, launch } from './browser';
import { docsImage } from './docs-images';

const CHROMIUM = chromiumPath();

describe.skipIf(!CHROMIUM)(
  'the summary email in Chromium (needs the Debian package chromium)',
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launch(CHROMIUM as string);
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('renders its tables as text, with a hostile district name shown and not run', async () => {
      const { google, ports, as } = workflowBook();
      as(XA, [[2, 1]], 'register');
      as(XA, [[2, 1]], 'submit');
      as(HUYEN, [[2, 1]], 'approve');
      const page = await browser.newPage({ viewport: { width: 720, height: 600 } });
      const show = async (html: string) =>
        page.setContent(
          `<!doctype html><meta charset="utf-8"><body style="font-family:Arial,sans-serif">${html}</body>`,
        );

      // As the committee sees it (and as the user guide shows it): the .eml the outbox writes
      // offline, read back by a mail parser, which puts the inline chart where the HTML refers to it.
      const settings = google.spreadsheet.sheet(SETTINGS_SHEET);
      settings.type(settings.snapshot().findIndex((row) => row[0] === 'summaryTo') + 1, 3, [
        ['bcd@example.org'],
      ]);
      queueSummary(ports);
      const mailer = new EmlMailer();
      sendOutbox({ ...ports, mailer });
      const paths = await mailer.writeAll(mkdtempSync(join(tmpdir(), 'xhht-eml-')));
      const parsed = await simpleParser(readFileSync(paths.at(-1) as string));
      await show(String(parsed.html));
      expect(await page.locator('h3').allTextContents()).toEqual([
        'Đơn vị học tập (TT22_2020_DVHT)',
      ]);
      expect(await page.locator('td').allTextContents()).toContain('Chờ tỉnh quyết định');
      // The chart is decoded and drawn at its size.
      expect(
        await page.locator('img').evaluate((element) => {
          const img = element as unknown as {
            complete: boolean;
            naturalWidth: number;
            naturalHeight: number;
          };
          return [img.complete, img.naturalWidth, img.naturalHeight];
        }),
      ).toEqual([true, 640, 360]);
      docsImage('email-bao-cao-tong-hop.png', await page.screenshot({ fullPage: true }));

      // A district name typed with markup in it is shown as typed, and nothing runs.
      const hostile = '<script>window.pwned=1</script>Huyện 3';
      google.spreadsheet.sheet('Chấm điểm ĐVHT').type(4, 3, [[hostile]]);
      const { mail } = composeSummary(ports);
      expect(Buffer.byteLength(mail.html)).toBeLessThan(200 * 1024);
      await show(mail.html);
      expect(await page.locator('td').allTextContents()).toContain(hostile);
      expect(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBe(
        undefined,
      );
      await page.close();
    });

    it('shows the summary preview dialog as the administrator opens it, chart drawn', async () => {
      const { google, ports, as } = workflowBook();
      as(XA, [[2, 1]], 'register');
      as(XA, [[2, 1]], 'submit');
      as(HUYEN, [[2, 1]], 'approve');
      previewSummaryAction(ports);
      const dialog = google.SpreadsheetApp.ui.dialogs.at(-1);
      expect(dialog?.title).toMatch(/^\[XHHT\] /);
      const page = dialog?.page as FakeHtmlOutput;
      // The dialog carries the chart inline; Google's Charts draw it online, XHHT's drawer here.
      const chart = composeSummary(ports).mail.chart;
      expect(chart).toBeDefined();
      const drawn = `data:image/png;base64,${chartPng(chart as NonNullable<typeof chart>).toString('base64')}`;
      const html = page.content.replace(/data:image\/png;base64,[A-Za-z0-9+/=]+/, drawn);
      expect(html).toContain(drawn);
      const [width, height] = page.size;
      expect([width, height]).toEqual([760, 600]);
      const view = await browser.newPage({ viewport: { width, height } });
      await view.setContent(
        `<!doctype html><meta charset="utf-8"><body style="font-family:Arial,sans-serif">${html}</body>`,
      );
      expect(await view.locator('td').allTextContents()).toContain('Chờ tỉnh quyết định');
      expect(
        await view.locator('img').evaluate((element) => {
          const img = element as unknown as { complete: boolean; naturalWidth: number };
          return [img.complete, img.naturalWidth];
        }),
      ).toEqual([true, 640]);
      docsImage('xem-truoc-bao-cao.png', await view.screenshot());
      await view.close();
    });
  },
);
