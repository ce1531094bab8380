import { describe, expect, it } from 'vitest';
import { readNumber, readWholeNumber } from '../../src/domain/cells';
import { assessLevels, indicatorInputs } from '../../src/domain/levels';
import { describeNumberProblem } from '../../src/domain/messages';
import { itemsOf } from '../../src/domain/rubric';
import { readItem } from '../../src/domain/scoring';
import { LEVELS_FIXTURE, POINTS_FIXTURE } from '../fixtures/rubrics';

/** Issue 13: «1.250 hộ» is a count with a thousands dot, never a decimal; a score stays refused. */
describe('a thousands dot', () => {
  it.each([
    ['1.250', 1250],
    ['12.500.000', 12_500_000],
    [' 2.000 ', 2000],
    ['250', 250],
  ])('reads %s as %d in a whole-number field', (typed, value) => {
    expect(readWholeNumber(typed)).toEqual({ ok: true, value });
  });

  it('still refuses what cannot be thousands', () => {
    expect(readWholeNumber('1.25').ok).toBe(true); // a decimal, refused as not whole by the count
    expect(readWholeNumber('1,250').ok).toBe(false);
  });

  it('counts of people typed with thousands dots assess the indicator', () => {
    const values = indicatorInputs(LEVELS_FIXTURE).map(({ part }) =>
      part === 'count' ? '1.250' : part === 'total' ? '1.300' : 'Đạt',
    );
    const assessed = assessLevels(LEVELS_FIXTURE, values);
    expect(assessed.status).toBe('assessed');
  });

  it('a score typed 1.250 is refused with advice for a decimal field', () => {
    const item = itemsOf(POINTS_FIXTURE)[0];
    if (!item) throw new Error('fixture without items');
    const read = readItem(item, '1.250');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const said = describeNumberProblem(read.problem as never);
    expect(said).toContain('gõ 1,25');
    expect(said).toContain('không dùng dấu phân cách hàng nghìn');
    expect(readNumber('1.250').ok).toBe(false);
  });
});
