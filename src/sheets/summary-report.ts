import { cellText, textKey } from '../domain/cells';
import { overdue } from '../domain/deadlines';
import { tr } from '../domain/i18n';
import { formatDate } from '../domain/recognition';
import { type ReportSheet, summaryReport } from '../domain/report';
import { NO_CLUSTER, summarize } from '../domain/summary';
import { type AuditPorts, checkAudit } from './audit-log';
import { scoringColumns, UNIT_COLUMNS, UNITS_SHEET, WORKFLOW_KEYS } from './layout';
import { queueMail } from './outbox';
import type { Context, WorkbookPort } from './ports';
import { scoreAll } from './score-all';
import { columnOf, locateColumns, locateRequired } from './table';
import { ladderFor, rowState } from './unit-state';

/**
 * XHHT → Xem trước / Gửi báo cáo tổng hợp: scores every sheet afresh, counts units by band or level and
 * by status, verifies the log, and composes the committee's mail; sending queues it in the outbox.
 */

type ReportPorts = Context & AuditPorts;

/** Each unit's cluster (cụm) from the units sheet, keyed by its code; empty when none is written. */
function clusters(workbook: WorkbookPort): Map<string, string> {
  const [header = [], ...rows] = workbook.sheet(UNITS_SHEET)?.readValues() ?? [];
  const located = locateColumns(header, UNIT_COLUMNS);
  const code = located.columns.get('code');
  const cluster = located.columns.get('cluster');
  const byCode = new Map<string, string>();
  if (code === undefined || cluster === undefined) return byCode;
  for (const row of rows) {
    const name = cellText(row[cluster - 1]);
    if (name) byCode.set(textKey(row[code - 1]), name);
  }
  return byCode;
}

export function composeSummary(ctx: ReportPorts) {
  const scored = scoreAll(ctx);
  const now = ctx.clock.now();
  const clusterOf = clusters(ctx.workbook);
  const sheets: ReportSheet[] = scored.sheets.map((sheet) => {
    const port = ctx.workbook.sheet(sheet.sheet);
    const [header = [], ...rows] = port?.readValues() ?? [];
    const located = locateRequired(sheet.sheet, header, scoringColumns(sheet.rubric).all);
    const statuses = new Map<string, number>();
    const overdueLines: string[] = [];
    const col = (key: string) => columnOf(located, key);
    const ladder = ladderFor(sheet.rubric, scored.settings);
    for (const row of rows) {
      const code = cellText(row[col('code') - 1]);
      if (code === '') continue;
      const state = rowState(row, col, ladder, sheet.rubric, now);
      const late = state && overdue(state, ladder, scored.settings, scored.settings.year, now);
      if (late) {
        overdueLines.push(
          `${code} – ${cellText(row[col('name') - 1])} (${cellText(row[col('district') - 1])}): ${late}`,
        );
      }
      const label = cellText(row[columnOf(located, WORKFLOW_KEYS.label) - 1]) || 'Chưa đăng ký';
      statuses.set(label, (statuses.get(label) ?? 0) + 1);
    }
    return {
      title: `${sheet.rubric.title} (${sheet.rubric.id})`,
      summary: sheet.summary,
      statuses,
      overdue: overdueLines,
      // Per cluster too, where the units sheet gives clusters.
      ...(clusterOf.size > 0
        ? {
            byCluster: summarize(
              sheet.rubric,
              sheet.units.map((unit) => ({
                ...unit,
                district: clusterOf.get(textKey(unit.code ?? '')) ?? NO_CLUSTER,
              })),
            ),
          }
        : {}),
    };
  });
  const audit = checkAudit(ctx);
  const { province, year, summaryTo } = scored.settings;
  const mail = summaryReport({
    title: `XHHT ${province ? `${province} ` : ''}năm ${year}`,
    date: formatDate(ctx.clock.now()),
    sheets,
    log: {
      intact: audit.check.ok,
      rows: audit.check.ok ? audit.check.rows : 0,
      head: audit.check.ok ? audit.check.head : '',
      message: audit.message,
    },
  });
  return { mail, to: summaryTo };
}

/** Queues the summary for the committee; returns the notice. */
export function queueSummary(ctx: ReportPorts): string {
  const { mail, to } = composeSummary(ctx);
  if (to.length === 0) {
    return tr(
      'Chưa có người nhận: ghi email của ban chỉ đạo ở trang «Cài đặt», dòng «Người nhận báo cáo tổng hợp».',
      'No recipient yet: write the steering committee’s emails in the «Cài đặt» sheet, row «Người nhận báo cáo tổng hợp».',
    );
  }
  const key = `bao-cao:${ctx.hasher.sha256Hex(`${to.join(',')}|${mail.text}`).slice(0, 24)}`;
  const queued = ctx.lock.withLock(() => queueMail(ctx, [{ key, to, ...mail }]));
  return queued > 0
    ? tr(
        `Đã xếp báo cáo vào «Hộp thư đi» cho ${to.length} người nhận; quản trị chọn «Gửi thư trong hộp thư đi» để gửi.`,
        `The report is queued in «Hộp thư đi» for ${to.length} recipients; an administrator sends it with «Gửi thư trong hộp thư đi».`,
      )
    : tr(
        'Báo cáo giống hệt đã có trong «Hộp thư đi»; không xếp thêm.',
        'The same report is already in «Hộp thư đi»; not queued again.',
      );
}
