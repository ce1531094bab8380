import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../src/domain/cells';
import { ladderNamed } from '../../src/domain/ladder';
import type { Grant } from '../../src/domain/people';
import { formatDate } from '../../src/domain/recognition';
import { TT25_2023_CDHT_XA } from '../../src/domain/rubrics/tt25-2023-cdht-xa';
import {
  type Decision,
  decideStep,
  type StepCell,
  type StepCellKey,
  type StepInput,
} from '../../src/domain/step-decision';
import { standingOf } from '../../src/domain/step-record';
import {
  decodeRecord,
  EMPTY_RECORD,
  encodeRecord,
  RECORD_KEYS,
  recordOfCells,
} from '../../src/domain/unit-record';
import {
  type Action,
  encodePrevious,
  encodeState,
  stateLabel,
  type UnitState,
} from '../../src/domain/workflow';

// The decision of one step on one unit (issue 11), one row per refusal kind and per transition, at
// its boundary. The unit is a commune (TT 25/2023: a levels title, a meeting before submitting) on
// the ladder xã → huyện (review) → tỉnh (decide).

const NOW = new Date(2026, 5, 15, 10, 0, 0);
const LADDER = ladderNamed('XA_HUYEN_TINH');
if (!LADDER) throw new Error('no ladder');
const RUBRIC = TT25_2023_CDHT_XA;
const UNIT = { code: 'X01', district: 'Huyện A', commune: 'Xã A', cluster: '', name: 'Xã A' };
const GRANTS: Grant[] = [
  { email: 'xa@t.vn', role: 'xa', scope: 'Xã A' },
  { email: 'huyen@t.vn', role: 'huyen', scope: 'Huyện A' },
  { email: 'huyenb@t.vn', role: 'huyen', scope: 'Huyện B' },
  { email: 'tinh@t.vn', role: 'tinh', scope: '' },
  { email: 'qt@t.vn', role: 'quanTri', scope: '' },
];
const WORKFLOW: readonly StepCellKey[] = [
  ...RECORD_KEYS,
  'stateLabel',
  'lastComment',
  'logRow',
  'handEdit',
];
const LOG_ROW = 12;
const DECISION = { number: '45/QĐ-UBND', date: new Date(2026, 5, 12) };
const day = (d: number) => new Date(2026, 5, d);

const NONE: UnitState = { status: 'none' };
const DRAFTING: UnitState = { status: 'drafting', returned: false };
const AT_HUYEN: UnitState = { status: 'awaiting', step: 0, returned: false };
const AT_TINH: UnitState = { status: 'awaiting', step: 1, returned: false };
const RECOGNISED: UnitState = { status: 'recognised', step: null };

interface Row {
  readonly name: string;
  readonly email: string;
  readonly action: Action;
  readonly state: UnitState;
  readonly comment?: string;
  readonly decision?: { number: string; date: Date };
  readonly level?: 1 | 2;
  readonly cells?: Partial<Record<StepCellKey, CellValue>>;
  readonly absent?: readonly StepCellKey[];
  readonly reviewEntered?: boolean;
  readonly sealBroken?: boolean;
  /** The log's record differs from the cells at this key: a hand edit. */
  readonly loggedState?: string;
  /** The unit's last log row carries no record (the previous version wrote it). */
  readonly predates?: boolean;
}

const placeOf = (key: StepCellKey) => `Ô ${key}5, trang «CĐHT xã»`;

function inputOf(row: Row): StepInput {
  const values: Partial<Record<StepCellKey, CellValue>> = {
    state: encodeState(row.state),
    stateLabel: stateLabel(row.state, LADDER as NonNullable<typeof LADDER>),
    result: 'Mức độ 1',
    meetingDate: day(1),
    meetingMinutes: 'BB 07/2026',
    ...(row.state.status === 'none' || row.state.status === 'drafting'
      ? {}
      : { submittedOn: formatDate(day(10)), appliedLevel: 'Mức độ 1' }),
    ...row.cells,
  };
  const keys: StepCellKey[] = [
    ...WORKFLOW,
    'result',
    'reviewed',
    'reviewChanges',
    'reviewReason',
    'error',
    'meetingDate',
    'meetingMinutes',
  ];
  const cells: Partial<Record<StepCellKey, StepCell>> = {};
  for (const key of keys) {
    if (row.absent?.includes(key)) continue;
    cells[key] = { value: values[key] ?? '', place: placeOf(key) };
  }
  const held = recordOfCells((key) => cells[key]?.value);
  const logged = row.loggedState === undefined ? held : { ...held, state: row.loggedState };
  return {
    request: {
      action: row.action,
      ...(row.comment === undefined ? {} : { comment: row.comment }),
      ...(row.decision === undefined ? {} : { decision: row.decision }),
      ...(row.level === undefined ? {} : { level: row.level }),
    },
    now: NOW,
    time: '15/06/2026 10:00:00',
    user: row.email,
    email: row.email,
    grants: GRANTS,
    unusable: [],
    unit: UNIT,
    rubric: RUBRIC,
    ladder: LADDER as NonNullable<typeof LADDER>,
    standing: standingOf(held, row.predates ? { row: 7 } : { row: 7, record: logged }, false),
    held,
    cells,
    headers: Object.fromEntries(
      RECORD_KEYS.map((key) => [key, `H-${key}`]),
    ) as StepInput['headers'],
    reviewEntered: row.reviewEntered ?? false,
    sealBroken: row.sealBroken ?? false,
    seal: 'seal-now',
    logRow: LOG_ROW,
  };
}

/** A refusal: what the reason must say, and the cell it names (undefined: names none). */
interface Refusal {
  readonly says: string;
  readonly cell?: StepCellKey;
}

const REFUSALS: readonly (Row & { readonly refused: Refusal })[] = [
  {
    name: 'access denied by scope: a district officer of another district',
    email: 'huyenb@t.vn',
    action: 'approve',
    state: AT_HUYEN,
    refused: { says: 'không có quyền với đơn vị X01 (Huyện A)' },
  },
  {
    name: 'access denied: not in «Người dùng»',
    email: 'ai@t.vn',
    action: 'approve',
    state: AT_HUYEN,
    refused: { says: 'chưa có trong trang «Người dùng»' },
  },
  {
    name: '«Ngày nộp» that no longer reads as a date',
    email: 'huyen@t.vn',
    action: 'approve',
    state: AT_HUYEN,
    cells: { submittedOn: 'hôm qua' },
    refused: { says: '«hôm qua» không phải ngày/tháng/năm', cell: 'submittedOn' },
  },
  {
    name: 'a state code that no longer decodes',
    email: 'huyen@t.vn',
    action: 'approve',
    state: AT_HUYEN,
    cells: { state: 'awaiting:9' },
    refused: { says: 'mã trạng thái «awaiting:9» đã bị sửa', cell: 'state' },
  },
  {
    name: 'a previous-state code that no longer decodes',
    email: 'huyen@t.vn',
    action: 'approve',
    state: AT_HUYEN,
    cells: { previousState: 'lung tung' },
    refused: { says: '«lung tung» đã bị sửa', cell: 'previousState' },
  },
  {
    name: 'edited seal on a decided unit: frozen, stays decided',
    email: 'tinh@t.vn',
    action: 'approve',
    state: RECOGNISED,
    cells: { decisionNumber: '9/QĐ' },
    sealBroken: true,
    refused: { says: 'đã bị sửa sau quyết định 9/QĐ', cell: 'approvedHash' },
  },
  {
    name: 'submit without result: the first line of «Lỗi»',
    email: 'xa@t.vn',
    action: 'submit',
    state: DRAFTING,
    cells: { result: '', error: 'Thiếu minh chứng 1.2\ndòng sau' },
    refused: { says: 'chưa gửi được: Thiếu minh chứng 1.2', cell: 'result' },
  },
  {
    name: 'submit without result and without error',
    email: 'xa@t.vn',
    action: 'submit',
    state: DRAFTING,
    cells: { result: '' },
    refused: { says: 'chưa có kết quả chấm', cell: 'result' },
  },
  {
    name: 'review adjusted without reason',
    email: 'huyen@t.vn',
    action: 'approve',
    state: AT_HUYEN,
    reviewEntered: true,
    cells: { reviewed: 'Mức độ 1', reviewChanges: '1.1: 2 → 1' },
    refused: { says: 'chưa duyệt được', cell: 'reviewReason' },
  },
  {
    name: 'review values that give no result',
    email: 'huyen@t.vn',
    action: 'approve',
    state: AT_HUYEN,
    reviewEntered: true,
    cells: { reviewed: '', error: 'Ô thẩm định sai' },
    refused: {
      says: 'giá trị thẩm định chưa tính được kết quả. Ô thẩm định sai',
      cell: 'reviewed',
    },
  },
  {
    name: 'meeting columns missing from the sheet',
    email: 'xa@t.vn',
    action: 'submit',
    state: DRAFTING,
    absent: ['meetingDate', 'meetingMinutes'],
    refused: { says: 'chưa có cột ngày họp thống nhất' },
  },
  {
    name: 'meeting date blank',
    email: 'xa@t.vn',
    action: 'submit',
    state: DRAFTING,
    cells: { meetingDate: '' },
    refused: { says: 'chưa ghi ngày họp thống nhất', cell: 'meetingDate' },
  },
  {
    name: 'meeting date not a date',
    email: 'xa@t.vn',
    action: 'submit',
    state: DRAFTING,
    cells: { meetingDate: 'tháng sáu' },
    refused: { says: '«tháng sáu» không phải ngày/tháng/năm', cell: 'meetingDate' },
  },
  {
    name: 'meeting date in the future (tomorrow)',
    email: 'xa@t.vn',
    action: 'submit',
    state: DRAFTING,
    cells: { meetingDate: day(16) },
    refused: { says: 'ngày họp 16/06/2026 là ngày sau hôm nay', cell: 'meetingDate' },
  },
  {
    name: 'meeting without minutes',
    email: 'xa@t.vn',
    action: 'submit',
    state: DRAFTING,
    cells: { meetingMinutes: ' ' },
    refused: { says: 'cần biên bản họp', cell: 'meetingMinutes' },
  },
  {
    name: 'title refused: a result that does not meet the title',
    email: 'xa@t.vn',
    action: 'submit',
    state: DRAFTING,
    cells: { result: 'Chưa đạt' },
    refused: { says: 'kết quả «Chưa đạt» không đạt danh hiệu', cell: 'result' },
  },
  {
    name: 'title refused: applied for a level above the result',
    email: 'xa@t.vn',
    action: 'submit',
    state: DRAFTING,
    level: 2,
    refused: { says: 'thấp hơn mức đề nghị «Mức độ 2»', cell: 'result' },
  },
  {
    name: 'title refused on approval: the reviewers’ result is judged',
    email: 'huyen@t.vn',
    action: 'approve',
    state: AT_HUYEN,
    reviewEntered: true,
    cells: { reviewed: 'Chưa đạt', reviewReason: 'thiếu minh chứng' },
    refused: { says: 'kết quả «Chưa đạt» không đạt danh hiệu', cell: 'reviewed' },
  },
  {
    name: 'decision dated the day before «Ngày nộp»',
    email: 'tinh@t.vn',
    action: 'recognise',
    state: AT_TINH,
    decision: { number: '45/QĐ', date: day(9) },
    refused: { says: 'trước ngày đơn vị nộp hồ sơ', cell: 'submittedOn' },
  },
  {
    name: 'transition refused: the wrong level acts',
    email: 'huyen@t.vn',
    action: 'recognise',
    state: AT_TINH,
    decision: DECISION,
    refused: { says: 'Bước này do' },
  },
  {
    name: 'transition refused: a return without comment',
    email: 'huyen@t.vn',
    action: 'return',
    state: AT_HUYEN,
    refused: { says: 'Trả lại cần có nhận xét' },
  },
];

describe('decideStep: refusals', () => {
  it.each(REFUSALS)('$name', (row) => {
    const input = inputOf(row);
    const decision = decideStep(input);
    expect(decision.kind).toBe('refused');
    if (decision.kind !== 'refused') return;
    expect(decision.reason).toContain(row.refused.says);
    expect(decision.cell).toBe(row.refused.cell && placeOf(row.refused.cell));
    // The attempt is logged with the record the log holds, from and to the same label; the row's
    // pointer moves to it; nothing is written on the row.
    expect(decision.entry).toMatchObject({
      unit: 'X01',
      user: row.email,
      comment: decision.reason,
      from: input.cells.stateLabel?.value,
      to: input.cells.stateLabel?.value,
      record: encodeRecord(input.held),
      unitPrevious: '7',
    });
    expect(decision.entry.action).toMatch(/\(bị từ chối\)$/);
    expect(decision.pointer).toBe(true);
    expect(decision.handEdit).toBeUndefined();
  });

  it('hand edit: refused with the «Sửa tay» note; the log keeps its own record; no pointer', () => {
    const input = inputOf({
      name: '',
      email: 'tinh@t.vn',
      action: 'recognise',
      state: RECOGNISED,
      loggedState: encodeState(AT_TINH),
      decision: DECISION,
    });
    const decision = decideStep(input);
    expect(decision.kind).toBe('refused');
    if (decision.kind !== 'refused') return;
    expect(decision.handEdit).toBe('Sửa tay: H-state — nhật ký dòng 7');
    expect(decision.cell).toBe(placeOf('state'));
    expect(decision.reason).toContain(
      `${placeOf('state')} ghi «recognised», nhật ký ghi «awaiting:1»`,
    );
    expect(decodeRecord(decision.entry.record ?? '')?.state).toBe('awaiting:1');
    expect(decision.pointer).toBe(false);
    // A «Sửa tay» cell already saying so is not written again.
    const again = decideStep({
      ...input,
      cells: { ...input.cells, handEdit: { value: decision.handEdit ?? '', place: '' } },
    });
    expect(again.kind === 'refused' && again.handEdit).toBeUndefined();
  });

  it('edited seal on a decided unit does not stop its revocation (the way on)', () => {
    const decision = decideStep(
      inputOf({
        name: '',
        email: 'tinh@t.vn',
        action: 'revoke',
        state: RECOGNISED,
        sealBroken: true,
        comment: 'sai điểm',
        decision: DECISION,
        cells: { decisionNumber: '9/QĐ', decidedResult: 'Mức độ 1' },
      }),
    );
    expect(decision.kind).toBe('done');
  });
});

describe('decideStep: seal broken on an undecided unit', () => {
  it.each([
    ['at the deciding level', AT_TINH, 'tinh@t.vn', 'recognise'],
    ['at the first review', AT_HUYEN, 'huyen@t.vn', 'approve'],
  ] as const)('%s: back to the first review, logged, seal cleared', (_, state, email, action) => {
    const input = inputOf({
      name: '',
      email,
      action,
      state,
      decision: DECISION,
      sealBroken: true,
      cells: { approvedHash: 'old-seal' },
    });
    const decision = decideStep(input);
    expect(decision.kind).toBe('sentBack');
    if (decision.kind !== 'sentBack') return;
    expect(decision.state).toEqual(AT_HUYEN);
    expect(decision.writes).toMatchObject({
      state: encodeState(AT_HUYEN),
      previousState: encodePrevious(state),
      approvedHash: '',
      logRow: LOG_ROW,
      handEdit: '',
    });
    expect(decision.reason).toContain('đã bị sửa sau khi được duyệt');
    expect(decision.entry.action).toBe('Giá trị đổi sau khi duyệt');
    expect(decodeRecord(decision.entry.record ?? '')).toEqual(decision.record);
    expect(decision.record.approvedHash).toBe('');
    // Whatever it did not write stays as the row held it.
    expect(decision.record.submittedOn).toBe(input.held.submittedOn);
  });
});

/** A success: the state reached, the cells written (a subset), the register entry's kind. */
interface Success {
  readonly to: UnitState;
  readonly writes: Readonly<Record<string, CellValue>>;
  readonly register?: 'recognise' | 'revoke';
  readonly comment?: string;
}

const SUCCESSES: readonly (Row & { readonly done: Success })[] = [
  {
    name: 'register from none: a new cycle with none of the old',
    email: 'xa@t.vn',
    action: 'register',
    state: NONE,
    cells: { submittedOn: '01/01/2025', appliedLevel: 'Mức độ 2' },
    done: {
      to: DRAFTING,
      writes: { submittedOn: '', appliedLevel: '', decisionNumber: '', approvedHash: '' },
    },
  },
  {
    name: 'submit with the meeting held today (the boundary)',
    email: 'xa@t.vn',
    action: 'submit',
    state: DRAFTING,
    cells: { meetingDate: day(15) },
    done: {
      to: AT_HUYEN,
      writes: { submittedOn: '15/06/2026', appliedLevel: 'Mức độ 1', approvedHash: '' },
      comment: 'Họp thống nhất ngày 15/06/2026; biên bản: BB 07/2026',
    },
  },
  {
    name: 'submit applying for the level reached',
    email: 'xa@t.vn',
    action: 'submit',
    state: DRAFTING,
    level: 2,
    cells: { result: 'Mức độ 2' },
    done: { to: AT_HUYEN, writes: { appliedLevel: 'Mức độ 2' } },
  },
  {
    name: 'approve: the values are sealed',
    email: 'huyen@t.vn',
    action: 'approve',
    state: AT_HUYEN,
    done: { to: AT_TINH, writes: { approvedHash: 'seal-now' } },
  },
  {
    name: 'approve with adjusted values and a reason',
    email: 'huyen@t.vn',
    action: 'approve',
    state: AT_HUYEN,
    reviewEntered: true,
    cells: { reviewed: 'Mức độ 1', reviewChanges: '1.1', reviewReason: 'đối chiếu' },
    done: { to: AT_TINH, writes: { approvedHash: 'seal-now' } },
  },
  {
    name: 'recognise on the day of «Ngày nộp» (the boundary)',
    email: 'tinh@t.vn',
    action: 'recognise',
    state: AT_TINH,
    decision: { number: '45/QĐ', date: day(10) },
    done: {
      to: RECOGNISED,
      writes: {
        decisionNumber: '45/QĐ',
        decidedResult: 'Mức độ 1',
        approvedHash: 'seal-now',
      },
      register: 'recognise',
      comment: '45/QĐ (10/06/2026); kết quả: Mức độ 1',
    },
  },
  {
    name: 'return to the commune with a comment',
    email: 'huyen@t.vn',
    action: 'return',
    state: AT_HUYEN,
    comment: 'bổ sung minh chứng',
    done: {
      to: { status: 'drafting', returned: true },
      writes: { lastComment: 'bổ sung minh chứng', approvedHash: '' },
      comment: 'bổ sung minh chứng',
    },
  },
  {
    name: 'refuse with a reason',
    email: 'tinh@t.vn',
    action: 'refuse',
    state: AT_TINH,
    comment: 'không đạt',
    done: { to: { status: 'refused' }, writes: { approvedHash: '', lastComment: 'không đạt' } },
  },
  {
    name: 'revoke a recognition',
    email: 'tinh@t.vn',
    action: 'revoke',
    state: RECOGNISED,
    comment: 'sai sót',
    decision: { number: '50/QĐ', date: day(14) },
    cells: { decisionNumber: '45/QĐ', decidedResult: 'Mức độ 1', approvedHash: 'x' },
    done: {
      to: { status: 'awaiting', step: 1, returned: true },
      writes: { decisionNumber: '', decisionDate: '', decidedResult: '', approvedHash: '' },
      register: 'revoke',
      comment: 'Thu hồi / hủy quyết định 45/QĐ bằng 50/QĐ (14/06/2026); lý do: sai sót',
    },
  },
  {
    name: 'revert the last step (administrator)',
    email: 'qt@t.vn',
    action: 'revert',
    state: AT_TINH,
    comment: 'bấm nhầm',
    cells: { previousState: encodePrevious(AT_HUYEN) },
    done: { to: AT_HUYEN, writes: { previousState: '' } },
  },
];

describe('decideStep: each action succeeds', () => {
  it.each(SUCCESSES)('$name', (row) => {
    const input = inputOf(row);
    const decision: Decision = decideStep(input);
    expect(decision.kind).toBe('done');
    if (decision.kind !== 'done') return;
    expect(decision.state).toEqual(row.done.to);
    expect(decision.writes).toMatchObject({
      state: encodeState(row.done.to),
      previousState: row.action === 'revert' ? '' : encodePrevious(row.state),
      logRow: LOG_ROW,
      handEdit: '',
      ...row.done.writes,
    });
    // The log entry carries the record the cells hold after the step, and names the row before.
    expect(decodeRecord(decision.entry.record ?? '')).toEqual(decision.record);
    expect(decision.record.state).toBe(encodeState(row.done.to));
    expect(decision.entry.unitPrevious).toBe('7');
    expect(decision.entry.from).toBe(input.cells.stateLabel?.value);
    if (row.done.comment !== undefined) expect(decision.entry.comment).toBe(row.done.comment);
    expect(decision.register?.kind).toBe(row.done.register);
    if (decision.register) expect(decision.register.logRow).toBe(LOG_ROW);
    expect(decision.event).toMatchObject({
      action: row.action,
      to: row.done.to,
      by: row.email,
      unit: UNIT,
      id: `X01:${encodeState(decision.state)}:15/06/2026 10:00:00`,
    });
  });

  it('writes nothing to a column the sheet lacks, and the record reads it as blank', () => {
    const input = inputOf({
      name: '',
      email: 'xa@t.vn',
      action: 'submit',
      state: DRAFTING,
      absent: ['submittedOn', 'appliedLevel'],
    });
    const decision = decideStep(input);
    expect(decision.kind).toBe('done');
    if (decision.kind !== 'done') return;
    expect(decision.writes).not.toHaveProperty('submittedOn');
    expect(decision.record.submittedOn).toBe('');
  });

  it('a unit whose last log row predates the record: taken once, said in the log', () => {
    const decision = decideStep(
      inputOf({
        name: '',
        email: 'huyen@t.vn',
        action: 'approve',
        state: AT_HUYEN,
        predates: true,
      }),
    );
    expect(decision.kind).toBe('done');
    expect(decision.entry.comment).toContain('dòng nhật ký 7 do phiên bản trước ghi');
  });

  it('a refused step on such a unit repeats no record and moves no pointer', () => {
    const decision = decideStep(
      inputOf({
        name: '',
        email: 'huyenb@t.vn',
        action: 'approve',
        state: AT_HUYEN,
        predates: true,
      }),
    );
    expect(decision.kind === 'refused' && decision.pointer).toBe(false);
    expect(decision.entry.record).toBe('');
  });

  it('an untouched unit has no row before', () => {
    const input = inputOf({ name: '', email: 'xa@t.vn', action: 'register', state: NONE });
    const decision = decideStep({
      ...input,
      standing: standingOf(EMPTY_RECORD, undefined, false),
    });
    expect(decision.entry.unitPrevious).toBe('');
  });
});
