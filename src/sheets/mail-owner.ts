import { cellText, textKey } from '../domain/cells';
import { tr } from '../domain/i18n';
import { SETTINGS_COLUMNS, SETTINGS_SHEET } from './layout';
import type { IdentityPort, StorePort, WorkbookPort } from './ports';
import { columnOf, locateRequired } from './table';

/**
 * Automatic mail has one owner. A time trigger runs as the account that installed it, and no account
 * can see or delete another's triggers; so the owner is recorded in the document properties, every
 * trigger run by another account exits at once, and turning mail off is a document-level switch any
 * administrator can set and every trigger reads.
 */

/** The email of the account whose triggers send the mail. */
export const MAIL_OWNER_KEY = 'xhht.mail.owner';
/** 'on' or 'off': the document-level switch of automatic mail. */
export const MAIL_SWITCH_KEY = 'xhht.mail.switch';
/**
 * 'hourly' once the owner's one hourly trigger is installed (this version); absent while the owner's
 * triggers are still those of an earlier version (every 10 minutes and daily), until they retire.
 */
export const MAIL_SCHEDULE_KEY = 'xhht.mail.schedule';
export const HOURLY_SCHEDULE = 'hourly';
/** The settings sheet's row that shows the owner (information only: set by the mail actions). */
export const MAIL_OWNER_ROW = 'guiThuTuDong';

export interface MailOwnership {
  readonly on: boolean;
  readonly owner: string;
  /** The owner's triggers are an earlier version's (every 10 minutes and daily), not yet hourly. */
  readonly former?: boolean;
}

export function mailOwnership(store: StorePort): MailOwnership {
  const on = store.get(MAIL_SWITCH_KEY) !== 'off' && (store.get(MAIL_OWNER_KEY) ?? '') !== '';
  return {
    on,
    owner: store.get(MAIL_OWNER_KEY) ?? '',
    former: on && store.get(MAIL_SCHEDULE_KEY) !== HOURLY_SCHEDULE,
  };
}

/**
 * Whether a trigger run may do its work: mail is on and this run's account owns it. A workbook whose
 * mail an earlier version turned on has no owner recorded: the first trigger to run claims it, and the
 * triggers of any other account exit from then on.
 */
export function triggerMayRun(store: StorePort, identity: IdentityPort): boolean {
  const runner = (identity.runnerEmail?.() ?? identity.activeUserEmail()).trim();
  if (runner === '' || store.get(MAIL_SWITCH_KEY) === 'off') return false;
  const owner = store.get(MAIL_OWNER_KEY) ?? '';
  if (owner === '') {
    store.set(MAIL_OWNER_KEY, runner);
    store.set(MAIL_SWITCH_KEY, 'on');
    return true;
  }
  return textKey(owner) === textKey(runner);
}

/**
 * Shows who sends automatic mail in the settings sheet, on a row of its own (added at the end when
 * absent). The row is information, not a setting: reading the settings skips it.
 */
export function showMailOwner(workbook: WorkbookPort, ownership: MailOwnership): void {
  const sheet = workbook.sheet(SETTINGS_SHEET);
  if (!sheet) return;
  const [header = [], ...rows] = sheet.readValues();
  const located = locateRequired(SETTINGS_SHEET, header, SETTINGS_COLUMNS);
  const at = (key: string) => located.columns.get(key);
  const keyColumn = columnOf(located, 'key');
  const found = rows.findIndex((row) => textKey(row[keyColumn - 1]) === textKey(MAIL_OWNER_ROW));
  const row = (found < 0 ? rows.length : found) + 2;
  const value = ownership.on
    ? ownership.owner
    : tr(
        `Tắt${ownership.owner ? ` (lịch cũ của ${ownership.owner} không còn chạy)` : ''}`,
        `Off${ownership.owner ? ` (${ownership.owner}'s old schedules no longer run)` : ''}`,
      );
  const cells: [string | undefined, string][] = [
    ['key', MAIL_OWNER_ROW],
    ['label', tr('Tài khoản gửi thư tự động', 'Account sending automatic mail')],
    ['value', value],
    [
      'note',
      ownership.former
        ? tr(
            `Lịch cũ của ${ownership.owner} (10 phút một lần và hằng ngày) tự chuyển sang một lịch mỗi giờ ở lần chạy tới; nếu dòng này vẫn còn ghi vậy, ${ownership.owner} chọn «Bật gửi thư tự động». Do XHHT ghi; sửa ô này không đổi gì.`,
            `${ownership.owner}'s former schedules (every 10 minutes and daily) turn into one hourly schedule at their next run; if this row still says so, ${ownership.owner} chooses «Bật gửi thư tự động». Written by XHHT; editing it changes nothing.`,
          )
        : tr(
            'Do XHHT ghi khi quản trị viên bật hay tắt gửi thư tự động; sửa ô này không đổi gì.',
            'Written by XHHT when an administrator turns automatic mail on or off; editing it changes nothing.',
          ),
    ],
  ];
  for (const [key, text] of cells) {
    const column = key ? at(key) : undefined;
    if (column && cellText(rows[row - 2]?.[column - 1]) !== text)
      sheet.writeValues(row, column, [[text]]);
  }
}
