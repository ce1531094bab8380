import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/domain/catalog';
import {
  type Deadline,
  deadlineDate,
  lastDayOnTime,
  overdue,
  readDayMonth,
} from '../../src/domain/deadlines';
import { LADDER_PRESETS, type Ladder } from '../../src/domain/ladder';
import { BUILT_IN_PROCEDURES, deadlinesOf } from '../../src/domain/procedures';
import { parseSettings } from '../../src/domain/settings';
import type { UnitState } from '../../src/domain/workflow';

const [THREE, DISTRICT_DECIDES, TWO] = LADDER_PRESETS as [Ladder, Ladder, Ladder];
/** TT 25/2023, commune CĐHT: «trước ngày 28 tháng 02» and «trước ngày 31 tháng 3» of year N+1 (Đ9). */
const TT25 = deadlinesOf({ procedure: BUILT_IN_PROCEDURES.TT25_2023_CDHT_XA });
const at = (day: number, month: number, year = 2027, hour = 12) =>
  new Date(year, month - 1, day, hour);
const drafting: UnitState = { status: 'drafting', returned: false };
const deadline = (fields: Partial<Deadline>): Deadline => ({
  kind: 'submit',
  day: 28,
  month: 2,
  yearOffset: 1,
  onTime: true,
  basis: '',
  ...fields,
});

describe('deadlines', () => {
  it('reads a day and month as typed, or as the date Sheets made of it, and refuses the rest', () => {
    const read = (value: unknown) => readDayMonth(value as never);
    expect(read('28/02')).toEqual({ ok: true, value: { day: 28, month: 2 } });
    expect(read('29/02')).toEqual({ ok: true, value: { day: 29, month: 2 } });
    expect(read(' 5.1 ')).toEqual({ ok: true, value: { day: 5, month: 1 } });
    expect(read(new Date(2026, 2, 31))).toEqual({ ok: true, value: { day: 31, month: 3 } });
    expect(read('')).toEqual({ ok: true, value: null });
    for (const bad of ['30/02', '0/1', '12/13', 'tháng 2', '28/02/2027']) {
      expect(read(bad).ok, bad).toBe(false);
    }
  });

  it('takes 29/02 as the last day of February in a common year, never 01/03', () => {
    const leapDay = deadline({ day: 29 });
    expect(deadlineDate(leapDay, 2026)).toEqual(new Date(2027, 1, 28));
    expect(deadlineDate(leapDay, 2027)).toEqual(new Date(2028, 1, 29));
    // Only the days before it are on time: the day before the last day of February.
    expect(lastDayOnTime({ ...leapDay, onTime: false }, 2026)).toEqual(new Date(2027, 1, 27));
    expect(lastDayOnTime({ ...leapDay, onTime: false }, 2027)).toEqual(new Date(2028, 1, 28));
    const late = overdue(drafting, THREE, [leapDay], 2026, at(1, 3));
    expect(late).toBe('Quá hạn nộp hồ sơ (đến hết 28/02/2027)');
    expect(overdue(drafting, THREE, [leapDay], 2026, at(28, 2, 2027, 23))).toBeUndefined();
  });

  it('counts the year from the assessment year: the same year, or the next', () => {
    expect(deadlineDate(deadline({ day: 31, month: 12, yearOffset: 0 }), 2026)).toEqual(
      new Date(2026, 11, 31),
    );
    expect(deadlineDate(deadline({ day: 15, month: 1, yearOffset: 1 }), 2026)).toEqual(
      new Date(2027, 0, 15),
    );
  });

  it('«trước ngày 28/02»: the 27th is the last day on time, the 28th is late', () => {
    expect(overdue(drafting, THREE, TT25, 2026, at(27, 2, 2027, 23))).toBeUndefined();
    expect(overdue(drafting, THREE, TT25, 2026, at(28, 2, 2027, 0))).toBe(
      'Quá hạn nộp hồ sơ (trước 28/02/2027)',
    );
    expect(overdue({ status: 'none' }, THREE, TT25, 2026, at(1, 3))).toBeUndefined();
  });

  it('«đến hết ngày»: the day itself is on time, the next is late', () => {
    const byEnd = [deadline({ onTime: true })];
    expect(overdue(drafting, THREE, byEnd, 2026, at(28, 2, 2027, 23))).toBeUndefined();
    expect(overdue(drafting, THREE, byEnd, 2026, at(1, 3, 2027, 0))).toBe(
      'Quá hạn nộp hồ sơ (đến hết 28/02/2027)',
    );
  });

  it('flags a decision not taken in time, up to the deciding step of each ladder only', () => {
    const late = at(31, 3);
    for (const ladder of [THREE, DISTRICT_DECIDES, TWO]) {
      const decider = ladder.steps.findIndex((step) => step.kind === 'decide');
      for (let step = 0; step <= decider; step += 1) {
        expect(
          overdue({ status: 'awaiting', step, returned: false }, ladder, TT25, 2026, late),
        ).toBe('Quá hạn quyết định (trước 31/03/2027)');
        expect(
          overdue({ status: 'awaiting', step, returned: false }, ladder, TT25, 2026, at(30, 3)),
        ).toBeUndefined();
      }
      expect(
        overdue({ status: 'recognised', step: null }, ladder, TT25, 2026, late),
      ).toBeUndefined();
    }
    // Consolidation after the district's decision is not a late decision.
    expect(
      overdue(
        { status: 'awaiting', step: 1, returned: false },
        DISTRICT_DECIDES,
        TT25,
        2026,
        at(1, 4),
      ),
    ).toBeUndefined();
    expect(overdue({ status: 'refused' }, THREE, TT25, 2026, late)).toBeUndefined();
  });

  it('flags nothing where the title has no deadline of that kind', () => {
    expect(overdue({ status: 'drafting', returned: true }, THREE, [], 2026, at(1, 12))).toBe(
      undefined,
    );
    const submitOnly = [deadline({ kind: 'submit' })];
    expect(
      overdue({ status: 'awaiting', step: 0, returned: false }, THREE, submitOnly, 2026, at(1, 12)),
    ).toBeUndefined();
  });

  it('gives each built-in title the deadlines its text sets, and leaves unknown ones to enter', () => {
    for (const rubric of CATALOG) expect(BUILT_IN_PROCEDURES[rubric.id], rubric.id).toBeDefined();
    const dates = (id: string) =>
      (BUILT_IN_PROCEDURES[id]?.deadlines ?? []).map((d) =>
        'missing' in d
          ? `${d.kind} ?`
          : `${d.kind} ${d.day}/${d.month} +${d.yearOffset} ${d.onTime ? 'đến hết' : 'trước'}`,
      );
    expect(dates('TT25_2023_CDHT_XA')).toEqual(['submit 28/2 +1 trước', 'decide 31/3 +1 trước']);
    expect(dates('TT24_2023_DVHT_HUYEN')).toEqual(['submit 15/1 +1 trước', 'decide 15/2 +1 trước']);
    expect(dates('TT24_2023_DVHT_TINH')).toEqual(['submit 15/1 +1 trước', 'decide 15/2 +1 trước']);
    expect(dates('TT22_2020_DVHT')).toEqual(['submit 31/3 +1 đến hết']);
    expect(dates('TT44_2014_CDHT_XA')).toEqual(['submit 31/12 +0 đến hết', 'decide ?']);
    expect(dates('QD448_2015_GDHT')).toEqual(['decide 15/12 +0 trước']);
    expect(deadlinesOf({ procedure: BUILT_IN_PROCEDURES.TT44_2014_CDHT_XA })).toHaveLength(1);
  });

  it('no longer reads deadlines from the settings', () => {
    const parsed = parseSettings(new Map([['submitBy' as never, '30/02']]), 2026);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && 'submitBy' in parsed.settings).toBe(false);
  });
});
