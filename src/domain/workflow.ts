import { tr } from './i18n';
import {
  type Ladder,
  type Role,
  roleLabel,
  type StepKind,
  submitterLabel,
  submitterOf,
} from './ladder';
import { formatDate, hasEnded, lastValidDay } from './recognition';
import { classifiedLabel } from './register';

/**
 * A unit's assessment as it climbs its ladder (REGULATIONS.md §2.3, §3.4, §4.3): registered at the
 * start of the year, self-assessed by the commune, submitted, then reviewed, decided and consolidated
 * step by step, each able to send it back one level with a comment. Pure: who may act on which unit
 * (scope) is decided by the people rules, and the guards on the data (validation, evidence, meeting,
 * deadlines) by the use case; this module knows the ladder and the roles.
 */

export type UnitState =
  /** Not registered for the year. */
  | { readonly status: 'none' }
  /** Registered; the commune is self-assessing (also after the district returned it). */
  | { readonly status: 'drafting'; readonly returned: boolean }
  /** Waiting at a step of the ladder; `returned` when the level above sent it back there. */
  | { readonly status: 'awaiting'; readonly step: number; readonly returned: boolean }
  /** Recognised at the deciding step; `step` is the consolidation still waiting, if any. */
  | { readonly status: 'recognised'; readonly step: number | null }
  /**
   * Decided in a band that does not hold the title (a classification, REGULATIONS.md §2.3): derived
   * from the recorded result (`withOutcome`), stored as «recognised».
   */
  | { readonly status: 'classified'; readonly step: number | null; readonly result: string }
  /** Not recognised: final for the year. */
  | { readonly status: 'refused' }
  /**
   * Recognised once, and its validity has ended: it may register again. Derived from the decision
   * date (`withExpiry`), never stored: the stored state stays «recognised».
   */
  | { readonly status: 'expired'; readonly until: Date };

export type Action =
  | 'register'
  | 'submit'
  | 'approve'
  | 'recognise'
  | 'return'
  | 'refuse'
  | 'revert'
  | 'revoke';
export const ACTIONS: readonly Action[] = [
  'register',
  'submit',
  'approve',
  'recognise',
  'return',
  'refuse',
  'revert',
  'revoke',
];

export interface Request {
  readonly action: Action;
  /** The roles the acting person holds (the people sheet may give one person several). */
  readonly roles: readonly Role[];
  /** Required to return or refuse. */
  readonly comment?: string;
  /** Required to recognise, and to revoke (the revoking decision). */
  readonly decision?: { readonly number: string; readonly date: Date };
  /** Submitting a levels title: the level applied for (blank: the level the result reaches). */
  readonly level?: 1 | 2;
  /** To revert: the state before the last step, as the sheet kept it. */
  readonly previous?: UnitState;
}

export type Outcome =
  | { readonly ok: true; readonly state: UnitState }
  | { readonly ok: false; readonly reason: string };

const refuse = (reason: string): Outcome => ({ ok: false, reason });

export function actionLabel(action: Action): string {
  switch (action) {
    case 'register':
      return tr('Đăng ký', 'Register');
    case 'submit':
      return tr('Gửi', 'Submit');
    case 'approve':
      return tr('Duyệt', 'Approve');
    case 'recognise':
      return tr('Công nhận', 'Recognise');
    case 'return':
      return tr('Trả lại', 'Return');
    case 'refuse':
      return tr('Không công nhận', 'Refuse');
    case 'revert':
      return tr('Hoàn tác', 'Undo');
    case 'revoke':
      return tr('Thu hồi / hủy công nhận', 'Revoke / cancel the recognition');
  }
}

function stepVerb(kind: StepKind): string {
  switch (kind) {
    case 'review':
      return tr('thẩm định', 'review');
    case 'decide':
      return tr('quyết định', 'decision');
    case 'consolidate':
      return tr('tổng hợp', 'consolidation');
  }
}

/** The state as the status column shows it, e.g. "Chờ huyện thẩm định", "Trả lại cho xã". */
export function stateLabel(state: UnitState, ladder: Ladder): string {
  switch (state.status) {
    case 'none':
      return tr('Chưa đăng ký', 'Not registered');
    case 'drafting': {
      // The commune's labels are those the previous version wrote; other submitters are named.
      const submitter = submitterOf(ladder);
      const who = submitterLabel(submitter);
      if (submitter === 'xa')
        return state.returned
          ? tr('Trả lại cho xã', 'Returned to the commune')
          : tr('Đang tự đánh giá', 'Self-assessing');
      const capital = who.charAt(0).toUpperCase() + who.slice(1);
      return state.returned
        ? tr(`Trả lại cho ${who}`, `Returned to the ${who}`)
        : tr(`${capital} đang tự đánh giá`, `${capital} self-assessing`);
    }
    case 'awaiting': {
      const step = ladder.steps[state.step];
      if (!step) return '?';
      const who = roleLabel(step.role);
      return state.returned
        ? tr(`Trả lại cho ${who}`, `Returned to the ${who}`)
        : tr(`Chờ ${who} ${stepVerb(step.kind)}`, `Awaiting ${who} ${stepVerb(step.kind)}`);
    }
    case 'recognised': {
      const step = state.step === null ? undefined : ladder.steps[state.step];
      return step
        ? tr(
            `Đã công nhận, chờ ${roleLabel(step.role)} tổng hợp`,
            `Recognised, awaiting ${roleLabel(step.role)} consolidation`,
          )
        : tr('Đã công nhận', 'Recognised');
    }
    case 'classified': {
      const step = state.step === null ? undefined : ladder.steps[state.step];
      return step
        ? tr(
            `${classifiedLabel(state.result)}, chờ ${roleLabel(step.role)} tổng hợp`,
            `${classifiedLabel(state.result)}, awaiting ${roleLabel(step.role)} consolidation`,
          )
        : classifiedLabel(state.result);
    }
    case 'refused':
      return tr('Không công nhận', 'Not recognised');
    case 'expired':
      return tr(
        `Hết hạn công nhận (${formatDate(state.until)})`,
        `Recognition expired (${formatDate(state.until)})`,
      );
  }
}

/**
 * A recognised unit whose validity (the rubric's months after the decision year, REGULATIONS.md §3.1)
 * ended before `now` is expired; any other state, or a title without a validity period, is as stored.
 */
export function withExpiry(
  state: UnitState,
  decided: Date | undefined,
  validityMonths: number | undefined,
  now: Date,
): UnitState {
  if (state.status !== 'recognised' || state.step !== null) return state;
  if (!decided || validityMonths === undefined) return state;
  const until = lastValidDay(decided, validityMonths);
  return hasEnded(until, now) ? { status: 'expired', until } : state;
}

/**
 * A decided unit seen with its recorded result: a band that does not hold the title makes it
 * «classified» rather than recognised; any other state, or a result that holds, is as stored.
 */
export function withOutcome(state: UnitState, result: string, holds: boolean): UnitState {
  if (state.status !== 'recognised' || holds || result.trim() === '') return state;
  return { status: 'classified', step: state.step, result };
}

/** Whether a decision stands on the unit's row (recognised, classified or expired). */
export function isDecided(state: UnitState): boolean {
  return (
    state.status === 'recognised' || state.status === 'classified' || state.status === 'expired'
  );
}

/** The step the unit waits at, if any. */
export function currentStep(state: UnitState): number | undefined {
  if (state.status === 'awaiting') return state.step;
  if ((state.status === 'recognised' || state.status === 'classified') && state.step !== null)
    return state.step;
  return undefined;
}

/**
 * The roles that may register and send a unit's dossier: its own officer («đơn vị»); on a ladder
 * without a commune step, also `xa`, the role the previous version gave the unit's officer.
 */
export function submitterRoles(ladder: Ladder): Role[] {
  return ladder.steps.some((step) => step.role === 'xa') ? ['donVi'] : ['donVi', 'xa'];
}

/** The role that acts next: the unit's own officer ('donVi') while it drafts, a step's role, or none. */
export function nextActor(state: UnitState, ladder: Ladder): Role | undefined {
  if (state.status === 'none' || state.status === 'drafting') return 'donVi';
  const step = currentStep(state);
  return step === undefined ? undefined : ladder.steps[step]?.role;
}

function after(ladder: Ladder, step: number): UnitState {
  return step + 1 < ladder.steps.length
    ? { status: 'awaiting', step: step + 1, returned: false }
    : { status: 'recognised', step: null };
}

/** What `request` does to `state` on `ladder`, or why it may not. */
export function transition(state: UnitState, request: Request, ladder: Ladder): Outcome {
  const { action, roles } = request;
  const notYours = (role: Role) => {
    const who = role === 'donVi' ? submitterLabel(submitterOf(ladder)) : roleLabel(role);
    return refuse(tr(`Bước này do ${who} thực hiện.`, `This step is taken by the ${who}.`));
  };
  const notNow = () =>
    refuse(
      tr(
        `Không thể «${actionLabel(action)}» khi đơn vị đang ở trạng thái «${stateLabel(state, ladder)}».`,
        `«${actionLabel(action)}» is not possible while the unit is «${stateLabel(state, ladder)}».`,
      ),
    );

  if (action === 'revert') {
    // An administrator's undo of the last step, with a reason; one step only (the sheet keeps one).
    if (!roles.includes('quanTri')) return notYours('quanTri');
    if (isDecided(state))
      return refuse(
        tr(
          'Không hoàn tác được một quyết định; người quyết định dùng «Thu hồi / hủy công nhận».',
          'A decision cannot be undone; the decider uses «Thu hồi / hủy công nhận» (revoke).',
        ),
      );
    if (!request.previous)
      return refuse(
        tr(
          'Không có bước nào để hoàn tác (chỉ hoàn tác được bước gần nhất, một lần).',
          'There is no step to undo (only the latest step can be undone, once).',
        ),
      );
    if (!request.comment?.trim())
      return refuse(tr('Hoàn tác cần ghi lý do.', 'An undo needs a reason.'));
    return { ok: true, state: request.previous };
  }

  if (action === 'revoke') {
    // A correction tool, not a legal procedure (REGULATIONS.md says nothing of revocation): the
    // decider cancels the decision by one of their own, and the unit is back at their step.
    const decide = ladder.steps.findIndex((s) => s.kind === 'decide');
    const decider = ladder.steps[decide];
    if (!decider) return notNow();
    if (!roles.includes(decider.role)) return notYours(decider.role);
    if (!isDecided(state)) return notNow();
    if (!request.decision || request.decision.number.trim() === '')
      return refuse(
        tr(
          'Thu hồi cần số và ngày của quyết định thu hồi / hủy.',
          'A revocation needs the number and date of the revoking decision.',
        ),
      );
    if (!request.comment?.trim())
      return refuse(tr('Thu hồi cần ghi lý do.', 'A revocation needs a reason.'));
    return { ok: true, state: { status: 'awaiting', step: decide, returned: true } };
  }

  if (action === 'register' || action === 'submit') {
    if (!submitterRoles(ladder).some((role) => roles.includes(role))) return notYours('donVi');
    if (action === 'register')
      return state.status === 'none' || state.status === 'expired'
        ? { ok: true, state: { status: 'drafting', returned: false } }
        : notNow();
    return state.status === 'drafting'
      ? { ok: true, state: { status: 'awaiting', step: 0, returned: false } }
      : notNow();
  }

  const at = currentStep(state);
  const step = at === undefined ? undefined : ladder.steps[at];
  if (at === undefined || !step) return notNow();
  if (!roles.includes(step.role)) return notYours(step.role);

  switch (action) {
    case 'approve':
      if (step.kind === 'decide') {
        return refuse(
          tr(
            'Bước quyết định dùng «Công nhận» hoặc «Không công nhận».',
            'The deciding step uses «Recognise» or «Refuse».',
          ),
        );
      }
      return {
        ok: true,
        state:
          state.status === 'recognised' || state.status === 'classified'
            ? { ...state, step: next(ladder, at) }
            : after(ladder, at),
      };
    case 'recognise':
      if (step.kind !== 'decide') return notNow();
      if (!request.decision || request.decision.number.trim() === '') {
        return refuse(
          tr(
            'Cần số và ngày của quyết định công nhận.',
            'The recognition decision’s number and date are needed.',
          ),
        );
      }
      return { ok: true, state: { status: 'recognised', step: next(ladder, at) } };
    case 'refuse':
      if (step.kind !== 'decide') return notNow();
      if (!request.comment?.trim())
        return refuse(tr('Cần ghi lý do không công nhận.', 'A reason for refusing is needed.'));
      return { ok: true, state: { status: 'refused' } };
    case 'return':
      if (!request.comment?.trim())
        return refuse(tr('Trả lại cần có nhận xét.', 'A return needs a comment.'));
      // After a decision, nothing goes back silently: the decider revokes it, logged, to correct it.
      if (isDecided(state))
        return refuse(
          tr(
            'Đơn vị đã có quyết định; không trả lại được. Muốn sửa, người quyết định dùng «Thu hồi / hủy công nhận».',
            'The unit has a decision; it cannot be returned. To correct it, the decider uses «Thu hồi / hủy công nhận» (revoke).',
          ),
        );
      // One level down: to the step below, or to the commune from the first step.
      return {
        ok: true,
        state:
          at === 0
            ? { status: 'drafting', returned: true }
            : { status: 'awaiting', step: at - 1, returned: true },
      };
    default:
      return notNow();
  }
}

/** The next step after `step`, or null at the top. */
function next(ladder: Ladder, step: number): number | null {
  return step + 1 < ladder.steps.length ? step + 1 : null;
}

/** A state as one stable cell (the label changes with the language): '', drafting, awaiting:1:returned… */
export function encodeState(state: UnitState): string {
  switch (state.status) {
    case 'none':
      return '';
    case 'drafting':
      return state.returned ? 'drafting:returned' : 'drafting';
    case 'awaiting':
      return `awaiting:${state.step}${state.returned ? ':returned' : ''}`;
    case 'recognised':
      return state.step === null ? 'recognised' : `recognised:${state.step}`;
    case 'classified':
      return state.step === null ? 'recognised' : `recognised:${state.step}`;
    case 'refused':
      return 'refused';
    // Derived from a stored «recognised»; kept as that.
    case 'expired':
      return 'recognised';
  }
}

/** The state a cell holds, or undefined when the cell was edited into something else. */
export function decodeState(code: string, ladder: Ladder): UnitState | undefined {
  const [status, step, flag] = code.trim().split(':');
  const at = step === undefined ? undefined : Number(step);
  const inLadder = at !== undefined && Number.isInteger(at) && at >= 0 && at < ladder.steps.length;
  switch (status) {
    case '':
    case undefined:
    case 'none':
      return { status: 'none' };
    case 'drafting':
      return { status: 'drafting', returned: step === 'returned' };
    case 'awaiting':
      return inLadder ? { status: 'awaiting', step: at, returned: flag === 'returned' } : undefined;
    case 'recognised':
      if (at === undefined) return { status: 'recognised', step: null };
      return inLadder ? { status: 'recognised', step: at } : undefined;
    case 'refused':
      return { status: 'refused' };
    default:
      return undefined;
  }
}

/** The state before the last step, as its own cell keeps it: spelt out, since blank means none. */
export function encodePrevious(state: UnitState): string {
  return encodeState(state) || 'none';
}

/** The previous-state cell: null when there is no step to undo, undefined when it was edited. */
export function decodePrevious(code: string, ladder: Ladder): UnitState | null | undefined {
  return code.trim() === '' ? null : decodeState(code, ladder);
}
