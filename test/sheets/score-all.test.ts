import { describe, expect, it } from 'vitest';
import { scoreAllAction } from '../../src/sheets/actions';
import { SETTINGS_SHEET } from '../../src/sheets/layout';
import { scoreAll } from '../../src/sheets/score-all';
import { setUp } from '../../src/sheets/set-up';
import { gasContext, NOW } from '../fakes/context';
import { fakeGoogle } from '../fakes/google';
import type { FakeSheet } from '../fakes/spreadsheet';
import {
  columnValues,
  headerColumn,
  RESULT_HEADERS,
  rubric,
  workbookWith,
} from './workbook-helpers';

const SCORING = rubric.scoringSheet;

function results(sheet: FakeSheet, row: number): unknown[] {
  const first = headerColumn(sheet, RESULT_HEADERS[0] as string);
  return sheet.snapshot()[row - 1]?.slice(first - 1, first - 1 + RESULT_HEADERS.length) ?? [];
}

describe('score-all', () => {
  it('writes subtotals, total, band and time for every unit', () => {
    const { ctx, sheet } = workbookWith([
      [10, 10, 10, 10, 5, 10, 5, 25, 10, 5],
      ['7', '7', '6', 7, 4, 7, 3, 19, 7, 3],
      [5, 5, 5, 5, 2, 5, 2, '10,5', 5, 5],
    ]);
    scoreAll(ctx);
    expect(results(sheet, 2)).toEqual([30, 30, 40, 100, 'Tốt', '', '', '', NOW]);
    expect(results(sheet, 3)).toEqual([20, 21, 29, 70, 'Khá', '', '', '', NOW]);
    expect(results(sheet, 4)).toEqual([15, 14, 20.5, 49.5, 'Chưa đạt', '', '', '', NOW]);
  });

  it('does not score a unit with bad input, says which cell and why, and keeps what was typed', () => {
    const typed = [
      ['mười', 10, 10, 10, 5, 10, 5, 25, 10, 5],
      [12, 10, 10, 10, 5, 10, 5, 25, 10, 5],
      [10, 10, 10, 10, -2, 10, 5, 25, 10, 5],
      [10, 10, 10, 10, 5, 10, 5, 25, 10, ''],
      [10, 10, 10, new Date(2026, 4, 8), 5, 10, 5, 25, 10, '1.000'],
      ['', '', '', '', '', '', '', '', '', ''],
    ];
    const { google, ctx, sheet } = workbookWith(typed);
    const before = sheet.snapshot().map((row) => row.slice(0, 13));

    scoreAllAction(ctx);

    expect(sheet.snapshot().map((row) => row.slice(0, 13))).toEqual(before);
    const errors = columnValues(sheet, 'Lỗi');
    expect(errors[0]).toBe(
      'Ô D2, trang «Chấm điểm ĐVHT», mục 1.1: «mười» không phải là số. Cần một số từ 0 đến 10.',
    );
    expect(errors[1]).toBe(
      'Ô D3, trang «Chấm điểm ĐVHT», mục 1.1: 12 lớn hơn điểm tối đa 10. Cần một số từ 0 đến 10.',
    );
    expect(errors[2]).toBe(
      'Ô H4, trang «Chấm điểm ĐVHT», mục 2.2: điểm âm (-2). Cần một số từ 0 đến 5.',
    );
    expect(errors[3]).toBe(
      'Ô M5, trang «Chấm điểm ĐVHT», mục 3.3: chưa nhập. Cần một số từ 0 đến 5.',
    );
    expect(String(errors[4]).split('\n')).toEqual([
      expect.stringMatching(/^Ô G6, trang «Chấm điểm ĐVHT», mục 2\.1: ô đang chứa ngày tháng/),
      expect.stringMatching(/^Ô M6, .*«1\.000» không rõ là số lẻ hay số có dấu chấm hàng nghìn/),
    ]);
    expect(errors[5]).toBe('Chưa nhập điểm mục nào.');
    for (const row of [2, 3, 4, 5, 6, 7])
      expect(results(sheet, row).slice(0, 5)).toEqual(['', '', '', '', '']);

    const notice = google.SpreadsheetApp.ui.alerts.at(-1)?.prompt ?? '';
    expect(notice).toContain('đã chấm 0/6 đơn vị');
    expect(notice).toContain('1 đơn vị chưa nhập.');
    expect(notice).toContain('5 dòng có lỗi');
    expect(notice).toContain('Ô D2, trang «Chấm điểm ĐVHT»');
  });

  it('clears the old result of a unit whose input turned bad', () => {
    const { ctx, sheet } = workbookWith([[10, 10, 10, 10, 5, 10, 5, 25, 10, 5]]);
    scoreAll(ctx);
    expect(results(sheet, 2)[3]).toBe(100);
    sheet.type(2, 4, [['x']]);
    scoreAll(ctx);
    expect(results(sheet, 2).slice(0, 5)).toEqual(['', '', '', '', '']);
    expect(columnValues(sheet, 'Lỗi')[0]).toMatch(/^Ô D2/);
  });

  it('reports a row with scores but no unit code', () => {
    const { ctx, sheet } = workbookWith([[10, 10, 10, 10, 5, 10, 5, 25, 10, 5]], 0);
    scoreAll(ctx);
    expect(columnValues(sheet, 'Lỗi')).toEqual([
      'Ô A2, trang «Chấm điểm ĐVHT»: có điểm nhưng thiếu mã đơn vị.',
    ]);
  });

  it('scores a unit once: a second row with the same code is reported, not scored', () => {
    const { ctx, sheet } = workbookWith([[10, 10, 10, 10, 5, 10, 5, 25, 10, 5]], 1);
    sheet.type(3, 1, [[' dv0001 ']]);
    sheet.type(3, 4, [[5, 5, 5, 5, 5, 5, 5, 5, 5, 5]]);
    const report = scoreAll(ctx);
    expect(results(sheet, 2)[3]).toBe(100);
    expect(results(sheet, 3)[3]).toBe('');
    expect(columnValues(sheet, 'Lỗi')[1]).toBe(
      'Ô A3, trang «Chấm điểm ĐVHT»: mã đơn vị «dv0001» trùng với dòng 2; mỗi đơn vị chỉ chấm ở một dòng.',
    );
    expect(report.sheets[0]?.summary.total.units).toBe(1);
  });

  it('finds its columns by header after the officer moved and inserted columns', () => {
    const google = fakeGoogle();
    const ctx = gasContext(google);
    const sheet = google.spreadsheet.insertSheet(SCORING);
    // Made by hand before set-up, which then leaves it as it is.
    // Headers in another order, differently spaced and cased, NFD, with columns of the officer's own.
    const typed = [
      'giữ nguyên',
      'A1',
      'Đơn vị A',
      'Thạch Hà',
      5,
      10,
      25,
      5,
      10,
      5,
      10,
      10,
      10,
      9,
      '',
      'cán bộ xã',
    ];
    sheet.type(1, 1, [
      [
        'Ghi chú',
        '  mã  ĐƠN VỊ ',
        'Tên đơn vị',
        'Địa bàn (huyện cũ)',
        ...['3.3', '3.2', '3.1', '2.4', '2.3', '2.2', '2.1', '1.3', '1.2', '1.1'].map(
          (code) => `${code} (đã đổi tên)`,
        ),
        'Xếp loại',
        'Người nhập',
        'Tổng điểm'.normalize('NFD'),
        'Lỗi',
        'Chấm lúc',
        'Điểm TC3',
        'Điểm TC2',
        'Điểm TC1',
      ],
      typed,
    ]);
    setUp(ctx, rubric.id);
    scoreAll(ctx);
    const row = sheet.snapshot()[1];
    expect(row?.slice(0, 14)).toEqual(typed.slice(0, 14));
    expect(row?.slice(14, 22)).toEqual(['Tốt', 'cán bộ xã', 99, '', NOW, 40, 30, 29]);
  });

  it('names the missing headers and writes nothing', () => {
    const { google, ctx, sheet } = workbookWith([[10, 10, 10, 10, 5, 10, 5, 25, 10, 5]]);
    sheet.type(1, headerColumn(sheet, 'Tổng điểm'), [['Tổng']]);
    const before = sheet.snapshot();
    google.io.reset();
    scoreAllAction(ctx);
    expect(sheet.snapshot()).toEqual(before);
    expect(google.io.calls.get('setValues')).toBeUndefined();
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toContain(
      'Bộ tiêu chí «TT22_2020_DVHT» chưa được chấm:\n• Trang «Chấm điểm ĐVHT» thiếu cột «Tổng điểm» ở dòng tiêu đề',
    );
  });

  it('asks for set-up when there is no scoring sheet', () => {
    const google = fakeGoogle();
    scoreAllAction(gasContext(google));
    expect(google.SpreadsheetApp.ui.alerts[0]?.prompt).toBe(
      'Chưa có trang chấm điểm nào của một bộ tiêu chí ở trang «Tiêu chí». Hãy chạy XHHT → Khởi tạo bảng tính trước.',
    );
  });

  it('tells the officer to retry when another run holds the lock, and writes nothing', () => {
    const { google, ctx, sheet } = workbookWith([[10, 10, 10, 10, 5, 10, 5, 25, 10, 5]]);
    const other = google.LockService.holdByAnotherRun();
    scoreAllAction(ctx);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(/^Đang có người khác chạy XHHT/);
    expect(results(sheet, 2)[3]).toBe('');
    other.releaseLock();
    scoreAllAction(ctx);
    expect(results(sheet, 2)[3]).toBe(100);
    expect(google.LockService.holder).toBeNull();
  });

  it('fails, as Sheets would, where the result columns were hard-protected against the officer', () => {
    const { google, ctx, sheet } = workbookWith([[10, 10, 10, 10, 5, 10, 5, 25, 10, 5]]);
    sheet.protections[0]?.setWarningOnly(false);
    google.Session.email = 'can.bo.xa@example.org';
    expect(() => scoreAll(ctx)).toThrow(/protected cell/);
    sheet.protections[0]?.setWarningOnly(true);
    scoreAll(ctx);
    expect(results(sheet, 2)[3]).toBe(100);
  });
});

describe('score-all and the settings', () => {
  it('opens its notice with the year and province', () => {
    const { google, ctx } = workbookWith([[10, 10, 10, 10, 5, 10, 5, 25, 10, 5]]);
    google.spreadsheet.sheet(SETTINGS_SHEET).type(3, 3, [['Hà Tĩnh']]);
    scoreAllAction(ctx);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(
      /^Năm đánh giá 2026 — Hà Tĩnh\.\n\nTrang «Chấm điểm ĐVHT»: đã chấm 1\/1 đơn vị/,
    );
  });

  it('scores nothing while a setting is wrong, and names its cell', () => {
    const { google, ctx, sheet } = workbookWith([[10, 10, 10, 10, 5, 10, 5, 25, 10, 5]]);
    google.spreadsheet.sheet(SETTINGS_SHEET).type(2, 3, [['năm nay']]);
    google.spreadsheet.sheet(SETTINGS_SHEET).type(4, 3, [['TT 22']]);
    scoreAllAction(ctx);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toBe(
      'Ô C2, trang «Cài đặt» (Năm đánh giá): năm phải là một số, ví dụ 2026.\n' +
        'Ô C4, trang «Cài đặt» (Bộ tiêu chí mặc định): cần một mã bộ tiêu chí (chữ in hoa, số, dấu gạch dưới), ví dụ TT22_2020_DVHT.',
    );
    expect(results(sheet, 2)[3]).toBe('');
  });
});

describe('batch I/O', () => {
  function ioFor(units: number) {
    const scores = Array.from({ length: units }, (_, i) => [
      10,
      10,
      i % 7 === 0 ? 'x' : 10,
      10,
      5,
      10,
      5,
      25,
      10,
      5,
    ]);
    const { google, ctx } = workbookWith(scores);
    google.io.reset();
    scoreAll(ctx);
    return {
      reads: google.io.reads,
      writes: google.io.writes,
      calls: Object.fromEntries(google.io.calls),
    };
  }

  it('makes the same reads and writes for 10 units as for 1,000', () => {
    const small = ioFor(10);
    const large = ioFor(1000);
    expect(large).toEqual(small);
    // One read each of the settings, the criteria and the scoring sheet; one write of the results.
    expect(small.reads).toBe(3);
    expect(small.calls).toMatchObject({ getValues: 3, setValues: 1 });
    expect(small.writes).toBeLessThanOrEqual(3);
  });
});
