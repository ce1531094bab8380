import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AuditEntry,
  type AuditRow,
  append,
  GENESIS,
  logName,
  verifyChain,
  verifyOfflineExtension,
} from '../../src/domain/audit';
import { ROLES } from '../../src/domain/ladder';
import { type Grant, grantIndex, grantRoles, rolesOver, sameEmail } from '../../src/domain/people';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('who holds a role over a unit, for many units at once', () => {
  it('names exactly the people whose own rights cover the unit (the index agrees with rolesOver)', () => {
    const email = fc.constantFrom('a@x.org', 'B@x.org ', 'c@x.org');
    const place = fc.constantFrom('', 'HT101', 'ht101', 'Thạch Hà', 'thạch hà ', 'Cẩm Xuyên');
    const grant = fc.record({ email, role: fc.constantFrom(...ROLES), scope: place });
    const unit = fc.record({
      code: fc.constantFrom('', 'HT101', 'HT102'),
      district: fc.constantFrom('', 'Thạch Hà', 'Cẩm Xuyên'),
    });
    fc.assert(
      fc.property(fc.array(grant, { maxLength: 8 }), unit, (grants, target) => {
        const holders = grantIndex(grants);
        for (const role of ROLES) {
          const expected = ['a@x.org', 'b@x.org', 'c@x.org'].filter((person) => {
            const access = rolesOver(grants, person, target);
            return access.ok && access.roles.includes(role);
          });
          expect([...holders(role, target)].sort()).toEqual(expected);
        }
      }),
    );
  });
});

describe('the roles one person holds over a unit (issue 12: indexed once per grants list)', () => {
  it('are those of each of their grants in the sheet’s order, as `grantRoles` gives them one by one', () => {
    const email = fc.constantFrom('a@x.org', ' A@x.org', 'b@x.org');
    const place = fc.constantFrom(
      '',
      'HT101',
      'ht101 ',
      'Thạch Hà',
      'thạch hà',
      'Cụm II',
      'II',
      'Xã Một',
    );
    const grant = fc.record({ email, role: fc.constantFrom(...ROLES), scope: place });
    const unit = fc.record({
      code: fc.constantFrom('HT101', 'HT102'),
      district: fc.constantFrom('', 'Thạch Hà', 'Cẩm Xuyên'),
      commune: fc.constantFrom('', 'Xã Một', 'HT101'),
      cluster: fc.constantFrom('', 'II', 'Cụm II'),
    });
    fc.assert(
      fc.property(
        fc.array(grant, { maxLength: 12 }),
        fc.array(unit, { maxLength: 4 }),
        (grants, units) => {
          // The same list asked about several units: the index built for the first serves the rest.
          for (const target of units) {
            for (const person of ['a@x.org', 'B@X.ORG ', 'c@x.org']) {
              const mine = grants.filter((g) => sameEmail(g.email, person));
              const roles = [...new Set(mine.flatMap((g) => grantRoles(g, target)))];
              const access = rolesOver(grants, person, target);
              if (mine.length === 0 || roles.length === 0) expect(access.ok).toBe(false);
              else expect(access).toEqual({ ok: true, roles });
            }
          }
        },
      ),
    );
  });
});

describe('who may act on a unit', () => {
  const grants: Grant[] = [
    { email: 'Can.Bo.Xa1@example.org', role: 'xa', scope: 'HT101' },
    { email: 'thamdinh.thachha@example.org', role: 'huyen', scope: 'Thạch Hà' },
    { email: 'so.gddt@example.org', role: 'tinh', scope: '' },
    { email: 'so.gddt@example.org', role: 'quanTri', scope: '' },
  ];
  const unit = { code: 'HT101', district: 'Thạch Hà' };
  const other = { code: 'HT201', district: 'Cẩm Xuyên' };

  it('compares emails trimmed and case-insensitive, and scopes by unit or district', () => {
    // A «xã» row naming the unit's code is the unit's own officer, as the previous version had it.
    expect(rolesOver(grants, '  can.bo.xa1@EXAMPLE.org ', unit)).toEqual({
      ok: true,
      roles: ['donVi'],
    });
    expect(
      rolesOver(grants, 'thamdinh.thachha@example.org', { code: 'HT199', district: 'thạch hà' }),
    ).toEqual({
      ok: true,
      roles: ['huyen'],
    });
    expect(rolesOver(grants, 'so.gddt@example.org', other)).toEqual({
      ok: true,
      roles: ['tinh', 'quanTri'],
    });
  });

  it('denies, saying why: an unknown email, another unit or district, no email at all', () => {
    expect(rolesOver(grants, 'can.bo.xa1@example.org', other)).toEqual({
      ok: false,
      reason: 'can.bo.xa1@example.org (xã HT101) không có quyền với đơn vị HT201 (Cẩm Xuyên).',
    });
    expect(rolesOver(grants, 'la@example.org', unit)).toEqual({
      ok: false,
      reason: 'Email la@example.org chưa có trong trang «Người dùng».',
    });
    const empty = rolesOver(grants, ' ', unit);
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.reason).toMatch(/^Google không cho biết email của bạn/);
  });
});

describe('the audit hash chain', () => {
  const entry = (i: number): AuditEntry => ({
    time: new Date(Date.UTC(2026, 1, i + 1)).toISOString(),
    user: `user${i % 3}@example.org`,
    unit: `HT${100 + (i % 5)}`,
    action: ['Gửi', 'Duyệt', 'Trả lại'][i % 3] as string,
    from: 'Đang tự đánh giá',
    to: 'Chờ huyện thẩm định',
    comment: i % 2 ? `Nhận xét ${i}` : '',
  });

  function chain(n: number): { rows: AuditRow[]; head: string } {
    let head = GENESIS;
    const rows: AuditRow[] = [];
    for (let i = 0; i < n; i += 1) {
      const next = append(head, entry(i), sha256);
      rows.push(next.row);
      head = next.head;
    }
    return { rows, head };
  }

  it('verifies an untouched log and its head', () => {
    const { rows, head } = chain(6);
    expect(verifyChain(rows, head, sha256)).toEqual({ ok: true, head, rows: 6 });
    expect(verifyChain([], GENESIS, sha256)).toEqual({ ok: true, head: GENESIS, rows: 0 });
  });

  it('names the first row after any alteration, insertion or removal (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.nat(),
        fc.constantFrom('alter', 'insert', 'remove'),
        (n, at, how) => {
          const { rows, head } = chain(n);
          const i = at % n;
          const tampered = [...rows];
          if (how === 'alter') tampered[i] = { ...(rows[i] as AuditRow), comment: 'sửa lén' };
          if (how === 'insert') tampered.splice(i, 0, { ...(rows[i] as AuditRow), action: 'Chèn' });
          if (how === 'remove') tampered.splice(i, 1);
          const check = verifyChain(tampered, head, sha256);
          if (check.ok) return false;
          // The break shows at the changed row, or the one after it (or the head, for the last row).
          return check.index >= Math.min(i, tampered.length - 1) && check.index <= i + 1;
        },
      ),
    );
  });

  it('catches the last row removed together with the head rewritten in the sheet, against the kept head', () => {
    const { rows, head } = chain(4);
    const check = verifyChain(rows.slice(0, 3), head, sha256);
    expect(check).toMatchObject({ ok: false, index: 2 });
  });

  describe('a log that went offline and came back', () => {
    /** `online` rows, then `offline` rows appended by unvouched (offline) names. */
    function trip(
      online: number,
      offline: number,
      name = (i: number) => logName(`xa${i}@example.org`, false),
    ) {
      const { rows, head: kept } = chain(online);
      let head = kept;
      const all = [...rows];
      for (let i = 0; i < offline; i += 1) {
        const next = append(head, { ...entry(online + i), user: name(i) }, sha256);
        all.push(next.row);
        head = next.head;
      }
      return { rows: all, kept, file: head };
    }

    it('accepts rows added offline after the kept head, and counts them', () => {
      const { rows, kept, file } = trip(4, 2);
      expect(verifyChain(rows, kept, sha256).ok).toBe(false);
      expect(verifyOfflineExtension(rows, kept, file, sha256)).toEqual({
        ok: true,
        head: file,
        rows: 6,
        offline: 2,
      });
      // A log kept wholly offline from its first row.
      const fresh = trip(0, 3);
      expect(verifyOfflineExtension(fresh.rows, GENESIS, fresh.file, sha256)?.offline).toBe(3);
    });

    it('refuses an extension with a row in a vouched name, a broken link, a head that is not the file’s, or a kept head it never passed', () => {
      const forged = trip(4, 2, (i) =>
        i === 1 ? 'so.gddt@example.org' : logName('xa@example.org', false),
      );
      expect(verifyOfflineExtension(forged.rows, forged.kept, forged.file, sha256)).toBeUndefined();
      const { rows, kept, file } = trip(4, 2);
      const altered = rows.map((row, i) => (i === 1 ? { ...row, comment: 'sửa lén' } : row));
      expect(verifyOfflineExtension(altered, kept, file, sha256)).toBeUndefined();
      expect(verifyOfflineExtension(rows, kept, kept, sha256)).toBeUndefined();
      expect(verifyOfflineExtension(rows, 'không phải mã nào', file, sha256)).toBeUndefined();
      // Nothing added: the plain check is the one that answers.
      expect(verifyOfflineExtension(rows.slice(0, 4), kept, kept, sha256)).toBeUndefined();
    });
  });
});
