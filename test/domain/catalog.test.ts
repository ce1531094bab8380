import { describe, expect, it } from 'vitest';
import {
  CATALOG,
  DEFAULT_RUBRIC_ID,
  defaultRubricId,
  findRubric,
  inForceInstead,
  rubricsForYear,
} from '../../src/domain/catalog';
import {
  indicatorsOf,
  inForceFor,
  isMissing,
  itemsOf,
  known,
  missingValues,
  type Rubric,
  repealNote,
} from '../../src/domain/rubric';
import { checkRubric } from '../../src/domain/rubric-check';

const rubric = (id: string): Rubric => {
  const found = findRubric(id);
  if (!found) throw new Error(`no rubric ${id}`);
  return found;
};

describe('the built-in catalog (REGULATIONS.md §1–§5)', () => {
  it('holds every title of the issue, one method each', () => {
    expect(CATALOG.map((r) => [r.id, r.method])).toEqual([
      ['TT25_2023_CDHT_XA', 'levels'],
      ['TT24_2023_DVHT_HUYEN', 'levels'],
      ['TT24_2023_DVHT_TINH', 'levels'],
      ['TT22_2020_DVHT', 'points'],
      ['TT44_2014_CDHT_XA', 'points'],
      ['QD448_2015_GDHT', 'points'],
    ]);
    expect(new Set(CATALOG.map((r) => r.scoringSheet)).size).toBe(CATALOG.length);
  });

  it('breaks none of its own rules', () => {
    for (const r of CATALOG) expect(checkRubric(r), r.id).toEqual([]);
  });

  it('invents nothing: TT 25, TT 24 and TT 22 are complete; every other unknown says what to enter', () => {
    for (const id of ['TT25_2023_CDHT_XA', 'TT24_2023_DVHT_HUYEN', 'TT24_2023_DVHT_TINH'])
      expect(missingValues(rubric(id)), id).toEqual([]);
    expect(missingValues(rubric('TT22_2020_DVHT'))).toEqual([]);
    for (const id of ['TT44_2014_CDHT_XA', 'QD448_2015_GDHT']) {
      const missing = missingValues(rubric(id));
      expect(missing.length, id).toBeGreaterThan(0);
      for (const m of missing) expect(m.missing.length, `${id} ${m.where}`).toBeGreaterThan(10);
    }
  });

  it('says where every built-in element comes from, by article, and how sure its wording is', () => {
    for (const r of CATALOG) {
      expect(r.inForce?.from, r.id).toMatch(/^\d\d\/\d\d\/\d{4}$/);
      expect(r.legalBasis, r.id).toContain(`từ ${r.inForce?.from}`);
      expect(r.legalBasis, r.id).not.toMatch(/REGULATIONS|\.md|\[[VPIU]\]|\bS\d+/);
    }
    for (const id of ['TT25_2023_CDHT_XA', 'TT24_2023_DVHT_HUYEN', 'TT24_2023_DVHT_TINH']) {
      const r = rubric(id);
      if (r.method !== 'levels') throw new Error('levels expected');
      for (const i of indicatorsOf(r)) {
        expect(i.basis, `${id} ${i.code}`).toMatch(/^Điều \d+ khoản \d+ điểm [a-zđ]/);
        expect(typeof i.verified, `${id} ${i.code}`).toBe('boolean');
      }
    }
  });

  it('TT25/2023 commune CĐHT: 5 criteria, 15 indicators (5.2 as two shares), verbatim, nothing to complete', () => {
    const tt25 = rubric('TT25_2023_CDHT_XA');
    if (tt25.method !== 'levels') throw new Error('levels expected');
    expect(tt25.criteria.map((c) => c.indicators.length)).toEqual([3, 3, 3, 4, 3]);
    const codes = indicatorsOf(tt25).map((i) => i.code);
    // 5.2b is the university share of indicator 5.2: 15 indicators in the circular's count.
    expect(new Set(codes.map((code) => code.replace(/b$/, ''))).size).toBe(15);
    expect(tt25.criteria[2]?.name).toBe(
      'Hiệu quả hoạt động của trung tâm học tập cộng đồng và thư viện công cộng cấp xã, trung tâm văn hóa, thể thao cấp xã',
    );
    const text = (code: string) => indicatorsOf(tt25).find((i) => i.code === code)?.text;
    expect(text('1.3')).toContain('Tuần lễ hưởng ứng học tập suốt đời');
    expect(text('4.2')).toContain('phổ cập giáo dục tiểu học mức độ 2');
    const level = (code: string, l: 0 | 1) =>
      indicatorsOf(tt25).find((i) => i.code === code)?.levels[l];
    expect(level('4.2', 1)).toEqual({
      kind: 'text',
      text: 'Xã đạt chuẩn phổ cập giáo dục tiểu học mức độ 3',
    });
    expect([level('5.1', 0), level('5.1', 1)]).toEqual([
      { kind: 'percent', min: 60 },
      { kind: 'percent', min: 80 },
    ]);
    expect([level('5.2', 0), level('5.2', 1), level('5.2b', 0), level('5.2b', 1)]).toEqual([
      { kind: 'percent', min: 50, minHard: 40 },
      { kind: 'percent', min: 60, minHard: 50 },
      { kind: 'percent', min: 12, minHard: 10 },
      { kind: 'percent', min: 15, minHard: 12 },
    ]);
    expect(indicatorsOf(tt25).some((i) => i.mayNotApply)).toBe(false);
    expect([tt25.monthsBeforeNextLevel, tt25.validityMonths]).toEqual([12, 36]);
  });

  it('TT24/2023 ĐVHT: 3.1 split into members and learners, «Không áp dụng» only where a unit may not be concerned', () => {
    const district = rubric('TT24_2023_DVHT_HUYEN');
    const province = rubric('TT24_2023_DVHT_TINH');
    if (district.method !== 'levels' || province.method !== 'levels')
      throw new Error('levels expected');
    expect(indicatorsOf(district).map((i) => i.code)).toEqual([
      ...['1.1', '1.2', '1.3', '1.4', '1.5', '2.1', '2.2', '2.3', '2.4', '2.5'],
      ...['3.1', '3.1b', '3.2', '3.3', '3.4', '3.5'],
    ]);
    expect(
      indicatorsOf(province)
        .map((i) => i.code)
        .slice(10),
    ).toEqual([...['3.1', '3.1b', '3.2', '3.3', '3.4', '3.5', '3.6']]);
    for (const r of [district, province]) {
      const find = (code: string) => indicatorsOf(r).find((i) => i.code === code);
      expect(find('3.1')?.levels).toEqual([
        { kind: 'percent', min: 90 },
        { kind: 'percent', min: 95 },
      ]);
      expect(find('3.1b')?.levels).toEqual([
        { kind: 'percent', min: 95 },
        { kind: 'percent', min: 97 },
      ]);
      expect([
        find('3.1')?.mayNotApply,
        find('3.1b')?.mayNotApply,
        find('2.1')?.mayNotApply,
      ]).toEqual([true, true, undefined]);
      expect(find('2.4')?.levels).toEqual([
        { kind: 'percent', min: 50 },
        { kind: 'percent', min: 70 },
      ]);
      expect(find('3.4')?.levels[1]).toMatchObject({ text: expect.stringContaining('tốt') });
      expect([r.monthsBeforeNextLevel, r.validityMonths]).toEqual([12, 36]);
    }
    // Province mức độ 2 keeps «Tập thể lao động tiên tiến»; universities follow QĐ 4740, schools 4725.
    const province33 = indicatorsOf(province).find((i) => i.code === '3.3');
    expect(province33?.levels).toEqual([{ kind: 'met' }, { kind: 'met' }]);
    expect(indicatorsOf(province).find((i) => i.code === '3.5')?.text).toContain('4740');
    expect(indicatorsOf(province).find((i) => i.code === '3.4')?.text).toContain('4725');
  });

  it('TT44/2014: the official 15 criteria, 100 points in bands 85/70/50 with no criterion at 0, points per criterion to enter', () => {
    const tt44 = rubric('TT44_2014_CDHT_XA');
    if (tt44.method !== 'points') throw new Error('points expected');
    expect(tt44.criteria).toHaveLength(15);
    expect(tt44.criteria[3]?.name).toBe(
      'Mạng lưới và hoạt động của các cơ sở giáo dục, các thiết chế văn hóa trên địa bàn cấp xã',
    );
    expect(tt44.criteria.slice(12, 14).map((c) => c.name)).toEqual([
      'Đảm bảo vệ sinh, môi trường',
      'Chăm sóc sức khỏe cộng đồng',
    ]);
    expect(itemsOf(tt44).every((i) => isMissing(i.max) && i.evidenceRequired)).toBe(true);
    expect(tt44.bands).toEqual([
      { label: 'Tốt', min: 85 },
      { label: 'Khá', min: 70 },
      { label: 'Trung bình', min: 50 },
    ]);
    expect([tt44.fallbackBand, tt44.noZeroCriterion]).toEqual(['Chưa đạt', true]);
  });

  it('TT 22/2020 and TT 44/2014 are historical, each replaced by the text of 2023', () => {
    expect(repealNote(rubric('TT22_2020_DVHT'))).toBe('bãi bỏ từ 26/01/2024, thay bằng TT 24/2023');
    expect(repealNote(rubric('TT44_2014_CDHT_XA'))).toBe(
      'bãi bỏ từ 12/02/2024, thay bằng TT 25/2023',
    );
    expect(repealNote(rubric('TT25_2023_CDHT_XA'))).toBe('');
  });

  it('the default rubric follows the assessment year: TT 24/TT 25 from 2024 on, TT 22/TT 44 before', () => {
    expect([2023, 2024, 2026].map(defaultRubricId)).toEqual([
      'TT22_2020_DVHT',
      'TT24_2023_DVHT_HUYEN',
      'TT24_2023_DVHT_HUYEN',
    ]);
    expect(DEFAULT_RUBRIC_ID).toBe('TT22_2020_DVHT');
    const inForce = (year: number) => CATALOG.filter((r) => inForceFor(r, year)).map((r) => r.id);
    expect(inForce(2023)).toEqual(['TT22_2020_DVHT', 'TT44_2014_CDHT_XA', 'QD448_2015_GDHT']);
    expect(inForce(2024)).toEqual([
      'TT25_2023_CDHT_XA',
      'TT24_2023_DVHT_HUYEN',
      'TT24_2023_DVHT_TINH',
      'QD448_2015_GDHT',
    ]);
    expect(
      rubricsForYear(CATALOG, 2023)
        .map((r) => r.id)
        .slice(0, 3),
    ).toEqual(inForce(2023));
    expect(inForceInstead('TT44_2014_CDHT_XA', 2024)?.id).toBe('TT25_2023_CDHT_XA');
    expect(inForceInstead('TT22_2020_DVHT', 2025)?.id).toBe('TT24_2023_DVHT_HUYEN');
    expect(inForceInstead('TT25_2023_CDHT_XA', 2023)?.id).toBe('TT44_2014_CDHT_XA');
    expect(inForceInstead('TT25_2023_CDHT_XA', 2024)).toBeUndefined();
  });

  it('QĐ 448/2015 Gia đình học tập: criteria 1–2 as verified, 3–4 by name only', () => {
    const gdht = rubric('QD448_2015_GDHT');
    if (gdht.method !== 'points') throw new Error('points expected');
    expect(gdht.criteria.map((c) => known(c.max))).toEqual([30, 30, undefined, undefined]);
    expect(gdht.criteria[0]?.items.map((i) => i.max)).toEqual([10, 10, 10]);
    expect(gdht.criteria.map((c) => c.name)).toEqual([
      'Học tập của trẻ em trong gia đình',
      'Học tập của người lớn trong gia đình',
      'Điều kiện học tập của gia đình',
      'Tác động, hiệu quả học tập của các thành viên',
    ]);
  });
});
