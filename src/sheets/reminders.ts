import type { AuditRow } from '../domain/audit';
import { readDate, textKey } from '../domain/cells';
import { inLanguage } from '../domain/i18n';
import { reminders, type WaitingUnit } from '../domain/reminders';
import { type Settings, workbookTitle } from '../domain/settings';
import { queueMail } from './outbox';
import { readPeople } from './people-sheet';
import type { ClockPort, HasherPort, StorePort, WorkbookPort } from './ports';
import { workflowRows } from './workflow-rows';

/**
 * The daily reminder's use case: every unit's state and, from the log, since when it has stood there;
 * the domain decides who is told of what; the messages are queued (at most one per person and day).
 */

/** When each unit last changed state, from its last log row that moved it. */
function lastSteps(log: readonly AuditRow[]): Map<string, Date> {
  const since = new Map<string, Date>();
  for (const row of log) {
    if (row.from === row.to) continue;
    const day = readDate(row.time.split(' ')[0] ?? '');
    if (day.ok) since.set(textKey(row.unit), day.value);
  }
  return since;
}

/** Queues today's reminders from the log as read; returns how many messages. Call under the lock. */
export function queueReminders(
  ports: {
    readonly workbook: WorkbookPort;
    readonly clock: ClockPort;
    readonly hasher: HasherPort;
    readonly store: StorePort;
  },
  settings: Settings,
  log: readonly AuditRow[],
): number {
  const now = ports.clock.now();
  const since = lastSteps(log);
  const units: WaitingUnit[] = workflowRows(ports.workbook, settings, now).flatMap((row) => {
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
      readPeople(ports.workbook).grants,
      settings,
      now,
      workbookTitle(settings),
      (text) => ports.hasher.sha256Hex(text),
    ),
  );
  return queueMail(ports, mails);
}
