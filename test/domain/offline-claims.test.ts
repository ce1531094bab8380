import { describe, expect, it } from 'vitest';
import { type AuditEntry, logName } from '../../src/domain/audit';
import { LADDER_PRESETS } from '../../src/domain/ladder';
import {
  awaitingConfirmation,
  CONFIRM_ACTION,
  confirmingRole,
  loggedAction,
  loggedRevocation,
  needsConfirmation,
} from '../../src/domain/offline-claims';

const offline = (name: string) => logName(name, false);
const row = (user: string, action: string, unit = 'DV1'): AuditEntry => ({
  time: '2026-03-01T08:00:00+07:00',
  user,
  unit,
  action,
  from: '',
  to: '',
  comment: '',
});

describe('which offline steps need confirmation', () => {
  it.each([
    // [who, «Hành động», needs confirmation]
    [offline('huyen@example.org'), 'Duyệt', true],
    [offline('tinh@example.org'), 'Công nhận', true],
    [offline('huyen@example.org'), 'Trả lại', true],
    [offline('tinh@example.org'), 'Không công nhận', true],
    [offline('tinh@example.org'), 'Thu hồi / hủy công nhận', true],
    [offline('admin@example.org'), 'Hoàn tác', true],
    // The submitting level is the unit's own word.
    [offline('xa@example.org'), 'Gửi', false],
    [offline('xa@example.org'), 'Đăng ký', false],
    // A refused attempt changed nothing.
    [offline('huyen@example.org'), 'Duyệt (bị từ chối)', false],
    // Online, the name is the signed-in account.
    ['huyen@example.org', 'Duyệt', false],
    ['tinh@example.org', 'Công nhận', false],
    // XHHT's own rows and unknown actions.
    [offline('XHHT'), 'Ghi bổ sung nhật ký', false],
    [offline('tinh@example.org'), 'Công nhận lại', false],
  ])('%s · %s → %s', (user, action, expected) => {
    expect(needsConfirmation({ user, action })).toBe(expected);
  });

  it('reads the log’s Vietnamese action whatever the NFC form typed', () => {
    expect(loggedAction('Duyệt'.normalize('NFD'))).toBe('approve');
    expect(loggedAction('Approve')).toBeUndefined();
  });
});

describe('which units wait for a confirmation', () => {
  it('keeps the latest claim of each unit until a vouched row on that unit settles it', () => {
    const rows = [
      row(offline('x@e.org'), 'Gửi', 'DV1'),
      row(offline('h@e.org'), 'Duyệt', 'DV1'),
      row(offline('h@e.org'), 'Duyệt', 'DV2'),
      row(offline('t@e.org'), 'Công nhận', 'DV2'),
      row('h@e.org', CONFIRM_ACTION, 'DV1'),
      row(offline('h@e.org'), 'Trả lại', 'DV3'),
      row('x@e.org', 'Gửi', 'DV3'),
    ];
    const waiting = awaitingConfirmation(rows);
    expect([...waiting.keys()]).toEqual(['dv2']);
    expect(waiting.get('dv2')?.index).toBe(3);
  });

  it('is not settled by a later offline row, nor by a confirmation typed under an offline name', () => {
    const rows = [
      row(offline('h@e.org'), 'Duyệt', 'DV1'),
      row(offline('x@e.org'), 'Gửi', 'DV1'),
      row(offline('h@e.org'), CONFIRM_ACTION, 'DV1'),
    ];
    expect(awaitingConfirmation(rows).get('dv1')?.index).toBe(0);
  });
});

describe('who may confirm', () => {
  const ladder = LADDER_PRESETS.find((l) => l.id === 'XA_HUYEN_TINH') ?? LADDER_PRESETS[0];
  if (!ladder) throw new Error('no ladder');
  it('is the role of the step the claim took', () => {
    for (const [step, expected] of ladder.steps.entries()) {
      const before = { status: 'awaiting', step, returned: false } as const;
      expect(
        confirmingRole(expected.kind === 'decide' ? 'recognise' : 'approve', before, ladder),
      ).toBe(expected.role);
    }
    expect(confirmingRole('revert', { status: 'refused' }, ladder)).toBe('quanTri');
    expect(confirmingRole('revoke', { status: 'recognised', step: null }, ladder)).toBe(
      ladder.steps.find((s) => s.kind === 'decide')?.role,
    );
  });
});

describe('a revocation read back from its log row', () => {
  it('gives the decisions and the reason exactly, line breaks and a ladder to confirm included', () => {
    const text =
      'Thu hồi / hủy quyết định 7/QĐ-UBND bằng 9/QĐ-UBND (25/11/2026); lý do: Hồ sơ  sai\nsự thật [các cấp «xã → tỉnh»: cần xác nhận]';
    expect(loggedRevocation(text)).toEqual({
      revokes: '7/QĐ-UBND',
      number: '9/QĐ-UBND',
      date: new Date(2026, 10, 25),
      reason: 'Hồ sơ  sai\nsự thật',
    });
    expect(
      loggedRevocation('Thu hồi / hủy quyết định (không số) bằng 9 (01/02/2026); lý do: x')
        ?.revokes,
    ).toBe('');
  });

  it('reads nothing from another comment or an impossible date', () => {
    expect(loggedRevocation('7/QĐ-UBND (25/11/2026); kết quả: Mức độ 1')).toBeUndefined();
    expect(
      loggedRevocation('Thu hồi / hủy quyết định 7 bằng 9 (31/02/2026); lý do: x'),
    ).toBeUndefined();
  });
});
