/**
 * A chart as data: what the summary mail shows as an inline image (issue 5). The same description is
 * drawn by the Charts service in Apps Script and by echarts + resvg offline, so neither side decides
 * what the committee sees. Bars are grouped per category, one bar per series (stacked when asked).
 */

export interface ChartSeries {
  readonly name: string;
  readonly values: readonly number[];
  /** #rrggbb */
  readonly color: string;
}

export interface ChartSpec {
  readonly title: string;
  /** One label per group of bars (e.g. a title or a district). */
  readonly categories: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly stacked: boolean;
  /** Pixels of the rendered image. */
  readonly width: number;
  readonly height: number;
}

/** The name the HTML body uses for the chart image: `<img src="cid:…">`. */
export const CHART_CONTENT_ID = 'xhht-bieu-do';
