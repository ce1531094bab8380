import { overdue } from '../domain/deadlines';
import { tr } from '../domain/i18n';
import { grantsOf, rolesOver } from '../domain/people';
import {
  ACTIONS,
  type Action,
  actionLabel,
  isDecided,
  stateLabel,
  transition,
} from '../domain/workflow';
import { type ActPorts, type ActRequest, act, type Target } from './act';
import { readAudit } from './audit-log';
import { RESULT_KEYS, scoringColumns, WORKFLOW_KEYS } from './layout';
import { actNotice } from './notices';
import { readPeople } from './people-sheet';
import { frozenEditText, sealStillHolds } from './seal';
import { readSettings } from './settings-sheet';
import { ladderFor } from './unit-state';
import { type WorkflowRow, workflowRows } from './workflow-rows';

/**
 * What the sidebar shows and does: the selected unit (status, history, the actions the current user
 * may take) and «Việc của tôi», the units waiting for that user on every scoring sheet. Plain data:
 * the HTML page (src/gas/html/Sidebar.html) renders it as text and calls back with an action.
 */

export interface ActionChoice {
  readonly action: Action;
  readonly label: string;
  /** What the officer must add: a comment (return, refuse, undo) or a decision (recognise). */
  readonly needs: 'comment' | 'decision' | 'revocation' | 'level' | 'none';
}

export interface UnitView {
  readonly sheet: string;
  readonly row: number;
  readonly code: string;
  readonly name: string;
  readonly district: string;
  readonly status: string;
  /** «Quá hạn gửi (28/02/2027)» and the like, or ''. */
  readonly overdue: string;
  readonly result: string;
  readonly lastComment: string;
  /** A decided row whose values were edited after its decision: the warning, or ''. */
  readonly frozen: string;
  readonly history: readonly {
    readonly time: string;
    readonly user: string;
    readonly action: string;
    readonly to: string;
    readonly comment: string;
  }[];
  readonly actions: readonly ActionChoice[];
}

export interface WaitingUnit {
  readonly sheet: string;
  readonly row: number;
  readonly code: string;
  readonly name: string;
  readonly status: string;
  readonly overdue: string;
}

export interface SidebarData {
  readonly user: string;
  readonly ladder: string;
  readonly warning: string;
  readonly unit: UnitView | null;
  /** Why no unit is shown, when none is. */
  readonly hint: string;
  readonly mine: readonly WaitingUnit[];
  readonly text: Readonly<Record<string, string>>;
}

const NEEDS: Record<Action, ActionChoice['needs']> = {
  register: 'none',
  submit: 'none',
  approve: 'none',
  recognise: 'decision',
  return: 'comment',
  refuse: 'comment',
  revert: 'comment',
  // The revoking decision's number and date, and the reason.
  revoke: 'revocation',
};

/** The words of the page, in the workbook's language. */
function pageText(): Record<string, string> {
  return {
    title: tr('Đơn vị đang chọn', 'Selected unit'),
    status: tr('Trạng thái', 'Status'),
    result: tr('Kết quả', 'Result'),
    lastComment: tr('Nhận xét gần nhất', 'Latest comment'),
    history: tr('Lịch sử', 'History'),
    noHistory: tr('Chưa có gì trong «Nhật ký».', 'Nothing in the «Nhật ký» log yet.'),
    comment: tr('Nhận xét / lý do', 'Comment / reason'),
    decisionNumber: tr('Số quyết định', 'Decision number'),
    decisionDate: tr('Ngày quyết định (ngày/tháng/năm)', 'Decision date (day/month/year)'),
    level: tr('Mức đề nghị công nhận', 'Level applied for'),
    levelReached: tr('Theo kết quả tự đánh giá', 'The level the self-assessment reaches'),
    noAction: tr(
      'Bạn không có bước nào để làm với đơn vị này lúc này.',
      'There is no step for you to take on this unit now.',
    ),
    mine: tr('Việc của tôi', 'My work'),
    noneMine: tr('Không có đơn vị nào đang chờ bạn.', 'No unit is waiting for you.'),
    refresh: tr('Tải lại', 'Refresh'),
    working: tr('Đang xử lý…', 'Working…'),
    you: tr('Bạn', 'You'),
    // Google's PERMISSION_DENIED when the browser is signed into several accounts (Apps Script limitation).
    severalAccounts: tr(
      'Google chưa cho thanh bên chạy vì trình duyệt đang đăng nhập nhiều tài khoản Google cùng lúc. Hãy đăng xuất các tài khoản khác (chỉ giữ tài khoản có trong trang «Người dùng»), hoặc mở bảng tính trong một cửa sổ ẩn danh chỉ đăng nhập tài khoản đó, rồi mở lại thanh bên.',
      'Google did not let the sidebar run because the browser is signed into several Google accounts at once. Sign out of the others (keep only the account listed in the «Người dùng» sheet), or open the spreadsheet in a private window signed into that account alone, then open the sidebar again.',
    ),
  };
}

/** Whether the values a decided row sealed were edited since. */
function editedAfterDecision(ctx: ActPorts, entry: WorkflowRow): boolean {
  const sealed = cellTextOf(entry, WORKFLOW_KEYS.approvedHash);
  if (sealed === '') return false;
  const columns = scoringColumns(entry.rubric);
  const keys = [...columns.inputs, ...columns.evidence, ...columns.meeting].map((spec) => spec.key);
  const row = keys.map((key) => entry.value(key));
  return !sealStillHolds(
    sealed,
    row,
    keys.map((_, i) => i),
    ctx.hasher,
  );
}

const cellTextOf = (entry: WorkflowRow, key: string) => entry.cell(key);

/** A stand-in for what the officer will type, to ask the state machine which actions are open. */
const PROBE = { comment: '-', decision: { number: '-', date: new Date(0) } };

export function sidebarData(ctx: ActPorts): SidebarData {
  const now = ctx.clock.now();
  const settings = readSettings(ctx.workbook, now);
  // The ladder the page names: the shown unit's, else the settings' default.
  let shownLadder = ladderFor({}, settings);
  const people = readPeople(ctx.workbook);
  const email = ctx.identity.activeUserEmail();
  const grants = grantsOf(people.grants, email);
  const selection = ctx.workbook.selection();
  const history = readAudit(ctx.workbook);
  const mine: WaitingUnit[] = [];
  let unit: UnitView | null = null;

  for (const entry of workflowRows(ctx.workbook, settings, now)) {
    const { ladder, state, previous, cell, code } = entry;
    const access = rolesOver(grants, email, {
      code,
      district: entry.district,
      commune: entry.commune,
      cluster: entry.cluster,
    });
    const open =
      state && access.ok
        ? ACTIONS.filter(
            (action) =>
              transition(
                state,
                { action, roles: access.roles, ...PROBE, ...(previous ? { previous } : {}) },
                ladder,
              ).ok,
          )
        : [];
    const status = state ? stateLabel(state, ladder) : cell(WORKFLOW_KEYS.label);
    const late = (state && overdue(state, ladder, entry.deadlines, settings.year, now)) ?? '';
    // Waiting for this user: a step of the ladder is theirs (an undo or a revocation, open on every
    // decided unit, is not work waiting).
    if (open.some((action) => action !== 'revert' && action !== 'revoke')) {
      mine.push({
        sheet: entry.sheet,
        row: entry.row,
        code,
        name: entry.name,
        status,
        overdue: late,
      });
    }
    if (!selection || selection.sheet !== entry.sheet || selection.rows[0] !== entry.row) continue;
    shownLadder = ladder;
    const resultKey = entry.rubric.method === 'points' ? RESULT_KEYS.band : RESULT_KEYS.level;
    unit = {
      sheet: entry.sheet,
      row: entry.row,
      code,
      name: entry.name,
      district: entry.district,
      status,
      overdue: late,
      result: cell(RESULT_KEYS.reviewed)
        ? tr(
            `${cell(resultKey)} (thẩm định: ${cell(RESULT_KEYS.reviewed)})`,
            `${cell(resultKey)} (reviewed: ${cell(RESULT_KEYS.reviewed)})`,
          )
        : cell(resultKey),
      lastComment: cell(WORKFLOW_KEYS.comment),
      frozen:
        state && isDecided(state) && editedAfterDecision(ctx, entry)
          ? frozenEditText(cell(WORKFLOW_KEYS.decisionNumber))
          : '',
      history: history
        .filter((row) => row.unit === code)
        .map(({ time, user, action, to, comment }) => ({ time, user, action, to, comment })),
      // Submitting a levels title states the level applied for.
      actions: open.map((action) => ({
        action,
        label: actionLabel(action),
        needs: action === 'submit' && entry.rubric.method === 'levels' ? 'level' : NEEDS[action],
      })),
    };
  }

  return {
    user: email,
    ladder: shownLadder.label,
    warning: shownLadder.warning ?? '',
    unit,
    hint: unit
      ? ''
      : tr(
          'Chọn một dòng đơn vị trên trang chấm điểm rồi bấm «Tải lại», hoặc chọn một đơn vị trong «Việc của tôi».',
          'Select a unit’s row on a scoring sheet and press «Refresh», or pick a unit under «My work».',
        ),
    mine,
    text: pageText(),
  };
}

/** What an action from the sidebar answers: its notice, whether it was refused, the page anew. */
export interface SidebarResult {
  readonly notice: string;
  readonly problem: boolean;
  readonly data: SidebarData;
}

/** The sidebar's action on the unit it shows: the same rules, lock and log as the menu. */
export function sidebarAct(ctx: ActPorts, target: Target, request: ActRequest): SidebarResult {
  const report = act(ctx, request, target);
  return {
    notice: actNotice(report),
    problem: report.done.length === 0,
    data: sidebarData(ctx),
  };
}

/** «Việc của tôi»: moves the selection to the unit's row and shows it. */
export function sidebarOpen(ctx: ActPorts, sheet: string, row: number): SidebarData {
  ctx.workbook.select(sheet, row);
  return sidebarData(ctx);
}
