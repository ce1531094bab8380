import { CRITERIA_SHEET, UNITS_SHEET } from './layout';
import type { ScoreAllReport } from './score-all';
import type { SetUpReport } from './set-up';

/** What an officer reads in the dialog at the end of a menu action. */

const MAX_LISTED_ERRORS = 5;

export function setUpNotice(report: SetUpReport): string {
  const lines = [`Đã khởi tạo bảng tính cho «${report.rubric.title}» (${report.rubric.id}).`];
  if (report.createdSheets.length > 0) lines.push(`Trang mới: ${report.createdSheets.join(', ')}.`);
  if (report.addedSettings > 0) lines.push(`Thêm ${report.addedSettings} dòng cài đặt.`);
  if (report.addedCriteriaRows > 0) lines.push(`Ghi ${report.addedCriteriaRows} dòng tiêu chí.`);
  lines.push(
    report.addedUnits > 0
      ? `Thêm ${report.addedUnits} đơn vị vào trang «${report.rubric.scoringSheet}».`
      : `Không có đơn vị mới trong trang «${UNITS_SHEET}».`,
  );
  if (report.addedCriteriaRows > 0) {
    lines.push(
      `Trang «${CRITERIA_SHEET}» ghi lại bộ tiêu chí để tra cứu; điểm được chấm theo bộ tiêu chí có sẵn ` +
        'của Thông tư (sửa trang này chưa làm thay đổi cách chấm).',
    );
  }
  lines.push('', 'Dữ liệu đã nhập không bị thay đổi.');
  lines.push(
    report.addedUnits > 0
      ? `Bước tiếp theo: nhập điểm từng mục ở trang «${report.rubric.scoringSheet}», rồi chọn XHHT → Chấm điểm tất cả.`
      : `Bước tiếp theo: dán danh sách đơn vị (mã, tên, huyện) vào trang «${UNITS_SHEET}», rồi chạy lại Khởi tạo bảng tính.`,
  );
  return lines.join('\n');
}

export function scoreAllNotice({ settings, sheets }: ScoreAllReport): string {
  const heading = `Năm đánh giá ${settings.year}${settings.province ? ` — ${settings.province}` : ''}.`;
  const parts = sheets.map(({ sheet, summary, errors }) => {
    const { total, bands } = summary;
    const scored = total.units - total.invalid - total.empty;
    const byBand = bands.map((band) => `${band} ${total.byBand.get(band) ?? 0}`).join(', ');
    const lines = [`Trang «${sheet}»: đã chấm ${scored}/${total.units} đơn vị — ${byBand}.`];
    if (total.empty > 0) lines.push(`${total.empty} đơn vị chưa nhập điểm.`);
    if (errors.length > 0) {
      lines.push(`${errors.length} dòng có lỗi, chưa được chấm (xem cột «Lỗi»):`);
      for (const error of errors.slice(0, MAX_LISTED_ERRORS))
        lines.push(`• ${error.message.split('\n')[0]}`);
      if (errors.length > MAX_LISTED_ERRORS)
        lines.push(`… và ${errors.length - MAX_LISTED_ERRORS} dòng khác.`);
    } else {
      lines.push('Không có dòng nào lỗi.');
    }
    return lines.join('\n');
  });
  return [heading, ...parts].join('\n\n');
}
