import { describe, expect, it } from 'vitest';
import { LADDER_PRESETS } from '../../src/domain/ladder';
import { reminders, type WaitingUnit } from '../../src/domain/reminders';

const ladder = LADDER_PRESETS[0] as (typeof LADDER_PRESETS)[number];
const NOW = new Date(2026, 10, 23, 10);
const rules = { year: 2025, remindDays: 7, escalateAfterDays: null };
const deadlines = [
  { kind: 'submit' as const, day: 25, month: 11, yearOffset: 1, onTime: true, basis: '' },
];

function drafting(count: number): WaitingUnit[] {
  return Array.from({ length: count }, (_, i) => ({
    unit: { code: `DV${i}`, name: `Đơn vị ${i}`, district: 'Huyện 1' },
    title: 'Đơn vị học tập',
    state: { status: 'drafting', returned: false },
    ladder,
    deadlines,
  }));
}

describe('the daily reminder, as data', () => {
  it('counts every unit in the subject but lists at most 50, so the message fits an outbox cell', () => {
    const grants = drafting(120).map(({ unit }) => ({
      email: 'xa@example.org',
      role: 'xa' as const,
      scope: unit.code,
    }));
    const [mail, ...others] = reminders(drafting(120), grants, rules, NOW, 'XHHT', (t) => t);
    expect(others).toEqual([]);
    expect(mail?.subject).toBe('[XHHT] Nhắc việc ngày 23/11/2026: 120 đơn vị');
    const listed = mail?.text.split('\n').filter((line) => line.startsWith('• ')) ?? [];
    expect(listed).toHaveLength(51);
    expect(listed.at(-1)).toBe('• … và 70 đơn vị khác (xem «Việc của tôi» trong bảng tính).');
    expect(mail?.text.length).toBeLessThan(50_000);
  });

  it('tells nobody of a deadline further than the days the settings give, nor of a unit not registered', () => {
    const grants = [{ email: 'xa@example.org', role: 'xa' as const, scope: 'DV0' }];
    const on = (day: number, month: number, onTime = true) =>
      drafting(1).map((unit) => ({
        ...unit,
        deadlines: [{ ...(deadlines[0] as (typeof deadlines)[0]), day, month, onTime }],
      }));
    expect(reminders(on(30, 12), grants, rules, NOW, 'XHHT', (t) => t)).toEqual([]);
    const none: WaitingUnit[] = [{ ...(drafting(1)[0] as WaitingUnit), state: { status: 'none' } }];
    expect(reminders(none, grants, rules, NOW, 'XHHT', (t) => t)).toEqual([]);
    // On the last day itself, and after it.
    expect(reminders(on(23, 11), grants, rules, NOW, 'XHHT', (t) => t)[0]?.text).toContain(
      'hạn nộp hồ sơ đến hết 23/11/2026, hôm nay là ngày cuối',
    );
    // «trước ngày 24/11»: today is the last day too.
    expect(reminders(on(24, 11, false), grants, rules, NOW, 'XHHT', (t) => t)[0]?.text).toContain(
      'hạn nộp hồ sơ trước 24/11/2026, hôm nay là ngày cuối',
    );
    expect(reminders(on(1, 11), grants, rules, NOW, 'XHHT', (t) => t)[0]?.text).toContain(
      'hạn nộp hồ sơ đến hết 01/11/2026, đã quá 22 ngày',
    );
  });
});
