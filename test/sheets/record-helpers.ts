import { encodeRecord, type RecordKey, recordOfCells } from '../../src/domain/unit-record';
import { AUDIT_SHEET } from '../../src/sheets/audit-log';
import {
  HAND_EDIT_HEADER,
  LOG_RECORD_HEADER,
  LOG_ROW_HEADER,
  LOG_UNIT_PREVIOUS_HEADER,
} from '../../src/sheets/hand-edit';
import { WORKFLOW_COLUMNS } from '../../src/sheets/layout';
import type { FakeSheet } from '../fakes/spreadsheet';

/**
 * What the step of issue 11 (branch core-step) leaves, put into the fakes by hand until it lands: the
 * log's «Ô do XHHT ghi» and «Dòng trước của đơn vị» columns, and the scoring sheet's «Dòng nhật ký» and
 * «Sửa tay». Each unit's last log row gets the record of its row as it stands (call it after the
 * legitimate steps, before an attack); earlier rows are linked by «Dòng trước của đơn vị».
 */
export function recordTheLog(log: FakeSheet, scoring: FakeSheet): Map<string, number> {
  const logHeader = log.snapshot()[0] ?? [];
  const recordColumn = columnOrAdd(log, LOG_RECORD_HEADER);
  const previousColumn = columnOrAdd(log, LOG_UNIT_PREVIOUS_HEADER);
  const logRowColumn = columnOrAdd(scoring, LOG_ROW_HEADER);
  columnOrAdd(scoring, HAND_EDIT_HEADER);
  const unitColumn = logHeader.indexOf('Đơn vị') + 1;
  const last = new Map<string, number>();
  log.snapshot().forEach((cells, i) => {
    if (i === 0) return;
    const unit = String(cells[unitColumn - 1] ?? '');
    if (unit === '') return;
    log.type(i + 1, previousColumn, [[last.get(unit) ?? '']]);
    last.set(unit, i + 1);
  });
  const header = scoring.snapshot()[0] ?? [];
  const columnOf = (name: string) => header.indexOf(name) + 1;
  const keyHeader = new Map(WORKFLOW_COLUMNS.map((spec) => [spec.key, spec.header]));
  scoring.snapshot().forEach((cells, i) => {
    if (i === 0) return;
    const code = String(cells[columnOf('Mã đơn vị') - 1] ?? '');
    const row = last.get(code);
    if (row === undefined) return;
    const record = recordOfCells((key: RecordKey) => {
      const column = columnOf(keyHeader.get(key) ?? '');
      return column > 0 ? (cells[column - 1] as string) : '';
    });
    log.type(row, recordColumn, [[encodeRecord(record)]]);
    scoring.type(i + 1, logRowColumn, [[row]]);
  });
  return last;
}

/** The column headed `name`, added after the last one when absent. */
export function columnOrAdd(sheet: FakeSheet, name: string): number {
  const header = sheet.snapshot()[0] ?? [];
  const found = header.indexOf(name);
  if (found >= 0) return found + 1;
  // The grid grows as Sheets grows it when a column is added (set-up does so).
  if (header.length + 1 > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), 1);
  sheet.type(1, header.length + 1, [[name]]);
  return header.length + 1;
}

export { AUDIT_SHEET };
