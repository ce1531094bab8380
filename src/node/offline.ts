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
import { ConsoleUi, commandClock, fixedClock, nodeHasher, processLock } from './services';
import { SheetStore } from './sheet-store';
import { xlsxProblem } from './xlsx-limits';
import { PatchedWorkbook, PatchTooBig, PatchUnsupported } from './xlsx-patch';
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
  const bytes = await checkedBytes(path);
  try {
    return await XlsxWorkbook.read(path, bytes);
  } catch (error) {
    // The library's own words (a zip library's English, its web address) say nothing to an officer.
    throw new CliProblem(unreadable(path, error), EXIT.failed);
  }
}

/**
 * Opens the workbook for a command that reads values and writes values only (`score`, `validate`):
 * the sheets' XML is read directly and only written rows are written back (xlsx-patch.ts), so a
 * province's 50,000 units take seconds and a fraction of the memory exceljs needs. A file that reader
 * does not handle is opened with exceljs, as by `openBook`.
 */
export async function openForValues(path: string): Promise<PatchedWorkbook | XlsxWorkbook> {
  const parts = new Map<string, Buffer>();
  const bytes = await checkedBytes(path, parts);
  try {
    return PatchedWorkbook.read(bytes, parts);
  } catch (error) {
    if (error instanceof PatchTooBig)
      throw new CliProblem(`«${path}»: ${error.message}`, EXIT.failed);
    if (!(error instanceof PatchUnsupported)) throw error;
  } finally {
    parts.clear();
  }
  // exceljs builds every row up to the last one a sheet names: the extents are checked first.
  const problem = xlsxProblem(bytes);
  if (problem) throw new CliProblem(`«${path}»: ${problem}`, EXIT.failed);
  try {
    return await XlsxWorkbook.read(path, bytes);
  } catch (error) {
    throw new CliProblem(unreadable(path, error), EXIT.failed);
  }
}

/**
 * Runs `work` on the workbook opened for values; when that reader meets something it does not handle
 * (a formula shared from a cell to write, formatting to apply), runs it again on the file opened with
 * exceljs. Nothing is saved before `work` returns, so the first attempt leaves no trace.
 */
export async function withValuesBook<T>(
  path: string,
  work: (book: PatchedWorkbook | XlsxWorkbook) => Promise<T>,
): Promise<T> {
  const book = await openForValues(path);
  try {
    return await work(book);
  } catch (error) {
    if (!(error instanceof PatchUnsupported)) throw error;
  }
  return work(await openBook(path));
}

/**
 * The lock taken, the file's bytes once checked against the limits (xlsx-limits.ts). Given `parts`,
 * the parts as inflated are kept there, and the sheets' extent is left to their parser.
 */
async function checkedBytes(path: string, parts?: Map<string, Buffer>): Promise<Buffer> {
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
  const bytes = readFileSync(path);
  const problem = xlsxProblem(
    bytes,
    undefined,
    parts ? { keep: (name, content) => parts.set(name, content), extents: false } : {},
  );
  if (problem) throw new CliProblem(`«${path}»: ${problem}`, EXIT.failed);
  return bytes;
}

/** OLE2 compound files: Excel 97-2003 .xls, and any Office file protected by a password. */
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Why `path` is not an .xlsx XHHT can read, from what its bytes are, and what to do. */
function unreadable(path: string, error: unknown): string {
  if ((error as NodeJS.ErrnoException)?.code) return fileProblem(path, error);
  const bytes = readFileSync(path);
  if (bytes.length === 0) {
    return tr(
      `Tệp «${path}» rỗng (0 byte): có thể lần lưu trước bị ngắt. Dùng bản sao lưu, hoặc tạo tệp mới bằng: ${hint('init', path)}`,
      `«${path}» is empty (0 bytes): perhaps an earlier save was cut off. Use a backup, or create a new file with: ${hint('init', path)}`,
    );
  }
  if (bytes.subarray(0, OLE2.length).equals(OLE2)) {
    // A password-protected .xlsx is an encrypted package inside an OLE2 file; its stream names are UTF-16.
    if (bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
      return tr(
        `Tệp «${path}» được đặt mật khẩu nên XHHT không mở được. Mở tệp trong Excel hoặc LibreOffice, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại dưới dạng .xlsx rồi thử lại.`,
        `«${path}» is protected by a password, so XHHT cannot open it. Open it in Excel or LibreOffice, remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it), save it as .xlsx, then try again.`,
      );
    }
    return tr(
      `Tệp «${path}» là tệp Excel 97-2003 (.xls), không phải .xlsx. Mở bằng Excel hoặc LibreOffice, chọn Lưu thành… kiểu «Sổ làm việc Excel (.xlsx)», rồi dùng tệp .xlsx đó.`,
      `«${path}» is an Excel 97-2003 file (.xls), not .xlsx. Open it in Excel or LibreOffice, Save As… «Excel Workbook (.xlsx)», then use that .xlsx file.`,
    );
  }
  return tr(
    `Không đọc được «${path}» như một tệp .xlsx: tệp bị hỏng hoặc là loại tệp khác (chỉ đổi đuôi thành .xlsx thì chưa đủ). Mở bằng Excel hoặc LibreOffice, lưu lại dưới dạng .xlsx rồi thử lại.`,
    `Cannot read «${path}» as an .xlsx file: it is damaged or of another kind (renaming it to .xlsx is not enough). Open it in Excel or LibreOffice, save it as .xlsx, then try again.`,
  );
}

/** What the system said about a file, in the officer's words. */
export function fileProblem(path: string, error: unknown): string {
  switch ((error as NodeJS.ErrnoException)?.code) {
    case 'ENOENT':
      return tr(`Không thấy tệp hoặc thư mục «${path}».`, `No file or folder «${path}».`);
    case 'EACCES':
    case 'EPERM':
      return tr(
        `Không có quyền đọc hoặc ghi «${path}». Kiểm tra quyền của tệp hoặc thư mục, hoặc chọn nơi khác.`,
        `No permission to read or write «${path}». Check the file's or folder's permissions, or choose another place.`,
      );
    case 'EBUSY':
      return tr(
        `Tệp «${path}» đang được chương trình khác mở (Excel?). Đóng tệp rồi thử lại.`,
        `«${path}» is open in another program (Excel?). Close it, then try again.`,
      );
    case 'ENOSPC':
      return tr(
        `Ổ đĩa đã đầy nên không ghi được «${path}»; tệp cũ vẫn nguyên. Giải phóng chỗ trống rồi thử lại.`,
        `The disk is full, so «${path}» could not be written; the old file is unchanged. Free some space, then try again.`,
      );
    case 'EISDIR':
      return tr(
        `«${path}» là một thư mục, không phải tệp .xlsx.`,
        `«${path}» is a folder, not an .xlsx file.`,
      );
    case 'ENOTDIR':
      return tr(
        `Đường dẫn «${path}» đi qua một tệp như thể đó là thư mục.`,
        `The path «${path}» goes through a file as if it were a folder.`,
      );
    default:
      return tr(
        `Không đọc hoặc ghi được «${path}» (mã lỗi hệ thống ${(error as NodeJS.ErrnoException)?.code ?? '?'}).`,
        `Cannot read or write «${path}» (system error code ${(error as NodeJS.ErrnoException)?.code ?? '?'}).`,
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
  book: XlsxWorkbook | PatchedWorkbook,
  source: string,
  target: string,
  force: boolean,
): Promise<void> {
  // A workbook written part by part keeps every part it did not change: nothing is lost.
  const lost = book instanceof PatchedWorkbook ? [] : unkeptParts(source);
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
  workbook: XlsxWorkbook | PatchedWorkbook,
  options: { user?: string; now?: Date; print?: (text: string) => void } = {},
): ActPorts {
  return {
    workbook,
    ui: new ConsoleUi(options.print),
    clock: options.now ? fixedClock(options.now) : commandClock,
    lock: processLock,
    store: new SheetStore(workbook),
    hasher: nodeHasher,
    identity: new OfflineIdentity(options.user ?? ''),
  };
}
