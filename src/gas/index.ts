import {
  aboutAction,
  acceptLogRowsAction,
  actAction,
  archiveAction,
  bandFormula,
  buildMenu,
  checkLogAction,
  confirmPeopleAction,
  dailyMailTimer,
  exportRecognisedAction,
  formerMailTimer,
  hourlyMailTimer,
  importRecognitionsAction,
  installMailTriggersAction,
  levelFormula,
  previewSummaryAction,
  problemsFormula,
  removeMailTriggersAction,
  restartLogAction,
  restoreFromLogAction,
  type SidebarRequest,
  scoreAllAction,
  sendMailAction,
  sendMailTimer,
  sendSummaryAction,
  setUpAction,
  sidebarActAction,
  sidebarAction,
  sidebarDataAction,
  sidebarMineAction,
  sidebarOpenAction,
  totalFormula,
} from '../sheets/actions';
import {
  checkLogHeadAction,
  confirmOfflineAction,
  importOfflineAction,
} from '../sheets/offline-actions';
import type { Context } from '../sheets/ports';
import type { SidebarData, SidebarResult, WaitingUnit } from '../sheets/sidebar';
import { deployment } from './deployment';
import {
  GasCharts,
  GasHasher,
  GasIdentity,
  GasLock,
  GasMailer,
  GasStore,
  GasTriggers,
  GasUi,
  systemClock,
} from './services';
import { GasWorkbook } from './workbook';

/**
 * The Apps Script entry. build.mjs turns every export into a global function of the script project;
 * nothing here runs at load time and nothing here decides anything.
 */

function charts(): GasCharts {
  return new GasCharts(Charts, Utilities);
}

function mailer(): GasMailer {
  return new GasMailer(MailApp, charts());
}

function context(): Context {
  const workbook = new GasWorkbook(SpreadsheetApp);
  return {
    workbook,
    ui: new GasUi(SpreadsheetApp, HtmlService, charts()),
    clock: systemClock,
    lock: new GasLock(LockService, workbook),
  };
}

/** What Apps Script passes to onOpen and onInstall; only the authorisation mode is read. */
interface OpenEvent {
  readonly authMode?: GoogleAppsScript.Script.AuthMode;
}

/**
 * Simple trigger: builds the menu when the spreadsheet opens: «XHHT» in the bound script, under
 * Extensions in the add-on. An add-on not yet used in this spreadsheet opens with AuthMode.NONE: then
 * it reads nothing (no settings, so the menu is in Vietnamese); otherwise (LIMITED, FULL, or a bound
 * script) it reads the language from «Cài đặt».
 */
export function onOpen(e?: OpenEvent): void {
  const addon = deployment() === 'addon';
  const ui = new GasUi(SpreadsheetApp, HtmlService, charts(), addon);
  const readNothing = e?.authMode !== undefined && e.authMode === ScriptApp.AuthMode.NONE;
  buildMenu(ui, readNothing ? undefined : new GasWorkbook(SpreadsheetApp));
}

/** Editor add-on: runs once when an officer installs the add-on from this spreadsheet. */
export function onInstall(e?: OpenEvent): void {
  onOpen(e);
}

export function xhhtSetUp(): void {
  // With the triggers: set-up moves the administrator's mail triggers of an earlier version to the hourly one.
  setUpAction({ ...auditedContext(), triggers: new GasTriggers(ScriptApp) });
}

export function xhhtScoreAll(): void {
  // With the hasher, so that a decided row edited after its decision is flagged.
  scoreAllAction({ ...context(), hasher: new GasHasher(Utilities) });
}

/** The context of actions that record in the audit log. */
function auditedContext() {
  return {
    ...context(),
    store: new GasStore(PropertiesService),
    hasher: new GasHasher(Utilities),
    identity: new GasIdentity(Session),
  };
}

export function xhhtRegister(): void {
  actAction(auditedContext(), 'register');
}

export function xhhtSubmit(): void {
  actAction(auditedContext(), 'submit');
}

export function xhhtApprove(): void {
  actAction(auditedContext(), 'approve');
}

export function xhhtRecognise(): void {
  actAction(auditedContext(), 'recognise');
}

export function xhhtReturn(): void {
  actAction(auditedContext(), 'return');
}

export function xhhtRefuse(): void {
  actAction(auditedContext(), 'refuse');
}

export function xhhtRevert(): void {
  actAction(auditedContext(), 'revert');
}

export function xhhtRevoke(): void {
  actAction(auditedContext(), 'revoke');
}

export function xhhtImportRecognitions(): void {
  importRecognitionsAction(auditedContext());
}

export function xhhtSidebar(): void {
  sidebarAction(context());
}

/** Called by the sidebar page (google.script.run): what it shows. */
export function xhhtSidebarData(): SidebarData {
  return sidebarDataAction(auditedContext());
}

/** Called by the sidebar page once the unit is shown: «Việc của tôi». */
export function xhhtSidebarMine(): WaitingUnit[] {
  return sidebarMineAction(auditedContext());
}

/** Called by the sidebar page: moves the selection to a unit of «Việc của tôi». */
export function xhhtSidebarOpen(sheet: string, row: number): SidebarData {
  return sidebarOpenAction(auditedContext(), sheet, row);
}

/** Called by the sidebar page: an action on the unit it shows. */
export function xhhtSidebarAct(request: SidebarRequest): SidebarResult {
  return sidebarActAction(auditedContext(), request);
}

export function xhhtExportRecognised(): void {
  exportRecognisedAction(auditedContext());
}

export function xhhtPreviewSummary(): void {
  previewSummaryAction(auditedContext());
}

export function xhhtSendSummary(): void {
  sendSummaryAction({ ...auditedContext(), mailer: mailer() });
}

export function xhhtSendMail(): void {
  sendMailAction({ ...auditedContext(), mailer: mailer() });
}

export function xhhtInstallMailTriggers(): void {
  installMailTriggersAction({ ...auditedContext(), triggers: new GasTriggers(ScriptApp) });
}

export function xhhtRemoveMailTriggers(): void {
  removeMailTriggersAction({ ...auditedContext(), triggers: new GasTriggers(ScriptApp) });
}

/** The context of a time trigger of automatic mail. */
function timerContext() {
  return { ...auditedContext(), mailer: mailer(), triggers: new GasTriggers(ScriptApp) };
}

/**
 * Time trigger, every hour (the one trigger of automatic mail): sends the outbox; the first run of a
 * day from the configured hour also sends the reminders and the summary when due.
 */
export function xhhtHourlyMail(): void {
  hourlyMailTimer(timerContext());
}

/** The 10-minute trigger of version 0.3: retires in favour of the hourly one, then sends the outbox. */
export function xhhtSendMailTimer(): void {
  formerMailTimer(timerContext(), sendMailTimer);
}

/** The daily trigger of version 0.3: retires in favour of the hourly one, then does the daily work. */
export function xhhtDailyMail(): void {
  formerMailTimer(timerContext(), dailyMailTimer);
}

/** The weekly trigger of version 0.2: as the daily one. */
export function xhhtWeeklySummary(): void {
  xhhtDailyMail();
}

export function xhhtCheckLog(): void {
  checkLogAction(auditedContext());
}

export function xhhtCheckLogHead(): void {
  checkLogHeadAction(auditedContext());
}

export function xhhtImportOffline(): void {
  importOfflineAction(auditedContext());
}

export function xhhtConfirmOffline(): void {
  confirmOfflineAction(auditedContext());
}

export function xhhtAcceptLogRows(): void {
  acceptLogRowsAction(auditedContext());
}

export function xhhtRestoreFromLog(): void {
  restoreFromLogAction(auditedContext());
}

export function xhhtRestartLog(): void {
  restartLogAction(auditedContext());
}

export function xhhtConfirmPeople(): void {
  confirmPeopleAction(auditedContext());
}

export function xhhtArchive(): void {
  archiveAction(auditedContext());
}

export function xhhtAbout(): void {
  aboutAction(context());
}

/**
 * Tính tổng điểm của từng dòng: mỗi dòng là điểm các mục của một đơn vị. Chọn cả vùng (ví dụ D2:M200)
 * để có cả cột tổng điểm. Khi vùng có đúng số cột mục của bộ tiêu chí, mỗi ô được kiểm tra như khi
 * Chấm điểm tất cả (điểm tối đa của mục, không âm). Dòng trống cho kết quả trống; ô sai được báo
 * ngay tại dòng đó. Số lẻ gõ bằng dấu phẩy, ví dụ 8,5.
 *
 * @param {number|number[][]} vung_diem Vùng điểm các mục: một dòng cho một đơn vị.
 * @param {string} ma_bo_tieu_chi [Không bắt buộc] Mã bộ tiêu chí, ví dụ "TT22_2020_DVHT"; bỏ trống thì dùng bộ tiêu chí duy nhất của vùng tiêu chí, hoặc bộ tiêu chí mặc định ở trang Cài đặt.
 * @param {string[][]} vung_tieu_chi [Nên ghi] Cả vùng trang «Tiêu chí», ví dụ 'Tiêu chí'!A:Z: công thức tính lại ngay khi trang tiêu chí được sửa.
 * @return {number|string|Array<Array<number|string>>} Tổng điểm của mỗi dòng (một cột).
 * @customfunction
 */
export function XHHT_TONG(vung_diem: unknown, ma_bo_tieu_chi?: unknown, vung_tieu_chi?: unknown) {
  return totalFormula(
    vung_diem,
    ma_bo_tieu_chi,
    () => new GasWorkbook(SpreadsheetApp),
    vung_tieu_chi,
  );
}

/**
 * Xếp loại theo tổng điểm (Tốt, Khá, Trung bình, Chưa đạt) theo bộ tiêu chí. Nhận một ô hoặc cả cột
 * tổng điểm. Không ghi mã bộ tiêu chí thì dùng «Bộ tiêu chí mặc định» ở trang Cài đặt.
 *
 * @param {number|number[][]} tong_diem Tổng điểm: một ô hoặc một cột.
 * @param {string} ma_bo_tieu_chi [Không bắt buộc] Mã bộ tiêu chí, ví dụ "TT22_2020_DVHT".
 * @param {string[][]} vung_tieu_chi [Nên ghi] Cả vùng trang «Tiêu chí», ví dụ 'Tiêu chí'!A:Z: công thức tính lại ngay khi ngưỡng xếp loại được sửa.
 * @return {string|string[][]} Xếp loại của mỗi tổng điểm.
 * @customfunction
 */
export function XHHT_XEPLOAI(
  tong_diem: unknown,
  ma_bo_tieu_chi?: unknown,
  vung_tieu_chi?: unknown,
) {
  return bandFormula(
    tong_diem,
    ma_bo_tieu_chi,
    () => new GasWorkbook(SpreadsheetApp),
    vung_tieu_chi,
  );
}

/**
 * Mức độ đạt (Mức độ 2, Mức độ 1 hoặc Chưa đạt) của từng dòng chỉ tiêu, theo bộ tiêu chí đánh giá theo
 * mức độ (ví dụ TT25_2023_CDHT_XA). Vùng là các cột nhập chỉ tiêu của trang chấm điểm, theo đúng thứ tự.
 * Ghi ngày quyết định công nhận mức độ 1 thì mức độ 2 chỉ được tính khi đã đủ số tháng quy định.
 *
 * @param {string[][]} vung_chi_tieu Các ô chỉ tiêu (Đạt/Chưa đạt, số đạt, tổng số) của một hoặc nhiều đơn vị.
 * @param {string} ma_bo_tieu_chi [Không bắt buộc] Mã bộ tiêu chí; bỏ trống thì dùng bộ tiêu chí duy nhất của vùng tiêu chí, hoặc bộ tiêu chí mặc định.
 * @param {Date} ngay_cong_nhan_muc_1 [Không bắt buộc] Ngày quyết định công nhận mức độ 1 (một ô, hoặc một cột).
 * @param {Date} ngay_danh_gia [Nên ghi] Ngày xét: ngày nộp hồ sơ (một ô, hoặc một cột). Bỏ trống thì lấy hôm nay, và kết quả không tự tính lại khi sang ngày mới.
 * @param {string[][]} vung_tieu_chi [Nên ghi] Cả vùng trang «Tiêu chí», ví dụ 'Tiêu chí'!A:Z.
 * @return {string|string[][]} Mức độ đạt của mỗi dòng.
 * @customfunction
 */
export function XHHT_MUCDO(
  vung_chi_tieu: unknown,
  ma_bo_tieu_chi?: unknown,
  ngay_cong_nhan_muc_1?: unknown,
  ngay_danh_gia?: unknown,
  vung_tieu_chi?: unknown,
) {
  return levelFormula(
    vung_chi_tieu,
    ma_bo_tieu_chi,
    ngay_cong_nhan_muc_1 ?? '',
    () => new GasWorkbook(SpreadsheetApp),
    ngay_danh_gia ?? '',
    systemClock.now(),
    vung_tieu_chi,
  );
}

/**
 * Kiểm tra từng dòng nhập liệu theo bộ tiêu chí: để trống khi dòng hợp lệ, hoặc ghi lỗi (mục/chỉ tiêu
 * nào, sai gì). Công thức không biết ô của nó, nên lỗi ghi số dòng trong vùng. Kết quả chính thức là
 * cột «Lỗi» do XHHT → Chấm điểm tất cả ghi.
 *
 * @param {string[][]} vung_nhap_lieu Các ô nhập liệu (điểm mục hoặc chỉ tiêu) của một hoặc nhiều đơn vị.
 * @param {string} ma_bo_tieu_chi [Không bắt buộc] Mã bộ tiêu chí; bỏ trống thì dùng bộ tiêu chí duy nhất của vùng tiêu chí, hoặc bộ tiêu chí mặc định.
 * @param {string[][]} vung_tieu_chi [Nên ghi] Cả vùng trang «Tiêu chí», ví dụ 'Tiêu chí'!A:Z.
 * @return {string|string[][]} Thông báo lỗi của mỗi dòng, hoặc ô trống.
 * @customfunction
 */
export function XHHT_LOI(
  vung_nhap_lieu: unknown,
  ma_bo_tieu_chi?: unknown,
  vung_tieu_chi?: unknown,
) {
  return problemsFormula(
    vung_nhap_lieu,
    ma_bo_tieu_chi,
    () => new GasWorkbook(SpreadsheetApp),
    vung_tieu_chi,
  );
}
