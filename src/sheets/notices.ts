import { normalizeText, textKey } from '../domain/cells';
import { plural, tr } from '../domain/i18n';
import { asksHardArea } from '../domain/rubric';
import { actionLabel } from '../domain/workflow';
import type { ActReport } from './act';
import { CONFIRM_MARK, MISSING_MARK, type ToConfirm } from './criteria-sheet';
import { SheetError } from './errors';
import {
  CRITERIA_SHEET,
  HARD_AREA_HEADER,
  REGISTER_SHEET,
  SETTINGS_SHEET,
  UNITS_SHEET,
} from './layout';
import { awaitingText } from './protection';
import type { RefusedRubric, ScoreAllReport } from './score-all';
import { CRITERIA_ARCHIVE_SHEET, type SetUpReport } from './set-up';
import { SET_ASIDE_MARK } from './table';

/** What an officer reads in the dialog at the end of a menu action. */

const MAX_LISTED = 5;

/** A list of cell-by-cell lines, at most `max` of them, then how many more. */
function listed(details: readonly string[], max: number): string[] {
  const lines = details.slice(0, max).map((detail) => `• ${detail.split('\n')[0]}`);
  if (details.length > max)
    lines.push(
      tr(`… và ${details.length - max} dòng khác.`, `… and ${details.length - max} more.`),
    );
  return lines;
}

/** What set-up asks about ladders no text names (each «Cần xác nhận» row, with its cell). */
export function confirmQuestion(cells: readonly ToConfirm[]): string {
  return [
    tr(
      `Chưa có văn bản nêu ai quyết định công nhận theo ${cells.length === 1 ? 'các cấp' : `${cells.length} dòng các cấp`} dưới đây; XHHT ghi đề xuất và đánh dấu «${CONFIRM_MARK}»:`,
      `No text found names who decides under the ${cells.length === 1 ? 'ladder' : `${cells.length} ladders`} below; XHHT wrote a proposal marked «${CONFIRM_MARK}»:`,
    ),
    ...listed(
      cells.map((cell) => cell.text),
      MAX_LISTED,
    ),
    '',
    tr(
      `Gõ «đồng ý» nếu tỉnh xác nhận đúng như vậy (theo văn bản hướng dẫn của tỉnh). Để trống hoặc bấm Hủy để giữ «${CONFIRM_MARK}»: các cấp vẫn dùng được, được ghi rõ là chưa xác nhận; sửa sau ở trang «${CRITERIA_SHEET}» (cột «Ngưỡng / giá trị» và «Xác nhận»).`,
      `Type «đồng ý» (agree) if the province confirms it (from its guidance). Leave it empty or press Cancel to keep «${CONFIRM_MARK}»: the ladder still works, marked unconfirmed; change it later in sheet «${CRITERIA_SHEET}» (columns «Ngưỡng / giá trị» and «Xác nhận»).`,
    ),
  ].join('\n');
}

/** «đồng ý» (or «dong y», «ok», «yes»), in any case. */
export function isConfirmation(answer: string): boolean {
  return ['đồng ý', 'dong y', 'ok', 'yes', 'agree'].includes(textKey(answer));
}

export function setUpNotice(report: SetUpReport, confirmed = 0): string {
  const { rubric } = report;
  const lines = [
    tr(
      `Đã khởi tạo bảng tính cho «${rubric.title}» (${rubric.id}).`,
      `Set up for «${rubric.title}» (${rubric.id}).`,
    ),
  ];
  if (report.createdSheets.length > 0) {
    lines.push(
      tr(
        `Trang mới: ${report.createdSheets.join(', ')}.`,
        `New sheets: ${report.createdSheets.join(', ')}.`,
      ),
    );
  }
  if (report.addedSettings > 0) {
    lines.push(
      tr(
        `Thêm ${report.addedSettings} dòng cài đặt.`,
        `Added ${plural(report.addedSettings, 'setting row', 'setting rows')}.`,
      ),
    );
  }
  if (report.migratedRecognitions > 0)
    lines.push(
      tr(
        `Chuyển ${report.migratedRecognitions} công nhận ghi trước đây (cột «Mức đã công nhận»/«Ngày công nhận» của trang «${UNITS_SHEET}», dòng đã công nhận của trang chấm điểm) sang trang «${REGISTER_SHEET}»; các cột cũ giữ nguyên nhưng không còn được đọc.`,
        `Moved ${report.migratedRecognitions} earlier recognitions (the «Mức đã công nhận»/«Ngày công nhận» columns of «${UNITS_SHEET}», rows recognised on the scoring sheet) to «${REGISTER_SHEET}»; the old columns stay as they are but are no longer read.`,
      ),
    );
  lines.push(...report.registerProblems);
  if (report.historical) {
    const { note, instead } = report.historical;
    lines.push(
      tr(
        `Lưu ý: «${rubric.title}» ${note ? `đã ${note}` : 'không áp dụng cho năm này'}; năm đánh giá ${report.year} ${instead ? `dùng «${instead.title}» (${instead.id})` : 'dùng bộ tiêu chí đang có hiệu lực'}. Bộ tiêu chí này chỉ để xem lại hồ sơ các năm trước.`,
        `Note: «${rubric.title}» is historical${note ? ` (${note})` : ''}; assessment year ${report.year} uses ${instead ? `«${instead.title}» (${instead.id})` : 'the rubric in force'}. This rubric is for earlier years' records.`,
      ),
    );
  }
  if (report.archivedCriteriaRows > 0)
    lines.push(
      tr(
        `Bộ tiêu chí ở trang «${CRITERIA_SHEET}» do phiên bản trước ghi đã được thay bằng nội dung theo văn bản; ${report.archivedCriteriaRows} dòng cũ (kể cả giá trị tỉnh đã nhập) được chép nguyên vào trang «${CRITERIA_ARCHIVE_SHEET}».`,
        `The rubric rows an earlier version wrote in sheet «${CRITERIA_SHEET}» were replaced by the legal text as it now reads; the ${report.archivedCriteriaRows} earlier rows (with any values the province typed) were copied as they were to sheet «${CRITERIA_ARCHIVE_SHEET}».`,
      ),
    );
  if (report.setAside.length > 0) {
    lines.push(
      tr(
        `Trang «${rubric.scoringSheet}» có ${report.setAside.length} cột theo cách ghi cũ của bộ tiêu chí; các cột này được đổi tên thành «${SET_ASIDE_MARK} …», dữ liệu giữ nguyên và không còn được đọc:`,
        `Sheet «${rubric.scoringSheet}» had ${report.setAside.length} columns of the rubric's earlier layout; they were renamed «${SET_ASIDE_MARK} …», their data kept and no longer read:`,
      ),
      ...listed(report.setAside, MAX_LISTED),
    );
    if (report.carried > 0)
      lines.push(
        tr(
          `Đã chép ${report.carried} câu trả lời sang cột mới (nơi mức 1 và mức 2 ghi như nhau, hoặc mức 1 chưa đạt).`,
          `Copied ${report.carried} answers into the new columns (where level 1 and level 2 said the same, or level 1 was not met).`,
        ),
      );
    if (report.leftToRetype.length > 0)
      lines.push(
        tr(
          `Cần nhập lại (hai mức ghi khác nhau): ${report.leftToRetype.length} ô:`,
          `To type again (the two levels differed): ${report.leftToRetype.length} cells:`,
        ),
        ...listed(report.leftToRetype, MAX_LISTED),
      );
  }
  if (report.addedCriteriaRows > 0 && report.archivedCriteriaRows === 0)
    lines.push(
      tr(
        `Ghi ${report.addedCriteriaRows} dòng của bộ tiêu chí vào trang «${CRITERIA_SHEET}».`,
        `Wrote ${plural(report.addedCriteriaRows, 'row', 'rows')} of the rubric into sheet «${CRITERIA_SHEET}».`,
      ),
    );
  lines.push(
    report.addedUnits > 0
      ? tr(
          `Thêm ${report.addedUnits} đơn vị vào trang «${rubric.scoringSheet}».`,
          `Added ${plural(report.addedUnits, 'unit', 'units')} to sheet «${rubric.scoringSheet}».`,
        )
      : tr(
          `Không có đơn vị mới trong trang «${UNITS_SHEET}».`,
          `No new unit in sheet «${UNITS_SHEET}».`,
        ),
  );
  if (report.missing.length > 0) {
    lines.push(
      '',
      tr(
        `Bộ tiêu chí còn ${report.missing.length} giá trị ghi «${MISSING_MARK}» mà văn bản tìm được chưa nêu. ` +
          `Hãy nhập theo bản chính thức của tỉnh ở trang «${CRITERIA_SHEET}»; trước đó XHHT chưa chấm bộ tiêu chí này:`,
        `The rubric still has ${plural(report.missing.length, 'value', 'values')} marked «${MISSING_MARK}» that the texts found do not give. ` +
          `Enter them from the province's official copy in sheet «${CRITERIA_SHEET}»; until then XHHT does not score this rubric:`,
      ),
      ...listed(report.missing, MAX_LISTED),
    );
  }
  if (report.addedProcedureRows > 0) {
    lines.push(
      '',
      tr(
        `Thêm ${report.addedProcedureRows} dòng quy trình (các cấp theo ngày, hạn nộp hồ sơ, hạn quyết định) cho «${rubric.id}» ở trang «${CRITERIA_SHEET}»; đơn vị đã gửi trước đó vẫn theo các cấp cũ.`,
        `Added ${report.addedProcedureRows} procedure rows (dated ladders, deadlines) for «${rubric.id}» in sheet «${CRITERIA_SHEET}»; units already submitted keep their former ladder.`,
      ),
    );
  }
  if (report.movedSettings.length > 0) {
    lines.push(
      tr(
        `Hạn đã ghi ở trang «${SETTINGS_SHEET}» (${report.movedSettings.join(', ')}) được chép sang các dòng hạn của bộ tiêu chí; dòng cài đặt cũ giữ nguyên giá trị nhưng không còn dùng.`,
        `The deadlines typed in sheet «${SETTINGS_SHEET}» (${report.movedSettings.join(', ')}) were copied into the rubric's deadline rows; the old setting rows keep their values but are no longer read.`,
      ),
    );
  }
  if (report.deadlinesToEnter.length > 0) {
    lines.push(
      '',
      tr(
        `Văn bản chưa nêu ngày của ${report.deadlinesToEnter.length} hạn; chưa nhập thì XHHT không báo quá hạn đó:`,
        `The texts give no date for ${report.deadlinesToEnter.length} deadlines; until entered, XHHT reports none of them overdue:`,
      ),
      ...listed(report.deadlinesToEnter, MAX_LISTED),
    );
  }
  const pending = report.confirm.length - confirmed;
  if (confirmed > 0) {
    lines.push(
      '',
      tr(
        `Đã ghi xác nhận cho ${confirmed} dòng các cấp ở trang «${CRITERIA_SHEET}».`,
        `Recorded the confirmation of ${confirmed} ladder rows in sheet «${CRITERIA_SHEET}».`,
      ),
    );
  } else if (pending > 0) {
    lines.push(
      '',
      tr(
        `${pending} dòng các cấp còn «${CONFIRM_MARK}» (chưa có văn bản nêu người quyết định); quyết định theo các cấp đó được ghi rõ là chưa xác nhận:`,
        `${pending} ladder rows are still «${CONFIRM_MARK}» (no text names the decider); decisions under them are logged as unconfirmed:`,
      ),
      ...listed(
        report.confirm.map((cell) => cell.text),
        MAX_LISTED,
      ),
    );
  }
  if (asksHardArea(rubric))
    lines.push(
      tr(
        `Cột «${HARD_AREA_HEADER}» của trang «${rubric.scoringSheet}»: ghi «Có» cho xã thuộc vùng khó khăn (ngưỡng thấp hơn ở chỉ tiêu 5.2), để trống hoặc «Không» cho xã khác.`,
        `Column «${HARD_AREA_HEADER}» of sheet «${rubric.scoringSheet}»: «Có» for a commune in a difficult area (lower thresholds at indicator 5.2), blank or «Không» otherwise.`,
      ),
    );
  if (report.ownerNote) lines.push('', report.ownerNote);
  const awaiting = awaitingText(report.awaitingConfirmation ?? []);
  if (awaiting) lines.push('', awaiting);
  if (report.warnings.length > 0) {
    lines.push(
      '',
      tr(
        `Cần xem lại ${report.warnings.length} chỗ (chưa làm được như đã nhập):`,
        `${plural(report.warnings.length, 'thing', 'things')} to check (not done as typed):`,
      ),
      ...report.warnings.map((warning) => `• ${warning}`),
    );
  }
  lines.push('', tr('Dữ liệu đã nhập không bị thay đổi.', 'Nothing anyone typed was changed.'));
  const input =
    rubric.method === 'points'
      ? tr('nhập điểm từng mục', 'type each item’s score')
      : tr(
          'chọn Đạt/Chưa đạt hoặc nhập số người cho từng chỉ tiêu',
          'choose Đạt/Chưa đạt or type the numbers of people for each indicator',
        );
  lines.push(
    report.unitsInSheet > 0
      ? tr(
          rubric.method === 'points'
            ? `Bước tiếp theo: ${input} ở trang «${rubric.scoringSheet}», rồi chọn XHHT → Chấm điểm tất cả.`
            : `Bước tiếp theo: ${input} ở trang «${rubric.scoringSheet}», rồi chọn XHHT → Chấm điểm tất cả để đánh giá, tính kết quả (mức độ đạt).`,
          rubric.method === 'points'
            ? `Next: ${input} in sheet «${rubric.scoringSheet}», then choose XHHT → Score all.`
            : `Next: ${input} in sheet «${rubric.scoringSheet}», then choose XHHT → Score all to assess and compute the level reached.`,
        )
      : tr(
          `Bước tiếp theo: dán danh sách đơn vị (mã, tên, huyện) vào trang «${UNITS_SHEET}», rồi chạy lại Khởi tạo bảng tính.`,
          `Next: paste the units (code, name, district) into sheet «${UNITS_SHEET}», then run set-up again.`,
        ),
  );
  return lines.join('\n');
}

function refusalHeading(rubricId: string, reason: RefusedRubric['reason'], count: number): string {
  switch (reason) {
    case 'missing':
      return tr(
        `Bộ tiêu chí «${rubricId}» chưa được chấm: còn ${count} giá trị ghi «${MISSING_MARK}» ở trang «${CRITERIA_SHEET}»:`,
        `Rubric «${rubricId}» was not scored: ${plural(count, 'value is', 'values are')} still marked «${MISSING_MARK}» in sheet «${CRITERIA_SHEET}»:`,
      );
    case 'problems':
      return tr(
        `Bộ tiêu chí «${rubricId}» ở trang «${CRITERIA_SHEET}» cần sửa (các trang chấm của nó chưa được chấm):`,
        `Rubric «${rubricId}» in sheet «${CRITERIA_SHEET}» needs fixing (its scoring sheets were not scored):`,
      );
    case 'sheet':
      return tr(
        `Bộ tiêu chí «${rubricId}» chưa được chấm:`,
        `Rubric «${rubricId}» was not scored:`,
      );
    case 'noSheet':
      return tr(
        `Bộ tiêu chí «${rubricId}» chưa có trang chấm điểm: chạy XHHT → Khởi tạo bảng tính và chọn nó.`,
        `Rubric «${rubricId}» has no scoring sheet yet: run XHHT → Khởi tạo bảng tính (set up) and choose it.`,
      );
  }
}

/** The notice of a score-all run; `all` lists every problem rather than the first five of each kind. */
export function scoreAllNotice(
  { settings, sheets, refused, registerProblems = [] }: ScoreAllReport,
  all = false,
): string {
  const max = all ? Number.POSITIVE_INFINITY : MAX_LISTED;
  const province = settings.province ? ` — ${settings.province}` : '';
  const heading = tr(
    `Năm đánh giá ${settings.year}${province}.`,
    `Assessment year ${settings.year}${province}.`,
  );
  const parts = sheets.map(({ sheet, rubric, summary, errors }) => {
    const { total, bands } = summary;
    const scored = total.units - total.invalid - total.empty;
    const byBand = bands.map((band) => `${band} ${total.byBand.get(band) ?? 0}`).join(', ');
    const lines = [
      // A levels rubric has no points: its units are assessed («đánh giá, tính kết quả»), not scored.
      rubric.method === 'points'
        ? tr(
            `Trang «${sheet}»: đã chấm ${scored}/${total.units} đơn vị — ${byBand}.`,
            `Sheet «${sheet}»: scored ${scored}/${plural(total.units, 'unit', 'units')} — ${byBand}.`,
          )
        : tr(
            `Trang «${sheet}»: đã đánh giá, tính kết quả ${scored}/${total.units} đơn vị — ${byBand}.`,
            `Sheet «${sheet}»: assessed ${scored}/${plural(total.units, 'unit', 'units')} — ${byBand}.`,
          ),
    ];
    if (total.empty > 0)
      lines.push(
        tr(
          `${total.empty} đơn vị chưa nhập.`,
          `${plural(total.empty, 'unit', 'units')} not entered yet.`,
        ),
      );
    if (errors.length > 0) {
      lines.push(
        tr(
          `${errors.length} dòng có lỗi, chưa được chấm (xem cột «Lỗi»):`,
          `${plural(errors.length, 'row has an error and was', 'rows have errors and were')} not scored (see the «Lỗi» column):`,
        ),
        ...listed(
          errors.map((e) => e.message),
          max,
        ),
      );
    } else {
      lines.push(tr('Không có dòng nào lỗi.', 'No row has an error.'));
    }
    return lines.join('\n');
  });
  const refusals = refused.map(({ rubricId, reason, details }) =>
    [
      refusalHeading(rubricId, reason, details.length),
      // A sheet that cannot be read says why over several lines (the cause, then what to do).
      ...listed(reason === 'sheet' ? details.flatMap((d) => d.split('\n')) : details, max),
    ].join('\n'),
  );
  const register =
    registerProblems.length > 0
      ? [
          [
            tr(
              `${registerProblems.length} dòng của «${REGISTER_SHEET}» không đọc được, chưa được dùng:`,
              `${registerProblems.length} rows of «${REGISTER_SHEET}» cannot be read and are not used:`,
            ),
            ...listed(registerProblems, max),
          ].join('\n'),
        ]
      : [];
  return [heading, ...parts, ...refusals, ...register].join('\n\n');
}

/** One rubric set-up can use, as the prompt lists it. */
export interface SetUpChoice {
  readonly id: string;
  readonly title: string;
  /** Values still to enter before it can score. */
  readonly missing: number;
  /** «bãi bỏ từ …, thay bằng …» for a repealed text; empty for one in force. */
  readonly repealed?: string;
  /** False for a rubric whose text does not apply to the assessment year. */
  readonly inForce?: boolean;
}

/** The choices listed, those in force for the assessment year first (in the order given). */
export function setUpQuestion(
  choices: readonly SetUpChoice[],
  defaultId: string,
  year?: number,
): string {
  const lines = choices.map((choice, i) => {
    const todo =
      choice.missing > 0
        ? tr(
            ` — còn ${choice.missing} giá trị tỉnh cần nhập trước khi chấm`,
            ` — ${plural(choice.missing, 'value', 'values')} the province must enter before it scores`,
          )
        : '';
    const old = choice.repealed
      ? tr(` — văn bản cũ, ${choice.repealed}`, ` — historical, ${choice.repealed}`)
      : choice.inForce === false
        ? tr(' — không áp dụng cho năm đánh giá', ' — not for the assessment year')
        : '';
    return `${i + 1}. ${choice.id}: ${choice.title}${old}${todo}`;
  });
  const inForce = year === undefined ? [] : choices.filter((choice) => choice.inForce !== false);
  return [
    tr(
      `Tạo trang chấm điểm cho bộ tiêu chí nào? Gõ số thứ tự hoặc mã; để trống để dùng bộ tiêu chí mặc định (${defaultId}).`,
      `Which rubric should get a scoring sheet? Type its number or id; leave empty for the default rubric (${defaultId}).`,
    ),
    ...(year === undefined
      ? []
      : [
          tr(
            `Năm đánh giá ${year}: ${inForce.length} bộ tiêu chí đầu danh sách đang có hiệu lực.`,
            `Assessment year ${year}: the first ${inForce.length} rubrics are in force.`,
          ),
        ]),
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
      tr(
        `Không hiểu lựa chọn «${typed}»: hãy gõ một số từ 1 đến ${choices.length} hoặc một mã bộ tiêu chí.`,
        `«${typed}» is not a choice: type a number from 1 to ${choices.length} or a rubric id.`,
      ),
    );
  }
  return chosen.id;
}

export function actNotice(report: ActReport): string {
  const verb = actionLabel(report.action);
  const lines: string[] = [];
  if (report.done.length > 0) {
    lines.push(
      tr(
        `Đã «${verb}» ${report.done.length} đơn vị:`,
        `«${verb}» done for ${plural(report.done.length, 'unit', 'units')}:`,
      ),
      ...listed(
        report.done.map(({ code, to }) => `${code} → ${to}`),
        20,
      ),
    );
  }
  if (report.refused.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(
      tr(
        `Không thực hiện được với ${report.refused.length} đơn vị:`,
        `Not done for ${plural(report.refused.length, 'unit', 'units')}:`,
      ),
      ...listed(
        report.refused.map(({ code, reason }) => `${code}: ${reason}`),
        20,
      ),
    );
  }
  return (
    lines.join('\n') ||
    tr('Không có đơn vị nào trong các dòng đã chọn.', 'No unit in the selected rows.')
  );
}
