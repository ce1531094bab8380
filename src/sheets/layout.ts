import { type InputPart, indicatorInputs } from '../domain/levels';
import { indicatorsOf, isMissing, itemsOf, type Known, type Rubric } from '../domain/rubric';
import type { ColumnSpec } from './table';

/** The sheets of a workbook and their columns, found by these headers. */

/** Header rows are bold on this light green, in Sheets and in .xlsx alike. */
export const HEADER_BACKGROUND = '#d9ead3';
/** A reviewer's value that differs from the unit's own: light orange, in Sheets and in .xlsx alike. */
export const DIFFERENCE_BACKGROUND = '#fce5cd';

export const SETTINGS_SHEET = 'Cài đặt';
export const UNITS_SHEET = 'Đơn vị';
export const CRITERIA_SHEET = 'Tiêu chí';

export const SETTINGS_COLUMNS: readonly ColumnSpec[] = [
  { key: 'key', header: 'Mã', width: 130 },
  { key: 'label', header: 'Thiết lập', width: 200, optional: true },
  { key: 'value', header: 'Giá trị', width: 280 },
  { key: 'note', header: 'Ghi chú', width: 420, optional: true },
];

export const UNIT_COLUMNS: readonly ColumnSpec[] = [
  { key: 'code', header: 'Mã đơn vị', width: 110 },
  { key: 'name', header: 'Tên đơn vị', width: 300 },
  // Since 01/07/2025 there are no districts: the column keeps the former one, for history and grouping.
  { key: 'district', header: 'Địa bàn (huyện cũ)', aliases: ['Huyện'], width: 150 },
  { key: 'cluster', header: 'Cụm', width: 80, optional: true },
  { key: 'kind', header: 'Loại hình', width: 150, optional: true },
  { key: 'note', header: 'Ghi chú', width: 250, optional: true },
  // Which rubrics assess the unit (ids, separated by commas); blank: every rubric in use.
  { key: 'rubrics', header: 'Bộ tiêu chí áp dụng', width: 200, optional: true },
  // The commune a unit belongs to: a «xã» row of «Người dùng» naming it acts on the unit.
  { key: 'commune', header: 'Xã / phường', width: 150, optional: true },
];

/**
 * The per-unit-code recognition of earlier versions, shared by all titles: set-up moves its values into
 * «Sổ công nhận» (src/sheets/register-sheet.ts) and nothing reads it after; the columns stay as typed.
 */
export const LEGACY_RECOGNITION_COLUMNS: readonly ColumnSpec[] = [
  { key: 'recognizedLevel', header: 'Mức đã công nhận', optional: true },
  { key: 'recognizedOn', header: 'Ngày công nhận', optional: true },
];

/** The register of recognitions: one row per recognition, import, migration or revocation. */
export const REGISTER_SHEET = 'Sổ công nhận';

export const REGISTER_COLUMNS: readonly ColumnSpec[] = [
  { key: 'kind', header: 'Loại ghi', width: 170 },
  { key: 'title', header: 'Danh hiệu (mã bộ tiêu chí)', width: 150 },
  { key: 'code', header: 'Mã đơn vị', width: 110 },
  { key: 'name', header: 'Tên đơn vị', width: 240 },
  { key: 'result', header: 'Mức / xếp loại', width: 110 },
  { key: 'decisionNumber', header: 'Số quyết định', width: 130 },
  { key: 'decisionDate', header: 'Ngày quyết định', width: 110 },
  { key: 'decider', header: 'Người quyết định', width: 220 },
  { key: 'validUntil', header: 'Hiệu lực đến', width: 110 },
  { key: 'revokes', header: 'Quyết định bị thu hồi', width: 130 },
  { key: 'reason', header: 'Lý do / ghi chú', width: 260 },
  { key: 'logRow', header: 'Dòng nhật ký', width: 90 },
];

export const CRITERIA_COLUMNS: readonly ColumnSpec[] = [
  { key: 'rubric', header: 'Bộ tiêu chí', width: 170 },
  { key: 'type', header: 'Loại', width: 90 },
  { key: 'code', header: 'Mã', width: 110 },
  { key: 'text', header: 'Nội dung', width: 480 },
  { key: 'label', header: 'Tên ngắn', width: 170, optional: true },
  // Read where a rubric needs them, blank where it does not: set-up adds them when absent.
  { key: 'max', header: 'Điểm tối đa', width: 90, optional: true },
  { key: 'threshold', header: 'Ngưỡng / giá trị', width: 110, optional: true },
  { key: 'level1', header: 'Mức độ 1', width: 170, optional: true },
  { key: 'level2', header: 'Mức độ 2', width: 170, optional: true },
  { key: 'evidence', header: 'Minh chứng', width: 90, optional: true },
  // «Có» where «Không áp dụng» is accepted for the indicator (levels rubrics).
  { key: 'mayNotApply', header: 'Có thể không áp dụng', width: 110, optional: true },
  // The article of the legal text (Điều, khoản, điểm), never a file name or a source tag.
  { key: 'basis', header: 'Căn cứ', width: 320, optional: true },
  // How sure the wording is: «đã đối chiếu văn bản» or «diễn đạt lại, cần đối chiếu».
  { key: 'certainty', header: 'Đối chiếu văn bản', width: 170, optional: true },
  // Procedure rows (CAC_CAP, HAN_NOP, HAN_QUYET_DINH): from when a ladder applies, a deadline's year
  // and whether its day is on time, and whether the province has confirmed a proposed ladder.
  { key: 'from', header: 'Từ ngày', width: 100, optional: true },
  { key: 'yearOffset', header: 'Năm (so với năm đánh giá)', width: 110, optional: true },
  { key: 'onTime', header: 'Tính cả ngày hạn', width: 100, optional: true },
  { key: 'confirm', header: 'Xác nhận', width: 260, optional: true },
];

/** The columns of a rubric's scoring sheet: who, what the officer types, what the script writes. */
export interface ScoringColumns {
  readonly unit: readonly ColumnSpec[];
  /** Written by the approval workflow, never by score-all. */
  readonly workflow: readonly ColumnSpec[];
  /** One per item (points) or per input of an indicator (levels), in the order the domain reads them. */
  readonly inputs: readonly ColumnSpec[];
  readonly evidence: readonly ColumnSpec[];
  /** The commune's agreement meeting, where the rubric asks for it before submitting. */
  readonly meeting: readonly ColumnSpec[];
  /** The reviewer's adjusted value beside each input (same order as `inputs`), never over it. */
  readonly review: readonly ColumnSpec[];
  /** Why the reviewer adjusted: required when any adjusted value differs. */
  readonly reviewReason: ColumnSpec;
  readonly results: readonly ColumnSpec[];
  readonly all: readonly ColumnSpec[];
}

export const WORKFLOW_KEYS = {
  label: 'stateLabel',
  state: 'state',
  comment: 'lastComment',
  decisionNumber: 'decisionNumber',
  decisionDate: 'decisionDate',
  previous: 'previousState',
  approvedHash: 'approvedHash',
  submittedOn: 'submittedOn',
  appliedLevel: 'appliedLevel',
  decidedResult: 'decidedResult',
  logRow: 'logRow',
  handEdit: 'handEdit',
} as const;

export const WORKFLOW_COLUMNS: readonly ColumnSpec[] = [
  { key: WORKFLOW_KEYS.label, header: 'Trạng thái', width: 170, scriptOwned: true },
  { key: WORKFLOW_KEYS.comment, header: 'Nhận xét gần nhất', width: 260, scriptOwned: true },
  { key: WORKFLOW_KEYS.decisionNumber, header: 'Số quyết định', width: 130, scriptOwned: true },
  { key: WORKFLOW_KEYS.decisionDate, header: 'Ngày quyết định', width: 110, scriptOwned: true },
  // The state itself, in a form that does not change with the language.
  { key: WORKFLOW_KEYS.state, header: 'Mã trạng thái', width: 120, scriptOwned: true },
  // The state before the last step, which an administrator's «Hoàn tác» restores.
  { key: WORKFLOW_KEYS.previous, header: 'Mã trạng thái trước', width: 120, scriptOwned: true },
  // SHA-256 of the scores and evidence a level approved: a later change sends the unit back.
  {
    key: WORKFLOW_KEYS.approvedHash,
    header: 'Dấu giá trị đã duyệt',
    width: 120,
    scriptOwned: true,
  },
  // Added by this version: optional, so a sheet set up earlier works until set-up adds them.
  // The date the unit submitted: the 12-month wait and the ladder are judged at it.
  {
    key: WORKFLOW_KEYS.submittedOn,
    header: 'Ngày nộp',
    width: 110,
    scriptOwned: true,
    optional: true,
  },
  // Levels titles: the level the unit applied for when it submitted.
  {
    key: WORKFLOW_KEYS.appliedLevel,
    header: 'Mức đề nghị',
    width: 100,
    scriptOwned: true,
    optional: true,
  },
  // The level or band the decision recorded.
  {
    key: WORKFLOW_KEYS.decidedResult,
    header: 'Kết quả quyết định',
    width: 120,
    scriptOwned: true,
    optional: true,
  },
  // Issue 11, the log is the record: the sheet row of the unit's last log row (a pointer a step
  // cross-checks), and which cells disagree with that row («Sửa tay: …»), blank when none.
  {
    key: WORKFLOW_KEYS.logRow,
    header: 'Dòng nhật ký',
    width: 90,
    scriptOwned: true,
    optional: true,
  },
  {
    key: WORKFLOW_KEYS.handEdit,
    header: 'Sửa tay',
    width: 260,
    scriptOwned: true,
    optional: true,
  },
];

export const MEETING_KEYS = { date: 'meetingDate', minutes: 'meetingMinutes' } as const;

// Columns this version adds to sheets officers already use are optional: set-up adds them even beside
// columns of the officers' own (which otherwise could be a renamed column), and a sheet that has not
// had them added yet still scores.
const MEETING_COLUMNS: readonly ColumnSpec[] = [
  {
    key: MEETING_KEYS.date,
    header: 'Ngày họp thống nhất (ngày/tháng/năm)',
    prefix: 'Ngày họp thống nhất',
    width: 130,
    optional: true,
  },
  {
    key: MEETING_KEYS.minutes,
    header: 'Biên bản họp (đường dẫn hoặc số)',
    prefix: 'Biên bản họp',
    width: 220,
    optional: true,
  },
];

/** The column of the reviewer's value for an input column. */
export function reviewKey(input: string): string {
  return `review:${input}`;
}

const REVIEW_REASON: ColumnSpec = {
  key: 'reviewReason',
  header: 'Lý do điều chỉnh (thẩm định)',
  prefix: 'Lý do điều chỉnh',
  width: 240,
  optional: true,
};

export const RESULT_KEYS = {
  total: 'total',
  band: 'band',
  level: 'level',
  note: 'note',
  validity: 'validity',
  error: 'error',
  scoredAt: 'scoredAt',
  reviewed: 'reviewed',
  changes: 'reviewChanges',
} as const;

export function inputKey(code: string, part = ''): string {
  return `input:${code}${part ? `:${part}` : ''}`;
}

export function evidenceKey(code: string): string {
  return `evidence:${code}`;
}

export function criterionKey(code: string): string {
  return `criterion:${code}`;
}

const maxText = (max: Known<number>) => (isMissing(max) ? '?' : String(max));

const PART_HEADERS: Record<InputPart, { prefix: string; hint: string }> = {
  answer: { prefix: '', hint: 'Đạt/Chưa đạt' },
  level1: { prefix: 'mức độ 1', hint: 'Đạt/Chưa đạt' },
  level2: { prefix: 'mức độ 2', hint: 'Đạt/Chưa đạt' },
  count: { prefix: 'số đạt', hint: 'số người' },
  total: { prefix: 'tổng số', hint: 'số người' },
  hardArea: { prefix: '', hint: 'Có/Không' },
};

/**
 * The words after an indicator's code that name one of its cells («5.1 mức độ 1», «5.1 số đạt»), with
 * the level words of versions before issue 10 («5.1 mức 1»), which still name the same cells.
 */
export const PART_WORDS: readonly string[] = [
  'mức độ 1',
  'mức độ 2',
  'mức 1',
  'mức 2',
  'số đạt',
  'tổng số',
];
/** The level words of earlier versions' headers, for each level part. */
const EARLIER_WORDS: Partial<Record<InputPart, string>> = { level1: 'mức 1', level2: 'mức 2' };

/** Labels the previous versions gave placeholder columns: such a column never stands for a real one. */
export const PLACEHOLDER_LABELS: readonly string[] = ['Chỉ tiêu cần bổ sung', 'Mục cần bổ sung'];

/** What may not follow an input column's code: another part's words, or a placeholder's label. */
function rejected(label: string, partWords: readonly string[]): readonly string[] {
  return [...partWords, ...PLACEHOLDER_LABELS.filter((words) => words !== label)];
}

/** The per-unit answer of rubrics with thresholds for a difficult area (TT 25/2023 indicator 5.2). */
export const HARD_AREA_HEADER = 'Xã thuộc vùng khó khăn';

function inputColumns(rubric: Rubric): ColumnSpec[] {
  if (rubric.method === 'points') {
    return itemsOf(rubric).map((item) => ({
      key: inputKey(item.code),
      header: `${item.code} ${item.label} (tối đa ${maxText(item.max)})`,
      prefix: item.code,
      width: 110,
      notFollowedBy: rejected(item.label, []),
    }));
  }
  return indicatorInputs(rubric).map(({ indicator, part }): ColumnSpec => {
    const { prefix, hint } = PART_HEADERS[part];
    if (part === 'hardArea') {
      return {
        key: inputKey(indicator.code, part),
        header: `${HARD_AREA_HEADER} (${hint})`,
        prefix: HARD_AREA_HEADER,
        width: 130,
      };
    }
    const start = prefix ? `${indicator.code} ${prefix}` : indicator.code;
    const earlier = EARLIER_WORDS[part];
    return {
      ...(earlier ? { aliases: [`${indicator.code} ${earlier}`] } : {}),
      key: inputKey(indicator.code, part),
      header: prefix
        ? `${start} — ${indicator.label} (${hint})`
        : `${start} ${indicator.label} (${hint})`,
      prefix: start,
      width: part === 'count' || part === 'total' ? 90 : 130,
      // «5.1 mức 1 …» left from a layout where 5.1 was split is never read as the answer of 5.1, nor
      // «3.1 Chỉ tiêu cần bổ sung» (a placeholder of an earlier version) as the indicator 3.1 now is.
      notFollowedBy: rejected(indicator.label, prefix ? [] : PART_WORDS),
    };
  });
}

const script = (key: string, header: string, width: number): ColumnSpec => ({
  key,
  header,
  width,
  scriptOwned: true,
});

/** The columns scoring reads: the unit, its inputs and evidence, the reviewers' values, the results. */
export function scoredColumns(columns: ScoringColumns): ColumnSpec[] {
  return [
    ...columns.unit,
    ...columns.inputs,
    ...columns.evidence,
    ...columns.review,
    columns.reviewReason,
    ...columns.results,
  ];
}

export function scoringColumns(rubric: Rubric): ScoringColumns {
  const unit: ColumnSpec[] = UNIT_COLUMNS.filter((spec) =>
    ['code', 'name', 'district'].includes(spec.key),
  );
  const inputs = inputColumns(rubric);
  const leaves = rubric.method === 'points' ? itemsOf(rubric) : indicatorsOf(rubric);
  const evidence: ColumnSpec[] = leaves
    .filter((leaf) => leaf.evidenceRequired)
    .map((leaf) => ({
      key: evidenceKey(leaf.code),
      header: `Minh chứng ${leaf.code} (đường dẫn hoặc ghi chú)`,
      prefix: `Minh chứng ${leaf.code}`,
      width: 200,
    }));
  const meeting = rubric.meetingBeforeSubmit ? MEETING_COLUMNS : [];
  const review: ColumnSpec[] = inputs.map((spec) => ({
    key: reviewKey(spec.key),
    header: `Thẩm định ${spec.prefix ?? spec.header}`,
    prefix: `Thẩm định ${spec.prefix ?? spec.header}`,
    width: 90,
    optional: true,
    ...(spec.notFollowedBy ? { notFollowedBy: spec.notFollowedBy } : {}),
    ...(spec.aliases ? { aliases: spec.aliases.map((alias) => `Thẩm định ${alias}`) } : {}),
  }));
  const results: ColumnSpec[] =
    rubric.method === 'points'
      ? [
          ...rubric.criteria.map((criterion) => ({
            ...script(
              criterionKey(criterion.code),
              `Điểm TC${criterion.code} (/${maxText(criterion.max)})`,
              90,
            ),
            prefix: `Điểm TC${criterion.code}`,
          })),
          script(RESULT_KEYS.total, 'Tổng điểm', 80),
          script(RESULT_KEYS.band, 'Xếp loại', 90),
        ]
      : [
          script(RESULT_KEYS.level, 'Mức độ đạt', 100),
          script(RESULT_KEYS.note, 'Chỉ tiêu chưa đạt / ghi chú', 300),
          script(RESULT_KEYS.validity, 'Hiệu lực công nhận', 170),
        ];
  results.push(
    // The result on the reviewer's values where they adjusted any, and what they changed.
    script(RESULT_KEYS.reviewed, 'Kết quả thẩm định', 110),
    script(RESULT_KEYS.changes, 'Điều chỉnh thẩm định', 260),
    script(RESULT_KEYS.error, 'Lỗi', 360),
    script(RESULT_KEYS.scoredAt, 'Chấm lúc', 130),
  );
  return {
    unit,
    inputs,
    evidence,
    meeting,
    review,
    reviewReason: REVIEW_REASON,
    results,
    workflow: WORKFLOW_COLUMNS,
    all: [
      ...unit,
      ...inputs,
      ...evidence,
      ...meeting,
      ...review,
      REVIEW_REASON,
      ...results,
      ...WORKFLOW_COLUMNS,
    ],
  };
}
