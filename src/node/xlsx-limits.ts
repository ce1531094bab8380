import { inflateRawSync } from 'node:zlib';
import { tr } from '../domain/i18n';
import { endOfCentralDirectory } from './zip';

/**
 * What an .xlsx may hold before XHHT loads it. exceljs builds every row up to the last one a sheet
 * names, and inflates every part in memory: one cell at XFD1048576, or a zip whose parts inflate to
 * gigabytes (a zip bomb), would exhaust memory. So the zip is read here first: its directory, each
 * part inflated with a cap on its output (a part lying about its size is caught too), and each
 * worksheet's highest row and column. Limits are far above a province's workbook (a few thousand units).
 */
export const XLSX_LIMITS = {
  /** Parts (files) in the zip. */
  entries: 5_000,
  /** Bytes of one part, inflated. */
  entryBytes: 100 * 1024 * 1024,
  /** Bytes of all parts, inflated. */
  totalBytes: 300 * 1024 * 1024,
  /** Rows of a sheet (Sheets' own grid holds 10 million cells in all). */
  rows: 200_000,
  /** Columns of a sheet (column ALL). */
  columns: 1_000,
} as const;

const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function columnNumber(letters: string): number {
  let n = 0;
  for (const letter of letters) n = n * 26 + (letter.charCodeAt(0) - 64);
  return n;
}

/** The highest row and column a worksheet's XML names (its dimension, rows and cells). */
export function sheetExtent(xml: string): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  const cell = /<(?:\w+:)?(?:c|row|dimension)\b[^>]*?\b(?:r|ref)="([^"]*)"/g;
  for (let match = cell.exec(xml); match; match = cell.exec(xml)) {
    for (const ref of (match[1] ?? '').split(/[:\s]/)) {
      const parts = /^\$?([A-Z]{1,4})?\$?(\d+)?$/.exec(ref);
      if (!parts) continue;
      if (parts[1]) columns = Math.max(columns, columnNumber(parts[1]));
      if (parts[2]) rows = Math.max(rows, Number(parts[2]));
    }
  }
  return { rows, columns };
}

function tooBig(what: string, en: string): string {
  return tr(
    `Tệp vượt giới hạn XHHT đọc được an toàn: ${what}. Tệp có thể bị hỏng hoặc cố ý làm cho máy hết bộ nhớ; mở tệp bằng Excel hoặc LibreOffice, xóa các dòng, cột thừa rồi lưu lại.`,
    `The file is beyond what XHHT reads safely: ${en}. It may be damaged, or made to exhaust memory; open it in Excel or LibreOffice, delete the extra rows and columns, and save it again.`,
  );
}

/** Why a worksheet part reaching `extent` is refused, or undefined when it is within the limits. */
export function extentProblem(
  name: string,
  extent: { rows: number; columns: number },
  limits: Record<keyof typeof XLSX_LIMITS, number> = XLSX_LIMITS,
): string | undefined {
  if (extent.rows <= limits.rows && extent.columns <= limits.columns) return undefined;
  return tooBig(
    `trang tính «${name}» dài tới dòng ${extent.rows}, cột ${extent.columns} (tối đa ${limits.rows} dòng, ${limits.columns} cột)`,
    `worksheet «${name}» reaches row ${extent.rows}, column ${extent.columns} (at most ${limits.rows} rows, ${limits.columns} columns)`,
  );
}

/**
 * Why the .xlsx bytes are refused before loading, or undefined when they are within the limits.
 * `keep` receives each part as inflated (so a caller reading the parts itself inflates nothing
 * twice); with `extents: false` the worksheets' extent is left to that caller (`extentProblem`),
 * which finds it while parsing instead of by a pass of its own.
 */
export function xlsxProblem(
  bytes: Buffer,
  limits = XLSX_LIMITS,
  options: { keep?: (name: string, content: Buffer) => void; extents?: boolean } = {},
): string | undefined {
  const end = endOfCentralDirectory(bytes);
  if (end < 0) return undefined; // Not a zip: exceljs says so in its own words.
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  if (count > limits.entries) {
    return tooBig(
      `${count} phần trong tệp nén (tối đa ${limits.entries})`,
      `${count} parts in the zip (at most ${limits.entries})`,
    );
  }
  let total = 0;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) return undefined;
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const declared = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + skip;
    if (declared > limits.entryBytes || compressed === 0xffffffff) {
      return tooBig(
        `phần «${name}» giải nén ra ${declared} byte (tối đa ${limits.entryBytes})`,
        `part «${name}» inflates to ${declared} bytes (at most ${limits.entryBytes})`,
      );
    }
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL) continue;
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + compressed);
    let content: Buffer;
    if (method === 0) content = data;
    else if (method === 8) {
      try {
        content = inflateRawSync(data, { maxOutputLength: limits.entryBytes });
      } catch (error) {
        if (
          (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ||
          error instanceof RangeError
        ) {
          return tooBig(
            `phần «${name}» giải nén ra hơn ${limits.entryBytes} byte`,
            `part «${name}» inflates to more than ${limits.entryBytes} bytes`,
          );
        }
        continue; // A damaged part: exceljs reports it.
      }
    } else continue;
    total += content.length;
    if (total > limits.totalBytes) {
      return tooBig(
        `các phần giải nén ra hơn ${limits.totalBytes} byte`,
        `the parts inflate to more than ${limits.totalBytes} bytes`,
      );
    }
    options.keep?.(name, content);
    if (options.extents !== false && /^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
      const problem = extentProblem(name, sheetExtent(content.toString('utf8')), limits);
      if (problem) return problem;
    }
  }
  return undefined;
}
