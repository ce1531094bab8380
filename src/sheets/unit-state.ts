import { type CellValue, cellText, readDate } from '../domain/cells';
import { type Ladder, ladderNamed } from '../domain/ladder';
import { meetsTitle } from '../domain/register';
import { known, type Rubric } from '../domain/rubric';
import type { Settings } from '../domain/settings';
import {
  decodePrevious,
  decodeState,
  type UnitState,
  withExpiry,
  withOutcome,
} from '../domain/workflow';
import { WORKFLOW_KEYS } from './layout';

/**
 * A unit's place in the workflow as a scoring sheet's row holds it, for every use case that reads
 * it (act, the sidebar, the export, the summary).
 */

/**
 * A row's state as its state cell holds it, with a recognition whose validity has ended seen as
 * expired, and a decision in a band that does not hold the title seen as classified; undefined when
 * the cell was edited into something else. `at` finds a column that may be absent.
 */
export function rowState(
  row: readonly CellValue[],
  col: (key: string) => number,
  ladder: Ladder,
  rubric: Rubric,
  now: Date,
  at: (key: string) => number | undefined = col,
): UnitState | undefined {
  const decoded = decodeState(cellText(row[col(WORKFLOW_KEYS.state) - 1]), ladder);
  if (!decoded) return undefined;
  const resultColumn = at(WORKFLOW_KEYS.decidedResult);
  const result = resultColumn === undefined ? '' : cellText(row[resultColumn - 1]);
  const stored = withOutcome(decoded, result, meetsTitle(rubric, result));
  const decided = readDate(row[col(WORKFLOW_KEYS.decisionDate) - 1] ?? '');
  const months = rubric.method === 'levels' ? known(rubric.validityMonths) : undefined;
  return withExpiry(stored, decided.ok ? decided.value : undefined, months, now);
}

/** The ladder a rubric's units climb: its own, else the settings' default. */
export function ladderFor(
  rubric: Pick<Rubric, 'ladder'>,
  settings: Pick<Settings, 'ladder'>,
): Ladder {
  const id = rubric.ladder ?? settings.ladder;
  const ladder = ladderNamed(id);
  if (!ladder) throw new Error(`no ladder ${id}`);
  return ladder;
}

/** The state before the row's last step: null when there is none to undo, undefined when edited. */
export function rowPrevious(
  row: readonly CellValue[],
  col: (key: string) => number,
  ladder: Ladder,
): UnitState | null | undefined {
  return decodePrevious(cellText(row[col(WORKFLOW_KEYS.previous) - 1]), ladder);
}
