import { type CellValue, cellText, textKey } from '../domain/cells';
import { itemsOf, type Rubric } from '../domain/rubric';
import { SETTING_SPECS } from '../domain/settings';
import {
  CRITERIA_COLUMNS,
  CRITERIA_ROW_TYPES,
  CRITERIA_SHEET,
  RESULT_KEYS,
  SETTINGS_COLUMNS,
  SETTINGS_SHEET,
  scoringColumns,
  UNIT_COLUMNS,
  UNITS_SHEET,
} from './layout';
import type { Context, SheetPort } from './ports';
import { columnOf, columnRuns, ensureTable, type Table } from './table';

export const LOCALE = 'vi_VN';
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';

export interface SetUpReport {
  readonly rubric: Rubric;
  readonly createdSheets: readonly string[];
  readonly addedSettings: number;
  readonly addedCriteriaRows: number;
  readonly addedUnits: number;
}

/** A blank row as wide as the table, with `cells` placed in their located columns. */
function rowFor(table: Table, cells: Record<string, CellValue>): CellValue[] {
  const width = Math.max(...table.located.columns.values());
  const row: CellValue[] = Array.from({ length: width }, () => '');
  for (const [key, value] of Object.entries(cells)) row[columnOf(table.located, key) - 1] = value;
  return row;
}

/** Appends rows below the last row of the table, in one write. */
function appendRows(table: Table, rows: CellValue[][]): void {
  if (rows.length > 0) table.sheet.writeValues(table.rows.length + 2, 1, rows);
}

function keysIn(table: Table, key: string): Set<string> {
  const column = columnOf(table.located, key);
  return new Set(table.rows.map((row) => textKey(row[column - 1])).filter((k) => k !== ''));
}

function setUpSettings(sheet: SheetPort, year: number): Table & { added: number } {
  const table = ensureTable(sheet, SETTINGS_COLUMNS);
  const present = keysIn(table, 'key');
  const missing = SETTING_SPECS.filter((spec) => !present.has(textKey(spec.key)));
  appendRows(
    table,
    missing.map((spec) =>
      rowFor(table, {
        key: spec.key,
        label: spec.label,
        value: spec.initial(year),
        note: spec.note,
      }),
    ),
  );
  const keyColumn = columnOf(table.located, 'key');
  const keyRows = [
    ...table.rows.map((row) => textKey(row[keyColumn - 1])),
    ...missing.map((s) => textKey(s.key)),
  ];
  const valueColumn = columnOf(table.located, 'value');
  for (const spec of SETTING_SPECS) {
    const row = keyRows.indexOf(textKey(spec.key)) + 2;
    if (spec.options)
      sheet.requireOneOf(
        valueColumn,
        row,
        1,
        spec.options,
        `Chọn một giá trị: ${spec.options.join('; ')}`,
      );
  }
  sheet.freeze(1, 0);
  return { ...table, added: missing.length };
}

function criteriaRows(rubric: Rubric): Record<string, CellValue>[] {
  const common = { rubric: rubric.id, basis: rubric.legalBasis };
  return [
    ...rubric.criteria.flatMap((criterion) => [
      {
        ...common,
        type: CRITERIA_ROW_TYPES.criterion,
        code: criterion.code,
        text: criterion.name,
        max: criterion.max,
      },
      ...criterion.items.map((item) => ({
        ...common,
        type: CRITERIA_ROW_TYPES.item,
        code: item.code,
        text: item.text,
        max: item.max,
      })),
    ]),
    ...rubric.bands.map((band) => ({
      ...common,
      type: CRITERIA_ROW_TYPES.band,
      code: band.label,
      text: `Từ ${band.min} điểm trở lên`,
      threshold: band.min,
    })),
    {
      ...common,
      type: CRITERIA_ROW_TYPES.band,
      code: rubric.fallbackBand,
      text: 'Dưới mọi ngưỡng trên',
    },
  ];
}

function setUpCriteria(sheet: SheetPort, rubric: Rubric): number {
  const table = ensureTable(sheet, CRITERIA_COLUMNS);
  sheet.freeze(1, 0);
  if (keysIn(table, 'rubric').has(textKey(rubric.id))) return 0;
  const rows = criteriaRows(rubric).map((cells) => rowFor(table, cells));
  appendRows(table, rows);
  return rows.length;
}

function setUpScoring(sheet: SheetPort, rubric: Rubric, units: Table): Table & { added: number } {
  const columns = scoringColumns(rubric);
  const table = ensureTable(sheet, columns.all);
  const present = keysIn(table, 'code');
  const unitColumn = (key: string) => columnOf(units.located, key) - 1;
  const newUnits: CellValue[][] = [];
  for (const unit of units.rows) {
    const code = cellText(unit[unitColumn('code')]);
    if (code === '' || present.has(textKey(code))) continue;
    present.add(textKey(code));
    newUnits.push(
      rowFor(table, {
        code,
        name: unit[unitColumn('name')] ?? '',
        district: unit[unitColumn('district')] ?? '',
      }),
    );
  }
  appendRows(table, newUnits);

  for (const item of itemsOf(rubric)) {
    const spec = columns.items.find((s) => s.prefix === item.code);
    if (!spec) continue;
    sheet.requireNumberBetween(
      columnOf(table.located, spec.key),
      2,
      0,
      item.max,
      `Mục ${item.code}: nhập điểm từ 0 đến ${item.max}; số lẻ dùng dấu phẩy, ví dụ 8,5.`,
    );
  }
  sheet.setNumberFormat(columnOf(table.located, RESULT_KEYS.scoredAt), 2, DATE_TIME_FORMAT);
  sheet.protectColumnsWarningOnly(
    columnRuns(columns.results.map((spec) => columnOf(table.located, spec.key))),
    `XHHT: cột kết quả của «${sheet.name}», do XHHT ghi khi chấm điểm`,
  );
  const codeFirst = columnOf(table.located, 'code') === 1 && columnOf(table.located, 'name') === 2;
  sheet.freeze(1, codeFirst ? 2 : 0);
  return { ...table, added: newUnits.length };
}

/**
 * XHHT → Khởi tạo bảng tính. Creates what is missing (sheets, headers, settings, the rubric's rows,
 * a scoring row per unit) and never changes or removes what is there, so it is safe to run again,
 * for instance after pasting new units into the units sheet.
 */
export function setUp(ctx: Context, rubric: Rubric): SetUpReport {
  return ctx.lock.withLock(() => {
    const { workbook } = ctx;
    const createdSheets: string[] = [];
    const open = (name: string): SheetPort => {
      const existing = workbook.sheet(name);
      if (existing) return existing;
      createdSheets.push(name);
      return workbook.addSheet(name);
    };
    workbook.setLocaleAndTimeZone(LOCALE, TIME_ZONE);
    const settings = setUpSettings(open(SETTINGS_SHEET), ctx.clock.now().getFullYear());
    const units = ensureTable(open(UNITS_SHEET), UNIT_COLUMNS);
    units.sheet.freeze(1, 2);
    const addedCriteriaRows = setUpCriteria(open(CRITERIA_SHEET), rubric);
    const scoring = setUpScoring(open(rubric.scoringSheet), rubric, units);
    return {
      rubric,
      createdSheets,
      addedSettings: settings.added,
      addedCriteriaRows,
      addedUnits: scoring.added,
    };
  });
}
