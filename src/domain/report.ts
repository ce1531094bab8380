import { CHART_CONTENT_ID, type ChartSpec } from './chart';
import { compareVietnamese } from './collate';
import { escapeHtml } from './html';
import { plural, tr } from './i18n';
import { atMost } from './lines';
import type { Summary } from './summary';
import type { UnitState } from './workflow';

/**
 * The summary the steering committee reads by mail (issue 5): per title, the counts per district (and
 * cluster) by band or level and by workflow status, progress against the title's target, late units,
 * what changed since the last report, a chart of where the units stand, and the audit log's chain
 * head and row count, so that the committee's inboxes keep an outside witness of the log. In the
 * settings' report language; text and escaped HTML.
 */

/** Where a unit stands, in the five groups the chart shows. */
export type StandGroup = 'recognised' | 'inReview' | 'drafting' | 'notRegistered' | 'refused';
export const STAND_GROUPS: readonly StandGroup[] = [
  'recognised',
  'inReview',
  'drafting',
  'notRegistered',
  'refused',
];
const GROUP_COLORS: Record<StandGroup, string> = {
  recognised: '#2e7d32',
  inReview: '#1565c0',
  drafting: '#ef6c00',
  notRegistered: '#9e9e9e',
  refused: '#c62828',
};

/**
 * Where a unit stands: recognised only by a decision that meets the title and still holds, on its row
 * or (`stillRecognised`) in the register from an earlier year; a decision in a band that does not hold
 * the title stands with the refusals.
 */
export function standGroup(state: UnitState | undefined, stillRecognised = false): StandGroup {
  if (stillRecognised) return 'recognised';
  switch (state?.status) {
    case 'classified':
      return 'refused';
    case 'recognised':
      return 'recognised';
    case 'awaiting':
      return 'inReview';
    case 'drafting':
      return 'drafting';
    case 'refused':
      return 'refused';
    default:
      return 'notRegistered';
  }
}

function groupLabel(group: StandGroup): string {
  switch (group) {
    case 'recognised':
      return tr('Đã công nhận', 'Recognised');
    case 'inReview':
      return tr('Đang xét duyệt', 'In review');
    case 'drafting':
      return tr('Đơn vị đang tự đánh giá', 'Unit self-assessing');
    case 'notRegistered':
      return tr('Chưa đăng ký / hết hạn', 'Not registered / expired');
    case 'refused':
      return tr('Không công nhận', 'Not recognised');
  }
}

/** Where the units of each place (a district or a cluster) stand, by group. */
export type Standing = ReadonlyMap<string, ReadonlyMap<StandGroup, number>>;

/** Counts the units of each place by group, places in Vietnamese alphabetical order. */
export function tallyStanding(
  units: readonly { readonly place: string; readonly group: StandGroup }[],
): Standing {
  const byPlace = new Map<string, Map<StandGroup, number>>();
  for (const { place, group } of units) {
    const counts = byPlace.get(place) ?? new Map<StandGroup, number>();
    byPlace.set(place, counts);
    counts.set(group, (counts.get(group) ?? 0) + 1);
  }
  return new Map([...byPlace].sort(([a], [b]) => compareVietnamese(a, b)));
}

function standingTotal(standing: Standing): Map<StandGroup, number> {
  const total = new Map<StandGroup, number>();
  for (const counts of standing.values()) {
    for (const [group, n] of counts) total.set(group, (total.get(group) ?? 0) + n);
  }
  return total;
}

export interface ReportSheet {
  readonly title: string;
  readonly summary: Summary;
  /** Units per workflow status label, in first-seen order. */
  readonly statuses: ReadonlyMap<string, number>;
  /** Where the units of each district stand. */
  readonly standing: Standing;
  /** The same per cluster, when the units carry one. */
  readonly standingByCluster?: Standing;
  /** The title's target share of recognised units (%), when the criteria sheet sets one. */
  readonly targetPercent?: number;
  /** The same counts per cluster (cụm), when the units carry one. */
  readonly byCluster?: Summary;
  /** Late units, one line each («DV0001 – tên (huyện): Quá hạn gửi (28/02/2027)»). */
  readonly overdue: readonly string[];
  /** Units whose cells disagree with the log («sửa tay»), one line each: counted apart, never as recognised. */
  readonly handEdited?: readonly string[];
}

/** What the last report counted, kept to say what changed since. */
export interface ReportSnapshot {
  readonly date: string;
  readonly logRows: number;
  /** Per title, units per status label. */
  readonly statuses: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface ReportInput {
  readonly title: string;
  readonly date: string;
  readonly sheets: readonly ReportSheet[];
  readonly log: {
    /** The rows and head as they stand (counted, not re-hashed). */
    readonly rows: number;
    readonly head: string;
    /** Offline steps above the submitting level waiting for confirmation online (issue 11). */
    readonly unconfirmed?: number;
    /** The last full verification, when there was one: when (dd/mm/yyyy hh:mm), rows, result. */
    readonly verified?: {
      readonly at: string;
      readonly rows: number;
      readonly ok: boolean;
      readonly message: string;
    };
  };
  /** The last report queued, if any. */
  readonly previous?: ReportSnapshot;
}

export interface Report {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly chart: ChartSpec;
  /** What this report counted, to keep for the next. */
  readonly snapshot: ReportSnapshot;
  /** The text without the comparison with the last report: the same counts give the same key. */
  readonly counted: string;
}

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]) {
  const text = [header, ...rows].map((row) => row.join(' | ')).join('\n');
  // Attributes rather than a style per cell: the body must fit one outbox cell (50,000 characters).
  const cell = (tag: string, value: string | number) =>
    `<${tag}>${escapeHtml(String(value))}</${tag}>`;
  const html = `<table border="1" cellpadding="4" style="border-collapse:collapse;border-color:#ccc"><tr>${header.map((h) => cell('th', h)).join('')}</tr>${rows
    .map((row) => `<tr>${row.map((v) => cell('td', v)).join('')}</tr>`)
    .join('')}</table>`;
  return { text, html };
}

function percent(part: number, whole: number): string {
  const share = whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10;
  return String(share).replace('.', tr(',', '.'));
}

/** «Tiến độ: 45/120 đơn vị đã công nhận (37,5%); chỉ tiêu 70%: còn thiếu 39 đơn vị.» */
function progressLine(sheet: ReportSheet): string {
  const units = sheet.summary.total.units;
  const done = standingTotal(sheet.standing).get('recognised') ?? 0;
  const reached = tr(
    `Tiến độ: ${done}/${units} đơn vị đã công nhận (${percent(done, units)}%)`,
    `Progress: ${done}/${plural(units, 'unit', 'units')} recognised (${percent(done, units)}%)`,
  );
  if (sheet.targetPercent === undefined) {
    return tr(
      `${reached}; chưa đặt chỉ tiêu (dòng Quy tắc CHI_TIEU ở trang «Tiêu chí»).`,
      `${reached}; no target set (rule row CHI_TIEU in the «Tiêu chí» sheet).`,
    );
  }
  const needed = Math.ceil((sheet.targetPercent * units) / 100) - done;
  return needed > 0
    ? tr(
        `${reached}; chỉ tiêu ${sheet.targetPercent}%: còn thiếu ${needed} đơn vị.`,
        `${reached}; target ${sheet.targetPercent}%: ${plural(needed, 'unit', 'units')} short.`,
      )
    : tr(
        `${reached}; đã đạt chỉ tiêu ${sheet.targetPercent}%.`,
        `${reached}; the ${sheet.targetPercent}% target is reached.`,
      );
}

/** Each status whose count moved since the last report: «Đã công nhận: 12 → 20 (+8)». */
function changeLines(sheet: ReportSheet, previous: ReportSnapshot | undefined): string[] {
  if (!previous) return [];
  const before = previous.statuses[sheet.title] ?? {};
  const labels = [...new Set([...Object.keys(before), ...sheet.statuses.keys()])];
  return labels.flatMap((label) => {
    const was = before[label] ?? 0;
    const now = sheet.statuses.get(label) ?? 0;
    return was === now ? [] : [`${label}: ${was} → ${now} (${now > was ? '+' : ''}${now - was})`];
  });
}

/** Where the units of each title stand: one group of bars per title, stacked. */
function standChart(input: ReportInput): ChartSpec {
  return {
    title: tr('Tình hình công nhận theo danh hiệu', 'Where the units stand, per title'),
    categories: input.sheets.map((sheet) => sheet.title),
    series: STAND_GROUPS.map((group) => ({
      name: groupLabel(group),
      values: input.sheets.map((sheet) => standingTotal(sheet.standing).get(group) ?? 0),
      color: GROUP_COLORS[group],
    })),
    stacked: true,
    width: 640,
    height: 360,
  };
}

export function summaryReport(input: ReportInput): Report {
  const heading = tr(
    `${input.title} — báo cáo ngày ${input.date}`,
    `${input.title} — report of ${input.date}`,
  );
  const text: string[] = [heading, ''];
  // The comparison with the last report goes to the text only, not to what the key is made of.
  const comparison = new Set<number>();
  const html: string[] = [
    `<p><b>${escapeHtml(heading)}</b></p>`,
    `<p><img src="cid:${CHART_CONTENT_ID}" alt="${escapeHtml(tr('Biểu đồ tình hình công nhận', 'Chart of where the units stand'))}" width="640" height="360"></p>`,
  ];
  const paragraph = (line: string, compared = false) => {
    if (compared) comparison.add(text.length).add(text.length + 1);
    text.push(line, '');
    html.push(`<p>${escapeHtml(line)}</p>`);
  };
  const list = (title: string, lines: readonly string[], compared = false) => {
    if (compared) comparison.add(text.length).add(text.length + 1);
    text.push([title, ...lines.map((line) => `• ${line}`)].join('\n'), '');
    html.push(
      `<p>${escapeHtml(title)}</p><ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
    );
  };
  const counts = (first: string, summary: Summary) =>
    table(
      [
        first,
        tr('Đơn vị', 'Units'),
        ...summary.bands,
        tr('Lỗi', 'Errors'),
        tr('Chưa nhập', 'Not entered'),
      ],
      [...summary.rows, summary.total].map((row) => [
        row.district,
        row.units,
        ...summary.bands.map((band) => row.byBand.get(band) ?? 0),
        row.invalid,
        row.empty,
      ]),
    );
  const standingTable = (first: string, standing: Standing) => {
    const row = (place: string, counts: ReadonlyMap<StandGroup, number>) => [
      place,
      STAND_GROUPS.reduce((sum, group) => sum + (counts.get(group) ?? 0), 0),
      ...STAND_GROUPS.map((group) => counts.get(group) ?? 0),
    ];
    return table(
      [first, tr('Đơn vị', 'Units'), ...STAND_GROUPS.map(groupLabel)],
      [
        ...[...standing].map(([place, counts]) => row(place, counts)),
        row(tr('Toàn tỉnh', 'Province'), standingTotal(standing)),
      ],
    );
  };
  const block = (made: { text: string; html: string }) => {
    text.push(made.text, '');
    html.push(made.html, '<p></p>');
  };
  if (input.previous) {
    paragraph(
      tr(
        `So với báo cáo ngày ${input.previous.date}: ${input.log.rows - input.previous.logRows} dòng nhật ký mới.`,
        `Since the report of ${input.previous.date}: ${input.log.rows - input.previous.logRows} new log rows.`,
      ),
      true,
    );
  }
  for (const sheet of input.sheets) {
    text.push(sheet.title);
    html.push(`<h3>${escapeHtml(sheet.title)}</h3>`);
    paragraph(progressLine(sheet));
    block(counts(tr('Địa bàn (huyện cũ)', 'Former district'), sheet.summary));
    block(standingTable(tr('Địa bàn (huyện cũ)', 'Former district'), sheet.standing));
    if (sheet.byCluster) block(counts(tr('Cụm', 'Cluster'), sheet.byCluster));
    if (sheet.standingByCluster)
      block(standingTable(tr('Cụm', 'Cluster'), sheet.standingByCluster));
    block(table([tr('Trạng thái', 'Status'), tr('Số đơn vị', 'Units')], [...sheet.statuses]));
    const changes = changeLines(sheet, input.previous);
    if (input.previous) {
      list(
        tr('Thay đổi so với báo cáo trước:', 'Changes since the last report:'),
        changes.length > 0 ? changes : [tr('không có', 'none')],
        true,
      );
    }
    if (sheet.overdue.length > 0) {
      list(
        tr(
          `Quá hạn (${sheet.overdue.length} đơn vị):`,
          `Overdue (${plural(sheet.overdue.length, 'unit', 'units')}):`,
        ),
        atMost(sheet.overdue),
      );
    }
    if (sheet.handEdited && sheet.handEdited.length > 0) {
      list(
        tr(
          `Sửa tay — ô do XHHT ghi khác với nhật ký, không được tính (${sheet.handEdited.length} đơn vị):`,
          `Edited by hand — cells XHHT writes differ from the log, not counted (${plural(sheet.handEdited.length, 'unit', 'units')}):`,
        ),
        atMost(sheet.handEdited),
      );
    }
  }
  const { verified, unconfirmed } = input.log;
  if (unconfirmed) {
    paragraph(
      tr(
        `${unconfirmed} đơn vị có bước ngoại tuyến (duyệt, công nhận, trả lại, không công nhận) chưa được xác nhận trực tuyến: các bước ấy chưa được tính trong số liệu trên. Người có vai trò của bước chọn XHHT → «Xác nhận bước ngoại tuyến».`,
        `${plural(unconfirmed, 'unit has', 'units have')} offline steps (approval, recognition, return, refusal) not yet confirmed online: those steps are not counted above. Someone with the step's role chooses XHHT → «Xác nhận bước ngoại tuyến».`,
      ),
    );
  }
  paragraph(
    !verified
      ? tr(
          `Nhật ký: ${input.log.rows} dòng. Mã đầu chuỗi: ${input.log.head || '(chưa có)'}. Chưa có lần kiểm tra toàn bộ nào: việc buổi sáng sẽ kiểm, hoặc chọn XHHT → Kiểm tra nhật ký. Hãy giữ thư này: mã này cho phép phát hiện về sau nếu nhật ký bị sửa.`,
          `Audit log: ${plural(input.log.rows, 'row', 'rows')}. Chain head: ${input.log.head || '(none yet)'}. Never verified in full yet: the morning run will, or choose XHHT → Kiểm tra nhật ký. Keep this mail: the head lets anyone detect a later edit of the log.`,
        )
      : verified.ok
        ? tr(
            `Nhật ký: ${input.log.rows} dòng. Mã đầu chuỗi: ${input.log.head || '(chưa có)'}. Lần kiểm tra toàn bộ gần nhất (${verified.at}, ${verified.rows} dòng): nguyên vẹn. Hãy giữ thư này: mã này cho phép phát hiện về sau nếu nhật ký bị sửa.`,
            `Audit log: ${input.log.rows} rows. Chain head: ${input.log.head || '(none yet)'}. Last full verification (${verified.at}, ${verified.rows} rows): intact. Keep this mail: the head lets anyone detect a later edit of the log.`,
          )
        : tr(
            `Nhật ký: KHÔNG còn nguyên vẹn (lần kiểm tra toàn bộ gần nhất: ${verified.at}). ${verified.message}`,
            `Audit log: NOT intact (last full verification: ${verified.at}). ${verified.message}`,
          ),
  );
  return {
    subject: tr(
      `[XHHT] Báo cáo tổng hợp ${input.title} ngày ${input.date}`,
      `[XHHT] Summary report ${input.title} of ${input.date}`,
    ),
    text: text.join('\n').trimEnd(),
    counted: text.filter((_, i) => !comparison.has(i)).join('\n'),
    html: html.join(''),
    chart: standChart(input),
    snapshot: {
      date: input.date,
      logRows: input.log.rows,
      statuses: Object.fromEntries(
        input.sheets.map((sheet) => [sheet.title, Object.fromEntries(sheet.statuses)]),
      ),
    },
  };
}
