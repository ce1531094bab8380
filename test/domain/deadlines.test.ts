import { describe, expect, it } from 'vitest';
import { type DayMonth, overdue, readDayMonth } from '../../src/domain/deadlines';
import { LADDER_PRESETS, type Ladder } from '../../src/domain/ladder';
import { parseSettings } from '../../src/domain/settings';
import type { UnitState } from '../../src/domain/workflow';

const [THREE, DISTRICT_DECIDES, TWO] = LADDER_PRESETS as [Ladder, Ladder, Ladder];
// TT 25/2023, commune CĐHT: submit before 28/02, decide before 31/03 of the following year (S22).
const TT25 = { submitBy: { day: 28, month: 2 }, decideBy: { day: 31, month: 3 } };
const at = (day: number, month: number, hour = 12) => new Date(2027, month - 1, day, hour);

describe('deadlines', () => {
  it('reads a day and month as typed, or as the date Sheets made of it, and refuses the rest', () => {
    const read = (value: unknown) => readDayMonth(value as never);
    expect(read('28/02')).toEqual({ ok: true, value: { day: 28, month: 2 } });
    expect(read(' 5.1 ')).toEqual({ ok: true, value: { day: 5, month: 1 } });
    expect(read(new Date(2026, 2, 31))).toEqual({ ok: true, value: { day: 31, month: 3 } });
    expect(read('')).toEqual({ ok: true, value: null });
    for (const bad of ['30/02', '0/1', '12/13', 'tháng 2', '28/02/2027']) {
      expect(read(bad).ok, bad).toBe(false);
    }
  });

  it('flags a commune that has not submitted after the last day, not on it', () => {
    const drafting: UnitState = { status: 'drafting', returned: false };
    expect(overdue(drafting, THREE, TT25, 2026, at(28, 2, 23))).toBeUndefined();
    expect(overdue(drafting, THREE, TT25, 2026, at(1, 3, 0))).toBe('Quá hạn gửi (28/02/2027)');
    expect(overdue({ status: 'none' }, THREE, TT25, 2026, at(1, 3))).toBeUndefined();
  });

  it('flags a decision not taken in time, up to the deciding step of each ladder only', () => {
    const late = at(1, 4);
    for (const ladder of [THREE, DISTRICT_DECIDES, TWO]) {
      const decider = ladder.steps.findIndex((step) => step.kind === 'decide');
      for (let step = 0; step <= decider; step += 1) {
        expect(
          overdue({ status: 'awaiting', step, returned: false }, ladder, TT25, 2026, late),
        ).toBe('Quá hạn quyết định (31/03/2027)');
      }
      expect(
        overdue({ status: 'recognised', step: null }, ladder, TT25, 2026, late),
      ).toBeUndefined();
    }
    // Consolidation after the district's decision is not a late decision.
    expect(
      overdue(
        { status: 'awaiting', step: 0, returned: false },
        DISTRICT_DECIDES,
        TT25,
        2026,
        at(31, 3),
      ),
    ).toBeUndefined();
    expect(overdue({ status: 'refused' }, THREE, TT25, 2026, late)).toBeUndefined();
  });

  it('flags nothing where no deadline is set', () => {
    const none = { submitBy: null, decideBy: null as DayMonth | null };
    expect(
      overdue({ status: 'drafting', returned: true }, THREE, none, 2026, at(1, 12)),
    ).toBeUndefined();
  });

  it('names a deadline the settings cannot read', () => {
    const parsed = parseSettings(new Map([['submitBy', '30/02']]), 2026);
    expect(parsed).toEqual({
      ok: false,
      issues: [{ key: 'submitBy', message: 'cần ngày/tháng, ví dụ 28/02, hoặc để trống' }],
    });
  });
});
