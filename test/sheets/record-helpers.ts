import { GENESIS, rowHash } from '../../src/domain/audit';
import { encodeRecord, type RecordKey, recordOfCells } from '../../src/domain/unit-record';
import { GasHasher, GasStore } from '../../src/gas/services';
import { GasWorkbook } from '../../src/gas/workbook';
import {
  AUDIT_SHEET,
  chainBase,
  HEAD_KEY,
  HEAD_SHEET,
  readAudit,
} from '../../src/sheets/audit-log';
import {
  HAND_EDIT_HEADER,
  LOG_RECORD_HEADER,
  LOG_ROW_HEADER,
  LOG_UNIT_PREVIOUS_HEADER,
} from '../../src/sheets/hand-edit';
import { WORKFLOW_COLUMNS } from '../../src/sheets/layout';
import type { FakeGoogle } from '../fakes/google';
import type { FakeSheet } from '../fakes/spreadsheet';
import { rubric } from './workbook-helpers';

/**
 * What the step of issue 11 (branch core-step) leaves, put into the fakes by hand until it lands: the
 * log's «Ô do XHHT ghi» and «Dòng trước của đơn vị» columns, and the scoring sheet's «Dòng nhật ký» and
 * «Sửa tay». Each unit's last log row gets the record of its row as it stands (call it after the
 * legitimate steps, before an attack); earlier rows are linked by «Dòng trước của đơn vị».
 */
export function recordTheLog(google: FakeGoogle): Map<string, number> {
  const log = google.spreadsheet.sheet(AUDIT_SHEET);
  const last = stamp(log, google.spreadsheet.sheet(rubric.scoringSheet));
  rechain(google, log);
  return last;
}

/**
 * The chain as the step would have written it over the stamped rows (rows carrying a record hash it,
 * src/domain/audit.ts): each row's «Mã dòng trước» and the kept head recomputed, so that «Kiểm tra
 * nhật ký» finds the log intact.
 */
function rechain(google: FakeGoogle, log: FakeSheet): void {
  const ports = {
    workbook: new GasWorkbook(google.SpreadsheetApp),
    store: new GasStore(google.PropertiesService),
    hasher: new GasHasher(google.Utilities),
  };
  const digest = (text: string) => ports.hasher.sha256Hex(text);
  const rows = readAudit(ports.workbook);
  if (rows.length === 0) return;
  const previousColumn = (log.snapshot()[0] ?? []).indexOf('Mã dòng trước') + 1;
  let head = chainBase(ports).head || GENESIS;
  const previous: string[][] = [];
  for (const row of rows) {
    previous.push([head]);
    head = rowHash({ ...row, previous: head }, digest);
  }
  log.type(2, previousColumn, previous);
  ports.store.set(HEAD_KEY, head);
  google.spreadsheet.sheet(HEAD_SHEET).type(1, 2, [[head]]);
}

function stamp(log: FakeSheet, scoring: FakeSheet): Map<string, number> {
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
    log.type(i + 1, previousColumn, [[String(last.get(unit) ?? '')]]);
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
