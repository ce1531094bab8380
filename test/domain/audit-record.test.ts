import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AuditRow, append, GENESIS, rowHash, verifyChain } from '../../src/domain/audit';
import { EMPTY_RECORD, encodeRecord } from '../../src/domain/unit-record';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const entry = {
  time: '2026-11-23T10:00:00',
  user: 'a@example.org',
  unit: 'DV0001',
  action: 'Gửi',
  from: 'Đang tự đánh giá',
  to: 'Chờ huyện thẩm định',
  comment: '',
};

describe('a log row carrying the unit record', () => {
  it('hashes as the previous version did when it carries none', () => {
    const old: AuditRow = { ...entry, previous: GENESIS };
    const blank: AuditRow = { ...old, record: '', unitPrevious: '' };
    const fields = ['', ...Object.values(entry)].join('\u001f');
    expect(rowHash(old, digest)).toBe(digest(fields));
    expect(rowHash(blank, digest)).toBe(rowHash(old, digest));
  });

  it('hashes the record and the pointer, so editing either breaks the chain', () => {
    const record = encodeRecord({ ...EMPTY_RECORD, state: 'awaiting:1' });
    const first = append(GENESIS, { ...entry, record, unitPrevious: '' }, digest);
    const second = append(first.head, { ...entry, record, unitPrevious: '2' }, digest);
    const rows = [first.row, second.row];
    expect(verifyChain(rows, second.head, digest)).toMatchObject({ ok: true, rows: 2 });
    expect(rowHash(first.row, digest)).not.toBe(rowHash({ ...first.row, record: '' }, digest));
    const forged = [first.row, { ...second.row, unitPrevious: '' }];
    expect(verifyChain(forged, second.head, digest).ok).toBe(false);
    const edited = [{ ...first.row, record: encodeRecord(EMPTY_RECORD) }, second.row];
    expect(verifyChain(edited, second.head, digest)).toMatchObject({ ok: false, index: 1 });
  });
});
