import { textKey } from '../domain/cells';
import { tr } from '../domain/i18n';
import { type Grant, sameEmail } from '../domain/people';
import type { Rubric } from '../domain/rubric';
import { AUDIT_COLUMNS, AUDIT_SHEET } from './audit-log';
import { SheetError } from './errors';
import { CRITERIA_SHEET, SETTINGS_SHEET, scoringColumns, UNITS_SHEET } from './layout';
import { OUTBOX_COLUMNS, OUTBOX_SHEET } from './outbox';
import { PEOPLE_SHEET } from './people-sheet';
import type { IdentityPort, SheetPort, StorePort, WorkbookPort } from './ports';
import { type ColumnSpec, columnRuns, ensureTable, type Located } from './table';

/**
 * Protection where the product alone writes (issue 11): who may administer the workbook, the list of
 * people an administrator confirmed, and the hard protections set-up and the confirmation apply.
 * Sheet protection holds against what editors do in the sheet, never against an editor of the bound
 * script (SECURITY.md).
 */

/**
 * Document property: the «Người dùng» list an administrator last confirmed, as JSON
 * ({ reviewers, admins, by, at }); a list longer than one property holds is kept in parts
 * (`parts:N`, then `xhht.people.confirmed.1` … `.N`).
 */
export const CONFIRMED_PEOPLE_KEY = 'xhht.people.confirmed';
/** One property value holds 9 kB; the parts stay below it. */
const PART_CHARS = 8_000;

/** Where set-up keeps the rows of a built-in rubric an earlier version wrote, before replacing them. */
export const CRITERIA_ARCHIVE_SHEET = 'Tiêu chí (bản trước)';

export interface ConfirmedPeople {
  /** Trimmed, lower-cased emails of the reviewers (the reviewers' columns' editors), sorted. */
  readonly reviewers: readonly string[];
  /** The administrators among them (the protected sheets' editors), sorted. */
  readonly admins: readonly string[];
  /** Who confirmed, and when (ISO 8601); set-up's first run over a workbook writes «XHHT». */
  readonly by: string;
  readonly at: string;
}

export function readConfirmed(store: StorePort): ConfirmedPeople | undefined {
  const head = store.get(CONFIRMED_PEOPLE_KEY);
  if (head === null || head === '') return undefined;
  let text = head;
  const parts = /^parts:(\d+)$/.exec(head);
  if (parts) {
    text = '';
    for (let i = 1; i <= Number(parts[1]); i += 1)
      text += store.get(`${CONFIRMED_PEOPLE_KEY}.${i}`) ?? '';
  }
  try {
    const read = JSON.parse(text) as Partial<ConfirmedPeople>;
    const list = (value: unknown) =>
      Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    return {
      reviewers: list(read.reviewers),
      admins: list(read.admins),
      by: typeof read.by === 'string' ? read.by : '',
      at: typeof read.at === 'string' ? read.at : '',
    };
  } catch {
    // A property no version of XHHT wrote: as if nobody had confirmed (nobody new gets rights).
    return { reviewers: [], admins: [], by: '', at: '' };
  }
}

export function writeConfirmed(store: StorePort, confirmed: ConfirmedPeople): void {
  const text = JSON.stringify(confirmed);
  if (text.length <= PART_CHARS) {
    store.set(CONFIRMED_PEOPLE_KEY, text);
    return;
  }
  const count = Math.ceil(text.length / PART_CHARS);
  // The parts first: a run cut before the head leaves the earlier list in force.
  for (let i = 1; i <= count; i += 1)
    store.set(`${CONFIRMED_PEOPLE_KEY}.${i}`, text.slice((i - 1) * PART_CHARS, i * PART_CHARS));
  store.set(CONFIRMED_PEOPLE_KEY, `parts:${count}`);
}

const emailKey = (email: string) => email.trim().toLowerCase();
const sorted = (emails: Iterable<string>) => [...new Set(emails)].filter(Boolean).sort();

/**
 * The people «Người dùng» names now: reviewers (every row but a unit's own officer: a «đơn vị» row,
 * or a «xã» row not naming a commune of «Đơn vị», as the previous version had it) and administrators.
 */
export function peopleNow(
  grants: readonly Grant[],
  communes: ReadonlySet<string>,
): { reviewers: string[]; admins: string[] } {
  return {
    reviewers: sorted(
      grants
        .filter(
          (grant) =>
            grant.role !== 'donVi' && !(grant.role === 'xa' && !communes.has(textKey(grant.scope))),
        )
        .map((grant) => emailKey(grant.email)),
    ),
    admins: sorted(
      grants.filter((grant) => grant.role === 'quanTri').map((grant) => emailKey(grant.email)),
    ),
  };
}

/** What the protections give now: the confirmed people still named, and who awaits confirmation. */
export function rightsNow(
  now: { reviewers: readonly string[]; admins: readonly string[] },
  confirmed: ConfirmedPeople | undefined,
): { reviewers: string[]; admins: string[]; awaiting: string[] } {
  if (!confirmed)
    return { ...now, reviewers: [...now.reviewers], admins: [...now.admins], awaiting: [] };
  const inList = (list: readonly string[]) => (email: string) => list.includes(email);
  return {
    // A person taken off «Người dùng» loses the rights at once; one added waits for the confirmation.
    reviewers: now.reviewers.filter(inList(confirmed.reviewers)),
    admins: now.admins.filter(inList(confirmed.admins)),
    awaiting: sorted([
      ...now.reviewers.filter((email) => !confirmed.reviewers.includes(email)),
      ...now.admins.filter((email) => !confirmed.admins.includes(email)),
    ]),
  };
}

/** Whether the active user may administer the workbook (set-up, confirming «Người dùng»). */
export type Administration =
  | { readonly ok: true; readonly email: string; readonly note?: string }
  | { readonly ok: false; readonly refusal: string };

/**
 * The rule: the spreadsheet's owner always (Sheets gives the owner every protected range anyway); an
 * administrator of «Người dùng» whom a confirmed list names (or any, before a list was confirmed); and
 * while «Người dùng» names no administrator (the first set-up), the owner only. A file on a shared drive
 * has no owner: there the first set-up is done by whoever runs it, who becomes every protection's
 * editor, and the notice says so.
 */
export function administration(
  workbook: WorkbookPort,
  identity: IdentityPort,
  grants: readonly Grant[],
  confirmed: ConfirmedPeople | undefined,
): Administration {
  const email = identity.activeUserEmail().trim();
  if (email === '') {
    return {
      ok: false,
      refusal: tr(
        'Google không cho biết tài khoản của bạn (tài khoản ngoài tổ chức hoặc đăng nhập nhiều tài khoản), nên XHHT không biết bạn có phải quản trị không. Đăng nhập bằng tài khoản có trong trang «Người dùng» rồi thử lại. Chưa có gì thay đổi.',
        'Google does not tell your account (an account outside the organisation, or several accounts signed in), so XHHT cannot tell whether you are an administrator. Sign in with an account of the «Người dùng» sheet and try again. Nothing changed.',
      ),
    };
  }
  const owner = workbook.ownerEmail ? workbook.ownerEmail() : undefined;
  if (owner && sameEmail(owner, email)) return { ok: true, email };
  const admins = grants.filter((grant) => grant.role === 'quanTri');
  if (admins.length === 0) {
    if (owner === null) {
      return {
        ok: true,
        email,
        note: tr(
          `Tệp nằm trong bộ nhớ dùng chung nên không có chủ sở hữu: ${email} khởi tạo lần đầu và là người duy nhất sửa được các trang được bảo vệ. Ghi mình (và các quản trị khác) vai trò «quản trị» trong trang «${PEOPLE_SHEET}», rồi chọn «Xác nhận danh sách người dùng (quản trị)».`,
          `The file is on a shared drive, so it has no owner: ${email} did the first set-up and is the only one who can edit the protected sheets. Give yourself (and the other administrators) the «quản trị» role in «${PEOPLE_SHEET}», then choose «Xác nhận danh sách người dùng (quản trị)».`,
        ),
      };
    }
    return {
      ok: false,
      refusal: tr(
        `Trang «${PEOPLE_SHEET}» chưa có ai vai trò «quản trị», nên lần khởi tạo đầu tiên chỉ chủ sở hữu bảng tính${owner ? ` (${owner})` : ''} làm được. ${email} không phải chủ sở hữu. Chưa có gì thay đổi.`,
        `«${PEOPLE_SHEET}» names no one with the «quản trị» role yet, so only the spreadsheet's owner${owner ? ` (${owner})` : ''} can do the first set-up. ${email} is not the owner. Nothing changed.`,
      ),
    };
  }
  const admin = admins.some((grant) => sameEmail(grant.email, email));
  if (admin && (!confirmed || confirmed.admins.includes(emailKey(email))))
    return { ok: true, email };
  return {
    ok: false,
    refusal: admin
      ? tr(
          `${email} có vai trò «quản trị» trong trang «${PEOPLE_SHEET}» nhưng chưa được xác nhận: một quản trị đã được xác nhận (hoặc chủ sở hữu bảng tính) chọn «Xác nhận danh sách người dùng (quản trị)» trước. Chưa có gì thay đổi.`,
          `${email} has the «quản trị» role in «${PEOPLE_SHEET}» but is not confirmed yet: a confirmed administrator (or the spreadsheet's owner) chooses «Xác nhận danh sách người dùng (quản trị)» first. Nothing changed.`,
        )
      : tr(
          `Chỉ quản trị (vai trò «quản trị» trong trang «${PEOPLE_SHEET}») hoặc chủ sở hữu bảng tính làm việc này. ${email} không phải quản trị. Chưa có gì thay đổi.`,
          `Only an administrator (the «quản trị» role in «${PEOPLE_SHEET}») or the spreadsheet's owner does this. ${email} is not an administrator. Nothing changed.`,
        ),
  };
}

/** The descriptions of the protections below: identities (set-up replaces by them), never translated. */
export function sheetProtection(name: string): string {
  return `XHHT: «${name}», chỉ quản trị sửa`;
}
export function headerProtection(name: string): string {
  return `XHHT: dòng tiêu đề của «${name}», chỉ quản trị sửa`;
}
export function reviewProtection(name: string): string {
  return `XHHT: cột thẩm định của «${name}», chỉ người thẩm định sửa`;
}

/** The sheets only administrators edit (XHHT writes there only in their actions). */
export const ADMIN_SHEETS: readonly string[] = [
  PEOPLE_SHEET,
  SETTINGS_SHEET,
  CRITERIA_SHEET,
  CRITERIA_ARCHIVE_SHEET,
  UNITS_SHEET,
];
/** The sheets XHHT appends to for everyone: only their header row is the administrators'. */
export const ADMIN_HEADERS: readonly string[] = [AUDIT_SHEET, OUTBOX_SHEET];
const HEADER_COLUMNS: Readonly<Record<string, readonly ColumnSpec[]>> = {
  [AUDIT_SHEET]: AUDIT_COLUMNS,
  [OUTBOX_SHEET]: OUTBOX_COLUMNS,
};

/**
 * Hard-protects, for `editors` (and the owner) only, every administrators' sheet and the header row of
 * the log and the outbox that the workbook has (one created later is protected at the next set-up or
 * confirmation). Returns the sheets protected.
 */
export function protectAdminSheets(workbook: WorkbookPort, editors: readonly string[]): string[] {
  const done: string[] = [];
  for (const name of ADMIN_SHEETS) {
    const sheet = workbook.sheet(name);
    if (!sheet) continue;
    sheet.protectSheetFor(sheetProtection(name), editors);
    done.push(name);
  }
  for (const name of ADMIN_HEADERS) {
    const sheet = workbook.sheet(name);
    if (!sheet) continue;
    // The header gets this version's columns first (an officer's step could not add them under the
    // protection). A header XHHT cannot read is protected as it is: the step that reads it says why.
    try {
      ensureTable(sheet, HEADER_COLUMNS[name] ?? []);
    } catch (error) {
      if (!(error instanceof SheetError)) throw error;
    }
    sheet.protectRowsFor(1, 1, headerProtection(name), editors);
    done.push(name);
  }
  return done;
}

/** The administrators' editors: the administrators the confirmed list still gives rights, and the actor. */
export function adminEditors(admins: readonly string[], actor: string | undefined): string[] {
  return sorted([...admins, ...(actor ? [emailKey(actor)] : [])]);
}

/** Lines naming who awaits confirmation, for set-up's notice and the sidebar; '' when nobody does. */
export function awaitingText(awaiting: readonly string[]): string {
  if (awaiting.length === 0) return '';
  const shown =
    awaiting.length > 20
      ? `${awaiting.slice(0, 20).join(', ')}… (+${awaiting.length - 20})`
      : awaiting.join(', ');
  return tr(
    `Chờ quản trị xác nhận (chưa có quyền sửa cột thẩm định hay trang được bảo vệ): ${shown}. Quản trị chọn XHHT → «Xác nhận danh sách người dùng (quản trị)».`,
    `Awaiting an administrator's confirmation (no right yet to edit the review columns or the protected sheets): ${shown}. An administrator chooses XHHT → «Xác nhận danh sách người dùng (quản trị)».`,
  );
}

/**
 * The reviewers' columns of a scoring sheet («Thẩm định …», «Lý do điều chỉnh»): XHHT only reads them,
 * so they are hard-protected for the confirmed reviewers (and the owner).
 */
export function protectReviewColumns(
  sheet: SheetPort,
  rubric: Rubric,
  located: Located,
  reviewers: readonly string[],
): void {
  const columns = scoringColumns(rubric);
  const at = [...columns.review, columns.reviewReason].flatMap((spec) => {
    const column = located.columns.get(spec.key);
    return column === undefined ? [] : [column];
  });
  if (at.length === 0) return;
  sheet.protectColumnsFor(columnRuns(at), reviewProtection(sheet.name), reviewers);
}
