import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The pictures of the officers' guide are screenshots that the browser tests take of the product's
 * own HTML (the sidebar, the summary preview, the summary mail), so a picture cannot show a product
 * that no longer exists. `XHHT_UPDATE_DOCS=1 npx vitest run test/ui` writes them into docs/images/;
 * test/docs/guide.test.ts checks that every picture the guide links is named here by a test, as
 * `docsImage('name.png', …)` with the name written literally.
 */

export const DOCS_IMAGES = join(__dirname, '../../docs/images');

/** Checks the screenshot is a PNG, and writes it under docs/images/ when asked to refresh the guide. */
export function docsImage(name: string, png: Buffer): void {
  if (png.subarray(1, 4).toString() !== 'PNG') throw new Error(`${name}: not a PNG screenshot`);
  if (process.env.XHHT_UPDATE_DOCS !== '1') return;
  mkdirSync(DOCS_IMAGES, { recursive: true });
  writeFileSync(join(DOCS_IMAGES, name), png);
}
