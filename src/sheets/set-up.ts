import { cellPlace } from '../domain/a1';
import { findRubric, inForceInstead, rubricIds } from '../domain/catalog';
import { type CellValue, cellText, isBlank, textKey } from '../domain/cells';
import {
  type Deadline,
  type DeadlineKind,
  type MissingDeadline,
  readDayMonth,
} from '../domain/deadlines';
import { tr } from '../domain/i18n';
import { ANSWERS, HARD_AREA_ANSWERS, indicatorInputs } from '../domain/levels';
import { MESSAGES } from '../domain/messages';
import type { Grant } from '../domain/people';
import { builtInProcedure, type Procedure } from '../domain/procedures';
import { formatDate } from '../domain/recognition';
import {
  indicatorsOf,
  inForceFor,
  itemsOf,
  known,
  type Rubric,
  repealNote,
} from '../domain/rubric';
import { RETIRED_SETTINGS, SETTING_SPECS } from '../domain/settings';
import { AUDIT_COLUMNS, AUDIT_SHEET, HEAD_SHEET, prepareLog } from './audit-log';
import {
  DEADLINE_RULES,
  HOLDING_RULE,
  LADDER_RULE,
  procedureRows,
  ROW_TYPES,
  readCriteria,
  rubricRows,
  type ToConfirm,
} from './criteria-sheet';
import { SheetError } from './errors';
import {
  CRITERIA_COLUMNS,
  CRITERIA_SHEET,
  HARD_AREA_HEADER,
  inputKey,
  PLACEHOLDER_LABELS,
  REGISTER_COLUMNS,
  REGISTER_SHEET,
  RESULT_KEYS,
  reviewKey,
  type ScoringColumns,
  SETTINGS_COLUMNS,
  SETTINGS_SHEET,
  scoringColumns,
  UNIT_COLUMNS,
  UNITS_SHEET,
  WORKFLOW_KEYS,
} from './layout';
import { OUTBOX_SHEET, prepareOutbox } from './outbox';
import { PEOPLE_COLUMNS, PEOPLE_SHEET, readPeople } from './people-sheet';
import type { Context, IdentityPort, SheetPort, StorePort, WorkbookPort } from './ports';
import {
  adminEditors,
  administration,
  CRITERIA_ARCHIVE_SHEET,
  peopleNow,
  protectAdminSheets,
  protectReviewColumns,
  readConfirmed,
  rightsNow,
  writeConfirmed,
} from './protection';
import { assessedBy, migrateDecidedRows, migrateLegacy } from './register-sheet';
import {
  type ColumnSpec,
  columnOf,
  columnRuns,
  ensureTable,
  locateColumns,
  SET_ASIDE_MARK,
  type Table,
} from './table';

export const LOCALE = 'vi_VN';
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';
export const DATE_FORMAT = 'dd/mm/yyyy';

export interface SetUpReport {
  readonly rubric: Rubric;
  /** Values of the rubric still marked «CẦN BỔ SUNG», each naming its cell. */
  readonly missing: readonly string[];
  /**
   * Ladders of the rubric still marked «Cần xác nhận» (no text names the decider), each naming its
   * cell: set-up asks the administrator to confirm or change them.
   */
  readonly confirm: readonly ToConfirm[];
  /** Deadlines of the title marked «CẦN BỔ SUNG» (no text gives their date), each naming its cell. */
  readonly deadlinesToEnter: readonly string[];
  /** Procedure rows (ladders, deadlines) added to a rubric the criteria sheet already held. */
  readonly addedProcedureRows: number;
  /** Settings of the previous version whose values moved into the criteria sheet. */
  readonly movedSettings: readonly string[];
  readonly createdSheets: readonly string[];
  readonly addedSettings: number;
  readonly addedCriteriaRows: number;
  readonly addedUnits: number;
  /** Units the scoring sheet now holds. */
  readonly unitsInSheet: number;
  /** Recognitions moved from the units sheet's old columns into «Sổ công nhận» by this run. */
  readonly migratedRecognitions: number;
  /** Old units-sheet values that could not be moved, each naming its cell. */
  readonly registerProblems: readonly string[];
  /** The assessment year of the settings (this year when it does not read as one). */
  readonly year: number;
  /** For a rubric repealed before the assessment year: the note and the rubric in force instead. */
  readonly historical?: { readonly note: string; readonly instead?: Rubric };
  /** Rows of the rubric an earlier version wrote, copied to CRITERIA_ARCHIVE_SHEET before rewriting. */
  readonly archivedCriteriaRows: number;
  /** Scoring-sheet headers of a layout the rubric no longer has, set aside with their data. */
  readonly setAside: readonly string[];
  /** Answers carried from set-aside columns into the new ones, and cells left for the officer. */
  readonly carried: number;
  readonly leftToRetype: readonly string[];
  /**
   * What set-up left undone or found doubtful, each naming its cell: «Đơn vị» rows not added (a
   * repeated code, a code differing only by case or spaces, an unknown rubric id, a rubric without a
   * scoring sheet) and «Người dùng» rows that grant nothing or whose scope matches no unit.
   */
  readonly warnings: readonly string[];
  /**
   * People «Người dùng» names as reviewers or administrators whom no administrator confirmed yet: they
   * get no edit rights until «Xác nhận danh sách người dùng (quản trị)» (online only).
   */
  readonly awaitingConfirmation?: readonly string[];
  /** Said once, at the first set-up of a file on a shared drive (no owner): who holds the protections. */
  readonly ownerNote?: string;
}

/**
 * What set-up is given besides the context: online, who acts (Google vouches for them) and the
 * document properties, which keep the confirmed list of people. Offline (self-declared identity, no
 * accounts to protect for) set-up protects as the people sheet stands, as before.
 */
export type SetUpPorts = Context & {
  readonly identity?: IdentityPort;
  readonly store?: StorePort;
};

/**
 * Why the active user may not run set-up (undefined when they may): checked before the first write, so
 * a refused set-up changes nothing. Only where Google vouches for the user.
 */
export function setUpRefusal(ctx: SetUpPorts): string | undefined {
  if (!ctx.identity?.vouched) return undefined;
  const check = administration(
    ctx.workbook,
    ctx.identity,
    readPeople(ctx.workbook).grants,
    ctx.store ? readConfirmed(ctx.store) : undefined,
  );
  return check.ok ? undefined : check.refusal;
}

export { CRITERIA_ARCHIVE_SHEET };

/**
 * Built-in rubrics whose content changed with the legal texts found (issue 10): rows an earlier version
 * wrote for them still cite «REGULATIONS.md» in «Căn cứ», never written by this version or typed by a
 * province, and are replaced by the text as it now reads.
 */
const REWRITTEN = new Set([
  'TT25_2023_CDHT_XA',
  'TT24_2023_DVHT_HUYEN',
  'TT24_2023_DVHT_TINH',
  'TT44_2014_CDHT_XA',
]);
const EARLIER_SOURCE_TAG = 'regulations.md';

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

/** A deadline the previous version kept in the settings, as the criteria sheet's row now holds it. */
type LegacyDeadlines = Partial<Record<DeadlineKind, Deadline>>;

/**
 * The previous version's deadline settings (submitBy, decideBy: a day/month of the year after the
 * assessment year, the day itself on time): read, and their rows' notes marked as no longer used.
 * The values stay where the administrator typed them.
 */
function retireDeadlineSettings(table: Table): { legacy: LegacyDeadlines; moved: string[] } {
  const keyColumn = columnOf(table.located, 'key');
  const valueColumn = columnOf(table.located, 'value');
  const noteColumn = table.located.columns.get('note');
  const legacy: LegacyDeadlines = {};
  const moved: string[] = [];
  table.rows.forEach((row, i) => {
    const key = (Object.keys(RETIRED_SETTINGS) as (keyof typeof RETIRED_SETTINGS)[]).find(
      (candidate) => textKey(candidate) === textKey(row[keyColumn - 1]),
    );
    if (!key) return;
    const kind = RETIRED_SETTINGS[key];
    const read = readDayMonth(row[valueColumn - 1] ?? '');
    if (read.ok && read.value && !legacy[kind]) {
      legacy[kind] = {
        kind,
        ...read.value,
        yearOffset: 1,
        onTime: true,
        basis: `Chuyển từ trang «${SETTINGS_SHEET}» (${key})`,
      };
      moved.push(key);
    }
    const note = `Không còn dùng: hạn của mỗi bộ tiêu chí nằm ở trang «${CRITERIA_SHEET}», dòng Quy tắc ${DEADLINE_RULES[kind]}.`;
    if (noteColumn !== undefined && cellText(row[noteColumn - 1]) !== note)
      table.sheet.writeValues(i + 2, noteColumn, [[note]]);
  });
  return { legacy, moved };
}

/** A built-in procedure with the deadlines the settings held in their place. */
function withLegacy(procedure: Procedure | undefined, legacy: LegacyDeadlines): Procedure {
  const kinds: DeadlineKind[] = ['submit', 'decide'];
  const deadlines = kinds.flatMap((kind): (Deadline | MissingDeadline)[] => {
    const own = legacy[kind] ?? procedure?.deadlines.find((deadline) => deadline.kind === kind);
    return own ? [own] : [];
  });
  return { ladders: procedure?.ladders ?? [], deadlines };
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

/**
 * A built-in classification written by an earlier version lacks the «Quy tắc» row of the bands that
 * hold the title (issue 10): it is added once, with the default, so the province sees and can change it.
 */
function missingHoldingRule(table: Table, rubricId: string): CellValue[][] {
  const builtIn = findRubric(rubricId);
  if (!builtIn) return [];
  const rule = rubricRows(builtIn).find((cells) => cells.code === HOLDING_RULE);
  const rubricColumn = columnOf(table.located, 'rubric') - 1;
  const codeColumn = columnOf(table.located, 'code') - 1;
  const present = table.rows.some(
    (row) =>
      textKey(row[rubricColumn]) === textKey(rubricId) &&
      textKey(row[codeColumn]) === textKey(HOLDING_RULE),
  );
  return !rule || present ? [] : [rowFor(table, rule)];
}

/**
 * «{code} mức {n}» inputs whose requirement the rewrite changed (e.g. TT 24 3.4 at mức độ 2: «đáp ứng
 * khá» became «đáp ứng tốt»): an answer given to the old wording is not one to the new.
 */
function changedLevels(
  table: Table,
  old: readonly { row: readonly CellValue[] }[],
  fresh: readonly Record<string, CellValue>[],
): Set<string> {
  const cell = (row: readonly CellValue[], key: string) => {
    const column = table.located.columns.get(key);
    return column === undefined ? '' : textKey(row[column - 1]);
  };
  const kept = (value: string) => value === '' || value === textKey('Đạt') || value.startsWith('≥');
  const changed = new Set<string>();
  for (const { row } of old) {
    if (cell(row, 'type') !== textKey(ROW_TYPES.indicator)) continue;
    const code = cell(row, 'code');
    const now = fresh.find((r) => r.type === ROW_TYPES.indicator && textKey(r.code) === code);
    if (!now) continue;
    for (const [key, level] of [
      ['level1', '1'],
      ['level2', '2'],
    ] as const) {
      const before = cell(row, key);
      const after = textKey(now[key]);
      // Either wording of the header: «3.4 mức 2» (earlier versions) or «3.4 mức độ 2».
      if (before !== after && !(kept(before) && kept(after)))
        for (const words of [`mức ${level}`, `mức độ ${level}`]) changed.add(`${code} ${words}`);
    }
  }
  return changed;
}

/** The «Năm đánh giá» of the settings table, when it is a whole number. */
function settingsYear(settings: Table): number | undefined {
  const keyColumn = columnOf(settings.located, 'key');
  const valueColumn = columnOf(settings.located, 'value');
  const row = settings.rows.find((r) => textKey(r[keyColumn - 1]) === textKey('year'));
  const value = row?.[valueColumn - 1];
  const year = typeof value === 'number' ? value : Number(cellText(value));
  return Number.isInteger(year) && year > 1900 ? year : undefined;
}

/**
 * Writes a built-in rubric into the criteria sheet unless the sheet already has rows of its id.
 * Rows of a REWRITTEN rubric as an earlier version wrote them are copied as they are to
 * CRITERIA_ARCHIVE_SHEET (nothing typed is lost), then replaced in place; the scoring sheet keeps its
 * name. Migration of a sheet the previous version wrote (it lacks the «Từ ngày» column, added now):
 * each other rubric there gains the procedure rows it lacks, the built-in ladders when it has no
 * CAC_CAP row and a deadline row of each kind it has none of (the settings' value where the previous
 * version kept one there). This runs once: after it, deleting a procedure row sticks.
 */
function setUpCriteria(
  sheet: SheetPort,
  rubricId: string,
  legacy: LegacyDeadlines,
  open: (name: string) => SheetPort,
): { added: number; procedureRows: number; archived: number; changedLevels: Set<string> } {
  const upgrading = !locateColumns(sheet.readValues()[0] ?? [], CRITERIA_COLUMNS).columns.has(
    'from',
  );
  const table = ensureTable(sheet, CRITERIA_COLUMNS);
  sheet.freeze(1, 0);
  const at = (key: string) => columnOf(table.located, key) - 1;
  const builtIn = findRubric(rubricId);
  const withProcedure = (rubric: Rubric) => ({
    ...rubric,
    procedure: withLegacy(builtInProcedure(rubric.id), legacy),
  });
  const own = table.rows
    .map((row, i) => ({ row, at: i + 2 }))
    .filter(({ row }) => textKey(row[at('rubric')]) === textKey(rubricId));
  const basisColumn = table.located.columns.get('basis');
  const head = own.find(({ row }) => textKey(row[at('type')]) === textKey(ROW_TYPES.rubric));
  const earlier =
    builtIn !== undefined &&
    REWRITTEN.has(builtIn.id) &&
    basisColumn !== undefined &&
    head !== undefined &&
    textKey(head.row[basisColumn - 1]).includes(EARLIER_SOURCE_TAG);
  const migrated: CellValue[][] = [];
  if (upgrading) {
    const ids = [...new Set(table.rows.map((row) => cellText(row[at('rubric')]).toUpperCase()))];
    // A rubric rewritten below gets its procedure rows with the rest of its rows.
    for (const id of ids.filter((id) => id && !(earlier && textKey(id) === textKey(rubricId)))) {
      const rules = table.rows
        .filter((row) => textKey(row[at('rubric')]) === textKey(id))
        .filter((row) => textKey(row[at('type')]) === textKey(ROW_TYPES.rule))
        .map((row) => textKey(row[at('code')]));
      const procedure = withLegacy(builtInProcedure(id), legacy);
      const lacking: Procedure = {
        ladders: rules.includes(textKey(LADDER_RULE)) ? [] : procedure.ladders,
        deadlines: procedure.deadlines.filter(
          (deadline) => !rules.includes(textKey(DEADLINE_RULES[deadline.kind])),
        ),
      };
      migrated.push(...procedureRows(id, lacking).map((cells) => rowFor(table, cells)));
    }
  }
  if (earlier && builtIn && head) {
    // The archive first: a run cut after it leaves the old rows in both places, never in neither.
    const archive = open(CRITERIA_ARCHIVE_SHEET);
    const archived = archive.readValues();
    const header = sheet.readValues()[0] ?? [];
    const width = Math.max(header.length, ...own.map(({ row }) => row.length));
    const pad = (row: readonly CellValue[]) =>
      Array.from({ length: width }, (_, i) => row[i] ?? '');
    const archiveRows = own.map(({ row }) => pad(row));
    if (archived.length === 0) archive.writeValues(1, 1, [pad(header), ...archiveRows]);
    else archive.writeValues(archived.length + 1, 1, archiveRows);
    const labelColumn = table.located.columns.get('label');
    const keepName = labelColumn === undefined ? '' : cellText(head.row[labelColumn - 1]);
    const fresh = rubricRows(withProcedure(builtIn)).map((cells) =>
      rowFor(
        table,
        cells.type === ROW_TYPES.rubric && keepName ? { ...cells, label: keepName } : cells,
      ),
    );
    // In place, one write per run of adjacent rows (a blank row where the new text is shorter).
    const rowWidth = Math.max(...table.located.columns.values());
    const inPlace = new Map(
      own.map(({ at }, i) => [at, fresh[i] ?? Array.from({ length: rowWidth }, () => '')]),
    );
    for (const run of columnRuns([...inPlace.keys()])) {
      const block = Array.from({ length: run.count }, (_, i) => inPlace.get(run.first + i) ?? []);
      sheet.writeValues(run.first, 1, block);
    }
    appendRows(table, [...fresh.slice(own.length), ...migrated]);
    return {
      added: fresh.length + migrated.length,
      procedureRows: migrated.length,
      archived: own.length,
      changedLevels: changedLevels(table, own, rubricRows(builtIn)),
    };
  }
  const present = own.length > 0;
  if (!present && !builtIn) throw new SheetError(MESSAGES.unknownRubric(rubricId, rubricIds()));
  const fresh =
    !present && builtIn
      ? rubricRows(withProcedure(builtIn)).map((cells) => rowFor(table, cells))
      : [];
  const holding = present ? missingHoldingRule(table, rubricId) : [];
  appendRows(table, [...migrated, ...fresh, ...holding]);
  return {
    added: migrated.length + fresh.length + holding.length,
    procedureRows: migrated.length,
    archived: 0,
    changedLevels: new Set(),
  };
}

/** The rubric as the criteria sheet now holds it (the administrator may have edited it). */
function rubricAsWritten(
  ctx: Context,
  rubricId: string,
): {
  rubric: Rubric;
  missing: readonly string[];
  confirm: readonly ToConfirm[];
  deadlinesToEnter: readonly string[];
} {
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
  return {
    rubric: read.rubric,
    missing: read.missing,
    confirm: read.confirm ?? [],
    deadlinesToEnter: read.deadlinesToEnter ?? [],
  };
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

/** The codes of a rubric's inputs, as their scoring-sheet headers start. */
function inputCodes(rubric: Rubric): string[] {
  return rubric.method === 'points'
    ? itemsOf(rubric).map((item) => item.code)
    : indicatorsOf(rubric).map((indicator) => indicator.code);
}

interface SetAside {
  readonly headers: string[];
  /** Set-aside «C mức 1»/«C mức 2» columns (0-based) of an indicator C now answered once. */
  readonly split: Map<string, { level1?: number; level2?: number }>;
}

/**
 * Headers of a layout the rubric no longer has: a header starting with one of its codes (or «Thẩm định»
 * and a code) that no column of the rubric claims, e.g. «5.1 mức 1» once the province filled the
 * «CẦN BỔ SUNG» requirement that had split 5.1. They are renamed «(cũ) …» in one write, their data
 * kept where it is and read by nothing, so that a stale column is never read as another indicator.
 */
function setAsideStale(
  sheet: SheetPort,
  rubric: Rubric,
  specs: readonly ColumnSpec[],
  changed: ReadonlySet<string> = new Set(),
): SetAside {
  const values = sheet.readValues();
  const header = values[0] ?? [];
  const located = new Set(locateColumns(header, specs).columns.values());
  const codes = inputCodes(rubric).map((code) => textKey(code));
  const split = new Map<string, { level1?: number; level2?: number }>();
  const headers: string[] = [];
  const codeOf = (key: string) => codes.find((c) => key === c || key.startsWith(`${c} `));
  const reviewed = (key: string) => key.replace(/^thẩm định /, '');
  const isStale = (cell: CellValue, i: number) => {
    const key = textKey(cell);
    if (key === '' || key.startsWith(textKey(SET_ASIDE_MARK))) return false;
    // A level whose requirement the rewrite changed: its answers were to the old wording.
    const own = reviewed(key);
    if ([...changed].some((part) => own === part || own.startsWith(`${part} `))) return true;
    if (located.has(i + 1)) return false;
    return codeOf(own) !== undefined;
  };
  // The reviewer's column of a set-aside column goes with it, even where its header fits a new one.
  const staleCodes = new Set(
    header.flatMap((cell, i) => {
      const key = textKey(cell);
      return isStale(cell, i) && reviewed(key) === key ? [codeOf(key) as string] : [];
    }),
  );
  const renamed = header.map((cell, i) => {
    const key = textKey(cell);
    const own = reviewed(key);
    const code = codeOf(own);
    const review = own !== key && code !== undefined && staleCodes.has(code);
    if (!isStale(cell, i) && !(review && !key.startsWith(textKey(SET_ASIDE_MARK)))) return cell;
    if (code === undefined) return cell;
    const rest = own.slice(code.length + 1);
    // A placeholder's answers were about no known indicator: set aside, never carried.
    const placeholder = PLACEHOLDER_LABELS.some((label) => rest.includes(textKey(label)));
    if (own === key && !placeholder) {
      const level = /^mức (độ )?1\b/.test(rest)
        ? 'level1'
        : /^mức (độ )?2\b/.test(rest)
          ? 'level2'
          : '';
      if (level) split.set(code, { ...split.get(code), [level]: i });
    }
    headers.push(cellText(cell));
    return `${SET_ASIDE_MARK} ${cellText(cell)}`;
  });
  if (headers.length > 0) sheet.writeValues(1, 1, [renamed]);
  return { headers, split };
}

/**
 * Carries answers from set-aside «mức 1»/«mức 2» columns into the indicator's new single column where
 * they say the same (or mức độ 1 is not met, so neither level is); other rows are left blank for the
 * officer, named. One write per carried column, into a column set-up just added (so nothing typed is
 * overwritten).
 */
function carryAnswers(
  table: Table,
  rubric: Rubric,
  aside: SetAside,
  rows: readonly CellValue[][],
): { carried: number; left: string[] } {
  let carried = 0;
  const left: string[] = [];
  if (rubric.method !== 'levels') return { carried, left };
  for (const indicator of indicatorsOf(rubric)) {
    const from = aside.split.get(textKey(indicator.code));
    const at = table.located.columns.get(inputKey(indicator.code, 'answer'));
    if (!from || from.level1 === undefined || at === undefined) continue;
    if (rows.some((row) => !isBlank(row[at - 1]))) continue;
    const out = rows.map((row): CellValue[] => {
      const level1 = row[from.level1 as number] ?? '';
      const level2 = from.level2 === undefined ? '' : (row[from.level2] ?? '');
      if (isBlank(level1) && isBlank(level2)) return [''];
      const same = textKey(level1) === textKey(level2);
      const notMet = textKey(level1) === textKey(ANSWERS.notMet);
      if (!isBlank(level1) && (same || notMet)) {
        carried += 1;
        return [level1];
      }
      left.push(`${cellText(row[columnOf(table.located, 'code') - 1])} (${indicator.code})`);
      return [''];
    });
    if (out.length > 0) table.sheet.writeValues(2, at, out);
  }
  return { carried, left };
}

/** The rubric ids a unit's «Bộ tiêu chí áp dụng» cell names; none (blank) means every rubric in use. */
function rubricIdsIn(cell: CellValue): string[] {
  return cellText(cell)
    .toUpperCase()
    .split(/[\s,;]+/)
    .filter(Boolean);
}

/** Letters and digits only: «TP. Hà Tĩnh» and «TP Hà Tĩnh» meet here, and nowhere else. */
function looseKey(value: unknown): string {
  return textKey(value).replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The «Đơn vị» rows set-up does not add, and why: a code repeated (with another name, or the same
 * row twice), a code differing from an earlier one only by case or spaces. The first row of a code
 * is the one added; the others are named so that nobody believes them scored.
 */
function unitRowWarnings(units: Table): string[] {
  const warnings: string[] = [];
  const codeColumn = columnOf(units.located, 'code');
  const nameColumn = columnOf(units.located, 'name');
  const first = new Map<string, { row: number; code: string; name: string }>();
  units.rows.forEach((unit, i) => {
    const raw = unit[codeColumn - 1];
    const code = cellText(raw);
    if (code === '') return;
    const row = i + 2;
    const name = cellText(unit[nameColumn - 1]);
    const earlier = first.get(textKey(code));
    if (!earlier) {
      first.set(textKey(code), { row, code: typeof raw === 'string' ? raw : code, name });
      return;
    }
    const where = cellPlace(UNITS_SHEET, row, codeColumn);
    const typed = typeof raw === 'string' ? raw : code;
    if (typed !== earlier.code) {
      warnings.push(
        tr(
          `${where}: mã «${typed}» (${name}) chỉ khác mã «${earlier.code}» ở dòng ${earlier.row} (${earlier.name}) về chữ hoa/thường hoặc khoảng trắng, nên XHHT coi là một đơn vị; dòng ${row} không được thêm. Nếu là hai đơn vị, đặt cho dòng ${row} một mã khác.`,
          `${where}: the code «${typed}» (${name}) differs from «${earlier.code}» in row ${earlier.row} (${earlier.name}) only by case or spaces, so XHHT takes them as one unit; row ${row} was not added. If they are two units, give row ${row} another code.`,
        ),
      );
    } else if (textKey(name) !== textKey(earlier.name)) {
      warnings.push(
        tr(
          `${where}: mã ${code} đã dùng ở dòng ${earlier.row} cho «${earlier.name}»; dòng ${row} («${name}») không được thêm. Đặt cho đơn vị này một mã khác.`,
          `${where}: the code ${code} is already used in row ${earlier.row} for «${earlier.name}»; row ${row} («${name}») was not added. Give this unit another code.`,
        ),
      );
    } else {
      warnings.push(
        tr(
          `${where}: dòng ${row} lặp lại đơn vị ${code} của dòng ${earlier.row}; chỉ dòng ${earlier.row} được dùng, có thể xóa dòng ${row}.`,
          `${where}: row ${row} repeats unit ${code} of row ${earlier.row}; only row ${earlier.row} is used, row ${row} may be deleted.`,
        ),
      );
    }
  });
  return warnings;
}

/**
 * «Bộ tiêu chí áp dụng» cells naming an id that is no rubric (their units go on no scoring sheet),
 * and units whose rubrics have no scoring sheet yet. `known` are the rubric ids the workbook can use,
 * `withSheet` those that have a scoring sheet.
 */
function unitRubricWarnings(
  units: Table,
  known: ReadonlySet<string>,
  withSheet: ReadonlySet<string>,
): string[] {
  const column = units.located.columns.get('rubrics');
  if (column === undefined) return [];
  const codeColumn = columnOf(units.located, 'code');
  const warnings: string[] = [];
  const waiting = new Map<string, string[]>();
  units.rows.forEach((unit, i) => {
    const code = cellText(unit[codeColumn - 1]);
    const ids = rubricIdsIn(unit[column - 1] ?? '');
    if (code === '' || ids.length === 0) return;
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      warnings.push(
        tr(
          `${cellPlace(UNITS_SHEET, i + 2, column)}: «${unknown.join(', ')}» không phải mã bộ tiêu chí nào nên đơn vị ${code} không được thêm vào trang chấm điểm của bộ đó. Ghi một trong các mã: ${[...known].join(', ')}.`,
          `${cellPlace(UNITS_SHEET, i + 2, column)}: «${unknown.join(', ')}» is no rubric id, so unit ${code} was not added to its scoring sheet. Write one of: ${[...known].join(', ')}.`,
        ),
      );
    }
    for (const id of ids.filter((id) => known.has(id) && !withSheet.has(id))) {
      waiting.set(id, [...(waiting.get(id) ?? []), code]);
    }
  });
  for (const [id, codes] of waiting) {
    const shown = codes.length > 10 ? `${codes.slice(0, 10).join(', ')}…` : codes.join(', ');
    warnings.push(
      tr(
        `${codes.length} đơn vị (${shown}) áp dụng bộ tiêu chí ${id}, chưa có trang chấm điểm: chạy Khởi tạo bảng tính và chọn ${id}.`,
        `${codes.length} unit(s) (${shown}) use rubric ${id}, which has no scoring sheet yet: run set-up and choose ${id}.`,
      ),
    );
  }
  return warnings;
}

/**
 * «Người dùng» rows that grant nothing (a role set-up cannot read) and scopes that match no unit's
 * code, district or cluster, with the likely one when they differ only by punctuation or spaces.
 */
function peopleWarnings(
  problems: readonly string[],
  grants: readonly Grant[],
  units: Table,
): string[] {
  const warnings = problems.map((problem) =>
    tr(`${problem} Dòng này chưa cho ai quyền gì.`, `${problem} This row grants nothing yet.`),
  );
  if (units.rows.length === 0) return warnings;
  const scopes = new Map<string, string>();
  for (const key of ['code', 'commune', 'district', 'cluster']) {
    const column = units.located.columns.get(key);
    if (column === undefined) continue;
    for (const unit of units.rows) {
      const text = cellText(unit[column - 1]);
      if (text === '') continue;
      scopes.set(textKey(text), text);
      // A cluster is named «II» or «Cụm II» (people.ts, placeKeys).
      if (key === 'cluster' && !textKey(text).startsWith('cụm '))
        scopes.set(textKey(`Cụm ${text}`), text);
    }
  }
  const loose = new Map([...scopes.values()].map((text) => [looseKey(text), text]));
  const seen = new Set<string>();
  for (const grant of grants) {
    const scope = cellText(grant.scope);
    if (scope === '' || scopes.has(textKey(scope)) || seen.has(textKey(scope))) continue;
    seen.add(textKey(scope));
    const near = loose.get(looseKey(scope));
    warnings.push(
      near
        ? tr(
            `Trang «${PEOPLE_SHEET}»: phạm vi «${scope}» (${grant.email}) khác «${near}» ở trang «${UNITS_SHEET}» chỉ ở dấu chấm, dấu cách hoặc dấu câu; XHHT so khớp đúng từng chữ nên người này chưa có quyền với đơn vị nào. Sửa cho giống hệt nhau.`,
            `Sheet «${PEOPLE_SHEET}»: the scope «${scope}» (${grant.email}) differs from «${near}» in sheet «${UNITS_SHEET}» only by dots, spaces or punctuation; XHHT matches the text exactly, so this person has rights over no unit yet. Make them the same.`,
          )
        : tr(
            `Trang «${PEOPLE_SHEET}»: phạm vi «${scope}» (${grant.email}) không khớp mã đơn vị, xã, huyện hay cụm nào ở trang «${UNITS_SHEET}»; người này chưa có quyền với đơn vị nào.`,
            `Sheet «${PEOPLE_SHEET}»: the scope «${scope}» (${grant.email}) matches no unit code, commune, district or cluster in sheet «${UNITS_SHEET}»; this person has rights over no unit yet.`,
          ),
    );
  }
  return warnings;
}

/**
 * The rubrics a set-up run without a choice should cover: those that already have a scoring sheet,
 * and those the «Đơn vị» sheet names in «Bộ tiêu chí áp dụng» that the workbook knows. Empty for a
 * new workbook.
 */
export function rubricsInUse(workbook: WorkbookPort): string[] {
  const reads = readCriteria(workbook) ?? [];
  const known = new Set([...rubricIds(), ...reads.map((read) => read.id)]);
  const ids = reads
    .filter((read) => read.rubric && workbook.sheet(read.rubric.scoringSheet))
    .map((read) => read.id);
  const sheet = workbook.sheet(UNITS_SHEET);
  if (sheet) {
    const values = sheet.readValues();
    const column = locateColumns(values[0] ?? [], UNIT_COLUMNS).columns.get('rubrics');
    if (column !== undefined) {
      for (const row of values.slice(1)) {
        for (const id of rubricIdsIn(row[column - 1] ?? '')) if (known.has(id)) ids.push(id);
      }
    }
  }
  return [...new Set(ids)];
}

function setUpScoring(
  sheet: SheetPort,
  rubric: Rubric,
  units: Table,
  reviewers: readonly string[],
  changed: ReadonlySet<string>,
): Table & { added: number; units: number; aside: SetAside; carried: number; left: string[] } {
  const columns = scoringColumns(rubric);
  const aside = setAsideStale(sheet, rubric, columns.all, changed);
  const table = ensureTable(sheet, columns.all);
  const { carried, left } = carryAnswers(table, rubric, aside, table.rows);
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
  // The decision's date is a date (since issue 13), shown day first; earlier text dates read the same.
  sheet.setNumberFormat(columnOf(table.located, WORKFLOW_KEYS.decisionDate), 2, DATE_FORMAT);
  sheet.protectColumnsWarningOnly(
    columnRuns(
      [...columns.results, ...columns.workflow].map((spec) => columnOf(table.located, spec.key)),
    ),
    `XHHT: cột kết quả của «${sheet.name}», do XHHT ghi khi chấm điểm`,
  );
  // The script never writes the reviewers' columns, so only reviewers may (DESIGN.md): the people
  // sheet's district, province, steering committee and administrator rows an administrator confirmed.
  protectReviewColumns(sheet, rubric, table.located, reviewers);
  const codeFirst = columnOf(table.located, 'code') === 1 && columnOf(table.located, 'name') === 2;
  sheet.freeze(1, codeFirst ? 2 : 0);
  return { ...table, added: newUnits.length, units: present.size, aside, carried, left };
}

/**
 * XHHT → Khởi tạo bảng tính, for one rubric. Creates what is missing (sheets, headers, settings, the
 * rubric's rows in the criteria sheet, its scoring sheet with a row per unit) and never changes or
 * removes what is there, so it is safe to run again: after pasting units, or for another title.
 */
export function setUp(ctx: SetUpPorts, rubricId: string): SetUpReport {
  return ctx.lock.withLock(() => {
    const { workbook } = ctx;
    // Set-up is for administrators (the first one for the owner): refused before anything is written.
    const online = ctx.identity?.vouched === true;
    const admin = online
      ? administration(
          workbook,
          ctx.identity as IdentityPort,
          readPeople(workbook).grants,
          ctx.store ? readConfirmed(ctx.store) : undefined,
        )
      : undefined;
    if (admin && !admin.ok) throw new SheetError(admin.refusal);
    const createdSheets: string[] = [];
    const open = (name: string): SheetPort => {
      const existing = workbook.sheet(name);
      if (existing) return existing;
      createdSheets.push(name);
      return workbook.addSheet(name);
    };
    workbook.setLocaleAndTimeZone(LOCALE, TIME_ZONE);
    const settings = setUpSettings(open(SETTINGS_SHEET), ctx.clock.now().getFullYear());
    const retired = retireDeadlineSettings(settings);
    const units = ensureTable(open(UNITS_SHEET), UNIT_COLUMNS);
    units.sheet.freeze(1, 2);
    ensureTable(open(PEOPLE_SHEET), PEOPLE_COLUMNS).sheet.freeze(1, 0);
    const criteria = setUpCriteria(open(CRITERIA_SHEET), rubricId, retired.legacy, open);
    const { rubric, missing, confirm, deadlinesToEnter } = rubricAsWritten(ctx, rubricId);
    // A unit's own officer is no reviewer: a «đơn vị» row, or a «xã» row not naming a commune of
    // the units sheet (as the previous version had it, naming the unit's code).
    const communes = units.located.columns.has('commune')
      ? keysIn(units, 'commune')
      : new Set<string>();
    const people = readPeople(workbook);
    const named = peopleNow(people.grants, communes);
    // Online, a person newly written into «Người dùng» gets rights only once an administrator confirms
    // the list. A workbook without a confirmed list (a new one, or the previous version's, whose set-up
    // gave the rights as the sheet stood) takes the list as it stands now, as that set-up did.
    let confirmed = online && ctx.store ? readConfirmed(ctx.store) : undefined;
    if (online && ctx.store && !confirmed) {
      confirmed = { ...named, by: 'XHHT', at: ctx.clock.now().toISOString() };
      writeConfirmed(ctx.store, confirmed);
    }
    const rights = rightsNow(named, confirmed);
    const scoring = setUpScoring(
      open(rubric.scoringSheet),
      rubric,
      units,
      rights.reviewers,
      criteria.changedLevels,
    );
    // The register of recognitions, and the old per-unit-code columns of «Đơn vị» moved into it.
    if (!workbook.sheet(REGISTER_SHEET)) createdSheets.push(REGISTER_SHEET);
    const rubrics = (readCriteria(workbook) ?? []).flatMap((read) =>
      read.rubric ? [read.rubric] : [],
    );
    const migration = migrateLegacy(workbook, rubrics);
    // Rows this rubric's sheet holds as recognised from before the register: into it, with their result.
    const movedRows = migrateDecidedRows(workbook, rubric);
    // Written by XHHT alone (an administrator's earlier recognitions go in with «Loại ghi» blank, then
    // XHHT → Nhập công nhận trước đây): a warning before a hand edit.
    workbook
      .sheet(REGISTER_SHEET)
      ?.protectColumnsWarningOnly(
        [{ first: 1, count: REGISTER_COLUMNS.length }],
        `XHHT: «${REGISTER_SHEET}», do XHHT ghi`,
      );
    // A log of the previous version gets the columns of the unit's record (issue 11); its rows, which
    // carry none, hash and verify as before.
    const log = workbook.sheet(AUDIT_SHEET);
    if (log) ensureTable(log, AUDIT_COLUMNS);
    // The log and the outbox exist before the first step, which then creates no sheet (issue 12).
    if (ctx.store) createdSheets.push(...prepareLog({ workbook, store: ctx.store }));
    if (prepareOutbox(workbook, ctx.store)) createdSheets.push(OUTBOX_SHEET);
    // A settings row just added holds this year (SETTING_SPECS' initial value).
    const year = settingsYear(settings) ?? ctx.clock.now().getFullYear();
    const instead = inForceInstead(rubric.id, year);
    const historical = !inForceFor(rubric, year)
      ? { note: repealNote(rubric), ...(instead ? { instead } : {}) }
      : undefined;
    // Only the columns each sheet uses: a sheet keeps 26 otherwise, and every grid cell counts
    // against the 10,000,000 of a spreadsheet. Sheets an earlier version made lose their empty ones.
    for (const name of [
      SETTINGS_SHEET,
      UNITS_SHEET,
      PEOPLE_SHEET,
      CRITERIA_SHEET,
      rubric.scoringSheet,
      AUDIT_SHEET,
      OUTBOX_SHEET,
      HEAD_SHEET,
      REGISTER_SHEET,
    ]) {
      workbook.sheet(name)?.trimColumns();
    }
    // Last, once everything is written: the sheets the product alone writes, for administrators only.
    protectAdminSheets(workbook, adminEditors(rights.admins, admin?.ok ? admin.email : undefined));
    const reads = readCriteria(workbook) ?? [];
    const known = new Set([...rubricIds(), ...reads.map((read) => read.id)]);
    const withSheet = new Set(
      reads
        .filter((read) => read.rubric && workbook.sheet(read.rubric.scoringSheet))
        .map((read) => read.id),
    );
    const warnings = [
      ...unitRowWarnings(units),
      ...unitRubricWarnings(units, known, withSheet),
      ...peopleWarnings(people.problems, people.grants, units),
    ];
    return {
      warnings,
      ...(rights.awaiting.length > 0 ? { awaitingConfirmation: rights.awaiting } : {}),
      ...(admin?.ok && admin.note ? { ownerNote: admin.note } : {}),
      migratedRecognitions: migration.migrated + movedRows,
      registerProblems: migration.problems,
      rubric,
      missing,
      confirm,
      deadlinesToEnter,
      addedProcedureRows: criteria.procedureRows,
      movedSettings: retired.moved,
      createdSheets,
      addedSettings: settings.added,
      addedCriteriaRows: criteria.added,
      addedUnits: scoring.added,
      unitsInSheet: scoring.units,
      year,
      ...(historical ? { historical } : {}),
      archivedCriteriaRows: criteria.archived,
      setAside: scoring.aside.headers,
      carried: scoring.carried,
      leftToRetype: scoring.left,
    };
  });
}

/**
 * The administrator's answer to set-up's question on the ladders no text names: each «Cần xác nhận»
 * cell becomes «Đã xác nhận ngày … (email)», so the ladder runs without its warning from then on.
 * Returns how many were confirmed.
 */
export function confirmLadders(ctx: Context, cells: readonly ToConfirm[], email: string): number {
  return ctx.lock.withLock(() => {
    const sheet = ctx.workbook.sheet(CRITERIA_SHEET);
    if (!sheet) return 0;
    const day = formatDate(ctx.clock.now());
    const by = email.trim() ? ` (${email.trim()})` : '';
    for (const cell of cells)
      sheet.writeValues(cell.row, cell.column, [[`Đã xác nhận ngày ${day}${by}`]]);
    return cells.length;
  });
}
