import { cellText, textKey } from '../domain/cells';
import { overdue } from '../domain/deadlines';
import { inLanguage, plural, tr } from '../domain/i18n';
import { formatDate } from '../domain/recognition';
import { registerByUnit, standingRecognition } from '../domain/register';
import {
  type ReportSheet,
  type ReportSnapshot,
  standGroup,
  summaryReport,
  tallyStanding,
} from '../domain/report';
import { workbookTitle } from '../domain/settings';
import { NO_CLUSTER, NO_DISTRICT, summarize } from '../domain/summary';
import { stateLabel } from '../domain/workflow';
import { type AuditPorts, lastVerification, logExtent } from './audit-log';
import {
  handEditLine,
  handEditOf,
  type LogRecords,
  readLogRecords,
  vouchedRegister,
} from './hand-edit';
import { UNIT_COLUMNS, UNITS_SHEET, WORKFLOW_KEYS } from './layout';
import { waitingClaims } from './offline-claims';
import { queueMail } from './outbox';
import type { Context, StorePort, WorkbookPort } from './ports';
import { readOnce } from './read-once';
import { readRegister } from './register-sheet';
import { scoreAll } from './score-all';
import { locateColumns } from './table';
import { type WorkflowRow, workflowRows } from './workflow-rows';

/**
 * XHHT → Xem trước / Gửi báo cáo tổng hợp: scores every sheet afresh in memory (one read per sheet,
 * nothing written), counts units by band or level and by status, cites the log's last full
 * verification, and composes the committee's mail; sending queues it in the outbox.
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

/** dd/mm/yyyy hh:mm in the script's time zone (Hà Nội). */
function formatTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${formatDate(date)} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** Where the last queued report's counts are kept, to say what changed since. */
export const LAST_REPORT_KEY = 'xhht.summary.last';

function lastReport(store: StorePort): ReportSnapshot | undefined {
  try {
    return JSON.parse(store.get(LAST_REPORT_KEY) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the caller read already, for the morning run, which reads once for all its parts: the log's
 * records (its «sửa tay» pass) and the units' workflow rows (its reminders).
 */
export interface SummaryGiven {
  readonly log?: LogRecords | undefined;
  readonly rows?: readonly WorkflowRow[];
}

export function composeSummary(ctx: ReportPorts, given: SummaryGiven = {}) {
  // One read per sheet, and the scoring sheets are never written: the summary computes what
  // score-all would write (the officers' «Chấm điểm tất cả» writes it).
  const book = readOnce(ctx.workbook);
  const scored = scoreAll({ ...ctx, workbook: book }, { write: false });
  const { settings } = scored;
  const now = ctx.clock.now();
  const clusterOf = clusters(book);
  // An offline step not yet confirmed online does not count (issue 11): the unit stands where it
  // stood before it, and the report says how many wait.
  const claims = waitingClaims(ctx);
  const units = (given.rows ?? workflowRows(book, settings, now)).map((unit) =>
    claims.has(textKey(unit.code)) ? { ...unit, state: unit.previous ?? undefined } : unit,
  );
  // The log is the record: a unit whose cells disagree with its last log row is «sửa tay», counted
  // apart and never as recognised; register rows no step made do not count (./hand-edit.ts).
  const records = given.log ?? readLogRecords({ workbook: book, store: ctx.store });
  const edits = new Map(
    units.flatMap((unit) => {
      const edit = handEditOf(unit.value, unit.code, records);
      return edit ? [[unit, edit] as const] : [];
    }),
  );
  const register = vouchedRegister(
    readRegister(
      book,
      scored.sheets.map((sheet) => sheet.rubric),
    ).entries,
    records,
  ).entries;
  // Each unit's entries, found once for the province's units (issue 12).
  const byUnit = registerByUnit(register);
  const registerOf = (code: string) => byUnit.get(textKey(code)) ?? [];
  // The log as it stands, counted, and its last full verification: never hashed again here.
  const extent = logExtent(ctx);
  const verified = lastVerification(ctx.store);
  return inLanguage(settings.summaryLanguage, () => {
    const sheets: ReportSheet[] = scored.sheets.map((sheet) => {
      const statuses = new Map<string, number>();
      const overdueLines: string[] = [];
      const mine = units.filter((row) => row.sheet === sheet.sheet);
      const clusterOfUnit = (code: string) => clusterOf.get(textKey(code)) ?? NO_CLUSTER;
      const handEdited: string[] = [];
      for (const unit of mine) {
        const edit = edits.get(unit);
        if (edit) {
          handEdited.push(
            `${unit.code} – ${unit.name} (${unit.district}): ${handEditLine(unit.sheet, unit.row, unit.code, edit)}`,
          );
          const label = tr('Sửa tay (không tính)', 'Edited by hand (not counted)');
          statuses.set(label, (statuses.get(label) ?? 0) + 1);
          continue;
        }
        const late =
          unit.state && overdue(unit.state, unit.ladder, unit.deadlines, settings.year, now);
        if (late) overdueLines.push(`${unit.code} – ${unit.name} (${unit.district}): ${late}`);
        const label = unit.state
          ? stateLabel(unit.state, unit.ladder)
          : unit.cell(WORKFLOW_KEYS.label) || stateLabel({ status: 'none' }, unit.ladder);
        statuses.set(label, (statuses.get(label) ?? 0) + 1);
      }
      // A unit still validly recognised from an earlier year counts as recognised (issue 10).
      const still = (unit: (typeof mine)[number]) =>
        !edits.has(unit) &&
        unit.state?.status !== 'recognised' &&
        standingRecognition(registerOf(unit.code), sheet.rubric, unit.code, now) !== undefined;
      // Each unit's group once, for the districts and the clusters alike.
      const groups = new Map(
        mine.map((unit) => [
          unit,
          // A unit «sửa tay» stands nowhere its cells claim.
          edits.has(unit) ? 'notRegistered' : standGroup(unit.state, still(unit)),
        ]),
      );
      const placed = (place: (unit: (typeof mine)[number]) => string) =>
        tallyStanding(
          mine.map((unit) => ({ place: place(unit), group: groups.get(unit) ?? 'notRegistered' })),
        );
      return {
        title: `${sheet.rubric.title} (${sheet.rubric.id})`,
        summary: sheet.summary,
        statuses,
        standing: placed((unit) => unit.district || NO_DISTRICT),
        overdue: overdueLines,
        ...(handEdited.length > 0 ? { handEdited } : {}),
        ...(sheet.rubric.targetPercent === undefined
          ? {}
          : { targetPercent: sheet.rubric.targetPercent }),
        // Per cluster too, where the units sheet gives clusters.
        ...(clusterOf.size > 0
          ? {
              byCluster: summarize(
                sheet.rubric,
                sheet.units.map((unit) => ({ ...unit, district: clusterOfUnit(unit.code ?? '') })),
              ),
              standingByCluster: placed((unit) => clusterOfUnit(unit.code)),
            }
          : {}),
      };
    });
    const previous = lastReport(ctx.store);
    const mail = summaryReport({
      title: workbookTitle(settings),
      date: formatDate(now),
      sheets,
      log: {
        ...extent,
        ...(claims.size > 0 ? { unconfirmed: claims.size } : {}),
        ...(verified
          ? {
              verified: {
                at: formatTime(new Date(verified.at)),
                rows: verified.rows,
                ok: verified.ok,
                message: verified.message,
              },
            }
          : {}),
      },
      ...(previous ? { previous } : {}),
    });
    return { mail, to: settings.summaryTo };
  });
}

/** Queues the summary for the committee; returns the notice and how many messages were queued. */
export function queueSummary(
  ctx: ReportPorts,
  given: SummaryGiven = {},
): { notice: string; queued: number } {
  const { mail, to } = composeSummary(ctx, given);
  if (to.length === 0) {
    return {
      queued: 0,
      notice: tr(
        'Chưa có người nhận: ghi email của ban chỉ đạo ở trang «Cài đặt», dòng «Người nhận báo cáo tổng hợp».',
        'No recipient yet: write the steering committee’s emails in the «Cài đặt» sheet, row «Người nhận báo cáo tổng hợp».',
      ),
    };
  }
  const key = `bao-cao:${ctx.hasher.sha256Hex(`${to.join(',')}|${mail.counted}`).slice(0, 24)}`;
  const { subject, text, html, chart } = mail;
  const queued = ctx.lock.withLock(() => {
    const count = queueMail(ctx, [{ key, to, subject, text, html, chart }]);
    if (count > 0) ctx.store.set(LAST_REPORT_KEY, JSON.stringify(mail.snapshot));
    return count;
  });
  return {
    queued,
    notice:
      queued > 0
        ? tr(
            `Đã xếp báo cáo vào «Hộp thư đi» cho ${to.length} người nhận.`,
            `The report is queued in «Hộp thư đi» for ${plural(to.length, 'recipient', 'recipients')}.`,
          )
        : tr(
            'Báo cáo giống hệt đã có trong «Hộp thư đi»; không xếp thêm.',
            'The same report is already in «Hộp thư đi»; not queued again.',
          ),
  };
}
