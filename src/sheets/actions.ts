import { logName } from '../domain/audit';
import {
  CATALOG,
  defaultRubricId as defaultRubricFor,
  findRubric,
  rubricsForYear,
} from '../domain/catalog';
import { type CellValue, isBlank, normalizeText, textKey } from '../domain/cells';
import { readDecisionDate } from '../domain/decision-date';
import {
  type FormulaResult,
  rowBands,
  rowLevels,
  rowProblems,
  rowTotals,
  rubricNamed,
  usableRubric,
} from '../domain/formulas';
import { tr, useLanguage } from '../domain/i18n';
import { MESSAGES } from '../domain/messages';
import { needsConfirmation } from '../domain/offline-claims';
import { grantsOf } from '../domain/people';
import { inForceFor, missingValues, type Rubric, repealNote } from '../domain/rubric';
import { settingSpec, summaryDue } from '../domain/settings';
import { ACTIONS, type Action } from '../domain/workflow';
import { type ActPorts, type ActRequest, act } from './act';
import { archive, archiveNotice } from './archive';
import {
  AUDIT_SHEET,
  type AuditPorts,
  acceptPendingRows,
  pendingRows,
  readAuditFrom,
  restartAuditChain,
  verifyAuditLog,
  verifyNotice,
} from './audit-log';
import {
  type ConfirmPorts,
  confirmNotice,
  confirmPeople,
  confirmQuestionText,
  peopleChange,
} from './confirm-people';
import { criteriaFromValues, type RubricRead, readCriteria } from './criteria-sheet';
import { dailyColumns } from './daily-read';
import { SheetError } from './errors';
import { exportNotice, exportRecognised } from './export-recognised';
import {
  handEditNotice,
  type LogRecords,
  logCellsKept,
  readLogRecords,
  scanHandEdits,
} from './hand-edit';
import { CRITERIA_SHEET, SETTINGS_SHEET } from './layout';
import {
  MAIL_OWNER_KEY,
  MAIL_SWITCH_KEY,
  mailOwnership,
  showMailOwner,
  triggerMayRun,
} from './mail-owner';
import {
  DAILY_DONE_KEY,
  dayKey,
  installHourlyTrigger,
  MAIL_HANDLERS,
  markDailyWorkDone,
  retiredNotice,
  retireFormerTriggers,
} from './mail-schedule';
import { MENU_TITLE, menuItems } from './menu';
import {
  actNotice,
  chooseRubric,
  confirmQuestion,
  isConfirmation,
  type SetUpChoice,
  scoreAllNotice,
  setUpNotice,
  setUpQuestion,
} from './notices';
import { noteClaims } from './offline-claims';
import { OUTBOX_SHEET, outboxIdle, sendNotice, sendOutbox } from './outbox';
import { PEOPLE_SHEET, readPeople } from './people-sheet';
import {
  BusyError,
  type Context,
  type HasherPort,
  type IdentityPort,
  type MailerPort,
  type StorePort,
  type TriggersPort,
  type UiPort,
  type WorkbookPort,
} from './ports';
import { readOnce, sheetsOf } from './read-once';
import { importNotice, importRecognitions } from './register-sheet';
import { queueReminders } from './reminders';
import { restoreFromLog, restoreNotice } from './restore-record';
import { scoreAll } from './score-all';
import { confirmLadders, setUp, setUpRefusal } from './set-up';
import { type Basics, readBasics, readSettings } from './settings-sheet';
import {
  type SidebarData,
  type SidebarResult,
  sidebarAct,
  sidebarData,
  sidebarMine,
  sidebarOpen,
  type WaitingUnit,
} from './sidebar';
import { stamp as logStamp } from './stamp';
import { MAILED_KEY, queueMissedStepMail } from './step-mail';
import { composeSummary, queueSummary } from './summary-report';
import { type WorkflowRow, workflowRows } from './workflow-rows';

/** What the menu items and custom formulas do, whatever the platform under them. */

export const APP_TITLE = 'XHHT Sheets';

/** Reads the language and default rubric, and speaks that language from then on. */
function begin(workbook: WorkbookPort): Basics {
  const basics = readBasics(workbook);
  useLanguage(basics.language);
  return basics;
}

/**
 * The menu, in the language of «Cài đặt»; without a workbook (an add-on opened with AuthMode.NONE,
 * which may read nothing) in Vietnamese.
 */
export function buildMenu(ui: UiPort, workbook?: WorkbookPort): void {
  if (workbook) begin(workbook);
  else useLanguage('vi');
  ui.addMenu(MENU_TITLE, menuItems());
}

/** Runs an action and shows its notice (none when it showed its own page), or why it stopped. */
export function run(ctx: Context, action: (basics: Basics) => string | undefined): void {
  let notice: string | undefined;
  try {
    notice = action(begin(ctx.workbook));
  } catch (error) {
    if (!(error instanceof SheetError || error instanceof BusyError)) throw error;
    notice = error.message;
  }
  if (notice !== undefined) ctx.ui.alert(APP_TITLE, notice);
}

/**
 * The rubrics set-up can use: the built-in catalog, those in force for the assessment year first, then
 * any the criteria sheet adds.
 */
export function rubricChoices(workbook: WorkbookPort, year: number | undefined): SetUpChoice[] {
  const catalog = year === undefined ? [...CATALOG] : rubricsForYear(CATALOG, year);
  const builtIn = catalog.map((rubric) => ({
    id: rubric.id,
    title: rubric.title,
    missing: missingValues(rubric).length,
    repealed: repealNote(rubric),
    inForce: year === undefined || inForceFor(rubric, year),
  }));
  let custom: SetUpChoice[] = [];
  try {
    custom = (readCriteria(workbook) ?? [])
      .filter((read) => !findRubric(read.id))
      .map((read) => ({
        id: read.id,
        title: read.rubric?.title ?? read.id,
        missing: read.missing.length,
      }));
  } catch (error) {
    if (!(error instanceof SheetError)) throw error;
  }
  return [...builtIn, ...custom];
}

export function setUpAction(
  ctx: Context & {
    readonly identity?: IdentityPort;
    readonly store?: StorePort;
    readonly triggers?: TriggersPort;
  },
): void {
  run(ctx, (basics) => {
    // For administrators (the first set-up for the owner): refused before the question, nothing written.
    const refused = setUpRefusal(ctx);
    if (refused) return refused;
    // A new spreadsheet has no settings yet: the year is this one, as set-up will write it.
    const fresh = !ctx.workbook.sheet(SETTINGS_SHEET);
    const year = fresh ? ctx.clock.now().getFullYear() : basics.year;
    const defaultRubricId = fresh ? defaultRubricFor(year as number) : basics.defaultRubricId;
    const choices = rubricChoices(ctx.workbook, year);
    const answer = ctx.ui.prompt(APP_TITLE, setUpQuestion(choices, defaultRubricId, year));
    if (answer === null) {
      return tr(
        'Đã hủy Khởi tạo bảng tính; bảng tính không thay đổi.',
        'Set-up cancelled; nothing was changed.',
      );
    }
    const report = setUp(ctx, chooseRubric(answer, choices, defaultRubricId));
    // A ladder no text names is never taken silently: the administrator confirms it or leaves it marked.
    let confirmed = 0;
    if (report.confirm.length > 0) {
      const reply = ctx.ui.prompt(APP_TITLE, confirmQuestion(report.confirm));
      if (reply !== null && isConfirmation(reply)) {
        confirmed = confirmLadders(ctx, report.confirm, ctx.identity?.activeUserEmail() ?? '');
      }
    }
    return [setUpNotice(report, confirmed), migrateMailSchedule(ctx)].filter(Boolean).join('\n');
  });
}

/**
 * Set-up moves the current account's mail triggers of an earlier version to the one hourly trigger
 * and refreshes the settings' owner row, which tells another owner that theirs are still the old ones.
 */
function migrateMailSchedule(ctx: {
  readonly workbook: WorkbookPort;
  readonly identity?: IdentityPort;
  readonly store?: StorePort;
  readonly triggers?: TriggersPort;
}): string {
  const { identity, store, triggers } = ctx;
  if (!identity || !store || !triggers) return '';
  const notice = retiredNotice(retireFormerTriggers({ identity, store, triggers }));
  const ownership = mailOwnership(store);
  if (ownership.owner !== '') showMailOwner(ctx.workbook, ownership);
  return notice;
}

export function scoreAllAction(ctx: Context & { readonly hasher?: HasherPort }): void {
  run(ctx, () => scoreAllNotice(scoreAll(ctx)));
}

/** Asks the officer for what an action needs: a comment, or a decision's number and date. */
function details(ctx: Context, action: Action): Omit<ActRequest, 'action'> | null {
  const question = {
    return: tr(
      'Nhận xét gửi kèm khi trả lại (bắt buộc):',
      'Comment to send with the return (required):',
    ),
    refuse: tr('Lý do không công nhận (bắt buộc):', 'Reason for refusing (required):'),
    revert: tr(
      'Lý do hoàn tác bước gần nhất (bắt buộc, ghi vào «Nhật ký»):',
      'Reason for undoing the latest step (required, written to «Nhật ký»):',
    ),
  }[action as string];
  if (question) {
    const comment = ctx.ui.prompt(APP_TITLE, question);
    return comment === null ? null : { comment };
  }
  if (action === 'submit') {
    // A levels title: the level applied for (blank: the level the result reaches).
    const selection = ctx.workbook.selection();
    const rubric = readCriteria(ctx.workbook)?.find(
      (read) => read.rubric?.scoringSheet === selection?.sheet,
    )?.rubric;
    if (rubric?.method !== 'levels') return {};
    const typed = ctx.ui.prompt(
      APP_TITLE,
      tr(
        'Mức đề nghị công nhận (1 hoặc 2; để trống: theo kết quả tự đánh giá):',
        'Level applied for (1 or 2; blank: the level the self-assessment reaches):',
      ),
    );
    if (typed === null) return null;
    const level = normalizeText(typed).replace(/^mức( độ)?\s*/i, '');
    if (level === '') return {};
    if (level !== '1' && level !== '2')
      throw new SheetError(
        tr(`«${typed}» không phải mức 1 hoặc 2.`, `«${typed}» is not level 1 or 2.`),
      );
    return { level: level === '1' ? 1 : 2 };
  }
  if (action === 'recognise' || action === 'revoke') {
    const number = ctx.ui.prompt(
      APP_TITLE,
      action === 'revoke'
        ? tr(
            'Số quyết định thu hồi / hủy công nhận:',
            'Number of the decision revoking / cancelling the recognition:',
          )
        : tr('Số quyết định công nhận:', 'Recognition decision number:'),
    );
    if (number === null) return null;
    const typed = ctx.ui.prompt(
      APP_TITLE,
      tr('Ngày quyết định (ngày/tháng/năm):', 'Decision date (day/month/year):'),
    );
    if (typed === null) return null;
    const date = readDecisionDate(typed, ctx.clock.now());
    if (!date.ok) throw new SheetError(date.problem);
    if (action === 'revoke') {
      const comment = ctx.ui.prompt(
        APP_TITLE,
        tr('Lý do thu hồi / hủy (bắt buộc):', 'Reason for the revocation (required):'),
      );
      if (comment === null) return null;
      return { decision: { number, date: date.value }, comment };
    }
    return { decision: { number, date: date.value } };
  }
  return {};
}

/** XHHT → Gửi, Duyệt, Trả lại…: the action on the selected rows of a scoring sheet. */
export function actAction(ctx: ActPorts, action: Action): void {
  run(ctx, () => {
    const extra = details(ctx, action);
    if (extra === null) return tr('Đã hủy; không có gì thay đổi.', 'Cancelled; nothing changed.');
    return actNotice(act(ctx, { action, ...extra }));
  });
}

/**
 * XHHT → Khôi phục ô từ nhật ký (quản trị): the selected rows' cells XHHT writes, rewritten from each
 * unit's last log row (issue 11), logged. Needs no sidebar.
 */
export function restoreFromLogAction(ctx: ActPorts): void {
  run(ctx, () => restoreNotice(restoreFromLog(ctx)));
}

/** XHHT → Bảng đơn vị và việc của tôi: the sidebar (src/gas/html/Sidebar.html). */
export function sidebarAction(ctx: Context): void {
  begin(ctx.workbook);
  ctx.ui.showSidebar('Sidebar', tr('XHHT – đơn vị và việc của tôi', 'XHHT – units and my work'));
}

/**
 * Called by the sidebar page: the selected unit, at what it touches; «Việc của tôi» comes in a second
 * call (`sidebarMineAction`), so the unit shows without waiting for every scoring sheet to be read.
 */
export function sidebarDataAction(ctx: ActPorts): SidebarData {
  // Nothing is written: each sheet is looked up and read once (the settings by both begin and the page).
  const book = readOnce(ctx.workbook);
  begin(book);
  return sidebarData({ ...ctx, workbook: book }, { mine: false });
}

/** Called by the sidebar page after it shows the unit: «Việc của tôi». */
export function sidebarMineAction(ctx: ActPorts): WaitingUnit[] {
  begin(ctx.workbook);
  return sidebarMine(ctx);
}

/** Called by the sidebar page: moves to a unit of «Việc của tôi» (whose list the page keeps). */
export function sidebarOpenAction(ctx: ActPorts, sheet: unknown, row: unknown): SidebarData {
  begin(ctx.workbook);
  return sidebarOpen(ctx, String(sheet), Number(row), { mine: false });
}

/** What the sidebar page sends with an action; it comes from a browser, so it is checked here. */
export interface SidebarRequest {
  readonly sheet: string;
  readonly row: number;
  readonly action: string;
  readonly comment?: string;
  readonly decisionNumber?: string;
  readonly decisionDate?: string;
  /** Submitting a levels title: '1', '2', or '' for the level reached. */
  readonly level?: string;
}

/** Called by the sidebar page: an action on the unit it shows; a problem comes back as the notice. */
export function sidebarActAction(ctx: ActPorts, sent: SidebarRequest): SidebarResult {
  begin(ctx.workbook);
  const action = ACTIONS.find((known) => known === sent.action);
  const row = Number(sent.row);
  if (!action || !Number.isInteger(row) || row < 2) {
    throw new Error(`sidebar request not understood: ${JSON.stringify(sent)}`);
  }
  try {
    let decision: ActRequest['decision'];
    if (action === 'recognise' || action === 'revoke') {
      const date = readDecisionDate(String(sent.decisionDate ?? ''), ctx.clock.now());
      if (!date.ok) throw new SheetError(date.problem);
      decision = { number: sent.decisionNumber ?? '', date: date.value };
    }
    return sidebarAct(
      ctx,
      { sheet: String(sent.sheet), rows: [row] },
      {
        action,
        ...(sent.comment === undefined ? {} : { comment: String(sent.comment) }),
        ...(decision ? { decision } : {}),
        ...(sent.level === '1' || sent.level === '2' ? { level: sent.level === '1' ? 1 : 2 } : {}),
      },
    );
  } catch (error) {
    if (!(error instanceof SheetError || error instanceof BusyError)) throw error;
    return { notice: error.message, problem: true, data: sidebarData(ctx) };
  }
}

/** XHHT → Nhập công nhận trước đây (quản trị). */
export function importRecognitionsAction(ctx: ActPorts): void {
  run(ctx, () => importNotice(importRecognitions(ctx)));
}

/** XHHT → Xuất danh sách đã công nhận. */
export function exportRecognisedAction(ctx: Context & { readonly store?: StorePort }): void {
  run(ctx, () => exportNotice(exportRecognised(ctx)));
}

/**
 * XHHT → Gửi thư trong hộp thư đi: an administrator sends the queued mail now, from their account and
 * on its daily quota (DESIGN.md: mail goes from one known account).
 */
export function sendMailAction(
  ctx: Context & AuditPorts & { readonly identity: IdentityPort; readonly mailer: MailerPort },
): void {
  // The administrator's click reads the whole outbox: a row set back to «Chờ gửi» by hand goes too.
  run(ctx, () => notAdmin(ctx) ?? sendNotice(sendOutbox(ctx, { full: true })));
}

/** Why the current user may not act as an administrator, or undefined when they may. */
export function notAdmin(
  ctx: Context & { readonly identity: IdentityPort },
  mail = true,
): string | undefined {
  const email = ctx.identity.activeUserEmail();
  const admin = grantsOf(readPeople(ctx.workbook).grants, email).some(
    (grant) => grant.role === 'quanTri',
  );
  if (admin) return undefined;
  return mail
    ? tr(
        `Chỉ người có vai trò «quản trị» trong trang «Người dùng» làm việc này (thư đi từ tài khoản của họ). ${email || 'Bạn'} chưa có vai trò này.`,
        `Only someone with the «quản trị» role in the «Người dùng» sheet does this (mail goes from their account). ${email || 'You'} do not have it.`,
      )
    : tr(
        `Chỉ người có vai trò «quản trị» trong trang «Người dùng» làm việc này. ${email || 'Bạn'} chưa có vai trò này; không có gì thay đổi.`,
        `Only someone with the «quản trị» role in the «Người dùng» sheet does this. ${email || 'You'} do not have it; nothing changed.`,
      );
}

/**
 * XHHT → Bật gửi thư tự động: installs the triggers (again, once each) on the administrator's account,
 * who becomes the owner of automatic mail. While another account owns it and it is on, says who does:
 * only that account can remove its triggers, so two sets never run.
 */
export function installMailTriggersAction(
  ctx: Context & AuditPorts & { readonly identity: IdentityPort; readonly triggers: TriggersPort },
): void {
  run(ctx, () => {
    const refused = notAdmin(ctx);
    if (refused) return refused;
    const me = ctx.identity.activeUserEmail();
    const current = mailOwnership(ctx.store);
    if (current.on && textKey(current.owner) !== textKey(me)) {
      showMailOwner(ctx.workbook, current);
      return tr(
        `Gửi thư tự động đang bật từ tài khoản ${current.owner}. Mỗi tài khoản chỉ gỡ được lịch của chính mình, nên bạn không bật thêm một bộ lịch thứ hai. Muốn chuyển sang tài khoản của bạn: chọn «Tắt gửi thư tự động» (quản trị viên nào cũng tắt được), rồi bật lại.`,
        `Automatic mail is on from ${current.owner}'s account. Each account can remove only its own schedules, so you cannot add a second set. To move it to your account: choose «Tắt gửi thư tự động» (any administrator can), then turn it on again.`,
      );
    }
    // One hourly trigger replaces any earlier one of this account (10 minutes, daily, weekly).
    installHourlyTrigger(ctx.store, ctx.triggers);
    ctx.store.set(MAIL_OWNER_KEY, me);
    ctx.store.set(MAIL_SWITCH_KEY, 'on');
    showMailOwner(ctx.workbook, mailOwnership(ctx.store));
    return tr(
      'Đã bật gửi thư tự động, từ tài khoản của bạn: hộp thư đi được gửi mỗi giờ một lần; lần chạy đầu tiên mỗi ngày từ «Giờ chạy việc hằng ngày» ở trang «Cài đặt» gửi thêm thư nhắc việc, và báo cáo tổng hợp theo chu kỳ ở trang đó.',
      'Automatic mail is on, from your account: the outbox is sent every hour; the first run each day from the «Giờ chạy việc hằng ngày» hour of the «Cài đặt» sheet also sends the reminders, and the summary as often as that sheet says.',
    );
  });
}

/**
 * XHHT → Tắt gửi thư tự động: a document-level switch any administrator sets; every trigger reads it
 * and stops. The administrator's own schedules are removed; another account's stay there, idle, until
 * that account removes them.
 */
export function removeMailTriggersAction(
  ctx: Context & AuditPorts & { readonly identity: IdentityPort; readonly triggers: TriggersPort },
): void {
  run(ctx, () => {
    const refused = notAdmin(ctx);
    if (refused) return refused;
    const { owner } = mailOwnership(ctx.store);
    ctx.store.set(MAIL_SWITCH_KEY, 'off');
    const removed = ctx.triggers.remove(MAIL_HANDLERS);
    showMailOwner(ctx.workbook, { on: false, owner });
    const theirs =
      owner && textKey(owner) !== textKey(ctx.identity.activeUserEmail())
        ? tr(
            ` Lịch của ${owner} vẫn nằm trong tài khoản đó nhưng không còn gửi gì.`,
            ` ${owner}'s schedules stay in that account but no longer send anything.`,
          )
        : '';
    return tr(
      `Đã tắt gửi thư tự động (${removed} lịch của bạn được gỡ).${theirs} Thư vẫn nằm trong «Hộp thư đi».`,
      `Automatic mail is off (${removed} of your schedules removed).${theirs} The mail stays in «Hộp thư đi».`,
    );
  });
}

/**
 * The time triggers' work: no dialog can open there, so a busy spreadsheet just waits for the next
 * run, and problems stay in the outbox's «Cần kiểm tra» rows. A trigger of an account that does not
 * own automatic mail, or one run while mail is off, exits at once.
 */
export function sendMailTimer(ctx: TimerContext): void {
  try {
    if (!triggerMayRun(ctx.store, ctx.identity)) return;
    sendQueued(ctx);
  } catch (error) {
    if (!(error instanceof BusyError)) throw error;
  }
}

/** The outbox timer's work once the run may go on; throws BusyError. */
function sendQueued(ctx: TimerContext): void {
  // Nothing else first: with nothing queued this reads two properties and two metadata.
  if (outboxIdle(ctx)) return;
  begin(ctx.workbook);
  sendOutbox(ctx);
}

/**
 * How long the morning run goes on verifying the log, first thing, before its other work (it resumes the
 * next day): about 55,000 rows a day (5,000 a read), whatever the number of units. It was 15 s from the
 * run's start with the reads first, which left about 45,000 rows a day at 5,000 units and one block
 * of 5,000 at 50,000.
 */
const DAILY_VERIFY_BUDGET_MS = 12 * 1000;

/** What a timer is given: the audit ports, who runs it, and a mailer. */
type TimerContext = Context &
  AuditPorts & { readonly identity: IdentityPort; readonly mailer: MailerPort };

/**
 * The daily work by itself (the trigger of version 0.3 at 7 h, and what tests call): the mail of a
 * cut-off step, the day's reminders, the summary when its period says so; then the outbox goes out.
 */
export function dailyMailTimer(ctx: TimerContext): void {
  try {
    const startedAt = ctx.clock.now();
    if (!triggerMayRun(ctx.store, ctx.identity)) return;
    dailyWork(ctx, startedAt);
  } catch (error) {
    if (!(error instanceof BusyError)) throw error;
  }
}

function dailyWork(ctx: TimerContext, startedAt: Date): void {
  // Each sheet read once for the whole run (issue 12): the scoring sheets, units, people and settings
  // serve the step mail, the reminders, the «sửa tay» pass, the summary and the sender alike; of the
  // sheets that grow with the units, only the columns some part of the run reads (./daily-read.ts).
  // Writes go through. The outbox is never kept: the run queues mail under the lock at two moments
  // (the step mail and reminders, then the summary) and lets go in between, when officers' steps
  // append to it; a row count read under the first lock would put the summary over their mail.
  const day = {
    ...ctx,
    workbook: sheetsOf(readOnce(ctx.workbook, dailyColumns), ctx.workbook, [OUTBOX_SHEET]),
  };
  begin(day.workbook);
  const settings = readSettings(day.workbook, startedAt);
  // The full log verification first, a block at a time from where the last run stopped, for up to
  // 12 s of the run: what it checks a day does not shrink as the units grow. A log sheet that cannot
  // be read (a renamed header) is «Kiểm tra nhật ký»'s to report: the mail still goes.
  // It keeps the log's unit and record cells as it reads them, for the «sửa tay» pass below.
  const kept = logCellsKept();
  let verified = false;
  try {
    verified = verifyAuditLog(ctx, {
      startedAt,
      budgetMs: DAILY_VERIFY_BUDGET_MS,
      seen: kept.add,
    }).done;
  } catch (error) {
    if (!(error instanceof SheetError)) throw error;
  }
  // How far the log went before the run read the scoring sheets (they are read on first use, below):
  // the «sửa tay» pass leaves units a later log row names to the next day.
  const logRowsAtRead = ctx.workbook.sheet(AUDIT_SHEET)?.lastRow() ?? 0;
  // The units' workflow rows and the grants, made once from that read for every part of the run,
  // as the run's day sees them.
  let rows: readonly WorkflowRow[] | undefined;
  const unitRows = () => {
    rows ??= workflowRows(day.workbook, settings, startedAt);
    return rows;
  };
  const grants = readPeople(day.workbook).grants;
  ctx.lock.withLock(() => {
    // Only the log rows past the mail mark, and for the reminders only what «since when» needs:
    // never the whole log (issue 12).
    const mark = Number(ctx.store.get(MAILED_KEY) ?? Number.NaN);
    const first = Number.isInteger(mark) ? mark : Number.MAX_SAFE_INTEGER;
    queueMissedStepMail(day, readAuditFrom(ctx.workbook, first), settings, grants, unitRows);
    queueReminders(day, settings, undefined, { rows: unitRows(), grants });
  });
  // The log checked to its end: each unit's «Sửa tay» cell follows what the log says, from the
  // scoring cells of the run's one read.
  let records: LogRecords | undefined;
  try {
    if (verified)
      records = scanHandEdits(day, { whole: true, logRowsAtRead, seen: kept.seen() }).log;
  } catch (error) {
    if (!(error instanceof SheetError)) throw error;
  }
  // Without the pass (the log not verified to its end today) the summary still takes the log's unit
  // and record cells the verification read, and reads only the rest.
  if (summaryDue(settings.summaryPeriod, ctx.clock.now()))
    queueSummary(day, { log: records ?? readLogRecords(day, kept.seen()), rows: unitRows() });
  // The sender checks recipients against the people and settings the run read; the outbox it reads
  // afresh (issue 11: each row re-read under the lock before it is marked).
  sendOutbox(
    { ...ctx, workbook: sheetsOf(ctx.workbook, day.workbook, [PEOPLE_SHEET, SETTINGS_SHEET]) },
    { startedAt },
  );
}

/**
 * The one trigger of automatic mail, every hour: the outbox, and once a day, at the first run from
 * the configured hour, the daily work (the day is remembered in the document properties). A run of
 * an account that does not own automatic mail, or while mail is off, exits at once. The settings are
 * read only while the day's work is still to do; a settings sheet that cannot be read takes the
 * initial hour, and the daily work then fails on it as it would have (once: the day counts as done).
 */
export function hourlyMailTimer(ctx: TimerContext): void {
  try {
    const startedAt = ctx.clock.now();
    if (!triggerMayRun(ctx.store, ctx.identity)) return;
    if (ctx.store.get(DAILY_DONE_KEY) !== dayKey(startedAt)) {
      let hour = settingSpec('dailyHour').initial(startedAt.getFullYear()) as number;
      try {
        hour = readSettings(ctx.workbook, startedAt).dailyHour;
      } catch (error) {
        if (!(error instanceof SheetError)) throw error;
      }
      if (startedAt.getHours() >= hour) {
        try {
          dailyWork(ctx, startedAt);
        } catch (error) {
          // Busy: the next hour tries again. Anything else fails once a day, as the daily trigger did.
          if (!(error instanceof BusyError)) markDailyWorkDone(ctx.store, startedAt);
          throw error;
        }
        markDailyWorkDone(ctx.store, startedAt);
        return;
      }
    }
    sendQueued(ctx);
  } catch (error) {
    if (!(error instanceof BusyError)) throw error;
  }
}

/**
 * A trigger of an earlier version fires (every 10 minutes, daily, weekly): it retires, on its own
 * account, in favour of the one hourly trigger (installed only for the account that sends automatic
 * mail), then does its work this once; any other account's run exits after removing its own.
 */
export function formerMailTimer(
  ctx: TimerContext & { readonly triggers: TriggersPort },
  work: (ctx: TimerContext) => void,
): void {
  const retired = retireFormerTriggers(ctx);
  work(ctx);
  // After the work: a workbook without a recorded owner has one now (the first trigger claims it).
  const ownership = mailOwnership(ctx.store);
  if (!retired.installed || ownership.owner === '') return;
  try {
    showMailOwner(ctx.workbook, ownership);
  } catch {
    // The row is information: a settings sheet that cannot be read is set-up's to report, and one the
    // trigger's account may no longer edit (an owner no longer among the administrators «Cài đặt» is
    // protected for) must not fail the mail that was sent.
  }
}

/** XHHT → Xem trước báo cáo tổng hợp: the mail as the committee will see it, chart included. */
export function previewSummaryAction(ctx: Context & AuditPorts): void {
  run(ctx, () => {
    const { mail } = composeSummary(ctx);
    ctx.ui.showDialog(mail.subject, mail.html, mail.chart);
    return undefined;
  });
}

/**
 * XHHT → Gửi báo cáo tổng hợp ngay: queued for the committee; an administrator's click sends the
 * outbox at once (from their account, within the day's quota), anyone else's leaves it to them.
 */
export function sendSummaryAction(
  ctx: Context & AuditPorts & { readonly identity: IdentityPort; readonly mailer: MailerPort },
): void {
  run(ctx, () => {
    const { notice, queued } = queueSummary(ctx);
    if (queued === 0) return notice;
    if (notAdmin(ctx)) {
      return `${notice}\n${tr(
        'Thư đi khi người quản trị chọn «Gửi thư trong hộp thư đi», hoặc trong vòng một giờ nếu đã bật gửi thư tự động.',
        'It goes when an administrator chooses «Gửi thư trong hộp thư đi», or within the hour if automatic mail is on.',
      )}`;
    }
    return `${notice}\n${sendNotice(sendOutbox(ctx))}`;
  });
}

/** Who acts, as the log names them, and when, for an administrator's logged step on the log itself. */
export function logActor(ctx: Context & { readonly identity: IdentityPort }) {
  return {
    time: logStamp(ctx.clock.now()),
    user: logName(ctx.identity.activeUserEmail(), ctx.identity.vouched),
  };
}

/**
 * XHHT → Bắt đầu lại chuỗi nhật ký (quản trị): the only way to a new chain, explicit and logged. The
 * administrator gives the reason; the old rows stay in the sheet, the old head is written in the new
 * chain's first row.
 */
export function restartLogAction(
  ctx: Context & AuditPorts & { readonly identity: IdentityPort },
): void {
  run(ctx, () => {
    const refused = notAdmin(ctx, false);
    if (refused) return refused;
    const reason = ctx.ui.prompt(
      APP_TITLE,
      tr(
        'Bắt đầu lại chuỗi nhật ký: các dòng hiện có được giữ nguyên nhưng không còn được kiểm; dòng đầu của chuỗi mới ghi tên bạn, lý do và mã đầu chuỗi cũ. Chỉ làm khi nhật ký đã bị xóa hay hỏng mà không khôi phục được từ lịch sử phiên bản. Lý do (bắt buộc):',
        "Restart the audit chain: the rows there stay but are no longer checked; the new chain's first row records your name, the reason and the old chain head. Do this only when the log was deleted or broken and cannot be restored from the version history. Reason (required):",
      ),
    );
    if (reason === null || reason.trim() === '') {
      return tr(
        'Chưa bắt đầu lại chuỗi nhật ký: cần ghi lý do. Không có gì thay đổi.',
        'The chain was not restarted: a reason is required. Nothing changed.',
      );
    }
    const oldHead = ctx.lock.withLock(() => {
      const head = restartAuditChain(ctx, {
        ...logActor(ctx),
        action: 'Bắt đầu lại chuỗi nhật ký',
        reason,
      });
      ctx.workbook.flush();
      return head;
    });
    return tr(
      `Đã bắt đầu lại chuỗi nhật ký; mã đầu chuỗi cũ (${oldHead || 'chưa có'}) được ghi ở dòng đầu của chuỗi mới.`,
      `The audit chain was restarted; the old chain head (${oldHead || 'none'}) is written in the new chain's first row.`,
    );
  });
}

/**
 * XHHT → Nhận các dòng nhật ký chưa lưu giữ (quản trị): rows past the kept head (an offline round
 * trip, a cut-off run, rows added by hand) are shown with who wrote them; an administrator who accepts
 * them records it in a row of their own. Until then no step writes after them.
 */
export function acceptLogRowsAction(
  ctx: Context & AuditPorts & { readonly identity: IdentityPort },
): void {
  run(ctx, () => {
    const refused = notAdmin(ctx, false);
    if (refused) return refused;
    const pending = pendingRows(ctx);
    if ('problem' in pending) return pending.problem;
    const lines = pending.rows
      .slice(0, 20)
      .map((row) => `• ${row.time} · ${row.user} · ${row.unit} · ${row.action} → ${row.to}`);
    if (pending.rows.length > 20) lines.push(`… (+${pending.rows.length - 20})`);
    const note = ctx.ui.prompt(
      APP_TITLE,
      [
        tr(
          `${pending.rows.length} dòng từ dòng ${pending.first} của «Nhật ký» chưa được mã đầu chuỗi lưu giữ bao gồm:`,
          `${pending.rows.length} rows from row ${pending.first} of «Nhật ký» are not covered by the kept chain head:`,
        ),
        ...lines,
        tr(
          'Tên ghi «ngoại tuyến, chưa xác thực» do người dùng xhht tự khai. Nhận các dòng này vào nhật ký? Ghi căn cứ (ví dụ: tệp ngoại tuyến của ai, ngày nào; bắt buộc), hoặc Hủy:',
          'Names marked «ngoại tuyến, chưa xác thực» were self-declared in xhht. Accept these rows into the log? Write the grounds (whose offline file, which day; required), or Cancel:',
        ),
      ].join('\n'),
    );
    if (note === null || note.trim() === '') {
      return tr(
        'Chưa nhận: cần ghi căn cứ. Không có gì thay đổi.',
        'Not accepted: the grounds are required. Nothing changed.',
      );
    }
    const accepted = ctx.lock.withLock(() => {
      const count = acceptPendingRows(ctx, {
        ...logActor(ctx),
        action: 'Nhận dòng nhật ký chưa lưu giữ',
        note,
      });
      // Offline steps above the submitting level among them count only once confirmed online.
      if (pending.rows.some(needsConfirmation)) noteClaims(ctx.store, pending.first);
      ctx.workbook.flush();
      return count;
    });
    return tr(
      `Đã nhận ${accepted} dòng vào nhật ký; việc nhận được ghi bằng tên bạn.`,
      `${accepted} rows were accepted into the log; the acceptance is logged in your name.`,
    );
  });
}

/**
 * XHHT → Xác nhận danh sách người dùng (quản trị): shows who gains and who loses rights, and on the
 * administrator's «đồng ý» confirms «Người dùng» as it stands (logged, src/sheets/confirm-people.ts).
 */
export function confirmPeopleAction(ctx: ConfirmPorts): void {
  run(ctx, () => {
    const change = peopleChange(ctx);
    if ('refusal' in change) return change.refusal;
    const reply = ctx.ui.prompt(APP_TITLE, confirmQuestionText(change));
    if (reply === null || !isConfirmation(reply)) {
      return tr(
        'Chưa xác nhận danh sách người dùng; không có gì thay đổi.',
        'The people list was not confirmed; nothing changed.',
      );
    }
    return confirmNotice(ctx.lock.withLock(() => confirmPeople(ctx)));
  });
}

/** XHHT → Kiểm tra nhật ký: whether the audit log still follows its chain, or its first broken row. */
export function checkLogAction(ctx: Context & AuditPorts): void {
  // Goes on from where the last check stopped; a long log takes more than one run.
  run(ctx, () => {
    const verified = verifyAuditLog(ctx);
    if (!verified.done) return verifyNotice(verified);
    // Once the chain is checked to its end, every unit's cells against its last log row («sửa tay»).
    const edits = handEditNotice(scanHandEdits(ctx));
    return edits ? `${verifyNotice(verified)}\n\n${edits}` : verifyNotice(verified);
  });
}

/**
 * XHHT → Lưu trữ thư đã gửi và nhật ký năm cũ: an administrator moves the sent mail and the log up to
 * the end of a closed year (asked; last year by default) to the archive sheets.
 */
export function archiveAction(
  ctx: Context & AuditPorts & { readonly identity: IdentityPort },
): void {
  run(ctx, () => {
    const refused = notAdmin(ctx);
    if (refused) return refused;
    const lastYear = ctx.clock.now().getFullYear() - 1;
    const answer = ctx.ui.prompt(
      tr('Lưu trữ', 'Archive'),
      tr(
        `Lưu trữ nhật ký đến hết năm nào? Bỏ trống: ${lastYear}. Thư đã gửi được lưu trữ hết.`,
        `Archive the log up to the end of which year? Blank: ${lastYear}. All sent mail is archived.`,
      ),
    );
    if (answer === null) return undefined;
    const year = answer.trim() === '' ? lastYear : Number(answer.trim());
    if (!Number.isInteger(year) || year < 2000 || year > lastYear) {
      return tr(
        `«${answer.trim()}» không phải một năm đã qua: ghi một năm từ 2000 đến ${lastYear}, ví dụ ${lastYear}.`,
        `«${answer.trim()}» is not a past year: write a year from 2000 to ${lastYear}, e.g. ${lastYear}.`,
      );
    }
    return archiveNotice(archive(ctx, year));
  });
}

export function aboutAction(ctx: Context): void {
  run(ctx, () =>
    tr(
      [
        'XHHT Sheets: đánh giá, xếp loại và công nhận các mô hình xã hội học tập ngay trong Google Trang tính.',
        '',
        '• Khởi tạo bảng tính: chọn bộ tiêu chí; tạo các trang Cài đặt, Đơn vị, Tiêu chí và trang chấm điểm (chạy lại không mất dữ liệu).',
        '• Chấm điểm tất cả: điểm và xếp loại, hoặc mức độ đạt; lỗi ghi ở cột «Lỗi» của từng dòng.',
        '• Công thức: =XHHT_TONG, =XHHT_XEPLOAI, =XHHT_MUCDO, =XHHT_LOI (vùng; [mã bộ tiêu chí]).',
        '• Ngôn ngữ: chọn ở trang «Cài đặt».',
      ].join('\n'),
      [
        'XHHT Sheets: assessing and recognising learning-society titles inside Google Sheets.',
        '',
        '• Set up the spreadsheet: choose a rubric; creates the settings, units, criteria and scoring sheets (running it again loses nothing).',
        '• Score all: points and band, or the level reached; errors go to the «Lỗi» column of each row.',
        '• Formulas: =XHHT_TONG, =XHHT_XEPLOAI, =XHHT_MUCDO, =XHHT_LOI (range; [rubric id]).',
        '• Language: chosen in the «Cài đặt» sheet.',
      ].join('\n'),
    ),
  );
}

/**
 * The criteria a formula was given as its last argument: the criteria sheet's range, header row first.
 * Sheets recalculates a custom formula only when an argument changes, so a formula given this range
 * follows every edit of it; without it, the formula reads the sheet itself and can go stale.
 */
function criteriaArgument(criteria: unknown): RubricRead[] | undefined {
  if (criteria === undefined || isBlank(criteria)) return undefined;
  const rows = Array.isArray(criteria) ? (criteria as unknown[]) : [];
  if (rows.length < 2 || !rows.every(Array.isArray)) {
    throw new Error(
      tr(
        `Đối số vùng tiêu chí phải là cả vùng trang «${CRITERIA_SHEET}», kể cả dòng tiêu đề, ví dụ '${CRITERIA_SHEET}'!A:Z.`,
        `The criteria argument must be the whole range of sheet «${CRITERIA_SHEET}», header row included, e.g. '${CRITERIA_SHEET}'!A:Z.`,
      ),
    );
  }
  return criteriaFromValues(rows as CellValue[][]);
}

/**
 * The rubric a formula names (or, when it names none, the one rubric of the criteria it was given, else
 * the settings' default): as the criteria hold it, else built in. A rubric the criteria hold with a
 * problem fails the formula with its first problem.
 */
function formulaRubric(
  rubricId: unknown,
  workbook: () => WorkbookPort,
  criteria?: unknown,
): Rubric {
  const book = workbook();
  const { defaultRubricId } = begin(book);
  const given = criteriaArgument(criteria);
  const reads = given ?? readCriteria(book) ?? [];
  const only = given?.length === 1 ? given[0]?.id : undefined;
  const id = normalizeText(
    String(isBlank(rubricId) ? (only ?? defaultRubricId) : rubricId),
  ).toUpperCase();
  const broken = reads.find((read) => read.id === id && !read.rubric);
  if (broken) throw new Error(MESSAGES.rubricNeedsFixing(id, broken.problems[0] ?? ''));
  const written = reads.flatMap((read) => (read.rubric ? [read.rubric] : []));
  return rubricNamed(id, [
    ...written,
    ...CATALOG.filter((rubric) => !reads.some((read) => read.id === rubric.id)),
  ]);
}

export function totalFormula(
  range: unknown,
  rubricId: unknown,
  workbook: () => WorkbookPort,
  criteria?: unknown,
): FormulaResult {
  return rowTotals(
    range,
    usableRubric(formulaRubric(rubricId, workbook, criteria), 'points', 'XHHT_TONG'),
  );
}

export function bandFormula(
  total: unknown,
  rubricId: unknown,
  workbook: () => WorkbookPort,
  criteria?: unknown,
): FormulaResult {
  return rowBands(
    total,
    usableRubric(formulaRubric(rubricId, workbook, criteria), 'points', 'XHHT_XEPLOAI'),
  );
}

export function levelFormula(
  indicators: unknown,
  rubricId: unknown,
  previousLevelDate: unknown,
  workbook: () => WorkbookPort,
  /** The day the levels are judged on: the formula's date argument (a cell or a column)… */
  judgedOn: unknown,
  /** …or today, where it is blank. */
  today: Date,
  criteria?: unknown,
): FormulaResult {
  const rubric = usableRubric(formulaRubric(rubricId, workbook, criteria), 'levels', 'XHHT_MUCDO');
  return rowLevels(indicators, rubric, previousLevelDate, judgedOn, today);
}

export function problemsFormula(
  row: unknown,
  rubricId: unknown,
  workbook: () => WorkbookPort,
  criteria?: unknown,
): FormulaResult {
  return rowProblems(row, formulaRubric(rubricId, workbook, criteria));
}
