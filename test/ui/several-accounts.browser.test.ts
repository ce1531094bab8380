import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launch, serveHtml, stubScriptRun } from './browser';
import { docsImage } from './docs-images';

const CHROMIUM = chromiumPath();
const PAGE = join(__dirname, '../../src/gas/html/Sidebar.html');
const GOOGLE_SAYS =
  "We're sorry, a server error occurred while reading from storage. Error code PERMISSION_DENIED.";

/** Issue 13: signed into several Google accounts, the officer reads what to do, not Google's code. */
describe.skipIf(!CHROMIUM)(
  'the sidebar refused by Google (needs the Debian package chromium)',
  () => {
    let browser: Browser;
    let served: { url: string; server: Server };

    beforeAll(async () => {
      browser = await launch(CHROMIUM as string);
      served = await serveHtml(PAGE);
    });

    afterAll(async () => {
      await browser?.close();
      served?.server.close();
    });

    it('says to keep one account or use a private window when the first call is PERMISSION_DENIED', async () => {
      const page: Page = await browser.newPage();
      await stubScriptRun(page, {
        xhhtSidebarData: () => {
          throw new Error(GOOGLE_SAYS);
        },
      });
      await page.goto(served.url);
      await expect.poll(() => page.textContent('#notice')).toContain('nhiều tài khoản Google');
      const notice = (await page.textContent('#notice')) ?? '';
      expect(notice).toContain('cửa sổ ẩn danh');
      expect(notice).not.toContain('PERMISSION_DENIED');
      await page.setViewportSize({ width: 300, height: 400 });
      docsImage('thanh-ben-nhieu-tai-khoan.png', await page.screenshot());
      await page.close();
    });

    it('passes any other failure through as the script said it', async () => {
      const page: Page = await browser.newPage();
      await stubScriptRun(page, {
        xhhtSidebarData: () => {
          throw new Error('Hãy chọn một dòng đơn vị.');
        },
      });
      await page.goto(served.url);
      await expect.poll(() => page.textContent('#notice')).toBe('Hãy chọn một dòng đơn vị.');
      await page.close();
    });
  },
);
