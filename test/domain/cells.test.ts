import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDate, nfc, normalizeText, readNumber, textKey } from '../../src/domain/cells';

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

  it('gives what NFC, spaces made one and trimming give, for any text (plain ASCII taken as it is)', () => {
    const slow = (text: string) =>
      text
        .normalize('NFC')
        .replace(/[\s\u00a0\u2007\u202f\ufeff]+/g, ' ')
        .trim();
    const pieces = fc.constantFrom(
      'DV1',
      'a@x.org',
      ' ',
      '  ',
      '\t',
      '\u00a0',
      'ệ',
      'e\u0302\u0323',
      '"',
      '',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme' }),
          fc.array(pieces).map((p) => p.join('')),
        ),
        (text) => {
          expect(normalizeText(text)).toBe(slow(text));
        },
      ),
      { numRuns: 2000 },
    );
    for (const text of ['DV12', ' DV12', 'DV12 ', 'DV  12', 'DV\t12', '["awaiting:1",""]', ''])
      expect(normalizeText(text)).toBe(slow(text));
  });

  it('gives NFC for any text (ASCII taken as it is)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })),
        (text) => {
          expect(nfc(text)).toBe(text.normalize('NFC'));
        },
      ),
      { numRuns: 2000 },
    );
    expect(nfc('Tổng điểm'.normalize('NFD'))).toBe('Tổng điểm');
  });

  it('lowers case as the Vietnamese locale does, for every code point that has a case', () => {
    const differ: number[] = [];
    // Letters with a case are in the first two planes (Unicode 15: none beyond U+1E943).
    for (let code = 0; code <= 0x1ffff; code += 1) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const text = `A${String.fromCodePoint(code)}Σ`;
      if (textKey(text) !== normalizeText(text).toLocaleLowerCase('vi')) differ.push(code);
    }
    expect(differ).toEqual([]);
  });

  it('recognises a Date from another realm', async () => {
    const { runInNewContext } = await import('node:vm');
    const foreign = runInNewContext('new Date(0)');
    expect(foreign instanceof Date).toBe(false);
    expect(isDate(foreign)).toBe(true);
    expect(isDate('2026-01-01')).toBe(false);
  });
});
