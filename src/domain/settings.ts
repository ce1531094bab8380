import * as z from 'zod/mini';
import { DEFAULT_RUBRIC_ID, defaultRubricId, rubricIds } from './catalog';
import { type CellValue, cellText, isBlank, normalizeText, readNumber, textKey } from './cells';
import { type Language, tr } from './i18n';
import { LADDER_PRESETS, type Ladder, ladderNamed, parseLadder } from './ladder';
import { RUBRIC_ID } from './rubric';

/**
 * The workbook's settings, typed by the administrator as key/value rows. Each setting has a stable key
 * (the first column, never translated) and a label; the options are the words shown in dropdowns.
 * The approval ladder and the interface language join them with the features that use them.
 */

export interface Settings {
  readonly year: number;
  readonly province: string;
  readonly defaultRubricId: string;
  readonly language: Language;
  /** Id of the approval ladder (LADDER_PRESETS) of a rubric without ladder rows of its own. */
  readonly ladder: string;
  /** Who receives the summary report (the steering committee). */
  readonly summaryTo: readonly string[];
  /** The sender the offline .eml copies name («Từ»); '' when none is set. */
  readonly mailFrom: string;
  /** When the daily run queues the summary by itself. */
  readonly summaryPeriod: SummaryPeriod;
  /** From this hour (0–23, the script's time zone) the first hourly run of a day does the daily work. */
  readonly dailyHour: number;
  /** The language the committee reads the summary in. */
  readonly summaryLanguage: Language;
  /** The daily reminder tells of deadlines this many days ahead (and of any passed). */
  readonly remindDays: number;
  /** A unit waiting at a review step this many days is reported to the level above; null: never. */
  readonly escalateAfterDays: number | null;
}

export type SummaryPeriod = 'daily' | 'weekly' | 'monthly' | 'never';
export const PERIOD_NAMES: Record<SummaryPeriod, string> = {
  daily: 'Hằng ngày',
  weekly: 'Hằng tuần (thứ Hai)',
  monthly: 'Hằng tháng (ngày 1)',
  never: 'Không tự gửi',
};

export const LANGUAGE_NAMES: Record<Language, string> = { vi: 'Tiếng Việt', en: 'English' };

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
    note: 'Dùng khi công thức không ghi mã bộ tiêu chí và khi Khởi tạo bảng tính để trống lựa chọn. Từ năm đánh giá 2024: TT 24/2023, TT 25/2023; trước đó: TT 22/2020, TT 44/2014 (đã bãi bỏ).',
    options: rubricIds(),
    initial: (year) => defaultRubricId(year),
  },
  {
    key: 'ladder',
    label: 'Các cấp phê duyệt',
    note: 'Chỉ dùng cho bộ tiêu chí không có dòng Quy tắc CAC_CAP ở trang «Tiêu chí» (bộ tiêu chí riêng của tỉnh, hoặc đơn vị đã gửi trước khi có các dòng đó). Mỗi bộ tiêu chí dựng sẵn ghi các cấp của mình theo văn bản và theo ngày.',
    options: LADDER_PRESETS.map((ladder) => ladder.label),
    initial: () => (LADDER_PRESETS[0] as Ladder).label,
  },
  {
    key: 'summaryTo',
    label: 'Người nhận báo cáo tổng hợp',
    note: 'Email của Ban Chỉ đạo, cách nhau bằng dấu phẩy. Để trống: không gửi báo cáo.',
    initial: () => '',
  },
  {
    key: 'mailFrom',
    label: 'Địa chỉ gửi thư',
    note: 'Email ghi ở dòng «Từ» của các bản sao thư (.eml) mà xhht ngoại tuyến viết ra. Trên Google Trang tính, thư đi từ tài khoản đã bật gửi thư tự động. Để trống: một địa chỉ giữ chỗ.',
    initial: () => '',
  },
  {
    key: 'summaryPeriod',
    label: 'Tự gửi báo cáo tổng hợp',
    note: 'Khi đã «Bật gửi thư tự động», báo cáo được xếp vào hộp thư đi theo chu kỳ này, trong lần chạy hằng ngày (xem «Giờ chạy việc hằng ngày»).',
    options: Object.values(PERIOD_NAMES),
    initial: () => PERIOD_NAMES.weekly,
  },
  {
    key: 'dailyHour',
    label: 'Giờ chạy việc hằng ngày',
    note: 'Khi đã «Bật gửi thư tự động», XHHT chạy mỗi giờ một lần để gửi hộp thư đi; lần chạy đầu tiên trong ngày từ giờ này trở đi (0–23, giờ Hà Nội) còn gửi thư nhắc việc, báo cáo tổng hợp theo chu kỳ và kiểm tra nhật ký. Mặc định 7.',
    initial: () => 7,
  },
  {
    key: 'summaryLanguage',
    label: 'Ngôn ngữ báo cáo tổng hợp',
    note: 'Ngôn ngữ của thư báo cáo gửi Ban Chỉ đạo.',
    options: Object.values(LANGUAGE_NAMES),
    initial: () => LANGUAGE_NAMES.vi,
  },
  {
    key: 'remindDays',
    label: 'Nhắc trước hạn (số ngày)',
    note: 'Thư nhắc việc hằng ngày kể các đơn vị đang chờ mỗi người mà hạn gửi hoặc hạn quyết định còn từ chừng này ngày trở xuống, hoặc đã qua. 0 = chỉ nhắc khi đã quá hạn.',
    initial: () => 7,
  },
  {
    key: 'escalateAfterDays',
    label: 'Báo cấp trên khi chờ thẩm định quá (số ngày)',
    note: 'Một đơn vị chờ ở một cấp xét duyệt quá số ngày này thì thư nhắc việc báo cho cấp trên (cấp cao nhất: quản trị). Chưa có văn bản quy định số ngày: tỉnh tự đặt; để trống = không báo.',
    initial: () => '',
  },
  {
    key: 'language',
    label: 'Ngôn ngữ / Language',
    note: 'Ngôn ngữ của menu, hộp thoại và thông báo lỗi; tên trang và tên cột vẫn bằng tiếng Việt.',
    options: Object.values(LANGUAGE_NAMES),
    initial: () => LANGUAGE_NAMES.vi,
  },
];

/**
 * Keys the previous version had and this one no longer reads: the deadlines, now rows per rubric in
 * the criteria sheet (HAN_NOP, HAN_QUYET_DINH). Set-up copies a value typed there into the rows it
 * adds and marks the setting's row as no longer used; the value itself stays.
 */
export const RETIRED_SETTINGS = { submitBy: 'submit', decideBy: 'decide' } as const;

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
      .number({
        error: () => tr('năm phải là một số, ví dụ 2026', 'the year must be a number, e.g. 2026'),
      })
      .check(
        z.int({
          error: () => tr('năm phải là số nguyên, ví dụ 2026', 'the year must be whole, e.g. 2026'),
        }),
        z.gte(2000, {
          error: () => tr('năm phải từ 2000 trở đi', 'the year must be 2000 or later'),
        }),
        z.lte(2100, { error: () => tr('năm phải trước 2100', 'the year must be before 2100') }),
      ),
    province: z.string(),
    // A built-in id or one the criteria sheet defines; which exists is checked where it is used.
    defaultRubricId: z.string().check(
      z.regex(RUBRIC_ID, {
        error: () =>
          tr(
            `cần một mã bộ tiêu chí (chữ in hoa, số, dấu gạch dưới), ví dụ ${DEFAULT_RUBRIC_ID}`,
            `a rubric id is expected (capitals, digits, underscores), e.g. ${DEFAULT_RUBRIC_ID}`,
          ),
      }),
    ),
    ladder: z.string().check(
      z.refine((id) => ladderNamed(id) !== undefined, {
        error: (issue) => ladderProblem(String(issue.input)),
      }),
    ),
    summaryTo: z.array(
      z.string().check(
        z.regex(/^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/, {
          error: (issue) =>
            tr(
              `«${String(issue.input)}» không phải email; ghi các email cách nhau bằng dấu phẩy`,
              `«${String(issue.input)}» is not an email; write emails separated by commas`,
            ),
        }),
      ),
    ),
    mailFrom: z.string().check(
      z.regex(/^$|^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/, {
        error: (issue) =>
          tr(
            `«${String(issue.input)}» không phải email; ghi một email, hoặc để trống`,
            `«${String(issue.input)}» is not an email; write one email, or leave it blank`,
          ),
      }),
    ),
    language: languageSchema(),
    summaryLanguage: languageSchema(),
    summaryPeriod: z.enum(['daily', 'weekly', 'monthly', 'never'], {
      error: () =>
        tr(
          `chọn một trong: ${Object.values(PERIOD_NAMES).join('; ')}`,
          `choose one of: ${Object.values(PERIOD_NAMES).join('; ')}`,
        ),
    }),
    dailyHour: hourOfDay(),
    remindDays: wholeDays(0),
    escalateAfterDays: z.nullable(wholeDays(1)),
  });
}

function languageSchema() {
  return z.enum(['vi', 'en'], {
    error: () => tr('chọn «Tiếng Việt» hoặc «English»', 'choose «Tiếng Việt» or «English»'),
  });
}

/** A whole number of days from `min`; a value that did not read as a number arrives as NaN. */
function wholeDays(min: number) {
  const problem = () =>
    tr(
      `cần một số ngày nguyên từ ${min} trở lên`,
      `a whole number of days from ${min} is expected`,
    );
  return z
    .number({ error: problem })
    .check(z.int({ error: problem }), z.gte(min, { error: problem }));
}

/** An hour of the day, 0 to 23; a value that did not read as a number arrives as NaN. */
function hourOfDay() {
  const problem = () =>
    tr(
      'cần một giờ trong ngày, số nguyên từ 0 đến 23, ví dụ 7',
      'an hour of the day is expected, a whole number from 0 to 23, e.g. 7',
    );
  return z
    .number({ error: problem })
    .check(z.int({ error: problem }), z.gte(0, { error: problem }), z.lte(23, { error: problem }));
}

/** Why a typed ladder is not one: the presets to choose from, or what is wrong in one written out. */
export function ladderProblem(typed: string): string {
  const own = parseLadder(typed);
  const presets = LADDER_PRESETS.map((ladder) => ladder.label).join('; ');
  const first = typed.trim().toLowerCase();
  return !own.ok && ['xã', 'đơn vị', 'thôn', 'gia đình'].some((word) => first.startsWith(word))
    ? own.problem
    : tr(
        `chọn một trong: ${presets}; hoặc tự ghi, ví dụ «xã → huyện thẩm định → tỉnh quyết định», «đơn vị → xã quyết định»`,
        `choose one of: ${presets}; or write one, e.g. «xã → huyện thẩm định → tỉnh quyết định», «đơn vị → xã quyết định»`,
      );
}

/** "Tiếng Việt", "English" (or vi, en, tiếng anh) to a language; anything else is left to fail. */
export function languageOf(value: CellValue): Language | string {
  const key = textKey(value);
  if (['tiếng việt', 'vi', 'vietnamese'].includes(key)) return 'vi';
  if (['english', 'en', 'tiếng anh'].includes(key)) return 'en';
  return key;
}

function periodOf(value: CellValue): SummaryPeriod | string {
  const key = textKey(value);
  const found = (Object.keys(PERIOD_NAMES) as SummaryPeriod[]).find(
    (period) => textKey(PERIOD_NAMES[period]) === key || period === key,
  );
  return found ?? key;
}

function days(value: CellValue): number {
  const read = readNumber(value);
  return read.ok ? read.value : Number.NaN;
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
    language: languageOf(value(settingSpec('language'))),
    ladder:
      ladderNamed(cellText(value(settingSpec('ladder'))))?.id ??
      cellText(value(settingSpec('ladder'))),
    summaryTo: cellText(value(settingSpec('summaryTo')))
      .split(/[,;\s]+/)
      .filter(Boolean),
    mailFrom: cellText(value(settingSpec('mailFrom'))),
    summaryPeriod: periodOf(value(settingSpec('summaryPeriod'))),
    dailyHour: days(value(settingSpec('dailyHour'))),
    summaryLanguage: languageOf(value(settingSpec('summaryLanguage'))),
    remindDays: days(value(settingSpec('remindDays'))),
    escalateAfterDays: isBlank(value(settingSpec('escalateAfterDays')))
      ? null
      : days(value(settingSpec('escalateAfterDays'))),
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

/** Whether the daily run queues the summary on `day`: every day, on Mondays, or on the 1st. */
export function summaryDue(period: SummaryPeriod, day: Date): boolean {
  switch (period) {
    case 'daily':
      return true;
    case 'weekly':
      return day.getDay() === 1;
    case 'monthly':
      return day.getDate() === 1;
    case 'never':
      return false;
  }
}

/** How mail names the workbook: «XHHT Hà Tĩnh năm 2026». */
export function workbookTitle(settings: Pick<Settings, 'province' | 'year'>): string {
  return `XHHT ${settings.province} năm ${settings.year}`.replace(/\s+/g, ' ');
}
