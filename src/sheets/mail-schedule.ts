import { textKey } from '../domain/cells';
import { tr } from '../domain/i18n';
import { HOURLY_SCHEDULE, MAIL_OWNER_KEY, MAIL_SCHEDULE_KEY, MAIL_SWITCH_KEY } from './mail-owner';
import type { IdentityPort, Schedule, StorePort, TriggersPort } from './ports';

/**
 * Automatic mail runs on one hourly trigger, in the bound script and in the Editor add-on alike: an
 * add-on may run a time trigger at most once an hour and keep one trigger of each kind per user and
 * document. Each run sends the outbox; the first run of a day from the «Giờ chạy việc hằng ngày» hour
 * on also does the daily work (the mail of a cut-off step, reminders, the summary when due, the log's
 * verification), and the document properties remember the day it was done.
 */

/** The global function the hourly trigger calls. */
export const HOURLY_HANDLER = 'xhhtHourlyMail';

export const MAIL_TRIGGERS: readonly { readonly handler: string; readonly schedule: Schedule }[] = [
  { handler: HOURLY_HANDLER, schedule: { every: 'hours', hours: 1 } },
];

/**
 * The handlers of earlier versions' triggers: every 10 minutes and daily at 7 (0.3), weekly (0.2).
 * Their globals stay, so that such a trigger still finds its function and retires itself.
 */
export const FORMER_MAIL_HANDLERS: readonly string[] = [
  'xhhtSendMailTimer',
  'xhhtDailyMail',
  'xhhtWeeklySummary',
];

/** Every handler of automatic mail, now or before: what turning mail on or off removes. */
export const MAIL_HANDLERS: readonly string[] = [HOURLY_HANDLER, ...FORMER_MAIL_HANDLERS];

/** The day (yyyy-mm-dd in the script's time zone) whose daily work is done. */
export const DAILY_DONE_KEY = 'xhht.mail.dailyDone';

/** The calendar day of `date` in the script's time zone (Asia/Ho_Chi_Minh), as yyyy-mm-dd. */
export function dayKey(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

export function markDailyWorkDone(store: StorePort, now: Date): void {
  store.set(DAILY_DONE_KEY, dayKey(now));
}

/** Installs the hourly trigger on the current account, removing any earlier mail trigger of it. */
export function installHourlyTrigger(store: StorePort, triggers: TriggersPort): void {
  triggers.remove(MAIL_HANDLERS);
  for (const { handler, schedule } of MAIL_TRIGGERS) triggers.install(handler, schedule);
  store.set(MAIL_SCHEDULE_KEY, HOURLY_SCHEDULE);
}

export interface Retired {
  /** How many triggers of earlier versions the current account had and no longer has. */
  readonly removed: number;
  /** Whether the hourly trigger took their place (the account sends automatic mail). */
  readonly installed: boolean;
}

/**
 * The migration to the hourly trigger, for the account running this (a trigger's owner, or whoever
 * runs set-up): its triggers of earlier versions are removed (no account can remove another's), and
 * when it is the account that sends automatic mail (or mail was turned on before an owner was
 * recorded, and the switch is not off) its one hourly trigger takes their place.
 */
export function retireFormerTriggers(ctx: {
  readonly store: StorePort;
  readonly identity: IdentityPort;
  readonly triggers: TriggersPort;
}): Retired {
  const mine = ctx.triggers.handlers();
  if (!mine.some((handler) => FORMER_MAIL_HANDLERS.includes(handler))) {
    return { removed: 0, installed: false };
  }
  const me = (ctx.identity.runnerEmail?.() ?? ctx.identity.activeUserEmail()).trim();
  const owner = ctx.store.get(MAIL_OWNER_KEY) ?? '';
  const off = ctx.store.get(MAIL_SWITCH_KEY) === 'off';
  const sends = !off && me !== '' && (owner === '' || textKey(owner) === textKey(me));
  if (sends) {
    const removed = mine.filter((handler) => FORMER_MAIL_HANDLERS.includes(handler)).length;
    installHourlyTrigger(ctx.store, ctx.triggers);
    return { removed, installed: true };
  }
  return { removed: ctx.triggers.remove(FORMER_MAIL_HANDLERS), installed: false };
}

/** What set-up says after a migration of the current account's triggers ('' when nothing changed). */
export function retiredNotice(retired: Retired): string {
  if (retired.removed === 0) return '';
  return retired.installed
    ? tr(
        `Đã thay ${retired.removed} lịch gửi thư cũ của bạn (10 phút một lần, hằng ngày) bằng một lịch chạy mỗi giờ.`,
        `Your ${retired.removed} former mail schedules (every 10 minutes, daily) were replaced by one hourly schedule.`,
      )
    : tr(
        `Đã gỡ ${retired.removed} lịch gửi thư cũ của bạn: tài khoản của bạn không gửi thư tự động.`,
        `${retired.removed} former mail schedules of yours were removed: your account does not send automatic mail.`,
      );
}
