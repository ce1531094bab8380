import { describe, expect, it } from 'vitest';
import { LADDER_PRESETS } from '../../src/domain/ladder';
import {
  decisionDateRefusal,
  isClassification,
  levelOf,
  meetsTitle,
  previousRecognition,
  type RegisterEntry,
  recognitionsOf,
  standingRecognition,
  titleRefusal,
  titleResults,
} from '../../src/domain/register';
import type { PointsRubric } from '../../src/domain/rubric';
import { QD448_2015_GDHT } from '../../src/domain/rubrics/qd448-2015-gdht';
import { TT22_2020_DVHT } from '../../src/domain/rubrics/tt22-2020-dvht';
import { TT44_2014_CDHT_XA } from '../../src/domain/rubrics/tt44-2014-cdht-xa';
import {
  encodeState,
  stateLabel,
  transition,
  type UnitState,
  withOutcome,
} from '../../src/domain/workflow';
import { LEVELS_FIXTURE } from '../fixtures/rubrics';

const ladder = LADDER_PRESETS[0] as (typeof LADDER_PRESETS)[number];

function entry(result: string, date: Date, extra: Partial<RegisterEntry> = {}): RegisterEntry {
  return {
    kind: 'recognise',
    title: LEVELS_FIXTURE.id,
    unit: 'XA01',
    name: '',
    result,
    decisionNumber: `QĐ ${date.getFullYear()}`,
    decisionDate: date,
    decider: '',
    ...extra,
  };
}

describe('what each title recognises', () => {
  it('levels titles: Mức độ 1 and Mức độ 2, not Chưa đạt', () => {
    expect(titleResults(LEVELS_FIXTURE)).toEqual(['Mức độ 2', 'Mức độ 1']);
    expect(meetsTitle(LEVELS_FIXTURE, 'mức độ 1')).toBe(true);
    expect(meetsTitle(LEVELS_FIXTURE, 'Chưa đạt')).toBe(false);
    expect(meetsTitle(LEVELS_FIXTURE, '')).toBe(false);
    expect(isClassification(LEVELS_FIXTURE)).toBe(false);
  });

  it('classifications (TT 44/2014, TT 22/2020): Khá and Tốt by default; the province may change it', () => {
    for (const rubric of [TT44_2014_CDHT_XA, TT22_2020_DVHT] as PointsRubric[]) {
      expect(isClassification(rubric)).toBe(true);
      expect(titleResults(rubric)).toEqual(['Tốt', 'Khá']);
      expect(meetsTitle(rubric, 'Trung bình')).toBe(false);
      expect(meetsTitle(rubric, 'Chưa đạt')).toBe(false);
      const strict = { ...rubric, holdingBands: ['Tốt'] };
      expect(meetsTitle(strict, 'Khá')).toBe(false);
      expect(meetsTitle(strict, 'Tốt')).toBe(true);
    }
  });

  it('a pass/fail title (QĐ 448): «Đạt», and it is no classification', () => {
    expect(titleResults(QD448_2015_GDHT)).toEqual(['Đạt']);
    expect(isClassification(QD448_2015_GDHT)).toBe(false);
    expect(meetsTitle(QD448_2015_GDHT, 'Chưa đạt')).toBe(false);
  });

  it('reads level labels, and nothing else, as levels', () => {
    expect([levelOf('Mức độ 2'), levelOf('Mức độ 1'), levelOf('Chưa đạt'), levelOf('Tốt')]).toEqual(
      [2, 1, 0, undefined],
    );
  });
});

describe('a decision in a band that does not hold the title', () => {
  it('is shown as classified in that band, stored as recognised', () => {
    const decided: UnitState = { status: 'recognised', step: null };
    const classified = withOutcome(decided, 'Chưa đạt', false);
    expect(stateLabel(classified, ladder)).toBe('Đã xếp loại: Chưa đạt');
    expect(encodeState(classified)).toBe('recognised');
    expect(withOutcome(decided, 'Tốt', true)).toEqual(decided);
    // A row written before the result was recorded stays as it was.
    expect(withOutcome(decided, '', false)).toEqual(decided);
  });
});

describe('the register: per title, revocations, validity and the 12-month wait', () => {
  const first = entry('Mức độ 1', new Date(2024, 2, 15), { decisionNumber: '10/QĐ' });

  it('keeps a recognition valid to 31/12 of the 36th month after its year, and not a day more', () => {
    expect(standingRecognition([first], LEVELS_FIXTURE, 'XA01', new Date(2027, 11, 31))).toBe(
      first,
    );
    expect(
      standingRecognition([first], LEVELS_FIXTURE, 'XA01', new Date(2028, 0, 1)),
    ).toBeUndefined();
    // Not before its decision, not for another unit or another title.
    expect(
      standingRecognition([first], LEVELS_FIXTURE, 'XA01', new Date(2024, 2, 14)),
    ).toBeUndefined();
    expect(
      standingRecognition([first], LEVELS_FIXTURE, 'XA02', new Date(2025, 0, 1)),
    ).toBeUndefined();
    expect(
      standingRecognition(
        [{ ...first, title: 'KHAC' }],
        LEVELS_FIXTURE,
        'XA01',
        new Date(2025, 0, 1),
      ),
    ).toBeUndefined();
  });

  it('counts only results that meet the title; a title without a validity rule carries nothing over', () => {
    const failed = entry('Chưa đạt', new Date(2025, 2, 1));
    expect(
      standingRecognition([failed], LEVELS_FIXTURE, 'XA01', new Date(2025, 5, 1)),
    ).toBeUndefined();
    const band = entry('Tốt', new Date(2025, 2, 1), { title: TT22_2020_DVHT.id });
    expect(
      standingRecognition([band], TT22_2020_DVHT, 'XA01', new Date(2025, 5, 1)),
    ).toBeUndefined();
  });

  it('lets a revocation cancel the decision it names, or the latest one when it names none', () => {
    const second = entry('Mức độ 2', new Date(2025, 5, 1), { decisionNumber: '20/QĐ' });
    const revoke = (revokes: string, date: Date): RegisterEntry =>
      entry('', date, { kind: 'revoke', decisionNumber: 'TH', revokes });
    expect(
      recognitionsOf(
        [first, second, revoke('10/QĐ', new Date(2025, 6, 1))],
        LEVELS_FIXTURE.id,
        'XA01',
      ),
    ).toEqual([second]);
    expect(
      recognitionsOf([first, second, revoke('', new Date(2025, 6, 1))], LEVELS_FIXTURE.id, 'XA01'),
    ).toEqual([first]);
    // A revocation dated before a decision does not cancel it.
    expect(
      recognitionsOf(
        [revoke('20/QĐ', new Date(2025, 0, 1)), first, second],
        LEVELS_FIXTURE.id,
        'XA01',
      ),
    ).toEqual([first, second]);
  });

  it('starts the 12-month wait from the latest level decided on or before the submission date', () => {
    const second = entry('Mức độ 1', new Date(2025, 5, 1));
    expect(
      previousRecognition([first, second], LEVELS_FIXTURE.id, 'XA01', new Date(2025, 4, 31)),
    ).toEqual({
      level: 1,
      date: first.decisionDate,
    });
    expect(
      previousRecognition([first, second], LEVELS_FIXTURE.id, 'XA01', new Date(2025, 5, 1)),
    ).toEqual({
      level: 1,
      date: second.decisionDate,
    });
    expect(
      previousRecognition([first], LEVELS_FIXTURE.id, 'XA01', new Date(2024, 2, 14)),
    ).toBeUndefined();
  });
});

describe('revocation and returns after a decision', () => {
  const decision = { number: '30/QĐ', date: new Date(2026, 3, 1) };
  const recognised: UnitState = { status: 'recognised', step: null };

  it('takes the revoking decision and a reason, from the decider, back to the decider’s step', () => {
    expect(
      transition(
        recognised,
        { action: 'revoke', roles: ['tinh'], decision, comment: 'Sai' },
        ladder,
      ),
    ).toEqual({ ok: true, state: { status: 'awaiting', step: 1, returned: true } });
    for (const request of [
      { decision, comment: '' },
      { decision: { ...decision, number: ' ' }, comment: 'Sai' },
      { comment: 'Sai' },
    ]) {
      expect(
        transition(recognised, { action: 'revoke', roles: ['tinh'], ...request }, ladder).ok,
      ).toBe(false);
    }
    expect(
      transition(
        { status: 'awaiting', step: 1, returned: false },
        { action: 'revoke', roles: ['tinh'], decision, comment: 'Sai' },
        ladder,
      ).ok,
    ).toBe(false);
  });

  it('refuses an undo of a decision', () => {
    const outcome = transition(
      recognised,
      {
        action: 'revert',
        roles: ['quanTri'],
        comment: 'Nhầm',
        previous: { status: 'awaiting', step: 1, returned: false },
      },
      ladder,
    );
    expect(outcome).toMatchObject({ ok: false, reason: expect.stringContaining('Thu hồi') });
  });
});

describe('what a step may take to the title', () => {
  const step = (result: string, applied?: 1 | 2) => ({
    step: 'Gửi',
    result,
    resultCell: 'Ô X2, trang «T»',
    ...(applied ? { applied, appliedCell: 'Ô Y2, trang «T»' } : {}),
  });

  it('refuses a result that fails a levels or pass/fail title, naming the result cell', () => {
    expect(titleRefusal(LEVELS_FIXTURE, step('Chưa đạt'))).toBe(
      `Ô X2, trang «T»: kết quả «Chưa đạt» không đạt danh hiệu «${LEVELS_FIXTURE.title}» (cần Mức độ 2 hoặc Mức độ 1); không «Gửi» được.`,
    );
    expect(titleRefusal(LEVELS_FIXTURE, step(''))).toMatch(/kết quả «chưa có» không đạt/);
    expect(titleRefusal(QD448_2015_GDHT, step('Chưa đạt'))).toMatch(/\(cần Đạt\)/);
    expect(titleRefusal(LEVELS_FIXTURE, step('Mức độ 1'))).toBeUndefined();
  });

  it('refuses a level below the one applied for, and takes it at or above', () => {
    expect(titleRefusal(LEVELS_FIXTURE, step('Mức độ 1', 2))).toBe(
      'Ô X2, trang «T»: kết quả «Mức độ 1» thấp hơn mức đề nghị «Mức độ 2» (Ô Y2, trang «T»); không «Gửi» được.',
    );
    expect(titleRefusal(LEVELS_FIXTURE, step('Mức độ 2', 2))).toBeUndefined();
    expect(titleRefusal(LEVELS_FIXTURE, step('Mức độ 2', 1))).toBeUndefined();
  });

  it('lets a classification take any band: the decision classifies', () => {
    expect(titleRefusal(TT22_2020_DVHT, step('Chưa đạt'))).toBeUndefined();
  });

  it('refuses a decision dated before the dossier, down to the day', () => {
    const sent = { day: new Date(2026, 10, 23, 15, 0), cell: 'Ô Z2, trang «T»' };
    expect(decisionDateRefusal(new Date(2026, 10, 22, 23, 0), sent)).toBe(
      'Ngày quyết định 22/11/2026 trước ngày đơn vị nộp hồ sơ (Ô Z2, trang «T»: 23/11/2026); kiểm tra lại ngày.',
    );
    expect(decisionDateRefusal(new Date(2026, 10, 23, 0, 0), sent)).toBeUndefined();
    expect(decisionDateRefusal(new Date(2020, 0, 1), undefined)).toBeUndefined();
  });
});
