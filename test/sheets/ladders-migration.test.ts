import { describe, expect, it } from 'vitest';
import { type ActRequest, act } from '../../src/sheets/act';
import { readCriteria } from '../../src/sheets/criteria-sheet';
import {
  CRITERIA_COLUMNS,
  CRITERIA_SHEET,
  SETTINGS_SHEET,
  UNITS_SHEET,
} from '../../src/sheets/layout';
import { PEOPLE_SHEET } from '../../src/sheets/people-sheet';
import { setUp } from '../../src/sheets/set-up';
import { gasActPorts } from '../fakes/context';
import { OWNER } from '../fakes/google';
import type { FakeSheet } from '../fakes/spreadsheet';
import { columnValues, headerColumn, rubric, workbookWith } from './workbook-helpers';
import { FULL, HUYEN, TINH, XA } from './workflow-helpers';

/** Blanks a header this version added, so the sheet reads as the previous version wrote it. */
function dropHeader(sheet: FakeSheet, header: string): void {
  sheet.type(1, headerColumn(sheet, header), [['']]);
}

/**
 * A workbook as the previous version left it: deadlines in the settings (submitBy 28/02), the
 * approval ladder only in the settings (3 cấp), «Huyện» headers, no procedure rows nor their columns
 * in the criteria sheet, no «Ngày nộp»; DV0001 approved by its district and waiting for the province.
 */
function previousVersionBook() {
  const { google, ctx, sheet } = workbookWith([FULL, FULL, FULL]);
  const settings = google.spreadsheet.sheet(SETTINGS_SHEET);
  const rows = settings.snapshot().length;
  settings.type(rows + 1, 1, [
    ['submitBy', 'Hạn xã gửi (ngày/tháng năm sau)', '28/02', 'Ví dụ 28/02'],
    ['decideBy', 'Hạn quyết định (ngày/tháng năm sau)', '', 'Ví dụ 31/03'],
  ]);
  const criteria = google.spreadsheet.sheet(CRITERIA_SHEET);
  for (const spec of CRITERIA_COLUMNS.slice(-4)) dropHeader(criteria, spec.header);
  const units = google.spreadsheet.sheet(UNITS_SHEET);
  dropHeader(units, 'Xã / phường');
  units.type(1, headerColumn(units, 'Địa bàn (huyện cũ)'), [['Huyện']]);
  sheet.type(1, headerColumn(sheet, 'Địa bàn (huyện cũ)'), [['Huyện']]);
  dropHeader(sheet, 'Ngày nộp');
  const people = google.spreadsheet.sheet(PEOPLE_SHEET);
  people.type(1, headerColumn(people, /^Phạm vi/), [['Phạm vi (mã đơn vị hoặc huyện)']]);
  people.type(2, 1, [
    [XA, 'xã', 'DV0001'],
    [XA, 'xã', 'DV0002'],
    [HUYEN, 'huyện', 'Huyện 1'],
    [HUYEN, 'huyện', 'Huyện 2'],
    [TINH, 'tỉnh', ''],
  ]);
  const on = (day: Date, who: string, row: number, request: ActRequest) => {
    google.Session.email = who;
    const ports = gasActPorts(google, { ...ctx, clock: { now: () => day } });
    return act(ports, request, { sheet: rubric.scoringSheet, rows: [row] });
  };
  on(new Date(2026, 0, 5), XA, 2, { action: 'register' });
  on(new Date(2026, 0, 6), XA, 2, { action: 'submit' });
  on(new Date(2026, 0, 7), HUYEN, 2, { action: 'approve' });
  on(new Date(2026, 0, 5), XA, 3, { action: 'register' });
  // Set-up is the administrator's (here the owner's).
  google.Session.email = OWNER;
  return { google, ctx, sheet, settings, criteria, units, people, on };
}

describe('set-up on a workbook of the previous version', () => {
  it('starts from what that version wrote', () => {
    const { sheet, criteria } = previousVersionBook();
    expect(columnValues(sheet, 'Trạng thái').slice(0, 2)).toEqual([
      'Chờ tỉnh quyết định',
      'Đang tự đánh giá',
    ]);
    expect(criteria.snapshot()[0]).not.toContain('Từ ngày');
    expect(sheet.snapshot()[0]).not.toContain('Ngày nộp');
  });

  it('renames the district headers, moves the deadlines into the criteria sheet, and keeps every value', () => {
    const { ctx, sheet, settings, criteria, units, people } = previousVersionBook();
    const typedSubmitBy = settings.snapshot().find((row) => row[0] === 'submitBy')?.[2];
    expect(typedSubmitBy).not.toBe('');
    setUp(ctx, rubric.id);
    expect(units.snapshot()[0]?.[2]).toBe('Địa bàn (huyện cũ)');
    expect(sheet.snapshot()[0]?.[2]).toBe('Địa bàn (huyện cũ)');
    expect(columnValues(units, 'Địa bàn (huyện cũ)')).toEqual(['Huyện 1', 'Huyện 2', 'Huyện 3']);
    expect(people.snapshot()[0]?.[2]).toBe(
      'Phạm vi (mã đơn vị, xã, huyện cũ, cụm; trống = cả tỉnh)',
    );
    // The deadline typed in the settings becomes the title's row; its setting row stays, retired.
    const read = readCriteria(ctx.workbook)?.[0];
    expect(read?.problems).toEqual([]);
    expect(read?.rubric?.procedure?.deadlines).toEqual([
      {
        kind: 'submit',
        day: 28,
        month: 2,
        yearOffset: 1,
        onTime: true,
        basis: 'Chuyển từ trang «Cài đặt» (submitBy)',
      },
    ]);
    expect(read?.rubric?.procedure?.ladders.map((dated) => dated.ladder)).toEqual([
      'đơn vị → huyện thẩm định → huyện quyết định',
    ]);
    const submitBy = settings.snapshot().find((row) => row[0] === 'submitBy');
    expect(submitBy?.[2]).toEqual(typedSubmitBy);
    expect(String(submitBy?.[3])).toMatch(
      /^Không còn dùng: hạn của mỗi bộ tiêu chí nằm ở trang «Tiêu chí», dòng Quy tắc HAN_NOP/,
    );
    // Run again: nothing is added twice.
    const before = criteria.snapshot().length;
    setUp(ctx, rubric.id);
    expect(criteria.snapshot()).toHaveLength(before);
  });

  it('lets a unit already under way finish on the ladder it started, and a new dossier take the title’s', () => {
    const { ctx, sheet, on } = previousVersionBook();
    setUp(ctx, rubric.id);
    expect(columnValues(sheet, 'Ngày nộp').slice(0, 2)).toEqual(['', '']);
    const decided = on(new Date(2026, 1, 1), TINH, 2, {
      action: 'recognise',
      decision: { number: '12/QĐ-UBND', date: new Date(2026, 1, 1) },
    });
    expect(decided.done).toEqual([{ code: 'DV0001', to: 'Đã công nhận' }]);
    on(new Date(2026, 1, 2), XA, 3, { action: 'submit' });
    expect(columnValues(sheet, 'Trạng thái').slice(0, 2)).toEqual([
      'Đã công nhận',
      'Chờ huyện thẩm định',
    ]);
    expect(columnValues(sheet, 'Ngày nộp')[1]).toBe('02/02/2026');
  });
});
