import { tr } from '../domain/i18n';
import type { MenuItem } from './ports';

export const MENU_TITLE = 'XHHT';

/** The menu in the current language: each handler is a global function of src/gas/index.ts. */
export function menuItems(): (MenuItem | null)[] {
  return [
    { label: tr('Khởi tạo bảng tính', 'Set up the spreadsheet'), handler: 'xhhtSetUp' },
    { label: tr('Chấm điểm tất cả', 'Score all'), handler: 'xhhtScoreAll' },
    null,
    { label: tr('Đăng ký', 'Register'), handler: 'xhhtRegister' },
    { label: tr('Gửi lên cấp trên', 'Submit'), handler: 'xhhtSubmit' },
    { label: tr('Duyệt', 'Approve'), handler: 'xhhtApprove' },
    { label: tr('Công nhận', 'Recognise'), handler: 'xhhtRecognise' },
    { label: tr('Trả lại', 'Return'), handler: 'xhhtReturn' },
    { label: tr('Không công nhận', 'Refuse'), handler: 'xhhtRefuse' },
    {
      label: tr('Thu hồi / hủy công nhận', 'Revoke / cancel a recognition'),
      handler: 'xhhtRevoke',
    },
    {
      label: tr('Hoàn tác bước gần nhất (quản trị)', 'Undo the latest step (admin)'),
      handler: 'xhhtRevert',
    },
    {
      label: tr('Xác nhận bước ngoại tuyến', 'Confirm an offline step'),
      handler: 'xhhtConfirmOffline',
    },
    {
      label: tr('Khôi phục ô từ nhật ký (quản trị)', 'Restore the cells from the log (admin)'),
      handler: 'xhhtRestoreFromLog',
    },
    null,
    {
      label: tr('Đơn vị đang chọn và việc của tôi', 'Selected unit and my work'),
      handler: 'xhhtSidebar',
    },
    {
      label: tr('Nhập công nhận trước đây (quản trị)', 'Import earlier recognitions (admin)'),
      handler: 'xhhtImportRecognitions',
    },
    {
      label: tr('Xuất danh sách đã công nhận', 'Export the recognised units'),
      handler: 'xhhtExportRecognised',
    },
    {
      label: tr('Xem trước báo cáo tổng hợp', 'Preview the summary report'),
      handler: 'xhhtPreviewSummary',
    },
    {
      label: tr('Gửi báo cáo tổng hợp ngay', 'Send the summary report now'),
      handler: 'xhhtSendSummary',
    },
    {
      label: tr('Gửi thư trong hộp thư đi (quản trị)', 'Send the queued mail (admin)'),
      handler: 'xhhtSendMail',
    },
    {
      label: tr('Bật gửi thư tự động (quản trị)', 'Turn automatic mail on (admin)'),
      handler: 'xhhtInstallMailTriggers',
    },
    {
      label: tr('Tắt gửi thư tự động (quản trị)', 'Turn automatic mail off (admin)'),
      handler: 'xhhtRemoveMailTriggers',
    },
    { label: tr('Kiểm tra nhật ký', 'Check the audit log'), handler: 'xhhtCheckLog' },
    {
      label: tr('Kiểm tra nhật ký theo mã đầu chuỗi', 'Check the audit log against a chain head'),
      handler: 'xhhtCheckLogHead',
    },
    {
      label: tr('Nhập kết quả ngoại tuyến (quản trị)', 'Import offline results (admin)'),
      handler: 'xhhtImportOffline',
    },
    {
      label: tr(
        'Nhận các dòng nhật ký chưa lưu giữ (quản trị)',
        'Accept log rows not yet kept (admin)',
      ),
      handler: 'xhhtAcceptLogRows',
    },
    {
      label: tr('Xác nhận danh sách người dùng (quản trị)', 'Confirm the people list (admin)'),
      handler: 'xhhtConfirmPeople',
    },
    {
      label: tr('Bắt đầu lại chuỗi nhật ký (quản trị)', 'Restart the audit chain (admin)'),
      handler: 'xhhtRestartLog',
    },
    {
      label: tr(
        'Lưu trữ thư đã gửi và nhật ký năm cũ (quản trị)',
        'Archive sent mail and a closed year’s log (admin)',
      ),
      handler: 'xhhtArchive',
    },
    { label: tr('Giới thiệu XHHT Sheets', 'About XHHT Sheets'), handler: 'xhhtAbout' },
  ];
}

export function menuHandlers(): string[] {
  return menuItems().flatMap((item) => (item ? [item.handler] : []));
}
