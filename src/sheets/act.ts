import { cellPlace } from '../domain/a1';
import { type AuditEntry, logName } from '../domain/audit';
import { type CellValue, cellText, isBlank, MAX_CELL_CHARS, textKey } from '../domain/cells';
import { tr } from '../domain/i18n';
import type { StepEvent } from '../domain/notifications';
import { grantsOf } from '../domain/people';
import type { RegisterEntry } from '../domain/register';
import type { Rubric } from '../domain/rubric';
import {
  decideStep,
  type StepCell,
  type StepCellKey,
  type StepWrites,
} from '../domain/step-decision';
import { type Standing, standingOf } from '../domain/step-record';
import {
  EMPTY_RECORD,
  RECORD_KEYS,
  type RecordKey,
  recordDiffers,
  recordOfCells,
} from '../domain/unit-record';
import type { Action, Request } from '../domain/workflow';
import {
  type AuditPorts,
  appendAudit,
  assertLogAppendable,
  lastUnitRow,
  logCursor,
  logHasHistory,
  prefetchLogRows,
  readLogTail,
} from './audit-log';
import { readCriteria } from './criteria-sheet';
import { SheetError } from './errors';
import { MEETING_KEYS, RESULT_KEYS, scoringColumns, WORKFLOW_KEYS } from './layout';
import { readPeople } from './people-sheet';
import {
  type Context,
  extentOf,
  type IdentityPort,
  type SheetPort,
  type WorkbookPort,
  withSheetsCached,
} from './ports';
import { appendRegister, readRegister } from './register-sheet';
import { scoreSheet } from './score-all';
import { sealedColumns, sealRow, sealStillHolds } from './seal';
import { readSettings } from './settings-sheet';
import { stamp } from './stamp';
import { MAILED_KEY, queueMissedStepMail, queueStepMail } from './step-mail';
import { clearPendingStep, completePendingStep, markPendingStep } from './step-pending';
import { holdingStore, snapshotStore } from './store-snapshot';
import { columnOf, columnRuns, locateRequired } from './table';
import { unitDistrict, unitPlacesFor } from './unit-places';
import { ladderFor, rowLadder } from './unit-state';

/**
 * An approval action on the units an officer selected on a scoring sheet: register, submit, approve,
 * recognise, return or refuse. Everything is decided first; then, under the lock, the states are
 * written (one write), then the audit rows (one write), in that fixed order (DESIGN.md).
 */

export interface ActPorts extends Context, AuditPorts {
  readonly identity: IdentityPort;
}

export type ActRequest = Omit<Request, 'roles'>;

export interface ActReport {
  readonly sheet: string;
  readonly action: Action;
  readonly done: readonly { readonly code: string; readonly to: string }[];
  readonly refused: readonly { readonly code: string; readonly reason: string }[];
}

/** A comment or decision number a cell cannot hold is refused before anything is written. */
function refuseOverlong(request: ActRequest): void {
  const typed = [request.comment ?? '', request.decision?.number ?? ''];
  const longest = Math.max(...typed.map((text) => text.length));
  // The log's comment cell adds the decision's date to its number: keep room for it.
  if (longest > MAX_CELL_CHARS - 100) {
    throw new SheetError(
      tr(
        `Nhận xét dài ${longest} ký tự, quá sức chứa của một ô («Nhận xét gần nhất» và «Nhận xét» trong «Nhật ký»: tối đa ${MAX_CELL_CHARS - 100} ký tự). Hãy rút gọn, hoặc để văn bản dài trong một tệp và ghi đường dẫn. Chưa có gì được ghi.`,
        `The comment is ${longest} characters long, more than a cell holds («Nhận xét gần nhất» and «Nhận xét» in «Nhật ký»: at most ${MAX_CELL_CHARS - 100}). Shorten it, or keep the long text in a file and give its link. Nothing was written.`,
      ),
    );
  }
}

/** The rows to act on: the officer's selection, or the unit the sidebar shows. */
export interface Target {
  readonly sheet: string;
  readonly rows: readonly number[];
}

/** The target (or the officer's selection), its rubric and scoring sheet; refused unless rows of one are chosen. */
export function selectedScoringRows(
  workbook: WorkbookPort,
  target?: Target,
): { selection: Target; rubric: Rubric; sheet: SheetPort } {
  const selection = target ?? workbook.selection();
  const rubric = readCriteria(workbook)?.find(
    (read) => read.rubric?.scoringSheet === selection?.sheet,
  )?.rubric;
  const sheet = selection && rubric ? workbook.sheet(selection.sheet) : undefined;
  if (!selection || !rubric || !sheet || selection.rows.length === 0) {
    throw new SheetError(
      tr(
        'Hãy chọn (bôi đen) các dòng đơn vị trên một trang chấm điểm rồi chọn lại mục menu.',
        'Select the rows of the units on a scoring sheet, then choose the menu item again.',
      ),
    );
  }
  return { selection, rubric, sheet };
}

/**
 * Stops the step, before its first write, when a row it is about to write no longer holds the unit it
 * read there (another editor sorted or moved rows meanwhile): one read per run of adjacent rows.
 */
function assertRowsInPlace(
  sheet: SheetPort,
  codeColumn: number,
  rowNumbers: readonly number[],
  expected: (rowNumber: number) => string,
): void {
  const moved: number[] = [];
  for (const run of columnRuns(rowNumbers)) {
    const codes = sheet.readRange(run.first, codeColumn, run.count, 1);
    for (let i = 0; i < run.count; i += 1) {
      const rowNumber = run.first + i;
      if (textKey(codes[i]?.[0]) !== textKey(expected(rowNumber))) moved.push(rowNumber);
    }
  }
  if (moved.length > 0) {
    throw new SheetError(
      tr(
        `Trang «${sheet.name}»: dòng ${moved.join(', ')} không còn là đơn vị đã đọc (có người vừa sắp xếp hoặc chuyển dòng trong lúc XHHT làm việc). Chưa có gì được ghi; hãy chọn lại các dòng rồi làm lại.`,
        `Sheet «${sheet.name}»: row ${moved.join(', ')} no longer holds the unit read there (someone sorted or moved rows while XHHT worked). Nothing was written; select the rows again and retry.`,
      ),
    );
  }
}

export function act(ports: ActPorts, request: ActRequest, target?: Target): ActReport {
  refuseOverlong(request);
  return ports.lock.withLock(() =>
    withSheetsCached(ports.workbook, () => step(ports, request, target)),
  );
}

function step(ports: ActPorts, request: ActRequest, target?: Target): ActReport {
  // Issue 12: the document properties the step reads come in one call, under the lock, and its
  // last ones are written in one call (`store.holding`); each sheet is looked up once (above).
  const store = holdingStore(snapshotStore(ports.store));
  const ctx: ActPorts = { ...ports, store };
  const now = ctx.clock.now();
  const settings = readSettings(ctx.workbook, now);
  const { selection, rubric, sheet } = selectedScoringRows(ctx.workbook, target);
  // Each unit climbs the ladder its submission date chooses; this one names the run's mail otherwise.
  const runLadder = ladderFor(rubric, settings, now);
  const columns = scoringColumns(rubric);
  // Issue 12: the header and the selected rows only (a read per run of adjacent rows), never the
  // whole sheet: a step costs what it touches.
  const { rows: lastRow, columns: width } = extentOf(sheet);
  const header = width > 0 ? (sheet.readRange(1, 1, 1, width)[0] ?? []) : [];
  const located = locateRequired(sheet.name, header, columns.all);
  const selected = [...new Set(selection.rows)]
    .filter((rowNumber) => Number.isInteger(rowNumber) && rowNumber >= 2 && rowNumber <= lastRow)
    .sort((a, b) => a - b);
  const rows: CellValue[][] = [];
  for (const run of columnRuns(selected)) {
    sheet.readRange(run.first, 1, run.count, width).forEach((row, i) => {
      rows[run.first - 2 + i] = row;
    });
  }
  // A submission or an approval is judged on this moment's values, not on the last run of score-all:
  // the selected rows are scored in memory; their result cells are written with the step's cells.
  const judging = request.action === 'approve' || request.action === 'recognise';
  const scored = request.action === 'submit' || judging ? selected : [];
  if (scored.length > 0) {
    // Only a levels title's rules read the register (the unit's earlier recognitions).
    const register = rubric.method === 'levels' ? readRegister(ctx.workbook, [rubric]).entries : [];
    scoreSheet(sheet, rubric, now, register, ctx.hasher, false, {
      header,
      rows: new Map(selected.map((rowNumber) => [rowNumber, rows[rowNumber - 2] ?? []])),
    });
  }
  const registerEntries: RegisterEntry[] = [];

  const col = (key: string) => columnOf(located, key);
  const people = readPeople(ctx.workbook);
  const email = ctx.identity.activeUserEmail();
  const user = logName(email, ctx.identity.vouched);
  const grants = grantsOf(people.grants, email);
  const resultKey = rubric.method === 'points' ? RESULT_KEYS.band : RESULT_KEYS.level;
  // The workflow columns this sheet has: those this version added appear at the next set-up.
  const workflowSpecs = columns.workflow.filter((spec) => located.columns.has(spec.key));
  const at = (key: string) => located.columns.get(key);
  const workflowCells = rows.map((row) =>
    workflowSpecs.map((spec) => row[col(spec.key) - 1] ?? ''),
  );
  const workflowIndex = (key: string) => workflowSpecs.findIndex((spec) => spec.key === key);
  const placeOf = unitPlacesFor(
    ctx.workbook,
    selected.map((rowNumber) => cellText(rows[rowNumber - 2]?.[col('code') - 1])),
  );
  const done: { code: string; to: string }[] = [];
  const refused: { code: string; reason: string }[] = [];
  const entries: AuditEntry[] = [];
  let changed = false;
  const events: StepEvent[] = [];
  const sealed = sealedColumns(columns, at);
  /** The scores and evidence of a row, exactly as stored, as one digest: what an approval seals. */
  const valuesHash = (row: readonly CellValue[]) => sealRow(row, sealed, ctx.hasher);

  // The log's header and extent only: a step chains onto its last row, never reads it whole.
  let cursor = logCursor(ctx);
  // A run cut off after its mark: finished as the mark says, before anything else.
  if (completePendingStep(ctx, cursor)) cursor = logCursor(ctx);
  const logLength = cursor ? cursor.lastRow - 1 : 0;
  // A deleted or shorter log, or rows past the kept head, stop the step before its first write.
  assertLogAppendable(ctx, logLength);
  // Mail a cut-off run logged but did not queue goes out first, as that run would have sent it.
  const mailedMark = Number(ctx.store.get(MAILED_KEY) ?? Number.NaN);
  const mailedFrom = Number.isInteger(mailedMark) ? Math.min(mailedMark, logLength) : logLength;
  queueMissedStepMail(
    ctx,
    {
      first: mailedFrom,
      rows: cursor && mailedFrom < logLength ? readLogTail(cursor, mailedFrom + 2) : [],
      total: logLength,
    },
    settings,
    people.grants,
  );
  // A bulk step reads its units' last log rows in blocks, not one read a unit.
  const pointerColumn = at(WORKFLOW_KEYS.logRow);
  if (cursor && pointerColumn !== undefined && selected.length > 1) {
    cursor = prefetchLogRows(
      cursor,
      selected.map((rowNumber) => Number(cellText(rows[rowNumber - 2]?.[pointerColumn - 1]))),
    );
  }
  /** The sheet row the next log entry of this run lands on. */
  const logBase = logLength + 2;
  let history: boolean | undefined;
  const hasHistory = () => {
    history ??= logHasHistory(ctx, cursor);
    return history;
  };
  const headers = Object.fromEntries(
    RECORD_KEYS.map((key) => [
      key,
      columns.workflow.find((spec) => spec.key === key)?.header ?? key,
    ]),
  ) as Record<RecordKey, string>;
  /** Rows the run changed (their workflow cells are written), and hand-edited rows (one cell). */
  const changedRows = new Set<number>();
  const flagged = new Map<number, string>();
  /** Refused rows whose «Dòng nhật ký» moves to the refusal's log row (one cell each). */
  const pointed = new Map<number, number>();

  for (const rowNumber of selected) {
    const row = rows[rowNumber - 2];
    const code = cellText(row?.[col('code') - 1]);
    if (!row || code === '') continue;
    // The unit against its last log row: the cells XHHT writes are a cache of the log.
    const cellOf = (key: string) => {
      const column = at(key);
      return column === undefined ? '' : (row[column - 1] ?? '');
    };
    const held = recordOfCells(cellOf);
    const pointerText = cellText(cellOf(WORKFLOW_KEYS.logRow));
    // A row with neither a pointer nor any cell XHHT writes is a unit no step has touched: the log
    // is not searched for it (issue 12: a new unit's first step costs what any step costs).
    const untouched = pointerText === '' && recordDiffers(held, EMPTY_RECORD).length === 0;
    const last =
      cursor && !untouched
        ? lastUnitRow(cursor, code, pointerText === '' ? undefined : Number(pointerText))
        : undefined;
    const standing: Standing = standingOf(
      held,
      last,
      last === undefined && recordDiffers(held, EMPTY_RECORD).length > 0 && hasHistory(),
    );
    // Who may act comes from «Đơn vị» (protected), not from the scoring row an editor can retype.
    const place = placeOf(code);
    const where = (column: number) => cellPlace(sheet.name, rowNumber, column);
    /** A cell the decision reads: undefined where the sheet lacks the column. */
    const cellAt = (column: number | undefined): StepCell | undefined =>
      column === undefined ? undefined : { value: row[column - 1] ?? '', place: where(column) };
    const stepCells: Partial<Record<StepCellKey, StepCell>> = {
      result: cellAt(col(resultKey)),
      reviewed: cellAt(col(RESULT_KEYS.reviewed)),
      reviewChanges: cellAt(col(RESULT_KEYS.changes)),
      error: cellAt(col(RESULT_KEYS.error)),
      reviewReason: {
        value: row[(at(columns.reviewReason.key) ?? 0) - 1] ?? '',
        place: where(at(columns.reviewReason.key) ?? 0),
      },
      meetingDate: cellAt(at(MEETING_KEYS.date)),
      meetingMinutes: cellAt(at(MEETING_KEYS.minutes)),
    };
    for (const spec of workflowSpecs) {
      stepCells[spec.key as StepCellKey] = cellAt(col(spec.key));
    }
    // Scores or evidence edited after a level approved them: the approvals no longer hold.
    const approvedHash = cellText(row[col(WORKFLOW_KEYS.approvedHash) - 1]);
    const decision = decideStep({
      request,
      now,
      time: stamp(now),
      user,
      email,
      grants,
      unusable: people.unusable,
      unit: {
        code,
        district: unitDistrict(placeOf, code, cellText(row[col('district') - 1])),
        commune: place?.commune ?? '',
        cluster: place?.cluster ?? '',
        name: cellText(row[col('name') - 1]),
      },
      rubric,
      ladder: rowLadder(rubric, settings, row, (key) => located.columns.get(key), now),
      standing,
      held,
      cells: stepCells,
      headers,
      reviewEntered: columns.review.some((spec) => !isBlank(row[(at(spec.key) ?? 0) - 1])),
      sealBroken: approvedHash !== '' && !sealStillHolds(approvedHash, row, sealed, ctx.hasher),
      ...(judging ? { seal: valuesHash(row) } : {}),
      logRow: logBase + entries.length,
    });
    entries.push(decision.entry);
    if (decision.kind === 'refused') {
      refused.push({ code, reason: decision.reason });
      if (decision.pointer) pointed.set(rowNumber, logBase + entries.length - 1);
      if (decision.handEdit !== undefined) flagged.set(rowNumber, decision.handEdit);
      continue;
    }
    const cells = workflowCells[rowNumber - 2] as CellValue[];
    for (const key of Object.keys(decision.writes) as (keyof StepWrites)[]) {
      const index = workflowIndex(key);
      if (index >= 0) cells[index] = decision.writes[key] ?? '';
    }
    changedRows.add(rowNumber);
    changed = true;
    if (decision.kind === 'sentBack') {
      refused.push({ code, reason: decision.reason });
      continue;
    }
    if (decision.register) registerEntries.push(decision.register);
    done.push({ code, to: decision.label });
    events.push(decision.event);
  }

  // Only the rows this run scored, changed or flags are written; their unit codes are read again
  // just before the first write, so that a sort by another editor since the read moves nothing onto
  // another unit: the step stops, writing nothing.
  if (pointerColumn === undefined) pointed.clear();
  const rowsToWrite = [
    ...new Set([...scored, ...changedRows, ...flagged.keys(), ...pointed.keys()]),
  ].sort((x, y) => x - y);
  assertRowsInPlace(sheet, col('code'), rowsToWrite, (rowNumber) =>
    cellText(rows[rowNumber - 2]?.[col('code') - 1]),
  );
  const written = [...changedRows].sort((x, y) => x - y);
  // The order of a step (issue 11): the mark, the log, the cells (a cache of the log), the
  // register, the mail, then the mark cleared. A later step finishes a run cut off in between as its
  // mark says; any other disagreement between the cells and the log is a hand edit.
  if (changed) {
    markPendingStep(ctx, {
      sheet: sheet.name,
      logRow: logBase,
      logRows: entries.length,
      rows: columnRuns(written).map((run) => [run.first, run.count] as const),
      register: registerEntries,
    });
  }
  appendAudit(ctx, entries, undefined, cursor);
  // The changed rows' workflow cells, with their result cells where the run scored them (one write
  // where the two sit side by side, as set-up lays them out); a scored row the run did not change
  // gets its result cells alone.
  const keyAt = new Map(workflowSpecs.map((spec, i) => [col(spec.key), i]));
  const resultColumns = columns.results
    .map((spec) => at(spec.key))
    .filter((column): column is number => column !== undefined && !keyAt.has(column));
  const scoredRows = new Set(scored);
  const cellAt = (rowNumber: number, column: number): CellValue => {
    const index = keyAt.get(column);
    return index === undefined
      ? (rows[rowNumber - 2]?.[column - 1] ?? '')
      : (workflowCells[rowNumber - 2]?.[index] ?? '');
  };
  const writeBlock = (rowNumbers: readonly number[], columnsWritten: readonly number[]) => {
    for (const rowRun of columnRuns(rowNumbers)) {
      for (const run of columnRuns(columnsWritten)) {
        sheet.writeValues(
          rowRun.first,
          run.first,
          Array.from({ length: rowRun.count }, (_, r) =>
            Array.from({ length: run.count }, (_, c) => cellAt(rowRun.first + r, run.first + c)),
          ),
        );
      }
    }
  };
  const together: [readonly number[], readonly number[]][] = [
    [written.filter((rowNumber) => scoredRows.has(rowNumber)), [...keyAt.keys(), ...resultColumns]],
    [written.filter((rowNumber) => !scoredRows.has(rowNumber)), [...keyAt.keys()]],
    [scored.filter((rowNumber) => !changedRows.has(rowNumber)), resultColumns],
  ];
  const apart: [readonly number[], readonly number[]][] = [
    [scored, resultColumns],
    [written, [...keyAt.keys()]],
  ];
  // A bulk step whose refusals break the selection into many runs writes results and workflow
  // cells apart when that makes fewer writes.
  const writes = (plan: typeof together) =>
    plan.reduce(
      (sum, [rowNumbers, columnsWritten]) =>
        sum +
        (rowNumbers.length && columnsWritten.length
          ? columnRuns(rowNumbers).length * columnRuns(columnsWritten).length
          : 0),
      0,
    );
  for (const [rowNumbers, columnsWritten] of writes(together) <= writes(apart) ? together : apart) {
    writeBlock(rowNumbers, columnsWritten);
  }
  // A hand-edited row gets its «Sửa tay» cell, and nothing else.
  const handColumn = at(WORKFLOW_KEYS.handEdit);
  if (handColumn !== undefined) {
    for (const [rowNumber, note] of flagged) sheet.writeValues(rowNumber, handColumn, [[note]]);
  }
  if (pointerColumn !== undefined) {
    for (const [rowNumber, logRow] of pointed) {
      sheet.writeValues(rowNumber, pointerColumn, [[logRow]]);
    }
  }
  // The register after the log: each of its rows names the log row that made it.
  appendRegister(ctx.workbook, registerEntries);
  // The mail the steps call for, queued in the outbox; then the outbox's head and count, the mail
  // mark and the cleared pending mark in one property write (a run cut off before it is finished
  // by the next step, as one cut after the outbox write always was).
  store.holding(() => {
    queueStepMail(
      ctx,
      events,
      runLadder,
      people.grants,
      settings,
      logLength + entries.length,
      true,
    );
    if (changed) clearPendingStep(ctx);
  });
  return { sheet: sheet.name, action: request.action, done, refused };
}
