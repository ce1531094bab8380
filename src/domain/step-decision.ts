import type { AuditEntry } from './audit';
import { type CellValue, cellText, isBlank, readDate } from './cells';
import { inLanguage, tr } from './i18n';
import { type Ladder, roleLabel } from './ladder';
import { MESSAGES } from './messages';
import type { StepEvent } from './notifications';
import { type Grant, rolesOver, type UnitRef } from './people';
import { formatDate } from './recognition';
import {
  decisionDateRefusal,
  levelOf,
  meetsTitle,
  type RegisterEntry,
  titleRefusal,
  validUntilOf,
} from './register';
import { known, LEVEL_LABELS, type Rubric } from './rubric';
import { handEditNote, handEditRefusal, predatesNote, type Standing } from './step-record';
import {
  encodeRecord,
  RECORD_KEYS,
  type RecordKey,
  recordValue,
  type UnitRecord,
} from './unit-record';
import {
  actionLabel,
  decodePrevious,
  decodeState,
  encodePrevious,
  encodeState,
  isDecided,
  type Request,
  stateLabel,
  transition,
  type UnitState,
  withExpiry,
  withOutcome,
} from './workflow';

/**
 * The decision of one step on one unit (issue 11): access, hand edit, seal, result, review, meeting,
 * transition, title and decision date, and what follows — the new state, the cells to write, the log
 * entry, the register entry and the mail event. Pure: the use case (src/sheets/act.ts) reads the cells,
 * names their places, finds the unit's last log row and checks the seal, then writes what this says.
 */

/** A cell the step reads: its value exactly as stored and its place («Ô X5, trang «…»»). */
export interface StepCell {
  readonly value: CellValue;
  readonly place: string;
}

/**
 * The scoring row's cells a step reads or writes, by the scoring sheet's column keys
 * (src/sheets/layout.ts WORKFLOW_KEYS, RESULT_KEYS, MEETING_KEYS); `result` is the band or the level.
 * A cell absent from the record means the sheet lacks the column (those this version added appear at
 * the next set-up): it reads as blank and is not written.
 */
export type StepCellKey =
  | RecordKey
  | 'stateLabel'
  | 'lastComment'
  | 'logRow'
  | 'handEdit'
  | 'result'
  | 'reviewed'
  | 'reviewChanges'
  | 'reviewReason'
  | 'error'
  | 'meetingDate'
  | 'meetingMinutes';

/** The workflow cells a step writes (its record, label, comment, log pointer and «Sửa tay»). */
export type WrittenKey = RecordKey | 'stateLabel' | 'lastComment' | 'logRow' | 'handEdit';
export type StepWrites = Partial<Record<WrittenKey, CellValue>>;

export interface StepInput {
  readonly request: Omit<Request, 'roles' | 'previous'>;
  readonly now: Date;
  /** `now` as the log writes it («dd/mm/yyyy hh:mm:ss»). */
  readonly time: string;
  /** The officer as the log names them. */
  readonly user: string;
  readonly email: string;
  readonly grants: readonly Grant[];
  /** Rows of «Người dùng» that grant nothing, each with its problem. */
  readonly unusable: readonly { readonly email: string; readonly problem: string }[];
  /** The unit, its places from «Đơn vị» (never the scoring row's), and its name. */
  readonly unit: UnitRef & { readonly name: string };
  readonly rubric: Rubric;
  /** The ladder the row's «Ngày nộp» chooses. */
  readonly ladder: Ladder;
  /** The unit against its last log row (src/domain/step-record.ts standingOf). */
  readonly standing: Standing;
  /** The record the row's cells hold. */
  readonly held: UnitRecord;
  readonly cells: Readonly<Partial<Record<StepCellKey, StepCell>>>;
  /** A record key's header, for the «Sửa tay» note. */
  readonly headers: Readonly<Record<RecordKey, string>>;
  /** Whether any reviewer's column («Thẩm định …») holds a value. */
  readonly reviewEntered: boolean;
  /** The row holds a seal its values no longer match: scores or evidence edited after approval. */
  readonly sealBroken: boolean;
  /** The seal of the row's values now, written by an approval or a recognition. */
  readonly seal?: string;
  /** The log row this unit's entry lands on. */
  readonly logRow: number;
}

export type Decision =
  /** Refused: the log records the attempt; `pointer` moves «Dòng nhật ký» to it; `handEdit` the «Sửa tay» cell. */
  | {
      readonly kind: 'refused';
      readonly reason: string;
      /** The cell the refusal names, where it names one. */
      readonly cell?: string;
      readonly entry: AuditEntry;
      readonly pointer: boolean;
      readonly handEdit?: string;
    }
  /** Values edited after approval on an undecided unit: back to the first review, logged; reported refused. */
  | {
      readonly kind: 'sentBack';
      readonly reason: string;
      readonly label: string;
      readonly state: UnitState;
      readonly writes: StepWrites;
      readonly record: UnitRecord;
      readonly entry: AuditEntry;
    }
  | {
      readonly kind: 'done';
      readonly label: string;
      readonly state: UnitState;
      readonly writes: StepWrites;
      readonly record: UnitRecord;
      readonly entry: AuditEntry;
      readonly register?: RegisterEntry;
      readonly event: StepEvent;
    };

const VALUES_CHANGED_VI =
  'Điểm hoặc minh chứng bị sửa sau khi đã được duyệt; các bước duyệt phải làm lại từ cấp đầu.';

/** A decided row whose values were edited after the decision: flagged, never sent back (issue 10). */
export function frozenEditText(decision: string): string {
  return tr(
    `Điểm hoặc minh chứng đã bị sửa sau quyết định${decision ? ` ${decision}` : ''}; kết quả đã quyết định vẫn giữ nguyên. Muốn sửa, người quyết định dùng «Thu hồi / hủy công nhận».`,
    `Scores or evidence were edited after the decision${decision ? ` ${decision}` : ''}; the decided result stands. To correct it, the decider uses «Thu hồi / hủy công nhận» (revoke).`,
  );
}

/** A stable id of a step's mail event: the unit, its new state and the time. */
export function eventId(code: string, state: UnitState, time: string): string {
  return `${code}:${encodeState(state)}:${time}`;
}

/**
 * A row's state as its state cell holds it, with a recognition whose validity has ended seen as
 * expired, and a decision in a band that does not hold the title seen as classified; undefined when
 * the cell was edited into something else.
 */
export function storedState(
  stateText: string,
  decidedResult: string,
  decisionDate: CellValue,
  ladder: Ladder,
  rubric: Rubric,
  now: Date,
): UnitState | undefined {
  const decoded = decodeState(stateText, ladder);
  if (!decoded) return undefined;
  const stored = withOutcome(decoded, decidedResult, meetsTitle(rubric, decidedResult));
  const decided = readDate(decisionDate);
  const months = rubric.method === 'levels' ? known(rubric.validityMonths) : undefined;
  return withExpiry(stored, decided.ok ? decided.value : undefined, months, now);
}

/** The commune's agreement meeting: a date not after today and the minutes (TT 25/2023). */
function meetingProblem(
  date: StepCell | undefined,
  minutes: StepCell | undefined,
  now: Date,
): { ok: true; note: string } | { ok: false; problem: string; cell?: string } {
  if (date === undefined || minutes === undefined) {
    return {
      ok: false,
      problem: tr(
        'chưa gửi được: trang chấm điểm chưa có cột ngày họp thống nhất và biên bản họp; quản trị chạy XHHT → Khởi tạo bảng tính để thêm.',
        'cannot be submitted yet: the scoring sheet lacks the meeting date and minutes columns; an administrator runs XHHT → Khởi tạo bảng tính (set up) to add them.',
      ),
    };
  }
  const read = readDate(date.value);
  const text = cellText(minutes.value);
  if (!read.ok) {
    return {
      ok: false,
      cell: date.place,
      problem:
        read.problem.kind === 'blank'
          ? tr(
              `chưa gửi được: ${date.place} chưa ghi ngày họp thống nhất kết quả tự đánh giá (ngày/tháng/năm).`,
              `cannot be submitted yet: ${date.place} lacks the date of the meeting that agreed the self-assessment (day/month/year).`,
            )
          : tr(
              `chưa gửi được: ${date.place} «${read.problem.text}» không phải ngày/tháng/năm; ghi ngày họp thống nhất, ví dụ ${formatDate(now)}.`,
              `cannot be submitted yet: ${date.place} «${read.problem.text}» is not a day/month/year date; write the meeting's date, e.g. ${formatDate(now)}.`,
            ),
    };
  }
  if (read.value > now) {
    return {
      ok: false,
      cell: date.place,
      problem: tr(
        `chưa gửi được: ${date.place} ngày họp ${formatDate(read.value)} là ngày sau hôm nay; gửi sau khi đã họp, hoặc sửa lại ngày (năm?).`,
        `cannot be submitted yet: ${date.place} the meeting date ${formatDate(read.value)} is after today; submit once the meeting is held, or correct the date (the year?).`,
      ),
    };
  }
  if (text === '') {
    return {
      ok: false,
      cell: minutes.place,
      problem: tr(
        `chưa gửi được: ${minutes.place} cần biên bản họp (đường dẫn hoặc số biên bản).`,
        `cannot be submitted yet: ${minutes.place} needs the meeting minutes (a link or the minutes' number).`,
      ),
    };
  }
  return { ok: true, note: `Họp thống nhất ngày ${formatDate(read.value)}; biên bản: ${text}` };
}

/** The decision of `input.request` on one unit. */
export function decideStep(input: StepInput): Decision {
  const { request, standing, cells, ladder, rubric, now } = input;
  const code = input.unit.code;
  const text = (key: StepCellKey) => cellText(cells[key]?.value);
  const place = (key: StepCellKey) => cells[key]?.place ?? cells.state?.place ?? '';
  const previousRow = standing.row === 0 ? '' : String(standing.row);
  const refuse = (reason: string, cell?: string, handEdit?: string): Decision => {
    const label = text('stateLabel');
    return {
      kind: 'refused',
      reason,
      ...(cell === undefined ? {} : { cell }),
      ...(handEdit === undefined ? {} : { handEdit }),
      // The row points at its refused attempt (which repeats the record), so that the unit's next
      // log row names it as the row before; a hand-edited row gets its «Sửa tay» cell alone.
      pointer: standing.kind !== 'handEdit' && standing.kind !== 'predates',
      // A refused attempt is recorded too (SCENARIOS.md §5): who tried what, and why it was refused.
      // It carries the record the log already holds, never the cells of a hand edit.
      entry: {
        time: input.time,
        user: input.user,
        unit: code,
        action: inLanguage('vi', () => `${actionLabel(request.action)} (bị từ chối)`),
        from: label,
        to: label,
        comment: reason,
        record: standing.kind === 'predates' ? '' : encodeRecord(standing.record),
        unitPrevious: previousRow,
      },
    };
  };

  if (standing.kind === 'handEdit') {
    const note = handEditNote(standing, (key) => input.headers[key]);
    return refuse(
      handEditRefusal(standing, input.held, (key) => place(key)),
      place(standing.keys[0] ?? 'state'),
      cells.handEdit !== undefined && text('handEdit') !== note ? note : undefined,
    );
  }
  // Who may act comes from «Đơn vị» (protected), not from the scoring row an editor can retype.
  const access = rolesOver(input.grants, input.email, input.unit, input.unusable);
  if (!access.ok) return refuse(access.reason);
  // «Ngày nộp» chooses who decides: a cell that no longer reads as a date stops the step rather
  // than falling back to another ladder (blank is a dossier sent by the previous version).
  const sent = cells.submittedOn;
  if (sent !== undefined && !isBlank(sent.value) && !readDate(sent.value).ok) {
    return refuse(
      tr(
        `${sent.place}: «${cellText(sent.value)}» không phải ngày/tháng/năm. «Ngày nộp» do XHHT ghi khi đơn vị gửi và quyết định các cấp xét duyệt: ghi lại đúng ngày gửi (xem trang «Nhật ký») rồi làm lại.`,
        `${sent.place}: «${cellText(sent.value)}» is not a day/month/year date. XHHT writes «Ngày nộp» when the unit submits, and it chooses the approval ladder: type the day it was sent again (see the «Nhật ký» sheet), then try again.`,
      ),
      sent.place,
    );
  }
  const state = storedState(
    text('state'),
    text('decidedResult'),
    cells.decisionDate?.value ?? '',
    ladder,
    rubric,
    now,
  );
  const previous = decodePrevious(text('previousState'), ladder);
  if (!state || previous === undefined) {
    const edited: StepCellKey = state ? 'previousState' : 'state';
    return refuse(
      tr(
        `${place(edited)}: mã trạng thái «${text(edited)}» đã bị sửa; quản trị cần khôi phục theo «Nhật ký».`,
        `${place(edited)}: the state code «${text(edited)}» was edited; an administrator must restore it from the «Nhật ký» log.`,
      ),
      place(edited),
    );
  }

  const writes: { [key in WrittenKey]?: CellValue } = {};
  const put = (key: WrittenKey, value: CellValue) => {
    if (cells[key] !== undefined) writes[key] = value;
  };
  /** The state change's writes and its log entry, carrying the record its cells hold after it. */
  const record = (action: string, to: UnitState, comment: string) => {
    const [fromLabel, toLabel] = inLanguage('vi', () => [
      stateLabel(state, ladder),
      stateLabel(to, ladder),
    ]);
    put('state', encodeState(to));
    put('stateLabel', toLabel);
    put('previousState', encodePrevious(state));
    return { fromLabel, toLabel, action, comment };
  };
  const settle = (step: ReturnType<typeof record>) => {
    put('logRow', input.logRow);
    put('handEdit', '');
    const after = Object.fromEntries(
      RECORD_KEYS.map((key) => [
        key,
        key in writes ? recordValue(key, writes[key]) : input.held[key],
      ]),
    ) as Record<RecordKey, string>;
    const entry: AuditEntry = {
      time: input.time,
      user: input.user,
      unit: code,
      action: step.action,
      from: step.fromLabel,
      to: step.toLabel,
      comment: standing.kind === 'predates' ? step.comment + predatesNote(standing) : step.comment,
      record: encodeRecord(after),
      unitPrevious: previousRow,
    };
    return { writes: writes as StepWrites, record: after as UnitRecord, entry };
  };

  // A decided row is frozen: an edit is flagged and the unit stays decided; revoking (or a new
  // cycle once the recognition expired) is the way on.
  if (
    input.sealBroken &&
    isDecided(state) &&
    request.action !== 'revoke' &&
    request.action !== 'register'
  ) {
    return refuse(frozenEditText(text('decisionNumber')), place('approvedHash'));
  }
  // Scores or evidence edited after a level approved them: the approvals no longer hold.
  if (input.sealBroken && !isDecided(state)) {
    const back: UnitState = { status: 'awaiting', step: 0, returned: false };
    const step = record('Giá trị đổi sau khi duyệt', back, VALUES_CHANGED_VI);
    put('approvedHash', '');
    return {
      kind: 'sentBack',
      reason: tr(
        `điểm hoặc minh chứng đã bị sửa sau khi được duyệt; đơn vị trở về «${step.toLabel}» để duyệt lại.`,
        `scores or evidence were edited after approval; the unit goes back to «${step.toLabel}» to be approved again.`,
      ),
      label: step.toLabel,
      state: back,
      ...settle(step),
    };
  }
  const judging = request.action === 'approve' || request.action === 'recognise';
  // Score-all leaves the band or level blank exactly when the row is invalid, empty or lacks evidence.
  if (request.action === 'submit' && isBlank(cells.result?.value)) {
    const error = text('error').split('\n')[0];
    return refuse(
      tr(
        `chưa gửi được: ${error || 'chưa có kết quả chấm'}`,
        `cannot be submitted yet: ${error || 'no score yet'}`,
      ),
      place('result'),
    );
  }
  // A reviewer's adjusted values allow approving only with a reason, and when they give a result.
  if (judging && input.reviewEntered) {
    if (text('reviewChanges') !== '' && isBlank(cells.reviewReason?.value)) {
      return refuse(
        tr('chưa duyệt được: ', 'cannot be approved yet: ') +
          MESSAGES.reviewNeedsReason(place('reviewReason')),
        place('reviewReason'),
      );
    }
    if (isBlank(cells.reviewed?.value)) {
      return refuse(
        tr(
          `chưa duyệt được: giá trị thẩm định chưa tính được kết quả. ${text('error')}`,
          `cannot be approved yet: the reviewed values give no result. ${text('error')}`,
        ),
        place('reviewed'),
      );
    }
  }
  let meetingNote = '';
  if (request.action === 'submit' && rubric.meetingBeforeSubmit) {
    const meeting = meetingProblem(cells.meetingDate, cells.meetingMinutes, now);
    if (!meeting.ok) return refuse(meeting.problem, meeting.cell);
    meetingNote = meeting.note;
  }
  const outcome = transition(
    state,
    { ...request, roles: access.roles, ...(previous ? { previous } : {}) },
    ladder,
  );
  if (!outcome.ok) return refuse(outcome.reason);
  // What the title recognises (issue 10), once the step itself is allowed: the result judged is the
  // reviewers' where they adjusted values, else the unit's own; a levels or pass/fail title is
  // submitted, approved and recognised only when met, and at the level applied for.
  const reviewedResult = text('reviewed');
  const useReviewed = judging && reviewedResult !== '';
  const resultKey: StepCellKey = useReviewed ? 'reviewed' : 'result';
  const judged = text(resultKey);
  const reached = levelOf(judged);
  const appliedCell = levelOf(text('appliedLevel'));
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
      resultCell: place(resultKey),
      ...(applied === undefined ? {} : { applied }),
      ...(request.action === 'submit' || cells.appliedLevel === undefined
        ? {}
        : { appliedCell: cells.appliedLevel.place }),
    });
  if (titleProblem) return refuse(titleProblem, place(resultKey));
  const sentDay = sent === undefined ? undefined : readDate(sent.value);
  const dateProblem =
    request.action === 'recognise' &&
    request.decision &&
    decisionDateRefusal(
      request.decision.date,
      sent !== undefined && sentDay?.ok ? { day: sentDay.value, cell: sent.place } : undefined,
    );
  if (dateProblem) return refuse(dateProblem, sent?.place);
  // A decision in a band that does not hold the title is a classification, never a recognition.
  const reachedState =
    request.action === 'recognise'
      ? withOutcome(outcome.state, judged, meetsTitle(rubric, judged))
      : outcome.state;
  const decidedNumber = text('decisionNumber');
  const decidedResult = text('decidedResult');
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
  const step = record(
    inLanguage('vi', () => actionLabel(request.action)),
    reachedState,
    comment + unconfirmed,
  );
  const decideRung = ladder.steps.find((rung) => rung.kind === 'decide');
  const decider = decideRung
    ? inLanguage('vi', () => `${roleLabel(decideRung.role)}: ${input.user}`)
    : input.user;
  // The day the dossier is sent chooses its ladder from then on.
  if (request.action === 'submit') {
    put('submittedOn', formatDate(now));
    put(
      'appliedLevel',
      rubric.method === 'levels' && applied !== undefined ? LEVEL_LABELS[applied] : '',
    );
  }
  let register: RegisterEntry | undefined;
  if (request.action === 'recognise' && request.decision) {
    put('decidedResult', judged);
    const validUntil = validUntilOf(rubric, request.decision.date);
    register = {
      kind: 'recognise',
      title: rubric.id,
      unit: code,
      name: input.unit.name,
      result: judged,
      decisionNumber: request.decision.number,
      decisionDate: request.decision.date,
      decider,
      ...(validUntil ? { validUntil } : {}),
      logRow: input.logRow,
    };
  }
  if (request.action === 'revoke' && request.decision) {
    register = {
      kind: 'revoke',
      title: rubric.id,
      unit: code,
      name: input.unit.name,
      result: decidedResult,
      decisionNumber: request.decision.number,
      decisionDate: request.decision.date,
      decider,
      revokes: decidedNumber,
      reason: request.comment ?? '',
      logRow: input.logRow,
    };
  }
  // The decision is gone from the row when revoked, and a new cycle starts with none of the old.
  if (request.action === 'revoke' || request.action === 'register') {
    put('decisionNumber', '');
    put('decisionDate', '');
    put('decidedResult', '');
    put('approvedHash', '');
  }
  if (request.action === 'register') {
    put('submittedOn', '');
    put('appliedLevel', '');
  }
  // An undo cannot itself be undone; a second step back needs the log.
  if (request.action === 'revert') put('previousState', '');
  if (request.comment) put('lastComment', request.comment);
  if (request.action === 'recognise' && request.decision) {
    put('decisionNumber', request.decision.number);
    put('decisionDate', request.decision.date);
  }
  // The values a level approved are sealed; back with the commune, they are its to change again.
  if (judging) {
    put('approvedHash', input.seal ?? '');
  } else if (
    request.action === 'revoke' ||
    outcome.state.status === 'refused' ||
    outcome.state.status === 'drafting' ||
    outcome.state.status === 'none' ||
    (outcome.state.status === 'awaiting' && outcome.state.step === 0)
  ) {
    put('approvedHash', '');
  }
  const settled = settle(step);
  return {
    kind: 'done',
    label: step.toLabel,
    state: outcome.state,
    ...settled,
    ...(register ? { register } : {}),
    event: {
      ladder,
      unit: input.unit,
      action: request.action,
      to: outcome.state,
      label: step.toLabel,
      by: input.user,
      comment: request.comment ?? '',
      id: eventId(code, outcome.state, input.time),
    },
  };
}
