import * as z from 'zod/mini';
import { cellPlace } from '../domain/a1';
import { findRubric } from '../domain/catalog';
import {
  type CellValue,
  cellText,
  isBlank,
  isDate,
  normalizeText,
  readDate,
  readNumber,
  textKey,
} from '../domain/cells';
import {
  type Deadline,
  type DeadlineKind,
  deadlineLabel,
  formatDayMonth,
  type MissingDeadline,
  readDayMonth,
} from '../domain/deadlines';
import { inLanguage, tr } from '../domain/i18n';
import { type DatedLadder, ladderNamed } from '../domain/ladder';
import { formatNumber } from '../domain/messages';
import { builtInProcedure, type Procedure } from '../domain/procedures';
import { formatDate } from '../domain/recognition';
import { isClassification, titleResults } from '../domain/register';
import {
  type Band,
  type Criterion,
  type Indicator,
  type Item,
  isMissing,
  type Known,
  type LevelCriterion,
  type Missing,
  type Provenance,
  type Requirement,
  RUBRIC_ID,
  type Rubric,
} from '../domain/rubric';
import { checkRubric, type ElementKind, type Field } from '../domain/rubric-check';
import { ladderProblem } from '../domain/settings';
import { CRITERIA_COLUMNS, CRITERIA_SHEET, SETTINGS_SHEET, UNITS_SHEET } from './layout';
import type { WorkbookPort } from './ports';
import { columnOf, type Located, locateRequired } from './table';

/**
 * The criteria sheet («Tiêu chí») is where rubrics live at run time: set-up writes a built-in rubric
 * there, the administrator may correct a number from the province's official copy, fill what is
 * marked «CẦN BỔ SUNG», or write a rubric of their own, and every run reads it back and checks it.
 * One row per element; the «Loại» column says which.
 */

export const MISSING_MARK = 'CẦN BỔ SUNG';
export const ROW_TYPES = {
  rubric: 'Bộ tiêu chí',
  rule: 'Quy tắc',
  criterion: 'Tiêu chí',
  item: 'Mục',
  indicator: 'Chỉ tiêu',
  band: 'Xếp loại',
} as const;
export const METHOD_NAMES = { points: 'Thang điểm', levels: 'Mức độ' } as const;
export const RULE_CODES = { wait: 'SO_THANG_TRUOC_MUC_2', validity: 'THOI_HAN_THANG' } as const;
/** A rule of points rubrics: 1 when a criterion at 0 points holds the unit at the lowest band. */
export const NO_ZERO_RULE = 'KHONG_TIEU_CHI_DIEM_0';
/** The «Đối chiếu văn bản» column: the wording copied from the legal text, or reworded. */
export const CERTAINTY = {
  verified: 'đã đối chiếu văn bản',
  reworded: 'diễn đạt lại, cần đối chiếu',
} as const;
export const MAY_NOT_APPLY_MARK = 'Có';
/** The «vùng khó khăn» thresholds of a share, after the general one: «≥ 50%; vùng khó khăn ≥ 40%». */
export const HARD_AREA_WORDS = 'vùng khó khăn';
/** A rule of either method: 1 when the commune must record its agreement meeting before submitting. */
export const MEETING_RULE = 'HOP_THONG_NHAT';
/**
 * A rule of either method: an approval ladder of the title (its label, id, or written out), from the
 * date in «Từ ngày» (blank: a row of the previous version, for every date), with who decides in
 * «Nội dung» and «Cần xác nhận: …» in «Xác nhận» while no text names the decider.
 */
export const LADDER_RULE = 'CAC_CAP';
/** Rules of either method: the title's deadlines (day/month in «Ngưỡng / giá trị»). */
export const DEADLINE_RULES: Readonly<Record<DeadlineKind, string>> = {
  submit: 'HAN_NOP',
  decide: 'HAN_QUYET_DINH',
};
/** How «Xác nhận» marks a ladder no text names; anything else there (e.g. «Đã xác nhận») confirms it. */
export const CONFIRM_MARK = 'Cần xác nhận';
export const YES_NO = { yes: 'Có', no: 'Không' } as const;
/** A rule of either method: the share of units (%) to see recognised, for the summary report. */
export const TARGET_RULE = 'CHI_TIEU';
/**
 * A rule of a points rubric that classifies (more than one band above the lowest): the bands that hold
 * the title, separated by commas (issue 10). Absent: Khá and Tốt, to be confirmed by the province.
 */
export const HOLDING_RULE = 'XEP_LOAI_CONG_NHAN';
export const MET_MARK = 'Đạt';
export const EVIDENCE_MARK = 'Bắt buộc';
/** Sheets of XHHT's own that no rubric may score in. */
const RESERVED_SHEETS = [SETTINGS_SHEET, UNITS_SHEET, CRITERIA_SHEET];

// --- writing ------------------------------------------------------------------------------------

function knownCell<T extends CellValue>(value: Known<T>): CellValue {
  return isMissing(value) ? `${MISSING_MARK}: ${value.missing}` : value;
}

function requirementCell(requirement: Requirement): CellValue {
  if (requirement.kind === 'met') return MET_MARK;
  if (requirement.kind === 'text') return knownCell(requirement.text);
  if (isMissing(requirement.min)) return knownCell(requirement.min);
  const hard =
    requirement.minHard === undefined
      ? ''
      : `; ${HARD_AREA_WORDS} ≥ ${formatNumber(requirement.minHard)}%`;
  return `≥ ${formatNumber(requirement.min)}%${hard}`;
}

/** The «Căn cứ» and «Đối chiếu văn bản» cells of an element. */
function provenanceCells(element: Provenance): Record<string, CellValue> {
  return {
    basis: element.basis ?? '',
    certainty:
      element.verified === undefined
        ? ''
        : element.verified
          ? CERTAINTY.verified
          : CERTAINTY.reworded,
  };
}

/** The rows of a rubric in the criteria sheet, keyed like CRITERIA_COLUMNS. */
export function rubricRows(rubric: Rubric): Record<string, CellValue>[] {
  const row = (cells: Record<string, CellValue>) => ({ rubric: rubric.id, ...cells });
  const criterionRow = (
    criterion: { code: string; name: string; label: string } & Provenance,
    cells: Record<string, CellValue>,
  ) =>
    row({
      type: ROW_TYPES.criterion,
      code: criterion.code,
      text: criterion.name,
      label: criterion.label,
      ...provenanceCells(criterion),
      ...cells,
    });
  const leafRow = (type: string, leaf: Item | Indicator, cells: Record<string, CellValue>) =>
    row({
      type,
      code: leaf.code,
      text: knownCell(leaf.text),
      label: leaf.label,
      evidence: leaf.evidenceRequired ? EVIDENCE_MARK : '',
      ...provenanceCells(leaf),
      ...cells,
    });
  const rows = [
    row({
      type: ROW_TYPES.rubric,
      code: METHOD_NAMES[rubric.method],
      text: rubric.title,
      label: rubric.scoringSheet,
      // The legal text with its dates; the repo's source notes stay in the code.
      basis: rubric.legalBasis,
    }),
  ];
  rows.push(
    ...procedureRows(rubric.id, rubric.procedure ?? builtInProcedure(rubric.id)).map((cells) =>
      row(cells),
    ),
  );
  if (rubric.targetPercent !== undefined) {
    rows.push(
      row({
        type: ROW_TYPES.rule,
        code: TARGET_RULE,
        text: 'Chỉ tiêu: tỷ lệ đơn vị được công nhận (%), để báo cáo tổng hợp đo tiến độ',
        threshold: rubric.targetPercent,
      }),
    );
  }
  if (rubric.meetingBeforeSubmit) {
    rows.push(
      row({
        type: ROW_TYPES.rule,
        code: MEETING_RULE,
        text: 'Xã ghi ngày họp thống nhất và biên bản trước khi gửi (1 = bắt buộc, 0 = không)',
        threshold: 1,
      }),
    );
  }
  if (rubric.method === 'levels') {
    rows.push(
      row({
        type: ROW_TYPES.rule,
        code: RULE_CODES.wait,
        text: 'Số tháng ở mức độ 1 (tính từ ngày quyết định) trước khi được xét mức độ 2',
        threshold: knownCell(rubric.monthsBeforeNextLevel),
      }),
      row({
        type: ROW_TYPES.rule,
        code: RULE_CODES.validity,
        text: 'Thời hạn công nhận (tháng, tính tiếp theo năm được công nhận)',
        threshold: knownCell(rubric.validityMonths),
      }),
    );
    for (const criterion of rubric.criteria) {
      rows.push(
        criterionRow(criterion, {}),
        ...criterion.indicators.map((indicator) =>
          leafRow(ROW_TYPES.indicator, indicator, {
            level1: requirementCell(indicator.levels[0]),
            level2: requirementCell(indicator.levels[1]),
            mayNotApply: indicator.mayNotApply ? MAY_NOT_APPLY_MARK : '',
          }),
        ),
      );
    }
    return rows;
  }
  if (rubric.noZeroCriterion) {
    rows.push(
      row({
        type: ROW_TYPES.rule,
        code: NO_ZERO_RULE,
        text: 'Mỗi xếp loại (trừ xếp loại thấp nhất) đòi hỏi không có tiêu chí bị điểm 0 (1 = áp dụng, 0 = không)',
        threshold: 1,
      }),
    );
  }
  for (const criterion of rubric.criteria) {
    rows.push(
      criterionRow(criterion, {
        max: knownCell(criterion.max),
        threshold: criterion.min === undefined ? '' : knownCell(criterion.min),
      }),
      ...criterion.items.map((item) => leafRow(ROW_TYPES.item, item, { max: knownCell(item.max) })),
    );
  }
  for (const band of rubric.bands) {
    rows.push(
      row({
        type: ROW_TYPES.band,
        code: band.label,
        text: 'Từ ngưỡng điểm trở lên',
        threshold: knownCell(band.min),
      }),
    );
  }
  rows.push(
    row({
      type: ROW_TYPES.band,
      code: rubric.fallbackBand,
      text: 'Dưới mọi ngưỡng trên (để trống ngưỡng)',
    }),
  );
  // Last, so the rows above keep their places.
  if (rubric.method === 'points' && isClassification(rubric)) {
    rows.push(
      row({
        type: ROW_TYPES.rule,
        code: HOLDING_RULE,
        text: rubric.holdingBands
          ? 'Các xếp loại được công nhận danh hiệu (cách nhau bằng dấu phẩy)'
          : 'Các xếp loại được công nhận danh hiệu (cách nhau bằng dấu phẩy). Cần xác nhận: văn bản không nêu; mặc định Tốt, Khá',
        threshold: titleResults(rubric).join(', '),
      }),
    );
  }
  return rows;
}

/** The rows of a title's procedure: its dated ladders, then its deadlines. */
export function procedureRows(
  rubricId: string,
  procedure: Procedure | undefined,
): (Record<string, CellValue> & { rubric: string })[] {
  if (!procedure) return [];
  return [
    ...procedure.ladders.map((dated) => ({
      rubric: rubricId,
      type: ROW_TYPES.rule,
      code: LADDER_RULE,
      text: dated.decider,
      threshold: dated.ladder,
      from: dated.from ? formatDate(dated.from) : '',
      basis: dated.basis,
      confirm: dated.confirm ? `${CONFIRM_MARK}: ${dated.confirm}` : '',
    })),
    ...procedure.deadlines.map((deadline) => ({
      rubric: rubricId,
      type: ROW_TYPES.rule,
      code: DEADLINE_RULES[deadline.kind],
      // Sheet content stays Vietnamese whatever the interface language.
      text: inLanguage('vi', () => deadlineLabel(deadline.kind)),
      threshold:
        'missing' in deadline ? knownCell({ missing: deadline.missing }) : formatDayMonth(deadline),
      yearOffset: 'missing' in deadline ? '' : deadline.yearOffset,
      onTime: 'missing' in deadline ? '' : deadline.onTime ? YES_NO.yes : YES_NO.no,
      basis: deadline.basis,
    })),
  ];
}

// --- reading: cells -----------------------------------------------------------------------------

function missingFrom(value: CellValue): Missing | undefined {
  const text = cellText(value);
  if (!textKey(text).startsWith(textKey(MISSING_MARK))) return undefined;
  const what = normalizeText(text.slice(MISSING_MARK.length).replace(/^\s*[:—–-]\s*/, ''));
  return { missing: what === '' ? 'giá trị còn thiếu' : what };
}

/** What is wrong with a cell, in Vietnamese. */
class CellProblem {
  constructor(readonly message: string) {}
}
const fail = (message: string) => new CellProblem(message);

/** zod/mini reading of one cell: a problem becomes a custom issue carrying its message. */
function cell<T>(read: (value: CellValue) => T | CellProblem) {
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): T => {
      const result = read(value as CellValue);
      if (result instanceof CellProblem) {
        ctx.issues.push({ code: 'custom', message: result.message, input: value });
        return z.NEVER;
      }
      return result;
    }),
  );
}

function last<T>(items: readonly T[]): T | undefined {
  return items[items.length - 1];
}

const code = () =>
  cell((value) => {
    if (isDate(value)) {
      return fail(
        tr(
          "Trang tính đã hiểu mã này thành ngày tháng; gõ dấu nháy trước mã, ví dụ '2.4",
          "Sheets took this code for a date; type an apostrophe before it, e.g. '2.4",
        ),
      );
    }
    const text = cellText(value);
    return text === '' ? fail(tr('thiếu mã', 'the code is missing')) : text;
  });
const noText = () => fail(tr('thiếu nội dung', 'the wording is missing'));
const requiredText = () => cell((value) => cellText(value) || noText());
const optionalText = () => cell((value) => cellText(value));
const knownText = () =>
  cell((value): Known<string> | CellProblem => missingFrom(value) ?? (cellText(value) || noText()));
/** A number not below 0, or «CẦN BỔ SUNG»; `what` names it in the message. */
function readKnownNumber(value: CellValue, what: string): Known<number> | CellProblem {
  const missing = missingFrom(value);
  if (missing) return missing;
  const read = readNumber(value);
  if (!read.ok) {
    const typed = isBlank(value) ? '' : cellText(value) || String(value);
    return fail(
      typed
        ? tr(
            `${what} cần một số không âm, không phải «${typed}»`,
            `${what} needs a number not below 0, not «${typed}»`,
          )
        : tr(`${what} cần một số không âm`, `${what} needs a number not below 0`),
    );
  }
  return read.value < 0
    ? fail(tr(`${what} không được âm`, `${what} cannot be negative`))
    : read.value;
}
const knownNumber = (what: () => string) => cell((value) => readKnownNumber(value, what()));
const optionalNumber = (what: () => string) =>
  cell((value) => (isBlank(value) ? undefined : readKnownNumber(value, what())));
const evidence = () => cell((value) => !isBlank(value) && textKey(value) !== 'không');
const mayNotApply = () => cell((value) => !isBlank(value) && textKey(value) !== 'không');
/** «đã đối chiếu văn bản» → true, «diễn đạt lại…» → false, blank → unknown. */
const certainty = () =>
  cell((value): boolean | undefined | CellProblem => {
    if (isBlank(value)) return undefined;
    const key = textKey(value);
    if (key === textKey(CERTAINTY.verified)) return true;
    if (key.startsWith(textKey('diễn đạt lại'))) return false;
    return fail(
      tr(
        `ghi «${CERTAINTY.verified}», «${CERTAINTY.reworded}» hoặc để trống`,
        `write «${CERTAINTY.verified}» (checked against the legal text), «${CERTAINTY.reworded}» (reworded, to check) or leave it blank`,
      ),
    );
  });

type RequirementCell = Requirement | { kind: 'missing'; missing: Missing };
const PERCENT = /^(?:≥|>=)?\s*(\d+(?:[.,]\d+)?)\s*%?$/;
/** «≥ 50%; vùng khó khăn ≥ 40%»: a share, and the lower one for a unit in a difficult area. */
const PERCENT_HARD =
  /^(?:≥|>=)?\s*(\d+(?:[.,]\d+)?)\s*%?\s*;\s*vùng khó khăn\s*(?:≥|>=)?\s*(\d+(?:[.,]\d+)?)\s*%?$/iu;
const requirement = (level: number) =>
  cell((value): RequirementCell | CellProblem => {
    if (isBlank(value)) {
      return fail(
        tr(
          `chỉ tiêu thiếu yêu cầu ở mức độ ${level}: ghi «${MET_MARK}», một tỷ lệ như «≥ 90%», hoặc yêu cầu riêng của mức độ này`,
          `the indicator has no level ${level} requirement: write «${MET_MARK}», a share such as «≥ 90%», or this level’s own requirement`,
        ),
      );
    }
    const missing = missingFrom(value);
    if (missing) return { kind: 'missing', missing };
    // "90%" typed in Sheets is stored as 0.9; a threshold of 1% or less is no real rule.
    if (typeof value === 'number')
      return { kind: 'percent', min: value <= 1 ? Math.round(value * 100000) / 1000 : value };
    const text = cellText(value);
    if (textKey(text) === textKey(MET_MARK)) return { kind: 'met' };
    const percent = PERCENT.exec(text);
    if (percent?.[1]) return { kind: 'percent', min: Number(percent[1].replace(',', '.')) };
    const hard = PERCENT_HARD.exec(text);
    if (hard?.[1] && hard[2]) {
      return {
        kind: 'percent',
        min: Number(hard[1].replace(',', '.')),
        minHard: Number(hard[2].replace(',', '.')),
      };
    }
    return { kind: 'text', text };
  });

/** The row schemas, built on first use (every Apps Script run loads the bundle; few read criteria). */
function buildSchemas() {
  const max = knownNumber(() => tr('điểm tối đa', 'the maximum'));
  return {
    rubric: z.object({
      code: requiredText(),
      text: requiredText(),
      label: optionalText(),
      basis: optionalText(),
    }),
    rule: z.object({ code: code(), threshold: knownNumber(() => tr('giá trị', 'the value')) }),
    pointsCriterion: z.object({
      code: code(),
      text: requiredText(),
      label: optionalText(),
      max,
      threshold: optionalNumber(() => tr('điểm tối thiểu', 'the minimum')),
      basis: optionalText(),
      certainty: certainty(),
    }),
    levelsCriterion: z.object({
      code: code(),
      text: requiredText(),
      label: optionalText(),
      basis: optionalText(),
      certainty: certainty(),
    }),
    item: z.object({
      code: code(),
      text: knownText(),
      label: optionalText(),
      max,
      evidence: evidence(),
      basis: optionalText(),
      certainty: certainty(),
    }),
    indicator: z.object({
      code: code(),
      text: knownText(),
      label: optionalText(),
      level1: requirement(1),
      level2: requirement(2),
      evidence: evidence(),
      mayNotApply: mayNotApply(),
      basis: optionalText(),
      certainty: certainty(),
    }),
    band: z.object({
      code: code(),
      threshold: optionalNumber(() => tr('ngưỡng điểm', 'the threshold')),
    }),
  };
}
let cachedSchemas: ReturnType<typeof buildSchemas> | undefined;
function schemas(): ReturnType<typeof buildSchemas> {
  cachedSchemas ??= buildSchemas();
  return cachedSchemas;
}

// --- reading: rubrics ---------------------------------------------------------------------------

export interface RubricRead {
  readonly id: string;
  /** The rubric, when it has no problem (it may still hold values to complete). */
  readonly rubric?: Rubric;
  /** Problems to fix, each naming its cell. */
  readonly problems: readonly string[];
  /** Values still marked «CẦN BỔ SUNG», each naming its cell. */
  readonly missing: readonly string[];
  /** Ladders still marked «Cần xác nhận». */
  readonly confirm?: readonly ToConfirm[];
  /**
   * Deadlines marked «CẦN BỔ SUNG», each naming its cell: the title has no such deadline until the
   * province enters it, and it still scores (unlike `missing`).
   */
  readonly deadlinesToEnter?: readonly string[];
}

/** A ladder row still marked «Cần xác nhận»: where, and what it says. */
export interface ToConfirm {
  /** «Trang!Ô: «ladder» (từ …) — why». */
  readonly text: string;
  /** Row and column of its «Xác nhận» cell in the criteria sheet. */
  readonly row: number;
  readonly column: number;
}

interface SheetRow {
  readonly row: number;
  readonly cells: (key: string) => CellValue;
}

/** The provenance fields of a row, only where given (so a rubric reads back as it was written). */
function provenanceOf(row: { basis: string; certainty: boolean | undefined }): Provenance {
  return {
    ...(row.basis ? { basis: row.basis } : {}),
    ...(row.certainty === undefined ? {} : { verified: row.certainty }),
  };
}

function shortLabel(text: Known<string>, fallback: string): string {
  if (isMissing(text)) return fallback;
  return text.length <= 32 ? text : `${text.slice(0, 30).trimEnd()}…`;
}

class RubricReader {
  readonly problems: string[] = [];
  readonly missing: string[] = [];
  readonly confirm: ToConfirm[] = [];
  readonly deadlinesToEnter: string[] = [];
  /** Row of each element, to name the cell of a rubric-wide issue. */
  private readonly rowOf = new Map<string, number>();

  constructor(private readonly located: Located) {}

  column(key: string): number {
    return this.located.columns.get(key) ?? columnOf(this.located, 'code');
  }

  place(row: number, key: string): string {
    const column = this.located.columns.get(key) ?? columnOf(this.located, 'code');
    return cellPlace(CRITERIA_SHEET, row, column);
  }

  problem(row: number, key: string, message: string): void {
    this.problems.push(`${this.place(row, key)}: ${message}.`);
  }

  /** One row through its schema; problems and «CẦN BỔ SUNG» values are noted with their cells. */
  parse<S extends z.ZodMiniObject>(schema: S, row: SheetRow): z.infer<S> | undefined {
    const keys = Object.keys(schema.shape);
    const input = Object.fromEntries(keys.map((key) => [key, row.cells(key)]));
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        this.problem(row.row, String(issue.path[0]), issue.message);
      return undefined;
    }
    for (const key of keys) {
      const missing = missingFrom(row.cells(key));
      if (missing) this.missing.push(`${this.place(row.row, key)}: ${missing.missing}.`);
    }
    return parsed.data as z.infer<S>;
  }

  remember(element: ElementKind, code: string, row: number): void {
    if (!this.rowOf.has(`${element}:${code}`)) this.rowOf.set(`${element}:${code}`, row);
  }

  /** Rubric-wide checks of the domain, placed on the cells they are about. */
  check(rubric: Rubric, firstRow: number): void {
    const columnKey: Record<Field, string> = {
      code: 'code',
      max: 'max',
      threshold: 'threshold',
      items: 'code',
      level1: 'level1',
      level2: 'level2',
    };
    for (const issue of checkRubric(rubric)) {
      const row = this.rowOf.get(`${issue.element}:${issue.code}`) ?? firstRow;
      this.problem(row, columnKey[issue.field], issue.message);
    }
  }
}

function requirementOf(cell: RequirementCell, other: RequirementCell): Requirement {
  if (cell.kind !== 'missing') return cell;
  return other.kind === 'percent'
    ? { kind: 'percent', min: cell.missing }
    : { kind: 'text', text: cell.missing };
}

function readRubric(id: string, rows: readonly SheetRow[], located: Located): RubricRead {
  const reader = new RubricReader(located);
  const first = rows[0] as SheetRow;
  const typeOf = (row: SheetRow) => textKey(row.cells('type'));
  const head = rows.find((row) => typeOf(row) === textKey(ROW_TYPES.rubric));
  if (!head) {
    reader.problem(
      first.row,
      'type',
      tr(
        `bộ tiêu chí «${id}» chưa có dòng «${ROW_TYPES.rubric}» (ghi phương pháp ở cột «Mã», tên ở cột «Nội dung»)`,
        `rubric «${id}» has no «${ROW_TYPES.rubric}» row (method in the «Mã» column, title in «Nội dung»)`,
      ),
    );
    return { id, problems: reader.problems, missing: reader.missing };
  }
  if (!RUBRIC_ID.test(id)) {
    reader.problem(
      head.row,
      'rubric',
      tr(
        'mã bộ tiêu chí chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ, ví dụ TTHTCD_TINH',
        'a rubric id has only unaccented capitals, digits and underscores, starting with a letter, e.g. TTHTCD_TINH',
      ),
    );
  }
  const meta = reader.parse(schemas().rubric, head);
  const method =
    meta && textKey(meta.code) === textKey(METHOD_NAMES.points)
      ? 'points'
      : meta && textKey(meta.code) === textKey(METHOD_NAMES.levels)
        ? 'levels'
        : undefined;
  if (meta && !method) {
    reader.problem(
      head.row,
      'code',
      tr(
        `phương pháp cần là «${METHOD_NAMES.points}» hoặc «${METHOD_NAMES.levels}»`,
        `the method must be «${METHOD_NAMES.points}» (points) or «${METHOD_NAMES.levels}» (levels)`,
      ),
    );
  }

  const pointsCriteria: (Omit<Criterion, 'items'> & { items: Item[] })[] = [];
  const levelCriteria: (Omit<LevelCriterion, 'indicators'> & { indicators: Indicator[] })[] = [];
  /** Bands in order; the fallback band is the one with no threshold. */
  const bands: { label: string; min: Known<number> | undefined; row: number }[] = [];
  const rules = new Map<string, Known<number>>();
  let meeting = false;
  const ladders: (DatedLadder & { row: number })[] = [];
  const deadlines: (Deadline | MissingDeadline)[] = [];
  let noZero = false;
  let target: number | undefined;
  const ruleIs = (row: SheetRow, code: string) =>
    typeOf(row) === textKey(ROW_TYPES.rule) && textKey(row.cells('code')) === textKey(code);
  const deadlineKind = (row: SheetRow) =>
    (Object.keys(DEADLINE_RULES) as DeadlineKind[]).find((kind) =>
      ruleIs(row, DEADLINE_RULES[kind]),
    );
  let holding: { row: number; labels: string[] } | undefined;
  const leafType = method === 'levels' ? ROW_TYPES.indicator : ROW_TYPES.item;
  /** A «Quy tắc» row's number when `valid` takes it; otherwise its cell is named with what is expected. */
  const ruleNumber = (row: SheetRow, valid: (n: number) => boolean, expected: string) => {
    const rule = reader.parse(schemas().rule, row);
    if (rule && typeof rule.threshold === 'number' && valid(rule.threshold)) return rule.threshold;
    if (rule) reader.problem(row.row, 'threshold', expected);
    return undefined;
  };

  for (const row of rows) {
    const type = typeOf(row);
    if (row === head || !method) continue;
    if (type === textKey(ROW_TYPES.criterion)) {
      if (method === 'points') {
        const c = reader.parse(schemas().pointsCriterion, row);
        if (c) {
          reader.remember('criterion', c.code, row.row);
          pointsCriteria.push({
            code: c.code,
            name: c.text,
            label: c.label || shortLabel(c.text, c.code),
            max: c.max,
            ...(c.threshold === undefined ? {} : { min: c.threshold }),
            ...provenanceOf(c),
            items: [],
          });
        }
      } else {
        const c = reader.parse(schemas().levelsCriterion, row);
        if (c) {
          reader.remember('criterion', c.code, row.row);
          levelCriteria.push({
            code: c.code,
            name: c.text,
            label: c.label || shortLabel(c.text, c.code),
            ...provenanceOf(c),
            indicators: [],
          });
        }
      }
    } else if (type === textKey(ROW_TYPES.item) || type === textKey(ROW_TYPES.indicator)) {
      const owner = method === 'points' ? last(pointsCriteria) : last(levelCriteria);
      if (type !== textKey(leafType)) {
        reader.problem(
          row.row,
          'type',
          tr(
            `bộ tiêu chí ${METHOD_NAMES[method].toLowerCase()} dùng dòng «${leafType}»`,
            `a «${METHOD_NAMES[method]}» rubric uses «${leafType}» rows`,
          ),
        );
      } else if (!owner) {
        reader.problem(
          row.row,
          'type',
          tr(
            `dòng «${leafType}» phải nằm dưới một dòng «${ROW_TYPES.criterion}»`,
            `a «${leafType}» row must stand below a «${ROW_TYPES.criterion}» row`,
          ),
        );
      } else if (method === 'points') {
        const i = reader.parse(schemas().item, row);
        if (i) {
          reader.remember('item', i.code, row.row);
          last(pointsCriteria)?.items.push({
            code: i.code,
            text: i.text,
            label: i.label || shortLabel(i.text, i.code),
            max: i.max,
            ...(i.evidence ? { evidenceRequired: true } : {}),
            ...provenanceOf(i),
          });
        }
      } else {
        const i = reader.parse(schemas().indicator, row);
        if (i) {
          reader.remember('indicator', i.code, row.row);
          const levels: [Requirement, Requirement] = [
            requirementOf(i.level1, i.level2),
            requirementOf(i.level2, i.level1),
          ];
          // A share at either level makes it a ratio; checkRubric refuses a mix of kinds.
          last(levelCriteria)?.indicators.push({
            code: i.code,
            text: i.text,
            label: i.label || shortLabel(i.text, i.code),
            measure: levels.some((level) => level.kind === 'percent') ? 'ratio' : 'check',
            levels,
            ...(i.evidence ? { evidenceRequired: true } : {}),
            ...(i.mayNotApply ? { mayNotApply: true } : {}),
            ...provenanceOf(i),
          });
        }
      }
    } else if (type === textKey(ROW_TYPES.band) && method === 'points') {
      const b = reader.parse(schemas().band, row);
      if (b) {
        reader.remember('band', b.code, row.row);
        bands.push({ label: b.code, min: b.threshold, row: row.row });
      }
    } else if (ruleIs(row, LADDER_RULE)) {
      const dated = readLadderRow(reader, row, ladders);
      if (dated) ladders.push(dated);
    } else if (deadlineKind(row)) {
      const kind = deadlineKind(row) as DeadlineKind;
      if (deadlines.some((deadline) => deadline.kind === kind)) {
        reader.problem(
          row.row,
          'code',
          tr(
            `quy tắc ${DEADLINE_RULES[kind]} ghi hai lần`,
            `rule ${DEADLINE_RULES[kind]} is written twice`,
          ),
        );
      } else {
        const deadline = readDeadlineRow(reader, row, kind);
        if (deadline) deadlines.push(deadline);
      }
    } else if (
      type === textKey(ROW_TYPES.rule) &&
      textKey(row.cells('code')) === textKey(HOLDING_RULE)
    ) {
      if (method !== 'points')
        reader.problem(
          row.row,
          'code',
          tr(
            `quy tắc ${HOLDING_RULE} chỉ dùng cho bộ tiêu chí «${METHOD_NAMES.points}»`,
            `the rule ${HOLDING_RULE} belongs to a «${METHOD_NAMES.points}» rubric only`,
          ),
        );
      holding = {
        row: row.row,
        labels: cellText(row.cells('threshold'))
          .split(/[,;]/)
          .map((label) => normalizeText(label))
          .filter(Boolean),
      };
    } else if (
      type === textKey(ROW_TYPES.rule) &&
      textKey(row.cells('code')) === textKey(MEETING_RULE)
    ) {
      const value = ruleNumber(
        row,
        (n) => n === 0 || n === 1,
        tr('ghi 1 (bắt buộc) hoặc 0', 'write 1 (required) or 0'),
      );
      if (value !== undefined) meeting = value === 1;
    } else if (
      type === textKey(ROW_TYPES.rule) &&
      textKey(row.cells('code')) === textKey(NO_ZERO_RULE) &&
      method === 'points'
    ) {
      const value = ruleNumber(
        row,
        (n) => n === 0 || n === 1,
        tr('ghi 1 (áp dụng) hoặc 0', 'write 1 (applies) or 0'),
      );
      if (value !== undefined) noZero = value === 1;
    } else if (
      type === textKey(ROW_TYPES.rule) &&
      textKey(row.cells('code')) === textKey(TARGET_RULE)
    ) {
      target =
        ruleNumber(
          row,
          (n) => n > 0 && n <= 100,
          tr('ghi một tỷ lệ từ 1 đến 100 (%)', 'write a share from 1 to 100 (%)'),
        ) ?? target;
    } else if (type === textKey(ROW_TYPES.rule) && method === 'levels') {
      const r = reader.parse(schemas().rule, row);
      if (r && !Object.values(RULE_CODES).includes(r.code as never)) {
        reader.problem(
          row.row,
          'code',
          tr(
            `quy tắc cần mã ${Object.values(RULE_CODES).join(' hoặc ')}`,
            `a rule needs the code ${Object.values(RULE_CODES).join(' or ')}`,
          ),
        );
      } else if (r && rules.has(r.code)) {
        reader.problem(
          row.row,
          'code',
          tr(`quy tắc ${r.code} ghi hai lần`, `rule ${r.code} is written twice`),
        );
      } else if (r) {
        rules.set(r.code, r.threshold);
        reader.remember(
          'rule',
          r.code === RULE_CODES.wait ? 'monthsBeforeNextLevel' : 'validityMonths',
          row.row,
        );
      }
    } else {
      const allowed =
        method === 'points'
          ? [ROW_TYPES.criterion, ROW_TYPES.item, ROW_TYPES.band]
          : [ROW_TYPES.rule, ROW_TYPES.criterion, ROW_TYPES.indicator];
      reader.problem(
        row.row,
        'type',
        tr(
          `loại dòng cần là một trong: ${allowed.map((t) => `«${t}»`).join(', ')}`,
          `the row type must be one of: ${allowed.map((t) => `«${t}»`).join(', ')}`,
        ),
      );
    }
  }
  if (!meta || !method || reader.problems.length > 0) {
    return { id, problems: reader.problems, missing: reader.missing };
  }

  // A built-in id keeps its title and legal dates: the sheet holds the same legal text.
  const builtIn = findRubric(id);
  const base = {
    id,
    ...(builtIn?.titleKey ? { titleKey: builtIn.titleKey } : {}),
    ...(builtIn?.inForce ? { inForce: builtIn.inForce } : {}),
    title: meta.text,
    legalBasis: meta.basis,
    source: `trang «${CRITERIA_SHEET}»`,
    scoringSheet: meta.label || `Chấm ${id}`,
    ...(meeting ? { meetingBeforeSubmit: true } : {}),
    ...(ladders.length > 0 || deadlines.length > 0
      ? {
          procedure: {
            ladders: ladders.map(({ row: _row, ...dated }) => dated),
            deadlines,
          },
        }
      : {}),
    ...(target === undefined ? {} : { targetPercent: target }),
  };
  let rubric: Rubric;
  if (method === 'points') {
    const fallback = bands.filter((band) => band.min === undefined);
    const lastBand = last(bands);
    if (fallback.length !== 1 || !lastBand || lastBand.min !== undefined) {
      reader.problem(
        lastBand?.row ?? head.row,
        lastBand ? 'threshold' : 'type',
        tr(
          'dòng «Xếp loại» cuối cùng (và chỉ dòng đó) để trống ngưỡng: đó là xếp loại dưới mọi ngưỡng',
          'the last «Xếp loại» row (and only that one) has an empty threshold: it is the band below every threshold',
        ),
      );
      return { id, problems: reader.problems, missing: reader.missing };
    }
    rubric = {
      ...base,
      method,
      criteria: pointsCriteria,
      ...(noZero ? { noZeroCriterion: true } : {}),
      bands: bands
        .slice(0, -1)
        .map(({ label, min }): Band => ({ label, min: min ?? { missing: label } })),
      fallbackBand: lastBand.label,
    };
    if (holding) {
      const labels = bands.map((band) => band.label);
      const unknown = holding.labels.filter(
        (label) => !labels.some((band) => textKey(band) === textKey(label)),
      );
      if (unknown.length > 0 || holding.labels.length === 0) {
        reader.problem(
          holding.row,
          'threshold',
          tr(
            `ghi các xếp loại được công nhận, cách nhau bằng dấu phẩy, trong số: ${labels.join(', ')}${unknown.length > 0 ? ` (không có: ${unknown.join(', ')})` : ''}`,
            `write the bands that hold the title, separated by commas, among: ${labels.join(', ')}${unknown.length > 0 ? ` (not a band: ${unknown.join(', ')})` : ''}`,
          ),
        );
        return { id, problems: reader.problems, missing: reader.missing };
      }
      // The band for a unit that reached no threshold («Chưa đạt») never holds a title.
      if (holding.labels.some((label) => textKey(label) === textKey(lastBand.label))) {
        reader.problem(
          holding.row,
          'threshold',
          tr(
            `xếp loại «${lastBand.label}» không thể được công nhận danh hiệu; ghi trong số: ${labels.slice(0, -1).join(', ')}`,
            `the band «${lastBand.label}» cannot hold the title; write among: ${labels.slice(0, -1).join(', ')}`,
          ),
        );
        return { id, problems: reader.problems, missing: reader.missing };
      }
      const chosen = labels.filter((band) =>
        holding?.labels.some((label) => textKey(label) === textKey(band)),
      );
      // The default, written back as it was, reads as the default.
      const preset = titleResults(rubric);
      const same = chosen.length === preset.length && chosen.every((b) => preset.includes(b));
      if (!same) rubric = { ...rubric, holdingBands: chosen };
    }
  } else {
    for (const [key, what] of [
      [
        RULE_CODES.wait,
        tr('số tháng ở mức độ 1 trước khi xét mức độ 2', 'months at level 1 before level 2'),
      ],
      [RULE_CODES.validity, tr('thời hạn công nhận (tháng)', 'validity of a recognition (months)')],
    ] as const) {
      if (!rules.has(key))
        reader.problem(
          head.row,
          'type',
          tr(
            `thiếu dòng «${ROW_TYPES.rule}» ${key} (${what}); ghi ${MISSING_MARK} nếu chưa biết`,
            `the «${ROW_TYPES.rule}» row ${key} (${what}) is missing; write ${MISSING_MARK} if it is not known`,
          ),
        );
    }
    if (reader.problems.length > 0)
      return { id, problems: reader.problems, missing: reader.missing };
    rubric = {
      ...base,
      method,
      criteria: levelCriteria,
      monthsBeforeNextLevel: rules.get(RULE_CODES.wait) as Known<number>,
      validityMonths: rules.get(RULE_CODES.validity) as Known<number>,
    };
  }
  reader.check(rubric, head.row);
  return reader.problems.length > 0
    ? { id, problems: reader.problems, missing: reader.missing }
    : {
        id,
        rubric,
        problems: [],
        missing: reader.missing,
        confirm: reader.confirm,
        deadlinesToEnter: reader.deadlinesToEnter,
      };
}

/** A CAC_CAP row: the ladder, from when, who decides, whether confirmed; a bad cell is named. */
function readLadderRow(
  reader: RubricReader,
  row: SheetRow,
  earlier: readonly (DatedLadder & { row: number })[],
): (DatedLadder & { row: number }) | undefined {
  const typed = cellText(row.cells('threshold'));
  const named = ladderNamed(typed);
  if (!named) {
    reader.problem(row.row, 'threshold', ladderProblem(typed));
    return undefined;
  }
  const fromCell = row.cells('from');
  const from = isBlank(fromCell) ? null : readDate(fromCell);
  if (from && !from.ok) {
    reader.problem(
      row.row,
      'from',
      tr(
        'cần ngày bắt đầu áp dụng (ngày/tháng/năm), hoặc để trống nếu áp dụng cho mọi ngày',
        'a start date (day/month/year) is expected, or blank for every date',
      ),
    );
    return undefined;
  }
  const day = from ? from.value : null;
  const clash = earlier.find(
    (other) => (other.from?.getTime() ?? null) === (day?.getTime() ?? null),
  );
  if (clash) {
    reader.problem(
      row.row,
      'from',
      tr(
        `hai dòng ${LADDER_RULE} cùng áp dụng từ ${day ? formatDate(day) : 'mọi ngày'} (dòng ${clash.row}); xóa hoặc đổi ngày một dòng`,
        `two ${LADDER_RULE} rows apply from ${day ? formatDate(day) : 'every date'} (row ${clash.row}); delete one or change its date`,
      ),
    );
    return undefined;
  }
  const mark = cellText(row.cells('confirm'));
  const toConfirm = textKey(mark).startsWith(textKey(CONFIRM_MARK));
  const why = normalizeText(mark.slice(CONFIRM_MARK.length).replace(/^\s*[:—–-]\s*/, ''));
  const confirm = toConfirm ? why || CONFIRM_MARK : undefined;
  if (confirm) {
    reader.confirm.push({
      text: `${reader.place(row.row, 'threshold')}: «${typed}»${day ? ` (từ ${formatDate(day)})` : ''}, ${cellText(row.cells('text'))} — ${confirm}`,
      row: row.row,
      column: reader.column('confirm'),
    });
  }
  return {
    from: day,
    ladder: typed,
    decider: cellText(row.cells('text')),
    basis: cellText(row.cells('basis')),
    ...(confirm ? { confirm } : {}),
    row: row.row,
  };
}

/** A HAN_NOP or HAN_QUYET_DINH row: day/month (or «CẦN BỔ SUNG»), year offset, on time or not. */
function readDeadlineRow(
  reader: RubricReader,
  row: SheetRow,
  kind: DeadlineKind,
): Deadline | MissingDeadline | undefined {
  const basis = cellText(row.cells('basis'));
  const missing = missingFrom(row.cells('threshold'));
  if (missing) {
    reader.deadlinesToEnter.push(`${reader.place(row.row, 'threshold')}: ${missing.missing}.`);
    return { kind, missing: missing.missing, basis };
  }
  const dayMonth = readDayMonth(row.cells('threshold'));
  const offset = readNumber(row.cells('yearOffset'));
  const onTime = textKey(row.cells('onTime'));
  let ok = true;
  if (!dayMonth.ok || dayMonth.value === null) {
    ok = false;
    reader.problem(
      row.row,
      'threshold',
      tr(
        `cần ngày/tháng của hạn, ví dụ 28/02 (hoặc ${MISSING_MARK} nếu chưa biết); xóa dòng nếu danh hiệu không có hạn này`,
        `the deadline's day/month is expected, e.g. 28/02 (or ${MISSING_MARK} if unknown); delete the row if the title has no such deadline`,
      ),
    );
  }
  if (!offset.ok || !Number.isInteger(offset.value) || offset.value < 0 || offset.value > 2) {
    ok = false;
    reader.problem(
      row.row,
      'yearOffset',
      tr(
        'cần số năm sau năm đánh giá: 0 (cùng năm), 1 (năm sau) hoặc 2',
        'the years after the assessment year are expected: 0 (same year), 1 (next year) or 2',
      ),
    );
  }
  if (onTime !== textKey(YES_NO.yes) && onTime !== textKey(YES_NO.no)) {
    ok = false;
    reader.problem(
      row.row,
      'onTime',
      tr(
        `ghi «${YES_NO.yes}» nếu nộp đúng ngày hạn vẫn kịp («đến hết ngày», «chậm nhất»), «${YES_NO.no}» nếu phải trước ngày đó («trước ngày»)`,
        `write «${YES_NO.yes}» when the day itself is on time, «${YES_NO.no}» when only the days before it are («trước ngày»)`,
      ),
    );
  }
  if (!ok || !dayMonth.ok || !dayMonth.value || !offset.ok) return undefined;
  return {
    kind,
    day: dayMonth.value.day,
    month: dayMonth.value.month,
    yearOffset: offset.value,
    onTime: onTime === textKey(YES_NO.yes),
    basis,
  };
}

/** Every rubric written in the criteria sheet (one read), in the order they appear; none without the sheet. */
export function readCriteria(workbook: WorkbookPort): RubricRead[] | undefined {
  const sheet = workbook.sheet(CRITERIA_SHEET);
  if (!sheet) return undefined;
  return criteriaFromValues(sheet.readValues());
}

/**
 * The rubrics of the criteria sheet's values, header row first: what a custom formula is given when
 * the criteria range is its argument (so that Sheets recalculates it after any edit there).
 */
export function criteriaFromValues(sheetValues: readonly (readonly CellValue[])[]): RubricRead[] {
  const [header = [], ...rows] = sheetValues;
  const located = locateRequired(CRITERIA_SHEET, header, CRITERIA_COLUMNS);
  const groups = new Map<string, SheetRow[]>();
  rows.forEach((values, i) => {
    const id = cellText(values[columnOf(located, 'rubric') - 1]).toUpperCase();
    if (id === '') return;
    const row: SheetRow = {
      row: i + 2,
      cells: (key) => {
        const column = located.columns.get(key);
        return column === undefined ? '' : (values[column - 1] ?? '');
      },
    };
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  });
  const reads = [...groups].map(([id, group]) => readRubric(id, group, located));
  return reads.map((read, i) => {
    const sheetName = read.rubric?.scoringSheet;
    if (!sheetName) return read;
    const clash = RESERVED_SHEETS.some((name) => textKey(name) === textKey(sheetName))
      ? tr('trùng tên một trang của XHHT', 'is the name of one of XHHT’s own sheets')
      : reads
            .slice(0, i)
            .some((other) => textKey(other.rubric?.scoringSheet) === textKey(sheetName))
        ? tr(
            'đã là trang chấm của một bộ tiêu chí khác',
            'is already the scoring sheet of another rubric',
          )
        : '';
    if (!clash) return read;
    const head = groups
      .get(read.id)
      ?.find((row) => textKey(row.cells('type')) === textKey(ROW_TYPES.rubric));
    const place = cellPlace(CRITERIA_SHEET, head?.row ?? 2, columnOf(located, 'label'));
    const problem = tr(
      `${place}: tên trang chấm «${sheetName}» ${clash}; hãy đặt tên khác ở cột «Tên ngắn».`,
      `${place}: the scoring sheet name «${sheetName}» ${clash}; choose another in the «Tên ngắn» column.`,
    );
    return { id: read.id, problems: [problem], missing: read.missing };
  });
}
