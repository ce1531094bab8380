/**
 * The offline drawing of a {@link ChartSpec}: echarts lays the bar chart out as an SVG string
 * (server-side, no DOM, no animation) and resvg rasterises that SVG to a PNG for the summary
 * mail's inline image. Bars are grouped per category, one bar per series in the series' colour,
 * or stacked when `spec.stacked`; long category labels (Vietnamese titles) wrap onto several
 * lines under their group, or are turned aslant when the groups are too narrow to wrap in.
 *
 * Text is drawn with system fonts (DejaVu Sans, else Liberation Sans), which carry the Vietnamese
 * diacritics; on a machine with neither, resvg falls back to whatever it finds.
 *
 * Node only: never import this from src/domain, src/sheets or src/gas (Apps Script).
 */
import { createRequire } from 'node:module';
import type * as Resvg from '@resvg/resvg-js';
import type * as Echarts from 'echarts';
import type { ChartSeries, ChartSpec } from '../domain/chart';

/**
 * echarts and resvg take most of a second to load: they are loaded (CommonJS builds, required on
 * first use) by the commands that draw a chart, never by `xhht --help` or `xhht validate`.
 */
let drawing: { echarts: typeof Echarts; Resvg: typeof Resvg.Resvg } | undefined;
function libraries(): { echarts: typeof Echarts; Resvg: typeof Resvg.Resvg } {
  if (!drawing) {
    const load = createRequire(import.meta.url);
    const echarts = load('echarts') as typeof Echarts;
    // Without a canvas echarts guesses text widths and counts every non-ASCII letter (ộ, ữ…) as a
    // full em, so Vietnamese labels were cut or wrapped far too early; this guess is closer to
    // DejaVu Sans.
    echarts.setPlatformAPI({ measureText: (text, font) => ({ width: textWidth(text, font) }) });
    drawing = { echarts, Resvg: (load('@resvg/resvg-js') as typeof Resvg).Resvg };
  }
  return drawing;
}

const FONT_FAMILY = "'DejaVu Sans', 'Liberation Sans', sans-serif";
const TEXT_COLOR = '#333333';
const FONT_SIZE = 12;
const TITLE_SIZE = 16;
const MARGIN = 12;
const LEGEND_TOP = MARGIN + TITLE_SIZE + 10;
/** Narrower groups than this get slanted labels instead of wrapped ones. */
const MIN_WRAP_WIDTH = 56;
/** Value labels are drawn only on bars at least this wide (px), so they do not overlap. */
const MIN_LABELLED_BAR = 18;

type EChartsOption = Echarts.EChartsCoreOption;

/** The chart as an SVG document (UTF-8 text, white background, `spec.width` × `spec.height`). */
export function chartSvg(spec: ChartSpec): string {
  const chart = libraries().echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: spec.width,
    height: spec.height,
  });
  try {
    chart.setOption(chartOption(spec));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The chart as a PNG image of `spec.width` × `spec.height` pixels. */
export function chartPng(spec: ChartSpec): Buffer {
  const resvg = new (libraries().Resvg)(chartSvg(spec), {
    fitTo: { mode: 'original' },
    background: 'white',
    font: {
      loadSystemFonts: true,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  return resvg.render().asPng();
}

/** The echarts option for the spec: title, legend, category x axis, integer y axis, one bar series each. */
function chartOption(spec: ChartSpec): EChartsOption {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE, color: TEXT_COLOR },
    title: {
      text: spec.title,
      left: 'center',
      top: MARGIN,
      textStyle: { fontFamily: FONT_FAMILY, fontSize: TITLE_SIZE, color: TEXT_COLOR },
    },
    legend: {
      top: LEGEND_TOP,
      left: 'center',
      width: spec.width - 2 * MARGIN,
      itemWidth: 14,
      itemHeight: 14,
      textStyle: { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE, color: TEXT_COLOR },
      data: spec.series.map((s) => s.name),
    },
    grid: {
      left: MARGIN,
      right: MARGIN,
      top: gridTop(spec),
      bottom: MARGIN,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    xAxis: { type: 'category', data: [...spec.categories], axisLabel: categoryLabel(spec) },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: numberText } },
    series: spec.series.map((s) => barSeries(s, spec)),
  };
}

/** Category labels: wrapped under a group wide enough to wrap in, slanted and cut short otherwise. */
function categoryLabel(spec: ChartSpec): Record<string, unknown> {
  const group = groupWidth(spec);
  const base = { interval: 0, fontFamily: FONT_FAMILY, fontSize: FONT_SIZE, hideOverlap: false };
  if (group >= MIN_WRAP_WIDTH) {
    return { ...base, width: Math.floor(group - 8), overflow: 'break', lineHeight: FONT_SIZE + 3 };
  }
  return { ...base, rotate: 35, width: Math.floor(spec.height * 0.4), overflow: 'truncate' };
}

/** One bar series in its own colour; zero values get no label, labels only where bars are wide enough. */
function barSeries(series: ChartSeries, spec: ChartSpec): Record<string, unknown> {
  const smallest = spec.stacked ? smallestLabelledSegment(spec) : 0;
  return {
    type: 'bar',
    name: series.name,
    data: [...series.values],
    itemStyle: { color: series.color },
    ...(spec.stacked ? { stack: 'all' } : {}),
    label: {
      show: barWidth(spec) >= MIN_LABELLED_BAR,
      position: spec.stacked ? 'inside' : 'top',
      fontFamily: FONT_FAMILY,
      fontSize: FONT_SIZE - 1,
      formatter: (p: { value: unknown }) => labelText(Number(p.value), smallest),
    },
    labelLayout: { hideOverlap: true },
  };
}

/** A bar's label: blank for zero, and for stacked segments too thin to hold a line of text. */
function labelText(value: number, smallest: number): string {
  return value === 0 || Math.abs(value) < smallest ? '' : numberText(value);
}

/** The smallest stacked value whose segment is tall enough for a label (a rough estimate, in data units). */
function smallestLabelledSegment(spec: ChartSpec): number {
  const tallest = Math.max(0, ...spec.categories.map((_, i) => stackTotal(spec, i)));
  const plotHeight = Math.max(1, spec.height - gridTop(spec) - 40); // x labels take ~40 px
  return (tallest * (FONT_SIZE + 2)) / plotHeight;
}

/** The sum of the series' values in one category. */
function stackTotal(spec: ChartSpec, category: number): number {
  return spec.series.reduce((sum, s) => sum + (s.values[category] ?? 0), 0);
}

/** The approximate width of one category's slot on the x axis, in px. */
function groupWidth(spec: ChartSpec): number {
  const plot = spec.width - 2 * MARGIN - 40; // the y axis labels take about 40 px
  return plot / Math.max(1, spec.categories.length);
}

/** The approximate width of one bar: echarts leaves ~40% of a group as gap, grouped bars share the rest. */
function barWidth(spec: ChartSpec): number {
  const bars = spec.stacked ? 1 : Math.max(1, spec.series.length);
  return (groupWidth(spec) * 0.6) / bars;
}

/** Where the plot starts: under the title and the legend. */
function gridTop(spec: ChartSpec): number {
  return LEGEND_TOP + legendRows(spec) * (FONT_SIZE + 10) + 8;
}

/** How many lines the legend needs at this width (each item: icon, gap, name, gap). */
function legendRows(spec: ChartSpec): number {
  const items = spec.series.map(
    (s) => 14 + 5 + textWidth(s.name, `${FONT_SIZE}px sans-serif`) + 10,
  );
  return Math.max(1, Math.ceil(items.reduce((a, b) => a + b, 0) / (spec.width - 2 * MARGIN)));
}

/** The approximate width in px of text in a CSS font (`bold 12px …`), from DejaVu Sans' advances. */
function textWidth(text: string, font = '12px sans-serif'): number {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 12);
  const letters = text.normalize('NFD').replace(/\p{M}/gu, ''); // ộ is as wide as o
  let ems = 0;
  for (const c of letters) ems += letterWidth(c);
  return ems * size;
}

/** One letter's width in em (DejaVu Sans, rounded); letters of other scripts count as a full em. */
function letterWidth(c: string): number {
  if (c === ' ') return 0.32;
  if ("iljI.,:;'!|".includes(c)) return 0.28;
  if ('ftr()[]-'.includes(c)) return 0.4;
  if (c === 'm' || c === 'w') return 0.9;
  if (/[A-Z0-9Đ]/.test(c)) return 0.7;
  return c.charCodeAt(0) < 0x250 ? 0.62 : 1;
}

/** A number as the axis and the bar labels show it, written the Vietnamese way (1.234). */
function numberText(value: number): string {
  return value.toLocaleString('vi-VN');
}
