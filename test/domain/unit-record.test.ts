import { describe, expect, it } from 'vitest';
import {
  decodeRecord,
  EMPTY_RECORD,
  encodeRecord,
  RECORD_KEYS,
  recordDiffers,
  recordOfCells,
} from '../../src/domain/unit-record';

const recognised = {
  ...EMPTY_RECORD,
  state: 'recognised',
  previousState: 'awaiting:2',
  approvedHash: 'ab12',
  submittedOn: '03/03/2026',
  decisionNumber: '12/QĐ-UBND',
  decisionDate: '20/03/2026',
  decidedResult: 'Mức độ 1',
};

describe('a unit record', () => {
  it('round-trips through the log cell in a fixed key order', () => {
    const text = encodeRecord(recognised);
    expect(JSON.parse(text)).toHaveLength(RECORD_KEYS.length);
    expect(decodeRecord(text)).toEqual(recognised);
  });

  it('reads no record from a blank, edited or foreign cell', () => {
    for (const text of ['', '   ', 'recognised', '{"state":"x"}', '["a"]', '[1,2,3,4,5,6,7,8]']) {
      expect(decodeRecord(text)).toBeUndefined();
    }
  });

  it('reads a day the same whether Sheets kept the text or made it a date', () => {
    const asDate = recordOfCells((key) =>
      key === 'decisionDate' ? new Date(2026, 2, 20) : recognised[key],
    );
    expect(asDate).toEqual(recognised);
  });

  it('names each cell typed over: a state code, a cleared seal', () => {
    const typed = { ...recognised, state: 'awaiting:1', approvedHash: '' };
    expect(recordDiffers(typed, recognised)).toEqual(['state', 'approvedHash']);
    expect(recordDiffers(recognised, recognised)).toEqual([]);
  });

  it('reads a missing column as blank', () => {
    expect(recordOfCells(() => undefined)).toEqual(EMPTY_RECORD);
  });
});
