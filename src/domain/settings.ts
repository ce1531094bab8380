import * as z from 'zod/mini';
import { DEFAULT_RUBRIC_ID, rubricIds } from './catalog';
import { type CellValue, isBlank, normalizeText, readNumber, textKey } from './cells';

/**
 * The workbook's settings, typed by the administrator as key/value rows. Each setting has a stable key
 * (the first column, never translated) and a label; the options are the words shown in dropdowns.
 */

export const LADDERS = {
  '3': '3 cấp: xã → huyện → tỉnh',
  '2': '2 cấp: xã → tỉnh (từ 01/7/2025, cần xác nhận)',
} as const;
export const LANGUAGES = { vi: 'Tiếng Việt', en: 'English' } as const;

export type LadderId = keyof typeof LADDERS;
export type Language = keyof typeof LANGUAGES;

export interface Settings {
  readonly year: number;
  readonly province: string;
  readonly defaultRubricId: string;
  readonly ladder: LadderId;
  readonly language: Language;
}

export interface SettingSpec {
  readonly key: keyof Settings;
  readonly label: string;
  readonly note: string;
  readonly options?: readonly string[];
  readonly initial: (year: number) => CellValue;
}

export const SETTING_SPECS: readonly SettingSpec[] = [
  {
    key: 'year',
    label: 'Năm đánh giá',
    note: 'Năm có số liệu được đánh giá (01/01 – 31/12).',
    initial: (year) => year,
  },
  {
    key: 'province',
    label: 'Tỉnh / thành phố',
    note: 'Tên tỉnh dùng trong báo cáo.',
    initial: () => '',
  },
  {
    key: 'defaultRubricId',
    label: 'Bộ tiêu chí mặc định',
    note: 'Dùng khi công thức XHHT_XEPLOAI không ghi mã bộ tiêu chí.',
    options: rubricIds(),
    initial: () => DEFAULT_RUBRIC_ID,
  },
  {
    key: 'ladder',
    label: 'Các cấp phê duyệt',
    note: 'Từ 01/7/2025 không còn cấp huyện; chưa có văn bản nêu cấp công nhận mới.',
    options: Object.values(LADDERS),
    initial: () => LADDERS['3'],
  },
  {
    key: 'language',
    label: 'Ngôn ngữ',
    note: 'Ngôn ngữ của menu và thông báo.',
    options: Object.values(LANGUAGES),
    initial: () => LANGUAGES.vi,
  },
];

const schema = z.object({
  year: z
    .number({ error: 'năm phải là một số, ví dụ 2026' })
    .check(
      z.int({ error: 'năm phải là số nguyên, ví dụ 2026' }),
      z.gte(2000, { error: 'năm phải từ 2000 trở đi' }),
      z.lte(2100, { error: 'năm phải trước 2100' }),
    ),
  province: z.string(),
  defaultRubricId: z.enum(rubricIds() as [string, ...string[]], {
    error: `cần một mã bộ tiêu chí: ${rubricIds().join(', ')}`,
  }),
  ladder: z.enum(Object.keys(LADDERS) as [LadderId, ...LadderId[]], {
    error: `cần chọn: ${Object.values(LADDERS).join(' hoặc ')}`,
  }),
  language: z.enum(Object.keys(LANGUAGES) as [Language, ...Language[]], {
    error: `cần chọn: ${Object.values(LANGUAGES).join(' hoặc ')}`,
  }),
});

export interface SettingIssue {
  readonly key: keyof Settings;
  readonly message: string;
}

function optionKey<T extends string>(options: Record<T, string>, value: CellValue): T | string {
  const wanted = textKey(value);
  const match = (Object.keys(options) as T[]).find(
    (key) => textKey(options[key]) === wanted || key.toLowerCase() === wanted,
  );
  return match ?? wanted;
}

/**
 * Settings from the sheet's raw values (missing keys take their initial value). Returns the settings,
 * or one Vietnamese message per bad key.
 */
export function parseSettings(
  raw: ReadonlyMap<string, CellValue>,
  currentYear: number,
): { ok: true; settings: Settings } | { ok: false; issues: SettingIssue[] } {
  const value = (spec: SettingSpec) => {
    const cell = raw.get(spec.key);
    return cell === undefined || isBlank(cell) ? spec.initial(currentYear) : cell;
  };
  const specOf = (key: keyof Settings) =>
    SETTING_SPECS.find((spec) => spec.key === key) as SettingSpec;
  const year = readNumber(value(specOf('year')));
  const candidate = {
    year: year.ok ? year.value : Number.NaN,
    province: normalizeText(String(value(specOf('province')))),
    defaultRubricId: normalizeText(String(value(specOf('defaultRubricId')))).toUpperCase(),
    ladder: optionKey(LADDERS, value(specOf('ladder'))),
    language: optionKey(LANGUAGES, value(specOf('language'))),
  };
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return { ok: true, settings: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      key: issue.path[0] as keyof Settings,
      message: issue.message,
    })),
  };
}
