import type { CellValue } from '../domain/cells';
import { sealHolds, sealOf } from '../domain/seal';
import type { ScoringColumns } from './layout';
import type { HasherPort } from './ports';

/**
 * What an approval seals: the row's scores, evidence and meeting cells, as one SHA-256 («Dấu giá trị
 * đã duyệt»). Shared by the steps (act), score-all and the sidebar, which flag a decided row edited
 * after its decision.
 */

/** The 0-based indexes of the sealed cells in a row; -1 (read blank) for a column not there. */
export function sealedColumns(
  columns: ScoringColumns,
  at: (key: string) => number | undefined,
): number[] {
  return [...columns.inputs, ...columns.evidence, ...columns.meeting].map(
    (spec) => (at(spec.key) ?? 0) - 1,
  );
}

/** The sealed cells of a row, exactly as stored ('' for a column not there). */
function sealedValues(row: readonly CellValue[], sealed: readonly number[]): CellValue[] {
  return sealed.map((i) => (i < 0 ? '' : (row[i] ?? '')));
}

/** The seal a step writes: the sealed cells exactly as stored, dates included (src/domain/seal.ts). */
export function sealRow(
  row: readonly CellValue[],
  sealed: readonly number[],
  hasher: HasherPort,
): string {
  return sealOf(sealedValues(row, sealed), (text) => hasher.sha256Hex(text));
}

/**
 * Whether `seal` still holds for the row: this version's seal, or one written before issue 11 (the
 * cells' trimmed text, a date read as blank), which holds until the next approval writes a new one.
 */
export function sealStillHolds(
  seal: string,
  row: readonly CellValue[],
  sealed: readonly number[],
  hasher: HasherPort,
): boolean {
  return sealHolds(seal, sealedValues(row, sealed), (text) => hasher.sha256Hex(text));
}

// A decided row whose values were edited after the decision: the text is the step's (domain).
export { frozenEditText } from '../domain/step-decision';
