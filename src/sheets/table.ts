import { columnLetter } from '../domain/a1';
import type { CellValue } from '../domain/cells';
import { cellText, isBlank, textKey } from '../domain/cells';
import { tr } from '../domain/i18n';
import { SheetError } from './errors';
import type { ColumnRun, SheetPort } from './ports';

/**
 * Columns are found by their header text, never by position, so an officer may insert, move or
 * widen columns. A header matches when it equals the spec's header (normalised, any case) or, for
 * specs with a `prefix`, when it starts with that prefix followed by a space or nothing.
 */
export interface ColumnSpec {
  readonly key: string;
  readonly header: string;
  readonly prefix?: string;
  readonly width?: number;
  /** Written only by the script (results): safe to add again when missing. */
  readonly scriptOwned?: boolean;
  /** Read by nothing (a note, a label): added by set-up when absent, never required. */
  readonly optional?: boolean;
  /**
   * Words that, right after the prefix, make a header another column's: «5.1 mức 1» is not the answer
   * column of 5.1 (a layout left from before the rubric changed), so it is never read as one.
   */
  readonly notFollowedBy?: readonly string[];
  /**
   * Earlier headers or prefixes of the same column (e.g. «Huyện» before «Địa bàn (huyện cũ)», «5.1 mức 1»
   * before «5.1 mức độ 1»): still found by them; set-up writes the header anew.
   */
  readonly aliases?: readonly string[];
}

/** Headers set-up set aside when the rubric's layout changed: kept with their data, read by nothing. */
export const SET_ASIDE_MARK = '(cũ)';

export interface Located {
  /** 1-based column of each found key. */
  readonly columns: ReadonlyMap<string, number>;
  readonly missing: readonly ColumnSpec[];
}

function matches(spec: ColumnSpec, header: CellValue): boolean {
  const key = textKey(header);
  if (key === '') return false;
  if (key === textKey(spec.header)) return true;
  if (spec.aliases?.some((alias) => key === textKey(alias))) return true;
  if (spec.prefix === undefined) return false;
  return [spec.prefix, ...(spec.aliases ?? [])].some((prefix) => startsWith(spec, key, prefix));
}

function startsWith(spec: ColumnSpec, key: string, start: string): boolean {
  const prefix = textKey(start);
  if (key === prefix) return true;
  if (!key.startsWith(`${prefix} `)) return false;
  const rest = key.slice(prefix.length + 1).replace(/^[—–-]\s*/, '');
  return !(spec.notFollowedBy ?? []).some(
    (word) => rest === textKey(word) || rest.startsWith(`${textKey(word)} `),
  );
}

export function locateColumns(
  headerRow: readonly CellValue[],
  specs: readonly ColumnSpec[],
): Located {
  const columns = new Map<string, number>();
  const taken = new Set<number>();
  const missing: ColumnSpec[] = [];
  for (const spec of specs) {
    const index = headerRow.findIndex((header, i) => !taken.has(i) && matches(spec, header));
    if (index < 0) {
      missing.push(spec);
    } else {
      taken.add(index);
      columns.set(spec.key, index + 1);
    }
  }
  return { columns, missing };
}

/**
 * The officer's way out of a missing header: a renamed column holding their data must get its name
 * back (adding an empty one would hide the data); a deleted result column is added again by set-up.
 */
export function missingColumnsError(
  sheet: string,
  missing: readonly ColumnSpec[],
  /** Columns with data under a header no spec knows: perhaps the missing ones, renamed. */
  candidates: readonly string[] = [],
): SheetError {
  const names = missing.map((spec) => `«${spec.header}»`).join(', ');
  const lines = [
    tr(
      `Trang «${sheet}» thiếu cột ${names} ở dòng tiêu đề (dòng 1).`,
      `Sheet «${sheet}» lacks the column ${names} in its header row (row 1).`,
    ),
  ];
  if (missing.some((spec) => !spec.scriptOwned)) {
    if (candidates.length > 0) {
      lines.push(
        tr(
          `Các cột có dữ liệu nhưng tiêu đề lạ: ${candidates.join(', ')}.`,
          `Columns holding data under an unknown header: ${candidates.join(', ')}.`,
        ),
      );
    }
    lines.push(
      tr(
        'Nếu cột đã bị đổi tên, hãy đặt lại đúng tên như trên (không phân biệt chữ hoa, chữ thường, khoảng trắng thừa); dữ liệu trong cột được giữ nguyên. ' +
          'Nếu đó là cột mới (bộ tiêu chí vừa thêm mục hoặc chỉ tiêu), hãy gõ tiêu đề trên vào một ô trống ở dòng 1, hoặc chạy XHHT → Khởi tạo bảng tính.',
        'If the column was renamed, give it back the name above (case and extra spaces do not matter); its data is kept. ' +
          'If it is a new column (an item or indicator just added to the rubric), type the header above into an empty cell of row 1, or run XHHT → Khởi tạo bảng tính (set up).',
      ),
    );
  }
  if (missing.some((spec) => spec.scriptOwned)) {
    lines.push(
      tr(
        'Cột kết quả bị xóa sẽ được thêm lại khi chạy XHHT → Khởi tạo bảng tính.',
        'A deleted result column is added again by XHHT → Khởi tạo bảng tính (set up).',
      ),
    );
  }
  return new SheetError(lines.join('\n'));
}

/** Locates every spec's column; a missing column that is not optional is an error naming it. */
export function locateRequired(
  sheet: string,
  headerRow: readonly CellValue[],
  specs: readonly ColumnSpec[],
): Located {
  const located = locateColumns(headerRow, specs);
  const missing = located.missing.filter((spec) => !spec.optional);
  if (missing.length > 0) {
    const error = missingColumnsError(sheet, missing);
    const stale = staleHeaders(headerRow, located, missing);
    if (stale.length === 0) throw error;
    // On the first line: notices show only that line of each refusal.
    const [first = '', ...rest] = error.message.split('\n');
    const said = tr(
      `Các cột theo cách ghi cũ của bộ tiêu chí, không được đọc thay cho cột trên: ${stale.join(', ')}; chạy XHHT → Khởi tạo bảng tính để chuyển sang cách ghi mới (dữ liệu được giữ).`,
      `Columns of the rubric's earlier layout, never read in place of the one above: ${stale.join(', ')}; run XHHT → Khởi tạo bảng tính (set up) to move to the new layout (the data is kept).`,
    );
    throw new SheetError([`${first} ${said}`, ...rest].join('\n'));
  }
  return located;
}

/**
 * Headers no spec claimed that start with the code of a missing column («5.1 mức 1 …» when «5.1 …» is
 * missing): a layout the rubric no longer has, named so the officer sees why nothing was read.
 */
function staleHeaders(
  headerRow: readonly CellValue[],
  located: Located,
  missing: readonly ColumnSpec[],
): string[] {
  const taken = new Set(located.columns.values());
  const codes = missing.flatMap((spec) =>
    spec.prefix ? [textKey(spec.prefix).split(' ')[0]] : [],
  );
  return headerRow.flatMap((header, i) => {
    const key = textKey(header);
    if (key === '' || taken.has(i + 1) || key.startsWith(textKey(SET_ASIDE_MARK))) return [];
    return codes.some((code) => code && key.startsWith(`${code} `))
      ? [`«${cellText(header)}» (${columnLetter(i + 1)})`]
      : [];
  });
}

/** How many rows below the first are searched for a header pushed down by a title row. */
const TITLE_ROWS = 10;

/**
 * Why a sheet's row 1 is not the header it should be, when the cause is one of the two an officer
 * meets with lists made by hand: a title row above the header (the header found further down), or
 * header cells merged into one (the merged cell hides every name but its first). Empty when neither.
 */
export function headerDiagnosis(
  sheet: SheetPort,
  values: readonly (readonly CellValue[])[],
  specs: readonly ColumnSpec[],
): string[] {
  const required = specs.filter((spec) => !spec.optional);
  const foundIn = (row: readonly CellValue[] = []) =>
    required.length - locateColumns(row, required).missing.length;
  const inRow1 = foundIn(values[0]);
  const lines: string[] = [];
  for (let r = 1; r < Math.min(values.length, TITLE_ROWS + 1); r += 1) {
    const found = foundIn(values[r]);
    if (found > inRow1 && found >= Math.ceil(required.length / 2)) {
      lines.push(
        tr(
          `Trang «${sheet.name}»: dòng 1 phải là dòng tiêu đề (tên các cột), nhưng tên cột đang ở dòng ${r + 1}. Xóa ${r} dòng phía trên (tiêu đề, ghi chú; chép sang trang khác nếu cần giữ) rồi chạy lại. Chưa có gì được ghi vào trang này.`,
          `Sheet «${sheet.name}»: row 1 must be the header (the column names), but the column names are in row ${r + 1}. Delete the ${r} row(s) above it (a title, a note; copy them to another sheet to keep them), then run again. Nothing was written to this sheet.`,
        ),
      );
      break;
    }
  }
  const merged = sheet.mergedInRow?.(1) ?? [];
  if (merged.length > 0) {
    lines.push(
      tr(
        `Trang «${sheet.name}»: ô tiêu đề ${merged.join(', ')} đang được gộp (merge), nên chỉ đọc được tên của ô đầu. Bỏ gộp các ô này (Định dạng → Gộp ô → Hủy gộp) và ghi lại tên từng cột, rồi chạy lại.`,
        `Sheet «${sheet.name}»: the header cells ${merged.join(', ')} are merged, so only the first cell's name can be read. Unmerge them (Format → Merge cells → Unmerge) and type each column's name again, then run again.`,
      ),
    );
  }
  return lines;
}

/** The header columns unknown to `specs` that hold data below: perhaps renamed ones. */
function unknownWithData(
  values: readonly (readonly CellValue[])[],
  located: Located,
): { header: CellValue; column: number }[] {
  const headerRow = values[0] ?? [];
  const known = new Set(located.columns.values());
  return headerRow
    .map((header, i) => ({ header, column: i + 1 }))
    .filter(({ header, column }) => !isBlank(header) && !known.has(column))
    .filter(({ header }) => !textKey(header).startsWith(textKey(SET_ASIDE_MARK)))
    .filter(({ column }) => values.slice(1).some((row) => !isBlank(row[column - 1])));
}

function candidateNames(found: readonly { header: CellValue; column: number }[]): string[] {
  return found.map(({ header, column }) => `«${cellText(header)}» (${columnLetter(column)})`);
}

/**
 * Locates the header of a sheet already read (`values`), like `locateRequired`, but a missing column
 * is explained as fully as the sheet allows: a title row above the header, merged header cells, or
 * the columns holding data under an unknown header (perhaps the missing ones, renamed).
 */
export function locateInSheet(
  sheet: SheetPort,
  values: readonly (readonly CellValue[])[],
  specs: readonly ColumnSpec[],
): Located {
  const located = locateColumns(values[0] ?? [], specs);
  const missing = located.missing.filter((spec) => !spec.optional);
  if (missing.length === 0) return located;
  const diagnosis = headerDiagnosis(sheet, values, specs);
  if (diagnosis.length > 0) throw new SheetError(diagnosis.join('\n'));
  // Columns of a rubric's earlier layout are said as such (locateRequired names them).
  if (staleHeaders(values[0] ?? [], located, missing).length > 0) {
    locateRequired(sheet.name, values[0] ?? [], specs);
  }
  throw missingColumnsError(sheet.name, missing, candidateNames(unknownWithData(values, located)));
}

export function columnOf(located: Located, key: string): number {
  const column = located.columns.get(key);
  if (column === undefined) throw new Error(`column ${key} was not located`);
  return column;
}

/** Sorted column (or row) numbers grouped into runs of adjacent ones, each written in one call. */
export function columnRuns(columns: readonly number[]): ColumnRun[] {
  const runs: ColumnRun[] = [];
  for (const column of [...columns].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last.first + last.count === column)
      runs[runs.length - 1] = { ...last, count: last.count + 1 };
    else runs.push({ first: column, count: 1 });
  }
  return runs;
}

/**
 * Row numbers (any order, repeats allowed) grouped into blocks each read in one call: rows at most
 * `gap` apart share a block, the rows between them read through (cheaper than another call).
 */
export function rowBlocks(rows: readonly number[], gap: number): ColumnRun[] {
  const blocks: ColumnRun[] = [];
  for (const row of [...new Set(rows)].sort((a, b) => a - b)) {
    const last = blocks[blocks.length - 1];
    if (last && row - (last.first + last.count - 1) <= gap)
      blocks[blocks.length - 1] = { first: last.first, count: row - last.first + 1 };
    else blocks.push({ first: row, count: 1 });
  }
  return blocks;
}

export interface Table {
  readonly sheet: SheetPort;
  /** Rows below the header, as read. */
  readonly rows: readonly CellValue[][];
  readonly located: Located;
}

/**
 * Reads a sheet (one read) and makes sure every spec has a header: missing headers are appended after
 * the last used column (one write); existing ones and everything below them are left as they are.
 * Once the sheet holds data, a missing column of the officer's is an error rather than a new empty
 * column: it was most likely renamed, and its data would silently stop counting.
 */
export function ensureTable(sheet: SheetPort, specs: readonly ColumnSpec[]): Table {
  const values = sheet.readValues();
  const headerRow = values[0] ?? [];
  const first = locateColumns(headerRow, specs);
  // A header an earlier version wrote takes this version's name (the column and its data stay).
  const aliased: number[] = [];
  for (const spec of specs) {
    const at = first.columns.get(spec.key);
    const written = at === undefined ? undefined : headerRow[at - 1];
    if (at === undefined || !spec.aliases?.some((alias) => textKey(alias) === textKey(written)))
      continue;
    headerRow[at - 1] = spec.header;
    aliased.push(at);
  }
  for (const run of columnRuns(aliased)) {
    sheet.writeValues(1, run.first, [headerRow.slice(run.first - 1, run.first - 1 + run.count)]);
  }
  if (first.missing.length === 0) {
    return { sheet, rows: values.slice(1), located: first };
  }
  // A title row or merged header cells: adding headers after them would only hide the real ones.
  const diagnosis = headerDiagnosis(sheet, values, specs);
  if (diagnosis.length > 0) throw new SheetError(diagnosis.join('\n'));
  // A renamed column leaves behind a header no spec knows, over data. Without one, a missing column of
  // the officer's is new (an indicator just added to the rubric, say) and is added like any other.
  const renamed = first.missing.filter((spec) => !spec.scriptOwned && !spec.optional);
  const unknown = unknownWithData(values, first);
  if (renamed.length > 0 && unknown.length > 0) {
    throw missingColumnsError(sheet.name, renamed, candidateNames(unknown));
  }
  // After the last column holding anything, so no header lands on a column of unnamed data.
  const width = headerRow.length;
  const added = first.missing.map((spec) => spec.header);
  sheet.writeValues(1, width + 1, [added]);
  const located = locateColumns([...headerRow.slice(0, width), ...added], specs);
  first.missing.forEach((spec, i) => {
    if (spec.width) sheet.setColumnWidth(width + 1 + i, spec.width);
  });
  sheet.styleHeader(1, width + added.length);
  return { sheet, rows: values.slice(1), located };
}
