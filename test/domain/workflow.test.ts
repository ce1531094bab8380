import { describe, expect, it } from 'vitest';
import {
  checkLadder,
  LADDER_PRESETS,
  type Ladder,
  ladderNamed,
  parseLadder,
  ROLES,
  type Role,
} from '../../src/domain/ladder';
import {
  ACTIONS,
  type Action,
  decodePrevious,
  encodePrevious,
  nextActor,
  type Request,
  stateLabel,
  transition,
  type UnitState,
  withExpiry,
} from '../../src/domain/workflow';

const DECISION = { number: '123/QĐ-UBND', date: new Date(2026, 2, 20) };

/** Every state a unit can be in on a ladder. */
function statesOf(ladder: Ladder): UnitState[] {
  const decider = ladder.steps.findIndex((step) => step.kind === 'decide');
  const steps = ladder.steps.map((_, i) => i);
  return [
    { status: 'none' },
    { status: 'drafting', returned: false },
    { status: 'drafting', returned: true },
    ...steps
      .filter((i) => i <= decider)
      .flatMap((i) =>
        [false, true].map((returned): UnitState => ({ status: 'awaiting', step: i, returned })),
      ),
    { status: 'recognised', step: null },
    ...steps.filter((i) => i > decider).map((i): UnitState => ({ status: 'recognised', step: i })),
    { status: 'classified', step: null, result: 'Chưa đạt' },
    ...steps
      .filter((i) => i > decider)
      .map((i): UnitState => ({ status: 'classified', step: i, result: 'Trung bình' })),
    { status: 'refused' },
    { status: 'expired', until: new Date(2029, 11, 31) },
  ];
}

/** What may happen, written as a table apart from the implementation: the expected state, or null. */
function expected(ladder: Ladder, state: UnitState, action: Action, role: Role): UnitState | null {
  const stepAt =
    state.status === 'awaiting' || state.status === 'recognised' || state.status === 'classified'
      ? state.step
      : null;
  const step = stepAt === null ? undefined : ladder.steps[stepAt];
  const last = ladder.steps.length - 1;
  const decided =
    state.status === 'recognised' || state.status === 'classified' || state.status === 'expired';
  const decider = ladder.steps.findIndex((s) => s.kind === 'decide');
  // The table's requests carry no previous state, so there is nothing to undo.
  if (action === 'revert') return null;
  // The unit's own officer; on a ladder with no commune step, also the role the previous version gave it.
  const submits = role === 'donVi' || (role === 'xa' && !ladder.steps.some((s) => s.role === 'xa'));
  // Revocation: the decider's, on a decided unit, back at the decider's step.
  if (action === 'revoke')
    return decided && role === ladder.steps[decider]?.role
      ? { status: 'awaiting', step: decider, returned: true }
      : null;
  if (action === 'register')
    return submits && (state.status === 'none' || state.status === 'expired')
      ? { status: 'drafting', returned: false }
      : null;
  if (action === 'submit')
    return submits && state.status === 'drafting'
      ? { status: 'awaiting', step: 0, returned: false }
      : null;
  if (stepAt === null || !step || role !== step.role) return null;
  if (action === 'return')
    return decided
      ? null
      : stepAt === 0
        ? { status: 'drafting', returned: true }
        : { status: 'awaiting', step: stepAt - 1, returned: true };
  if (action === 'refuse') return step.kind === 'decide' ? { status: 'refused' } : null;
  if (action === 'recognise')
    return step.kind === 'decide'
      ? { status: 'recognised', step: stepAt < last ? stepAt + 1 : null }
      : null;
  // approve
  if (step.kind === 'decide') return null;
  if (state.status === 'recognised' || state.status === 'classified')
    return { ...state, step: stepAt < last ? stepAt + 1 : null };
  return { status: 'awaiting', step: stepAt + 1, returned: false };
}

describe.each(LADDER_PRESETS.map((ladder) => [ladder.label, ladder] as const))(
  'ladder %s',
  (_label, ladder) => {
    it('is a valid ladder', () => {
      expect(checkLadder(ladder)).toEqual([]);
    });

    it('does exactly what the table allows, for every state × action × role', () => {
      let allowed = 0;
      for (const state of statesOf(ladder)) {
        for (const action of ACTIONS) {
          for (const role of ROLES) {
            const request: Request = {
              action,
              roles: [role],
              comment: 'Bổ sung minh chứng',
              decision: DECISION,
            };
            const outcome = transition(state, request, ladder);
            const want = expected(ladder, state, action, role);
            const where = `${JSON.stringify(state)} ${action} by ${role}`;
            if (want === null) {
              expect(outcome.ok, where).toBe(false);
              if (!outcome.ok) expect(outcome.reason.length, where).toBeGreaterThan(10);
            } else {
              expect(outcome, where).toEqual({ ok: true, state: want });
              allowed += 1;
            }
          }
        }
      }
      expect(allowed).toBeGreaterThan(ladder.steps.length);
    });

    it('lets only an administrator undo the last step, with a reason, back to the state before it', () => {
      const previous: UnitState = { status: 'drafting', returned: false };
      const state: UnitState = { status: 'awaiting', step: 0, returned: false };
      const undo = (roles: Role[], comment?: string, before: UnitState | null = previous) =>
        transition(
          state,
          {
            action: 'revert',
            roles,
            ...(comment === undefined ? {} : { comment }),
            ...(before ? { previous: before } : {}),
          },
          ladder,
        );
      expect(undo(['quanTri'], 'Gửi nhầm đơn vị')).toEqual({ ok: true, state: previous });
      for (const role of ROLES.filter((r) => r !== 'quanTri')) {
        expect(undo([role], 'Gửi nhầm đơn vị').ok, role).toBe(false);
      }
      expect(undo(['quanTri'], '  ')).toMatchObject({
        ok: false,
        reason: 'Hoàn tác cần ghi lý do.',
      });
      expect(undo(['quanTri'], 'Gửi nhầm', null).ok).toBe(false);
    });

    it('needs a comment to return or refuse, and a decision to recognise', () => {
      const decider = ladder.steps.findIndex((step) => step.kind === 'decide');
      const role = ladder.steps[decider]?.role as Role;
      const waiting: UnitState = { status: 'awaiting', step: decider, returned: false };
      for (const action of ['return', 'refuse'] as const) {
        for (const comment of [undefined, '', '   ']) {
          const outcome = transition(
            waiting,
            { action, roles: [role], ...(comment === undefined ? {} : { comment }) },
            ladder,
          );
          expect(outcome.ok).toBe(false);
        }
      }
      expect(transition(waiting, { action: 'recognise', roles: [role] }, ladder).ok).toBe(false);
      expect(
        transition(
          waiting,
          {
            action: 'recognise',
            roles: [role],
            decision: { number: ' ', date: new Date(2025, 2, 20) },
          },
          ladder,
        ).ok,
      ).toBe(false);
    });

    it('walks a unit from registration to recognition, each step by its own role', () => {
      let state: UnitState = { status: 'none' };
      const act = (action: Action, role: Role, extra: Partial<Request> = {}) => {
        const outcome = transition(state, { action, roles: [role], ...extra }, ladder);
        if (!outcome.ok) throw new Error(`${action} by ${role}: ${outcome.reason}`);
        state = outcome.state;
        return stateLabel(state, ladder);
      };
      const labels = [act('register', 'xa'), act('submit', 'xa')];
      for (const step of ladder.steps) {
        expect(nextActor(state, ladder)).toBe(step.role);
        labels.push(
          step.kind === 'decide'
            ? act('recognise', step.role, { decision: DECISION })
            : act('approve', step.role),
        );
      }
      expect(state).toEqual({ status: 'recognised', step: null });
      expect(labels[0]).toBe('Đang tự đánh giá');
      expect(labels.at(-1)).toBe('Đã công nhận');
      expect(nextActor(state, ladder)).toBeUndefined();
    });
  },
);

describe('labels and returns on the 3-level ladder', () => {
  const ladder = LADDER_PRESETS[0] as Ladder;

  it('names where a unit waits and who sent it back', () => {
    expect(stateLabel({ status: 'awaiting', step: 0, returned: false }, ladder)).toBe(
      'Chờ huyện thẩm định',
    );
    expect(stateLabel({ status: 'awaiting', step: 1, returned: false }, ladder)).toBe(
      'Chờ tỉnh quyết định',
    );
    expect(stateLabel({ status: 'awaiting', step: 0, returned: true }, ladder)).toBe(
      'Trả lại cho huyện',
    );
    expect(stateLabel({ status: 'drafting', returned: true }, ladder)).toBe('Trả lại cho xã');
    expect(stateLabel({ status: 'refused' }, ladder)).toBe('Không công nhận');
  });

  it('sends a province return to the district, and a district return to the commune', () => {
    const atProvince: UnitState = { status: 'awaiting', step: 1, returned: false };
    const back = transition(
      atProvince,
      { action: 'return', roles: ['tinh'], comment: 'Thiếu biên bản' },
      ladder,
    );
    expect(back).toEqual({ ok: true, state: { status: 'awaiting', step: 0, returned: true } });
    const again = back.ok
      ? transition(back.state, { action: 'return', roles: ['huyen'], comment: 'Bổ sung' }, ladder)
      : back;
    expect(again).toEqual({ ok: true, state: { status: 'drafting', returned: true } });
  });

  it('keeps a refusal final', () => {
    for (const action of ACTIONS) {
      for (const role of ROLES) {
        expect(
          transition(
            { status: 'refused' },
            { action, roles: [role], comment: 'x', decision: DECISION },
            ladder,
          ).ok,
        ).toBe(false);
      }
    }
  });

  it('lets a person holding several roles act at each of them', () => {
    const outcome = transition(
      { status: 'awaiting', step: 0, returned: false },
      { action: 'approve', roles: ['xa', 'huyen'] },
      ladder,
    );
    expect(outcome).toEqual({ ok: true, state: { status: 'awaiting', step: 1, returned: false } });
  });

  it('refuses a commune officer approving their own unit, saying who acts', () => {
    const outcome = transition(
      { status: 'awaiting', step: 0, returned: false },
      { action: 'approve', roles: ['xa'] },
      ladder,
    );
    expect(outcome).toEqual({ ok: false, reason: 'Bước này do huyện thực hiện.' });
  });
});

describe('checkLadder', () => {
  it('wants exactly one deciding step taken above the commune', () => {
    expect(
      checkLadder({ id: 'X', label: 'x', steps: [{ role: 'huyen', kind: 'review' }] }),
    ).toHaveLength(1);
    expect(
      checkLadder({
        id: 'X',
        label: 'x',
        steps: [
          { role: 'xa', kind: 'decide' },
          { role: 'tinh', kind: 'decide' },
        ],
      }),
    ).toHaveLength(2);
    expect(LADDER_PRESETS.find((l) => l.id === 'XA_TINH')?.warning).toMatch(/^Cần xác nhận/);
  });
});

describe("an administrator's own ladder, written out", () => {
  it('reads roles and steps in any case and spacing, and walks like a preset', () => {
    const own = ladderNamed('  Xã → huyện thẩm định -> TỈNH quyết định →  ban chỉ đạo   tổng hợp ');
    expect(own?.steps).toEqual([
      { role: 'huyen', kind: 'review' },
      { role: 'tinh', kind: 'decide' },
      { role: 'banChiDao', kind: 'consolidate' },
    ]);
    expect(own && checkLadder(own)).toEqual([]);
    const ladder = own as Ladder;
    let state: UnitState = { status: 'awaiting', step: 0, returned: false };
    for (const [action, role] of [
      ['approve', 'huyen'],
      ['recognise', 'tinh'],
      ['approve', 'banChiDao'],
    ] as const) {
      const outcome = transition(state, { action, roles: [role], decision: DECISION }, ladder);
      if (!outcome.ok) throw new Error(outcome.reason);
      state = outcome.state;
    }
    expect(stateLabel(state, ladder)).toBe('Đã công nhận');
  });

  it('says what is wrong with one it cannot use', () => {
    expect(parseLadder('huyện → tỉnh quyết định')).toMatchObject({ ok: false });
    expect(parseLadder('xã → tỉnh duyệt')).toEqual({
      ok: false,
      problem:
        'không hiểu bước «tỉnh duyệt»: ghi xã, huyện, tỉnh, bộ hoặc ban chỉ đạo, rồi thẩm định, quyết định hoặc tổng hợp',
    });
    expect(parseLadder('xã → huyện thẩm định → tỉnh tổng hợp')).toEqual({
      ok: false,
      problem: 'các cấp phải có đúng một bước «quyết định», không phải 0',
    });
  });
});

describe('a recognition whose validity has ended', () => {
  const recognised: UnitState = { status: 'recognised', step: null };
  const decided = new Date(2026, 2, 20);
  it('is expired from the day after 31/12 of the third year after the decision, and may register again', () => {
    expect(withExpiry(recognised, decided, 36, new Date(2029, 11, 31, 23, 59))).toEqual(recognised);
    const expired = withExpiry(recognised, decided, 36, new Date(2030, 0, 1));
    expect(expired).toEqual({ status: 'expired', until: new Date(2029, 11, 31) });
    const [three] = LADDER_PRESETS as [Ladder];
    expect(stateLabel(expired, three)).toBe('Hết hạn công nhận (31/12/2029)');
    expect(transition(expired, { action: 'register', roles: ['xa'] }, three)).toEqual({
      ok: true,
      state: { status: 'drafting', returned: false },
    });
  });

  it('never expires without a validity period or a decision date, nor while consolidation waits', () => {
    const late = new Date(2040, 0, 1);
    expect(withExpiry(recognised, decided, undefined, late)).toEqual(recognised);
    expect(withExpiry(recognised, undefined, 36, late)).toEqual(recognised);
    const consolidating: UnitState = { status: 'recognised', step: 1 };
    expect(withExpiry(consolidating, decided, 36, late)).toEqual(consolidating);
  });
});

describe('the previous-state cell', () => {
  const [three] = LADDER_PRESETS as [Ladder];
  it('spells out «none», so that undoing a registration is possible, and tells blank from edited', () => {
    expect(encodePrevious({ status: 'none' })).toBe('none');
    expect(decodePrevious('none', three)).toEqual({ status: 'none' });
    expect(
      decodePrevious(encodePrevious({ status: 'awaiting', step: 1, returned: true }), three),
    ).toEqual({ status: 'awaiting', step: 1, returned: true });
    expect(decodePrevious('  ', three)).toBeNull();
    expect(decodePrevious('awaiting:9', three)).toBeUndefined();
  });
});
