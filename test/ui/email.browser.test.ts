import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSummary } from '../../src/sheets/summary-report';
import { HUYEN, workflowBook, XA } from '../sheets/workflow-helpers';
import { chromiumPath, launch } from './browser';

const CHROMIUM = chromiumPath();
/** `XHHT_UPDATE_DOCS=1 npx vitest run test/ui/email.browser.test.ts` refreshes the guide's picture. */
const DOCS_IMAGE = join(__dirname, '../../docs/images/email-bao-cao-tong-hop.png');

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

      // As the committee sees it (and as the user guide shows it).
      await show(composeSummary(ports).mail.html);
      expect(await page.locator('h3').allTextContents()).toEqual([
        'Đơn vị học tập (TT22_2020_DVHT)',
      ]);
      expect(await page.locator('td').allTextContents()).toContain('Chờ tỉnh quyết định');
      const png = await page.screenshot({ fullPage: true });
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      if (process.env.XHHT_UPDATE_DOCS === '1') {
        mkdirSync(join(DOCS_IMAGE, '..'), { recursive: true });
        writeFileSync(DOCS_IMAGE, png);
      }

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
  },
);
