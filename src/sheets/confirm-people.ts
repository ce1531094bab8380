import { logName } from '../domain/audit';
import { textKey } from '../domain/cells';
import { tr } from '../domain/i18n';
import { type AuditPorts, appendAudit } from './audit-log';
import { readCriteria } from './criteria-sheet';
import { SheetError } from './errors';
import { scoringColumns, UNIT_COLUMNS, UNITS_SHEET } from './layout';
import { readPeople } from './people-sheet';
import type { Context, IdentityPort } from './ports';
import {
  adminEditors,
  administration,
  type ConfirmedPeople,
  peopleNow,
  protectAdminSheets,
  protectReviewColumns,
  readConfirmed,
  rightsNow,
  writeConfirmed,
} from './protection';
import { stamp } from './stamp';
import { locateColumns } from './table';

/**
 * XHHT → Xác nhận danh sách người dùng (quản trị): an administrator confirms «Người dùng» as it stands.
 * The people added since the last confirmation get their rights (the reviewers' columns of every
 * scoring sheet; the protected sheets for administrators), those removed have already lost them; the
 * confirmation is a row of «Nhật ký», and the list a document property (`xhht.people.confirmed`).
 */

export type ConfirmPorts = Context & AuditPorts & { readonly identity: IdentityPort };

/** What confirming would change: who is added and who is removed since the last confirmation. */
export interface PeopleChange {
  readonly reviewers: readonly string[];
  readonly admins: readonly string[];
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

function communesOf(ctx: Context): Set<string> {
  const [header = [], ...rows] = ctx.workbook.sheet(UNITS_SHEET)?.readValues() ?? [];
  const column = locateColumns(header, UNIT_COLUMNS).columns.get('commune');
  if (column === undefined) return new Set();
  return new Set(rows.map((row) => textKey(row[column - 1])).filter((key) => key !== ''));
}

/** The change a confirmation would make, or why the active user may not make it. */
export function peopleChange(ctx: ConfirmPorts): PeopleChange | { readonly refusal: string } {
  const people = readPeople(ctx.workbook);
  const confirmed = readConfirmed(ctx.store);
  const check = administration(ctx.workbook, ctx.identity, people.grants, confirmed);
  if (!check.ok) return { refusal: check.refusal };
  const now = peopleNow(people.grants, communesOf(ctx));
  const before = new Set([...(confirmed?.reviewers ?? []), ...(confirmed?.admins ?? [])]);
  const after = new Set([...now.reviewers, ...now.admins]);
  const added = rightsNow(now, confirmed).awaiting;
  return {
    ...now,
    added,
    removed: [...before].filter((email) => !after.has(email)).sort(),
  };
}

const listOf = (emails: readonly string[]) => (emails.length > 0 ? emails.join(', ') : '—');

/**
 * Confirms the list: logs it, protects every scoring sheet's reviewers' columns for the reviewers and
 * the administrators' sheets for the administrators, then keeps the list. Call under the lock. The log
 * row comes first: a log that cannot take a row (deleted, shorter, rows pending) stops it unchanged.
 */
export function confirmPeople(ctx: ConfirmPorts): PeopleChange {
  const change = peopleChange(ctx);
  if ('refusal' in change) throw new SheetError(change.refusal);
  const actor = ctx.identity.activeUserEmail().trim();
  appendAudit(ctx, [
    {
      time: stamp(ctx.clock.now()),
      user: logName(actor, ctx.identity.vouched),
      unit: '',
      action: 'Xác nhận danh sách người dùng',
      from: '',
      to: '',
      comment:
        `Người thẩm định (${change.reviewers.length}): ${listOf(change.reviewers)}. Quản trị (${change.admins.length}): ${listOf(change.admins)}. Thêm: ${listOf(change.added)}. Bớt: ${listOf(change.removed)}.`.slice(
          0,
          49_000,
        ),
    },
  ]);
  for (const read of readCriteria(ctx.workbook) ?? []) {
    const rubric = read.rubric;
    const sheet = rubric ? ctx.workbook.sheet(rubric.scoringSheet) : undefined;
    if (!rubric || !sheet) continue;
    const header = sheet.readRange(1, 1, 1, Math.max(1, sheet.lastColumn()))[0] ?? [];
    const located = locateColumns(header, scoringColumns(rubric).all);
    protectReviewColumns(sheet, rubric, located, change.reviewers);
  }
  protectAdminSheets(ctx.workbook, adminEditors(change.admins, actor));
  const confirmed: ConfirmedPeople = {
    reviewers: change.reviewers,
    admins: change.admins,
    by: actor,
    at: ctx.clock.now().toISOString(),
  };
  writeConfirmed(ctx.store, confirmed);
  ctx.workbook.flush();
  return change;
}

/** The question before confirming: who gains rights, who has lost them. */
export function confirmQuestionText(change: PeopleChange): string {
  const shown = (emails: readonly string[]) =>
    emails.length > 30
      ? `${emails.slice(0, 30).join(', ')}… (+${emails.length - 30})`
      : listOf(emails);
  return [
    tr(
      `Xác nhận danh sách trang «Người dùng» như đang ghi: ${change.reviewers.length} người thẩm định được sửa cột thẩm định, ${change.admins.length} quản trị được sửa các trang được bảo vệ.`,
      `Confirm the «Người dùng» list as it stands: ${change.reviewers.length} reviewers may edit the review columns, ${change.admins.length} administrators the protected sheets.`,
    ),
    tr(`Được thêm quyền: ${shown(change.added)}`, `Gaining rights: ${shown(change.added)}`),
    tr(`Bị bỏ quyền: ${shown(change.removed)}`, `Losing rights: ${shown(change.removed)}`),
    tr(
      'Việc xác nhận được ghi vào «Nhật ký» bằng tên bạn. Gõ «đồng ý» để xác nhận, hoặc Hủy:',
      'The confirmation is logged in «Nhật ký» in your name. Type «đồng ý» to confirm, or Cancel:',
    ),
  ].join('\n');
}

/** The notice after confirming. */
export function confirmNotice(change: PeopleChange): string {
  return tr(
    `Đã xác nhận danh sách người dùng (ghi ở «Nhật ký»): ${change.reviewers.length} người thẩm định, ${change.admins.length} quản trị. Được thêm quyền: ${listOf(change.added)}. Bị bỏ quyền: ${listOf(change.removed)}.`,
    `The people list was confirmed (logged in «Nhật ký»): ${change.reviewers.length} reviewers, ${change.admins.length} administrators. Gaining rights: ${listOf(change.added)}. Losing rights: ${listOf(change.removed)}.`,
  );
}
