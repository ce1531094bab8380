import { normalizeText } from '../domain/cells';
import { MISSING_MARK } from './criteria-sheet';
import { SheetError } from './errors';
import { CRITERIA_SHEET, UNITS_SHEET } from './layout';
import type { ScoreAllReport } from './score-all';
import type { SetUpReport } from './set-up';

/** What an officer reads in the dialog at the end of a menu action. */

const MAX_LISTED = 5;

/** A list of cell-by-cell lines, at most `max` of them, then how many more. */
function listed(details: readonly string[], max: number): string[] {
  const lines = details.slice(0, max).map((detail) => `• ${detail.split('\n')[0]}`);
  if (details.length > max) lines.push(`… và ${details.length - max} dòng khác.`);
  return lines;
}

export function setUpNotice(report: SetUpReport): string {
  const { rubric } = report;
  const lines = [`Đã khởi tạo bảng tính cho «${rubric.title}» (${rubric.id}).`];
  if (report.createdSheets.length > 0) lines.push(`Trang mới: ${report.createdSheets.join(', ')}.`);
  if (report.addedSettings > 0) lines.push(`Thêm ${report.addedSettings} dòng cài đặt.`);
  if (report.addedCriteriaRows > 0)
    lines.push(
      `Ghi ${report.addedCriteriaRows} dòng của bộ tiêu chí vào trang «${CRITERIA_SHEET}».`,
    );
  lines.push(
    report.addedUnits > 0
      ? `Thêm ${report.addedUnits} đơn vị vào trang «${rubric.scoringSheet}».`
      : `Không có đơn vị mới trong trang «${UNITS_SHEET}».`,
  );
  if (report.missing.length > 0) {
    lines.push(
      '',
      `Bộ tiêu chí còn ${report.missing.length} giá trị ghi «${MISSING_MARK}» mà văn bản tìm được chưa nêu. ` +
        `Hãy nhập theo bản chính thức của tỉnh ở trang «${CRITERIA_SHEET}»; trước đó XHHT chưa chấm bộ tiêu chí này:`,
      ...listed(report.missing, MAX_LISTED),
    );
  }
  lines.push('', 'Dữ liệu đã nhập không bị thay đổi.');
  const input =
    rubric.method === 'points'
      ? 'nhập điểm từng mục'
      : 'chọn Đạt/Chưa đạt hoặc nhập số người cho từng chỉ tiêu';
  lines.push(
    report.addedUnits > 0
      ? `Bước tiếp theo: ${input} ở trang «${rubric.scoringSheet}», rồi chọn XHHT → Chấm điểm tất cả.`
      : `Bước tiếp theo: dán danh sách đơn vị (mã, tên, huyện) vào trang «${UNITS_SHEET}», rồi chạy lại Khởi tạo bảng tính.`,
  );
  return lines.join('\n');
}

export function scoreAllNotice({ settings, sheets, refused }: ScoreAllReport): string {
  const heading = `Năm đánh giá ${settings.year}${settings.province ? ` — ${settings.province}` : ''}.`;
  const parts = sheets.map(({ sheet, summary, errors }) => {
    const { total, bands } = summary;
    const scored = total.units - total.invalid - total.empty;
    const byBand = bands.map((band) => `${band} ${total.byBand.get(band) ?? 0}`).join(', ');
    const lines = [`Trang «${sheet}»: đã chấm ${scored}/${total.units} đơn vị — ${byBand}.`];
    if (total.empty > 0) lines.push(`${total.empty} đơn vị chưa nhập.`);
    if (errors.length > 0) {
      lines.push(
        `${errors.length} dòng có lỗi, chưa được chấm (xem cột «Lỗi»):`,
        ...listed(
          errors.map((e) => e.message),
          MAX_LISTED,
        ),
      );
    } else {
      lines.push('Không có dòng nào lỗi.');
    }
    return lines.join('\n');
  });
  const refusals = refused.map(({ rubricId, reason, details }) =>
    [
      reason === 'missing'
        ? `Bộ tiêu chí «${rubricId}» chưa được chấm: còn ${details.length} giá trị ghi «${MISSING_MARK}» ở trang «${CRITERIA_SHEET}»:`
        : `Bộ tiêu chí «${rubricId}» ở trang «${CRITERIA_SHEET}» cần sửa (các trang chấm của nó chưa được chấm):`,
      ...listed(details, MAX_LISTED),
    ].join('\n'),
  );
  return [heading, ...parts, ...refusals].join('\n\n');
}

/** One rubric set-up can use, as the prompt lists it. */
export interface SetUpChoice {
  readonly id: string;
  readonly title: string;
  /** Values still to enter before it can score. */
  readonly missing: number;
}

export function setUpQuestion(choices: readonly SetUpChoice[], defaultId: string): string {
  const lines = choices.map((choice, i) => {
    const todo = choice.missing > 0 ? ` — còn ${choice.missing} giá trị cần bổ sung` : '';
    return `${i + 1}. ${choice.id}: ${choice.title}${todo}`;
  });
  return [
    'Tạo trang chấm điểm cho bộ tiêu chí nào? Gõ số thứ tự hoặc mã; để trống để dùng bộ tiêu chí mặc định',
    `(${defaultId}).`,
    '',
    ...lines,
  ].join('\n');
}

/** The rubric id an answer to the set-up question names. */
export function chooseRubric(
  answer: string,
  choices: readonly SetUpChoice[],
  defaultId: string,
): string {
  const typed = normalizeText(answer);
  if (typed === '') return defaultId;
  const byNumber = /^\d+$/.test(typed) ? choices[Number(typed) - 1] : undefined;
  const byId = choices.find((choice) => choice.id === typed.toUpperCase());
  const chosen = byNumber ?? byId;
  if (!chosen) {
    throw new SheetError(
      `Không hiểu lựa chọn «${typed}»: hãy gõ một số từ 1 đến ${choices.length} hoặc một mã bộ tiêu chí.`,
    );
  }
  return chosen.id;
}
