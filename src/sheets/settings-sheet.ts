import { cellPlace } from '../domain/a1';
import { DEFAULT_RUBRIC_ID, defaultRubricId } from '../domain/catalog';
import { type CellValue, normalizeText, readNumber, textKey } from '../domain/cells';
import { type Language, tr } from '../domain/i18n';
import {
  languageOf,
  parseSettings,
  SETTING_SPECS,
  type Settings,
  settingSpec,
} from '../domain/settings';
import { SheetError } from './errors';
import { SETTINGS_COLUMNS, SETTINGS_SHEET } from './layout';
import type { WorkbookPort } from './ports';
import { columnOf, locateRequired } from './table';

interface SettingCells {
  readonly values: Map<keyof Settings, CellValue>;
  /** 1-based row of each key. */
  readonly rows: Map<keyof Settings, number>;
  readonly valueColumn: number;
}

/** The settings sheet's values by key; keys match as set-up matches them (any case, any spacing). */
function readSettingCells(workbook: WorkbookPort): SettingCells | undefined {
  const sheet = workbook.sheet(SETTINGS_SHEET);
  if (!sheet) return undefined;
  const [header = [], ...rows] = sheet.readValues();
  const located = locateRequired(SETTINGS_SHEET, header, SETTINGS_COLUMNS);
  const keyColumn = columnOf(located, 'key');
  const valueColumn = columnOf(located, 'value');
  const values = new Map<keyof Settings, CellValue>();
  const rowOf = new Map<keyof Settings, number>();
  rows.forEach((row, i) => {
    const typed = textKey(row[keyColumn - 1]);
    const spec = SETTING_SPECS.find((candidate) => textKey(candidate.key) === typed);
    if (spec && !values.has(spec.key)) {
      values.set(spec.key, row[valueColumn - 1] ?? '');
      rowOf.set(spec.key, i + 2);
    }
  });
  return { values, rows: rowOf, valueColumn };
}

/** The settings (one read); without a settings sheet, the defaults. Bad values name their cells. */
export function readSettings(workbook: WorkbookPort, now: Date): Settings {
  const cells = readSettingCells(workbook);
  const parsed = parseSettings(cells?.values ?? new Map(), now.getFullYear());
  if (parsed.ok) return parsed.settings;
  const lines = parsed.issues.map((issue) => {
    const row = cells?.rows.get(issue.key);
    const { label } = settingSpec(issue.key);
    const where =
      row && cells
        ? cellPlace(SETTINGS_SHEET, row, cells.valueColumn)
        : `trang «${SETTINGS_SHEET}»`;
    return `${where} (${label}): ${issue.message}.`;
  });
  throw new SheetError(lines.join('\n'));
}

/** What every execution needs before anything else: the language to speak and the default rubric. */
export interface Basics {
  readonly language: Language;
  readonly defaultRubricId: string;
  /** The assessment year, when the settings hold a whole number there. */
  readonly year?: number;
}

/**
 * The language and default rubric (one read), even when other settings are unfinished or the settings
 * sheet lost a header, so that menus still speak the right language and set-up can repair the sheet.
 */
export function readBasics(workbook: WorkbookPort): Basics {
  let cells: SettingCells | undefined;
  try {
    cells = readSettingCells(workbook);
  } catch (error) {
    if (!(error instanceof SheetError)) throw error;
  }
  const id = normalizeText(String(cells?.values.get('defaultRubricId') ?? '')).toUpperCase();
  // Left blank: the rubric in force for the assessment year, where the year reads as one.
  const year = readNumber(cells?.values.get('year') ?? '');
  const fallback =
    year.ok && Number.isInteger(year.value) ? defaultRubricId(year.value) : DEFAULT_RUBRIC_ID;
  const language = languageOf(cells?.values.get('language') ?? '');
  return {
    language: language === 'en' ? 'en' : 'vi',
    defaultRubricId: id === '' ? fallback : id,
    ...(year.ok && Number.isInteger(year.value) ? { year: year.value } : {}),
  };
}

/** Types one setting's value, as the administrator would; the settings sheet must be set up. */
export function writeSetting(workbook: WorkbookPort, key: keyof Settings, value: CellValue): void {
  const cells = readSettingCells(workbook);
  const row = cells?.rows.get(key);
  const sheet = workbook.sheet(SETTINGS_SHEET);
  if (!cells || !row || !sheet) {
    throw new SheetError(
      tr(
        `Trang «${SETTINGS_SHEET}» chưa có dòng «${key}». Hãy chạy XHHT → Khởi tạo bảng tính.`,
        `Sheet «${SETTINGS_SHEET}» has no «${key}» row. Run XHHT → Khởi tạo bảng tính (set up).`,
      ),
    );
  }
  sheet.writeValues(row, cells.valueColumn, [[value]]);
}
