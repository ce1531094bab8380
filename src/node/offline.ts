import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { tr } from '../domain/i18n';
import type { ActPorts } from '../sheets/act';
import type { IdentityPort } from '../sheets/ports';
import { holds, LockRefused, lockFile, unlockFile } from './file-lock';
import { hint } from './hint';
import { ConsoleUi, fixedClock, nodeHasher, processLock, systemClock } from './services';
import { SheetStore } from './sheet-store';
import { xlsxProblem } from './xlsx-limits';
import { XlsxWorkbook } from './xlsx-workbook';

/**
 * What every offline command shares: opening and saving the .xlsx, the ports of the use cases over
 * it, and the exit codes. Offline nobody vouches for who runs a command: the name is self-declared,
 * and the log says so.
 */

export const EXIT = {
  ok: 0,
  /** Something went wrong while running (an unreadable file, a bug). */
  failed: 1,
  /** The command line itself is wrong. */
  usage: 2,
  /** The command ran and found problems: invalid rows, refused steps, a broken log. */
  problems: 3,
  /** Writing would lose parts of the file that XHHT cannot keep (see `unkeptParts`). */
  wouldLose: 4,
} as const;

/** A problem to report in one message with its exit code, rather than a stack trace. */
export class CliProblem extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

export class OfflineIdentity implements IdentityPort {
  constructor(private readonly email: string) {}

  activeUserEmail(): string {
    return this.email.trim();
  }

  /** Nobody vouches offline: the log marks the name (UNVOUCHED_MARK). */
  readonly vouched = false;
}

/** Where messages about locks go (the CLI sets its error stream). */
let notices: (text: string) => void = (text) => console.error(text);

export function setNotices(print: (text: string) => void): void {
  notices = print;
}

/** The workbook's lock for this command (file-lock.ts), as a CLI problem when refused. */
async function lockBook(path: string): Promise<void> {
  try {
    await lockFile(resolve(path), notices);
  } catch (error) {
    if (error instanceof LockRefused) throw new CliProblem(error.message, EXIT.failed);
    throw error;
  }
}

/**
 * Opens the workbook for one command: takes its lock (held until the command ends, so a second command
 * on the same file waits or refuses), checks the zip's sizes and the sheets' extent before loading
 * (xlsx-limits.ts), then reads it.
 */
export async function openBook(path: string): Promise<XlsxWorkbook> {
  if (!existsSync(path)) {
    throw new CliProblem(
      tr(
        `Không thấy tệp «${path}». Tạo bảng tính mới bằng: ${hint('init', path)}`,
        `No file «${path}». Create a workbook with: ${hint('init', path)}`,
      ),
      EXIT.failed,
    );
  }
  await lockBook(path);
  const problem = xlsxProblem(readFileSync(path));
  if (problem) throw new CliProblem(`«${path}»: ${problem}`, EXIT.failed);
  try {
    return await XlsxWorkbook.read(path);
  } catch (error) {
    throw new CliProblem(
      tr(
        `Không đọc được «${path}» như một tệp .xlsx (${(error as Error).message}). Lưu lại tệp bằng Excel hoặc LibreOffice dưới dạng .xlsx rồi thử lại.`,
        `Cannot read «${path}» as an .xlsx file (${(error as Error).message}). Save it as .xlsx from Excel or LibreOffice and try again.`,
      ),
      EXIT.failed,
    );
  }
}

/** A file or folder nobody may write: no write bit (checked as such, since root passes access()). */
function readOnly(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
  } catch {
    return true;
  }
  return (statSync(path).mode & 0o222) === 0;
}

/** Refuses to replace a read-only workbook, or to write into a read-only folder. */
function refuseReadOnly(target: string): void {
  const folder = dirname(resolve(target));
  if (existsSync(target) && readOnly(target)) {
    throw new CliProblem(
      tr(
        `Tệp «${target}» chỉ được đọc (read-only): XHHT không ghi đè. Bỏ thuộc tính chỉ đọc nếu được phép sửa tệp, hoặc ghi ra tệp khác bằng --out TỆP_MỚI.xlsx. Không có gì được ghi.`,
        `«${target}» is read-only: XHHT does not replace it. Clear the read-only flag if you may change the file, or write to another file with --out NEW.xlsx. Nothing was written.`,
      ),
      EXIT.failed,
    );
  }
  if (readOnly(folder)) {
    throw new CliProblem(
      tr(
        `Thư mục «${folder}» chỉ được đọc: không ghi được «${target}». Chọn thư mục khác bằng --out. Không có gì được ghi.`,
        `The folder «${folder}» is read-only: «${target}» cannot be written. Choose another folder with --out. Nothing was written.`,
      ),
      EXIT.failed,
    );
  }
}

/**
 * Parts of an .xlsx that exceljs drops when it writes the file again: charts, pivot tables, images
 * and other drawings. Zip entry names are stored uncompressed, so the bytes of the file tell.
 */
export function unkeptParts(path: string): string[] {
  if (!existsSync(path)) return [];
  const bytes = readFileSync(path).toString('latin1');
  const parts: [string, string, string][] = [
    ['xl/charts/', 'biểu đồ', 'charts'],
    ['xl/pivotTables/', 'bảng tổng hợp (pivot)', 'pivot tables'],
    ['xl/media/', 'hình ảnh', 'images'],
    // DrawingML parts only (xl/drawings/drawing1.xml): a cell note is a VML part beside them
    // (xl/drawings/vmlDrawing1.vml), which exceljs reads and writes again with the note. Matching
    // the whole folder refused every file holding a note. Form controls also live in VML, so they
    // are named by their own parts.
    ['xl/drawings/drawing', 'hình vẽ', 'drawings'],
    ['xl/ctrlProps/', 'điều khiển biểu mẫu', 'form controls'],
  ];
  return parts.filter(([prefix]) => bytes.includes(prefix)).map(([, vi, en]) => tr(vi, en));
}

/** Writes `book` to `target`, refusing (unless forced) when `source` holds parts it would lose. */
export async function saveBook(
  book: XlsxWorkbook,
  source: string,
  target: string,
  force: boolean,
): Promise<void> {
  const lost = unkeptParts(source);
  if (lost.length > 0 && !force && target === source) {
    throw new CliProblem(
      tr(
        `Tệp «${source}» có ${lost.join(', ')}; XHHT ngoại tuyến không giữ được chúng khi ghi lại tệp. Ghi ra tệp khác bằng --out TỆP_MỚI.xlsx, hoặc thêm --force nếu chấp nhận mất.`,
        `«${source}» holds ${lost.join(', ')}, which XHHT offline cannot keep when it writes the file. Write to another file with --out NEW.xlsx, or add --force to accept the loss.`,
      ),
      EXIT.wouldLose,
    );
  }
  const locked = holds(resolve(target));
  await lockBook(target);
  try {
    refuseReadOnly(target);
    // Written beside the target, then renamed over it: a run stopped mid-write (a full disk, Ctrl-C)
    // leaves the officer's file as it was. The partial file is created exclusively (O_EXCL), so a link
    // planted at its name is never followed: whatever is there (a leftover of a crashed run, which the
    // lock rules out as a live one, or a planted link) is unlinked, not written through.
    const partial = `${target}.xhht-dang-ghi`;
    try {
      const bytes = await book.toBuffer();
      if (existsSync(partial) || isLink(partial)) unlinkSync(partial);
      const fd = openSync(partial, 'wx', 0o644);
      try {
        writeSync(fd, bytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(partial, target);
    } finally {
      if (isLink(partial) || existsSync(partial)) rmSync(partial, { force: true });
    }
  } finally {
    if (!locked) unlockFile(resolve(target));
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The ports of the use cases over an offline workbook, as `user` (self-declared) at `now`. */
export function offlinePorts(
  workbook: XlsxWorkbook,
  options: { user?: string; now?: Date; print?: (text: string) => void } = {},
): ActPorts {
  return {
    workbook,
    ui: new ConsoleUi(options.print),
    clock: options.now ? fixedClock(options.now) : systemClock,
    lock: processLock,
    store: new SheetStore(workbook),
    hasher: nodeHasher,
    identity: new OfflineIdentity(options.user ?? ''),
  };
}
