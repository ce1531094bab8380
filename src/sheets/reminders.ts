import type { AuditRow } from '../domain/audit';
import { type CellValue, cellText, readDate, textKey } from '../domain/cells';
import { inLanguage } from '../domain/i18n';
import type { Grant } from '../domain/people';
import { reminders, type WaitingUnit } from '../domain/reminders';
import { type Settings, workbookTitle } from '../domain/settings';
import { AUDIT_COLUMNS, AUDIT_SHEET } from './audit-log';
import { queueMail } from './outbox';
import { readPeople } from './people-sheet';
import type { ClockPort, HasherPort, StorePort, WorkbookPort } from './ports';
import { columnNamed } from './record-columns';
import { columnOf, locateRequired, rowBlocks } from './table';
import { type WorkflowRow, workflowRows } from './workflow-rows';

/**
 * The daily reminder's use case: every unit's state and, from the log, since when it has stood there;
 * the domain decides who is told of what; the messages are queued (at most one per person and day).
 */

/** When each unit last changed state, from its last log row that moved it. */
function lastSteps(
  log: readonly Pick<AuditRow, 'time' | 'unit' | 'from' | 'to'>[],
): Map<string, Date> {
  const since = new Map<string, Date>();
  for (const row of log) {
    if (row.from === row.to) continue;
    const day = readDate(row.time.split(' ')[0] ?? '');
    if (day.ok) since.set(textKey(row.unit), day.value);
  }
  return since;
}

/**
 * Time cells this close together are read as one block: a read call costs what about 4,000 more cells
 * do (docs/PERFORMANCE.md), and the time column is one cell a row.
 */
const TIME_GAP_ROWS = 4_000;

/**
 * Since when each waiting unit has waited, reading no more of the log than that needs (issue 12):
 * nothing when no escalation is set or no unit waits; where every waiting unit's row points at its
 * last log row («Dòng nhật ký»), those rows' time cells, in blocks of nearby rows; else
 * the columns from «Thời gian» to «Sang trạng thái» (a log the previous version wrote).
 */
function sinceFromLog(
  workbook: WorkbookPort,
  settings: Settings,
  rows: readonly WorkflowRow[],
): Map<string, Date> {
  const since = new Map<string, Date>();
  const waiting = rows.filter((row) => row.state?.status === 'awaiting');
  const sheet = workbook.sheet(AUDIT_SHEET);
  const last = sheet ? sheet.lastRow() : 0;
  if (settings.escalateAfterDays === null || waiting.length === 0 || !sheet || last < 2)
    return since;
  const width = Math.max(1, sheet.lastColumn());
  const header = sheet.readRange(1, 1, 1, width)[0] ?? [];
  const time = columnNamed(header, 'Thời gian');
  if (time === undefined) return since;
  const pointers = waiting.map((row) => row.logRow ?? 0);
  if (pointers.every((row) => row >= 2 && row <= last)) {
    // Blocks of nearby rows, not the span from the first to the last: a unit waiting since spring and
    // one since today would read the whole log's column between them.
    const times = new Map<number, CellValue>();
    for (const { first, count } of rowBlocks(pointers, TIME_GAP_ROWS)) {
      sheet.readRange(first, time, count, 1).forEach((cells, i) => {
        times.set(first + i, cells[0] ?? '');
      });
    }
    waiting.forEach((row, i) => {
      const day = readDate(cellText(times.get(pointers[i] ?? 0)).split(' ')[0] ?? '');
      if (day.ok) since.set(textKey(row.code), day.value);
    });
    return since;
  }
  const located = locateRequired(AUDIT_SHEET, header, AUDIT_COLUMNS);
  const column = (key: string) => columnOf(located, key);
  const span = Math.max(column('unit'), column('from'), column('to')) - time + 1;
  const cells = sheet.readRange(2, time, last - 1, span);
  const at = (row: readonly CellValue[], key: string) => cellText(row[column(key) - time]);
  return lastSteps(
    cells.map((row) => ({
      time: at(row, 'time'),
      unit: at(row, 'unit'),
      from: at(row, 'from'),
      to: at(row, 'to'),
    })),
  );
}

/**
 * Queues today's reminders; returns how many messages. Call under the lock. With the log as read
 * (offline, the demo), from it; without, from what `sinceFromLog` reads.
 */
export function queueReminders(
  ports: {
    readonly workbook: WorkbookPort;
    readonly clock: ClockPort;
    readonly hasher: HasherPort;
    readonly store: StorePort;
  },
  settings: Settings,
  log?: readonly AuditRow[],
  /** What the morning run read already for its other parts: the units' rows, the grants. */
  given: { readonly rows?: readonly WorkflowRow[]; readonly grants?: readonly Grant[] } = {},
): number {
  const now = ports.clock.now();
  const rows = given.rows ?? workflowRows(ports.workbook, settings, now);
  const since = log ? lastSteps(log) : sinceFromLog(ports.workbook, settings, rows);
  const units: WaitingUnit[] = rows.flatMap((row) => {
    if (!row.state) return [];
    const at = since.get(textKey(row.code));
    return [
      {
        unit: {
          code: row.code,
          name: row.name,
          district: row.district,
          commune: row.commune,
          cluster: row.cluster,
        },
        title: row.rubric.title,
        state: row.state,
        ladder: row.ladder,
        deadlines: row.deadlines,
        ...(at ? { since: at } : {}),
      },
    ];
  });
  const mails = inLanguage('vi', () =>
    reminders(
      units,
      given.grants ?? readPeople(ports.workbook).grants,
      settings,
      now,
      workbookTitle(settings),
      (text) => ports.hasher.sha256Hex(text),
    ),
  );
  return queueMail(ports, mails);
}
