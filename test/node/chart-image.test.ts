import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import type { ChartSeries, ChartSpec } from '../../src/domain/chart';
import { chartPng, chartSvg } from '../../src/node/chart-image';

const BLUE = '#1f77b4';
const GREEN = '#2ca02c';
const ORANGE = '#ff7f0e';
const RED = '#d62728';
const HOSTILE = '<b>&"x"';

function spec(overrides: Partial<ChartSpec> = {}): ChartSpec {
  return {
    title: 'Kết quả công nhận — tỉnh Bắc Ninh',
    categories: [
      'Cộng đồng học tập cấp xã (TT25)',
      'Đơn vị học tập (TT22)',
      'Gia đình học tập',
      HOSTILE,
    ],
    series: [
      { name: 'Xuất sắc', values: [12, 5, 30, 7], color: BLUE },
      { name: 'Tốt', values: [20, 15, 44, 3], color: GREEN },
      { name: 'Đạt', values: [8, 25, 10, 1], color: ORANGE },
      { name: 'Chưa đạt', values: [6, 9, 14, 5], color: RED },
    ],
    stacked: false,
    width: 800,
    height: 400,
    ...overrides,
  };
}

/** The text a person reads in the SVG: every <text> element's content, unescaped, lines joined. */
function svgText(svg: string): string {
  const parts = [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');
  const text = parts.join(' ').replace(/\s+/g, ' ');
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

/** Decodes a PNG by having resvg draw it 1:1 as the only image of an SVG. */
function decodePng(png: Uint8Array, width: number, height: number): Pixels {
  const href = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="${href}"/></svg>`;
  const image = new Resvg(svg).render();
  return { width: image.width, height: image.height, rgba: new Uint8Array(image.pixels) };
}

/** The positions [x, y] of the pixels within a few levels of the colour #rrggbb. */
function pixelsOf(image: Pixels, color: string, tolerance = 6): Array<[number, number]> {
  const want = [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16));
  const found: Array<[number, number]> = [];
  for (let p = 0; p < image.width * image.height; p++) {
    const near = want.every((v, c) => Math.abs((image.rgba[p * 4 + c] ?? -999) - v) <= tolerance);
    if (near && (image.rgba[p * 4 + 3] ?? 0) > 250)
      found.push([p % image.width, Math.floor(p / image.width)]);
  }
  return found;
}

/** The x columns where a colour is a bar: at least 20 pixels of it high (a legend icon is 14). */
function barColumns(image: Pixels, color: string): Set<number> {
  const perColumn = new Map<number, number>();
  for (const [x] of pixelsOf(image, color)) perColumn.set(x, (perColumn.get(x) ?? 0) + 1);
  return new Set([...perColumn].filter(([, n]) => n >= 20).map(([x]) => x));
}

function render(s: ChartSpec): Pixels {
  return decodePng(chartPng(s), s.width, s.height);
}

describe('chartSvg', () => {
  it('shows the title, every category label and every series name', () => {
    const s = spec();
    const text = svgText(chartSvg(s));
    expect(text).toContain(s.title);
    for (const category of s.categories) expect(text).toContain(category);
    for (const series of s.series) expect(text).toContain(series.name);
  });

  it('escapes a label that looks like markup instead of making it an element', () => {
    const svg = chartSvg(spec());
    expect(svg).toContain('&lt;b&gt;&amp;&quot;x&quot;');
    expect(svg).not.toMatch(/<b[\s>/]/);
    expect(svg).not.toContain(HOSTILE);
    expect(() => new Resvg(svg)).not.toThrow(); // well-formed XML
  });

  it('numbers the y axis in whole numbers, even for small counts', () => {
    const s = spec({ series: [{ name: 'Tốt', values: [1, 3, 2, 0], color: GREEN }] });
    const numbers = svgText(chartSvg(s))
      .split(' ')
      .filter((w) => /^[\d.,]+$/.test(w));
    expect(numbers).toContain('3');
    expect(numbers.filter((n) => /[.,]/.test(n))).toEqual([]);
  });

  it('has a white background of the spec size', () => {
    const svg = chartSvg(spec({ width: 640, height: 360 }));
    expect(svg).toMatch(/^<svg [^>]*width="640" height="360"/);
    expect(svg).toMatch(/<rect width="640" height="360" x="0" y="0" fill="#ffffff"/);
  });
});

describe('chartPng', () => {
  it('is a PNG of the spec width and height', () => {
    const s = spec({ width: 640, height: 360 });
    const png = chartPng(s);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(Buffer.from(png.subarray(12, 16)).toString('latin1')).toBe('IHDR');
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect(view.getUint32(16)).toBe(640);
    expect(view.getUint32(20)).toBe(360);
  });

  it('draws the bars of each series in its colour on a white background', () => {
    const image = render(spec());
    expect(image.width).toBe(800);
    expect(pixelsOf(image, '#ffffff', 0).length).toBeGreaterThan(800 * 400 * 0.5);
    for (const color of [BLUE, GREEN, ORANGE, RED]) {
      expect(pixelsOf(image, color).length, color).toBeGreaterThan(1000);
      expect(barColumns(image, color).size, color).toBeGreaterThan(40);
    }
  });

  it('draws no bar for a series of zeros: its colour is only its legend icon', () => {
    const zero: ChartSeries = { name: 'Không áp dụng', values: [0, 0, 0, 0], color: RED };
    const s = spec({ series: [...spec().series.slice(0, 3), zero] });
    const red = pixelsOf(render(s), RED);
    expect(red.length).toBeGreaterThan(0); // the legend still names it
    const xs = red.map(([x]) => x);
    const ys = red.map(([, y]) => y);
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThanOrEqual(16);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThanOrEqual(16);
  });

  it('puts the series side by side when grouped and on top of each other when stacked', () => {
    const overlap = (a: Set<number>, b: Set<number>) => [...a].filter((x) => b.has(x)).length;
    const grouped = render(spec());
    expect(overlap(barColumns(grouped, BLUE), barColumns(grouped, GREEN))).toBe(0);
    const stacked = render(spec({ stacked: true }));
    const blue = barColumns(stacked, BLUE);
    expect(blue.size).toBeGreaterThan(100);
    expect(overlap(blue, barColumns(stacked, GREEN))).toBeGreaterThan(blue.size * 0.9);
  });

  it('renders many long categories and series without throwing', () => {
    const categories = Array.from({ length: 14 }, (_, i) => `Cộng đồng học tập cấp xã số ${i + 1}`);
    const series = [BLUE, GREEN, ORANGE, RED].map((color, k) => ({
      name: `Nhóm đánh giá ${k + 1}`,
      values: categories.map((_, i) => (i * 7 + k * 3) % 11),
      color,
    }));
    for (const stacked of [false, true]) {
      const image = render(spec({ categories, series, stacked, width: 640, height: 360 }));
      for (const s of series) expect(pixelsOf(image, s.color).length).toBeGreaterThan(200);
    }
  });
});
