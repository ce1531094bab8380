import { DEFAULT_RUBRIC_ID, findRubric } from '../domain/catalog';
import { isBlank } from '../domain/cells';
import { type FormulaResult, rowBands, rowTotals, rubricNamed } from '../domain/formulas';
import type { Rubric } from '../domain/rubric';
import { SheetError } from './errors';
import { MENU_ITEMS, MENU_TITLE } from './menu';
import { scoreAllNotice, setUpNotice } from './notices';
import { BusyError, type Context, type UiPort, type WorkbookPort } from './ports';
import { scoreAll } from './score-all';
import { setUp } from './set-up';
import { defaultRubricId } from './settings-sheet';

/** What the menu items and custom formulas do, whatever the platform under them. */

export const APP_TITLE = 'XHHT Sheets';

export function buildMenu(ui: UiPort): void {
  ui.addMenu(MENU_TITLE, MENU_ITEMS);
}

/** Runs a menu action and shows its notice; a problem the officer can fix is shown, not thrown. */
function run(ctx: Context, action: (ctx: Context) => string): void {
  let notice: string;
  try {
    notice = action(ctx);
  } catch (error) {
    if (!(error instanceof SheetError || error instanceof BusyError)) throw error;
    notice = error.message;
  }
  ctx.ui.alert(APP_TITLE, notice);
}

export function setUpAction(ctx: Context): void {
  run(ctx, () => {
    const rubric = findRubric(defaultRubricId(ctx.workbook)) ?? findRubric(DEFAULT_RUBRIC_ID);
    if (!rubric) throw new SheetError('Không tìm thấy bộ tiêu chí mặc định.');
    return setUpNotice(setUp(ctx, rubric));
  });
}

export function scoreAllAction(ctx: Context): void {
  run(ctx, () => scoreAllNotice(scoreAll(ctx)));
}

export function aboutAction(ctx: Context): void {
  run(ctx, () =>
    [
      'XHHT Sheets: đánh giá, xếp loại và công nhận các mô hình xã hội học tập ngay trong Google Trang tính.',
      '',
      '• Khởi tạo bảng tính: tạo các trang Cài đặt, Đơn vị, Tiêu chí, Chấm điểm (chạy lại không mất dữ liệu).',
      '• Chấm điểm tất cả: tính điểm từng tiêu chí, tổng điểm, xếp loại; lỗi ghi ở cột «Lỗi» của từng dòng.',
      '• Công thức: =XHHT_TONG(vùng điểm; [mã bộ tiêu chí]), =XHHT_XEPLOAI(tổng điểm; [mã bộ tiêu chí]).',
    ].join('\n'),
  );
}

/** The rubric a formula names; the settings are read only when the formula does not name one. */
function formulaRubric(rubricId: unknown, workbook: () => WorkbookPort): Rubric {
  return rubricNamed(isBlank(rubricId) ? defaultRubricId(workbook()) : rubricId);
}

export function totalFormula(
  range: unknown,
  rubricId: unknown,
  workbook: () => WorkbookPort,
): FormulaResult {
  return rowTotals(range, formulaRubric(rubricId, workbook));
}

export function bandFormula(
  total: unknown,
  rubricId: unknown,
  workbook: () => WorkbookPort,
): FormulaResult {
  return rowBands(total, formulaRubric(rubricId, workbook));
}
