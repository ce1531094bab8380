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

/** 'Chấm điểm ĐVHT'!E5: the sheet name quoted the way Sheets quotes it. */
export function sheetCellRef(sheet: string, row: number, column: number): string {
  return `'${sheet.replace(/'/g, "''")}'!${cellRef(row, column)}`;
}
