import { findRubric, rubricIds } from '../domain/catalog';
import { type CellValue, cellText, textKey } from '../domain/cells';
import { tr } from '../domain/i18n';
import { ANSWERS, HARD_AREA_ANSWERS, indicatorInputs } from '../domain/levels';
import { MESSAGES } from '../domain/messages';
import { itemsOf, known, type Rubric } from '../domain/rubric';
import { SETTING_SPECS } from '../domain/settings';
import { readCriteria, rubricRows } from './criteria-sheet';
import { SheetError } from './errors';
import {
  CRITERIA_COLUMNS,
  CRITERIA_SHEET,
  HARD_AREA_HEADER,
  inputKey,
  RESULT_KEYS,
  reviewKey,
  type ScoringColumns,
  SETTINGS_COLUMNS,
  SETTINGS_SHEET,
  scoringColumns,
  UNIT_COLUMNS,
  UNITS_SHEET,
} from './layout';
import { PEOPLE_COLUMNS, PEOPLE_SHEET, readPeople } from './people-sheet';
import type { Context, SheetPort } from './ports';
import { columnOf, columnRuns, ensureTable, type Table } from './table';

export const LOCALE = 'vi_VN';
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';

export interface SetUpReport {
  readonly rubric: Rubric;
  /** Values of the rubric still marked «CẦN BỔ SUNG», each naming its cell. */
  readonly missing: readonly string[];
  readonly createdSheets: readonly string[];
  readonly addedSettings: number;
  readonly addedCriteriaRows: number;
  readonly addedUnits: number;
  /** Units the scoring sheet now holds. */
  readonly unitsInSheet: number;
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
    if (spec.options) {
      sheet.requireOneOf(valueColumn, row, spec.options, {
        help: tr(
          `Chọn một giá trị: ${spec.options.join('; ')}`,
          `Choose one of: ${spec.options.join('; ')}`,
        ),
        rows: 1,
        // The default rubric may also be one the criteria sheet adds, the ladder one written out.
        strict: spec.key !== 'defaultRubricId' && spec.key !== 'ladder',
      });
    }
  }
  sheet.freeze(1, 0);
  return { ...table, added: missing.length };
}

/** Writes a built-in rubric into the criteria sheet unless the sheet already has rows of its id. */
function setUpCriteria(sheet: SheetPort, rubricId: string): number {
  const table = ensureTable(sheet, CRITERIA_COLUMNS);
  sheet.freeze(1, 0);
  if (keysIn(table, 'rubric').has(textKey(rubricId))) return 0;
  const builtIn = findRubric(rubricId);
  if (!builtIn) throw new SheetError(MESSAGES.unknownRubric(rubricId, rubricIds()));
  const rows = rubricRows(builtIn).map((cells) => rowFor(table, cells));
  appendRows(table, rows);
  return rows.length;
}

/** The rubric as the criteria sheet now holds it (the administrator may have edited it). */
function rubricAsWritten(
  ctx: Context,
  rubricId: string,
): { rubric: Rubric; missing: readonly string[] } {
  const read = readCriteria(ctx.workbook)?.find((candidate) => candidate.id === rubricId);
  if (!read) throw new SheetError(MESSAGES.unknownRubric(rubricId, rubricIds()));
  if (!read.rubric) {
    throw new SheetError(
      [
        tr(
          `Bộ tiêu chí «${rubricId}» ở trang «${CRITERIA_SHEET}» cần sửa trước khi tạo trang chấm điểm:`,
          `Rubric «${rubricId}» in sheet «${CRITERIA_SHEET}» needs fixing before its scoring sheet can be made:`,
        ),
        ...read.problems,
      ].join('\n'),
    );
  }
  return { rubric: read.rubric, missing: read.missing };
}

const ANSWER_OPTIONS = [ANSWERS.met, ANSWERS.notMet, ANSWERS.notApplicable];
const HARD_AREA_OPTIONS = [HARD_AREA_ANSWERS.yes, HARD_AREA_ANSWERS.no];

function validateInputs(
  sheet: SheetPort,
  rubric: Rubric,
  table: Table,
  columns: ScoringColumns,
): void {
  // The reviewer's column of an input takes the same rule as the input.
  const columnsOf = (key: string) => [
    columnOf(table.located, key),
    columnOf(table.located, reviewKey(key)),
  ];
  if (rubric.method === 'points') {
    for (const item of itemsOf(rubric)) {
      const max = known(item.max);
      if (max === undefined) continue;
      for (const at of columnsOf(inputKey(item.code))) {
        sheet.requireNumberBetween(
          at,
          2,
          0,
          max,
          tr(
            `Mục ${item.code}: nhập điểm từ 0 đến ${max}; số lẻ dùng dấu phẩy, ví dụ 8,5.`,
            `Item ${item.code}: a score from 0 to ${max}; decimals with a comma, e.g. 8,5.`,
          ),
        );
      }
    }
  } else {
    for (const { indicator, part } of indicatorInputs(rubric)) {
      for (const at of columnsOf(inputKey(indicator.code, part))) {
        if (part === 'hardArea') {
          sheet.requireOneOf(at, 2, HARD_AREA_OPTIONS, {
            help: tr(
              `${HARD_AREA_HEADER}: chọn «Có» hoặc «Không» (để trống là «Không»); xã thuộc vùng khó khăn có ngưỡng thấp hơn ở chỉ tiêu ${indicator.code}.`,
              `${HARD_AREA_HEADER} (commune in a difficult area): choose «Có» (yes) or «Không» (no; blank means no); such a commune has lower thresholds at indicator ${indicator.code}.`,
            ),
          });
        } else if (part === 'count' && indicator.mayNotApply) {
          // A count or «Không áp dụng»: Sheets' number rule would refuse the words, so the domain
          // alone checks these cells (named in «Lỗi» when wrong).
          continue;
        } else if (part === 'count' || part === 'total') {
          sheet.requireNumberBetween(
            at,
            2,
            0,
            1_000_000,
            tr(
              `Chỉ tiêu ${indicator.code}: nhập số người (số nguyên, không âm).`,
              `Indicator ${indicator.code}: a number of people (whole, not negative).`,
            ),
          );
        } else {
          const options = indicator.mayNotApply ? ANSWER_OPTIONS : ANSWER_OPTIONS.slice(0, 2);
          sheet.requireOneOf(at, 2, options, {
            help: indicator.mayNotApply
              ? tr(
                  `Chỉ tiêu ${indicator.code}: chọn ${options.join(' hoặc ')} (không áp dụng ở mức độ 1 thì cũng không áp dụng ở mức độ 2).`,
                  `Indicator ${indicator.code}: choose «Đạt» (met), «Chưa đạt» (not met) or «Không áp dụng» (not applicable; at level 1 it holds for level 2 too).`,
                )
              : tr(
                  `Chỉ tiêu ${indicator.code}: chọn ${options.join(' hoặc ')}.`,
                  `Indicator ${indicator.code}: choose «Đạt» (met) or «Chưa đạt» (not met).`,
                ),
          });
        }
      }
    }
  }
  for (const spec of columns.evidence)
    sheet.setNumberFormat(columnOf(table.located, spec.key), 2, '@');
}

/** Whether a unit's «Bộ tiêu chí áp dụng» cell includes the rubric; a blank cell includes all. */
function assessedBy(cell: CellValue, rubricId: string): boolean {
  const ids = cellText(cell)
    .toUpperCase()
    .split(/[\s,;]+/)
    .filter(Boolean);
  return ids.length === 0 || ids.includes(rubricId);
}

function setUpScoring(
  sheet: SheetPort,
  rubric: Rubric,
  units: Table,
  reviewers: readonly string[],
): Table & { added: number; units: number } {
  const columns = scoringColumns(rubric);
  const table = ensureTable(sheet, columns.all);
  const present = keysIn(table, 'code');
  const unitColumn = (key: string) => columnOf(units.located, key) - 1;
  const rubricsColumn = units.located.columns.get('rubrics');
  const newUnits: CellValue[][] = [];
  for (const unit of units.rows) {
    const code = cellText(unit[unitColumn('code')]);
    if (code === '' || present.has(textKey(code))) continue;
    if (rubricsColumn !== undefined && !assessedBy(unit[rubricsColumn - 1] ?? '', rubric.id))
      continue;
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
  validateInputs(sheet, rubric, table, columns);
  // A reviewer's value that differs from the unit's own stands out as it is typed.
  sheet.highlightWhereDiffer(
    columns.inputs.map((spec) => ({
      changed: columnOf(table.located, reviewKey(spec.key)),
      original: columnOf(table.located, spec.key),
    })),
    2,
  );
  sheet.setNumberFormat(columnOf(table.located, RESULT_KEYS.scoredAt), 2, DATE_TIME_FORMAT);
  sheet.protectColumnsWarningOnly(
    columnRuns(
      [...columns.results, ...columns.workflow].map((spec) => columnOf(table.located, spec.key)),
    ),
    `XHHT: cột kết quả của «${sheet.name}», do XHHT ghi khi chấm điểm`,
  );
  // The script never writes the reviewers' columns, so only reviewers may (DESIGN.md): the people
  // sheet's district, province, steering committee and administrator rows, as of this set-up.
  sheet.protectColumnsFor(
    columnRuns(
      [...columns.review, columns.reviewReason].map((spec) => columnOf(table.located, spec.key)),
    ),
    `XHHT: cột thẩm định của «${sheet.name}», chỉ người thẩm định sửa`,
    reviewers,
  );
  const codeFirst = columnOf(table.located, 'code') === 1 && columnOf(table.located, 'name') === 2;
  sheet.freeze(1, codeFirst ? 2 : 0);
  return { ...table, added: newUnits.length, units: present.size };
}

/**
 * XHHT → Khởi tạo bảng tính, for one rubric. Creates what is missing (sheets, headers, settings, the
 * rubric's rows in the criteria sheet, its scoring sheet with a row per unit) and never changes or
 * removes what is there, so it is safe to run again: after pasting units, or for another title.
 */
export function setUp(ctx: Context, rubricId: string): SetUpReport {
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
    ensureTable(open(PEOPLE_SHEET), PEOPLE_COLUMNS).sheet.freeze(1, 0);
    const addedCriteriaRows = setUpCriteria(open(CRITERIA_SHEET), rubricId);
    const { rubric, missing } = rubricAsWritten(ctx, rubricId);
    const reviewers = [
      ...new Set(
        readPeople(workbook)
          .grants.filter((grant) => grant.role !== 'xa')
          .map((grant) => grant.email.trim().toLowerCase()),
      ),
    ].filter(Boolean);
    const scoring = setUpScoring(open(rubric.scoringSheet), rubric, units, reviewers);
    return {
      rubric,
      missing,
      createdSheets,
      addedSettings: settings.added,
      addedCriteriaRows,
      addedUnits: scoring.added,
      unitsInSheet: scoring.units,
    };
  });
}
