import type { NumberProblem } from './cells';
import type { IndicatorProblem, InputPart } from './levels';
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

const PART_NAMES: Record<InputPart, string> = {
  answer: '',
  level1: ' (mức độ 1)',
  level2: ' (mức độ 2)',
  count: ' (số đạt)',
  total: ' (tổng số)',
};

export function describeIndicatorProblem(problem: IndicatorProblem, part: InputPart): string {
  const counting = part === 'count' || part === 'total';
  switch (problem.kind) {
    case 'blank':
      return counting ? 'chưa nhập số người' : 'chưa chọn Đạt hoặc Chưa đạt';
    case 'notAnAnswer':
      return `«${problem.text}» không phải «Đạt» hay «Chưa đạt»`;
    case 'notWhole':
      return `số người phải là số nguyên, không phải ${formatNumber(problem.value)}`;
    case 'negative':
      return `số người không được âm (${formatNumber(problem.value)})`;
    case 'zeroTotal':
      return 'tổng số phải lớn hơn 0';
    case 'countAboveTotal':
      return `số đạt ${formatNumber(problem.count)} lớn hơn tổng số ${formatNumber(problem.total)}`;
    default:
      return describeNumberProblem(problem);
  }
}

export function indicatorIssueMessage(
  where: string,
  code: string,
  part: InputPart,
  problem: IndicatorProblem,
): string {
  return `${where}, chỉ tiêu ${code}${PART_NAMES[part]}: ${describeIndicatorProblem(problem, part)}.`;
}

export const MESSAGES = {
  emptyRow: 'Chưa nhập điểm mục nào.',
  emptyLevelsRow: 'Chưa nhập chỉ tiêu nào.',
  missingEvidence: (where: string, code: string) =>
    `${where}: mục/chỉ tiêu ${code} bắt buộc có minh chứng (đường dẫn hoặc ghi chú).`,
  badRecognition: (where: string, text: string) =>
    `${where}: ${text}; ghi mức «Mức độ 1» hoặc «Mức độ 2» và ngày quyết định dạng ngày/tháng/năm, ví dụ 15/03/2025.`,
  unmetAt: (level: number, codes: readonly string[]) =>
    `Chưa đạt mức độ ${level}: ${codes.join(', ')}.`,
  missingUnitCode: (where: string) => `${where}: có điểm nhưng thiếu mã đơn vị.`,
  duplicateUnitCode: (where: string, code: string, firstRow: number) =>
    `${where}: mã đơn vị «${code}» trùng với dòng ${firstRow}; mỗi đơn vị chỉ chấm ở một dòng.`,
  unknownRubric: (id: string, known: readonly string[]) =>
    `Không có bộ tiêu chí «${id}». Các mã hợp lệ: ${known.join(', ')}.`,
  formulaErrorPrefix: 'Lỗi ở dòng ',
  // A formula cannot know its cell: positions count from the top-left cell of the range it was given.
  formulaRowError: (row: number, column: number, text: string) =>
    `Lỗi ở dòng ${row}, cột ${column} của vùng: ${text}`,
  formulaItemError: (row: number, code: string, text: string, noun = 'mục') =>
    `Lỗi ở dòng ${row} của vùng, ${noun} ${code}: ${text}`,
  formulaTotalOutOfRange: (row: number, total: number, max: number) =>
    `Lỗi ở dòng ${row} của vùng: tổng ${formatNumber(total)} nằm ngoài khoảng 0 đến ${formatNumber(max)}`,
  formulaWrongMethod: (formula: string, id: string, method: 'points' | 'levels') =>
    method === 'levels'
      ? `${formula} dùng cho bộ tiêu chí chấm điểm; «${id}» đánh giá theo mức độ, hãy dùng XHHT_MUCDO.`
      : `${formula} dùng cho bộ tiêu chí theo mức độ; «${id}» chấm theo thang điểm, hãy dùng XHHT_TONG và XHHT_XEPLOAI.`,
  rubricIncomplete: (id: string, where: readonly string[]) =>
    `Bộ tiêu chí «${id}» còn ${where.length} giá trị cần bổ sung ở trang «Tiêu chí» (${where.slice(0, 3).join('; ')}${where.length > 3 ? '; …' : ''}).`,
  formulaWrongWidth: (row: number, width: number, expected: number) =>
    `Lỗi ở dòng ${row} của vùng: vùng có ${width} cột nhưng bộ tiêu chí cần ${expected} cột nhập liệu`,
  formulaBadDate: (row: number, text: string) =>
    `Lỗi ở dòng ${row} của vùng: ngày «${text}» không đúng dạng ngày/tháng/năm`,
  formulaNeedsOneColumn: (name: string) =>
    `${name} cần một ô hoặc một cột; vùng đã chọn có nhiều cột.`,
} as const;
