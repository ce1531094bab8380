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
import { formatDate } from '../../src/domain/recognition';
import { itemsOf } from '../../src/domain/rubric';
import { rubricRows } from '../../src/sheets/criteria-sheet';
import { CRITERIA_COLUMNS, CRITERIA_SHEET, UNITS_SHEET } from '../../src/sheets/layout';
import { writeSetting } from '../../src/sheets/settings-sheet';
import { gasContext } from '../fakes/context';
import { fakeGoogle } from '../fakes/google';
import { LEVELS_FIXTURE } from '../fixtures/rubrics';
import { columnValues, headerColumn, rubric, unitRows } from '../sheets/workbook-helpers';
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

/** Each XHHT formula as HyperFormula calls it: the arguments given, forwarded to the bundle's function. */
class XhhtPlugin extends FunctionPlugin {
  /** The result is as tall as the first argument, one column wide (a single cell for a single value). */
  size(ast: never, state: never): ArraySize {
    const size = this.arraySizeForAst((ast as { args: never[] }).args[0] as never, state);
    return size.height <= 1 && size.width <= 1 && !size.isRef
      ? ArraySize.scalar()
      : new ArraySize(1, size.height);
  }
  private call(name: string, ast: never, state: never) {
    return this.runFunction(
      (ast as { args: never[] }).args,
      state,
      this.metadata(name),
      (...args: unknown[]) =>
        result(bundle[name]?.(...args.filter((arg) => arg !== undefined).map(argument))),
    );
  }
  tong(ast: never, state: never) {
    return this.call('XHHT_TONG', ast, state);
  }
  xeploai(ast: never, state: never) {
    return this.call('XHHT_XEPLOAI', ast, state);
  }
  mucdo(ast: never, state: never) {
    return this.call('XHHT_MUCDO', ast, state);
  }
  loi(ast: never, state: never) {
    return this.call('XHHT_LOI', ast, state);
  }
}
const rubricIdArgument = { argumentType: FunctionArgumentType.STRING, optionalArg: true };
/** The criteria sheet's range, the last argument: Sheets recalculates the formula when it changes. */
const criteriaArgument = { argumentType: FunctionArgumentType.RANGE, optionalArg: true };
const formula = (method: string, ...more: object[]) => ({
  method,
  sizeOfResultArrayMethod: 'size',
  vectorizationForbidden: true,
  parameters: [{ argumentType: FunctionArgumentType.RANGE }, rubricIdArgument, ...more],
});
const optionalAny = { argumentType: FunctionArgumentType.ANY, optionalArg: true };
Object.assign(XhhtPlugin, {
  implementedFunctions: {
    XHHT_TONG: formula('tong', criteriaArgument),
    XHHT_XEPLOAI: {
      ...formula('xeploai'),
      parameters: [{ argumentType: FunctionArgumentType.ANY }, rubricIdArgument, criteriaArgument],
    },
    XHHT_MUCDO: formula('mucdo', optionalAny, optionalAny, criteriaArgument),
    XHHT_LOI: formula('loi', criteriaArgument),
  },
});
const NAMES = ['XHHT_TONG', 'XHHT_XEPLOAI', 'XHHT_MUCDO', 'XHHT_LOI'];
HyperFormula.registerFunctionPlugin(XhhtPlugin, {
  enGB: Object.fromEntries(NAMES.map((n) => [n, n])),
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
  // The rubric these tests score (for 2026 the default would be TT 24/2023).
  google.SpreadsheetApp.ui.answers.unshift(rubric.id);
  bundle.xhhtSetUp?.();
  // The workbook's default is the rubric these formulas compute (for 2026 it would be TT 24).
  writeSetting(gasContext(google).workbook, 'defaultRubricId', rubric.id);
  google.spreadsheet.sheet(UNITS_SHEET).type(2, 1, unitRows(UNITS));
  // The rubric these tests score (for 2026 the default would be TT 24/2023).
  google.SpreadsheetApp.ui.answers.unshift(rubric.id);
  bundle.xhhtSetUp?.();
  google.spreadsheet.sheet(rubric.scoringSheet).type(2, 4, TYPED);
  // A levels rubric the administrator wrote below it in the criteria sheet, with its own scoring sheet.
  const criteria = google.spreadsheet.sheet(CRITERIA_SHEET);
  const rows = rubricRows(LEVELS_FIXTURE).map((cells) =>
    CRITERIA_COLUMNS.map((spec) => cells[spec.key] ?? ''),
  );
  criteria.type(criteria.snapshot().length + 1, 1, rows);
  google.SpreadsheetApp.ui.answers.push(LEVELS_FIXTURE.id);
  bundle.xhhtSetUp?.();
  google.spreadsheet.sheet(LEVELS_FIXTURE.scoringSheet).type(2, 4, LEVELS_TYPED);
  bundle.xhhtScoreAll?.();
});

// Inputs: 1.1 | 1.2 mức 1, mức 2 | 2.1 số đạt, tổng số | minh chứng 1.2
const LEVELS_TYPED = [
  ['Đạt', 'Đạt', 'Đạt', 19, 20, 'qd.pdf'],
  ['Đạt', 'Đạt', '', 19, 20, 'qd.pdf'],
  ['Đạt', 'Đạt', 'Đạt', 17, 20, 'qd.pdf'],
  ['Chưa đạt', 'Đạt', 'Đạt', 20, 20, 'qd.pdf'],
  ['Đạt', 'có lẽ', 'Đạt', 20, 20, 'qd.pdf'],
  ['Đạt', 'Đạt', 'Đạt', 21, 20, 'qd.pdf'],
];

/** A HyperFormula sheet of a scoring sheet's values, with formulas added in the first row's free cells. */
function withFormulas(snapshot: unknown[][], formulas: string[]) {
  const width = snapshot[0]?.length ?? 0;
  const rows = snapshot.map((row, r) =>
    r === 1 ? [...row.map(plain), ...formulas] : row.map(plain),
  );
  const values = HyperFormula.buildFromArray(rows as never, {
    licenseKey: 'gpl-v3',
  }).getSheetValues(0);
  return (r: number, k: number) => values[r]?.[width + k] ?? '';
}
const plain = (cell: unknown) => (cell instanceof Date ? cell.toISOString() : cell);

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

  it('XHHT_LOI is blank exactly where score-all finds no error, and names the same item', () => {
    const sheet = google.spreadsheet.sheet(rubric.scoringSheet);
    const items = `${columnLetter(headerColumn(sheet, /^1\.1 /))}2:${columnLetter(headerColumn(sheet, /^3\.3 /))}${UNITS + 1}`;
    const at = withFormulas(sheet.snapshot(), [`=XHHT_LOI(${items})`]);
    const errors = columnValues(sheet, 'Lỗi');
    for (let r = 1; r <= UNITS; r += 1) {
      const menu = String(errors[r - 1]);
      if (menu === '') expect(at(r, 0)).toBe('');
      else expect(at(r, 0)).toContain(`mục ${/mục (\d\.\d)/.exec(menu)?.[1]}:`);
    }
  });

  it('XHHT_MUCDO and XHHT_LOI agree with score-all on a levels sheet', () => {
    const sheet = google.spreadsheet.sheet(LEVELS_FIXTURE.scoringSheet);
    const inputs = `D2:H${LEVELS_TYPED.length + 1}`;
    const at = withFormulas(sheet.snapshot(), [
      `=XHHT_MUCDO(${inputs}, "${LEVELS_FIXTURE.id}")`,
      `=XHHT_LOI(${inputs}, "${LEVELS_FIXTURE.id}")`,
    ]);
    const levels = columnValues(sheet, 'Mức độ đạt').slice(0, LEVELS_TYPED.length);
    const errors = columnValues(sheet, 'Lỗi');
    expect(levels).toEqual(['Mức độ 2', 'Mức độ 1', 'Chưa đạt', 'Chưa đạt', '', '']);
    LEVELS_TYPED.forEach((_, i) => {
      const r = i + 1;
      if (errors[i] === '') {
        expect(at(r, 0)).toBe(levels[i]);
        expect(at(r, 1)).toBe('');
      } else {
        expect(String(at(r, 0))).toMatch(/^Lỗi ở dòng/);
        expect(at(r, 1)).toContain(`chỉ tiêu ${/chỉ tiêu (\d\.\d)/.exec(String(errors[i]))?.[1]}`);
      }
    });
  });

  it('follows an edit of the criteria it is given, as score-all does after the same edit', () => {
    const sheet = google.spreadsheet.sheet(rubric.scoringSheet);
    const criteria = google.spreadsheet.sheet(CRITERIA_SHEET);
    const firstItem = columnLetter(headerColumn(sheet, /^1\.1 /));
    const lastItem = columnLetter(headerColumn(sheet, /^1\.1 /) + itemsOf(rubric).length - 1);
    const last = UNITS + 1;
    const snapshot = sheet.snapshot().map((row) => row.map(plain));
    const width = snapshot[0]?.length ?? 0;
    const tong = columnLetter(width + 1);
    // Dates as text, as the officer types them: HyperFormula would read «21/09/2020» as a serial.
    const asText = (cell: unknown) =>
      cell instanceof Date
        ? `'${formatDate(cell)}`
        : typeof cell === 'string' && /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(cell)
          ? `'${cell}`
          : cell;
    const criteriaValues = criteria.snapshot().map((row) => row.map(asText));
    const range = `'${CRITERIA_SHEET}'!A1:${columnLetter(criteriaValues[0]?.length ?? 1)}${criteriaValues.length + 20}`;
    const items = `${firstItem}2:${lastItem}${last}`;
    const hf = HyperFormula.buildFromSheets(
      {
        scores: snapshot.map((row, r) =>
          r === 1
            ? [
                ...row,
                `=XHHT_TONG(${items}; ""; ${range})`,
                `=XHHT_XEPLOAI(${tong}2:${tong}${last}; ""; ${range})`,
                `=XHHT_LOI(${items}; ""; ${range})`,
              ]
            : row,
        ) as never,
        [CRITERIA_SHEET]: criteriaValues as never,
      },
      { licenseKey: 'gpl-v3', functionArgSeparator: ';' },
    );
    const scores = hf.getSheetId('scores') ?? 0;
    const formulas = () =>
      hf
        .getSheetValues(scores)
        .slice(1, last)
        .map((row) => row.slice(width, width + 3));
    const menu = () => {
      bundle.xhhtScoreAll?.();
      const at = (header: string) => columnValues(sheet, header).slice(0, UNITS);
      const totals = at('Tổng điểm');
      const bands = at('Xếp loại');
      return totals.map((total, i) => [total, bands[i]]);
    };
    const agree = () => {
      const byFormula = formulas();
      menu().forEach(([total, band], i) => {
        if (total === '') return;
        expect(byFormula[i]?.slice(0, 2)).toEqual([total, band]);
      });
      return byFormula;
    };
    const before = agree();
    // The province lowers the «Khá» band from 70 to 60, in the criteria sheet and nowhere else.
    const typeColumn = headerColumn(criteria, 'Loại');
    const thresholdColumn = headerColumn(criteria, 'Ngưỡng / giá trị');
    const bandRow = criteriaValues.findIndex(
      (row) =>
        row[typeColumn - 1] === 'Xếp loại' &&
        row.some((cell) => cell === 'Khá') &&
        row[0] === rubric.id,
    );
    expect(bandRow).toBeGreaterThan(0);
    expect(criteriaValues[bandRow]?.[thresholdColumn - 1]).toBe(70);
    hf.setCellContents(
      { sheet: hf.getSheetId(CRITERIA_SHEET) ?? 1, row: bandRow, col: thresholdColumn - 1 },
      60,
    );
    // The formulas moved at once, from their argument alone: the fake's criteria sheet is unchanged.
    const moved = formulas();
    expect(moved.map((row) => row[1])).not.toEqual(before.map((row) => row[1]));
    criteria.type(bandRow + 1, thresholdColumn, [[60]]);
    expect(agree()).toEqual(moved);
    criteria.type(bandRow + 1, thresholdColumn, [[70]]);
    bundle.xhhtScoreAll?.();
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
