import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/domain/catalog';
import {
  rowBands,
  rowLevels,
  rowProblems,
  rowTotals,
  rubricNamed,
  usableRubric,
} from '../../src/domain/formulas';
import { classify, itemsOf, maxTotal } from '../../src/domain/rubric';
import { TT22_2020_DVHT as rubric } from '../../src/domain/rubrics/tt22-2020-dvht';
import { scoreUnit } from '../../src/domain/scoring';
import { LEVELS_FIXTURE } from '../fixtures/rubrics';

describe('rowTotals (XHHT_TONG)', () => {
  it('gives a value for a value and an N×1 column for an N×k range', () => {
    expect(rowTotals(7, rubric)).toBe(7);
    expect(rowTotals('8,5', rubric)).toBe(8.5);
    expect(rowTotals([[1, 2, 3]], rubric)).toEqual([[6]]);
    expect(
      rowTotals(
        [
          [10, '8,5', 7],
          ['', '', ''],
          [1, 'mười', 2],
          [1, '', 2],
          [1, -2, 2],
        ],
        rubric,
      ),
    ).toEqual([
      [25.5],
      [''],
      ['Lỗi ở dòng 3, cột 2 của vùng: «mười» không phải là số'],
      ['Lỗi ở dòng 4, cột 2 của vùng: chưa nhập'],
      ['Lỗi ở dòng 5, cột 2 của vùng: điểm âm (-2)'],
    ]);
  });

  it('checks each item against its maximum when the range is the rubric’s item columns', () => {
    const full = [10, 10, 10, 10, 5, 10, 5, 25, 10, 5];
    expect(
      rowTotals([full, [12, ...full.slice(1)], [...full.slice(0, 4), 6, ...full.slice(5)]], rubric),
    ).toEqual([
      [100],
      ['Lỗi ở dòng 2 của vùng, mục 1.1: 12 lớn hơn điểm tối đa 10'],
      ['Lỗi ở dòng 3 của vùng, mục 2.2: 6 lớn hơn điểm tối đa 5'],
    ]);
  });

  it('treats a blank single cell as blank', () => {
    expect(rowTotals('', rubric)).toBe('');
    expect(rowTotals(undefined, rubric)).toBe('');
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

  it('passes an error of XHHT_TONG through unchanged', () => {
    const error = 'Lỗi ở dòng 2 của vùng, mục 1.1: 12 lớn hơn điểm tối đa 10';
    expect(rowBands([[90], [error]], rubric)).toEqual([['Tốt'], [error]]);
  });

  it('refuses a range of several columns as a whole', () => {
    expect(() => rowBands([[1, 2]], rubric)).toThrow(/một cột/);
  });
});

describe('rubricNamed', () => {
  it('finds a rubric by id and lists the valid ids otherwise', () => {
    expect(rubricNamed(' tt22_2020_dvht', CATALOG)).toBe(rubric);
    expect(() => rubricNamed('TT99', [rubric])).toThrow(
      'Không có bộ tiêu chí «TT99». Các mã hợp lệ: TT22_2020_DVHT.',
    );
  });
});

describe('properties', () => {
  const items = itemsOf(rubric);
  const maxOf = (i: number) => items[i]?.max as number;
  // Up to 1.5 times each item's maximum, in half points: some rows valid, some not.
  const anyScores = fc.tuple(
    ...items.map((item) => fc.integer({ min: 0, max: (item.max as number) * 3 }).map((h) => h / 2)),
  );
  const scores = fc.tuple(
    ...items.map((item) => fc.integer({ min: 0, max: (item.max as number) * 2 }).map((h) => h / 2)),
  );

  it('XHHT_TONG agrees with score-all on every row: the same total, or both refuse it', () => {
    fc.assert(
      fc.property(anyScores, (values) => {
        const score = scoreUnit(rubric, values);
        const formula = (rowTotals([values], rubric) as unknown[][])[0]?.[0];
        const overMax = values.some((v, i) => v > maxOf(i));
        if (overMax) return score.status === 'invalid' && String(formula).startsWith('Lỗi');
        return (
          score.status === 'scored' &&
          score.total <= (maxTotal(rubric) ?? 0) &&
          formula === score.total
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
          raised[i] = Math.min(maxOf(i), (raised[i] ?? 0) + step / 2);
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

describe('rowLevels (XHHT_MUCDO) and rowProblems (XHHT_LOI)', () => {
  const now = new Date(2026, 10, 23);

  it('gives the level of each row of indicator cells, waiting 12 months after a mức độ 1 decision', () => {
    const rows = [
      ['Đạt', 'Đạt', 'Đạt', 19, 20],
      ['Đạt', 'Đạt', '', 19, 20],
      ['Chưa đạt', 'Đạt', 'Đạt', 19, 20],
      ['', '', '', '', ''],
      ['Đạt', 'Đạt', 'Đạt', 30, 20],
    ];
    expect(rowLevels(rows, LEVELS_FIXTURE, '', '', now)).toEqual([
      ['Mức độ 2'],
      ['Mức độ 1'],
      ['Chưa đạt'],
      [''],
      ['Lỗi ở dòng 5, cột 4 của vùng: số đạt 30 lớn hơn tổng số 20'],
    ]);
    expect(rowLevels([rows[0]], LEVELS_FIXTURE, '01/06/2026', '', now)).toEqual([['Mức độ 1']]);
    expect(rowLevels([rows[0]], LEVELS_FIXTURE, new Date(2025, 5, 1), '', now)).toEqual([
      ['Mức độ 2'],
    ]);
    expect(rowLevels([rows[0]], LEVELS_FIXTURE, 'hôm qua', '', now)).toEqual([
      ['Lỗi ở dòng 1 của vùng: ngày «hôm qua» không đúng dạng ngày/tháng/năm'],
    ]);
    // Judged on the day the formula is given (the submission date), not today: a cell goes stale
    // otherwise. Decided 01/06/2026: on 31/05/2027 the 12 months are not over, on 01/06/2027 they are.
    const decided = new Date(2026, 5, 1);
    expect(rowLevels([rows[0]], LEVELS_FIXTURE, decided, new Date(2027, 4, 31), now)).toEqual([
      ['Mức độ 1'],
    ]);
    expect(rowLevels([rows[0]], LEVELS_FIXTURE, decided, '01/06/2027', now)).toEqual([
      ['Mức độ 2'],
    ]);
    expect(
      rowLevels([rows[0], rows[0]], LEVELS_FIXTURE, decided, [['31/05/2027'], ['01/06/2027']], now),
    ).toEqual([['Mức độ 1'], ['Mức độ 2']]);
    expect(rowLevels([rows[0]], LEVELS_FIXTURE, '', 'mai', now)).toEqual([
      ['Lỗi ở dòng 1 của vùng: ngày «mai» không đúng dạng ngày/tháng/năm'],
    ]);
    expect(rowLevels([['Đạt', 'Đạt']], LEVELS_FIXTURE, '', '', now)).toEqual([
      ['Lỗi ở dòng 1 của vùng: vùng có 2 cột nhưng bộ tiêu chí cần 5 cột nhập liệu'],
    ]);
  });

  it('gives each row’s problems, or nothing for a valid row, for both methods', () => {
    const full = [10, 10, 10, 10, 5, 10, 5, 25, 10, 5];
    expect(rowProblems([full, [12, ...full.slice(1, 9), -1], Array(10).fill('')], rubric)).toEqual([
      [''],
      [
        'Lỗi ở dòng 2 của vùng, mục 1.1: 12 lớn hơn điểm tối đa 10; Lỗi ở dòng 2 của vùng, mục 3.3: điểm âm (-1)',
      ],
      [''],
    ]);
    expect(rowProblems([['Đạt', 'có lẽ', '', 1, 0]], LEVELS_FIXTURE)).toEqual([
      [
        'Lỗi ở dòng 1 của vùng, chỉ tiêu 1.2: «có lẽ» không phải «Đạt» hay «Chưa đạt»; Lỗi ở dòng 1 của vùng, chỉ tiêu 2.1: tổng số phải lớn hơn 0',
      ],
    ]);
  });

  it('refuses a rubric of the other method, or one with values still to enter', () => {
    expect(() => usableRubric(LEVELS_FIXTURE, 'points', 'XHHT_TONG')).toThrow(
      /hãy dùng XHHT_MUCDO/,
    );
    expect(() => usableRubric(rubric, 'levels', 'XHHT_MUCDO')).toThrow(
      /hãy dùng XHHT_TONG và XHHT_XEPLOAI/,
    );
    const tt44 = CATALOG.find((r) => r.id === 'TT44_2014_CDHT_XA');
    expect(() => usableRubric(tt44 as never, 'points', 'XHHT_TONG')).toThrow(
      /^Bộ tiêu chí «TT44_2014_CDHT_XA» còn 30 giá trị cần bổ sung ở trang «Tiêu chí» \(tiêu chí 1: điểm tối đa; mục 1\.1: điểm tối đa/,
    );
  });
});
