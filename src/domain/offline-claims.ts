import { type AuditEntry, isUnvouched } from './audit';
import { textKey } from './cells';
import { inLanguage } from './i18n';
import type { Ladder, Role } from './ladder';
import { type Action, actionLabel, nextActor, type UnitState } from './workflow';

/**
 * Offline steps are claims until confirmed (issue 11). A step taken with `xhht` carries a name nobody
 * vouched for (`--as` is self-declared). At the submitting level that is the unit's own word and
 * stands; above it (a review, a decision, a return or refusal, a revocation, an undo) it is a claim:
 * it does not count in the recognised export, progress or the summary until an officer signed in
 * online, holding the role the step needed, confirms it (a logged row), or an authorised step settles
 * the unit. Pure: the log rows in, which units wait.
 */

/** The log's action for a confirmation (the log speaks Vietnamese). */
export const CONFIRM_ACTION = 'Xác nhận bước ngoại tuyến';

/** The log's action for an administrator's import of an offline file. */
export const IMPORT_ACTION = 'Nhập kết quả ngoại tuyến';

/** The steps above the submitting level. */
export const CLAIM_ACTIONS: readonly Action[] = [
  'approve',
  'recognise',
  'return',
  'refuse',
  'revoke',
  'revert',
];

/** The action a log row's «Hành động» names, when it is one of the steps (refused attempts are not). */
export function loggedAction(label: string): Action | undefined {
  const wanted = label.normalize('NFC');
  return inLanguage('vi', () =>
    (['register', 'submit', ...CLAIM_ACTIONS] as Action[]).find(
      (action) => actionLabel(action) === wanted,
    ),
  );
}

/** Whether a log row is an offline step that counts only once confirmed online. */
export function needsConfirmation(row: Pick<AuditEntry, 'user' | 'action'>): boolean {
  const action = loggedAction(row.action);
  return isUnvouched(row.user) && action !== undefined && CLAIM_ACTIONS.includes(action);
}

/** A claim still waiting: the log row (0-based among the rows given) and the row itself. */
export interface Claim {
  readonly index: number;
  /** The claim's log row, with the record it left where the log carries one. */
  readonly row: AuditEntry & { readonly record?: string };
}

/**
 * The units whose latest offline claim is not settled, keyed by `textKey` of the unit code. A claim
 * is settled by a later row on the same unit in a vouched name: a confirmation, or any step taken
 * online. A later unvouched row leaves it waiting (a later claim replaces it).
 */
export function awaitingConfirmation(rows: readonly Claim['row'][]): Map<string, Claim> {
  const waiting = new Map<string, Claim>();
  rows.forEach((row, index) => {
    const unit = textKey(row.unit);
    if (unit === '') return;
    if (needsConfirmation(row)) {
      waiting.set(unit, { index, row });
    } else if (!isUnvouched(row.user) && (loggedAction(row.action) || isConfirmation(row))) {
      waiting.delete(unit);
    }
  });
  return waiting;
}

export function isConfirmation(row: Pick<AuditEntry, 'action'>): boolean {
  return row.action.normalize('NFC') === CONFIRM_ACTION;
}

/**
 * The role a claimed step needed: the one that acts on the state before it (`nextActor`); a revert is
 * an administrator's. Undefined when no role could have taken it.
 */
export function confirmingRole(
  action: Action,
  before: UnitState,
  ladder: Ladder,
): Role | undefined {
  if (action === 'revert') return 'quanTri';
  if (action === 'revoke') {
    // A revocation is decided where the recognition was: the deciding step of the ladder.
    const decider = ladder.steps.find((step) => step.kind === 'decide');
    return decider?.role;
  }
  return nextActor(before, ladder);
}

/** A revocation as its log row's comment states it: the decision revoked, the revoking one, the reason. */
export interface LoggedRevocation {
  /** The number of the decision revoked ('' when the row had none: «(không số)»). */
  readonly revokes: string;
  readonly number: string;
  readonly date: Date;
  readonly reason: string;
}

const REVOCATION =
  /^Thu hồi \/ hủy quyết định (.*?) bằng (.*) \((\d{2})\/(\d{2})\/(\d{4})\); lý do: ([\s\S]*?)(?: \[các cấp «[^»]*»: cần xác nhận\])?$/u;

/**
 * The revocation a «Thu hồi / hủy công nhận» log row records, read back from the comment the step wrote
 * (src/sheets/act.ts): what confirming an offline revocation writes into «Sổ công nhận». Undefined for
 * any other text.
 */
export function loggedRevocation(comment: string): LoggedRevocation | undefined {
  const match = REVOCATION.exec(comment.normalize('NFC'));
  if (!match) return undefined;
  const [, revoked = '', number = '', day, month, year, reason = ''] = match;
  const date = new Date(Number(year), Number(month) - 1, Number(day));
  if (date.getDate() !== Number(day) || date.getMonth() !== Number(month) - 1) return undefined;
  return { revokes: revoked === '(không số)' ? '' : revoked, number, date, reason };
}
