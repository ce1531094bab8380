import { tr } from '../domain/i18n';
import type { MenuItem } from './ports';

export const MENU_TITLE = 'XHHT';

/** The menu in the current language: each handler is a global function of src/gas/index.ts. */
export function menuItems(): (MenuItem | null)[] {
  return [
    { label: tr('Khởi tạo bảng tính', 'Set up the spreadsheet'), handler: 'xhhtSetUp' },
    { label: tr('Chấm điểm tất cả', 'Score all'), handler: 'xhhtScoreAll' },
    null,
    { label: tr('Kiểm tra nhật ký', 'Check the audit log'), handler: 'xhhtCheckLog' },
    { label: tr('Giới thiệu XHHT Sheets', 'About XHHT Sheets'), handler: 'xhhtAbout' },
  ];
}

export function menuHandlers(): string[] {
  return menuItems().flatMap((item) => (item ? [item.handler] : []));
}
