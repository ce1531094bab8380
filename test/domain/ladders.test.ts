import { describe, expect, it } from 'vitest';
import {
  checkLadder,
  type DatedLadder,
  datedLadderOn,
  ladderNamed,
  ladderText,
  parseLadder,
} from '../../src/domain/ladder';
import { grantIndex, grantRoles, rolesOver, type UnitRef } from '../../src/domain/people';
import { BUILT_IN_PROCEDURES, REFORM_DATE } from '../../src/domain/procedures';
import { stateLabel, submitterRoles, transition, type UnitState } from '../../src/domain/workflow';

const day = (d: number, m: number, y: number) => new Date(y, m - 1, d, 12);

describe('a ladder written out', () => {
  it('starts with who sends the dossier: a unit, a commune, a village or a family', () => {
    for (const [text, submitter] of [
      ['đơn vị → xã quyết định', 'donVi'],
      ['thôn → xã quyết định', 'thon'],
      ['gia đình → xã thẩm định → huyện quyết định', 'giaDinh'],
    ] as const) {
      const read = parseLadder(text);
      expect(read.ok && read.ladder.submitter, text).toBe(submitter);
      expect(read.ok && ladderText(read.ladder), text).toBe(text);
    }
    // A commune's ladder keeps the shape the previous version stored.
    const commune = parseLadder('xã → huyện thẩm định → tỉnh quyết định');
    expect(commune.ok && commune.ladder.submitter).toBeUndefined();
  });

  it('takes «xã» and «bộ» as steps, never the commune approving what it sent itself', () => {
    const ministry = parseLadder('xã → tỉnh thẩm định → bộ quyết định');
    expect(ministry.ok && ministry.ladder.steps).toEqual([
      { role: 'tinh', kind: 'review' },
      { role: 'bo', kind: 'decide' },
    ]);
    const commune = parseLadder('đơn vị → xã quyết định');
    expect(commune.ok && commune.ladder.steps).toEqual([{ role: 'xa', kind: 'decide' }]);
    const own = parseLadder('xã → xã quyết định');
    expect(own.ok).toBe(false);
    expect(!own.ok && own.problem).toMatch(/cấp trên đơn vị đề nghị/);
    expect(parseLadder('trường → xã quyết định').ok).toBe(false);
  });

  it('lets the unit, not the commune that decides, send the dossier', () => {
    const ladder = ladderNamed('đơn vị → xã quyết định');
    if (!ladder) throw new Error('no ladder');
    expect(submitterRoles(ladder)).toEqual(['donVi']);
    const drafting: UnitState = { status: 'drafting', returned: false };
    expect(transition(drafting, { action: 'submit', roles: ['xa'] }, ladder)).toEqual({
      ok: false,
      reason: 'Bước này do đơn vị thực hiện.',
    });
    const sent = transition(drafting, { action: 'submit', roles: ['donVi'] }, ladder);
    expect(sent.ok && stateLabel(sent.state, ladder)).toBe('Chờ xã quyết định');
    const back = transition(
      { status: 'awaiting', step: 0, returned: false },
      { action: 'return', roles: ['xa'], comment: 'Thiếu minh chứng' },
      ladder,
    );
    expect(back.ok && stateLabel(back.state, ladder)).toBe('Trả lại cho đơn vị');
    expect(stateLabel(drafting, ladder)).toBe('Đơn vị đang tự đánh giá');
    // A commune's ladder reads as the previous version wrote it.
    const three = ladderNamed('XA_HUYEN_TINH');
    if (!three) throw new Error('no preset');
    expect(stateLabel(drafting, three)).toBe('Đang tự đánh giá');
    expect(stateLabel({ status: 'drafting', returned: true }, three)).toBe('Trả lại cho xã');
  });
});

describe('the ladder of a date', () => {
  const ladders: DatedLadder[] = [
    { from: day(12, 2, 2024), ladder: 'xã → huyện quyết định', decider: '', basis: '' },
    { from: REFORM_DATE, ladder: 'xã → tỉnh quyết định', decider: '', basis: '', confirm: '?' },
  ];

  it('changes on 01/07/2025 exactly, whatever the hour', () => {
    expect(datedLadderOn(ladders, new Date(2025, 5, 30, 23, 59))?.ladder).toBe(
      'xã → huyện quyết định',
    );
    expect(datedLadderOn(ladders, new Date(2025, 6, 1, 0, 0))?.ladder).toBe('xã → tỉnh quyết định');
    expect(datedLadderOn(ladders, day(12, 2, 2024))?.ladder).toBe('xã → huyện quyết định');
    expect(datedLadderOn(ladders, day(11, 2, 2024))).toBeUndefined();
  });

  it('takes an undated row only before every dated one, in any order', () => {
    const undated: DatedLadder = { from: null, ladder: 'XA_HUYEN_TINH', decider: '', basis: '' };
    expect(datedLadderOn([...ladders, undated], day(1, 1, 2020))?.ladder).toBe('XA_HUYEN_TINH');
    expect(datedLadderOn([undated, ...ladders].reverse(), day(1, 8, 2025))?.ladder).toBe(
      'xã → tỉnh quyết định',
    );
  });

  it('gives every built-in title valid ladders; the ones no text names are to confirm', () => {
    for (const [id, procedure] of Object.entries(BUILT_IN_PROCEDURES)) {
      for (const dated of procedure.ladders) {
        const ladder = ladderNamed(dated.ladder);
        expect(ladder, `${id} ${dated.ladder}`).toBeDefined();
        if (ladder) expect(checkLadder(ladder)).toEqual([]);
        expect(dated.from, id).not.toBeNull();
      }
    }
    const on = (id: string, when: Date) => {
      const chosen = datedLadderOn(BUILT_IN_PROCEDURES[id]?.ladders ?? [], when);
      return `${chosen?.ladder}${chosen?.confirm ? ' (cần xác nhận)' : ''}`;
    };
    // Before 01/07/2025, REGULATIONS' deciders [V]; from then, the proposals marked to confirm.
    expect(on('TT25_2023_CDHT_XA', day(30, 6, 2025))).toBe(
      'xã → huyện thẩm định → huyện quyết định',
    );
    expect(on('TT25_2023_CDHT_XA', day(1, 7, 2025))).toBe(
      'xã → tỉnh thẩm định → tỉnh quyết định (cần xác nhận)',
    );
    expect(on('TT24_2023_DVHT_HUYEN', day(30, 6, 2025))).toBe(
      'đơn vị → huyện thẩm định → huyện quyết định',
    );
    expect(on('TT24_2023_DVHT_HUYEN', day(1, 7, 2025))).toBe(
      'đơn vị → xã thẩm định → xã quyết định (cần xác nhận)',
    );
    expect(on('TT24_2023_DVHT_TINH', day(1, 7, 2025))).toBe(
      'đơn vị → tỉnh thẩm định → tỉnh quyết định',
    );
    expect(on('TT44_2014_CDHT_XA', day(1, 12, 2020))).toBe(
      'xã → huyện thẩm định → huyện quyết định',
    );
    expect(on('TT22_2020_DVHT', day(1, 3, 2021))).toBe(
      'đơn vị → huyện thẩm định → huyện quyết định',
    );
    expect(on('QD448_2015_GDHT', day(1, 3, 2021))).toBe('gia đình → xã quyết định (cần xác nhận)');
  });
});

describe('scopes in «Người dùng»', () => {
  const school: UnitRef = {
    code: 'TH01',
    district: 'Thạch Hà',
    commune: 'Xã Thạch Long',
    cluster: 'II',
  };

  it('name a unit, a commune, a former district, a cluster or the province', () => {
    const roles = (role: Parameters<typeof grantRoles>[0]['role'], scope: string) =>
      grantRoles({ email: 'a@example.org', role, scope }, school);
    expect(roles('donVi', 'TH01')).toEqual(['donVi']);
    expect(roles('donVi', 'Xã Thạch Long')).toEqual([]);
    // A «xã» row naming the unit is its own officer; naming its commune, the commune's.
    expect(roles('xa', 'th01')).toEqual(['donVi']);
    expect(roles('xa', ' xã thạch long ')).toEqual(['xa']);
    expect(roles('xa', 'Xã Cẩm Bình')).toEqual([]);
    expect(roles('huyen', 'Thạch Hà')).toEqual(['huyen']);
    expect(roles('huyen', '')).toEqual([]);
    for (const scope of ['', 'Cụm II', 'II', 'Thạch Hà', 'Xã Thạch Long', 'TH01'])
      expect(roles('tinh', scope), scope).toEqual(['tinh']);
    expect(roles('tinh', 'Cụm I')).toEqual([]);
    expect(roles('bo', '')).toEqual(['bo']);
  });

  it('find the same people for mail as for acting', () => {
    const grants = [
      { email: 'truong@example.org', role: 'donVi' as const, scope: 'TH01' },
      { email: 'xa.cu@example.org', role: 'xa' as const, scope: 'TH01' },
      { email: 'ubnd.xa@example.org', role: 'xa' as const, scope: 'Xã Thạch Long' },
      { email: 'cum2@example.org', role: 'tinh' as const, scope: 'Cụm II' },
      { email: 'cum1@example.org', role: 'tinh' as const, scope: 'Cụm I' },
    ];
    const holders = grantIndex(grants);
    expect(holders('donVi', school).sort()).toEqual(['truong@example.org', 'xa.cu@example.org']);
    expect(holders('xa', school)).toEqual(['ubnd.xa@example.org']);
    expect(holders('tinh', school)).toEqual(['cum2@example.org']);
    for (const grant of grants) {
      const acting = rolesOver(grants, grant.email, school);
      const asMail = (['donVi', 'xa', 'tinh'] as const).filter((role) =>
        holders(role, school).includes(grant.email),
      );
      expect(acting.ok ? acting.roles : [], grant.email).toEqual(asMail);
    }
  });
});
