import { tr } from './i18n';

/** A1 notation for messages that name a cell. Rows and columns are 1-based, as in Sheets. */

export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

export function cellRef(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/** "Ô E5, trang «Chấm điểm ĐVHT»": where a message points an officer. */
export function cellPlace(sheet: string, row: number, column: number): string {
  const cell = cellRef(row, column);
  return tr(`Ô ${cell}, trang «${sheet}»`, `Cell ${cell}, sheet «${sheet}»`);
}

/**
 * A conditional-format formula, true where a typed cell of `changed` differs from the same row of
 * `original`, written for the first row of the range it colours (Sheets and Excel shift it down).
 */
export function differsFormula(changed: number, original: number, row: number): string {
  const c = `$${columnLetter(changed)}${row}`;
  return `AND(${c}<>"",${c}<>$${columnLetter(original)}${row})`;
}

/** Whether a conditional-format formula is one `differsFormula` wrote (with or without its "="). */
export const DIFFERS_FORMULA = /^=?AND\(\$[A-Z]+\d+<>"",\$[A-Z]+\d+<>\$[A-Z]+\d+\)$/;
