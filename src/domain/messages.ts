import type { NumberProblem } from './cells';
import { plural, tr } from './i18n';
import type { IndicatorProblem, InputPart } from './levels';
import { type Item, known } from './rubric';
import type { ItemProblem } from './scoring';

/**
 * Every sentence the product says to an officer about their data, in Vietnamese and in English.
 * Numbers are shown the Vietnamese way (8,5), the way the officer types them.
 */

export function formatNumber(value: number): string {
  return String(value).replace('.', ',');
}

/** «1.250» or «1,250» read as the decimal it may be, written the Vietnamese way: 1,25. */
function asDecimal(text: string): string {
  return formatNumber(Number(text.replace(',', '.')));
}

export function describeNumberProblem(problem: NumberProblem): string {
  switch (problem.kind) {
    case 'blank':
      return tr('chưa nhập', 'not entered');
    case 'notANumber':
      return tr(`«${problem.text}» không phải là số`, `«${problem.text}» is not a number`);
    case 'ambiguousNumber':
      // Only cells that take decimals (scores, settings) say this: counts read «1.250» as 1250.
      return tr(
        `«${problem.text}» không rõ là số lẻ hay số có dấu chấm hàng nghìn; ô này nhận số lẻ và không dùng dấu phân cách hàng nghìn: nếu là ${asDecimal(problem.text)} thì gõ ${asDecimal(problem.text)} (dấu phẩy, một hoặc hai chữ số sau dấu phẩy)`,
        `«${problem.text}» could be a decimal or thousands; this cell takes decimals and no thousands separator: if you mean ${asDecimal(problem.text)}, type ${asDecimal(problem.text)} (a comma, one or two digits after it)`,
      );
    case 'date':
      return tr(
        'ô đang chứa ngày tháng (có thể do gõ 8/5 hay 8.5); hãy gõ lại điểm, ví dụ 8,5',
        'the cell holds a date (perhaps 8/5 or 8.5 was typed); type the score again, e.g. 8,5',
      );
    case 'boolean':
      return tr(
        'ô đang chứa giá trị đúng/sai (TRUE/FALSE), không phải điểm',
        'the cell holds TRUE/FALSE, not a score',
      );
  }
}

export function describeItemProblem(problem: ItemProblem): string {
  switch (problem.kind) {
    case 'negative':
      return tr(
        `điểm âm (${formatNumber(problem.value)})`,
        `negative score (${formatNumber(problem.value)})`,
      );
    case 'aboveMax':
      return tr(
        `${formatNumber(problem.value)} lớn hơn điểm tối đa ${formatNumber(problem.max)}`,
        `${formatNumber(problem.value)} is above the maximum of ${formatNumber(problem.max)}`,
      );
    case 'tooManyDecimals':
      return tr(
        `${String(problem.value).replace('.', ',')} có quá hai chữ số thập phân; điểm ghi tối đa hai chữ số sau dấu phẩy, ví dụ 8,25`,
        `${String(problem.value)} has more than two decimals; points take at most two digits after the comma, e.g. 8,25`,
      );
    default:
      return describeNumberProblem(problem);
  }
}

/** One line of a row's error cell: where, which item, what is wrong, what is expected. */
export function itemIssueMessage(where: string, item: Item, problem: ItemProblem): string {
  const max = known(item.max);
  const expected =
    max === undefined
      ? tr('Cần một số không âm.', 'A number not below 0 is expected.')
      : tr(
          `Cần một số từ 0 đến ${formatNumber(max)}.`,
          `A number from 0 to ${formatNumber(max)} is expected.`,
        );
  return `${where}, ${tr('mục', 'item')} ${item.code}: ${describeItemProblem(problem)}. ${expected}`;
}

function partName(part: InputPart): string {
  switch (part) {
    case 'answer':
      return '';
    case 'level1':
      return tr(' (mức độ 1)', ' (level 1)');
    case 'level2':
      return tr(' (mức độ 2)', ' (level 2)');
    case 'count':
      return tr(' (số đạt)', ' (count met)');
    case 'total':
      return tr(' (tổng số)', ' (total)');
    case 'hardArea':
      return tr(' (xã thuộc vùng khó khăn)', ' (commune in a difficult area)');
  }
}

export function describeIndicatorProblem(problem: IndicatorProblem, part: InputPart): string {
  const counting = part === 'count' || part === 'total';
  switch (problem.kind) {
    case 'blank':
      return counting
        ? tr('chưa nhập số người', 'the number of people is not entered')
        : tr(
            'chưa chọn Đạt hoặc Chưa đạt',
            'neither «Đạt» (met) nor «Chưa đạt» (not met) is chosen',
          );
    case 'notAnAnswer':
      return tr(
        `«${problem.text}» không phải «Đạt» hay «Chưa đạt»`,
        `«${problem.text}» is neither «Đạt» (met) nor «Chưa đạt» (not met)`,
      );
    case 'notWhole':
      return tr(
        `số người phải là số nguyên, không phải ${formatNumber(problem.value)}`,
        `a number of people must be whole, not ${formatNumber(problem.value)}`,
      );
    case 'negative':
      return tr(
        `số người không được âm (${formatNumber(problem.value)})`,
        `a number of people cannot be negative (${formatNumber(problem.value)})`,
      );
    case 'zeroTotal':
      return tr('tổng số phải lớn hơn 0', 'the total must be above 0');
    case 'countAboveTotal':
      return tr(
        `số đạt ${formatNumber(problem.count)} lớn hơn tổng số ${formatNumber(problem.total)}`,
        `the count met, ${formatNumber(problem.count)}, is above the total, ${formatNumber(problem.total)}`,
      );
    case 'notApplicableRefused':
      return tr(
        '«Không áp dụng» không dùng được cho chỉ tiêu này (bộ tiêu chí không ghi «Có thể không áp dụng»); chọn «Đạt» hoặc «Chưa đạt»',
        '«Không áp dụng» (not applicable) is not accepted for this indicator (the rubric does not mark it «Có thể không áp dụng»); choose «Đạt» or «Chưa đạt»',
      );
    case 'notApplicableCarries':
      return tr(
        `mức độ 1 đã ghi «Không áp dụng», nên mức độ 2 cũng không áp dụng: để trống hoặc ghi «Không áp dụng», không phải «${problem.text}»`,
        `level 1 says «Không áp dụng» (not applicable), so level 2 does not apply either: leave it blank or write «Không áp dụng», not «${problem.text}»`,
      );
    case 'level2WithoutLevel1':
      return tr(
        'mức độ 2 ghi «Đạt» nhưng mức độ 1 «Chưa đạt»: mức độ 2 chỉ đạt khi đã đạt mức độ 1; hãy kiểm tra lại',
        'level 2 says «Đạt» (met) but level 1 «Chưa đạt» (not met): level 2 is met only on top of level 1; check both',
      );
    case 'notYesNo':
      return tr(
        `«${problem.text}» không phải «Có» hay «Không»`,
        `«${problem.text}» is neither «Có» (yes) nor «Không» (no)`,
      );
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
  return `${where}, ${tr('chỉ tiêu', 'indicator')} ${code}${partName(part)}: ${describeIndicatorProblem(problem, part)}.`;
}

const FORMULA_ERROR_PREFIXES = ['Lỗi ở dòng ', 'Error in row '];

export function isFormulaError(value: unknown): boolean {
  return (
    typeof value === 'string' && FORMULA_ERROR_PREFIXES.some((prefix) => value.startsWith(prefix))
  );
}

/** "Lỗi ở dòng 3 của vùng" / "Error in row 3 of the range": a formula cannot know its own cell. */
function inRow(row: number): string {
  return tr(`Lỗi ở dòng ${row} của vùng`, `Error in row ${row} of the range`);
}

export const MESSAGES = {
  emptyRow: () => tr('Chưa nhập điểm mục nào.', 'No item score entered yet.'),
  emptyLevelsRow: () => tr('Chưa nhập chỉ tiêu nào.', 'No indicator entered yet.'),
  missingEvidence: (where: string, code: string) =>
    tr(
      `${where}: mục/chỉ tiêu ${code} bắt buộc có minh chứng (đường dẫn hoặc ghi chú).`,
      `${where}: item/indicator ${code} requires evidence (a link or a note).`,
    ),
  reviewNeedsReason: (where: string) =>
    tr(
      `${where}: giá trị thẩm định khác giá trị tự đánh giá; cần ghi lý do điều chỉnh.`,
      `${where}: the reviewed values differ from the self-assessment; a reason for the adjustment is needed.`,
    ),
  badRecognition: (where: string, text: string) =>
    tr(
      `${where}: ${text}; ghi mức «Mức độ 1» hoặc «Mức độ 2» và ngày quyết định dạng ngày/tháng/năm, ví dụ 15/03/2025.`,
      `${where}: ${text}; write the level as «Mức độ 1» or «Mức độ 2» and the decision date as day/month/year, e.g. 15/03/2025.`,
    ),
  unknownRecognizedLevel: (text: string) =>
    tr(`mức đã công nhận «${text}» không rõ`, `the recognised level «${text}» is not clear`),
  missingRecognitionDate: (level: string) =>
    tr(`chưa ghi ngày công nhận «${level}»`, `the date «${level}» was recognised is not written`),
  badRecognitionDate: () =>
    tr(
      'ngày công nhận không đúng dạng ngày/tháng/năm',
      'the recognition date is not a day/month/year date',
    ),
  belowMinimum: (band: string, criteria: readonly string[], zeroRule = false) =>
    zeroRule
      ? tr(
          `Xếp loại «${band}» vì tiêu chí ${criteria.join(', ')} bị điểm 0 (mỗi xếp loại trên đòi hỏi không có tiêu chí bị điểm 0).`,
          `Band «${band}» because criterion ${criteria.join(', ')} scores 0 (each band above requires no criterion at 0).`,
        )
      : tr(
          `Xếp loại «${band}» vì tiêu chí ${criteria.join(', ')} dưới điểm tối thiểu.`,
          `Band «${band}» because criterion ${criteria.join(', ')} is below its minimum.`,
        ),
  notApplicable: (codes: readonly string[]) =>
    tr(`Không áp dụng: ${codes.join(', ')}.`, `Not applicable: ${codes.join(', ')}.`),
  formulaNeedsItems: (id: string) =>
    tr(
      `«${id}» có điểm tối thiểu cho tiêu chí (hoặc không cho phép tiêu chí bị điểm 0): xếp loại cần điểm từng tiêu chí, hãy dùng XHHT → Chấm điểm tất cả.`,
      `«${id}» has minimum points per criterion (or no criterion may score 0): its band needs each criterion’s points, use XHHT → Score all.`,
    ),
  unmetAt: (level: number, codes: readonly string[]) =>
    tr(
      `Chưa đạt mức độ ${level}: ${codes.join(', ')}.`,
      `Not met for level ${level}: ${codes.join(', ')}.`,
    ),
  missingUnitCode: (where: string) =>
    tr(
      `${where}: có điểm nhưng thiếu mã đơn vị.`,
      `${where}: scores are entered but the unit code is missing.`,
    ),
  duplicateUnitCode: (where: string, code: string, firstRow: number) =>
    tr(
      `${where}: mã đơn vị «${code}» trùng với dòng ${firstRow}; mỗi đơn vị chỉ chấm ở một dòng.`,
      `${where}: unit code «${code}» repeats row ${firstRow}; each unit is scored on one row only.`,
    ),
  unknownRubric: (id: string, known: readonly string[]) =>
    tr(
      `Không có bộ tiêu chí «${id}». Các mã hợp lệ: ${known.join(', ')}.`,
      `There is no rubric «${id}». Valid ids: ${known.join(', ')}.`,
    ),
  formulaRowError: (row: number, column: number, text: string) =>
    tr(
      `Lỗi ở dòng ${row}, cột ${column} của vùng: ${text}`,
      `Error in row ${row}, column ${column} of the range: ${text}`,
    ),
  formulaItemError: (
    row: number,
    code: string,
    text: string,
    noun: 'item' | 'indicator' = 'item',
  ) =>
    `${inRow(row)}, ${noun === 'item' ? tr('mục', 'item') : tr('chỉ tiêu', 'indicator')} ${code}: ${text}`,
  formulaTotalOutOfRange: (row: number, total: number, max: number) =>
    `${inRow(row)}: ${tr(
      `tổng ${formatNumber(total)} nằm ngoài khoảng 0 đến ${formatNumber(max)}`,
      `the total ${formatNumber(total)} is outside 0 to ${formatNumber(max)}`,
    )}`,
  formulaWrongMethod: (formula: string, id: string, method: 'points' | 'levels') =>
    method === 'levels'
      ? tr(
          `${formula} dùng cho bộ tiêu chí chấm điểm; «${id}» đánh giá theo mức độ, hãy dùng XHHT_MUCDO.`,
          `${formula} is for points rubrics; «${id}» assesses levels, use XHHT_MUCDO.`,
        )
      : tr(
          `${formula} dùng cho bộ tiêu chí theo mức độ; «${id}» chấm theo thang điểm, hãy dùng XHHT_TONG và XHHT_XEPLOAI.`,
          `${formula} is for levels rubrics; «${id}» is scored in points, use XHHT_TONG and XHHT_XEPLOAI.`,
        ),
  rubricIncomplete: (id: string, where: readonly string[]) => {
    const listed = `${where.slice(0, 3).join('; ')}${where.length > 3 ? '; …' : ''}`;
    return tr(
      `Bộ tiêu chí «${id}» còn ${where.length} giá trị cần bổ sung ở trang «Tiêu chí» (${listed}).`,
      `Rubric «${id}» still has ${plural(where.length, 'value', 'values')} to complete in the «Tiêu chí» sheet (${listed}).`,
    );
  },
  rubricNeedsFixing: (id: string, problem: string) =>
    tr(
      `Bộ tiêu chí «${id}» ở trang «Tiêu chí» cần sửa: ${problem}`,
      `Rubric «${id}» in the «Tiêu chí» sheet needs fixing: ${problem}`,
    ),
  formulaWrongWidth: (row: number, width: number, expected: number) =>
    `${inRow(row)}: ${tr(
      `vùng có ${width} cột nhưng bộ tiêu chí cần ${expected} cột nhập liệu`,
      `the range has ${width} columns but the rubric needs ${expected} input columns`,
    )}`,
  formulaBadDate: (row: number, text: string) =>
    `${inRow(row)}: ${tr(`ngày «${text}» không đúng dạng ngày/tháng/năm`, `«${text}» is not a day/month/year date`)}`,
  formulaNeedsOneColumn: (name: string) =>
    tr(
      `${name} cần một ô hoặc một cột; vùng đã chọn có nhiều cột.`,
      `${name} takes one cell or one column; the range has several columns.`,
    ),
} as const;
