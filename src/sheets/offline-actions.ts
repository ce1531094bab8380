import { type AuditEntry, logName } from '../domain/audit';
import { cellText, readDate, textKey } from '../domain/cells';
import { inLanguage, tr } from '../domain/i18n';
import { roleLabel } from '../domain/ladder';
import {
  CONFIRM_ACTION,
  confirmingRole,
  loggedAction,
  loggedRevocation,
} from '../domain/offline-claims';
import { grantRoles, grantsOf } from '../domain/people';
import { type RegisterEntry, validUntilOf } from '../domain/register';
import { decodeRecord } from '../domain/unit-record';
import { decodePrevious } from '../domain/workflow';
import { APP_TITLE, logActor, notAdmin, run } from './actions';
import { checkAgainstHead } from './audit-head';
import { type AuditPorts, appendAudit, assertLogAppendable, readAudit } from './audit-log';
import { SheetError } from './errors';
import { scoringColumns, WORKFLOW_KEYS } from './layout';
import { isConfirmation } from './notices';
import { CLAIMS_FROM_KEY, waitingClaims } from './offline-claims';
import {
  applyImport,
  findImported,
  importNoticeText,
  planImport,
  workbookRubrics,
} from './offline-import';
import { readPeople } from './people-sheet';
import type { Context, IdentityPort } from './ports';
import { appendRegister, readRegister } from './register-sheet';
import { readSettings } from './settings-sheet';
import { locateRequired } from './table';
import { unitDistrict, unitPlaces } from './unit-places';
import { rowLadder, rowPrevious } from './unit-state';

/** The menu's actions for the offline round trip and the published head (issue 11). */

/** XHHT → Kiểm tra nhật ký theo mã đầu chuỗi: the log against a head a summary email published. */
export function checkLogHeadAction(ctx: Context & AuditPorts): void {
  run(ctx, () => {
    const head = ctx.ui.prompt(
      APP_TITLE,
      tr(
        'Dán mã đầu chuỗi nhật ký in trong một thư báo cáo tổng hợp (64 chữ số hệ 16):',
        'Paste the log chain head printed in a summary email (64 hexadecimal digits):',
      ),
    );
    if (head === null || head.trim() === '') {
      return tr('Chưa kiểm tra: chưa có mã.', 'Not checked: no head was given.');
    }
    return checkAgainstHead(ctx, head).message;
  });
}

type Acting = Context & AuditPorts & { readonly identity: IdentityPort };

/**
 * XHHT → Nhập kết quả ngoại tuyến (quản trị): merges the sheets an import of the offline .xlsx brought
 * in (src/sheets/offline-import.ts), after the administrator agrees to what was found. Any conflict
 * refuses it, naming each, with nothing written.
 */
export function importOfflineAction(ctx: Acting): void {
  run(ctx, () => {
    const refused = notAdmin(ctx, false);
    if (refused) return refused;
    const rubrics = workbookRubrics(ctx.workbook);
    const sheets = findImported(ctx.workbook, rubrics);
    if (!sheets.log && !sheets.outbox && sheets.scoring.length === 0) {
      return tr(
        'Không thấy trang nào nhập từ tệp ngoại tuyến. Cách làm: Tệp → Nhập → Tải lên tệp .xlsx ngoại tuyến → «Chèn (các) trang tính mới», rồi chọn lại mục này. Các trang được nhận ra theo dòng tiêu đề («Nhật ký», «Hộp thư đi», trang chấm điểm).',
        'No sheet imported from an offline file was found. Steps: File → Import → Upload the offline .xlsx → «Insert new sheet(s)», then choose this item again. The sheets are recognised by their header row («Nhật ký», «Hộp thư đi», scoring sheets).',
      );
    }
    // A log that cannot be continued (deleted, shorter, rows not yet accepted) is said before asking.
    assertLogAppendable(ctx, readAudit(ctx.workbook).length);
    const plan = planImport(ctx, sheets, rubrics);
    if (plan.conflicts.length > 0) return refusal(plan.conflicts);
    const found = [
      ...(sheets.log ? [`«${sheets.log}» → «Nhật ký»`] : []),
      ...(sheets.outbox ? [`«${sheets.outbox}» → «Hộp thư đi»`] : []),
      ...sheets.scoring.map((pair) => `«${pair.imported}» → «${pair.online}»`),
    ];
    const answer = ctx.ui.prompt(
      APP_TITLE,
      [
        tr('Các trang nhập vào:', 'The imported sheets:'),
        ...found.map((line) => `• ${line}`),
        tr(
          `Sẽ nhập ${plan.steps.length} dòng nhật ký ngoại tuyến, ${plan.values} giá trị, ${plan.mail.length} thư chờ gửi, rồi xóa các trang nhập vào${sheets.copies.length ? ` (cả ${sheets.copies.map((n) => `«${n}»`).join(', ')})` : ''}. Gõ «đồng ý» để nhập:`,
          `This imports ${plan.steps.length} offline log rows, ${plan.values} values, ${plan.mail.length} queued messages, then removes the imported sheets${sheets.copies.length ? ` (also ${sheets.copies.map((n) => `«${n}»`).join(', ')})` : ''}. Type «đồng ý» to import:`,
        ),
      ].join('\n'),
    );
    if (answer === null || !isConfirmation(answer)) {
      return tr('Chưa nhập; không có gì thay đổi.', 'Not imported; nothing changed.');
    }
    const report = ctx.lock.withLock(() => {
      // Again under the lock: a step taken meanwhile is a conflict too.
      const now = planImport(ctx, findImported(ctx.workbook, rubrics), rubrics);
      if (now.conflicts.length > 0) throw new SheetError(refusal(now.conflicts));
      const done = applyImport(ctx, now, logActor(ctx));
      ctx.workbook.flush();
      return done;
    });
    return importNoticeText(report);
  });
}

function refusal(conflicts: readonly string[]): string {
  const shown = conflicts.slice(0, 30);
  return [
    tr(
      `Không nhập: ${conflicts.length} chỗ xung đột với bảng tính trực tuyến. Không có gì được ghi.`,
      `Not imported: ${conflicts.length} conflicts with the online spreadsheet. Nothing was written.`,
    ),
    ...shown.map((line) => `• ${line}`),
    ...(conflicts.length > shown.length ? [`… (+${conflicts.length - shown.length})`] : []),
  ].join('\n');
}

/**
 * XHHT → Xác nhận bước ngoại tuyến: an officer signed in online, holding the role the step needed over
 * the unit, confirms the offline claim on each selected unit (a log row in their name). Until then the
 * step does not count in the export, progress or the summary.
 */
export function confirmOfflineAction(ctx: Acting): void {
  run(ctx, () => {
    if (!ctx.identity.vouched) {
      return tr(
        'Chỉ xác nhận được khi đăng nhập trực tuyến.',
        'Confirming needs an online sign-in.',
      );
    }
    const email = ctx.identity.activeUserEmail();
    const selection = ctx.workbook.selection();
    const rubrics = workbookRubrics(ctx.workbook);
    const rubric = rubrics.find((r) => textKey(r.scoringSheet) === textKey(selection?.sheet ?? ''));
    const sheet = rubric && ctx.workbook.sheet(rubric.scoringSheet);
    if (!selection || !rubric || !sheet || selection.rows.length === 0) {
      return tr(
        'Chọn (các) dòng đơn vị trên trang chấm điểm, rồi chọn lại mục này.',
        'Select the units’ rows on a scoring sheet, then choose this item again.',
      );
    }
    return ctx.lock.withLock(() => {
      const [header = [], ...rows] = sheet.readValues();
      const located = locateRequired(sheet.name, header, scoringColumns(rubric).all);
      const col = (key: string) => located.columns.get(key) ?? 0;
      const log = readAudit(ctx.workbook);
      assertLogAppendable(ctx, log.length);
      const waiting = waitingClaims(ctx);
      const settings = readSettings(ctx.workbook, ctx.clock.now());
      const grants = grantsOf(readPeople(ctx.workbook).grants, email);
      const placeOf = unitPlaces(ctx.workbook);
      const actor = logActor(ctx);
      const entries: AuditEntry[] = [];
      const register: RegisterEntry[] = [];
      let known: readonly RegisterEntry[] | undefined;
      /** «Sổ công nhận» as it stands, read once and only when a revocation is confirmed. */
      const recognised = () => {
        known ??= readRegister(ctx.workbook, [rubric]).entries;
        return known;
      };
      const lines: string[] = [];
      for (const rowNumber of selection.rows) {
        const row = rows[rowNumber - 2];
        if (!row) continue;
        const code = cellText(row[col('code') - 1]);
        const claim = waiting.get(textKey(code));
        if (!claim) {
          lines.push(
            tr(
              `${code}: không có bước ngoại tuyến nào chờ xác nhận.`,
              `${code}: no offline step waits for confirmation.`,
            ),
          );
          continue;
        }
        const ladder = rowLadder(
          rubric,
          settings,
          row,
          (key) => located.columns.get(key),
          ctx.clock.now(),
        );
        // The state the claimed step came from, as its log row recorded it (a cell typed over on the
        // row cannot choose who confirms); a row the previous version logged gives the row's cell.
        const logged = decodeRecord(claim.row.record ?? '');
        const before =
          (logged ? decodePrevious(logged.previousState, ladder) : rowPrevious(row, col, ladder)) ??
          ({ status: 'none' } as const);
        const action = loggedAction(claim.row.action);
        const role = action && confirmingRole(action, before, ladder);
        const unit = {
          code,
          // Who may confirm comes from «Đơn vị» (protected), as for any step.
          district: unitDistrict(placeOf, code, cellText(row[col('district') - 1])),
          commune: placeOf(code)?.commune ?? '',
          cluster: placeOf(code)?.cluster ?? '',
        };
        const holds =
          role !== undefined && grants.some((grant) => grantRoles(grant, unit).includes(role));
        if (!holds) {
          lines.push(
            tr(
              `${code}: bước «${claim.row.action}» (dòng ${claim.sheetRow} của «Nhật ký») cần người có vai trò «${role ? roleLabel(role) : '?'}» với đơn vị này xác nhận; ${email || 'bạn'} không có vai trò đó.`,
              `${code}: the step «${claim.row.action}» (row ${claim.sheetRow} of «Nhật ký») needs someone with the «${role ? roleLabel(role) : '?'}» role over this unit; ${email || 'you'} do not hold it.`,
            ),
          );
          continue;
        }
        // A recognition counts from its confirmation: «Sổ công nhận» records it then, naming this row.
        const decided = readDate(row[col(WORKFLOW_KEYS.decisionDate) - 1] ?? '');
        if (action === 'recognise' && decided.ok) {
          const validUntil = validUntilOf(rubric, decided.value);
          register.push({
            kind: 'recognise',
            title: rubric.id,
            unit: code,
            name: cellText(row[col('name') - 1]),
            result: cellText(row[(located.columns.get(WORKFLOW_KEYS.decidedResult) ?? 0) - 1]),
            decisionNumber: cellText(row[col(WORKFLOW_KEYS.decisionNumber) - 1]),
            decisionDate: decided.value,
            decider: inLanguage('vi', () => `${roleLabel(role)}: ${claim.row.user}`),
            ...(validUntil ? { validUntil } : {}),
            reason: `Xác nhận trực tuyến bởi ${email}`,
            logRow: log.length + 2 + entries.length,
          });
        }
        // A revocation counts from its confirmation too: «Sổ công nhận» records it then, so the
        // recognition it cancels no longer stands there.
        const revocation = action === 'revoke' ? loggedRevocation(claim.row.comment) : undefined;
        if (revocation) {
          const candidates = recognised().filter(
            (entry) =>
              entry.kind === 'recognise' &&
              textKey(entry.title) === textKey(rubric.id) &&
              textKey(entry.unit) === textKey(code) &&
              (revocation.revokes === '' ||
                textKey(entry.decisionNumber) === textKey(revocation.revokes)),
          );
          const revoked = candidates[candidates.length - 1];
          register.push({
            kind: 'revoke',
            title: rubric.id,
            unit: code,
            name: cellText(row[col('name') - 1]),
            result: revoked?.result ?? '',
            decisionNumber: revocation.number,
            decisionDate: revocation.date,
            decider: inLanguage('vi', () => `${roleLabel(role)}: ${claim.row.user}`),
            revokes: revocation.revokes,
            reason: `${revocation.reason} (xác nhận trực tuyến bởi ${email})`,
            logRow: log.length + 2 + entries.length,
          });
        }
        entries.push({
          ...actor,
          user: logName(email, true),
          unit: code,
          action: CONFIRM_ACTION,
          from: claim.row.to,
          to: claim.row.to,
          comment: `Xác nhận «${claim.row.action}» ở dòng ${claim.sheetRow}, ghi ngoại tuyến bởi ${claim.row.user}.`,
        });
        lines.push(
          tr(
            `${code}: đã xác nhận «${claim.row.action}» (dòng ${claim.sheetRow}).`,
            `${code}: confirmed «${claim.row.action}» (row ${claim.sheetRow}).`,
          ),
        );
      }
      appendAudit(ctx, entries);
      appendRegister(ctx.workbook, register);
      if (entries.length > 0 && waitingClaims(ctx).size === 0) ctx.store.set(CLAIMS_FROM_KEY, '');
      ctx.workbook.flush();
      return lines.join('\n');
    });
  });
}
