import type { MenuItem } from './ports';

export const MENU_TITLE = 'XHHT';

/** The menu: each handler is a global function exported by src/gas/index.ts. */
export const MENU_ITEMS: readonly (MenuItem | null)[] = [
  { label: 'Khởi tạo bảng tính', handler: 'xhhtSetUp' },
  { label: 'Chấm điểm tất cả', handler: 'xhhtScoreAll' },
  null,
  { label: 'Giới thiệu XHHT Sheets', handler: 'xhhtAbout' },
];

export function menuHandlers(): string[] {
  return MENU_ITEMS.flatMap((item) => (item ? [item.handler] : []));
}
