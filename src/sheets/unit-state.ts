import { type CellValue, cellText, readDate } from '../domain/cells';
import { datedLadderOn, type Ladder, ladderNamed } from '../domain/ladder';
import type { Rubric } from '../domain/rubric';
import type { Settings } from '../domain/settings';
import { storedState } from '../domain/step-decision';
import { decodePrevious, type UnitState } from '../domain/workflow';
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
  const resultColumn = at(WORKFLOW_KEYS.decidedResult);
  return storedState(
    cellText(row[col(WORKFLOW_KEYS.state) - 1]),
    resultColumn === undefined ? '' : cellText(row[resultColumn - 1]),
    row[col(WORKFLOW_KEYS.decisionDate) - 1] ?? '',
    ladder,
    rubric,
    now,
  );
}

// Ladders by their text: a use case asks for one per row, and the text is parsed once per run.
const ladders = new Map<string, Ladder>();

function named(text: string, confirm?: string): Ladder {
  const key = `${text}\u0000${confirm ?? ''}`;
  const known = ladders.get(key);
  if (known) return known;
  const ladder = ladderNamed(text);
  if (!ladder) throw new Error(`no ladder ${text}`);
  const found = confirm ? { ...ladder, warning: `Cần xác nhận: ${confirm}` } : ladder;
  ladders.set(key, found);
  return found;
}

/**
 * The ladder a rubric's unit climbs when its dossier is sent on `day` (before it is sent: the day of
 * the step). The rubric's dated ladders choose by that day (a day before all of them takes the
 * earliest); a rubric without any takes the settings' ladder. `day` undefined is a unit sent by the
 * previous version, which stored no submission date: it keeps the ladder that version gave it, the
 * rubric's undated ladder or else the settings'.
 */
export function ladderFor(
  rubric: Pick<Rubric, 'procedure'>,
  settings: Pick<Settings, 'ladder'>,
  day?: Date,
): Ladder {
  const dated = rubric.procedure?.ladders ?? [];
  if (day === undefined || dated.length === 0) {
    const undated = dated.find((candidate) => candidate.from === null);
    return undated ? named(undated.ladder, undated.confirm) : named(settings.ladder);
  }
  const chosen =
    datedLadderOn(dated, day) ??
    [...dated].sort((a, b) => (a.from?.getTime() ?? 0) - (b.from?.getTime() ?? 0))[0];
  return chosen ? named(chosen.ladder, chosen.confirm) : named(settings.ladder);
}

/**
 * The day that chooses a row's ladder: its «Ngày nộp» once the dossier is sent, the step's day
 * before; undefined for a dossier sent by the previous version (no date kept).
 */
export function ladderDay(
  row: readonly CellValue[],
  column: (key: string) => number | undefined,
  now: Date,
): Date | undefined {
  const code = cellText(row[(column(WORKFLOW_KEYS.state) ?? 0) - 1]).split(':')[0] ?? '';
  if (code === '' || code === 'none' || code === 'drafting') return now;
  const at = column(WORKFLOW_KEYS.submittedOn);
  const read = at === undefined ? undefined : readDate(row[at - 1] ?? '');
  return read?.ok ? read.value : undefined;
}

/** The ladder of one row: `ladderFor` on the row's `ladderDay`. */
export function rowLadder(
  rubric: Pick<Rubric, 'procedure'>,
  settings: Pick<Settings, 'ladder'>,
  row: readonly CellValue[],
  column: (key: string) => number | undefined,
  now: Date,
): Ladder {
  return ladderFor(rubric, settings, ladderDay(row, column, now));
}

/** The state before the row's last step: null when there is none to undo, undefined when edited. */
export function rowPrevious(
  row: readonly CellValue[],
  col: (key: string) => number,
  ladder: Ladder,
): UnitState | null | undefined {
  return decodePrevious(cellText(row[col(WORKFLOW_KEYS.previous) - 1]), ladder);
}
