import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../src/domain/cells';
import { TT22_2020_DVHT as rubric } from '../../src/domain/rubrics/tt22-2020-dvht';
import { parseSettings, type Settings } from '../../src/domain/settings';
import { NO_DISTRICT, summarize } from '../../src/domain/summary';

describe('summarize', () => {
  it('counts per district in Vietnamese order, and in all', () => {
    const scored = (label: string) => ({ status: 'done' as const, label });
    const summary = summarize(rubric, [
      { district: 'Thạch Hà', ...scored('Tốt') },
      { district: 'Cẩm Xuyên', ...scored('Khá') },
      { district: 'Thạch Hà', status: 'empty' },
      { district: 'Cẩm Xuyên', status: 'invalid' },
      { district: '', ...scored('Chưa đạt') },
      { district: 'Đức Thọ', ...scored('Tốt') },
    ]);
    expect(summary.bands).toEqual(['Tốt', 'Khá', 'Trung bình', 'Chưa đạt']);
    expect(summary.rows.map((r) => r.district)).toEqual([
      NO_DISTRICT,
      'Cẩm Xuyên',
      'Đức Thọ',
      'Thạch Hà',
    ]);
    const thachHa = summary.rows[3];
    expect([thachHa?.units, thachHa?.byBand.get('Tốt'), thachHa?.empty, thachHa?.invalid]).toEqual([
      2, 1, 1, 0,
    ]);
    expect(summary.total.units).toBe(6);
    expect([...summary.total.byBand.values()]).toEqual([2, 1, 0, 1]);
    expect(summary.total.invalid).toBe(1);
  });
});

describe('parseSettings', () => {
  const parse = (entries: [keyof Settings, CellValue][]) => parseSettings(new Map(entries), 2026);

  /** What a workbook's settings are before anyone types in them (for 2026). */
  const INITIAL: Settings = {
    year: 2026,
    province: '',
    defaultRubricId: 'TT24_2023_DVHT_HUYEN', // in force for 2024 on
    language: 'vi',
    ladder: 'XA_HUYEN_TINH',
    summaryTo: [],
    mailFrom: '',
    summaryPeriod: 'weekly',
    dailyHour: 7,
    summaryLanguage: 'vi',
    remindDays: 7,
    escalateAfterDays: null,
  };

  it('fills what is missing with the initial values', () => {
    expect(parse([])).toEqual({ ok: true, settings: INITIAL });
  });

  it('reads text numbers, any case and odd spacing', () => {
    const parsed = parse([
      ['year', ' 2025 '],
      ['defaultRubricId', 'tt22_2020_dvht'],
      ['province', '  Hà\u00a0Tĩnh '],
    ]);
    expect(parsed).toEqual({
      ok: true,
      settings: { ...INITIAL, year: 2025, province: 'Hà Tĩnh', defaultRubricId: 'TT22_2020_DVHT' },
    });
  });

  it('says in Vietnamese what is wrong with each bad value', () => {
    const parsed = parse([
      ['year', 'hai nghìn'],
      ['defaultRubricId', 'TT 22'],
    ]);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => i.key)).toEqual(['year', 'defaultRubricId']);
    expect(parsed.issues[0]?.message).toBe('năm phải là một số, ví dụ 2026');
    expect(parsed.issues[1]?.message).toContain('TT22_2020_DVHT');
  });

  it('reads the mail settings and names what is wrong with them', () => {
    expect(
      parse([
        ['summaryPeriod', 'hằng tháng (ngày 1)'],
        ['summaryLanguage', 'English'],
        ['remindDays', '0'],
        ['escalateAfterDays', 10],
      ]),
    ).toEqual({
      ok: true,
      settings: {
        ...INITIAL,
        summaryPeriod: 'monthly',
        summaryLanguage: 'en',
        remindDays: 0,
        escalateAfterDays: 10,
      },
    });
    const parsed = parse([
      ['summaryPeriod', 'hằng quý'],
      ['remindDays', -1],
      ['escalateAfterDays', '0'],
    ]);
    expect(parsed.ok || parsed.issues).toEqual([
      { key: 'summaryPeriod', message: expect.stringContaining('Hằng tuần (thứ Hai)') },
      { key: 'remindDays', message: 'cần một số ngày nguyên từ 0 trở lên' },
      { key: 'escalateAfterDays', message: 'cần một số ngày nguyên từ 1 trở lên' },
    ]);
  });

  it('reads the hour of the daily work, 0 to 23, and names anything else', () => {
    expect(parse([['dailyHour', '0']])).toEqual({
      ok: true,
      settings: { ...INITIAL, dailyHour: 0 },
    });
    expect(parse([['dailyHour', 23]])).toEqual({
      ok: true,
      settings: { ...INITIAL, dailyHour: 23 },
    });
    for (const bad of [24, -1, 7.5, 'sáng']) {
      const parsed = parse([['dailyHour', bad]]);
      expect(parsed.ok || parsed.issues).toEqual([
        { key: 'dailyHour', message: 'cần một giờ trong ngày, số nguyên từ 0 đến 23, ví dụ 7' },
      ]);
    }
  });

  it('refuses a year with decimals', () => {
    const parsed = parse([['year', 2025.5]]);
    expect(parsed.ok || parsed.issues[0]?.message).toBe('năm phải là số nguyên, ví dụ 2026');
  });
});
