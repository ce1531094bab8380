import { type CellValue, cellText, textKey } from '../domain/cells';

/**
 * The columns of issue 11's record, by header (the step of branch core-step writes them): read by
 * header text wherever they are, and absent from sheets an earlier version wrote.
 */

/** The log's column holding a step's record (the encodeRecord of the unit's row after the step). */
export const LOG_RECORD_HEADER = 'Ô do XHHT ghi';
/** The log's column holding the sheet row of the same unit's previous log row ('' for its first). */
export const LOG_UNIT_PREVIOUS_HEADER = 'Dòng trước của đơn vị';
/** The scoring sheet's column holding the sheet row of the unit's last log row. */
export const LOG_ROW_HEADER = 'Dòng nhật ký';
/** The scoring sheet's column saying which cells disagree with the log, or blank. */
export const HAND_EDIT_HEADER = 'Sửa tay';

/** The 1-based column whose header reads `header` (case and spacing aside), or undefined. */
export function columnNamed(header: readonly CellValue[], name: string): number | undefined {
  const key = textKey(name);
  const index = header.findIndex((cell) => textKey(cellText(cell)) === key);
  return index < 0 ? undefined : index + 1;
}
