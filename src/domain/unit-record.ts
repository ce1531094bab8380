import { type CellValue, cellText, isDate } from './cells';
import { formatDate } from './recognition';

/**
 * A unit's record: what the cells of a scoring row that XHHT alone writes hold after a step (state,
 * previous state, seal, decision, submission), as the log row of that step records it. The log is the
 * record; those cells are a cache of it. A cell that disagrees with the unit's last log row was edited
 * by hand («sửa tay»): shown, not counted, until an authorised step settles it (issue 11).
 *
 * The keys are the scoring sheet's workflow column keys (src/sheets/layout.ts WORKFLOW_KEYS).
 */
export const RECORD_KEYS = [
  'state',
  'previousState',
  'approvedHash',
  'submittedOn',
  'appliedLevel',
  'decisionNumber',
  'decisionDate',
  'decidedResult',
] as const;

export type RecordKey = (typeof RECORD_KEYS)[number];

export type UnitRecord = Readonly<Record<RecordKey, string>>;

/** The record of a unit no step has touched: every cell blank. */
export const EMPTY_RECORD: UnitRecord = Object.freeze(
  Object.fromEntries(RECORD_KEYS.map((key) => [key, ''])) as Record<RecordKey, string>,
);

/** Keys whose cells hold a day: Sheets may turn the text XHHT wrote into a date, which reads the same. */
const DAY_KEYS: ReadonlySet<RecordKey> = new Set(['submittedOn', 'decisionDate']);

/**
 * One cell's value as the record compares it: a day as dd/mm/yyyy (a Date or the text Sheets kept),
 * anything else as its normalised text. Normalising is safe here: the record guards codes, hashes and
 * dates, not free text.
 */
export function recordValue(key: RecordKey, value: CellValue | undefined): string {
  if (DAY_KEYS.has(key) && isDate(value)) {
    return Number.isNaN(value.getTime()) ? '' : formatDate(value);
  }
  return cellText(value);
}

/** The record a row's cells hold; a column the sheet lacks reads as blank. */
export function recordOfCells(cell: (key: RecordKey) => CellValue | undefined): UnitRecord {
  // A loop rather than Object.fromEntries: the morning run makes one for each of a province's units.
  const record = {} as Record<RecordKey, string>;
  for (const key of RECORD_KEYS) record[key] = recordValue(key, cell(key));
  return record;
}

/** The record as the log stores it: a JSON array in RECORD_KEYS order, one text cell. */
export function encodeRecord(record: UnitRecord): string {
  return JSON.stringify(RECORD_KEYS.map((key) => record[key]));
}

/** The record a log cell holds, or undefined when the cell is not one (blank, edited, older log row). */
export function decodeRecord(text: string): UnitRecord | undefined {
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== RECORD_KEYS.length ||
    !parsed.every((value) => typeof value === 'string')
  ) {
    return undefined;
  }
  const record = {} as Record<RecordKey, string>;
  RECORD_KEYS.forEach((key, i) => {
    record[key] = parsed[i] as string;
  });
  return record;
}

/** The keys where the row's cells differ from the record its last log row holds: empty when they agree. */
export function recordDiffers(cached: UnitRecord, logged: UnitRecord): RecordKey[] {
  return RECORD_KEYS.filter((key) => cached[key] !== logged[key]);
}
