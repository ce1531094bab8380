import { describe, expect, it } from 'vitest';
import { findRubric } from '../../src/domain/catalog';
import { assessLevels, indicatorInputs } from '../../src/domain/levels';
import type { LevelsRubric, PointsRubric, Rubric } from '../../src/domain/rubric';
import { scoreUnit } from '../../src/domain/scoring';
import { completed } from '../fixtures/rubrics';

/**
 * Hand-computed boundaries of each built-in rubric, on the values its regulation gives. Values the
 * regulation leaves unknown are filled with sample values (fixtures/rubrics.ts, completed()) only so
 * that the known boundaries can be reached; no test here asserts a sample value.
 */
const levels = (id: string) => completed(findRubric(id) as Rubric) as LevelsRubric;
const points = (id: string) => completed(findRubric(id) as Rubric) as PointsRubric;

/** Inputs of a levels rubric with everything met, then `change` applied by indicator code and part. */
function levelInputs(rubric: LevelsRubric, change: Record<string, unknown> = {}): unknown[] {
  return indicatorInputs(rubric).map(({ indicator, part }) => {
    const key = `${indicator.code}:${part}`;
    if (key in change) return change[key];
    return part === 'count' || part === 'total' ? 100 : 'Đạt';
  });
}

const reached = (rubric: LevelsRubric, values: unknown[]) => {
  const result = assessLevels(rubric, values as never);
  return result.status === 'assessed' ? result.reached : result.status;
};

describe('TT25_2023_CDHT_XA: met at both levels unless a level says more', () => {
  const rubric = levels('TT25_2023_CDHT_XA');
  it.each([
    [{}, 2],
    [{ '1.1:answer': 'Chưa đạt' }, 0],
    [{ '2.3:answer': 'Chưa đạt' }, 0],
    [{ '4.1:level2': 'Chưa đạt' }, 1],
    [{ '5.1:level2': '' }, 1],
    [{ '3.1:answer': 'Chưa đạt' }, 0],
  ])('%j → mức độ %d', (change, level) => {
    expect(reached(rubric, levelInputs(rubric, change))).toBe(level);
  });
});

describe('TT24_2023_DVHT_TINH: 90% / 95% of members hold Công dân học tập (3.1)', () => {
  const rubric = levels('TT24_2023_DVHT_TINH');
  it.each([
    [95, 100, 2],
    [19, 20, 2],
    [949, 1000, 1],
    [90, 100, 1],
    [9, 10, 1],
    [899, 1000, 0],
  ])('%d of %d → mức độ %d', (count, total, level) => {
    expect(reached(rubric, levelInputs(rubric, { '3.1:count': count, '3.1:total': total }))).toBe(
      level,
    );
  });
  it('"Tập thể lao động xuất sắc" only for mức độ 2 (3.3)', () => {
    expect(reached(rubric, levelInputs(rubric, { '3.3:level2': 'Chưa đạt' }))).toBe(1);
    expect(reached(rubric, levelInputs(rubric, { '3.3:level1': 'Chưa đạt' }))).toBe(0);
  });
});

describe('TT24_2023_DVHT_HUYEN: at least 90% for mức độ 1 (2.1, 2.2)', () => {
  const rubric = levels('TT24_2023_DVHT_HUYEN');
  it.each([
    ['2.1', 90, 100, true],
    ['2.1', 899, 1000, false],
    ['2.2', 9, 10, true],
    ['2.2', 8, 10, false],
  ])('%s: %d of %d meets mức độ 1: %s', (code, count, total, meets) => {
    const level = reached(
      rubric,
      levelInputs(rubric, { [`${code}:count`]: count, [`${code}:total`]: total }),
    );
    expect(level !== 0).toBe(meets);
  });
});

describe('QD448_2015_GDHT: items 1.1–2.2 up to 10 points each', () => {
  const rubric = points('QD448_2015_GDHT');
  const full = rubric.criteria.flatMap((c) => c.items.map((i) => i.max as number));
  it.each([
    [0, 10, 'scored'],
    [0, 10.5, 'invalid'],
    [3, 10, 'scored'],
    [3, 11, 'invalid'],
    [0, 0, 'scored'],
    [0, -0.5, 'invalid'],
  ])('item #%d at %d is %s', (index, value, status) => {
    const values = [...full];
    values[index] = value;
    expect(scoreUnit(rubric, values).status).toBe(status);
  });
  it('criteria 1 and 2 add up to 30 each', () => {
    const score = scoreUnit(rubric, full);
    expect(score.status === 'scored' && score.criterionTotals.slice(0, 2)).toEqual([30, 30]);
  });
});

describe('TT44_2014_CDHT_XA: 15 criteria, each self-scored', () => {
  it('adds the 15 criteria into their 3 groups', () => {
    const rubric = points('TT44_2014_CDHT_XA');
    const values = Array.from({ length: 15 }, (_, i) => i % 5);
    const score = scoreUnit(rubric, values);
    expect(score.status === 'scored' && score.criterionTotals).toEqual([10, 10, 10]);
  });
});
