import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from 'hyperformula';
import { beforeAll, describe, expect, it } from 'vitest';
import { columnLetter } from '../../src/domain/a1';
import { itemsOf } from '../../src/domain/rubric';
import { UNITS_SHEET } from '../../src/sheets/layout';
import { fakeGoogle } from '../fakes/google';
import { headerColumn, rubric, unitRows } from '../sheets/workbook-helpers';
import { type Bundle, buildBundle, loadBundle } from './bundle';

/**
 * A real formula engine evaluates =XHHT_TONG and =XHHT_XEPLOAI with the functions the bundle exports
 * (loaded in a vm, over fake Google services), so what Sheets would compute is what the menu writes.
 * HyperFormula is a dev dependency only (GPL v3 licence key), never in the bundle or the CLI.
 */

let bundle: Bundle;

type Scalar = string | number | boolean;
const toSheets = (value: unknown): unknown => {
  if (value === EmptyValue || value === null || value === undefined) return '';
  if (value instanceof CellError) return `#${value.type}`;
  if (typeof value === 'object' && value !== null && 'val' in value)
    return (value as { val: number }).val;
  return value;
};
const fromSheets = (value: unknown): Scalar | typeof EmptyValue | CellError => {
  if (value === '' || value === null || value === undefined) return EmptyValue;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return value;
  return new CellError(ErrorType.VALUE, String(value));
};
/** Sheets passes one cell as a value and a range as a 2D array: so does this bridge. */
const argument = (arg: unknown): unknown =>
  arg instanceof SimpleRangeValue ? arg.data.map((row) => row.map(toSheets)) : toSheets(arg);
const result = (value: unknown) =>
  Array.isArray(value)
    ? SimpleRangeValue.onlyValues(value.map((row: unknown[]) => row.map(fromSheets)))
    : fromSheets(value);

class XhhtPlugin extends FunctionPlugin {
  private sizeOfFirst(ast: { args: unknown[] }, state: unknown): ArraySize {
    const size = this.arraySizeForAst(ast.args[0] as never, state as never);
    return size.height <= 1 && size.width <= 1 && !size.isRef
      ? ArraySize.scalar()
      : new ArraySize(1, size.height);
  }
  xhhtTong(ast: never, state: never) {
    return this.runFunction(
      (ast as { args: never[] }).args,
      state,
      this.metadata('XHHT_TONG'),
      (range: unknown) => result(bundle.XHHT_TONG?.(argument(range))),
    );
  }
  xhhtTongSize(ast: never, state: never) {
    return this.sizeOfFirst(ast, state);
  }
  xhhtXeploai(ast: never, state: never) {
    return this.runFunction(
      (ast as { args: never[] }).args,
      state,
      this.metadata('XHHT_XEPLOAI'),
      (total: unknown, rubricId?: unknown) =>
        result(
          rubricId === undefined
            ? bundle.XHHT_XEPLOAI?.(argument(total))
            : bundle.XHHT_XEPLOAI?.(argument(total), rubricId),
        ),
    );
  }
  xhhtXeploaiSize(ast: never, state: never) {
    return this.sizeOfFirst(ast, state);
  }
}
Object.assign(XhhtPlugin, {
  implementedFunctions: {
    XHHT_TONG: {
      method: 'xhhtTong',
      sizeOfResultArrayMethod: 'xhhtTongSize',
      vectorizationForbidden: true,
      parameters: [{ argumentType: FunctionArgumentType.RANGE }],
    },
    XHHT_XEPLOAI: {
      method: 'xhhtXeploai',
      sizeOfResultArrayMethod: 'xhhtXeploaiSize',
      vectorizationForbidden: true,
      parameters: [
        { argumentType: FunctionArgumentType.ANY },
        { argumentType: FunctionArgumentType.STRING, optionalArg: true },
      ],
    },
  },
});
HyperFormula.registerFunctionPlugin(XhhtPlugin, {
  enGB: { XHHT_TONG: 'XHHT_TONG', XHHT_XEPLOAI: 'XHHT_XEPLOAI' },
});

const TYPED = [
  [10, 10, 10, 10, 5, 10, 5, 25, 10, 5],
  ['8,5', 7, 7, 7, 4, 7, 3, 19, 7, 3],
  [5, 5, 5, 5, 2, 5, 2, 10.5, 5, 5],
  [10, 10, 4.5, 10, 5, 10, 5, 20, 10, 0],
  [7, 7, 6, 7, 4, 7, 3, 18.5, 7, 3],
  [5, 'năm', 5, 5, 2, 5, 2, 10.5, 5, 5],
  [12, 10, 10, 10, 5, 10, 5, 25, 10, 5],
  [10, 10, 10, 10, -2, 10, 5, 25, 10, 5],
  [10, 10, 10, 10, 5, 10, 5, 25, 10, ''],
];
const UNITS = TYPED.length;

let google: ReturnType<typeof fakeGoogle>;
beforeAll(async () => {
  const { code } = await buildBundle();
  google = fakeGoogle();
  bundle = loadBundle(code, google.globals);
  bundle.xhhtSetUp?.();
  google.spreadsheet.sheet(UNITS_SHEET).type(2, 1, unitRows(UNITS));
  bundle.xhhtSetUp?.();
  google.spreadsheet.sheet(rubric.scoringSheet).type(2, 4, TYPED);
  bundle.xhhtScoreAll?.();
});

describe('HyperFormula evaluates the custom formulas of the bundle', () => {
  it('agrees with score-all, row by row, for whole-column formulas', () => {
    const sheet = google.spreadsheet.sheet(rubric.scoringSheet);
    const snapshot = sheet
      .snapshot()
      .map((row) => row.map((cell) => (cell instanceof Date ? cell.toISOString() : cell)));
    const firstItem = columnLetter(headerColumn(sheet, /^1\.1 /));
    const lastItem = columnLetter(headerColumn(sheet, /^1\.1 /) + itemsOf(rubric).length - 1);
    const totalColumn = headerColumn(sheet, 'Tổng điểm');
    const bandColumn = headerColumn(sheet, 'Xếp loại');
    const errorColumn = headerColumn(sheet, 'Lỗi');
    const width = snapshot[0]?.length ?? 0;
    const last = UNITS + 1;
    // Two formula columns beside the data: totals of the item range, then bands of those totals.
    const tong = columnLetter(width + 1);
    const rows = snapshot.map((row, r) =>
      r === 1
        ? [
            ...row,
            `=XHHT_TONG(${firstItem}2:${lastItem}${last})`,
            `=XHHT_XEPLOAI(${tong}2:${tong}${last})`,
          ]
        : row,
    );
    const hf = HyperFormula.buildFromArray(rows as never, { licenseKey: 'gpl-v3' });
    const values = hf.getSheetValues(0);

    for (let r = 1; r <= UNITS; r += 1) {
      const formulaTotal = values[r]?.[width];
      const formulaBand = values[r]?.[width + 1];
      const menuTotal = snapshot[r]?.[totalColumn - 1];
      const menuBand = snapshot[r]?.[bandColumn - 1];
      if (menuTotal === '') {
        // Both refuse the row, over the same item.
        const menuError = String(snapshot[r]?.[errorColumn - 1]);
        const item = /mục (\d\.\d)/.exec(menuError)?.[1];
        expect(item).toBeDefined();
        expect(formulaTotal).toMatch(
          new RegExp(`^Lỗi ở dòng ${r} của vùng, mục ${item?.replace('.', '\\.')}: `),
        );
        expect(formulaBand).toBe(formulaTotal);
      } else {
        expect(formulaTotal).toBe(menuTotal);
        expect(formulaBand).toBe(menuBand);
      }
    }
    expect(values.slice(1).map((row) => row[width + 1])).toEqual([
      'Tốt',
      'Khá',
      'Chưa đạt',
      'Khá',
      'Trung bình',
      ...Array(4).fill(expect.stringMatching(/^Lỗi/)),
    ]);
  });

  it('classifies one value, with or without the rubric id', () => {
    const hf = HyperFormula.buildFromArray(
      [['=XHHT_XEPLOAI(85)', '=XHHT_XEPLOAI("69,5"; "TT22_2020_DVHT")', '=XHHT_TONG(1)']],
      {
        licenseKey: 'gpl-v3',
        functionArgSeparator: ';',
      },
    );
    expect(hf.getSheetValues(0)).toEqual([['Tốt', 'Trung bình', 1]]);
  });
});
