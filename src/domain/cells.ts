/**
 * Reading cells the way Vietnamese spreadsheets are typed: decimal commas, stray and non-breaking
 * spaces, NFD text from some keyboards. What is unambiguous is accepted; the rest comes back as a
 * problem for the caller to report with its cell.
 */

/** A cell value as Sheets' getValues() returns it: '' for a blank cell. */
export type CellValue = string | number | boolean | Date;

export type NumberProblem =
  | { kind: 'blank' }
  | { kind: 'notANumber'; text: string }
  | { kind: 'ambiguousNumber'; text: string }
  | { kind: 'date' }
  | { kind: 'boolean' };

export type ReadResult<T, P> = { ok: true; value: T } | { ok: false; problem: P };

const SPACES = /[\s\u00a0\u2007\u202f\ufeff]+/g;

/** Printable ASCII words, one space apart: already normal (NFC leaves ASCII as it is). */
const PLAIN = /^(?:[!-~]+ )*[!-~]+$/;

const NOT_ASCII = /[\u0080-\uffff]/;

/** NFC (ASCII text is its own NFC: taken as it is, a log of 100,000 rows is hashed field by field). */
export function nfc(text: string): string {
  return NOT_ASCII.test(text) ? text.normalize('NFC') : text;
}

/** NFC, no leading or trailing space, every run of spaces (non-breaking ones too) made one space. */
export function normalizeText(text: string): string {
  // Codes, emails, numbers, state codes and a log row's record are mostly such text (or blank):
  // answered without normalising (issue 12: a step compares every row of a province's people sheet,
  // the morning run millions of cells).
  if (text === '' || PLAIN.test(text)) return text;
  return text.normalize('NFC').replace(SPACES, ' ').trim();
}

/** A cell's text: a number as its digits (a code typed 101 is a number in Sheets), else ''. */
export function cellText(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? normalizeText(value) : '';
}

/**
 * Compares codes, keys and header texts: normalised and case-insensitive. Lower case as Vietnamese has
 * it: Unicode's language-specific case rules are Lithuanian, Turkish and Azeri only, so the locale's
 * lowering is `toLowerCase` (test/domain/cells.test.ts checks every code point), four times faster.
 */
export function textKey(value: unknown): string {
  return cellText(value).toLowerCase();
}

/** True for a Date from any realm (a Date made by another script context fails instanceof). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export function isBlank(value: unknown): boolean {
  return (
    value === '' ||
    value === null ||
    value === undefined ||
    (typeof value === 'string' && normalizeText(value) === '')
  );
}

const PLAIN_NUMBER = /^[+-]?\d+(?:[.,](\d+))?$/;

/**
 * A number from a cell. Text such as "8,5" or " 8.5 " reads as 8.5. "1.000" or "1,000" is refused as
 * ambiguous (a thousands separator or a decimal?), and so is anything else that is not a plain number.
 */
export function readNumber(value: CellValue): ReadResult<number, NumberProblem> {
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? { ok: true, value }
      : { ok: false, problem: { kind: 'notANumber', text: String(value) } };
  }
  if (typeof value === 'boolean') return { ok: false, problem: { kind: 'boolean' } };
  if (isDate(value)) return { ok: false, problem: { kind: 'date' } };
  const text = normalizeText(String(value ?? '')).replace(/\u2212/g, '-');
  if (text === '') return { ok: false, problem: { kind: 'blank' } };
  const match = PLAIN_NUMBER.exec(text);
  if (!match) return { ok: false, problem: { kind: 'notANumber', text } };
  const decimals = match[1];
  if (decimals !== undefined && decimals.length === 3) {
    return { ok: false, problem: { kind: 'ambiguousNumber', text } };
  }
  return { ok: true, value: Number(match[0].replace(',', '.')) };
}

/** Groups of three digits after dots, as Vietnamese writes thousands: 1.250, 12.500.000. */
const THOUSANDS = /^[+-]?\d{1,3}(?:\.\d{3})+$/;

/**
 * A whole number (a count of people or households) from a cell. Here «1.250» can only mean 1250,
 * the Vietnamese way of writing thousands, so it is read so; anything else is read as `readNumber`
 * reads it (the caller refuses what is not whole).
 */
export function readWholeNumber(value: CellValue): ReadResult<number, NumberProblem> {
  if (typeof value === 'string') {
    const text = normalizeText(value);
    if (THOUSANDS.test(text)) return { ok: true, value: Number(text.replace(/\./g, '')) };
  }
  return readNumber(value);
}

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** A date from a cell: a Date, or day/month/year text as Vietnamese documents write it (15/03/2025). */
export function readDate(
  value: CellValue,
): ReadResult<Date, { kind: 'blank' } | { kind: 'notADate'; text: string }> {
  if (isDate(value)) return { ok: true, value };
  const text = normalizeText(String(value ?? ''));
  if (text === '') return { ok: false, problem: { kind: 'blank' } };
  const match = DMY.exec(text);
  if (match) {
    const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(year, month - 1, day);
    if (date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day) {
      return { ok: true, value: date };
    }
  }
  return { ok: false, problem: { kind: 'notADate', text } };
}

/** The most characters a Google Sheets cell holds. */
export const MAX_CELL_CHARS = 50_000;

/**
 * A cell's value exactly as stored, as text for a hash: a string as it is (no trimming, no collapsing
 * of spaces or line breaks; only NFC, so a keyboard's NFD reads the same), a number in its shortest
 * form, a boolean as TRUE/FALSE, a Date as its ISO instant. Unlike `cellText`, two different cells
 * never give the same text, and a Date is not lost.
 */
export function storedText(value: unknown): string {
  if (typeof value === 'string') return nfc(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDate(value)) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  return '';
}
