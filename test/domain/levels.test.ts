import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessLevels, indicatorInputs } from '../../src/domain/levels';
import { addMonths, applyLevelRules, formatDate, validityText } from '../../src/domain/recognition';
import { LEVELS_FIXTURE as rubric } from '../fixtures/rubrics';

// Inputs: 1.1 answer | 1.2 mức 1, 1.2 mức 2 | 2.1 số đạt, 2.1 tổng số
describe('assessLevels, hand-computed', () => {
  it('reads the inputs in column order', () => {
    expect(indicatorInputs(rubric).map((i) => `${i.indicator.code}:${i.part}`)).toEqual([
      '1.1:answer',
      '1.2:level1',
      '1.2:level2',
      '2.1:count',
      '2.1:total',
    ]);
  });

  it.each([
    [['Đạt', 'Đạt', 'Đạt', 95, 100], 2, [[], []]],
    [['Đạt', 'Đạt', 'Đạt', 19, 20], 2, [[], []]],
    [['Đạt', 'Đạt', 'Đạt', 94, 100], 1, [[], ['2.1']]],
    [['Đạt', 'Đạt', 'Đạt', 9, 10], 1, [[], ['2.1']]],
    [['Đạt', 'Đạt', '', 100, 100], 1, [[], ['1.2']]],
    [['Đạt', 'Đạt', 'Chưa đạt', 100, 100], 1, [[], ['1.2']]],
    [['Đạt', 'Chưa đạt', '', 100, 100], 0, [['1.2'], ['1.2']]],
    [['Đạt', 'Chưa đạt', 'Chưa đạt', 100, 100], 0, [['1.2'], ['1.2']]],
    [['Chưa đạt', 'Đạt', 'Đạt', 100, 100], 0, [['1.1'], ['1.1']]],
    [['Đạt', 'Đạt', 'Đạt', 899, 1000], 0, [['2.1'], ['2.1']]],
    [[true, ' đạt ', 'ĐẠT', '19', '20'], 2, [[], []]],
    [
      [false, 'không đạt', '', 0, 5],
      0,
      [
        ['1.1', '1.2', '2.1'],
        ['1.1', '1.2', '2.1'],
      ],
    ],
  ])('%j reaches %d', (values, reached, unmet) => {
    expect(assessLevels(rubric, values)).toEqual({
      status: 'assessed',
      reached,
      unmet,
      notApplicable: [],
    });
  });

  it('counts «Không áp dụng» as met where the rubric allows it, at both levels, and says so', () => {
    for (const level2 of ['', 'không áp dụng']) {
      expect(assessLevels(rubric, ['Đạt', 'Không áp dụng', level2, 19, 20])).toEqual({
        status: 'assessed',
        reached: 2,
        unmet: [[], []],
        notApplicable: ['1.2'],
      });
    }
  });

  const problems = (values: unknown[]) => {
    const assessment = assessLevels(rubric, values as never);
    return assessment.status === 'invalid'
      ? assessment.issues.map((issue) => [issue.input, issue.problem.kind])
      : assessment.status;
  };

  it('refuses «Không áp dụng» on an indicator the rubric does not mark, and after it any other answer', () => {
    expect(problems(['Không áp dụng', 'Đạt', 'Đạt', 19, 20])).toEqual([
      [0, 'notApplicableRefused'],
    ]);
    expect(problems(['Đạt', 'Không áp dụng', 'Đạt', 19, 20])).toEqual([
      [2, 'notApplicableCarries'],
    ]);
    expect(problems(['Đạt', 'Không áp dụng', 'Chưa đạt', 19, 20])).toEqual([
      [2, 'notApplicableCarries'],
    ]);
  });

  it('flags «Chưa đạt» at mức độ 1 with «Đạt» at mức độ 2, naming the mức độ 2 cell', () => {
    expect(problems(['Đạt', 'Chưa đạt', 'Đạt', 100, 100])).toEqual([[2, 'level2WithoutLevel1']]);
    // «Đạt» at both, or «Đạt» then «Chưa đạt», is no contradiction.
    expect(problems(['Đạt', 'Đạt', 'Chưa đạt', 100, 100])).toBe('assessed');
  });

  it('compares shares exactly: 29 of 100 reaches 29%', () => {
    const share = (min: number) => ({
      ...rubric,
      criteria: [
        {
          code: '1',
          name: 'x',
          label: 'x',
          indicators: [
            {
              code: '1.1',
              text: 'x',
              label: 'x',
              measure: 'ratio' as const,
              levels: [
                { kind: 'percent' as const, min },
                { kind: 'percent' as const, min },
              ] as const,
            },
          ],
        },
      ],
    });
    for (const n of [29, 57, 58]) {
      expect(assessLevels(share(n), [n, 100])).toMatchObject({ reached: 2 });
      expect(assessLevels(share(n), [n - 1, 100])).toMatchObject({ reached: 0 });
    }
  });

  it('calls a unit with nothing entered empty', () => {
    expect(assessLevels(rubric, ['', '', '', '', ''])).toEqual({ status: 'empty' });
  });

  it('refuses what it cannot read, naming the indicator and the input', () => {
    const result = assessLevels(rubric, ['có lẽ', '', 'Đạt', 12, 10]);
    expect(result.status).toBe('invalid');
    if (result.status !== 'invalid') return;
    expect(result.issues.map((i) => [i.indicator.code, i.part, i.problem.kind])).toEqual([
      ['1.1', 'answer', 'notAnAnswer'],
      ['1.2', 'level1', 'blank'],
      ['2.1', 'count', 'countAboveTotal'],
    ]);
    const counts = assessLevels(rubric, ['Đạt', 'Đạt', '', 9.5, 0]);
    expect(counts.status === 'invalid' && counts.issues.map((i) => i.problem.kind)).toEqual([
      'notWhole',
      'zeroTotal',
    ]);
  });

  it('never gives a lower level when an indicator turns met (property)', () => {
    const answer = fc.constantFrom('Đạt', 'Chưa đạt');
    const counts = fc
      .integer({ min: 1, max: 200 })
      .chain((total) => fc.tuple(fc.integer({ min: 0, max: total }), fc.constant(total)));
    fc.assert(
      fc.property(
        answer,
        answer,
        answer,
        counts,
        fc.nat({ max: 2 }),
        (a, b, c, [count, total], turn) => {
          const before: (string | number)[] = [a, b, c, count, total];
          const after = [...before];
          if (turn === 2) after[3] = total;
          else after[turn] = 'Đạt';
          const levelOf = (values: (string | number)[]) => {
            const result = assessLevels(rubric, values);
            return result.status === 'assessed' ? result.reached : -1;
          };
          return levelOf(after) >= levelOf(before);
        },
      ),
    );
  });
});

describe('level rules (TT 25/2023: 12 months between levels, valid 36 months)', () => {
  const onLevel1 = { level: 1 as const, date: new Date(2025, 2, 15) };

  it('holds mức độ 2 back until 12 months after the mức độ 1 decision', () => {
    const early = applyLevelRules(rubric, 2, onLevel1, new Date(2026, 2, 14));
    expect(early).toMatchObject({ level: 1, label: 'Mức độ 1' });
    expect(early.note).toBe(
      'Đạt chỉ tiêu mức độ 2 nhưng chưa đủ 12 tháng ở mức độ 1 (được xét mức độ 2 từ 15/03/2026).',
    );
    expect(applyLevelRules(rubric, 2, onLevel1, new Date(2026, 2, 15))).toMatchObject({
      level: 2,
      note: '',
    });
    expect(applyLevelRules(rubric, 2, undefined, new Date(2026, 2, 15))).toMatchObject({
      level: 2,
    });
    expect(applyLevelRules(rubric, 1, onLevel1, new Date(2025, 5, 1))).toMatchObject({
      level: 1,
      note: '',
    });
  });

  it('keeps a recognition for the 36 months following its year, then says it has expired', () => {
    const recognised = { level: 1 as const, date: new Date(2023, 2, 15) };
    const lastDay = applyLevelRules(rubric, 1, recognised, new Date(2026, 11, 31, 23, 0));
    expect(validityText(lastDay)).toBe('Còn hiệu lực đến 31/12/2026');
    const after = applyLevelRules(rubric, 1, recognised, new Date(2027, 0, 1, 8, 0));
    expect(after.expired).toBe(true);
    expect(validityText(after)).toBe('Hết hạn công nhận (31/12/2026)');
    expect(validityText(applyLevelRules(rubric, 1, undefined, new Date(2027, 0, 1, 8, 0)))).toBe(
      '',
    );
  });

  it('applies no rule whose number the regulation leaves unknown', () => {
    const unknown = {
      ...rubric,
      monthsBeforeNextLevel: { missing: 'x' },
      validityMonths: { missing: 'y' },
    };
    expect(applyLevelRules(unknown, 2, onLevel1, new Date(2025, 3, 1))).toEqual({
      level: 2,
      label: 'Mức độ 2',
      note: '',
    });
  });

  it('adds months to the same day, or the month’s last day', () => {
    expect(formatDate(addMonths(new Date(2024, 0, 31), 1))).toBe('29/02/2024');
    expect(formatDate(addMonths(new Date(2023, 2, 15), 36))).toBe('15/03/2026');
    expect(formatDate(addMonths(new Date(2025, 11, 31), 2))).toBe('28/02/2026');
  });
});
