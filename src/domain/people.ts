import { textKey } from './cells';
import { tr } from './i18n';
import { type Role, roleLabel } from './ladder';

/**
 * Who may act on which unit: the people sheet gives each email a role and a scope. The scope names a
 * unit (its code: the officer who sends that unit's dossier), a commune (a «xã» acting on the units
 * of its area), a former district («huyện», kept for history and grouping after 07/2025), a cluster
 * («Cụm II») or, blank, the whole province. One person may have several rows.
 */

export interface Grant {
  readonly email: string;
  readonly role: Role;
  /** A unit code, a commune, a (former) district, a cluster; blank for the whole province. */
  readonly scope: string;
}

export interface UnitRef {
  readonly code: string;
  /** The former district («Địa bàn (huyện cũ)»). */
  readonly district: string;
  /** The commune the unit belongs to, where the units sheet gives it. */
  readonly commune?: string;
  /** The cluster («Cụm»), where the units sheet gives it. */
  readonly cluster?: string;
}

/** The keys a scope may name for a unit, besides its code: commune, district, cluster («Cụm II» or «II»). */
function placeKeys(unit: UnitRef): string[] {
  const cluster = textKey(unit.cluster ?? '');
  return [
    textKey(unit.commune ?? ''),
    textKey(unit.district),
    ...(cluster ? [cluster, cluster.startsWith('cụm ') ? cluster : `cụm ${cluster}`] : []),
  ].filter((key) => key !== '');
}

/**
 * The roles one grant gives over a unit. A row naming the unit's code is its own officer («đơn vị»;
 * a «xã» row does the same, as the previous version's sheets have it); a «xã» row naming the unit's
 * commune acts for the commune; a «huyện» row its district; the others their scope, blank for all.
 */
export function grantRoles(grant: Grant, unit: UnitRef): Role[] {
  return grantRolesOver(unit)(grant);
}

/** `grantRoles` for one unit and many grants: the unit's keys are worked out once. */
function grantRolesOver(unit: UnitRef): (grant: Grant) => Role[] {
  const code = textKey(unit.code);
  const commune = textKey(unit.commune ?? '');
  const district = textKey(unit.district);
  let places: string[] | undefined;
  return (grant) => {
    const scope = textKey(grant.scope);
    const own = scope !== '' && scope === code;
    switch (grant.role) {
      case 'donVi':
        return own ? ['donVi'] : [];
      case 'xa':
        return [
          ...(own ? (['donVi'] as const) : []),
          ...(scope !== '' && scope === commune ? (['xa'] as const) : []),
        ];
      case 'huyen':
        return scope !== '' && scope === district ? ['huyen'] : [];
      default:
        places ??= placeKeys(unit);
        return scope === '' || own || places.includes(scope) ? [grant.role] : [];
    }
  };
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
 * daily reminder over thousands of units, each commune a grant of its own). Same rule as `grantRoles`.
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
  const at = (role: Role, scope: string) =>
    scope === '' ? [] : (byScope.get(`${role}|${scope}`) ?? []);
  return (role, unit) => {
    const code = textKey(unit.code);
    let found: string[];
    switch (role) {
      case 'donVi':
        found = [...at('donVi', code), ...at('xa', code)];
        break;
      case 'xa':
        found = at('xa', textKey(unit.commune ?? ''));
        break;
      case 'huyen':
        found = at('huyen', textKey(unit.district));
        break;
      default:
        found = [
          ...(byScope.get(`${role}|`) ?? []),
          ...at(role, code),
          ...placeKeys(unit).flatMap((key) => at(role, key)),
        ];
    }
    return [...new Set(found)];
  };
}

/** One person's grants, in the sheet's order, and the same indexed by their scope's key. */
interface Person {
  readonly grants: readonly Grant[];
  readonly length: number;
  readonly byScope: ReadonlyMap<string, readonly { readonly at: number; readonly grant: Grant }[]>;
}

/**
 * Each person's grants, built once per grants list (a bulk step asks `rolesOver` for every unit, and
 * one commune officer may hold a row per unit): remembered for that list only, never past it.
 */
const people = new WeakMap<readonly Grant[], Map<string, Person>>();

function personOf(grants: readonly Grant[], email: string): Person {
  let byEmail = people.get(grants);
  if (!byEmail) {
    const lists = new Map<string, Grant[]>();
    for (const grant of grants) {
      const key = grant.email.trim().toLowerCase();
      const list = lists.get(key);
      if (list) list.push(grant);
      else lists.set(key, [grant]);
    }
    byEmail = new Map();
    for (const [key, list] of lists) {
      const byScope = new Map<string, { at: number; grant: Grant }[]>();
      list.forEach((grant, at) => {
        const scope = textKey(grant.scope);
        const held = byScope.get(scope);
        if (held) held.push({ at, grant });
        else byScope.set(scope, [{ at, grant }]);
      });
      byEmail.set(key, { grants: list, length: list.length, byScope });
    }
    people.set(grants, byEmail);
  }
  return byEmail.get(email.trim().toLowerCase()) ?? { grants: [], length: 0, byScope: new Map() };
}

/**
 * The roles a person's grants give over a unit, as `grantRoles` over each grant in order, looking only
 * at the grants whose scope can name the unit (blank, its code, commune, district or cluster).
 */
function rolesOf(person: Person, unit: UnitRef): Role[] {
  const scopes = new Set(['', textKey(unit.code), ...placeKeys(unit)]);
  const found: { at: number; grant: Grant }[] = [];
  for (const scope of scopes) found.push(...(person.byScope.get(scope) ?? []));
  found.sort((a, b) => a.at - b.at);
  const over = grantRolesOver(unit);
  return [...new Set(found.flatMap(({ grant }) => over(grant)))];
}

/** The roles `email` holds over `unit`, or why it holds none (in Vietnamese or English). */
export function rolesOver(
  grants: readonly Grant[],
  email: string,
  unit: UnitRef,
  /** Rows of the people sheet that grant nothing (a role not understood), each with its problem. */
  unusable: readonly { readonly email: string; readonly problem: string }[] = [],
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
  const mine = personOf(grants, email);
  const unread = unusable.filter((row) => sameEmail(row.email, email));
  if (mine.length === 0 && unread.length > 0) {
    return {
      ok: false,
      reason: tr(
        `${email} có trong trang «Người dùng» nhưng dòng của người này chưa dùng được: ${unread.map((row) => row.problem).join(' ')} Quản trị sửa ô đó rồi thử lại.`,
        `${email} is in the «Người dùng» sheet, but their row cannot be used yet: ${unread.map((row) => row.problem).join(' ')} An administrator fixes that cell, then try again.`,
      ),
    };
  }
  if (mine.length === 0) {
    return {
      ok: false,
      reason: tr(
        `Email ${email} chưa có trong trang «Người dùng».`,
        `${email} is not in the «Người dùng» sheet.`,
      ),
    };
  }
  const roles = rolesOf(mine, unit);
  if (roles.length === 0) {
    const held = [
      ...new Set(
        mine.grants.map(
          (grant) => `${roleLabel(grant.role)}${grant.scope ? ` ${grant.scope}` : ''}`,
        ),
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
