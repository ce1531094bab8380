import { nfc } from './cells';
import { tr } from './i18n';

/**
 * The audit log (Nhật ký) is a hash chain: each row carries the hash of the row before it, and the
 * hash of the last row (the head) is kept outside the sheet (script properties, a hidden sheet, every
 * summary email), so that no editor of the sheet can alter, insert or remove a row unnoticed.
 * Hashing is given from outside: Apps Script and Node compute SHA-256 differently.
 */

export type Digest = (text: string) => string;

export interface AuditEntry {
  /** ISO 8601 time of the action. */
  readonly time: string;
  readonly user: string;
  readonly unit: string;
  readonly action: string;
  readonly from: string;
  readonly to: string;
  readonly comment: string;
  /**
   * The unit's record after the step (src/domain/unit-record.ts encodeRecord), '' on rows that carry
   * none (a refused attempt, a row of the previous version, an action on no unit).
   */
  readonly record?: string;
  /** The sheet row of the same unit's previous log row ('' for its first, or where none is known). */
  readonly unitPrevious?: string;
}

export interface AuditRow extends AuditEntry {
  /** Hash of the previous row ('' for the first). */
  readonly previous: string;
}

/** How the log marks a name nobody vouched for: a step taken offline, where the name is self-declared. */
export const UNVOUCHED_MARK = 'ngoại tuyến, chưa xác thực';

/** The name the log gives the person (or XHHT itself) who took a step. */
export function logName(name: string, vouched: boolean): string {
  return vouched ? name : `${name} (${UNVOUCHED_MARK})`;
}

export function isUnvouched(user: string): boolean {
  return user.endsWith(`(${UNVOUCHED_MARK})`);
}

/** The hash of the chain before any row. */
export const GENESIS = '';

const SEPARATOR = '\u001f';

/**
 * A row's own hash: its fields and the previous hash, joined unambiguously. A row that carries a record
 * or a pointer to the unit's previous row (issue 11) hashes them too; a row without (written by the
 * previous version, or a refused attempt) hashes as before, so an old log still verifies.
 */
export function rowHash(row: AuditRow, digest: Digest): string {
  const fields = [
    row.previous,
    row.time,
    row.user,
    row.unit,
    row.action,
    row.from,
    row.to,
    row.comment,
  ];
  const record = row.record ?? '';
  const unitPrevious = row.unitPrevious ?? '';
  if (record !== '' || unitPrevious !== '') fields.push(record, unitPrevious);
  return digest(fields.map(nfc).join(SEPARATOR));
}

/** The row to append after a chain whose head is `head`, and the new head. */
export function append(
  head: string,
  entry: AuditEntry,
  digest: Digest,
): { row: AuditRow; head: string } {
  const row = { ...entry, previous: head };
  return { row, head: rowHash(row, digest) };
}

export interface ChainIntact {
  readonly ok: true;
  readonly head: string;
  readonly rows: number;
  /** Rows at the end added offline since the head kept outside the sheet (checked against the file's own). */
  readonly offline?: number;
}

export type ChainCheck =
  | ChainIntact
  /** `index` is the 0-based position of the first row that does not follow from the rows before it. */
  | { readonly ok: false; readonly index: number; readonly message: string };

const notFollowing = () =>
  tr(
    'dòng này không nối tiếp dòng trước: dòng trước đã bị sửa, hoặc có dòng bị chèn hay xóa ở đây',
    'this row does not follow the one before: that one was altered, or rows were inserted or removed here',
  );

const endMismatch = () =>
  tr(
    'cuối nhật ký không khớp với mã lưu ngoài trang tính: dòng cuối đã bị sửa, hoặc có dòng cuối bị xóa hay thêm',
    'the end of the log does not match the hash kept outside the sheet: the last row was altered, or rows were removed or added at the end',
  );

/**
 * Checks every row against the one before it and the last against the head kept outside the sheet.
 * Names the first row where the chain breaks: that row or the one before it was altered, or rows were
 * inserted or removed there.
 */
export function verifyChain(
  rows: readonly AuditRow[],
  keptHead: string,
  digest: Digest,
  /** The head before the first row: GENESIS, or the last archived row's hash. */
  start: string = GENESIS,
): ChainCheck {
  let head = start;
  for (const [index, row] of rows.entries()) {
    if (row.previous !== head) {
      return { ok: false, index, message: notFollowing() };
    }
    head = rowHash(row, digest);
  }
  if (head !== keptHead) {
    return { ok: false, index: Math.max(0, rows.length - 1), message: endMismatch() };
  }
  return { ok: true, head, rows: rows.length };
}

/**
 * A log that went offline and came back: its rows still follow each other, the head kept outside the
 * sheet is the head after some row k, every row after k is marked unvouched (steps taken offline), and
 * the file's own head (the hidden sheet) is the head after the last row. Then rows up to k are as
 * safe as ever and the rows after k are what the offline file says, marked as such. Returns the check,
 * or undefined when the log is not such an extension.
 */
export function verifyOfflineExtension(
  rows: readonly AuditRow[],
  keptHead: string,
  fileHead: string,
  digest: Digest,
  /** The head before `rows` (a resumable check passes the tail after the last vouched row). */
  start: string = GENESIS,
): ChainIntact | undefined {
  let head = start;
  let kept = keptHead === start ? 0 : -1;
  for (const [index, row] of rows.entries()) {
    if (row.previous !== head) return undefined;
    head = rowHash(row, digest);
    if (head === keptHead) kept = index + 1;
  }
  if (kept < 0 || kept === rows.length || head !== fileHead) return undefined;
  if (!rows.slice(kept).every((row) => isUnvouched(row.user))) return undefined;
  return { ok: true, head, rows: rows.length, offline: rows.length - kept };
}

/**
 * Rows written after the kept head: the rows still follow each other from the first, and the head kept
 * outside the sheet is the head after row `kept` (0-based count), before the last row. Such rows are
 * what a run cut off before it moved the head, or an offline round trip, or an editor appending to the
 * sheet leaves; none is part of the record until an administrator accepts them (a logged step).
 */
export function rowsAfterKeptHead(
  rows: readonly AuditRow[],
  keptHead: string,
  digest: Digest,
  /** The head before the first row: GENESIS, or the last archived row's hash. */
  start: string = GENESIS,
): { readonly kept: number; readonly head: string } | undefined {
  let head = start;
  let kept = keptHead === start ? 0 : -1;
  for (const [index, row] of rows.entries()) {
    if (row.previous !== head) return undefined;
    head = rowHash(row, digest);
    if (head === keptHead) kept = index + 1;
  }
  return kept < 0 || kept === rows.length ? undefined : { kept, head };
}

/**
 * A check of the whole chain carried over several runs (the log read a block at a time, the progress
 * kept between runs): rows checked, the head after them, and the head after the last row in a vouched
 * name (where an offline extension would start).
 */
export interface ChainProgress {
  readonly rows: number;
  readonly head: string;
  readonly vouchedRows: number;
  readonly vouchedHead: string;
}

export const CHAIN_START: ChainProgress = {
  rows: 0,
  head: GENESIS,
  vouchedRows: 0,
  vouchedHead: GENESIS,
};

/** The progress after the next `rows` of the log, or where the chain breaks among them. */
export function continueChain(
  progress: ChainProgress,
  rows: readonly AuditRow[],
  digest: Digest,
): ChainProgress | { readonly ok: false; readonly index: number; readonly message: string } {
  let { head, vouchedRows, vouchedHead } = progress;
  for (const [i, row] of rows.entries()) {
    if (row.previous !== head)
      return { ok: false, index: progress.rows + i, message: notFollowing() };
    head = rowHash(row, digest);
    if (!isUnvouched(row.user)) {
      vouchedRows = progress.rows + i + 1;
      vouchedHead = head;
    }
  }
  return { rows: progress.rows + rows.length, head, vouchedRows, vouchedHead };
}

/**
 * The end of a carried check: the head against the one kept outside the sheet, else as a log that went
 * offline and came back (`tail`: the rows after the last vouched one, read only then).
 */
export function endChain(
  progress: ChainProgress,
  keptHead: string,
  /** The head the file carries itself, asked for only when the kept one does not match. */
  fileHeadOf: () => string,
  tail: () => readonly AuditRow[],
  digest: Digest,
): ChainCheck {
  if (progress.head === keptHead) return { ok: true, head: progress.head, rows: progress.rows };
  const fileHead = fileHeadOf();
  if (fileHead !== keptHead && progress.head === fileHead) {
    const extension = verifyOfflineExtension(
      tail(),
      keptHead,
      fileHead,
      digest,
      progress.vouchedHead,
    );
    if (extension) return { ...extension, rows: progress.rows };
  }
  return { ok: false, index: Math.max(0, progress.rows - 1), message: endMismatch() };
}
