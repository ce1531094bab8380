import type { CellValue } from '../domain/cells';
import { itemsOf, known, type PointsRubric } from '../domain/rubric';
import { TT22_2020_DVHT } from '../domain/rubrics/tt22-2020-dvht';
import { inputKey, scoringColumns, UNIT_COLUMNS, UNITS_SHEET } from '../sheets/layout';
import type { Context } from '../sheets/ports';
import { type ScoreAllReport, scoreAll } from '../sheets/score-all';
import { setUp } from '../sheets/set-up';
import { writeSetting } from '../sheets/settings-sheet';
import { columnOf, locateColumns } from '../sheets/table';
import { ConsoleUi, fixedClock, processLock } from './services';
import { XlsxWorkbook } from './xlsx-workbook';

/**
 * The demo province: the districts of Hà Tĩnh's cluster II named in the seed article, with sample
 * learning units (every unit name is a sample and says so), realistic scores and a few typing mistakes
 * of the kinds officers make. Deterministic for a given seed.
 */

export const DEMO_PROVINCE = 'Hà Tĩnh (dữ liệu mẫu)';
export const DEMO_DISTRICTS = ['Thạch Hà', 'Cẩm Xuyên', 'TP Hà Tĩnh', 'TX Kỳ Anh'] as const;
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

export interface DemoResult {
  readonly workbook: XlsxWorkbook;
  readonly units: readonly DemoUnit[];
  readonly report: ScoreAllReport;
}

/** Builds the demo workbook through the same use cases as the menu: set up, paste units, type, score. */
export function runDemo(options: { seed?: number; now?: Date } = {}): DemoResult {
  const rubric = TT22_2020_DVHT;
  const workbook = new XlsxWorkbook();
  const ui = new ConsoleUi();
  const ctx: Context = {
    workbook,
    ui,
    clock: fixedClock(options.now ?? new Date()),
    lock: processLock,
  };

  setUp(ctx, rubric.id);
  writeSetting(workbook, 'province', DEMO_PROVINCE);
  const units = demoUnits();
  const unitSheet = workbook.sheet(UNITS_SHEET);
  if (!unitSheet) throw new Error('set-up did not create the units sheet');
  const unitColumns = locateColumns(unitSheet.readValues()[0] ?? [], UNIT_COLUMNS);
  const unitRow = (unit: DemoUnit): CellValue[] => {
    const row: CellValue[] = UNIT_COLUMNS.map(() => '');
    const put = (key: string, value: string) => {
      row[columnOf(unitColumns, key) - 1] = value;
    };
    put('code', unit.code);
    put('name', unit.name);
    put('district', unit.district);
    put('cluster', 'II');
    put('kind', unit.kind);
    return row;
  };
  unitSheet.writeValues(2, 1, units.map(unitRow));
  setUp(ctx, rubric.id);

  const scoring = workbook.sheet(rubric.scoringSheet);
  if (!scoring) throw new Error('set-up did not create the scoring sheet');
  const located = locateColumns(scoring.readValues()[0] ?? [], scoringColumns(rubric).all);
  const firstItem = columnOf(located, inputKey(itemsOf(rubric)[0]?.code ?? ''));
  scoring.writeValues(2, firstItem, demoScores(rubric, units.length, options.seed ?? 2026));

  const report = scoreAll(ctx);
  return { workbook, units, report };
}
