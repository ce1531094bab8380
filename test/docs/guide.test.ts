import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inLanguage } from '../../src/domain/i18n';
import { RETIRED_SETTINGS, SETTING_SPECS } from '../../src/domain/settings';
import { MAIL_OWNER_ROW } from '../../src/sheets/mail-owner';
import { MENU_TITLE, menuItems } from '../../src/sheets/menu';

/**
 * The officers' guide names menu items and settings keys as the product has them: a label or a key
 * the code does not have is a guide describing another product, and an item or key the code has but
 * no guide file names is a feature no officer can find. The labels are read from the menu's own
 * definition (in Vietnamese, the guide's language), the keys from SETTING_SPECS. The guide is an
 * index and four files, one per reader; the checks run over all of them together.
 */

const docs = (file: string) => new URL(`../../docs/${file}`, import.meta.url);
/** The index, then the quick start, the reviewers' guide, the administrator's guide, the appendix. */
const INDEX = 'HUONG-DAN-SU-DUNG.md';
const PARTS = [
  'BAT-DAU-NHANH.md',
  'HUONG-DAN-THAM-DINH.md',
  'HUONG-DAN-QUAN-TRI.md',
  'PHU-LUC-NGOAI-TUYEN.md',
];
const files = [INDEX, ...PARTS].map((file) => ({ file, text: readFileSync(docs(file), 'utf8') }));
const guide = files.map(({ text }) => text).join('\n');
const labels = inLanguage('vi', () => menuItems().flatMap((item) => (item ? [item.label] : [])));
const keys = SETTING_SPECS.map((spec) => spec.key as string);
const retired = Object.keys(RETIRED_SETTINGS);
/** Rows of the settings sheet that XHHT writes for information, not settings (SETTING_SPECS skips them). */
const informationRows = [MAIL_OWNER_ROW];

/** What follows each «XHHT → » in the guide, to the end of its line. */
function menuPaths(text: string): string[] {
  const marker = `${MENU_TITLE} → `;
  const found: string[] = [];
  for (const line of text.split('\n')) {
    let at = line.indexOf(marker);
    while (at !== -1) {
      found.push(line.slice(at + marker.length));
      at = line.indexOf(marker, at + marker.length);
    }
  }
  return found;
}

/** The menu label a path starts with (the longest, as a whole label), or undefined. */
function labelAtStart(path: string): string | undefined {
  return labels
    .filter((label) => path.startsWith(label) && !/[\p{L}\p{N}]/u.test(path.charAt(label.length)))
    .sort((a, b) => b.length - a.length)[0];
}

/** The first cells of a markdown table whose header's first cell is `heading`. */
function firstColumn(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const cells: string[] = [];
  lines.forEach((line, index) => {
    if (line.split('|')[1]?.trim() !== heading) return;
    for (const row of lines.slice(index + 2)) {
      if (!row.startsWith('|')) break;
      cells.push((row.split('|')[1] ?? '').trim());
    }
  });
  return cells;
}

describe('the officers’ guide (docs/HUONG-DAN-SU-DUNG.md and the four files it points at)', () => {
  it('reads the menu from the code (the test itself would pass on an empty menu otherwise)', () => {
    expect(labels.length).toBeGreaterThan(10);
    expect(labels).toContain('Chấm điểm tất cả');
    expect(labelAtStart('Chấm điểm tất cả để chấm lại')).toBe('Chấm điểm tất cả');
    expect(labelAtStart('Chấm điểm tất cảx')).toBeUndefined();
    expect(labelAtStart('Chấm điểm')).toBeUndefined();
  });

  it('names only menu items the menu has, in every «XHHT → …» path', () => {
    const paths = menuPaths(guide);
    expect(paths.length).toBeGreaterThan(10);
    const unknown = paths.filter((path) => labelAtStart(path) === undefined);
    expect(unknown).toEqual([]);
  });

  it('lists only menu items the menu has in its table of steps («Mục menu»)', () => {
    const rows = firstColumn(guide, 'Mục menu');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.filter((row) => !labels.includes(row))).toEqual([]);
  });

  it('mentions every menu item the menu has (in a path, the table of steps or in bold)', () => {
    const named = new Set(
      [...menuPaths(guide).map(labelAtStart), ...firstColumn(guide, 'Mục menu')].filter(Boolean),
    );
    const missing = labels.filter((label) => !named.has(label) && !guide.includes(`**${label}**`));
    expect(missing).toEqual([]);
  });

  it('names only settings keys the settings have, and describes each of them', () => {
    const table = firstColumn(guide, 'Mã (không sửa)').map((cell) => cell.replace(/`/g, ''));
    expect(table.length).toBeGreaterThan(5);
    expect(table.filter((key) => !keys.includes(key) && !informationRows.includes(key))).toEqual(
      [],
    );
    expect(keys.filter((key) => !table.includes(key))).toEqual([]);
    // A key written elsewhere in backquotes (camelCase, as the keys are) is a key the code knows,
    // one it retired and set-up migrates, or an information row it writes.
    const mentioned = [...guide.matchAll(/`([a-z]+[A-Z][A-Za-z]*)`/g)].map(
      (match) => match[1] ?? '',
    );
    expect(mentioned.length).toBeGreaterThan(0);
    const known = [...keys, ...retired, ...informationRows];
    expect(mentioned.filter((key) => !known.includes(key))).toEqual([]);
  });

  it('is an index pointing at four files, each naming its reader, and the README links all four', () => {
    const index = files[0]?.text ?? '';
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const part of PARTS) {
      expect(index).toContain(`](${part})`);
      expect(readme).toContain(`](docs/${part})`);
    }
    for (const { file, text } of files.slice(1)) {
      // The line under the title says who the file is for.
      const reader = text.split('\n').find((line) => line.startsWith('**Dành cho:**'));
      expect(reader, file).toBeDefined();
    }
    // The index stays short: the guide itself is in the four files.
    expect(index.split(/\s+/).length).toBeLessThan(1000);
  });

  it('shows only pictures a browser test takes of the product’s own HTML', () => {
    const linked = files.flatMap(({ file, text }) =>
      [...text.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => ({
        file,
        path: match[1] ?? '',
      })),
    );
    expect(linked.length).toBeGreaterThanOrEqual(4);
    // Every picture is under docs/images/ and exists.
    expect(linked.filter(({ path }) => !/^images\/[a-z0-9-]+\.png$/.test(path))).toEqual([]);
    expect(linked.filter(({ path }) => !existsSync(docs(path)))).toEqual([]);
    // A test in test/ui writes it: docsImage('name.png', a screenshot taken in Chromium).
    const uiTests = new URL('../ui/', import.meta.url);
    const produced = readdirSync(uiTests)
      .filter((file) => file.endsWith('.browser.test.ts'))
      .flatMap((file) =>
        [...readFileSync(new URL(file, uiTests), 'utf8').matchAll(/docsImage\(\s*'([^']+)'/g)].map(
          (match) => `images/${match[1]}`,
        ),
      );
    expect(produced.length).toBeGreaterThanOrEqual(4);
    expect(linked.filter(({ path }) => !produced.includes(path))).toEqual([]);
    // And docs/images/ holds nothing else: a picture no test produces, or none links, is gone.
    const stored = readdirSync(docs('images')).map((file) => `images/${file}`);
    expect(stored.filter((path) => !produced.includes(path))).toEqual([]);
    expect(stored.filter((path) => !linked.some((link) => link.path === path))).toEqual([]);
  });
});
