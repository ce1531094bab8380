import { cellPlace } from '../domain/a1';
import { type CellValue, cellText, textKey } from '../domain/cells';
import { inLanguage, tr } from '../domain/i18n';
import { ROLES, type Role, roleLabel } from '../domain/ladder';
import type { Grant } from '../domain/people';
import { extentOf, type SheetPort, type WorkbookPort } from './ports';
import { type ColumnSpec, columnOf, locateColumns, locateRequired } from './table';

/** «Người dùng»: who is who. One row per email, role and scope; a person may have several rows. */

export const PEOPLE_SHEET = 'Người dùng';

export const PEOPLE_COLUMNS: readonly ColumnSpec[] = [
  { key: 'email', header: 'Email', width: 240 },
  { key: 'role', header: 'Vai trò', width: 120 },
  {
    key: 'scope',
    header: 'Phạm vi (mã đơn vị, xã, huyện cũ, cụm; trống = cả tỉnh)',
    prefix: 'Phạm vi',
    aliases: ['Phạm vi (mã đơn vị hoặc huyện)'],
    width: 260,
  },
  { key: 'name', header: 'Họ tên', width: 200, optional: true },
  { key: 'note', header: 'Ghi chú', width: 240, optional: true },
];

/** A role as typed: its Vietnamese name in any case (đơn vị, xã, huyện, tỉnh, bộ, ban chỉ đạo, quản trị). */
function roleOf(value: unknown): Role | undefined {
  if (!ROLE_KEYS) {
    const keys = new Map<string, Role>();
    inLanguage('vi', () => {
      for (const role of ROLES) {
        const key = textKey(roleLabel(role));
        if (!keys.has(key)) keys.set(key, role);
      }
    });
    ROLE_KEYS = keys;
  }
  return ROLE_KEYS.get(textKey(value));
}

/** Each role by its Vietnamese name's key (the first role of a name), made on first use. */
let ROLE_KEYS: Map<string, Role> | undefined;

export interface PeopleRead {
  readonly grants: readonly Grant[];
  /** Rows that cannot be used, each naming its cell; they grant nothing. */
  readonly problems: readonly string[];
  /** The same rows by email, so that a refusal says why rather than «not in the sheet». */
  readonly unusable: readonly { readonly email: string; readonly problem: string }[];
}

/** The columns a grant is made of: email, role, scope, as set-up writes them, first. */
const GRANT_KEYS = ['email', 'role', 'scope'];

/**
 * The sheet's cells a grant needs (issue 12: a province's sheet has a row per person and scope, and
 * a step reads it for the mail's recipients): the extent, then the first three columns, where set-up
 * puts email, role and scope; names and notes are never read. A sheet whose header has them elsewhere
 * is read whole, as before (and a missing one named).
 */
function grantColumns(sheet: SheetPort): CellValue[][] {
  const { rows, columns } = extentOf(sheet);
  if (rows === 0 || columns === 0) return [];
  const width = Math.min(columns, GRANT_KEYS.length);
  const values = sheet.readRange(1, 1, rows, width);
  const located = locateColumns(
    values[0] ?? [],
    PEOPLE_COLUMNS.filter((spec) => GRANT_KEYS.includes(spec.key)),
  );
  return located.missing.length === 0 ? values : sheet.readValues();
}

/** The grants of the people sheet (a metadata call and one read); none without the sheet. */
export function readPeople(workbook: WorkbookPort): PeopleRead {
  const sheet = workbook.sheet(PEOPLE_SHEET);
  if (!sheet) return { grants: [], problems: [], unusable: [] };
  const [header = [], ...rows] = grantColumns(sheet);
  const located = locateRequired(PEOPLE_SHEET, header, PEOPLE_COLUMNS);
  const grants: Grant[] = [];
  const problems: string[] = [];
  const unusable: { email: string; problem: string }[] = [];
  rows.forEach((row, i) => {
    const email = cellText(row[columnOf(located, 'email') - 1]);
    const typedRole = row[columnOf(located, 'role') - 1];
    if (email === '' && cellText(typedRole) === '') return;
    const role = roleOf(typedRole);
    if (!role) {
      const problem = tr(
        `${cellPlace(PEOPLE_SHEET, i + 2, columnOf(located, 'role'))}: vai trò «${cellText(typedRole)}» không rõ; ghi đơn vị, xã, huyện, tỉnh, bộ, ban chỉ đạo hoặc quản trị.`,
        `${cellPlace(PEOPLE_SHEET, i + 2, columnOf(located, 'role'))}: the role «${cellText(typedRole)}» is not clear; write đơn vị, xã, huyện, tỉnh, bộ, ban chỉ đạo or quản trị.`,
      );
      problems.push(problem);
      unusable.push({ email, problem });
      return;
    }
    grants.push({ email, role, scope: cellText(row[columnOf(located, 'scope') - 1]) });
  });
  return { grants, problems, unusable };
}
