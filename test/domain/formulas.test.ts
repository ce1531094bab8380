import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowBands, rowTotals, rubricNamed } from '../../src/domain/formulas';
import { classify, itemsOf, maxTotal } from '../../src/domain/rubric';
import { TT22_2020_DVHT as rubric } from '../../src/domain/rubrics/tt22-2020-dvht';
import { scoreUnit } from '../../src/domain/scoring';

describe('rowTotals (XHHT_TONG)', () => {
  it('gives a value for a value and an N×1 column for an N×k range', () => {
    expect(rowTotals(7)).toBe(7);
    expect(rowTotals('8,5')).toBe(8.5);
    expect(rowTotals([[1, 2, 3]])).toEqual([[6]]);
    expect(
      rowTotals([
        [10, '8,5', 7],
        ['', '', ''],
        [1, 'mười', 2],
        [1, '', 2],
      ]),
    ).toEqual([
      [25.5],
      [''],
      ['Lỗi ở dòng 3, cột 2 của vùng: «mười» không phải là số'],
      ['Lỗi ở dòng 4, cột 2 của vùng: chưa nhập'],
    ]);
  });

  it('treats a blank single cell as blank', () => {
    expect(rowTotals('')).toBe('');
    expect(rowTotals(undefined)).toBe('');
  });
});

describe('rowBands (XHHT_XEPLOAI)', () => {
  it('classifies a value or each row of a column', () => {
    expect(rowBands(85, rubric)).toBe('Tốt');
    expect(rowBands('84,5', rubric)).toBe('Khá');
    expect(rowBands([[100], [70], [''], [49.5], ['abc'], [101], [-1]], rubric)).toEqual([
      ['Tốt'],
      ['Khá'],
      [''],
      ['Chưa đạt'],
      ['Lỗi ở dòng 5, cột 1 của vùng: «abc» không phải là số'],
      ['Lỗi ở dòng 6 của vùng: tổng 101 nằm ngoài khoảng 0 đến 100'],
      ['Lỗi ở dòng 7 của vùng: tổng -1 nằm ngoài khoảng 0 đến 100'],
    ]);
  });

  it('refuses a range of several columns as a whole', () => {
    expect(() => rowBands([[1, 2]], rubric)).toThrow(/một cột/);
  });
});

describe('rubricNamed', () => {
  it('finds a rubric by id and lists the valid ids otherwise', () => {
    expect(rubricNamed(' tt22_2020_dvht')).toBe(rubric);
    expect(() => rubricNamed('TT99')).toThrow(
      'Không có bộ tiêu chí «TT99». Các mã hợp lệ: TT22_2020_DVHT.',
    );
  });
});

describe('properties', () => {
  const items = itemsOf(rubric);
  const scores = fc.tuple(
    ...items.map((item) => fc.integer({ min: 0, max: item.max * 2 }).map((h) => h / 2)),
  );

  it('a total never exceeds the maximum and equals XHHT_TONG of the row', () => {
    fc.assert(
      fc.property(scores, (values) => {
        const score = scoreUnit(rubric, values);
        if (score.status !== 'scored') return false;
        return (
          score.total <= maxTotal(rubric) &&
          (rowTotals([values]) as unknown[][])[0]?.[0] === score.total
        );
      }),
    );
  });

  it('the band never falls when a score rises', () => {
    const rank = (band: string) =>
      [...rubric.bands.map((b) => b.label), rubric.fallbackBand].indexOf(band);
    fc.assert(
      fc.property(
        scores,
        fc.nat({ max: items.length - 1 }),
        fc.integer({ min: 1, max: 10 }),
        (values, i, step) => {
          const before = scoreUnit(rubric, values);
          const raised = [...values];
          raised[i] = Math.min(items[i]?.max ?? 0, (raised[i] ?? 0) + step / 2);
          const after = scoreUnit(rubric, raised);
          if (before.status !== 'scored' || after.status !== 'scored') return false;
          return (
            rank(after.band) <= rank(before.band) && after.band === classify(rubric, after.total)
          );
        },
      ),
    );
  });
});
