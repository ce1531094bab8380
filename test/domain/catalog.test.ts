import { describe, expect, it } from 'vitest';
import { CATALOG, DEFAULT_RUBRIC_ID, findRubric } from '../../src/domain/catalog';
import {
  indicatorsOf,
  isMissing,
  itemsOf,
  known,
  missingValues,
  type Rubric,
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
    expect(DEFAULT_RUBRIC_ID).toBe('TT22_2020_DVHT');
    expect(new Set(CATALOG.map((r) => r.scoringSheet)).size).toBe(CATALOG.length);
  });

  it('breaks none of its own rules', () => {
    for (const r of CATALOG) expect(checkRubric(r), r.id).toEqual([]);
  });

  it('invents nothing: only TT22 is complete; every other unknown is a marker saying what to enter', () => {
    expect(missingValues(rubric('TT22_2020_DVHT'))).toEqual([]);
    for (const r of CATALOG.filter((c) => c.id !== 'TT22_2020_DVHT')) {
      const missing = missingValues(r);
      expect(missing.length, r.id).toBeGreaterThan(0);
      for (const m of missing) expect(m.missing.length, `${r.id} ${m.where}`).toBeGreaterThan(10);
    }
  });

  it('TT25/2023 commune CĐHT: 5 criteria, the 6 known indicators, criteria 3–5 left to the province', () => {
    const tt25 = rubric('TT25_2023_CDHT_XA');
    if (tt25.method !== 'levels') throw new Error('levels expected');
    expect(tt25.criteria).toHaveLength(5);
    const indicators = indicatorsOf(tt25);
    const known6 = indicators.filter((i) => !isMissing(i.text));
    expect(known6.map((i) => i.code)).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2', '2.3']);
    for (const i of known6) expect(i.levels).toEqual([{ kind: 'met' }, { kind: 'met' }]);
    const placeholders = indicators.filter((i) => isMissing(i.text));
    expect(placeholders.map((i) => i.code)).toEqual(['3.1', '4.1', '5.1']);
    for (const p of placeholders)
      expect((p.text as { missing: string }).missing).toContain('9 chỉ tiêu');
    expect([tt25.monthsBeforeNextLevel, tt25.validityMonths]).toEqual([12, 36]);
  });

  it('TT24/2023 ĐVHT: district and province differ, province keeps 36 months of validity', () => {
    const district = rubric('TT24_2023_DVHT_HUYEN');
    const province = rubric('TT24_2023_DVHT_TINH');
    if (district.method !== 'levels' || province.method !== 'levels')
      throw new Error('levels expected');
    expect(indicatorsOf(province).map((i) => i.code)).not.toEqual(
      indicatorsOf(district).map((i) => i.code),
    );
    expect(isMissing(district.validityMonths)).toBe(true);
    expect(province.validityMonths).toBe(36);
    expect(isMissing(province.monthsBeforeNextLevel)).toBe(true);
    const cdht = indicatorsOf(province).find((i) => i.code === '3.1');
    expect(cdht?.levels).toEqual([
      { kind: 'percent', min: 90 },
      { kind: 'percent', min: 95 },
    ]);
    const title = indicatorsOf(province).find((i) => i.code === '3.3');
    expect(title?.levels.map((l) => l.kind)).toEqual(['text', 'text']);
  });

  it('TT44/2014: 15 criteria in 3 groups, each scored with evidence, points left to the province', () => {
    const tt44 = rubric('TT44_2014_CDHT_XA');
    if (tt44.method !== 'points') throw new Error('points expected');
    expect(tt44.criteria.map((c) => c.items.length)).toEqual([5, 5, 5]);
    expect(itemsOf(tt44).map((i) => i.code)).toEqual(
      Array.from({ length: 15 }, (_, i) => String(i + 1)),
    );
    expect(itemsOf(tt44).every((i) => isMissing(i.max) && i.evidenceRequired)).toBe(true);
    expect(tt44.bands.map((b) => [b.label, isMissing(b.min)])).toEqual([
      ['Tốt', true],
      ['Khá', true],
    ]);
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
