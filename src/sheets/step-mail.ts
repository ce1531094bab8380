import type { AuditRow } from '../domain/audit';
import { textKey } from '../domain/cells';
import { inLanguage } from '../domain/i18n';
import type { Ladder } from '../domain/ladder';
import { notifications, type StepEvent } from '../domain/notifications';
import type { Grant } from '../domain/people';
import { type Settings, workbookTitle } from '../domain/settings';
import { eventId } from '../domain/step-decision';
import { ACTIONS, type Action, actionLabel } from '../domain/workflow';
import type { AuditTail } from './audit-log';
import { WORKFLOW_KEYS } from './layout';
import { queueMail } from './outbox';
import type { ClockPort, HasherPort, StorePort, WorkbookPort } from './ports';
import { type WorkflowRow, workflowRows } from './workflow-rows';

/**
 * The mail that workflow steps call for, queued after their log rows (DESIGN.md: state, log, outbox).
 * How many log rows have had their mail queued is kept in the document properties; a run cut off
 * between its log write and its outbox write leaves log rows past that mark, and the next run queues
 * their mail, with the same keys the cut run would have used, so nothing is queued twice.
 */

export { MAILED_KEY } from './audit-log';

import { MAILED_KEY } from './audit-log';

interface StepMailPorts {
  readonly workbook: WorkbookPort;
  readonly clock: ClockPort;
  readonly store: StorePort;
  readonly hasher: HasherPort;
}

/** The event's id in the outbox key: the unit, its new state and the log time of the step. */
export { eventId };

/** Queues the digests of `events` and records that the log's first `logRows` rows are mailed. */
export function queueStepMail(
  ports: StepMailPorts,
  events: readonly StepEvent[],
  ladder: Ladder,
  grants: readonly Grant[],
  settings: Pick<Settings, 'province' | 'year'>,
  logRows: number,
  /** A step's own events (keys new by construction): chained onto the outbox's last row unread. */
  fresh = false,
): void {
  queueMail(
    ports,
    notifications(events, ladder, grants, workbookTitle(settings), (text) =>
      ports.hasher.sha256Hex(text),
    ),
    fresh,
  );
  ports.store.set(MAILED_KEY, String(logRows));
}

const STEP_ACTIONS = new Map<string, Action>(
  ACTIONS.map((action) => [inLanguage('vi', () => actionLabel(action)), action]),
);

/**
 * Queues the mail of logged steps a cut-off run did not queue: each logged step whose unit still
 * stands where the step left it (a unit that moved on since is told of by its later step). Call under
 * the lock, with the log as read before this run's own rows. A workbook without the mark (made
 * before it existed) starts counting now.
 */
export function queueMissedStepMail(
  ports: StepMailPorts,
  read: readonly AuditRow[] | AuditTail,
  settings: Settings,
  grants: readonly Grant[],
  /** The units' workflow rows, when the caller has them (the morning run reads them once). */
  unitRows: () => readonly WorkflowRow[] = () =>
    workflowRows(ports.workbook, settings, ports.clock.now()),
): void {
  // The whole log, or only its rows past the mark (the morning run reads no more: ./audit-log.ts).
  const tail = 'total' in read ? read : { first: 0, rows: read, total: read.length };
  const log = { length: tail.total };
  const mark = ports.store.get(MAILED_KEY);
  const mailed = mark === null ? Number.NaN : Number(mark);
  if (!Number.isInteger(mailed)) {
    ports.store.set(MAILED_KEY, String(log.length));
    return;
  }
  const missed = new Map<string, { row: AuditRow; action: Action }>();
  for (const row of tail.rows.slice(Math.max(0, mailed - tail.first))) {
    const action = STEP_ACTIONS.get(row.action);
    if (action) missed.set(textKey(row.unit), { row, action });
  }
  if (missed.size === 0) {
    if (mailed !== log.length) ports.store.set(MAILED_KEY, String(log.length));
    return;
  }
  const bySheet = new Map<string, { ladder: Ladder; events: StepEvent[] }>();
  for (const unit of unitRows()) {
    const step = missed.get(textKey(unit.code));
    if (!step || !unit.state || unit.cell(WORKFLOW_KEYS.label) !== step.row.to) continue;
    // Units of one sheet may climb different ladders (chosen by their submission dates).
    const key = `${unit.sheet}|${unit.ladder.id}`;
    const group = bySheet.get(key) ?? { ladder: unit.ladder, events: [] };
    bySheet.set(key, group);
    group.events.push({
      unit: {
        code: unit.code,
        district: unit.district,
        name: unit.name,
        commune: unit.commune,
        cluster: unit.cluster,
      },
      action: step.action,
      to: unit.state,
      label: step.row.to,
      by: step.row.user,
      comment: step.action === 'return' || step.action === 'refuse' ? step.row.comment : '',
      id: eventId(unit.code, unit.state, step.row.time),
    });
  }
  for (const { ladder, events } of bySheet.values()) {
    queueStepMail(ports, events, ladder, grants, settings, log.length);
  }
  ports.store.set(MAILED_KEY, String(log.length));
}
