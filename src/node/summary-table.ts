import type { Summary, SummaryRow } from '../domain/summary';

/** The per-district summary as a fixed-width text table for the terminal. */
export function summaryTable(summary: Summary): string {
  const header = ['Địa bàn', 'Đơn vị', ...summary.bands, 'Lỗi', 'Chưa nhập'];
  const cells = (row: SummaryRow) => [
    row.district,
    String(row.units),
    ...summary.bands.map((band) => String(row.byBand.get(band) ?? 0)),
    String(row.invalid),
    String(row.empty),
  ];
  const body = [...summary.rows.map(cells), cells(summary.total)];
  const widths = header.map((title, c) =>
    Math.max(title.length, ...body.map((row) => (row[c] ?? '').length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [
    line(header),
    rule,
    ...body.slice(0, -1).map(line),
    rule,
    line(body[body.length - 1] ?? []),
  ].join('\n');
}
