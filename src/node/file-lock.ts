import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { tr } from '../domain/i18n';
import { systemClock } from './services';

/**
 * One `xhht` command at a time per workbook, even on a shared folder: a lock file beside the workbook,
 * created exclusively, naming the process, machine and time. A second command waits a little, then
 * refuses with who holds it. A lock whose process is gone (same machine), or older than STALE_MS
 * (another machine, whose processes cannot be asked), is cleared with a message.
 */

export const LOCK_SUFFIX = '.xhht-khoa';
/** How long a second command waits for the lock before refusing (tests shorten it). */
export const lockTiming = { waitMs: 5_000 };
/** A lock older than this is taken as left by a crashed command. */
export const STALE_MS = 2 * 60 * 60 * 1000;

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

export class LockRefused extends Error {}

function readHolder(path: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as Holder;
    return typeof holder.pid === 'number' && typeof holder.host === 'string' ? holder : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Why a lock is stale, or undefined while its command may still be running. */
function staleness(holder: Holder | undefined, now: Date): string | undefined {
  if (!holder) return tr('tệp khóa không đọc được', 'the lock file cannot be read');
  const age = now.getTime() - Date.parse(holder.since);
  if (holder.host === hostname() && !alive(holder.pid)) {
    return tr(
      `tiến trình ${holder.pid} đã dừng (có thể bị ngắt giữa chừng)`,
      `process ${holder.pid} has ended (it may have been cut off)`,
    );
  }
  if (!(age < STALE_MS)) {
    return tr(
      `khóa đặt từ ${holder.since}, quá ${STALE_MS / 3_600_000} giờ`,
      `locked since ${holder.since}, more than ${STALE_MS / 3_600_000} hours ago`,
    );
  }
  return undefined;
}

const held = new Set<string>();

/**
 * Takes the lock of `book` for this process (again: nothing). Waits up to `waitMs`; clears a stale
 * lock, telling `notify`; refuses with LockRefused naming the holder.
 */
export async function lockFile(
  book: string,
  notify: (text: string) => void,
  waitMs = lockTiming.waitMs,
): Promise<void> {
  const path = `${book}${LOCK_SUFFIX}`;
  if (held.has(path)) return;
  const started = systemClock.now().getTime();
  for (;;) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      const holder: Holder = {
        pid: process.pid,
        host: hostname(),
        since: systemClock.now().toISOString(),
      };
      writeSync(fd, JSON.stringify(holder));
      closeSync(fd);
      held.add(path);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    const stale = staleness(holder, systemClock.now());
    if (stale) {
      rmSync(path, { force: true });
      notify(
        tr(
          `Đã gỡ khóa cũ của «${book}» (${stale}); kiểm tra lại tệp nếu lệnh trước chưa chạy xong.`,
          `Cleared an old lock of «${book}» (${stale}); check the file if the earlier command did not finish.`,
        ),
      );
      continue;
    }
    if (systemClock.now().getTime() - started >= waitMs) {
      throw new LockRefused(
        tr(
          `Tệp «${book}» đang được một lệnh xhht khác dùng (tiến trình ${holder?.pid} trên máy ${holder?.host}, từ ${holder?.since}). Chờ lệnh đó xong rồi chạy lại; không có gì được ghi. Nếu chắc không còn lệnh nào chạy, xóa tệp «${path}».`,
          `«${book}» is in use by another xhht command (process ${holder?.pid} on ${holder?.host}, since ${holder?.since}). Wait for it to finish and run again; nothing was written. If you are sure none is running, delete «${path}».`,
        ),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Releases the locks this process holds (at the end of a command). */
export function unlockFiles(): void {
  for (const path of held) {
    const holder = readHolder(path);
    if (holder?.pid === process.pid && holder.host === hostname()) rmSync(path, { force: true });
  }
  held.clear();
}

export function holds(book: string): boolean {
  return held.has(`${book}${LOCK_SUFFIX}`);
}

export function unlockFile(book: string): void {
  const path = `${book}${LOCK_SUFFIX}`;
  if (!held.delete(path)) return;
  const holder = readHolder(path);
  if (holder?.pid === process.pid && holder.host === hostname()) rmSync(path, { force: true });
}
