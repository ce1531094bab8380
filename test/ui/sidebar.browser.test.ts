import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SidebarRequest,
  sidebarActAction,
  sidebarDataAction,
  sidebarMineAction,
  sidebarOpenAction,
} from '../../src/sheets/actions';
import { AUDIT_SHEET } from '../../src/sheets/audit-log';
import { SETTINGS_SHEET } from '../../src/sheets/layout';
import { columnValues, rubric, setDeadline } from '../sheets/workbook-helpers';
import { FULL, HUYEN, TINH, workflowBook, XA } from '../sheets/workflow-helpers';
import { chromiumPath, launch, serveHtml, stubScriptRun } from './browser';
import { docsImage } from './docs-images';

const CHROMIUM = chromiumPath();
const PAGE = join(__dirname, '../../src/gas/html/Sidebar.html');

describe.skipIf(!CHROMIUM)('the sidebar in Chromium (needs the Debian package chromium)', () => {
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

  /** The sidebar page over a workbook where DV0001 waits for the district, opened by `who`. */
  async function sidebarFor(
    who: string,
    setUp?: (book: ReturnType<typeof workflowBook>) => void,
    book = workflowBook(),
    submitted = true,
    /** «Việc của tôi» answers only once this settles, as a slow server call at a province's size. */
    mineAnswers: Promise<void> = Promise.resolve(),
  ) {
    book.as(XA, [[2, 1]], 'register');
    if (submitted) book.as(XA, [[2, 1]], 'submit');
    setUp?.(book);
    book.google.Session.email = who;
    // As wide as Google's sidebar (300 pixels), for the guide's pictures.
    const page: Page = await browser.newPage({ viewport: { width: 300, height: 700 } });
    await stubScriptRun(page, {
      xhhtSidebarData: () => sidebarDataAction(book.ports),
      xhhtSidebarMine: () => mineAnswers.then(() => sidebarMineAction(book.ports)),
      xhhtSidebarOpen: (sheet, row) => sidebarOpenAction(book.ports, sheet, row),
      xhhtSidebarAct: (request) => sidebarActAction(book.ports, request as SidebarRequest),
    });
    await page.goto(served.url);
    return { ...book, page };
  }

  it('shows the selected unit and the reviewer’s work, and returns it by keyboard with a comment kept as text', async () => {
    const { page, google, status } = await sidebarFor(HUYEN, ({ google }) =>
      google.spreadsheet.select(rubric.scoringSheet, [2, 1]),
    );
    await expect.poll(() => page.textContent('#status')).toBe('Chờ huyện thẩm định');
    expect(await page.textContent('#code')).toBe('DV0001 – Đơn vị 1 (mẫu) (Huyện 1)');
    expect(await page.locator('#mine li').allTextContents()).toEqual([
      `DV0001 – Đơn vị 1 (mẫu) · Chờ huyện thẩm định · ${rubric.scoringSheet}`,
    ]);
    expect(await page.locator('#actions button').allTextContents()).toEqual(['Duyệt', 'Trả lại']);
    // Both calls answered: «Đang xử lý…» is gone.
    await expect.poll(() => page.isHidden('#notice')).toBe(true);
    docsImage('thanh-ben-tham-dinh.png', await page.screenshot({ fullPage: true }));

    const comment = '<b>Thiếu</b> biên bản <img src=x onerror="window.pwned=1">';
    await page.focus('#comment');
    await page.keyboard.type(comment);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Trả lại');
    await page.keyboard.press('Enter');

    await expect
      .poll(() => page.textContent('#notice'))
      .toBe('Đã «Trả lại» 1 đơn vị:\n• DV0001 → Trả lại cho xã');
    expect(status()[0]).toBe('Trả lại cho xã');
    expect(await page.textContent('#status')).toBe('Trả lại cho xã');
    expect(await page.textContent('#last-comment')).toBe(comment);
    expect(await page.locator('#history li').last().textContent()).toContain(comment);
    expect(await page.locator('#history b, #history img, #last-comment b').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBe(
      undefined,
    );
    expect(await page.inputValue('#comment')).toBe('');
    expect(columnValues(google.spreadsheet.sheet(AUDIT_SHEET), 'Nhận xét').at(-1)).toBe(comment);
    // Back with the commune, nothing waits for the district any more.
    expect(await page.locator('#mine li').allTextContents()).toEqual([
      'Không có đơn vị nào đang chờ bạn.',
    ]);
    await page.close();
  });

  it('lets the officer act while «Việc của tôi» is still loading, without «Đang xử lý…» for it', async () => {
    let answer = () => {};
    const mineAnswers = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const { page, status } = await sidebarFor(
      HUYEN,
      ({ google }) => google.spreadsheet.select(rubric.scoringSheet, [2, 1]),
      workflowBook(),
      true,
      mineAnswers,
    );
    await expect.poll(() => page.textContent('#status')).toBe('Chờ huyện thẩm định');
    expect(await page.isHidden('#notice')).toBe(true);
    await page.fill('#comment', 'Thiếu biên bản');
    await page.click('#actions button:has-text("Trả lại")');
    await expect
      .poll(() => page.textContent('#notice'))
      .toBe('Đã «Trả lại» 1 đơn vị:\n• DV0001 → Trả lại cho xã');
    expect(status()[0]).toBe('Trả lại cho xã');
    answer();
    await expect
      .poll(() => page.locator('#mine li').allTextContents())
      .toEqual(['Không có đơn vị nào đang chờ bạn.']);
    await page.close();
  });

  it('opens a unit from «Việc của tôi» with the mouse, refuses a bad action with its reason, and recognises', async () => {
    const { page, google, sheet, status } = await sidebarFor(TINH, ({ as, google }) => {
      as(HUYEN, [[2, 1]], 'approve');
      // Assessing 2025 with a decision due by 31/03/2026: late on the test's day (23/11/2026).
      const settings = google.spreadsheet.sheet(SETTINGS_SHEET);
      const rowOf = (key: string) => settings.snapshot().findIndex((row) => row[0] === key) + 1;
      settings.type(rowOf('year'), 3, [[2025]]);
      setDeadline(google, 'decide', '31/03');
      google.spreadsheet.select(SETTINGS_SHEET, [2, 1]);
    });
    await expect
      .poll(() => page.textContent('#hint'))
      .toMatch(/^Chọn một dòng đơn vị trên trang chấm điểm/);
    expect(await page.isVisible('#unit')).toBe(false);

    expect(await page.textContent('#mine .late')).toBe(
      ' · Quá hạn quyết định (đến hết 31/03/2026)',
    );
    await page.click('#mine a');
    await expect.poll(() => page.textContent('#status')).toBe('Chờ tỉnh quyết định');
    expect(await page.textContent('#overdue')).toBe('Quá hạn quyết định (đến hết 31/03/2026)');
    expect(await page.isVisible('#overdue')).toBe(true);
    expect(google.SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getName()).toBe(
      rubric.scoringSheet,
    );
    expect(await page.locator('#actions button').allTextContents()).toEqual([
      'Công nhận',
      'Trả lại',
      'Không công nhận',
    ]);

    await page.click('button[data-action="return"]');
    await expect
      .poll(() => page.textContent('#notice'))
      .toBe('Không thực hiện được với 1 đơn vị:\n• DV0001: Trả lại cần có nhận xét.');
    expect(await page.getAttribute('#notice', 'class')).toBe('notice problem');
    expect(status()[0]).toBe('Chờ tỉnh quyết định');
    await page.fill('#decision-number', '125/QĐ-UBND');
    await page.fill('#decision-date', '20/03/2027');
    docsImage('thanh-ben-quyet-dinh.png', await page.screenshot({ fullPage: true }));

    await page.click('button[data-action="recognise"]');
    await expect.poll(() => page.textContent('#status')).toBe('Đã công nhận');
    expect(await page.getAttribute('#notice', 'class')).toBe('notice');
    expect(columnValues(sheet, 'Số quyết định')[0]).toBe('125/QĐ-UBND');
    // Register, submit, approve, the refused return (logged too), recognise.
    const history = await page.locator('#history li').allTextContents();
    expect(history.map((line) => line.split(' · ')[2]?.split(' → ')[0])).toEqual([
      'Đăng ký',
      'Gửi',
      'Duyệt',
      'Trả lại (bị từ chối)',
      'Công nhận',
    ]);
    expect(await page.isVisible('#overdue')).toBe(false);
    // Decided, the unit has one step left for its decider: a revocation, with its decision and reason.
    expect(await page.locator('#actions button').allTextContents()).toEqual([
      'Thu hồi / hủy công nhận',
    ]);
    expect(await page.isVisible('#decision-box')).toBe(true);
    expect(await page.isVisible('#comment-box')).toBe(true);
    await page.close();
  });

  it('shows the unit’s officer why a submission is refused, naming the cell to fix', async () => {
    // DV0001 has no score for item 3.3: the row is in error, so it cannot be sent.
    const incomplete = [...FULL.slice(0, 9), ''];
    const { page, status } = await sidebarFor(
      XA,
      ({ google }) => google.spreadsheet.select(rubric.scoringSheet, [2, 1]),
      workflowBook([incomplete, FULL, FULL]),
      false,
    );
    await expect.poll(() => page.textContent('#status')).toBe('Đang tự đánh giá');
    expect(await page.locator('#actions button').allTextContents()).toEqual(['Gửi']);
    await page.click('#actions button');
    await expect.poll(() => page.getAttribute('#notice', 'class')).toBe('notice problem');
    const notice = (await page.textContent('#notice')) ?? '';
    expect(notice).toMatch(/^Không thực hiện được với 1 đơn vị:/);
    expect(notice).toContain(`trang «${rubric.scoringSheet}»`);
    expect(notice).toContain('3.3');
    expect(status()[0]).toBe('Đang tự đánh giá');
    docsImage('thanh-ben-bi-tu-choi.png', await page.screenshot({ fullPage: true }));
    await page.close();
  });
});
