import { textKey } from '../domain/cells';
import type { RegisterEntry } from '../domain/register';
import { decodeRecord, RECORD_KEYS } from '../domain/unit-record';
import {
  type AuditPorts,
  adoptMarkedRows,
  type LogCursor,
  logCursor,
  readLogRow,
} from './audit-log';
import { UNIT_COLUMNS, WORKFLOW_COLUMNS, WORKFLOW_KEYS } from './layout';
import type { StorePort, WorkbookPort } from './ports';
import { appendRegister, readRegister } from './register-sheet';
import { columnRuns, locateColumns } from './table';

/**
 * The pending-write mark of a step (issue 11): recorded in the document properties before the step's
 * first write, cleared after its last. A run cut off in between leaves it; the next step, before its
 * own work, finishes that run exactly as the mark says — the cells of the marked rows from the marked
 * log rows, the register rows the run owed (its mail is owed through `xhht.mail.logged`) — and
 * nothing else: any other disagreement between a row and the log is a hand edit. Small: one entry per
 * changed row, the register entries of the run.
 */

export const PENDING_KEY = 'xhht.step.pending';

export interface PendingRow {
  /** The scoring sheet's row. */
  readonly row: number;
  readonly unit: string;
  /** The log row that carries the row's record after the step. */
  readonly logRow: number;
  /** The state's label («Trạng thái»), which the record does not hold. */
  readonly label: string;
}

export interface PendingStep {
  readonly sheet: string;
  /** The sheet row of the run's first log row, and how many it writes. */
  readonly logRow: number;
  readonly logRows: number;
  readonly rows: readonly PendingRow[];
  readonly register: readonly RegisterEntry[];
}

export function markPendingStep(ports: { readonly store: StorePort }, step: PendingStep): void {
  ports.store.set(PENDING_KEY, JSON.stringify(step));
}

export function clearPendingStep(ports: { readonly store: StorePort }): void {
  ports.store.set(PENDING_KEY, '');
}

/** The mark kept, or undefined (none, or one that no longer parses: then nothing is completed). */
export function pendingStep(store: StorePort): PendingStep | undefined {
  const text = store.get(PENDING_KEY);
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as PendingStep;
    if (
      typeof parsed.sheet !== 'string' ||
      !Number.isInteger(parsed.logRow) ||
      !Number.isInteger(parsed.logRows) ||
      !Array.isArray(parsed.rows) ||
      !Array.isArray(parsed.register)
    ) {
      return undefined;
    }
    return parsed;
  } catch {
    return undefined;
  }
}

/** Dates come back from JSON as text. */
function revived(entry: RegisterEntry): RegisterEntry {
  return {
    ...entry,
    decisionDate: new Date(entry.decisionDate),
    ...(entry.validUntil ? { validUntil: new Date(entry.validUntil) } : {}),
  };
}

/** The marked rows' cells, rewritten from the log rows the mark names (those still in place). */
function completeCells(workbook: WorkbookPort, cursor: LogCursor, step: PendingStep): void {
  const sheet = workbook.sheet(step.sheet);
  if (!sheet || step.rows.length === 0) return;
  const header = sheet.readRange(1, 1, 1, sheet.lastColumn())[0] ?? [];
  const codeSpec = UNIT_COLUMNS.filter((spec) => spec.key === 'code');
  const located = locateColumns(header, [...codeSpec, ...WORKFLOW_COLUMNS]);
  const codeColumn = located.columns.get('code');
  if (codeColumn === undefined) return;
  for (const marked of step.rows) {
    const entry = readLogRow(cursor, marked.logRow);
    const record = entry && decodeRecord(entry.record ?? '');
    if (!entry || !record || textKey(entry.unit) !== textKey(marked.unit)) continue;
    // A row moved since: its cells stay as they are (the next step says they disagree).
    const [[code] = []] = sheet.readRange(marked.row, codeColumn, 1, 1);
    if (textKey(code) !== textKey(marked.unit)) continue;
    const values = new Map<number, string | number>();
    for (const key of RECORD_KEYS) {
      const column = located.columns.get(key);
      if (column !== undefined) values.set(column, record[key]);
    }
    const put = (key: string, value: string | number) => {
      const column = located.columns.get(key);
      if (column !== undefined) values.set(column, value);
    };
    put(WORKFLOW_KEYS.label, marked.label);
    put(WORKFLOW_KEYS.logRow, marked.logRow);
    put(WORKFLOW_KEYS.handEdit, '');
    for (const run of columnRuns([...values.keys()])) {
      const cells = Array.from({ length: run.count }, (_, i) => values.get(run.first + i) ?? '');
      sheet.writeValues(marked.row, run.first, [cells]);
    }
  }
}

/**
 * Finishes a step cut off after its mark, as the mark says, and clears it. Call under the lock before
 * a step's own work. Returns whether anything was written (the log's extent may have changed).
 */
export function completePendingStep(
  ports: AuditPorts,
  cursor: LogCursor | undefined = logCursor(ports),
): boolean {
  const step = pendingStep(ports.store);
  if (!step) {
    if (ports.store.get(PENDING_KEY)) clearPendingStep(ports);
    return false;
  }
  const last = step.logRow + step.logRows - 1;
  // The log rows are one write: absent, nothing of the run landed and nothing is owed.
  if (!cursor || cursor.lastRow < last) {
    clearPendingStep(ports);
    return false;
  }
  // Cut between the log write and the kept head: the head moves over exactly the marked rows.
  adoptMarkedRows(ports, step.logRow, step.logRows);
  const after = logCursor(ports) ?? cursor;
  completeCells(ports.workbook, after, step);
  if (step.register.length > 0) {
    const present = new Set(
      readRegister(ports.workbook)
        .entries.map((entry) => entry.logRow)
        .filter((row) => row !== undefined),
    );
    appendRegister(
      ports.workbook,
      step.register
        .filter((entry) => entry.logRow === undefined || !present.has(entry.logRow))
        .map(revived),
    );
  }
  clearPendingStep(ports);
  return true;
}
