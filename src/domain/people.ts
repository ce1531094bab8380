import { textKey } from './cells';
import { tr } from './i18n';
import { type Role, roleLabel } from './ladder';

/**
 * Who may act on which unit: the people sheet gives each email a role and a scope (a unit code for a
 * commune officer, a district for a district reviewer; blank for the province, the steering committee
 * and administrators). One person may have several rows.
 */

export interface Grant {
  readonly email: string;
  readonly role: Role;
  /** A unit code (xã) or a district (huyện); blank for the whole province. */
  readonly scope: string;
}

export interface UnitRef {
  readonly code: string;
  readonly district: string;
}

/** Emails compare trimmed and case-insensitive. */
export function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The grants of one person: filter once per run, then ask `rolesOver` per unit. */
export function grantsOf(grants: readonly Grant[], email: string): Grant[] {
  return grants.filter((grant) => sameEmail(grant.email, email));
}

/**
 * Who holds a role over a unit (trimmed, lower-cased emails, once each), for many units at once: the
 * grants are indexed by role and scope once, then each question is a few lookups (a bulk step or a
 * daily reminder over thousands of units, each commune a grant of its own). Same rule as `covers`.
 */
export function grantIndex(grants: readonly Grant[]): (role: Role, unit: UnitRef) => string[] {
  const byScope = new Map<string, string[]>();
  for (const grant of grants) {
    const email = grant.email.trim().toLowerCase();
    if (!email) continue;
    const key = `${grant.role}|${textKey(grant.scope)}`;
    const emails = byScope.get(key);
    if (emails) emails.push(email);
    else byScope.set(key, [email]);
  }
  const at = (role: Role, scope: string) => byScope.get(`${role}|${scope}`) ?? [];
  return (role, unit) => {
    const code = textKey(unit.code);
    const district = textKey(unit.district);
    const found =
      role === 'xa'
        ? code === ''
          ? []
          : at(role, code)
        : role === 'huyen'
          ? district === ''
            ? []
            : at(role, district)
          : [
              ...at(role, ''),
              ...(district ? at(role, district) : []),
              ...(code ? at(role, code) : []),
            ];
    return [...new Set(found)];
  };
}

function covers(grant: Grant, unit: UnitRef): boolean {
  const scope = textKey(grant.scope);
  switch (grant.role) {
    case 'xa':
      return scope !== '' && scope === textKey(unit.code);
    case 'huyen':
      return scope !== '' && scope === textKey(unit.district);
    default:
      return scope === '' || scope === textKey(unit.district) || scope === textKey(unit.code);
  }
}

/** The roles `email` holds over `unit`, or why it holds none (in Vietnamese or English). */
export function rolesOver(
  grants: readonly Grant[],
  email: string,
  unit: UnitRef,
): { ok: true; roles: Role[] } | { ok: false; reason: string } {
  if (email.trim() === '') {
    return {
      ok: false,
      reason: tr(
        'Google không cho biết email của bạn nên XHHT không xác định được bạn là ai. Hãy đăng nhập bằng tài khoản có trong trang «Người dùng» rồi thử lại.',
        'Google does not tell your email, so XHHT cannot tell who you are. Sign in with an account listed in the «Người dùng» sheet and try again.',
      ),
    };
  }
  const mine = grants.filter((grant) => sameEmail(grant.email, email));
  if (mine.length === 0) {
    return {
      ok: false,
      reason: tr(
        `Email ${email} chưa có trong trang «Người dùng».`,
        `${email} is not in the «Người dùng» sheet.`,
      ),
    };
  }
  const roles = [
    ...new Set(mine.filter((grant) => covers(grant, unit)).map((grant) => grant.role)),
  ];
  if (roles.length === 0) {
    const held = [
      ...new Set(
        mine.map((grant) => `${roleLabel(grant.role)}${grant.scope ? ` ${grant.scope}` : ''}`),
      ),
    ].join(', ');
    return {
      ok: false,
      reason: tr(
        `${email} (${held}) không có quyền với đơn vị ${unit.code} (${unit.district}).`,
        `${email} (${held}) has no rights over unit ${unit.code} (${unit.district}).`,
      ),
    };
  }
  return { ok: true, roles };
}
