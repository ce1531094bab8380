import * as z from 'zod/mini';
import { DEFAULT_RUBRIC_ID, rubricIds } from './catalog';
import { type CellValue, isBlank, normalizeText, readNumber } from './cells';

/**
 * The workbook's settings, typed by the administrator as key/value rows. Each setting has a stable key
 * (the first column, never translated) and a label; the options are the words shown in dropdowns.
 * The approval ladder and the interface language join them with the features that use them.
 */

export interface Settings {
  readonly year: number;
  readonly province: string;
  readonly defaultRubricId: string;
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
];

export function settingSpec(key: keyof Settings): SettingSpec {
  const spec = SETTING_SPECS.find((candidate) => candidate.key === key);
  if (!spec) throw new Error(`no setting ${key}`);
  return spec;
}

// Built on first use: every Apps Script run loads the bundle, and most never read the settings.
let schema: ReturnType<typeof buildSchema> | undefined;

function buildSchema() {
  return z.object({
    year: z
      .number({ error: 'năm phải là một số, ví dụ 2026' })
      .check(
        z.int({ error: 'năm phải là số nguyên, ví dụ 2026' }),
        z.gte(2000, { error: 'năm phải từ 2000 trở đi' }),
        z.lte(2100, { error: 'năm phải trước 2100' }),
      ),
    province: z.string(),
    // A built-in id or one the criteria sheet defines; which exists is checked where it is used.
    defaultRubricId: z.string().check(
      z.regex(/^[A-Z][A-Z0-9_]*$/, {
        error: `cần một mã bộ tiêu chí (chữ in hoa, số, dấu gạch dưới), ví dụ ${DEFAULT_RUBRIC_ID}`,
      }),
    ),
  });
}

export interface SettingIssue {
  readonly key: keyof Settings;
  readonly message: string;
}

/**
 * Settings from the sheet's raw values (missing keys take their initial value). Returns the settings,
 * or one Vietnamese message per bad key.
 */
export function parseSettings(
  raw: ReadonlyMap<keyof Settings, CellValue>,
  currentYear: number,
): { ok: true; settings: Settings } | { ok: false; issues: SettingIssue[] } {
  const value = (spec: SettingSpec) => {
    const cell = raw.get(spec.key);
    return cell === undefined || isBlank(cell) ? spec.initial(currentYear) : cell;
  };
  const year = readNumber(value(settingSpec('year')));
  const candidate = {
    year: year.ok ? year.value : Number.NaN,
    province: normalizeText(String(value(settingSpec('province')))),
    defaultRubricId: normalizeText(String(value(settingSpec('defaultRubricId')))).toUpperCase(),
  };
  schema ??= buildSchema();
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
