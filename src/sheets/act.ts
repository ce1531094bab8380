import { cellPlace } from '../domain/a1';
import { type AuditEntry, logName } from '../domain/audit';
import {
  type CellValue,
  cellText,
  isBlank,
  MAX_CELL_CHARS,
  readDate,
  textKey,
} from '../domain/cells';
import { inLanguage, tr } from '../domain/i18n';
import { roleLabel } from '../domain/ladder';
import { MESSAGES } from '../domain/messages';
import type { StepEvent } from '../domain/notifications';
import { grantsOf, rolesOver } from '../domain/people';
import { formatDate } from '../domain/recognition';
import {
  decisionDateRefusal,
  levelOf,
  meetsTitle,
  type RegisterEntry,
  titleRefusal,
  validUntilOf,
} from '../domain/register';
import { LEVEL_LABELS } from '../domain/rubric';
import {
  handEditNote,
  handEditRefusal,
  predatesNote,
  type Standing,
  standingOf,
} from '../domain/step-record';
import {
  EMPTY_RECORD,
  encodeRecord,
  type RecordKey,
  recordDiffers,
  recordOfCells,
} from '../domain/unit-record';
import {
  type Action,
  actionLabel,
  encodePrevious,
  encodeState,
  isDecided,
  type Request,
  stateLabel,
  transition,
  type UnitState,
  withOutcome,
} from '../domain/workflow';
import {
  type AuditPorts,
  appendAudit,
  assertLogAppendable,
  lastUnitRow,
  logCursor,
  logHasHistory,
  readLogTail,
} from './audit-log';
import { readCriteria } from './criteria-sheet';
import { SheetError } from './errors';
import { MEETING_KEYS, RESULT_KEYS, scoringColumns, WORKFLOW_KEYS } from './layout';
import { readPeople } from './people-sheet';
import type { Context, IdentityPort, SheetPort } from './ports';
import { appendRegister, readRegister } from './register-sheet';
import { scoreSheet } from './score-all';
import { frozenEditText, sealedColumns, sealRow, sealStillHolds } from './seal';
import { readSettings } from './settings-sheet';
import { stamp } from './stamp';
import { eventId, MAILED_KEY, queueMissedStepMail, queueStepMail } from './step-mail';
import { clearPendingStep, completePendingStep, markPendingStep } from './step-pending';
import { columnOf, columnRuns, type Located, locateRequired } from './table';
import { unitDistrict, unitPlacesFor } from './unit-places';
import { ladderFor, rowLadder, rowPrevious, rowState } from './unit-state';

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

const VALUES_CHANGED_VI =
  'Điểm hoặc minh chứng bị sửa sau khi đã được duyệt; các bước duyệt phải làm lại từ cấp đầu.';

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

/** The commune's agreement meeting on a row: a date not after today and the minutes (TT 25/2023). */
function readMeeting(
  row: readonly CellValue[],
  where: (column: number) => string,
  located: Located,
  now: Date,
): { ok: true; note: string } | { ok: false; problem: string } {
  const dateColumn = located.columns.get(MEETING_KEYS.date);
  const minutesColumn = located.columns.get(MEETING_KEYS.minutes);
  if (dateColumn === undefined || minutesColumn === undefined) {
    return {
      ok: false,
      problem: tr(
        'chưa gửi được: trang chấm điểm chưa có cột ngày họp thống nhất và biên bản họp; quản trị chạy XHHT → Khởi tạo bảng tính để thêm.',
        'cannot be submitted yet: the scoring sheet lacks the meeting date and minutes columns; an administrator runs XHHT → Khởi tạo bảng tính (set up) to add them.',
      ),
    };
  }
  const date = readDate(row[dateColumn - 1] ?? '');
  const minutes = cellText(row[minutesColumn - 1]);
  if (!date.ok) {
    return {
      ok: false,
      problem:
        date.problem.kind === 'blank'
          ? tr(
              `chưa gửi được: ${where(dateColumn)} chưa ghi ngày họp thống nhất kết quả tự đánh giá (ngày/tháng/năm).`,
              `cannot be submitted yet: ${where(dateColumn)} lacks the date of the meeting that agreed the self-assessment (day/month/year).`,
            )
          : tr(
              `chưa gửi được: ${where(dateColumn)} «${date.problem.text}» không phải ngày/tháng/năm; ghi ngày họp thống nhất, ví dụ ${formatDate(now)}.`,
              `cannot be submitted yet: ${where(dateColumn)} «${date.problem.text}» is not a day/month/year date; write the meeting's date, e.g. ${formatDate(now)}.`,
            ),
    };
  }
  if (date.value > now) {
    return {
      ok: false,
      problem: tr(
        `chưa gửi được: ${where(dateColumn)} ngày họp ${formatDate(date.value)} là ngày sau hôm nay; gửi sau khi đã họp, hoặc sửa lại ngày (năm?).`,
        `cannot be submitted yet: ${where(dateColumn)} the meeting date ${formatDate(date.value)} is after today; submit once the meeting is held, or correct the date (the year?).`,
      ),
    };
  }
  if (minutes === '') {
    return {
      ok: false,
      problem: tr(
        `chưa gửi được: ${where(minutesColumn)} cần biên bản họp (đường dẫn hoặc số biên bản).`,
        `cannot be submitted yet: ${where(minutesColumn)} needs the meeting minutes (a link or the minutes' number).`,
      ),
    };
  }
  return { ok: true, note: `Họp thống nhất ngày ${formatDate(date.value)}; biên bản: ${minutes}` };
}

export function act(ctx: ActPorts, request: ActRequest, target?: Target): ActReport {
  refuseOverlong(request);
  return ctx.lock.withLock(() => {
    const now = ctx.clock.now();
    const settings = readSettings(ctx.workbook, now);
    const selection = target ?? ctx.workbook.selection();
    const rubric = readCriteria(ctx.workbook)?.find(
      (read) => read.rubric?.scoringSheet === selection?.sheet,
    )?.rubric;
    const sheet = selection && rubric ? ctx.workbook.sheet(selection.sheet) : undefined;
    if (!selection || !rubric || !sheet || selection.rows.length === 0) {
      throw new SheetError(
        tr(
          'Hãy chọn (bôi đen) các dòng đơn vị trên một trang chấm điểm rồi chọn lại mục menu.',
          'Select the rows of the units on a scoring sheet, then choose the menu item again.',
        ),
      );
    }
    // Each unit climbs the ladder its submission date chooses; this one names the run's mail otherwise.
    const runLadder = ladderFor(rubric, settings, now);
    const columns = scoringColumns(rubric);
    // Issue 12: the header and the selected rows only (a read per run of adjacent rows), never the
    // whole sheet: a step costs what it touches.
    const width = sheet.lastColumn();
    const lastRow = sheet.lastRow();
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
    // the selected rows are scored in memory and their result cells written.
    const judging = request.action === 'approve' || request.action === 'recognise';
    if (request.action === 'submit' || judging) {
      // Only a levels title's rules read the register (the unit's earlier recognitions).
      const register =
        rubric.method === 'levels' ? readRegister(ctx.workbook, [rubric]).entries : [];
      scoreSheet(sheet, rubric, now, register, ctx.hasher, true, {
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
    /** Why a reviewer's adjusted values do not allow approving yet: a missing reason, or a bad value. */
    const reviewProblem = (row: readonly CellValue[], where: (column: number) => string) => {
      const at = (key: string) => located.columns.get(key);
      if (columns.review.every((spec) => isBlank(row[(at(spec.key) ?? 0) - 1]))) return undefined;
      const reasonColumn = at(columns.reviewReason.key) ?? 0;
      if (cellText(row[col(RESULT_KEYS.changes) - 1]) !== '' && isBlank(row[reasonColumn - 1])) {
        return (
          tr('chưa duyệt được: ', 'cannot be approved yet: ') +
          MESSAGES.reviewNeedsReason(where(reasonColumn))
        );
      }
      if (isBlank(row[col(RESULT_KEYS.reviewed) - 1])) {
        return tr(
          `chưa duyệt được: giá trị thẩm định chưa tính được kết quả. ${cellText(row[col(RESULT_KEYS.error) - 1])}`,
          `cannot be approved yet: the reviewed values give no result. ${cellText(row[col(RESULT_KEYS.error) - 1])}`,
        );
      }
      return undefined;
    };
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
    /** The sheet row the next log entry of this run lands on. */
    const logBase = logLength + 2;
    let history: boolean | undefined;
    const hasHistory = () => {
      history ??= logHasHistory(ctx, cursor);
      return history;
    };
    const headerOf = (key: RecordKey) =>
      columns.workflow.find((spec) => spec.key === key)?.header ?? key;
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
      const deny = (reason: string) => {
        refused.push({ code, reason });
        // The row points at its refused attempt (which repeats the record), so that the unit's next
        // log row names it as the row before; a hand-edited row gets its «Sửa tay» cell alone.
        if (standing.kind !== 'handEdit' && standing.kind !== 'predates') {
          pointed.set(rowNumber, logBase + entries.length);
        }
        // A refused attempt is recorded too (SCENARIOS.md §5): who tried what, and why it was refused.
        // It carries the record the log already holds, never the cells of a hand edit.
        const label = cellText(row[col(WORKFLOW_KEYS.label) - 1]);
        entries.push({
          time: stamp(now),
          user,
          unit: code,
          action: inLanguage('vi', () => `${actionLabel(request.action)} (bị từ chối)`),
          from: label,
          to: label,
          comment: reason,
          record: standing.kind === 'predates' ? '' : encodeRecord(standing.record),
          unitPrevious: standing.row === 0 ? '' : String(standing.row),
        });
      };
      if (standing.kind === 'handEdit') {
        const handColumn = at(WORKFLOW_KEYS.handEdit);
        const note = handEditNote(standing, headerOf);
        if (handColumn !== undefined && cellText(row[handColumn - 1]) !== note) {
          flagged.set(rowNumber, note);
        }
        deny(
          handEditRefusal(standing, held, (key) =>
            cellPlace(sheet.name, rowNumber, at(key) ?? col(WORKFLOW_KEYS.state)),
          ),
        );
        continue;
      }
      // Who may act comes from «Đơn vị» (protected), not from the scoring row an editor can retype.
      const place = placeOf(code);
      const unitRef = {
        code,
        district: unitDistrict(placeOf, code, cellText(row[col('district') - 1])),
        commune: place?.commune ?? '',
        cluster: place?.cluster ?? '',
      };
      const access = rolesOver(grants, email, unitRef, people.unusable);
      if (!access.ok) {
        deny(access.reason);
        continue;
      }
      // «Ngày nộp» chooses who decides: a cell that no longer reads as a date stops the step rather
      // than falling back to another ladder (blank is a dossier sent by the previous version).
      const sentColumn = at(WORKFLOW_KEYS.submittedOn);
      const sentCell = sentColumn === undefined ? '' : (row[sentColumn - 1] ?? '');
      if (sentColumn !== undefined && !isBlank(sentCell) && !readDate(sentCell).ok) {
        deny(
          tr(
            `${cellPlace(sheet.name, rowNumber, sentColumn)}: «${cellText(sentCell)}» không phải ngày/tháng/năm. «Ngày nộp» do XHHT ghi khi đơn vị gửi và quyết định các cấp xét duyệt: ghi lại đúng ngày gửi (xem trang «Nhật ký») rồi làm lại.`,
            `${cellPlace(sheet.name, rowNumber, sentColumn)}: «${cellText(sentCell)}» is not a day/month/year date. XHHT writes «Ngày nộp» when the unit submits, and it chooses the approval ladder: type the day it was sent again (see the «Nhật ký» sheet), then try again.`,
          ),
        );
        continue;
      }
      const ladder = rowLadder(rubric, settings, row, (key) => located.columns.get(key), now);
      const stateCell = cellText(row[col(WORKFLOW_KEYS.state) - 1]);
      const state = rowState(row, col, ladder, rubric, now, at);
      const previousCell = cellText(row[col(WORKFLOW_KEYS.previous) - 1]);
      const previous = rowPrevious(row, col, ladder);
      if (!state || previous === undefined) {
        const edited = state ? WORKFLOW_KEYS.previous : WORKFLOW_KEYS.state;
        deny(
          tr(
            `${cellPlace(sheet.name, rowNumber, col(edited))}: mã trạng thái «${state ? previousCell : stateCell}» đã bị sửa; quản trị cần khôi phục theo «Nhật ký».`,
            `${cellPlace(sheet.name, rowNumber, col(edited))}: the state code «${state ? previousCell : stateCell}» was edited; an administrator must restore it from the «Nhật ký» log.`,
          ),
        );
        continue;
      }
      const cells = workflowCells[rowNumber - 2] as CellValue[];
      const put = (key: string, value: CellValue) => {
        const index = workflowIndex(key);
        if (index >= 0) cells[index] = value;
      };
      const workflowCell = (key: string) => {
        const column = at(key);
        return column === undefined ? '' : cellText(row[column - 1]);
      };
      const where = (column: number) => cellPlace(sheet.name, rowNumber, column);
      let stepEntry = -1;
      /** The step's log row carries the record its cells hold now; the row points at that log row. */
      const settle = () => {
        const entry = entries[stepEntry];
        if (!entry) return;
        const after = recordOfCells((key) => {
          const index = workflowIndex(key);
          return index >= 0 ? (cells[index] ?? '') : '';
        });
        entries[stepEntry] = {
          ...entry,
          comment:
            standing.kind === 'predates' ? entry.comment + predatesNote(standing) : entry.comment,
          record: encodeRecord(after),
          unitPrevious: standing.row === 0 ? '' : String(standing.row),
        };
        put(WORKFLOW_KEYS.logRow, logBase + stepEntry);
        put(WORKFLOW_KEYS.handEdit, '');
        changedRows.add(rowNumber);
      };
      const record = (action: string, from: UnitState, to: UnitState, comment: string) => {
        const [fromLabel, toLabel] = inLanguage('vi', () => [
          stateLabel(from, ladder),
          stateLabel(to, ladder),
        ]);
        put(WORKFLOW_KEYS.state, encodeState(to));
        put(WORKFLOW_KEYS.label, toLabel);
        put(WORKFLOW_KEYS.previous, encodePrevious(from));
        stepEntry = entries.length;
        entries.push({
          time: stamp(now),
          user,
          unit: code,
          action,
          from: fromLabel,
          to: toLabel,
          comment,
        });
        changed = true;
        return toLabel;
      };

      // Scores or evidence edited after a level approved them: the approvals no longer hold.
      const approvedHash = cellText(row[col(WORKFLOW_KEYS.approvedHash) - 1]);
      const edited = approvedHash !== '' && !sealStillHolds(approvedHash, row, sealed, ctx.hasher);
      // A decided row is frozen: an edit is flagged and the unit stays decided; revoking (or a new
      // cycle once the recognition expired) is the way on.
      if (
        edited &&
        isDecided(state) &&
        request.action !== 'revoke' &&
        request.action !== 'register'
      ) {
        deny(frozenEditText(cellText(row[col(WORKFLOW_KEYS.decisionNumber) - 1])));
        continue;
      }
      if (edited && !isDecided(state)) {
        const back: UnitState = { status: 'awaiting', step: 0, returned: false };
        const label = record('Giá trị đổi sau khi duyệt', state, back, VALUES_CHANGED_VI);
        put(WORKFLOW_KEYS.approvedHash, '');
        settle();
        refused.push({
          code,
          reason: tr(
            `điểm hoặc minh chứng đã bị sửa sau khi được duyệt; đơn vị trở về «${label}» để duyệt lại.`,
            `scores or evidence were edited after approval; the unit goes back to «${label}» to be approved again.`,
          ),
        });
        continue;
      }
      // Score-all leaves the band or level blank exactly when the row is invalid, empty or lacks evidence.
      if (request.action === 'submit' && isBlank(row[col(resultKey) - 1])) {
        const error = cellText(row[col(RESULT_KEYS.error) - 1]).split('\n')[0];
        deny(
          tr(
            `chưa gửi được: ${error || 'chưa có kết quả chấm'}`,
            `cannot be submitted yet: ${error || 'no score yet'}`,
          ),
        );
        continue;
      }
      if (judging) {
        const problem = reviewProblem(row, (column) => cellPlace(sheet.name, rowNumber, column));
        if (problem) {
          deny(problem);
          continue;
        }
      }
      let meetingNote = '';
      if (request.action === 'submit' && rubric.meetingBeforeSubmit) {
        const meeting = readMeeting(
          row,
          (column) => cellPlace(sheet.name, rowNumber, column),
          located,
          now,
        );
        if (!meeting.ok) {
          deny(meeting.problem);
          continue;
        }
        meetingNote = meeting.note;
      }
      const outcome = transition(
        state,
        { ...request, roles: access.roles, ...(previous ? { previous } : {}) },
        ladder,
      );
      if (!outcome.ok) {
        deny(outcome.reason);
        continue;
      }
      // What the title recognises (issue 10), once the step itself is allowed: the result judged is the reviewers' where they
      // adjusted values, else the unit's own; a levels or pass/fail title is submitted, approved and
      // recognised only when met, and at the level applied for.
      const reviewedResult = cellText(row[col(RESULT_KEYS.reviewed) - 1]);
      const useReviewed = judging && reviewedResult !== '';
      const resultColumn = useReviewed ? col(RESULT_KEYS.reviewed) : col(resultKey);
      const judged = useReviewed ? reviewedResult : cellText(row[col(resultKey) - 1]);
      const appliedColumn = at(WORKFLOW_KEYS.appliedLevel);
      const reached = levelOf(judged);
      const appliedCell = levelOf(workflowCell(WORKFLOW_KEYS.appliedLevel));
      const applied =
        request.action === 'submit'
          ? (request.level ?? (reached === 0 ? undefined : reached))
          : appliedCell === 0
            ? undefined
            : appliedCell;
      const checksTitle =
        (request.action === 'submit' || judging) &&
        !(state.status === 'recognised' || state.status === 'classified');
      const titleProblem =
        checksTitle &&
        titleRefusal(rubric, {
          step: actionLabel(request.action),
          result: judged,
          resultCell: where(resultColumn),
          ...(applied === undefined ? {} : { applied }),
          ...(request.action === 'submit' || appliedColumn === undefined
            ? {}
            : { appliedCell: where(appliedColumn) }),
        });
      if (titleProblem) {
        deny(titleProblem);
        continue;
      }
      const submittedColumn = at(WORKFLOW_KEYS.submittedOn);
      const submitted =
        submittedColumn === undefined ? undefined : readDate(row[submittedColumn - 1] ?? '');
      const dateProblem =
        request.action === 'recognise' &&
        request.decision &&
        decisionDateRefusal(
          request.decision.date,
          submittedColumn !== undefined && submitted?.ok
            ? { day: submitted.value, cell: where(submittedColumn) }
            : undefined,
        );
      if (dateProblem) {
        deny(dateProblem);
        continue;
      }
      // A decision in a band that does not hold the title is a classification, never a recognition.
      const reachedState =
        request.action === 'recognise'
          ? withOutcome(outcome.state, judged, meetsTitle(rubric, judged))
          : outcome.state;
      const decidedNumber = cellText(row[col(WORKFLOW_KEYS.decisionNumber) - 1]);
      const decidedResult = workflowCell(WORKFLOW_KEYS.decidedResult);
      const logRow = logBase + entries.length;
      const comment =
        request.action === 'revoke' && request.decision
          ? `Thu hồi / hủy quyết định ${decidedNumber || '(không số)'} bằng ${request.decision.number} (${formatDate(request.decision.date)}); lý do: ${request.comment ?? ''}`
          : request.action === 'recognise' && request.decision
            ? `${request.decision.number} (${formatDate(request.decision.date)}); kết quả: ${judged}`
            : (request.comment ??
              (request.decision
                ? `${request.decision.number} (${formatDate(request.decision.date)})`
                : meetingNote));
      // A decision under a ladder no text names yet says so in the log.
      const unconfirmed =
        ladder.warning && (request.action === 'recognise' || request.action === 'refuse')
          ? ` [các cấp «${ladder.label}»: cần xác nhận]`
          : '';
      const to = record(
        inLanguage('vi', () => actionLabel(request.action)),
        state,
        reachedState,
        comment + unconfirmed,
      );
      const decideStep = ladder.steps.find((step) => step.kind === 'decide');
      const decider = decideStep
        ? inLanguage('vi', () => `${roleLabel(decideStep.role)}: ${user}`)
        : user;
      // The day the dossier is sent chooses its ladder from then on.
      if (request.action === 'submit') {
        put(WORKFLOW_KEYS.submittedOn, formatDate(now));
        put(
          WORKFLOW_KEYS.appliedLevel,
          rubric.method === 'levels' && applied !== undefined ? LEVEL_LABELS[applied] : '',
        );
      }
      if (request.action === 'recognise' && request.decision) {
        put(WORKFLOW_KEYS.decidedResult, judged);
        const validUntil = validUntilOf(rubric, request.decision.date);
        registerEntries.push({
          kind: 'recognise',
          title: rubric.id,
          unit: code,
          name: cellText(row[col('name') - 1]),
          result: judged,
          decisionNumber: request.decision.number,
          decisionDate: request.decision.date,
          decider,
          ...(validUntil ? { validUntil } : {}),
          logRow,
        });
      }
      if (request.action === 'revoke' && request.decision) {
        registerEntries.push({
          kind: 'revoke',
          title: rubric.id,
          unit: code,
          name: cellText(row[col('name') - 1]),
          result: decidedResult,
          decisionNumber: request.decision.number,
          decisionDate: request.decision.date,
          decider,
          revokes: decidedNumber,
          reason: request.comment ?? '',
          logRow,
        });
      }
      // The decision is gone from the row when revoked, and a new cycle starts with none of the old.
      if (request.action === 'revoke' || request.action === 'register') {
        put(WORKFLOW_KEYS.decisionNumber, '');
        put(WORKFLOW_KEYS.decisionDate, '');
        put(WORKFLOW_KEYS.decidedResult, '');
        put(WORKFLOW_KEYS.approvedHash, '');
      }
      if (request.action === 'register') {
        put(WORKFLOW_KEYS.submittedOn, '');
        put(WORKFLOW_KEYS.appliedLevel, '');
      }
      // An undo cannot itself be undone; a second step back needs the log.
      if (request.action === 'revert') put(WORKFLOW_KEYS.previous, '');
      if (request.comment) put(WORKFLOW_KEYS.comment, request.comment);
      if (request.action === 'recognise' && request.decision) {
        put(WORKFLOW_KEYS.decisionNumber, request.decision.number);
        put(WORKFLOW_KEYS.decisionDate, request.decision.date);
      }
      // The values a level approved are sealed; back with the commune, they are its to change again.
      if (request.action === 'approve' || request.action === 'recognise') {
        put(WORKFLOW_KEYS.approvedHash, valuesHash(row));
      } else if (
        request.action === 'revoke' ||
        outcome.state.status === 'refused' ||
        outcome.state.status === 'drafting' ||
        outcome.state.status === 'none' ||
        (outcome.state.status === 'awaiting' && outcome.state.step === 0)
      ) {
        put(WORKFLOW_KEYS.approvedHash, '');
      }
      settle();
      done.push({ code, to });
      events.push({
        ladder,
        unit: { ...unitRef, name: cellText(row[col('name') - 1]) },
        action: request.action,
        to: outcome.state,
        label: to,
        by: user,
        comment: request.comment ?? '',
        id: eventId(code, outcome.state, stamp(now)),
      });
    }

    // Only the rows this run changed or flags are written; their unit codes are read again just
    // before the first write, so that a sort by another editor since the read moves nothing onto
    // another unit: the step stops, writing nothing.
    const pointerColumn = at(WORKFLOW_KEYS.logRow);
    if (pointerColumn === undefined) pointed.clear();
    const rowsToWrite = [...new Set([...changedRows, ...flagged.keys(), ...pointed.keys()])].sort(
      (x, y) => x - y,
    );
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
    const keyAt = new Map(workflowSpecs.map((spec, i) => [col(spec.key), i]));
    const columnBlocks = columnRuns([...keyAt.keys()]);
    for (const rowRun of columnRuns(written)) {
      const block = workflowCells.slice(rowRun.first - 2, rowRun.first - 2 + rowRun.count);
      for (const run of columnBlocks) {
        const indexes = Array.from({ length: run.count }, (_, i) => keyAt.get(run.first + i) ?? 0);
        sheet.writeValues(
          rowRun.first,
          run.first,
          block.map((cells) => indexes.map((i) => cells[i] ?? '')),
        );
      }
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
    // The mail the steps call for, queued in the outbox.
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
    return { sheet: sheet.name, action: request.action, done, refused };
  });
}
