import { performance } from 'node:perf_hooks';
import { chartPng } from '../src/node/chart-image';
import { act } from '../src/sheets/act';
import { readAudit } from '../src/sheets/audit-log';
import { DEADLINE_RULES } from '../src/sheets/criteria-sheet';
import { CRITERIA_SHEET } from '../src/sheets/layout';
import { queueReminders } from '../src/sheets/reminders';
import { readSettings, writeSetting } from '../src/sheets/settings-sheet';
import { composeSummary } from '../src/sheets/summary-report';
import { benchBook, cpuMs, XA } from './lib/book';

/**
 * Mail at growing sizes: composing the committee's summary (it scores every sheet afresh), how big
 * its bodies are against the limits (an outbox cell holds 50,000 characters; the issue asks under
 * 200 KB), the daily reminders over every unit, and the offline chart.
 */
function run(units: number) {
  const { google, ports, all } = benchBook(units, 30);
  const owner = google.Session.email;
  google.Session.email = XA;
  act(ports, { action: 'register' }, all);
  // Settings and criteria are protected: the owner edits them.
  google.Session.email = owner;
  // Every unit still drafting with the submission deadline two days away: each is in a reminder.
  writeSetting(ports.workbook, 'year', 2025);
  const criteria = ports.workbook.sheet(CRITERIA_SHEET);
  const rows = criteria?.readValues() ?? [];
  const header = rows[0] ?? [];
  const at = (name: string) => header.indexOf(name);
  const deadline = rows.findIndex((row) => row[at('Mã')] === DEADLINE_RULES.submit);
  criteria?.writeValues(deadline + 1, at('Ngưỡng / giá trị') + 1, [['25/11']]);
  google.io.reset();
  let summary: ReturnType<typeof composeSummary> | undefined;
  const summaryMs = cpuMs(() => {
    summary = composeSummary(ports);
  });
  const summaryIo = { reads: google.io.reads, writes: google.io.writes };
  google.io.reset();
  let queued = 0;
  const remindMs = cpuMs(() => {
    queued = queueReminders(
      ports,
      readSettings(ports.workbook, ports.clock.now()),
      readAudit(ports.workbook),
    );
  });
  const remindIo = { reads: google.io.reads, writes: google.io.writes };
  const mail = summary?.mail;
  return {
    units,
    summaryMs,
    summaryIo,
    html: Buffer.byteLength(mail?.html ?? ''),
    htmlChars: mail?.html.length ?? 0,
    text: Buffer.byteLength(mail?.text ?? ''),
    remindMs,
    remindIo,
    queued,
    chart: mail?.chart,
  };
}

console.log('\nmail over the fake spreadsheet (TT22_2020_DVHT, 30 districts, 5 clusters)');
console.log(
  'units  | summary: reads writes CPU ms  HTML bytes (chars)  text bytes | reminders: mails reads writes CPU ms',
);
let chart: ReturnType<typeof run>['chart'];
for (const r of [100, 1_000, 5_000].map(run)) {
  chart = r.chart;
  console.log(
    `${String(r.units).padStart(5)}  | ${String(r.summaryIo.reads).padStart(14)} ${String(r.summaryIo.writes).padStart(6)} ${r.summaryMs.toFixed(1).padStart(6)}  ${String(r.html).padStart(10)} (${r.htmlChars})  ${String(r.text).padStart(10)} | ${String(r.queued).padStart(15)} ${String(r.remindIo.reads).padStart(5)} ${String(r.remindIo.writes).padStart(6)} ${r.remindMs.toFixed(1).padStart(6)}`,
  );
}
if (chart) {
  chartPng(chart);
  const start = performance.now();
  const png = chartPng(chart);
  console.log(
    `offline chart (echarts SVG → resvg PNG, ${chart.width}×${chart.height}): ${(performance.now() - start).toFixed(0)} ms after the first, ${png.length} bytes`,
  );
}
