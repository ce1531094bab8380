import { type CellValue, cellText } from '../domain/cells';
import { tr } from '../domain/i18n';
import type { ScoringColumns } from './layout';

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

/** The text that is hashed: the sealed cells as text, in order. */
export function sealedText(row: readonly CellValue[], sealed: readonly number[]): string {
  return JSON.stringify(sealed.map((i) => cellText(row[i])));
}

/** A decided row whose values were edited after the decision: flagged, never sent back (issue 10). */
export function frozenEditText(decision: string): string {
  return tr(
    `Điểm hoặc minh chứng đã bị sửa sau quyết định${decision ? ` ${decision}` : ''}; kết quả đã quyết định vẫn giữ nguyên. Muốn sửa, người quyết định dùng «Thu hồi / hủy công nhận».`,
    `Scores or evidence were edited after the decision${decision ? ` ${decision}` : ''}; the decided result stands. To correct it, the decider uses «Thu hồi / hủy công nhận» (revoke).`,
  );
}
