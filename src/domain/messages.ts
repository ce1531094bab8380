import type { NumberProblem } from './cells';
import { type Item, known } from './rubric';
import type { ItemProblem } from './scoring';

/**
 * Every sentence the product says to an officer about their data, in Vietnamese. Numbers are shown
 * the Vietnamese way (8,5), the way the officer types them.
 */

export function formatNumber(value: number): string {
  return String(value).replace('.', ',');
}

export function describeNumberProblem(problem: NumberProblem): string {
  switch (problem.kind) {
    case 'blank':
      return 'chưa nhập';
    case 'notANumber':
      return `«${problem.text}» không phải là số`;
    case 'ambiguousNumber':
      return `«${problem.text}» không rõ là số lẻ hay số hàng nghìn; số lẻ gõ một hoặc hai chữ số sau dấu phẩy, ví dụ 8,5`;
    case 'date':
      return 'ô đang chứa ngày tháng (có thể do gõ 8/5 hay 8.5); hãy gõ lại điểm, ví dụ 8,5';
    case 'boolean':
      return 'ô đang chứa giá trị đúng/sai (TRUE/FALSE), không phải điểm';
  }
}

export function describeItemProblem(problem: ItemProblem): string {
  switch (problem.kind) {
    case 'negative':
      return `điểm âm (${formatNumber(problem.value)})`;
    case 'aboveMax':
      return `${formatNumber(problem.value)} lớn hơn điểm tối đa ${formatNumber(problem.max)}`;
    default:
      return describeNumberProblem(problem);
  }
}

/** One line of a row's error cell: where, which item, what is wrong, what is expected. */
export function itemIssueMessage(where: string, item: Item, problem: ItemProblem): string {
  const max = known(item.max);
  const expected =
    max === undefined ? 'Cần một số không âm.' : `Cần một số từ 0 đến ${formatNumber(max)}.`;
  return `${where}, mục ${item.code}: ${describeItemProblem(problem)}. ${expected}`;
}

export const MESSAGES = {
  emptyRow: 'Chưa nhập điểm mục nào.',
  missingUnitCode: (where: string) => `${where}: có điểm nhưng thiếu mã đơn vị.`,
  duplicateUnitCode: (where: string, code: string, firstRow: number) =>
    `${where}: mã đơn vị «${code}» trùng với dòng ${firstRow}; mỗi đơn vị chỉ chấm ở một dòng.`,
  unknownRubric: (id: string, known: readonly string[]) =>
    `Không có bộ tiêu chí «${id}». Các mã hợp lệ: ${known.join(', ')}.`,
  formulaErrorPrefix: 'Lỗi ở dòng ',
  // A formula cannot know its cell: positions count from the top-left cell of the range it was given.
  formulaRowError: (row: number, column: number, text: string) =>
    `Lỗi ở dòng ${row}, cột ${column} của vùng: ${text}`,
  formulaItemError: (row: number, itemCode: string, text: string) =>
    `Lỗi ở dòng ${row} của vùng, mục ${itemCode}: ${text}`,
  formulaTotalOutOfRange: (row: number, total: number, max: number) =>
    `Lỗi ở dòng ${row} của vùng: tổng ${formatNumber(total)} nằm ngoài khoảng 0 đến ${formatNumber(max)}`,
  formulaWrongMethod: (formula: string, id: string, method: 'points' | 'levels') =>
    method === 'levels'
      ? `${formula} dùng cho bộ tiêu chí chấm điểm; «${id}» đánh giá theo mức độ, hãy dùng XHHT_MUCDO.`
      : `${formula} dùng cho bộ tiêu chí theo mức độ; «${id}» chấm theo thang điểm, hãy dùng XHHT_TONG và XHHT_XEPLOAI.`,
  rubricIncomplete: (id: string, where: readonly string[]) =>
    `Bộ tiêu chí «${id}» còn ${where.length} giá trị cần bổ sung ở trang «Tiêu chí» (${where.slice(0, 3).join('; ')}${where.length > 3 ? '; …' : ''}).`,
  formulaNeedsOneColumn: (name: string) =>
    `${name} cần một ô hoặc một cột; vùng đã chọn có nhiều cột.`,
} as const;
