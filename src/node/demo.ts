import { type CellValue, cellText } from '../domain/cells';
import { LADDER_PRESETS } from '../domain/ladder';
import { ANSWERS, indicatorInputs } from '../domain/levels';
import type { Procedure } from '../domain/procedures';
import { formatDate } from '../domain/recognition';
import {
  isMissing,
  itemsOf,
  known,
  type LevelsRubric,
  type PointsRubric,
  type Rubric,
} from '../domain/rubric';
import { TT22_2020_DVHT } from '../domain/rubrics/tt22-2020-dvht';
import { TT25_2023_CDHT_XA } from '../domain/rubrics/tt25-2023-cdht-xa';
import { PERIOD_NAMES, type Settings } from '../domain/settings';
import { actionLabel } from '../domain/workflow';
import { type ActRequest, act } from '../sheets/act';
import { readAudit } from '../sheets/audit-log';
import {
  DEADLINE_RULES,
  LADDER_RULE,
  procedureRows,
  readCriteria,
  rubricRows,
  TARGET_RULE,
} from '../sheets/criteria-sheet';
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
import { workflowRows } from '../sheets/workflow-rows';
import { EmlMailer } from './eml-mailer';
import { offlinePorts } from './offline';
import { XlsxWorkbook } from './xlsx-workbook';

/**
 * The demo province: the districts of Hà Tĩnh named in the seed article, with sample learning units
 * (ĐVHT, TT 22/2020) and communes (CĐHT cấp xã, TT 25/2023) — every name is a sample and says so —
 * realistic scores and a few typing mistakes of the kinds officers make, and a year of approval steps
 * by several officers. Deterministic for a given seed and date.
 */

export const DEMO_PROVINCE = 'Hà Tĩnh (dữ liệu mẫu)';
/**
 * The day the demo stands on, 10:00 in Hà Nội (`xhht demo --date`): fixed, so the demo writes the
 * same workbook, reports and mail on every machine and every day, as the docs show them.
 */
export const DEMO_DATE = new Date(Date.UTC(2026, 2, 20, 3, 0, 0));
export const DEMO_DISTRICTS = ['Thạch Hà', 'Cẩm Xuyên', 'TP Hà Tĩnh', 'TX Kỳ Anh'] as const;
/** The cluster (cụm thi đua) of each district, for the summary's per-cluster table. */
const DEMO_CLUSTERS = ['II', 'II', 'I', 'I'] as const;
const UNITS_PER_DISTRICT = 12;
const KINDS = [
  ['Trường Mầm non', 'Trường học'],
  ['Trường Tiểu học', 'Trường học'],
  ['Trường THCS', 'Trường học'],
  ['UBND xã', 'Cơ quan'],
  ['Trạm Y tế xã', 'Đơn vị sự nghiệp'],
  ['Hợp tác xã nông nghiệp', 'Tổ chức kinh tế'],
] as const;

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
  readonly kind: string;
}

export function demoUnits(): DemoUnit[] {
  return DEMO_DISTRICTS.flatMap((district, d) =>
    Array.from({ length: UNITS_PER_DISTRICT }, (_, i) => {
      const [prefix, kind] = KINDS[i % KINDS.length] ?? KINDS[0];
      const number = Math.floor(i / KINDS.length) + 1;
      return {
        code: `HT${d + 1}${String(i + 1).padStart(2, '0')}`,
        name: `${prefix} số ${number} ${district} (mẫu)`,
        district,
        kind,
      };
    }),
  );
}

/** The mistakes typed into some rows, by unit index and item code: what the error column must catch. */
export const DEMO_MISTAKES: ReadonlyMap<
  number,
  { item: string; value: CellValue; valid: boolean }
> = new Map([
  [4, { item: '1.2', value: 'mười', valid: false }],
  [10, { item: '1.1', value: 12, valid: false }],
  [16, { item: '2.2', value: -2, valid: false }],
  [22, { item: '3.3', value: '', valid: false }],
  [28, { item: '1.3', value: '8,5', valid: true }],
  [34, { item: '3.2', value: '\u00a07.5 ', valid: true }],
  // "8/5" typed in Vietnam became 8 May 2026, 00:00 there (UTC+7).
  [40, { item: '2.1', value: new Date(Date.UTC(2026, 4, 7, 17)), valid: false }],
]);
/** A unit whose officer has not typed anything yet. */
export const DEMO_NOT_ENTERED = 46;

/** Item scores of every unit: a quality per unit, some spread per item, rounded to half points. */
export function demoScores(rubric: PointsRubric, count: number, seed: number): CellValue[][] {
  const next = random(seed);
  const items = itemsOf(rubric);
  return Array.from({ length: count }, (_, u) => {
    if (u === DEMO_NOT_ENTERED) return items.map(() => '');
    const quality = 0.4 + 0.6 * next();
    const row: CellValue[] = items.map((item) => {
      const share = Math.min(1, Math.max(0, quality + (next() - 0.5) * 0.3));
      return Math.round(share * (known(item.max) ?? 0) * 2) / 2;
    });
    const mistake = DEMO_MISTAKES.get(u);
    if (mistake) row[items.findIndex((item) => item.code === mistake.item)] = mistake.value;
    return row;
  });
}

/**
 * The communes assessed as Cộng đồng học tập cấp xã (TT 25/2023): a sample name each, in the same
 * districts, so that the demo province holds two titles on two scoring sheets.
 */
const COMMUNES_PER_DISTRICT = 14;

export function demoCommunes(): DemoUnit[] {
  return DEMO_DISTRICTS.flatMap((district, d) =>
    Array.from({ length: COMMUNES_PER_DISTRICT }, (_, i) => ({
      code: `XA${d + 1}${String(i + 1).padStart(2, '0')}`,
      name: `Xã mẫu số ${i + 1}, ${district} (mẫu)`,
      district,
      kind: 'Xã',
    })),
  );
}

/**
 * TT 25/2023 leaves 5 values unknown (REGULATIONS.md [U]); the demo's administrator fills them in the
 * criteria sheet before set-up, with wordings that say they are samples, as a province fills them with
 * its official text.
 */
export function withSampleValues(rubric: LevelsRubric): LevelsRubric {
  const sample = (code: string) =>
    `Chỉ tiêu mẫu ${code} (bản demo: tỉnh thay bằng nội dung chính thức của TT 25/2023)`;
  return {
    ...rubric,
    criteria: rubric.criteria.map((criterion) => ({
      ...criterion,
      indicators: criterion.indicators.map((indicator) => ({
        ...indicator,
        text: isMissing(indicator.text) ? sample(indicator.code) : indicator.text,
        levels: indicator.levels.map((level) =>
          level.kind === 'text' && isMissing(level.text)
            ? {
                kind: 'text' as const,
                text: `Yêu cầu mức độ 2 mẫu của chỉ tiêu ${indicator.code} (bản demo)`,
              }
            : level,
        ) as unknown as typeof indicator.levels,
      })),
    })),
  };
}

/** Indicator answers of every commune: mostly met, counts around a quality per commune. */
export function demoIndicators(rubric: LevelsRubric, count: number, seed: number): CellValue[][] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const quality = 0.55 + 0.45 * next();
    const row: CellValue[] = [];
    // A share is typed as its count then its total (indicatorInputs keeps them side by side).
    for (const { part } of indicatorInputs(rubric)) {
      if (part === 'hardArea') {
        // «Xã thuộc vùng khó khăn»: one commune in five.
        row.push(next() < 0.2 ? 'Có' : 'Không');
      } else if (part === 'count') {
        const total = 200 + Math.floor(600 * next());
        row.push(Math.round(total * Math.min(1, quality + 0.3 * next())), total);
      } else if (part !== 'total') {
        // The higher wording of mức độ 2 is met less often.
        const chance = part === 'level2' ? quality - 0.2 : quality + 0.3;
        row.push(next() < chance ? ANSWERS.met : ANSWERS.notMet);
      }
    }
    return row;
  });
}

export interface DemoStep {
  readonly day: Date;
  readonly who: string;
  readonly what: string;
  readonly done: number;
  readonly refused: number;
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
  /** A unit of the first district still waiting for its district's review: a step to try next. */
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

/** The demo's people: a commune officer and a district reviewer per district, the province, the administrator. */
export const demoPeople = {
  commune: (district: string) => `xa.${slug(district)}@example.org`,
  district: (district: string) => `huyen.${slug(district)}@example.org`,
  province: 'so.gddt@example.org',
  admin: 'quantri@example.org',
  committee: ['bcd.tinh@example.org', 'hoi.khuyenhoc@example.org'],
};

/**
 * The demo's titles climb one ladder with the deadlines the settings held before each title carried
 * its own (issue 10's demo of the real ladders by date replaces this).
 */
const DEMO_PROCEDURE: Procedure = {
  ladders: [
    {
      from: null,
      ladder: (LADDER_PRESETS[0] as { label: string }).label,
      decider: 'Các cấp của bản demo',
      basis: 'bản demo',
    },
  ],
  deadlines: [
    { kind: 'submit', day: 28, month: 2, yearOffset: 1, onTime: true, basis: 'bản demo' },
    { kind: 'decide', day: 31, month: 3, yearOffset: 1, onTime: true, basis: 'bản demo' },
  ],
};

/** Replaces the procedure rows set-up wrote for `rubricId` by the demo's. */
function useDemoProcedure(workbook: XlsxWorkbook, rubricId: string): void {
  const criteria = workbook.sheet(CRITERIA_SHEET);
  if (!criteria) throw new Error('set-up did not create the criteria sheet');
  const values = criteria.readValues();
  const codes = [LADDER_RULE, ...Object.values(DEADLINE_RULES)];
  values.forEach((row, i) => {
    if (row[0] === rubricId && codes.includes(cellText(row[2])))
      criteria.writeValues(i + 1, 1, [row.map(() => '')]);
  });
  criteria.writeValues(
    values.length + 1,
    1,
    procedureRows(rubricId, DEMO_PROCEDURE).map((row) =>
      CRITERIA_COLUMNS.map((spec) => row[spec.key] ?? ''),
    ),
  );
}

/**
 * Builds the demo province through the same use cases as the menu: set up both titles, paste the units
 * and the people, type the scores and the agreement meetings, score; then walks the year's steps, each
 * by its own officer on its own day (registration, self-assessment and submission, reviews with
 * returns, resubmissions, recognitions and a refusal), runs the morning mail (reminders, summary) and
 * sends the outbox into .eml messages.
 */
export function runDemo(options: { seed?: number; now?: Date } = {}): DemoResult {
  const now = options.now ?? DEMO_DATE;
  const seed = options.seed ?? 2026;
  const rubric = TT22_2020_DVHT;
  const workbook = new XlsxWorkbook();
  const ctx = offlinePorts(workbook, { now, user: demoPeople.admin });

  setUp(ctx, rubric.id);
  useDemoProcedure(workbook, rubric.id);
  const criteria = workbook.sheet(CRITERIA_SHEET);
  // The province's target for learning units: QĐ 387/QĐ-TTg's 80% (REGULATIONS.md §5.2), as a rule row.
  criteria?.writeValues(criteria.readValues().length + 1, 1, [
    CRITERIA_COLUMNS.map(
      (spec) =>
        ({
          rubric: rubric.id,
          type: 'Quy tắc',
          code: TARGET_RULE,
          text: 'Chỉ tiêu của tỉnh mẫu: 80% đơn vị được công nhận (theo QĐ 387/QĐ-TTg)',
          threshold: 80,
        })[spec.key] ?? '',
    ),
  ]);
  if (!criteria) throw new Error('set-up did not create the criteria sheet');
  const tt25Rows = rubricRows({
    ...withSampleValues(TT25_2023_CDHT_XA),
    procedure: DEMO_PROCEDURE,
  });
  criteria.writeValues(
    criteria.readValues().length + 1,
    1,
    tt25Rows.map((row) => CRITERIA_COLUMNS.map((spec) => row[spec.key] ?? '')),
  );
  setUp(ctx, TT25_2023_CDHT_XA.id);
  // Assessing last year: its deadlines (TT 25/2023: 28/02 and 31/03 of this year) have passed.
  const year = now.getFullYear() - (now.getMonth() >= 3 ? 1 : 2);
  const settings: [keyof Settings, CellValue][] = [
    ['province', DEMO_PROVINCE],
    ['year', year],
    ['summaryTo', demoPeople.committee.join(', ')],
    ['summaryPeriod', PERIOD_NAMES.daily],
    ['escalateAfterDays', 10],
  ];
  for (const [key, value] of settings) writeSetting(workbook, key, value);

  const units = demoUnits();
  const communes = demoCommunes();
  const unitSheet = workbook.sheet(UNITS_SHEET);
  if (!unitSheet) throw new Error('set-up did not create the units sheet');
  const unitColumns = locateColumns(unitSheet.readValues()[0] ?? [], UNIT_COLUMNS);
  const unitRow = (unit: DemoUnit, rubricId: string): CellValue[] => {
    const row: CellValue[] = UNIT_COLUMNS.map(() => '');
    const put = (key: string, value: string) => {
      row[columnOf(unitColumns, key) - 1] = value;
    };
    put('code', unit.code);
    put('name', unit.name);
    put('district', unit.district);
    put('cluster', DEMO_CLUSTERS[DEMO_DISTRICTS.indexOf(unit.district as never)] ?? '');
    put('kind', unit.kind);
    put('rubrics', rubricId);
    return row;
  };
  unitSheet.writeValues(2, 1, [
    ...units.map((unit) => unitRow(unit, rubric.id)),
    ...communes.map((unit) => unitRow(unit, TT25_2023_CDHT_XA.id)),
  ]);
  const people = workbook.sheet(PEOPLE_SHEET);
  if (!people) throw new Error('set-up did not create the people sheet');
  people.writeValues(2, 1, [
    ...[...units, ...communes].map((unit) => [demoPeople.commune(unit.district), 'xã', unit.code]),
    ...DEMO_DISTRICTS.map((district) => [demoPeople.district(district), 'huyện', district]),
    [demoPeople.province, 'tỉnh', ''],
    [demoPeople.admin, 'quản trị', ''],
  ]);
  setUp(ctx, rubric.id);
  setUp(ctx, TT25_2023_CDHT_XA.id);
  const tt25 = readCriteria(workbook)?.find((read) => read.id === TT25_2023_CDHT_XA.id)?.rubric;
  if (tt25?.method !== 'levels') throw new Error('the demo could not complete TT 25/2023');

  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  typeInputs(workbook, rubric, demoScores(rubric, units.length, seed));
  typeInputs(workbook, tt25, demoIndicators(tt25, communes.length, seed + 1));
  // Most communes held their agreement meeting; two did not record it (their submission is refused).
  typeMeetings(workbook, tt25, communes.length, daysAgo(33));
  scoreAll(ctx);

  const steps: DemoStep[] = [];
  const walk = (
    days: number,
    who: string,
    sheet: Rubric,
    codes: readonly string[],
    request: ActRequest,
  ) => {
    if (codes.length === 0) return undefined;
    const done = act(offlinePorts(workbook, { now: daysAgo(days), user: who }), request, {
      sheet: sheet.scoringSheet,
      rows: rowsOf(workbook, sheet, codes),
    });
    steps.push({
      day: daysAgo(days),
      who,
      what: `${actionLabel(request.action)} — ${sheet.title}`,
      done: done.done.length,
      refused: done.refused.length,
    });
    return done;
  };
  const titles = [
    [rubric, units],
    [tt25, communes],
  ] as const;
  /** Each district's own step on both titles, on one day. */
  const inDistricts = (
    days: number,
    step: (district: string, sheet: Rubric, codes: string[]) => [string, string[], ActRequest],
  ) => {
    for (const [sheet, members] of titles) {
      for (const district of DEMO_DISTRICTS) {
        const codes = members.filter((unit) => unit.district === district).map((u) => u.code);
        const [who, chosen, request] = step(district, sheet, codes);
        walk(days, who, sheet, chosen, request);
      }
    }
  };
  // The last unit of each district has not registered this year.
  inDistricts(40, (district, _, codes) => [
    demoPeople.commune(district),
    codes.slice(0, -1),
    { action: 'register' },
  ]);
  inDistricts(30, (district, _, codes) => [
    demoPeople.commune(district),
    codes.slice(0, -1),
    { action: 'submit' },
  ]);
  // Each district returns the first two units it received, and approves all but one of the rest.
  const received = (sheet: Rubric, codes: string[]) =>
    waitingAt(workbook, sheet, now, 0).filter((code) => codes.includes(code));
  const returned = new Map<string, string[]>();
  inDistricts(21, (district, sheet, codes) => {
    const chosen = received(sheet, codes).slice(0, 2);
    returned.set(`${sheet.id}:${district}`, chosen);
    return [
      demoPeople.district(district),
      chosen,
      { action: 'return', comment: 'Thiếu biên bản tự đánh giá có chữ ký; bổ sung rồi gửi lại.' },
    ];
  });
  inDistricts(20, (district, sheet, codes) => [
    demoPeople.district(district),
    received(sheet, codes).slice(1),
    { action: 'approve' },
  ]);
  // A first summary goes to the committee two weeks ago: today's says what changed since.
  queueSummary(offlinePorts(workbook, { now: daysAgo(14), user: demoPeople.admin }));
  inDistricts(12, (district, sheet) => [
    demoPeople.commune(district),
    (returned.get(`${sheet.id}:${district}`) ?? []).slice(0, 1),
    { action: 'submit' },
  ]);
  // The province decides on what the districts approved; one unit per title is not recognised.
  for (const [sheet] of titles) {
    const approved = waitingAt(workbook, sheet, now, 1);
    walk(5, demoPeople.province, sheet, approved.slice(0, 1), {
      action: 'refuse',
      comment: 'Kết quả kiểm tra thực tế không khớp với hồ sơ tự đánh giá.',
    });
    walk(5, demoPeople.province, sheet, approved.slice(1), {
      action: 'recognise',
      decision: { number: `${sheet === rubric ? 145 : 146}/QĐ-UBND`, date: daysAgo(5) },
    });
  }

  // The morning run, as the trigger does it in Google Sheets: reminders, summary, then the outbox.
  const admin = offlinePorts(workbook, { now, user: demoPeople.admin });
  const current = readSettings(workbook, now);
  queueReminders(admin, current, readAudit(workbook));
  const summary = composeSummary(admin);
  queueSummary(admin);
  const mailer = new EmlMailer();
  const sent = sendOutbox({ ...admin, mailer });
  const district = DEMO_DISTRICTS[0];
  const next = waitingAt(workbook, rubric, now, 0).find((code) =>
    units.some((unit) => unit.code === code && unit.district === district),
  );
  return {
    workbook,
    units,
    communes,
    report: scoreAll(admin),
    steps,
    mailer,
    sent,
    summary,
    ...(next ? { next: { code: next, reviewer: demoPeople.district(district) } } : {}),
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

function typeMeetings(workbook: XlsxWorkbook, rubric: Rubric, count: number, day: Date): void {
  const sheet = workbook.sheet(rubric.scoringSheet);
  if (!sheet) return;
  const located = locateColumns(sheet.readValues()[0] ?? [], scoringColumns(rubric).all);
  const rows = Array.from({ length: count }, (_, i) =>
    i % 14 === 5 && i < 28 ? ['', ''] : [formatDate(day), `Biên bản số ${i + 1}/BB-UBND (mẫu)`],
  );
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

/** Codes of the units waiting at `step` of the ladder on `rubric`'s sheet. */
function waitingAt(workbook: XlsxWorkbook, rubric: Rubric, now: Date, step: number): string[] {
  return workflowRows(workbook, readSettings(workbook, now), now)
    .filter((row) => row.sheet === rubric.scoringSheet)
    .filter((row) => row.state?.status === 'awaiting' && row.state.step === step)
    .map((row) => row.code);
}
