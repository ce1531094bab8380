import { describe, expect, it } from 'vitest';
import { isDate, normalizeText, readNumber, textKey } from '../../src/domain/cells';

describe('readNumber reads cells the Vietnamese way', () => {
  it.each([
    [8, 8],
    [0, 0],
    ['8', 8],
    ['8,5', 8.5],
    ['8.5', 8.5],
    [' 8,25 ', 8.25],
    ['\u00a07,5\u00a0', 7.5],
    ['\u202f10', 10],
    ['\u22122', -2],
    ['-2', -2],
    ['+3', 3],
  ])('%j reads as %j', (input, expected) => {
    expect(readNumber(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'blank'],
    ['   ', 'blank'],
    ['\u00a0', 'blank'],
    ['mười', 'notANumber'],
    ['8 5', 'notANumber'],
    ['8,5,1', 'notANumber'],
    ['1.000,5', 'notANumber'],
    ['8đ', 'notANumber'],
    ['1.000', 'ambiguousNumber'],
    ['1,000', 'ambiguousNumber'],
    [true, 'boolean'],
    [new Date(2026, 4, 8), 'date'],
    [Number.NaN, 'notANumber'],
  ])('%j is refused as %s', (input, kind) => {
    const read = readNumber(input as never);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problem.kind).toBe(kind);
  });
});

describe('text normalisation', () => {
  it('makes NFD text from some keyboards equal to NFC', () => {
    const nfd = 'Tổng điểm'.normalize('NFD');
    expect(nfd).not.toBe('Tổng điểm');
    expect(normalizeText(nfd)).toBe('Tổng điểm');
    expect(textKey(`  ${nfd}\u00a0 `)).toBe(textKey('TỔNG ĐIỂM'));
  });

  it('recognises a Date from another realm', async () => {
    const { runInNewContext } = await import('node:vm');
    const foreign = runInNewContext('new Date(0)');
    expect(foreign instanceof Date).toBe(false);
    expect(isDate(foreign)).toBe(true);
    expect(isDate('2026-01-01')).toBe(false);
  });
});
