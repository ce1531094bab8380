import { textKey } from '../domain/cells';
import type { RegisterEntry } from '../domain/register';
import { decodeRecord, RECORD_KEYS, type UnitRecord } from '../domain/unit-record';
import {
  type AuditPorts,
  adoptMarkedRows,
  type LogCursor,
  logCursor,
  readLogTail,
} from './audit-log';
import { UNIT_COLUMNS, WORKFLOW_COLUMNS, WORKFLOW_KEYS } from './layout';
import { type StorePort, setEach, type WorkbookPort } from './ports';
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

/** How a refused attempt's log action ends (src/sheets/act.ts). */
export const REFUSED_SUFFIX = ' (bị từ chối)';

export interface PendingStep {
  readonly sheet: string;
  /** The sheet row of the run's first log row, and how many it writes. */
  readonly logRow: number;
  readonly logRows: number;
  /**
   * The scoring rows the run changes, as runs [first row, count]: small for a bulk step too. Each
   * row's record and label are those of the last marked log row of its unit that is not a refusal.
   */
  readonly rows: readonly (readonly [number, number])[];
  readonly register: readonly RegisterEntry[];
}

/** A property holds at most 9 kB: the register entries of a bulk recognition go in parts. */
const PART_CHARS = 8_000;
const partKey = (i: number) => `${PENDING_KEY}.${i}`;

export function markPendingStep(ports: { readonly store: StorePort }, step: PendingStep): void {
  const register = JSON.stringify(step.register);
  const parts = Math.ceil(register.length / PART_CHARS);
  // One call where the store can (issue 12), the parts before the mark that names them otherwise.
  const values: Record<string, string> = {};
  for (let i = 0; i < parts; i += 1) {
    values[partKey(i)] = register.slice(i * PART_CHARS, (i + 1) * PART_CHARS);
  }
  values[PENDING_KEY] = JSON.stringify({ ...step, register: parts });
  setEach(ports.store, values);
}

export function clearPendingStep(ports: { readonly store: StorePort }): void {
  ports.store.set(PENDING_KEY, '');
}

/** The mark kept, or undefined (none, or one that no longer parses: then nothing is completed). */
export function pendingStep(store: StorePort): PendingStep | undefined {
  const text = store.get(PENDING_KEY);
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as Omit<PendingStep, 'register'> & { register: number };
    if (
      typeof parsed.sheet !== 'string' ||
      !Number.isInteger(parsed.logRow) ||
      !Number.isInteger(parsed.logRows) ||
      !Array.isArray(parsed.rows) ||
      !Number.isInteger(parsed.register)
    ) {
      return undefined;
    }
    const register = Array.from({ length: parsed.register }, (_, i) => store.get(partKey(i)) ?? '');
    return { ...parsed, register: JSON.parse(register.join('') || '[]') as RegisterEntry[] };
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

/** The marked rows' cells, rewritten from the marked log rows (those rows still holding their unit). */
function completeCells(workbook: WorkbookPort, cursor: LogCursor, step: PendingStep): void {
  const sheet = workbook.sheet(step.sheet);
  if (!sheet || step.rows.length === 0) return;
  const header = sheet.readRange(1, 1, 1, sheet.lastColumn())[0] ?? [];
  const codeSpec = UNIT_COLUMNS.filter((spec) => spec.key === 'code');
  const located = locateColumns(header, [...codeSpec, ...WORKFLOW_COLUMNS]);
  const codeColumn = located.columns.get('code');
  if (codeColumn === undefined) return;
  // The run's log rows, in one read: each unit's last row that is not a refusal carries its record.
  const logged = new Map<string, { row: number; record: UnitRecord; label: string }>();
  readLogTail(cursor, step.logRow)
    .slice(0, step.logRows)
    .forEach((entry, i) => {
      const record = decodeRecord(entry.record ?? '');
      if (!record || entry.action.endsWith(REFUSED_SUFFIX)) return;
      logged.set(textKey(entry.unit), { row: step.logRow + i, record, label: entry.to });
    });
  for (const [first, count] of step.rows) {
    const codes = sheet.readRange(first, codeColumn, count, 1);
    for (let i = 0; i < count; i += 1) {
      // A row moved since holds another unit, or none of the run's: its cells stay as they are.
      const entry = logged.get(textKey(codes[i]?.[0]));
      if (!entry) continue;
      const values = new Map<number, string | number>();
      const put = (key: string, value: string | number) => {
        const column = located.columns.get(key);
        if (column !== undefined) values.set(column, value);
      };
      for (const key of RECORD_KEYS) put(key, entry.record[key]);
      put(WORKFLOW_KEYS.label, entry.label);
      put(WORKFLOW_KEYS.logRow, entry.row);
      put(WORKFLOW_KEYS.handEdit, '');
      for (const run of columnRuns([...values.keys()])) {
        const cells = Array.from({ length: run.count }, (_, c) => values.get(run.first + c) ?? '');
        sheet.writeValues(first + i, run.first, [cells]);
      }
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
