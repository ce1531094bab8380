import { type CellValue, cellText, textKey } from '../domain/cells';
import { overdue } from '../domain/deadlines';
import { tr } from '../domain/i18n';
import { type Grant, grantsOf, rolesOver, sameEmail } from '../domain/people';
import { deadlinesOf } from '../domain/procedures';
import type { Settings } from '../domain/settings';
import {
  ACTIONS,
  type Action,
  actionLabel,
  isDecided,
  stateLabel,
  transition,
} from '../domain/workflow';
import { type ActPorts, type ActRequest, act, type Target } from './act';
import { readCriteria } from './criteria-sheet';
import { columnNamed, editedHeaders, LOG_ROW_HEADER } from './hand-edit';
import { RESULT_KEYS, scoringColumns, UNIT_COLUMNS, UNITS_SHEET, WORKFLOW_KEYS } from './layout';
import { actNotice } from './notices';
import { readPeople } from './people-sheet';
import type { WorkbookPort } from './ports';
import { awaitingText, peopleNow, readConfirmed, rightsNow } from './protection';
import { frozenEditText, sealStillHolds } from './seal';
import { readSettings } from './settings-sheet';
import { locateColumns, locateRequired } from './table';
import { historyHandEdit, unitHistory } from './unit-history';
import { unitPlaceOf } from './unit-places';
import { ladderFor } from './unit-state';
import { type WorkflowRow, workflowRowOf, workflowRows } from './workflow-rows';

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
  /** Cells XHHT writes that disagree with the unit's last log row («sửa tay»): the warning, or ''. */
  readonly handEdit: string;
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
  /**
   * Who awaits an administrator's confirmation of «Người dùng» (said to administrators), or that the
   * user does (said to them); '' otherwise.
   */
  readonly people: string;
  readonly unit: UnitView | null;
  /** Why no unit is shown, when none is. */
  readonly hint: string;
  /** null: the page asks for it in a second call (`sidebarMine`), once the unit is shown. */
  readonly mine: readonly WaitingUnit[] | null;
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

/**
 * What the sidebar shows. The selected unit costs what it touches (issue 12): the header and the
 * unit's row, its place in the units sheet, and its history along the log's pointers (./unit-history.ts),
 * never the whole scoring sheet or log. «Việc của tôi» reads every scoring sheet, so the page asks for
 * it in a second call (`sidebarMine`) once the unit is shown; `mine: false` leaves it out here.
 */
/**
 * Who awaits confirmation of «Người dùng», told to an administrator (the units sheet read for its
 * communes); to a person who awaits it, that they do. Nothing before a list was ever confirmed.
 */
function awaitingConfirmation(ctx: ActPorts, grants: readonly Grant[], email: string): string {
  const confirmed = readConfirmed(ctx.store);
  if (!confirmed) return '';
  const me = email.trim().toLowerCase();
  const mine = grants.filter((grant) => sameEmail(grant.email, email));
  const admin = mine.some((grant) => grant.role === 'quanTri');
  const communes = new Set<string>();
  if (admin) {
    const [header = [], ...rows] = ctx.workbook.sheet(UNITS_SHEET)?.readValues() ?? [];
    const column = locateColumns(header, UNIT_COLUMNS).columns.get('commune');
    for (const row of rows) if (column !== undefined) communes.add(textKey(row[column - 1]));
  }
  const { awaiting } = rightsNow(
    // Others are told only for rows that review whatever the communes (the units sheet unread).
    peopleNow(admin ? grants : mine.filter((g) => g.role !== 'xa'), communes),
    confirmed,
  );
  if (awaiting.includes(me)) {
    return tr(
      'Bạn đã được ghi vào trang «Người dùng» nhưng quản trị chưa xác nhận, nên chưa sửa được cột thẩm định hay các trang được bảo vệ.',
      'You were written into «Người dùng» but an administrator has not confirmed it yet, so you cannot edit the review columns or the protected sheets yet.',
    );
  }
  return admin ? awaitingText(awaiting) : '';
}

export function sidebarData(ctx: ActPorts, options: { readonly mine?: boolean } = {}): SidebarData {
  const now = ctx.clock.now();
  const settings = readSettings(ctx.workbook, now);
  // The ladder the page names: the shown unit's, else the settings' default.
  let shownLadder = ladderFor({}, settings);
  const people = readPeople(ctx.workbook);
  const email = ctx.identity.activeUserEmail();
  const grants = grantsOf(people.grants, email);
  const selected = selectedRow(ctx.workbook, settings, now, grants);
  let unit: UnitView | null = null;
  if (selected) {
    shownLadder = selected.ladder;
    unit = unitView(ctx, selected, openActions(selected, grants, email), settings, now);
  }
  return {
    user: email,
    ladder: shownLadder.label,
    warning: shownLadder.warning ?? '',
    people: awaitingConfirmation(ctx, people.grants, email),
    unit,
    hint: unit
      ? ''
      : tr(
          'Chọn một dòng đơn vị trên trang chấm điểm rồi bấm «Tải lại», hoặc chọn một đơn vị trong «Việc của tôi».',
          'Select a unit’s row on a scoring sheet and press «Refresh», or pick a unit under «My work».',
        ),
    mine: options.mine === false ? null : sidebarMine(ctx),
    text: pageText(),
  };
}

/** The steps `email` may take on a unit now. */
function openActions(
  entry: WorkflowRow,
  grants: ReturnType<typeof grantsOf>,
  email: string,
): Action[] {
  const { ladder, state, previous, code } = entry;
  const access = rolesOver(grants, email, {
    code,
    district: entry.district,
    commune: entry.commune,
    cluster: entry.cluster,
  });
  return state && access.ok
    ? ACTIONS.filter(
        (action) =>
          transition(
            state,
            { action, roles: access.roles, ...PROBE, ...(previous ? { previous } : {}) },
            ladder,
          ).ok,
      )
    : [];
}

/** The selected row of a scoring sheet, read alone with its sheet's header; undefined when none. */
function selectedRow(
  workbook: WorkbookPort,
  settings: Settings,
  now: Date,
  grants: readonly Grant[],
): WorkflowRow | undefined {
  const selection = workbook.selection();
  const row = selection?.rows[0];
  if (!selection || row === undefined || row < 2) return undefined;
  const rubric = (readCriteria(workbook) ?? [])
    .map((read) => read.rubric)
    .find((candidate) => candidate?.scoringSheet === selection.sheet);
  const sheet = rubric ? workbook.sheet(rubric.scoringSheet) : undefined;
  if (!rubric || !sheet || row > sheet.lastRow()) return undefined;
  const width = Math.max(1, sheet.lastColumn());
  const header = sheet.readRange(1, 1, 1, width)[0] ?? [];
  const located = locateRequired(sheet.name, header, scoringColumns(rubric).all);
  const cells = sheet.readRange(row, 1, 1, width)[0] ?? [];
  const code = cellText(cells[(located.columns.get('code') ?? 0) - 1]);
  // The unit's commune, cluster and district (the protected units sheet, never the scoring row's
  // «Huyện», which its officer can retype) matter only to a scope that may name one: not to the
  // province or the unit's own code.
  const plain = new Set(['', textKey(code)]);
  const looked = code !== '' && grants.some((grant) => !plain.has(textKey(grant.scope)));
  const place = looked ? unitPlaceOf(workbook, code) : undefined;
  const frame = {
    rubric,
    deadlines: deadlinesOf(rubric),
    sheet: sheet.name,
    located,
    placeOf: () => place,
    // Looked up: «Đơn vị»'s district, none for a code it does not list; not needed: the row's.
    districtOf: (_code: string, rowDistrict: string) =>
      place ? place.district : looked ? '' : rowDistrict,
  };
  const entry = workflowRowOf(frame, cells, row, settings, now);
  if (!entry) return undefined;
  // The script-owned pointer to the unit's last log row, found by its header.
  const pointer = columnNamed(header, LOG_ROW_HEADER);
  return Object.assign(entry, {
    logRow: pointer === undefined ? '' : (cells[pointer - 1] ?? ''),
  });
}

function unitView(
  ctx: ActPorts,
  entry: WorkflowRow & { readonly logRow?: CellValue },
  open: readonly Action[],
  settings: Settings,
  now: Date,
): UnitView {
  const { ladder, state, cell, code } = entry;
  const status = state ? stateLabel(state, ladder) : cell(WORKFLOW_KEYS.label);
  const late = (state && overdue(state, ladder, entry.deadlines, settings.year, now)) ?? '';
  const resultKey = entry.rubric.method === 'points' ? RESULT_KEYS.band : RESULT_KEYS.level;
  const history = unitHistory(ctx.workbook, code, entry.logRow);
  const edit = historyHandEdit(history, ctx.store, ctx.workbook, code, entry.value);
  return {
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
    handEdit: edit
      ? tr(
          `Sửa tay: ${editedHeaders(edit)} khác với nhật ký${edit.logRow === undefined ? ' (không có dòng nào của đơn vị)' : ` dòng ${edit.logRow}`}. Đơn vị không được công nhận, không được tính, không được xuất cho đến khi quản trị viên khôi phục từ nhật ký hoặc một bước hợp lệ xử lý.`,
          `Edited by hand: ${editedHeaders(edit)} differ from the log${edit.logRow === undefined ? ' (no row of the unit)' : ` row ${edit.logRow}`}. The unit is not recognised, counted or exported until an administrator restores it from the log or an authorised step settles it.`,
        )
      : '',
    history: history.rows.map(({ time, user, action, to, comment }) => ({
      time,
      user,
      action,
      to,
      comment,
    })),
    // Submitting a levels title states the level applied for.
    actions: open.map((action) => ({
      action,
      label: actionLabel(action),
      needs: action === 'submit' && entry.rubric.method === 'levels' ? 'level' : NEEDS[action],
    })),
  };
}

/** «Việc của tôi»: the units waiting for the signed-in user on every scoring sheet (one read a sheet). */
export function sidebarMine(ctx: ActPorts): WaitingUnit[] {
  const now = ctx.clock.now();
  const settings = readSettings(ctx.workbook, now);
  const email = ctx.identity.activeUserEmail();
  const grants = grantsOf(readPeople(ctx.workbook).grants, email);
  const mine: WaitingUnit[] = [];
  for (const entry of workflowRows(ctx.workbook, settings, now)) {
    const open = openActions(entry, grants, email);
    // Waiting for this user: a step of the ladder is theirs (an undo or a revocation, open on every
    // decided unit, is not work waiting).
    if (!open.some((action) => action !== 'revert' && action !== 'revoke')) continue;
    const { state, ladder } = entry;
    mine.push({
      sheet: entry.sheet,
      row: entry.row,
      code: entry.code,
      name: entry.name,
      status: state ? stateLabel(state, ladder) : entry.cell(WORKFLOW_KEYS.label),
      overdue: (state && overdue(state, ladder, entry.deadlines, settings.year, now)) ?? '',
    });
  }
  return mine;
}

/** What an action from the sidebar answers: its notice, whether it was refused, the page anew. */
export interface SidebarResult {
  readonly notice: string;
  readonly problem: boolean;
  readonly data: SidebarData;
}

/** The sidebar's action on the unit it shows: the same rules, lock and log as the menu. */
export function sidebarAct(
  ctx: ActPorts,
  target: Target,
  request: ActRequest,
  options: { readonly mine?: boolean } = {},
): SidebarResult {
  const report = act(ctx, request, target);
  return {
    notice: actNotice(report),
    problem: report.done.length === 0,
    data: sidebarData(ctx, options),
  };
}

/** «Việc của tôi»: moves the selection to the unit's row and shows it. */
export function sidebarOpen(
  ctx: ActPorts,
  sheet: string,
  row: number,
  options: { readonly mine?: boolean } = {},
): SidebarData {
  ctx.workbook.select(sheet, row);
  return sidebarData(ctx, options);
}
