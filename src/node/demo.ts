import { type CellValue, cellText } from '../domain/cells';
import { ANSWERS, HARD_AREA_ANSWERS, type InputPart, indicatorInputs } from '../domain/levels';
import { formatDate } from '../domain/recognition';
import {
  type Indicator,
  known,
  type LevelsRubric,
  type Requirement,
  type Rubric,
} from '../domain/rubric';
import { TT24_2023_DVHT_HUYEN } from '../domain/rubrics/tt24-2023-dvht';
import { TT25_2023_CDHT_XA } from '../domain/rubrics/tt25-2023-cdht-xa';
import { PERIOD_NAMES, type Settings } from '../domain/settings';
import { actionLabel } from '../domain/workflow';
import { type ActRequest, act } from '../sheets/act';
import { readAudit } from '../sheets/audit-log';
import { readCriteria, TARGET_RULE } from '../sheets/criteria-sheet';
import { exportRecognised } from '../sheets/export-recognised';
import {
  CRITERIA_COLUMNS,
  CRITERIA_SHEET,
  MEETING_KEYS,
  scoringColumns,
  UNIT_COLUMNS,
  UNITS_SHEET,
} from '../sheets/layout';
import { type SendReport, sendOutbox } from '../sheets/outbox';
import { PEOPLE_SHEET } from '../sheets/people-sheet';
import { queueReminders } from '../sheets/reminders';
import { type ScoreAllReport, scoreAll } from '../sheets/score-all';
import { setUp } from '../sheets/set-up';
import { readSettings, writeSetting } from '../sheets/settings-sheet';
import { composeSummary, queueSummary } from '../sheets/summary-report';
import { columnOf, locateColumns } from '../sheets/table';
import { ladderFor } from '../sheets/unit-state';
import { workflowRows } from '../sheets/workflow-rows';
import { EmlMailer } from './eml-mailer';
import { offlinePorts } from './offline';
import { inHanoiTime } from './time-zone';
import { XlsxWorkbook } from './xlsx-workbook';

/**
 * The demo province tells a true year (issue 10): Hà Tĩnh's cụm II of the seed article (Thạch Hà,
 * Cẩm Xuyên, TP Hà Tĩnh, TX Kỳ Anh), district-level learning units under TT 24/2023 and communes
 * (CĐHT cấp xã) under TT 25/2023, every name a sample and marked «(mẫu)». Assessment year 2024:
 * submitted and decided within each title's deadlines, under the pre-reform deciders the built-in
 * ladders name, each step by the officer of the right role and scope; then a short 2025 cycle,
 * submitted after 01/07/2025, under the ladders still marked «Cần xác nhận». A unit whose result does
 * not meet its title is refused at submission, naming the result cell; none is recognised.
 * Deterministic for a given seed and date.
 */

export const DEMO_PROVINCE = 'Hà Tĩnh (dữ liệu mẫu)';
/**
 * The day the demo stands on, 10:00 in Hà Nội (`xhht demo --date`): fixed, so the demo writes the
 * same workbook, reports and mail on every machine and every day, as the docs show them.
 */
export const DEMO_DATE = new Date(Date.UTC(2026, 2, 20, 3, 0, 0));
/** The assessment year the demo walks whole; the 2025 cycle follows it. */
export const DEMO_YEAR = 2024;
export const DEMO_DISTRICTS = ['Thạch Hà', 'Cẩm Xuyên', 'TP Hà Tĩnh', 'TX Kỳ Anh'] as const;
/** The seed's cluster: «cụm số II gồm các huyện Thạch Hà, Cẩm Xuyên, TP Hà Tĩnh và thị xã Kỳ Anh». */
export const DEMO_CLUSTER = 'II';
export const DEMO_UNIT_RUBRIC = TT24_2023_DVHT_HUYEN;
export const DEMO_COMMUNE_RUBRIC = TT25_2023_CDHT_XA;

/** The communes and wards of each district (names before the 2025 mergers). */
const PLACES: Readonly<Record<(typeof DEMO_DISTRICTS)[number], readonly string[]>> = {
  'Thạch Hà': [
    'Xã Thạch Long',
    'Xã Thạch Sơn',
    'Xã Thạch Kênh',
    'Xã Thạch Liên',
    'Xã Thạch Đài',
    'Xã Thạch Xuân',
    'Xã Thạch Hội',
    'Xã Thạch Văn',
    'Xã Thạch Lạc',
    'Xã Thạch Trị',
    'Xã Thạch Ngọc',
    'Xã Thạch Thắng',
    'Xã Thạch Khê',
    'Xã Thạch Hải',
  ],
  'Cẩm Xuyên': [
    'Xã Cẩm Bình',
    'Xã Cẩm Vịnh',
    'Xã Cẩm Thành',
    'Xã Cẩm Quang',
    'Xã Cẩm Thạch',
    'Xã Cẩm Duệ',
    'Xã Cẩm Hưng',
    'Xã Cẩm Mỹ',
    'Xã Cẩm Thịnh',
    'Xã Cẩm Lạc',
    'Xã Cẩm Minh',
    'Xã Cẩm Trung',
    'Xã Cẩm Dương',
    'Xã Cẩm Lĩnh',
  ],
  'TP Hà Tĩnh': [
    'Phường Bắc Hà',
    'Phường Nam Hà',
    'Phường Tân Giang',
    'Phường Trần Phú',
    'Phường Đại Nài',
    'Phường Nguyễn Du',
    'Phường Thạch Linh',
    'Phường Văn Yên',
    'Phường Hà Huy Tập',
    'Phường Thạch Quý',
    'Phường Thạch Trung',
    'Xã Thạch Hạ',
    'Xã Đồng Môn',
    'Xã Thạch Hưng',
  ],
  'TX Kỳ Anh': [
    'Phường Sông Trí',
    'Phường Hưng Trí',
    'Phường Kỳ Trinh',
    'Phường Kỳ Thịnh',
    'Phường Kỳ Long',
    'Phường Kỳ Liên',
    'Phường Kỳ Phương',
    'Xã Kỳ Hà',
    'Xã Kỳ Hoa',
    'Xã Kỳ Ninh',
    'Xã Kỳ Lợi',
    'Xã Kỳ Nam',
    'Xã Kỳ Hưng',
    'Xã Kỳ Tân',
  ],
};

/** The units of a district, by index: what they are, and so which indicators do not concern them. */
const UNIT_KINDS = [
  'Trường Tiểu học',
  'Trường Mầm non',
  'Trường THCS',
  'Trạm Y tế',
  'Hợp tác xã nông nghiệp',
  'Trường Tiểu học',
  'Trung tâm GDNN-GDTX',
  'Trường THCS',
] as const;
type UnitKind = (typeof UNIT_KINDS)[number];
const KIND_GROUP: Readonly<Record<UnitKind, string>> = {
  'Trường Mầm non': 'Trường học',
  'Trường Tiểu học': 'Trường học',
  'Trường THCS': 'Trường học',
  'Trạm Y tế': 'Đơn vị sự nghiệp',
  'Hợp tác xã nông nghiệp': 'Tổ chức kinh tế',
  'Trung tâm GDNN-GDTX': 'Cơ sở giáo dục nghề nghiệp',
};
const UNITS_PER_DISTRICT = UNIT_KINDS.length;
const COMMUNES_PER_DISTRICT = 10;

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoUnit {
  readonly code: string;
  readonly name: string;
  readonly district: string;
  /** The commune or ward («Xã / phường»): a «xã» officer scoped to it acts on the unit. */
  readonly commune: string;
  readonly kind: string;
}

const placeName = (place: string) => place.replace(/^(Xã|Phường) /, '');
/** «Xã Thạch Văn» as it reads inside a sentence: «xã Thạch Văn». */
const inSentence = (place: string) => place.replace(/^Xã /, 'xã ').replace(/^Phường /, 'phường ');

export function demoUnits(): DemoUnit[] {
  return DEMO_DISTRICTS.flatMap((district, d) =>
    UNIT_KINDS.map((kind, i) => {
      const commune = PLACES[district][i] ?? '';
      const name =
        kind === 'Trung tâm GDNN-GDTX'
          ? `${kind} ${district}`
          : kind === 'Trạm Y tế'
            ? `${kind} ${commune.toLowerCase().startsWith('phường') ? 'phường' : 'xã'} ${placeName(commune)}`
            : `${kind} ${placeName(commune)}`;
      return {
        code: `HT${d + 1}${String(i + 1).padStart(2, '0')}`,
        name: `${name} (mẫu)`,
        district,
        commune,
        kind: KIND_GROUP[kind],
      };
    }),
  );
}

export function demoCommunes(): DemoUnit[] {
  return DEMO_DISTRICTS.flatMap((district, d) =>
    PLACES[district].slice(0, COMMUNES_PER_DISTRICT).map((commune, i) => ({
      code: `XA${d + 1}${String(i + 1).padStart(2, '0')}`,
      name: `${commune} (mẫu)`,
      district,
      commune,
      kind: commune.startsWith('Phường') ? 'Phường' : 'Xã',
    })),
  );
}

/** How each unit fares, by its index in its district: the story the numbers tell. */
type Tier = 1 | 2 | 'fail';
const tierOf = (i: number, top: readonly number[], fail: readonly number[]): Tier =>
  fail.includes(i) ? 'fail' : top.includes(i) ? 2 : 1;
/** Units at «Mức độ 2», and those that fail TT 24/2023 (indicator 2.5 below 90%). */
const UNIT_TOP = [0, 3];
const UNIT_FAIL = [5];
const UNIT_FAIL_INDICATOR = '2.5';
/** Communes at «Mức độ 2», those that fail TT 25/2023 (indicator 5.1 below 60%), those in a difficult area. */
const COMMUNE_TOP = [0, 5];
const COMMUNE_FAIL = [3];
const COMMUNE_FAIL_INDICATOR = '5.1';
const COMMUNE_HARD = [2, 7];

/** The mistakes typed into some unit rows, by unit index: what the error column must catch. */
export const DEMO_MISTAKES: ReadonlyMap<
  number,
  { indicator: string; part: InputPart; value: CellValue; valid: boolean }
> = new Map([
  [4, { indicator: '2.1', part: 'count' as const, value: 'ba mươi', valid: false }],
  [12, { indicator: '2.2', part: 'count' as const, value: 999, valid: false }],
  [20, { indicator: '1.1', part: 'answer' as const, value: 'dat', valid: true }],
  [28, { indicator: '1.4', part: 'answer' as const, value: 'Đ', valid: false }],
]);
/** A unit whose officer has not typed anything. */
export const DEMO_NOT_ENTERED = 18;

/** Whether an indicator concerns a unit of this kind (TT 24/2023: «Không áp dụng» otherwise). */
function concerns(indicator: Indicator, kind: UnitKind | undefined): boolean {
  if (kind === undefined) return true;
  switch (indicator.code) {
    case '1.3':
    case '2.4':
      return kind !== 'Hợp tác xã nông nghiệp';
    case '3.1b':
    case '3.5':
      return kind === 'Trung tâm GDNN-GDTX';
    case '3.4':
      return kind === 'Trường Tiểu học' || kind === 'Trường THCS';
    default:
      return true;
  }
}

const minOf = (requirement: Requirement | undefined, hard: boolean) =>
  requirement?.kind === 'percent'
    ? ((hard ? requirement.minHard : undefined) ?? known(requirement.min) ?? 0)
    : 0;

/**
 * One row of answers for a levels rubric: a unit at `tier` (2: every indicator at mức độ 2; 1: at mức
 * độ 1, its shares between the two; 'fail': `failing` below mức độ 1), counts around the thresholds.
 */
function answers(
  rubric: LevelsRubric,
  next: () => number,
  tier: Tier,
  failing: string,
  options: { kind?: UnitKind; hard?: boolean; totals: [number, number] },
): CellValue[] {
  const row: CellValue[] = [];
  let total = 0;
  for (const { indicator, part } of indicatorInputs(rubric)) {
    const applies = concerns(indicator, options.kind);
    const fails = tier === 'fail' && indicator.code === failing;
    const [low, high] = options.totals;
    switch (part) {
      case 'hardArea':
        row.push(options.hard ? HARD_AREA_ANSWERS.yes : HARD_AREA_ANSWERS.no);
        break;
      case 'answer':
      case 'level1':
        row.push(!applies ? ANSWERS.notApplicable : fails ? ANSWERS.notMet : ANSWERS.met);
        break;
      case 'level2':
        row.push(!applies ? ANSWERS.notApplicable : tier === 2 ? ANSWERS.met : ANSWERS.notMet);
        break;
      case 'count': {
        if (!applies) {
          row.push(ANSWERS.notApplicable);
          total = -1;
          break;
        }
        total = low + Math.floor((high - low) * next());
        const at = (level: 0 | 1) =>
          Math.ceil((total * minOf(indicator.levels[level], options.hard ?? false)) / 100);
        const [one, two] = [at(0), at(1)];
        const count = fails
          ? Math.max(0, one - 1 - Math.floor(3 * next()))
          : tier === 2
            ? two + Math.floor((total - two) * 0.5 * next())
            : one + Math.floor(Math.max(0, two - one) * next());
        row.push(Math.min(count, total));
        break;
      }
      case 'total':
        row.push(total < 0 ? '' : total);
        break;
    }
  }
  return row;
}

/** The answers of every unit (TT 24/2023), with the typing mistakes and the unit not entered. */
export function demoUnitAnswers(rubric: LevelsRubric, seed: number): CellValue[][] {
  const next = random(seed);
  const inputs = indicatorInputs(rubric);
  return demoUnits().map((_, u) => {
    const i = u % UNITS_PER_DISTRICT;
    if (u === DEMO_NOT_ENTERED) return inputs.map(() => '');
    const row = answers(rubric, next, tierOf(i, UNIT_TOP, UNIT_FAIL), UNIT_FAIL_INDICATOR, {
      kind: UNIT_KINDS[i],
      totals: UNIT_KINDS[i] === 'Trung tâm GDNN-GDTX' ? [400, 900] : [24, 80],
    });
    const mistake = DEMO_MISTAKES.get(u);
    if (mistake) {
      const at = inputs.findIndex(
        (input) => input.indicator.code === mistake.indicator && input.part === mistake.part,
      );
      if (at >= 0) row[at] = mistake.value;
    }
    return row;
  });
}

/** The answers of every commune (TT 25/2023): citizens counted in thousands, some in a difficult area. */
export function demoCommuneAnswers(rubric: LevelsRubric, seed: number): CellValue[][] {
  const next = random(seed);
  return demoCommunes().map((_, c) => {
    const i = c % COMMUNES_PER_DISTRICT;
    return answers(rubric, next, tierOf(i, COMMUNE_TOP, COMMUNE_FAIL), COMMUNE_FAIL_INDICATOR, {
      hard: COMMUNE_HARD.includes(i),
      totals: [2500, 9000],
    });
  });
}

/** Whether the demo means unit `index` of its district (TT 24) or commune (TT 25) to fail its title. */
export function failsByDesign(title: 'unit' | 'commune', code: string): boolean {
  const i = Number(code.slice(3)) - 1;
  return (title === 'unit' ? UNIT_FAIL : COMMUNE_FAIL).includes(i);
}

export interface DemoStep {
  readonly day: Date;
  /** Who acted: one officer, or the officers of a role («mỗi đơn vị tự gửi»). */
  readonly who: string;
  readonly what: string;
  readonly done: number;
  readonly refused: readonly { readonly code: string; readonly reason: string }[];
  /** The ladder the units climb, and whether the province has still to confirm it. */
  readonly ladder: string;
  readonly confirm: boolean;
  /** The assessment year of the cycle. */
  readonly year: number;
}

export interface DemoResult {
  readonly workbook: XlsxWorkbook;
  readonly units: readonly DemoUnit[];
  readonly communes: readonly DemoUnit[];
  readonly report: ScoreAllReport;
  readonly steps: readonly DemoStep[];
  /** The outbox, sent into .eml messages the caller writes with `writeAll`. */
  readonly mailer: EmlMailer;
  readonly sent: SendReport;
  /** This morning's summary, as the committee receives it. */
  readonly summary: ReturnType<typeof composeSummary>;
  /** Rows written to «Đã công nhận». */
  readonly exported: number;
  /** A unit of the 2025 cycle still waiting for its commune's review: a step to try next. */
  readonly next?: { readonly code: string; readonly reviewer: string };
}

const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The demo's people, each with the role and scope of «Người dùng»: a unit's own officer (đơn vị, its
 * code), a commune's (xã, the commune), per district the Phòng GD&ĐT (reviews; its head decides the
 * communes) and the UBND huyện (decides the units), the Sở GD&ĐT's officer for cụm II and its
 * director (the whole province), the administrator and the committee.
 */
export const demoPeople = {
  unit: (code: string) => `donvi.${code.toLowerCase()}@example.org`,
  commune: (commune: string) => `${slug(commune)}@example.org`,
  office: (district: string) => `phonggddt.${slug(district)}@example.org`,
  council: (district: string) => `ubnd.${slug(district)}@example.org`,
  cluster: 'cum2.sogddt@example.org',
  province: 'giamdoc.sogddt@example.org',
  admin: 'quantri@example.org',
  committee: ['bcd.tinh@example.org', 'hoi.khuyenhoc@example.org'],
};

/** A day of the story at 10:00 in Hà Nội. */
const on = (day: number, month: number, year: number) =>
  new Date(Date.UTC(year, month - 1, day, 3, 0, 0));

/** The days of the story, each inside its title's deadlines (TT 24: 15/01 and 15/02; TT 25: 28/02 and 31/03). */
export const DEMO_DAYS = {
  setUp: on(1, 3, 2024),
  register: on(4, 3, 2024),
  units: {
    submit: on(6, 1, 2025),
    return: on(8, 1, 2025),
    resubmit: on(10, 1, 2025),
    review: on(20, 1, 2025),
    decide: on(10, 2, 2025),
  },
  communes: {
    meeting: on(20, 1, 2025),
    submit: on(10, 2, 2025),
    return: on(14, 2, 2025),
    resubmit: on(20, 2, 2025),
    review: on(5, 3, 2025),
    decide: on(25, 3, 2025),
  },
  nextYear: on(3, 9, 2025),
  register2025: on(15, 9, 2025),
  units2025: { submit: on(5, 1, 2026), review: on(12, 1, 2026), decide: on(10, 2, 2026) },
  communes2025: {
    meeting: on(6, 2, 2026),
    submit: on(20, 2, 2026),
    review: on(6, 3, 2026),
    decide: on(17, 3, 2026),
  },
  summary: on(2, 3, 2026),
} as const;

/**
 * Builds the demo province through the same use cases as the menu, then walks assessment year 2024
 * and the start of 2025, each step by its own officer on its own day, runs the morning mail
 * (reminders, summary), exports the recognised units and sends the outbox into .eml messages.
 * A `now` before the story's last day cuts the story there.
 */
/**
 * The demo in Hà Nội time, as every xhht command runs (cli.ts): its log times and «today» read the
 * same whatever the computer's zone, and the same in-process as through `xhht demo`.
 */
export function runDemo(options: { seed?: number; now?: Date } = {}): DemoResult {
  return inHanoiTime(() => runDemoHere(options));
}

function runDemoHere(options: { seed?: number; now?: Date }): DemoResult {
  const now = options.now ?? DEMO_DATE;
  const seed = options.seed ?? 2026;
  const days = DEMO_DAYS;
  const workbook = new XlsxWorkbook();
  const first = now < days.setUp ? now : days.setUp;
  const admin = (day: Date) => offlinePorts(workbook, { now: day, user: demoPeople.admin });
  const units = demoUnits();
  const communes = demoCommunes();

  setUp(admin(first), DEMO_UNIT_RUBRIC.id);
  setUp(admin(first), DEMO_COMMUNE_RUBRIC.id);
  const criteria = workbook.sheet(CRITERIA_SHEET);
  if (!criteria) throw new Error('set-up did not create the criteria sheet');
  // The province's target for learning units: QĐ 387/QĐ-TTg's 80% (REGULATIONS.md §5.2), as a rule row.
  criteria.writeValues(criteria.readValues().length + 1, 1, [
    CRITERIA_COLUMNS.map(
      (spec) =>
        ({
          rubric: DEMO_UNIT_RUBRIC.id,
          type: 'Quy tắc',
          code: TARGET_RULE,
          text: 'Chỉ tiêu của tỉnh mẫu: 80% đơn vị được công nhận (theo QĐ 387/QĐ-TTg)',
          threshold: 80,
        })[spec.key] ?? '',
    ),
  ]);
  const settings: [keyof Settings, CellValue][] = [
    ['province', DEMO_PROVINCE],
    ['year', DEMO_YEAR],
    ['summaryTo', demoPeople.committee.join(', ')],
    ['summaryPeriod', PERIOD_NAMES.daily],
    ['escalateAfterDays', 10],
  ];
  for (const [key, value] of settings) writeSetting(workbook, key, value);

  const unitSheet = workbook.sheet(UNITS_SHEET);
  if (!unitSheet) throw new Error('set-up did not create the units sheet');
  const unitColumns = locateColumns(unitSheet.readValues()[0] ?? [], UNIT_COLUMNS);
  const unitRow = (unit: DemoUnit, rubricId: string): CellValue[] => {
    const row: CellValue[] = UNIT_COLUMNS.map(() => '');
    const put = (key: string, value: string) => {
      const column = unitColumns.columns.get(key);
      if (column !== undefined) row[column - 1] = value;
    };
    put('code', unit.code);
    put('name', unit.name);
    put('district', unit.district);
    put('commune', unit.commune);
    put('cluster', DEMO_CLUSTER);
    put('kind', unit.kind);
    put('rubrics', rubricId);
    return row;
  };
  unitSheet.writeValues(2, 1, [
    ...units.map((unit) => unitRow(unit, DEMO_UNIT_RUBRIC.id)),
    ...communes.map((unit) => unitRow(unit, DEMO_COMMUNE_RUBRIC.id)),
  ]);
  const people = workbook.sheet(PEOPLE_SHEET);
  if (!people) throw new Error('set-up did not create the people sheet');
  people.writeValues(2, 1, [
    ...units.map((unit) => [demoPeople.unit(unit.code), 'đơn vị', unit.code]),
    ...communes.map((unit) => [demoPeople.commune(unit.commune), 'xã', unit.commune]),
    ...DEMO_DISTRICTS.flatMap((district) => [
      [demoPeople.office(district), 'huyện', district],
      [demoPeople.council(district), 'huyện', district],
    ]),
    [demoPeople.cluster, 'tỉnh', `Cụm ${DEMO_CLUSTER}`],
    [demoPeople.province, 'tỉnh', ''],
    [demoPeople.admin, 'quản trị', ''],
  ]);
  setUp(admin(first), DEMO_UNIT_RUBRIC.id);
  setUp(admin(first), DEMO_COMMUNE_RUBRIC.id);
  const read = readCriteria(workbook) ?? [];
  const rubricOf = (id: string) => {
    const rubric = read.find((entry) => entry.id === id)?.rubric;
    if (rubric?.method !== 'levels') throw new Error(`the demo could not read ${id}`);
    return rubric;
  };
  const tt24 = rubricOf(DEMO_UNIT_RUBRIC.id);
  const tt25 = rubricOf(DEMO_COMMUNE_RUBRIC.id);

  typeInputs(workbook, tt24, demoUnitAnswers(tt24, seed));
  typeInputs(workbook, tt25, demoCommuneAnswers(tt25, seed + 1));
  typeMeetings(workbook, tt25, communes);
  scoreAll(admin(first));

  const steps: DemoStep[] = [];
  /** One step on one day: each officer acts on the units of `codes` it is given. */
  const walk = (
    day: Date,
    who: string,
    sheet: LevelsRubric,
    acting: readonly (readonly [string, readonly string[]])[],
    request: ActRequest,
    submitted: Date,
  ) => {
    if (day > now) return;
    const refused: { code: string; reason: string }[] = [];
    let done = 0;
    for (const [email, codes] of acting) {
      if (codes.length === 0) continue;
      const report = act(offlinePorts(workbook, { now: day, user: email }), request, {
        sheet: sheet.scoringSheet,
        rows: rowsOf(workbook, sheet, codes),
      });
      done += report.done.length;
      refused.push(...report.refused);
    }
    if (done + refused.length === 0) return;
    const ladder = ladderFor(sheet, readSettings(workbook, day), submitted);
    steps.push({
      day,
      who,
      what: `${actionLabel(request.action)} — ${sheet.title}`,
      done,
      refused,
      ladder: ladder.label,
      confirm: ladder.warning !== undefined,
      year: readSettings(workbook, day).year,
    });
  };
  const byUnit = (codes: readonly string[]) =>
    codes.map((code) => [demoPeople.unit(code), [code]] as const);
  const byCommune = (members: readonly DemoUnit[]) =>
    members.map((unit) => [demoPeople.commune(unit.commune), [unit.code]] as const);
  const perDistrict = (
    members: readonly DemoUnit[],
    email: (district: string) => string,
    pick: (codes: string[]) => string[],
  ) =>
    DEMO_DISTRICTS.map(
      (district) =>
        [
          email(district),
          pick(members.filter((unit) => unit.district === district).map((unit) => unit.code)),
        ] as const,
    );
  const waiting = (sheet: LevelsRubric, step: number, day: Date) =>
    waitingAt(workbook, sheet, day, step);

  // 2024: the last unit and commune of each district do not register; they take part in 2025.
  const lastOf = (members: readonly DemoUnit[], per: number) =>
    members.filter((_, i) => i % per === per - 1);
  const units2024 = units.filter((u) => !lastOf(units, UNITS_PER_DISTRICT).includes(u));
  const communes2024 = communes.filter((c) => !lastOf(communes, COMMUNES_PER_DISTRICT).includes(c));
  const u = days.units;
  const c = days.communes;
  walk(
    days.register,
    'mỗi đơn vị',
    tt24,
    byUnit(units2024.map((x) => x.code)),
    { action: 'register' },
    days.register,
  );
  walk(
    days.register,
    'mỗi xã, phường',
    tt25,
    byCommune(communes2024),
    { action: 'register' },
    days.register,
  );

  // TT 24/2023 units: each sends its own dossier to the Phòng GD&ĐT before 15/01/2025.
  walk(
    u.submit,
    'mỗi đơn vị',
    tt24,
    byUnit(units2024.map((x) => x.code)),
    { action: 'submit' },
    u.submit,
  );
  const returnedUnits = DEMO_DISTRICTS.map((district) =>
    waiting(tt24, 0, u.return).find((code) =>
      units.some((x) => x.code === code && x.district === district),
    ),
  ).filter((code): code is string => code !== undefined);
  const returnComment = 'Thiếu biên bản tự đánh giá có chữ ký; bổ sung rồi gửi lại.';
  walk(
    u.return,
    'Phòng GD&ĐT từng huyện',
    tt24,
    perDistrict(units, demoPeople.office, (codes) =>
      codes.filter((code) => returnedUnits.includes(code)),
    ),
    { action: 'return', comment: returnComment },
    u.submit,
  );
  walk(
    u.resubmit,
    'đơn vị bị trả lại',
    tt24,
    byUnit(returnedUnits),
    { action: 'submit' },
    u.resubmit,
  );
  walk(
    u.review,
    'Phòng GD&ĐT từng huyện (thẩm định)',
    tt24,
    perDistrict(units, demoPeople.office, (codes) =>
      codes.filter((code) => waiting(tt24, 0, u.review).includes(code)),
    ),
    { action: 'approve' },
    u.submit,
  );
  // The Chủ tịch UBND huyện decides before 15/02/2025; one unit of Thạch Hà is not recognised.
  const toDecide = waiting(tt24, 1, u.decide);
  const refusedUnit = toDecide.find((code) => code.startsWith('HT1'));
  walk(
    u.decide,
    'Chủ tịch UBND huyện Thạch Hà',
    tt24,
    [[demoPeople.council(DEMO_DISTRICTS[0]), refusedUnit ? [refusedUnit] : []]],
    {
      action: 'refuse',
      comment: 'Kiểm tra thực tế: số thành viên đạt «Lao động tiên tiến» không khớp hồ sơ.',
    },
    u.submit,
  );
  DEMO_DISTRICTS.forEach((district, d) => {
    walk(
      u.decide,
      `Chủ tịch UBND ${/^T[PX] /.test(district) ? district : `huyện ${district}`}`,
      tt24,
      [
        [
          demoPeople.council(district),
          toDecide.filter((code) => code !== refusedUnit && code.startsWith(`HT${d + 1}`)),
        ],
      ],
      { action: 'recognise', decision: { number: `${112 + d}/QĐ-UBND`, date: u.decide } },
      u.submit,
    );
  });

  // TT 25/2023 communes: agreed in a meeting, sent before 28/02/2025, decided before 31/03/2025.
  walk(c.submit, 'mỗi xã, phường', tt25, byCommune(communes2024), { action: 'submit' }, c.submit);
  const returnedCommunes = DEMO_DISTRICTS.map((district) =>
    waiting(tt25, 0, c.return).find((code) =>
      communes.some((x) => x.code === code && x.district === district),
    ),
  ).filter((code): code is string => code !== undefined);
  walk(
    c.return,
    'Phòng GD&ĐT từng huyện',
    tt25,
    perDistrict(communes, demoPeople.office, (codes) =>
      codes.filter((code) => returnedCommunes.includes(code)),
    ),
    { action: 'return', comment: 'Thiếu biên bản họp thống nhất có chữ ký; bổ sung rồi gửi lại.' },
    c.submit,
  );
  walk(
    c.resubmit,
    'xã, phường bị trả lại',
    tt25,
    byCommune(communes.filter((x) => returnedCommunes.includes(x.code))),
    { action: 'submit' },
    c.resubmit,
  );
  walk(
    c.review,
    'Hội đồng cấp huyện (thẩm định)',
    tt25,
    perDistrict(communes, demoPeople.office, (codes) =>
      codes.filter((code) => waiting(tt25, 0, c.review).includes(code)),
    ),
    { action: 'approve' },
    c.submit,
  );
  const communesToDecide = waiting(tt25, 1, c.decide);
  DEMO_DISTRICTS.forEach((district, d) => {
    walk(
      c.decide,
      `Trưởng phòng GD&ĐT ${district}`,
      tt25,
      [
        [
          demoPeople.office(district),
          communesToDecide.filter((code) => code.startsWith(`XA${d + 1}`)),
        ],
      ],
      { action: 'recognise', decision: { number: `${25 + d}/QĐ-PGDĐT`, date: c.decide } },
      c.submit,
    );
  });

  // 2025: the province moves to the new assessment year; the units that waited take part, after the
  // reform of 01/07/2025, under the ladders no text names yet («Cần xác nhận»).
  if (days.nextYear <= now) writeSetting(workbook, 'year', DEMO_YEAR + 1);
  const late = [units[UNITS_PER_DISTRICT - 1], units[2 * UNITS_PER_DISTRICT - 1]].filter(
    (x): x is DemoUnit => x !== undefined,
  );
  const lateCommunes = [
    communes[COMMUNES_PER_DISTRICT - 1],
    communes[2 * COMMUNES_PER_DISTRICT - 1],
  ].filter((x): x is DemoUnit => x !== undefined);
  const u2 = days.units2025;
  const c2 = days.communes2025;
  walk(
    days.register2025,
    'đơn vị của chu kỳ 2025',
    tt24,
    byUnit(late.map((x) => x.code)),
    { action: 'register' },
    days.register2025,
  );
  walk(
    days.register2025,
    'xã của chu kỳ 2025',
    tt25,
    byCommune(lateCommunes),
    { action: 'register' },
    days.register2025,
  );
  walk(
    u2.submit,
    'đơn vị của chu kỳ 2025',
    tt24,
    byUnit(late.map((x) => x.code)),
    { action: 'submit' },
    u2.submit,
  );
  const [decidedLate, pendingLate] = late;
  if (decidedLate) {
    walk(
      u2.review,
      `UBND ${inSentence(decidedLate.commune)} (thẩm định)`,
      tt24,
      [[demoPeople.commune(decidedLate.commune), [decidedLate.code]]],
      { action: 'approve' },
      u2.submit,
    );
    walk(
      u2.decide,
      `Chủ tịch UBND ${inSentence(decidedLate.commune)}`,
      tt24,
      [[demoPeople.commune(decidedLate.commune), [decidedLate.code]]],
      { action: 'recognise', decision: { number: '08/QĐ-UBND', date: u2.decide } },
      u2.submit,
    );
  }
  walk(
    c2.submit,
    'xã của chu kỳ 2025',
    tt25,
    byCommune(lateCommunes),
    { action: 'submit' },
    c2.submit,
  );
  // A summary went to the committee before the province's steps: today's says what changed since.
  if (days.summary <= now) queueSummary(admin(days.summary));
  walk(
    c2.review,
    `Sở GD&ĐT, phụ trách cụm ${DEMO_CLUSTER} (thẩm định)`,
    tt25,
    [[demoPeople.cluster, lateCommunes.map((x) => x.code)]],
    { action: 'approve' },
    c2.submit,
  );
  const [decidedCommune] = lateCommunes;
  if (decidedCommune) {
    walk(
      c2.decide,
      'Giám đốc Sở GD&ĐT',
      tt25,
      [[demoPeople.province, [decidedCommune.code]]],
      { action: 'recognise', decision: { number: '152/QĐ-SGDĐT', date: c2.decide } },
      c2.submit,
    );
  }

  // The morning run, as the trigger does it in Google Sheets: reminders, summary, then the outbox.
  const today = admin(now);
  queueReminders(today, readSettings(workbook, now), readAudit(workbook));
  const summary = composeSummary(today);
  queueSummary(today);
  const exported = exportRecognised(today).count;
  const mailer = new EmlMailer();
  const sent = sendOutbox({ ...today, mailer });
  const next =
    pendingLate && waiting(tt24, 0, now).includes(pendingLate.code)
      ? { code: pendingLate.code, reviewer: demoPeople.commune(pendingLate.commune) }
      : undefined;
  return {
    workbook,
    units,
    communes,
    report: scoreAll(today),
    steps,
    mailer,
    sent,
    summary,
    exported,
    ...(next ? { next } : {}),
  };
}

/** Writes rows of inputs under the first input column of `rubric`'s scoring sheet. */
function typeInputs(workbook: XlsxWorkbook, rubric: Rubric, rows: CellValue[][]): void {
  const sheet = workbook.sheet(rubric.scoringSheet);
  if (!sheet) throw new Error(`set-up did not create «${rubric.scoringSheet}»`);
  const located = locateColumns(sheet.readValues()[0] ?? [], scoringColumns(rubric).all);
  const first = scoringColumns(rubric).inputs[0];
  if (!first) return;
  sheet.writeValues(2, columnOf(located, first.key), rows);
}

/**
 * The communes' agreement meetings (TT 25/2023): 2024's in January 2025, the 2025 cycle's in
 * February 2026; two communes of 2024 did not record theirs (their submission is refused).
 */
function typeMeetings(workbook: XlsxWorkbook, rubric: Rubric, communes: readonly DemoUnit[]): void {
  const sheet = workbook.sheet(rubric.scoringSheet);
  if (!sheet) return;
  const located = locateColumns(sheet.readValues()[0] ?? [], scoringColumns(rubric).all);
  const rows = communes.map((_, i) => {
    const index = i % COMMUNES_PER_DISTRICT;
    if (index === 6 && i < 2 * COMMUNES_PER_DISTRICT) return ['', ''];
    const day =
      index === COMMUNES_PER_DISTRICT - 1
        ? DEMO_DAYS.communes2025.meeting
        : DEMO_DAYS.communes.meeting;
    return [formatDate(day), `Biên bản số ${index + 1}/BB-UBND (mẫu)`];
  });
  sheet.writeValues(2, columnOf(located, MEETING_KEYS.date), rows);
}

/** The sheet rows of `codes` on `rubric`'s scoring sheet. */
function rowsOf(workbook: XlsxWorkbook, rubric: Rubric, codes: readonly string[]): number[] {
  const sheet = workbook.sheet(rubric.scoringSheet);
  const [header = [], ...rows] = sheet?.readValues() ?? [];
  const code = columnOf(locateColumns(header, scoringColumns(rubric).all), 'code') - 1;
  const wanted = new Set(codes);
  return rows.flatMap((row, i) => (wanted.has(cellText(row[code])) ? [i + 2] : []));
}

/** Codes of the units waiting at `step` of their ladder on `rubric`'s sheet. */
function waitingAt(workbook: XlsxWorkbook, rubric: Rubric, now: Date, step: number): string[] {
  return workflowRows(workbook, readSettings(workbook, now), now)
    .filter((row) => row.sheet === rubric.scoringSheet)
    .filter((row) => row.state?.status === 'awaiting' && row.state.step === step)
    .map((row) => row.code);
}
