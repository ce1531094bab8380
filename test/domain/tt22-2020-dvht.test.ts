import { describe, expect, it } from 'vitest';
import { CATALOG, findRubric } from '../../src/domain/catalog';
import { classify, itemsOf, maxTotal } from '../../src/domain/rubric';
import { TT22_2020_DVHT as rubric } from '../../src/domain/rubrics/tt22-2020-dvht';
import { scoreUnit, sumPoints } from '../../src/domain/scoring';

// Items in order: 1.1 1.2 1.3 | 2.1 2.2 2.3 2.4 | 3.1 3.2 3.3 ; maxima 10 10 10 | 10 5 10 5 | 25 10 5
const FULL = [10, 10, 10, 10, 5, 10, 5, 25, 10, 5];

describe('TT22_2020_DVHT as REGULATIONS.md §4.1 gives it', () => {
  it('has 3 criteria of 30, 30 and 40 points over 10 items, 100 in all', () => {
    expect(rubric.criteria.map((c) => c.max)).toEqual([30, 30, 40]);
    expect(itemsOf(rubric).map((i) => i.max)).toEqual(FULL);
    expect(maxTotal(rubric)).toBe(100);
    for (const criterion of rubric.criteria) {
      expect(sumPoints(criterion.items.map((i) => i.max as number))).toBe(criterion.max);
    }
  });

  it('is the catalog entry of its id, found in any case', () => {
    expect(findRubric('tt22_2020_dvht ')).toBe(rubric);
    expect(CATALOG.filter((r) => r.id === rubric.id)).toHaveLength(1);
  });

  it.each([
    [100, 'Tốt'],
    [85, 'Tốt'],
    [84.99, 'Khá'],
    [84.5, 'Khá'],
    [70, 'Khá'],
    [69.5, 'Trung bình'],
    [50, 'Trung bình'],
    [49.5, 'Chưa đạt'],
    [0, 'Chưa đạt'],
  ])('a total of %d is %s', (total, band) => {
    expect(classify(rubric, total)).toBe(band);
  });
});

describe('scoreUnit, hand-computed', () => {
  it.each([
    // items                                       subtotals         total  band
    [FULL, [30, 30, 40], 100, 'Tốt'],
    [[10, 10, 5, 10, 5, 10, 5, 20, 10, 0], [25, 30, 30], 85, 'Tốt'],
    [[10, 10, 4.5, 10, 5, 10, 5, 20, 10, 0], [24.5, 30, 30], 84.5, 'Khá'],
    [[7, 7, 6, 7, 4, 7, 3, 19, 7, 3], [20, 21, 29], 70, 'Khá'],
    [[7, 7, 6, 7, 4, 7, 3, 18.5, 7, 3], [20, 21, 28.5], 69.5, 'Trung bình'],
    [[5, 5, 5, 5, 2.5, 5, 2.5, 17.5, 5, 2.5], [15, 15, 25], 55, 'Trung bình'],
    [[5, 5, 5, 5, 2, 5, 2, 11, 5, 5], [15, 14, 21], 50, 'Trung bình'],
    [[5, 5, 5, 5, 2, 5, 2, 10.5, 5, 5], [15, 14, 20.5], 49.5, 'Chưa đạt'],
    [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0], 0, 'Chưa đạt'],
  ])('%j → %j, %d, %s', (values, subtotals, total, band) => {
    expect(scoreUnit(rubric, values)).toEqual({
      status: 'scored',
      criterionTotals: subtotals,
      total,
      band,
      belowMinimum: [],
    });
  });

  it('reads typed text the Vietnamese way before adding', () => {
    const typed = ['10', '8,5', ' 7.5 ', 10, 5, 10, 5, 25, 10, 5];
    const score = scoreUnit(rubric, typed);
    expect(score).toMatchObject({ status: 'scored', criterionTotals: [26, 30, 40], total: 96 });
  });

  it('adds decimals without binary drift', () => {
    expect(sumPoints([8.1, 8.2])).toBe(16.3);
    const score = scoreUnit(rubric, [8.1, 8.2, 8.3, 10, 5, 10, 5, 25, 10, 5]);
    expect(score).toMatchObject({ criterionTotals: [24.6, 30, 40], total: 94.6 });
  });

  it('calls a unit with nothing typed empty, not wrong', () => {
    expect(scoreUnit(rubric, Array(10).fill(''))).toEqual({ status: 'empty' });
    expect(scoreUnit(rubric, [])).toEqual({ status: 'empty' });
  });

  it('refuses the whole unit and names every bad item', () => {
    const score = scoreUnit(rubric, [
      'mười',
      12,
      -1,
      '',
      5,
      new Date(2026, 0, 1),
      5,
      25,
      10,
      '1.000',
    ]);
    expect(score.status).toBe('invalid');
    if (score.status !== 'invalid') return;
    expect(score.issues.map((i) => [i.item.code, i.problem.kind])).toEqual([
      ['1.1', 'notANumber'],
      ['1.2', 'aboveMax'],
      ['1.3', 'negative'],
      ['2.1', 'blank'],
      ['2.3', 'date'],
      ['3.3', 'ambiguousNumber'],
    ]);
    expect(score.issues[1]?.problem).toEqual({ kind: 'aboveMax', value: 12, max: 10 });
  });

  it('accepts exactly the maximum and zero, and not a hair above', () => {
    expect(scoreUnit(rubric, FULL).status).toBe('scored');
    expect(
      scoreUnit(
        rubric,
        FULL.map(() => 0),
      ),
    ).toMatchObject({ status: 'scored', total: 0 });
    expect(
      scoreUnit(
        rubric,
        FULL.map(() => '0'),
      ),
    ).toMatchObject({ status: 'scored', total: 0 });
    expect(scoreUnit(rubric, [10.01, 10, 10, 10, 5, 10, 5, 25, 10, 5]).status).toBe('invalid');
  });
});
