import type { AuditRow } from '../domain/audit';
import { storedText } from '../domain/cells';
import { awaitingConfirmation, type Claim } from '../domain/offline-claims';
import { AUDIT_COLUMNS, AUDIT_SHEET } from './audit-log';
import type { StorePort, WorkbookPort } from './ports';
import { columnOf, locateRequired } from './table';

/**
 * Where offline claims (src/domain/offline-claims.ts) may stand in «Nhật ký»: the sheet row of the
 * first one an import or an acceptance brought in, kept in the document properties, so that the
 * export and the summary read the log's tail from there, not the whole log. Cleared once none waits.
 */
export const CLAIMS_FROM_KEY = 'xhht.offline.claimsFrom';

/** Records that claims may stand from sheet row `row` on (the earliest row kept). */
export function noteClaims(store: StorePort, row: number): void {
  const kept = Number(store.get(CLAIMS_FROM_KEY) ?? '');
  if (!Number.isInteger(kept) || kept < 2 || row < kept) store.set(CLAIMS_FROM_KEY, String(row));
}

/**
 * The units whose latest offline claim waits for confirmation, keyed by `textKey` of the code, with
 * the sheet row of the claim. One property read when none was ever recorded; else one read of the
 * log's tail.
 */
export function waitingClaims(ports: {
  readonly workbook: WorkbookPort;
  readonly store?: StorePort;
}): Map<string, Claim & { readonly sheetRow: number }> {
  const waiting = new Map<string, Claim & { readonly sheetRow: number }>();
  const from = Number(ports.store?.get(CLAIMS_FROM_KEY) ?? '');
  if (!Number.isInteger(from) || from < 2) return waiting;
  const sheet = ports.workbook.sheet(AUDIT_SHEET);
  if (!sheet || sheet.lastRow() < from || sheet.lastColumn() < 1) return waiting;
  const width = sheet.lastColumn();
  const located = locateRequired(
    AUDIT_SHEET,
    sheet.readRange(1, 1, 1, width)[0] ?? [],
    AUDIT_COLUMNS,
  );
  const fields = ['time', 'user', 'unit', 'action', 'from', 'to', 'comment', 'previous'] as const;
  // The record a claim left: who may confirm it is judged on the state it came from, as the log says.
  const recordColumn = located.columns.get('record');
  const rows = sheet.readRange(from, 1, sheet.lastRow() - from + 1, width).map(
    (cells) =>
      ({
        ...Object.fromEntries(
          fields.map((key) => [key, storedText(cells[columnOf(located, key) - 1])]),
        ),
        ...(recordColumn === undefined ? {} : { record: storedText(cells[recordColumn - 1]) }),
      }) as unknown as AuditRow,
  );
  for (const [unit, claim] of awaitingConfirmation(rows)) {
    waiting.set(unit, { ...claim, sheetRow: from + claim.index });
  }
  return waiting;
}
