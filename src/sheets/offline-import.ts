import { cellPlace } from '../domain/a1';
import {
  type AuditEntry,
  type AuditRow,
  GENESIS,
  isUnvouched,
  logName,
  rowHash,
} from '../domain/audit';
import { type CellValue, cellText, isBlank, storedText, textKey } from '../domain/cells';
import { plural, tr } from '../domain/i18n';
import { IMPORT_ACTION } from '../domain/offline-claims';
import type { OutgoingMail } from '../domain/outbox';
import type { Rubric } from '../domain/rubric';
import { AUDIT_ARCHIVE_SHEET, OUTBOX_ARCHIVE_SHEET } from './archive';
import {
  AUDIT_COLUMNS,
  AUDIT_SHEET,
  appendAudit,
  assertLogAppendable,
  HEAD_SHEET,
  readAudit,
} from './audit-log';
import { readCriteria } from './criteria-sheet';
import { SheetError } from './errors';
import { RECOGNISED_SHEET } from './export-recognised';
import {
  CRITERIA_SHEET,
  REGISTER_SHEET,
  SETTINGS_SHEET,
  scoringColumns,
  UNITS_SHEET,
  WORKFLOW_COLUMNS,
  WORKFLOW_KEYS,
} from './layout';
import { noteClaims } from './offline-claims';
import { OUTBOX_COLUMNS, OUTBOX_SHEET, queueMail } from './outbox';
import { PEOPLE_SHEET } from './people-sheet';
import type { ClockPort, HasherPort, SheetPort, StorePort, WorkbookPort } from './ports';
import { CRITERIA_ARCHIVE_SHEET } from './set-up';
import { type ColumnSpec, columnOf, columnRuns, type Located, locateColumns } from './table';

/**
 * XHHT → «Nhập kết quả ngoại tuyến (quản trị)» (issue 11). Uploading an offline .xlsx over the
 * spreadsheet would discard the rows written online meanwhile, so the round trip is an import: the
 * administrator brings the file in as new sheets (Sheets: File → Import → «Insert new sheet(s)»), and
 * this merges what the offline copy adds: values typed offline, the log rows after the part both logs
 * share (each appended again to the online chain under its offline, unvouched name, the unit's cells set
 * as the step left them), and the mail queued offline (queued again here, so its rows are the product's
 * own). Any conflict with the online rows refuses the whole import, naming it; nothing is written then.
 *
 * The imported sheets are recognised by their header rows, not their names (Sheets names them «Copy of
 * …», «Bản sao của …», or the original name with a number), and only sheets whose name is none of the
 * workbook's own are considered.
 */

/** The log row's fields, the record columns of issue 11 included ('' where the log lacks them). */
const LOG_FIELDS = [
  'time',
  'user',
  'unit',
  'action',
  'from',
  'to',
  'comment',
  'previous',
  'record',
  'unitPrevious',
] as const;

/** The product's own sheet names: never taken for an imported copy. */
const OWN_SHEETS = [
  SETTINGS_SHEET,
  UNITS_SHEET,
  CRITERIA_SHEET,
  REGISTER_SHEET,
  PEOPLE_SHEET,
  AUDIT_SHEET,
  HEAD_SHEET,
  OUTBOX_SHEET,
  // The offline file's document properties (src/node/sheet-store.ts).
  'XHHT thuộc tính',
  RECOGNISED_SHEET,
  AUDIT_ARCHIVE_SHEET,
  OUTBOX_ARCHIVE_SHEET,
  CRITERIA_ARCHIVE_SHEET,
];

/** Own sheets whose copies are merged, not only removed. */
const MERGED = new Set([AUDIT_SHEET, OUTBOX_SHEET].map(textKey));

/**
 * The names a copy may stand for: Sheets names an imported sheet «Copy of X», «Bản sao của X», or X
 * with a number after it («X 1», «X (2)»); X itself may end in a number.
 */
export function originalNames(name: string): string[] {
  const bare = name
    .normalize('NFC')
    .replace(/^(copy of|bản sao của)\s+/i, '')
    .trim();
  return [bare, bare.replace(/\s*(\(\d+\)|\d+)$/, '').trim()];
}

export interface ImportedSheets {
  readonly log?: string;
  readonly outbox?: string;
  /** Imported scoring sheets: the online sheet each matches, by its rubric. */
  readonly scoring: readonly { readonly imported: string; readonly online: string }[];
  /** The copy of the offline file's hidden head sheet, when the import brought it. */
  readonly head?: string;
  /** Other copies of the workbook's own sheets (settings, units…): removed with the rest. */
  readonly copies: readonly string[];
}

function header(workbook: WorkbookPort, name: string): CellValue[] {
  const sheet = workbook.sheet(name);
  if (!sheet || sheet.lastRow() < 1 || sheet.lastColumn() < 1) return [];
  return sheet.readRange(1, 1, 1, sheet.lastColumn())[0] ?? [];
}

/** Whether a header row holds every non-optional column of `specs`. */
function holds(row: readonly CellValue[], specs: readonly ColumnSpec[]): boolean {
  return locateColumns(row, specs).missing.every((spec) => spec.optional);
}

/** The sheets an import brought in, recognised by their headers. */
export function findImported(workbook: WorkbookPort, rubrics: readonly Rubric[]): ImportedSheets {
  const own = new Set(
    [...OWN_SHEETS, ...rubrics.map((rubric) => rubric.scoringSheet)].map(textKey),
  );
  const found: { log?: string; outbox?: string; head?: string } = {};
  const scoring: { imported: string; online: string }[] = [];
  const copies: string[] = [];
  for (const name of workbook.sheetNames()) {
    if (own.has(textKey(name))) continue;
    const original =
      originalNames(name)
        .map(textKey)
        .find((candidate) => own.has(candidate)) ?? '';
    // A copy of a sheet that is not merged (the archives have the log's and outbox's headers).
    if (original === textKey(HEAD_SHEET)) {
      found.head ??= name;
      copies.push(name);
      continue;
    }
    if (
      own.has(original) &&
      !MERGED.has(original) &&
      !rubrics.some((r) => textKey(r.scoringSheet) === original)
    ) {
      copies.push(name);
      continue;
    }
    const row = header(workbook, name);
    if (holds(row, AUDIT_COLUMNS)) {
      if (found.log) throw twice(found.log, name, AUDIT_SHEET);
      found.log = name;
      continue;
    }
    if (holds(row, OUTBOX_COLUMNS)) {
      if (found.outbox) throw twice(found.outbox, name, OUTBOX_SHEET);
      found.outbox = name;
      continue;
    }
    // A scoring sheet: the rubric whose columns it holds; of several, the one whose name it bears.
    const matching = rubrics.filter((rubric) =>
      holds(
        row,
        scoringColumns(rubric).all.filter((spec) => !spec.scriptOwned),
      ),
    );
    const rubric =
      matching.length > 1
        ? matching.find((r) => textKey(r.scoringSheet) === original)
        : matching[0];
    if (rubric) {
      const earlier = scoring.find((s) => s.online === rubric.scoringSheet);
      if (earlier) throw twice(earlier.imported, name, rubric.scoringSheet);
      scoring.push({ imported: name, online: rubric.scoringSheet });
      continue;
    }
    if (own.has(original)) copies.push(name);
  }
  return { ...found, scoring, copies };
}

function twice(first: string, second: string, kind: string): SheetError {
  return new SheetError(
    tr(
      `Có hai trang nhập vào giống «${kind}»: «${first}» và «${second}». Xóa trang của lần nhập cũ (hoặc đổi tên trang không phải bản nhập), rồi chọn lại.`,
      `Two imported sheets look like «${kind}»: «${first}» and «${second}». Delete the older import's sheet (or rename the one that is not an import), then choose again.`,
    ),
  );
}

export interface ImportPorts {
  readonly workbook: WorkbookPort;
  readonly store: StorePort;
  readonly hasher: HasherPort;
  readonly clock: ClockPort;
}

export interface ImportPlan {
  readonly sheets: ImportedSheets;
  /** Conflicts, each naming its sheet and cell or log row: the import is refused when any. */
  readonly conflicts: readonly string[];
  /** Offline log rows to append, in order, with their sheet rows in the imported log. */
  readonly steps: readonly { readonly row: AuditRow; readonly extras: Record<string, string> }[];
  /** The first imported log row they start at (sheet row). */
  readonly firstStepRow: number;
  /** Cell writes to the online scoring sheets: sheet → row → column → value. */
  readonly writes: ReadonlyMap<string, ReadonlyMap<number, ReadonlyMap<number, CellValue>>>;
  /** Values taken from the offline copy (not counting the step cells). */
  readonly values: number;
  /** Mail queued offline, not yet in the online outbox. */
  readonly mail: readonly OutgoingMail[];
}

/** The log rows of an imported log (exactly as stored), and the other columns' cells by header. */
function importedLog(workbook: WorkbookPort, name: string) {
  const [head = [], ...values] = workbook.sheet(name)?.readValues() ?? [];
  const located = locateColumns(head, AUDIT_COLUMNS);
  const known = new Set(located.columns.values());
  return values
    .filter((cells) => cells.some((cell) => !isBlank(cell)))
    .map((cells) => {
      const row = Object.fromEntries(
        LOG_FIELDS.map((key) => {
          const column = located.columns.get(key);
          return [key, column === undefined ? '' : storedText(cells[column - 1])];
        }),
      ) as unknown as AuditRow;
      const extras: Record<string, string> = {};
      head.forEach((title, i) => {
        if (!known.has(i + 1) && cellText(title) !== '')
          extras[cellText(title)] = storedText(cells[i]);
      });
      return { row, extras };
    });
}

const sameRow = (a: AuditRow, b: AuditRow) =>
  LOG_FIELDS.every((key) => (a[key] ?? '').normalize('NFC') === (b[key] ?? '').normalize('NFC'));

/**
 * Everything the import would write, and every conflict that refuses it: reads only. The online log
 * and the imported one share a first part (the rows the offline copy was made with); the imported rows
 * after it are the offline steps. A unit with online rows after that part and offline steps, a value
 * that differs on both sides (both cells filled, not equal), a unit the online sheet lacks, an imported
 * log that does not follow its own chain: each is a conflict.
 */
export function planImport(
  ports: ImportPorts,
  sheets: ImportedSheets,
  rubrics: readonly Rubric[],
): ImportPlan {
  const conflicts: string[] = [];
  const digest = (text: string) => ports.hasher.sha256Hex(text);
  const online = readAudit(ports.workbook);
  const offline = sheets.log ? importedLog(ports.workbook, sheets.log) : [];
  // The shared part: equal rows from the start.
  let shared = 0;
  while (
    shared < online.length &&
    shared < offline.length &&
    sameRow(online[shared] as AuditRow, (offline[shared] as { row: AuditRow }).row)
  ) {
    shared++;
  }
  if (sheets.log && offline.length > 0 && shared === 0 && online.length > 0) {
    conflicts.push(
      tr(
        `Trang «${sheets.log}» không bắt đầu bằng các dòng của «${AUDIT_SHEET}»: tệp ngoại tuyến không được tạo từ bảng tính này (hoặc nhật ký đã được lưu trữ sau khi tải tệp xuống).`,
        `Sheet «${sheets.log}» does not start with the rows of «${AUDIT_SHEET}»: the offline file was not made from this spreadsheet (or the log was archived after it was downloaded).`,
      ),
    );
  }
  const fresh = offline.slice(shared);
  // The offline rows follow each other: an edit in the offline file breaks the chain.
  let head = shared > 0 ? rowHash(online[shared - 1] as AuditRow, digest) : GENESIS;
  for (const [i, { row }] of fresh.entries()) {
    if (row.previous !== head) {
      conflicts.push(
        tr(
          `${cellPlace(sheets.log ?? '', shared + i + 2, 1)}: dòng này không nối tiếp dòng trước trong nhật ký ngoại tuyến (đã bị sửa, chèn hay xóa): không nhập được tệp này.`,
          `${cellPlace(sheets.log ?? '', shared + i + 2, 1)}: this row does not follow the one before in the offline log (altered, inserted or removed): this file cannot be imported.`,
        ),
      );
      break;
    }
    head = rowHash(row, digest);
  }
  // The head the offline file kept for its log: the last row is as xhht wrote it.
  const keptOffline = sheets.head
    ? cellText(ports.workbook.sheet(sheets.head)?.readValues()[0]?.[1])
    : '';
  if (fresh.length > 0 && keptOffline !== '' && keptOffline !== head && conflicts.length === 0) {
    conflicts.push(
      tr(
        `Cuối trang «${sheets.log}» không khớp với mã đầu chuỗi tệp ngoại tuyến giữ ở «${sheets.head}»: dòng cuối đã bị sửa, hoặc có dòng bị thêm hay xóa.`,
        `The end of «${sheets.log}» does not match the chain head the offline file kept in «${sheets.head}»: the last row was altered, or rows were added or removed.`,
      ),
    );
  }
  // A unit stepped online after the copy was made, and offline too.
  const onlineSince = new Map<string, number>();
  online.slice(shared).forEach((row, i) => {
    if (textKey(row.unit) !== '' && !onlineSince.has(textKey(row.unit)))
      onlineSince.set(textKey(row.unit), shared + i + 2);
  });
  const stepped = new Set<string>();
  // Where each row will stand online: after the online rows and the import's own row.
  const lastRowOf = new Map<string, number>();
  online.forEach((row, i) => {
    if (textKey(row.unit) !== '') lastRowOf.set(textKey(row.unit), i + 2);
  });
  // A row that carries the unit's pointer gets the online one: its unit's previous row online.
  const steps = fresh.map(({ row, extras }, i) => {
    const unit = textKey(row.unit);
    if (unit === '') return { row, extras };
    const previous = lastRowOf.get(unit);
    lastRowOf.set(unit, online.length + 3 + i);
    if ((row.record ?? '') === '' && (row.unitPrevious ?? '') === '') return { row, extras };
    return {
      row: { ...row, unitPrevious: previous === undefined ? '' : String(previous) },
      extras,
    };
  });
  const newRowOf = new Map<string, number>();
  fresh.forEach(({ row }, i) => {
    if (textKey(row.unit) !== '') newRowOf.set(textKey(row.unit), online.length + 3 + i);
  });
  for (const [i, { row }] of fresh.entries()) {
    const unit = textKey(row.unit);
    if (unit === '') continue;
    stepped.add(unit);
    const at = onlineSince.get(unit);
    if (at !== undefined) {
      conflicts.push(
        tr(
          `Đơn vị ${row.unit}: có bước trực tuyến sau khi tệp ngoại tuyến được tạo (${cellPlace(AUDIT_SHEET, at, 1)}) và bước ngoại tuyến «${row.action}» (${cellPlace(sheets.log ?? '', shared + i + 2, 1)}).`,
          `Unit ${row.unit}: stepped online after the offline file was made (${cellPlace(AUDIT_SHEET, at, 1)}) and offline «${row.action}» (${cellPlace(sheets.log ?? '', shared + i + 2, 1)}).`,
        ),
      );
      onlineSince.delete(unit);
    }
  }
  const writes = new Map<string, Map<number, Map<number, CellValue>>>();
  let values = 0;
  for (const pair of sheets.scoring) {
    const rubric = rubrics.find((r) => r.scoringSheet === pair.online);
    const target = ports.workbook.sheet(pair.online);
    if (!rubric || !target) continue;
    const specs = scoringColumns(rubric);
    const typed = specs.all.filter(
      (spec) => !spec.scriptOwned && !specs.unit.some((unit) => unit.key === spec.key),
    );
    const [theirHead = [], ...theirs] = ports.workbook.sheet(pair.imported)?.readValues() ?? [];
    const [ourHead = [], ...ours] = target.readValues();
    const theirAt = locateColumns(theirHead, specs.all);
    const ourAt = locateColumns(ourHead, specs.all);
    const rowOf = new Map<string, number>();
    ours.forEach((cells, i) => {
      const code = textKey(cells[(ourAt.columns.get('code') ?? 1) - 1]);
      if (code !== '') rowOf.set(code, i);
    });
    const sheetWrites = new Map<number, Map<number, CellValue>>();
    const put = (row: number, column: number, value: CellValue) => {
      const cells = sheetWrites.get(row) ?? new Map<number, CellValue>();
      cells.set(column, value);
      sheetWrites.set(row, cells);
    };
    theirs.forEach((cells, i) => {
      const code = cellText(cells[(theirAt.columns.get('code') ?? 1) - 1]);
      if (code === '') return;
      const index = rowOf.get(textKey(code));
      if (index === undefined) {
        conflicts.push(
          tr(
            `${cellPlace(pair.imported, i + 2, theirAt.columns.get('code') ?? 1)}: đơn vị ${code} không có trong trang «${pair.online}»; thêm đơn vị trực tuyến (XHHT → Khởi tạo bảng tính) rồi nhập lại.`,
            `${cellPlace(pair.imported, i + 2, theirAt.columns.get('code') ?? 1)}: unit ${code} is not in the «${pair.online}» sheet; add it online (XHHT → Khởi tạo bảng tính) and import again.`,
          ),
        );
        return;
      }
      const mine = ours[index] as CellValue[];
      const row = index + 2;
      for (const spec of typed) {
        const from = theirAt.columns.get(spec.key);
        const to = ourAt.columns.get(spec.key);
        if (from === undefined || to === undefined) continue;
        const their = cells[from - 1] ?? '';
        const our = mine[to - 1] ?? '';
        if (isBlank(their) || storedText(their) === storedText(our)) continue;
        if (isBlank(our)) {
          put(row, to, their);
          values++;
          continue;
        }
        conflicts.push(
          tr(
            `${cellPlace(pair.online, row, to)} (đơn vị ${code}, «${spec.header}»): trực tuyến «${storedText(our)}», ngoại tuyến «${storedText(their)}». Sửa cho hai bên giống nhau rồi nhập lại.`,
            `${cellPlace(pair.online, row, to)} (unit ${code}, «${spec.header}»): «${storedText(our)}» online, «${storedText(their)}» offline. Make both the same, then import again.`,
          ),
        );
      }
      // The unit's cells as the offline steps left them.
      if (!stepped.has(textKey(code))) return;
      for (const spec of WORKFLOW_COLUMNS) {
        const from = theirAt.columns.get(spec.key);
        const to = ourAt.columns.get(spec.key);
        if (from === undefined || to === undefined) continue;
        if (spec.key === WORKFLOW_KEYS.logRow || spec.key === WORKFLOW_KEYS.handEdit) continue;
        put(row, to, cells[from - 1] ?? '');
      }
      // The row points at its last log row online, and no hand edit is left noted.
      const pointer = ourAt.columns.get(WORKFLOW_KEYS.logRow);
      const lastRow = newRowOf.get(textKey(code));
      if (pointer !== undefined && lastRow !== undefined) put(row, pointer, lastRow);
      const handEdit = ourAt.columns.get(WORKFLOW_KEYS.handEdit);
      if (handEdit !== undefined) put(row, handEdit, '');
    });
    if (sheetWrites.size > 0) writes.set(pair.online, sheetWrites);
  }
  return {
    sheets,
    conflicts,
    steps,
    firstStepRow: shared + 2,
    writes,
    values,
    mail: sheets.outbox ? offlineMail(ports.workbook, sheets.outbox) : [],
  };
}

/** The mail still queued in the imported outbox and not in the online one. */
function offlineMail(workbook: WorkbookPort, name: string): OutgoingMail[] {
  const [head = [], ...rows] = workbook.sheet(name)?.readValues() ?? [];
  const at: Located = locateColumns(head, OUTBOX_COLUMNS);
  const col = (cells: CellValue[], key: string) => storedText(cells[columnOf(at, key) - 1]);
  const [onlineHead = [], ...onlineRows] = workbook.sheet(OUTBOX_SHEET)?.readValues() ?? [];
  const onlineAt = locateColumns(onlineHead, OUTBOX_COLUMNS);
  const known = new Set(
    onlineAt.columns.has('key')
      ? onlineRows.map((cells) => cellText(cells[columnOf(onlineAt, 'key') - 1]))
      : [],
  );
  return rows
    .filter((cells) => textKey(col(cells, 'status')) === textKey('Chờ gửi'))
    .filter((cells) => col(cells, 'key') !== '' && !known.has(col(cells, 'key')))
    .map((cells) => {
      const chart = col(cells, 'chart');
      let parsed: OutgoingMail['chart'];
      try {
        parsed = chart === '' ? undefined : JSON.parse(chart);
      } catch {
        parsed = undefined;
      }
      return {
        key: col(cells, 'key'),
        to: col(cells, 'to')
          .split(/[,;]/)
          .map((address) => address.trim())
          .filter((address) => address !== ''),
        subject: col(cells, 'subject'),
        text: col(cells, 'text'),
        ...(col(cells, 'html') === '' ? {} : { html: col(cells, 'html') }),
        ...(parsed ? { chart: parsed } : {}),
      };
    });
}

export interface ImportReport {
  readonly steps: number;
  readonly values: number;
  readonly mail: number;
  readonly removed: readonly string[];
  /** Sheet rows of «Nhật ký» the offline steps now stand at. */
  readonly logRows?: { readonly first: number; readonly last: number };
}

/**
 * Writes the plan: values and step cells (one write per row run of each column, at most one per
 * cell), the log (one import row naming who made it, then the offline steps), the mail, then removes
 * the imported sheets. Call under the lock, after `planImport` found no conflict.
 */
export function applyImport(
  ports: ImportPorts,
  plan: ImportPlan,
  actor: { readonly time: string; readonly user: string },
): ImportReport {
  if (plan.conflicts.length > 0) throw new SheetError(plan.conflicts.join('\n'));
  const logRows = readAudit(ports.workbook).length;
  assertLogAppendable(ports, logRows);
  for (const [name, rows] of plan.writes) {
    const sheet = ports.workbook.sheet(name);
    if (sheet) writeCells(sheet, rows);
  }
  const offlineHead = plan.steps.length
    ? rowHash(plan.steps[plan.steps.length - 1]?.row as AuditRow, (t) => ports.hasher.sha256Hex(t))
    : '';
  const entry: AuditEntry = {
    ...actor,
    unit: '',
    action: IMPORT_ACTION,
    from: '',
    to: '',
    comment: `Nhập từ «${plan.sheets.log ?? plan.sheets.scoring[0]?.imported ?? ''}»: ${plan.steps.length} bước ngoại tuyến (dòng ${plan.firstStepRow}–${plan.firstStepRow + plan.steps.length - 1} của nhật ký ngoại tuyến, mã đầu chuỗi ngoại tuyến ${offlineHead || '(không có)'}), ${plan.values} giá trị, ${plan.mail.length} thư chờ gửi. Các bước trên mức gửi chỉ được tính khi được xác nhận trực tuyến.`,
  };
  const steps: AuditEntry[] = plan.steps.map(({ row }) => ({
    time: row.time,
    // The name stays the offline one, marked as nobody vouched for it.
    user: isUnvouched(row.user) ? row.user : logName(row.user, false),
    unit: row.unit,
    action: row.action,
    from: row.from,
    to: row.to,
    comment: row.comment,
    ...((row.record ?? '') === '' ? {} : { record: row.record }),
    ...((row.unitPrevious ?? '') === '' ? {} : { unitPrevious: row.unitPrevious }),
  }));
  appendAudit(ports, [entry, ...steps], [{}, ...plan.steps.map((step) => step.extras)]);
  if (steps.length > 0) noteClaims(ports.store, logRows + 3);
  const mail = plan.mail.length > 0 ? queueMail(ports, plan.mail) : 0;
  const removed: string[] = [];
  for (const name of [
    ...plan.sheets.scoring.map((pair) => pair.imported),
    ...(plan.sheets.log ? [plan.sheets.log] : []),
    ...(plan.sheets.outbox ? [plan.sheets.outbox] : []),
    ...plan.sheets.copies,
  ]) {
    ports.workbook.removeSheet(name);
    removed.push(name);
  }
  return {
    steps: steps.length,
    values: plan.values,
    mail,
    removed,
    ...(steps.length ? { logRows: { first: logRows + 3, last: logRows + 2 + steps.length } } : {}),
  };
}

/**
 * Writes cells column by column, one write per run of adjacent rows: cells not named are never
 * written, so nothing typed meanwhile beside them is overwritten.
 */
function writeCells(
  sheet: SheetPort,
  rows: ReadonlyMap<number, ReadonlyMap<number, CellValue>>,
): void {
  const byColumn = new Map<number, Map<number, CellValue>>();
  for (const [row, cells] of rows) {
    for (const [column, value] of cells) {
      const inColumn = byColumn.get(column) ?? new Map<number, CellValue>();
      inColumn.set(row, value);
      byColumn.set(column, inColumn);
    }
  }
  for (const [column, cells] of byColumn) {
    const numbers = [...cells.keys()].sort((a, b) => a - b);
    for (const run of columnRuns(numbers)) {
      const values = Array.from({ length: run.count }, (_, i) => [cells.get(run.first + i) ?? '']);
      sheet.writeValues(run.first, column, values);
    }
  }
}

export function importNoticeText(report: ImportReport): string {
  return [
    tr(
      `Đã nhập kết quả ngoại tuyến: ${report.steps} bước, ${report.values} giá trị, ${report.mail} thư chờ gửi.`,
      `The offline results were imported: ${plural(report.steps, 'step', 'steps')}, ${plural(report.values, 'value', 'values')}, ${plural(report.mail, 'queued message', 'queued messages')}.`,
    ),
    ...(report.logRows
      ? [
          tr(
            `Các bước ghi ở dòng ${report.logRows.first}–${report.logRows.last} của «${AUDIT_SHEET}», với tên «ngoại tuyến, chưa xác thực». Bước duyệt, công nhận, trả lại, không công nhận chỉ được tính khi người có vai trò đó chọn XHHT → «Xác nhận bước ngoại tuyến».`,
            `The steps are at rows ${report.logRows.first}–${report.logRows.last} of «${AUDIT_SHEET}», under names marked «ngoại tuyến, chưa xác thực». Approvals, recognitions, returns and refusals count only once someone with that role chooses XHHT → «Xác nhận bước ngoại tuyến».`,
          ),
        ]
      : []),
    tr(
      `Đã xóa các trang nhập vào: ${report.removed.map((name) => `«${name}»`).join(', ') || '(không có)'}.`,
      `Removed the imported sheets: ${report.removed.map((name) => `«${name}»`).join(', ') || '(none)'}.`,
    ),
  ].join('\n');
}

/** The rubrics of the workbook's criteria sheet (the scoring sheets an import can match). */
export function workbookRubrics(workbook: WorkbookPort): Rubric[] {
  return (readCriteria(workbook) ?? []).flatMap((read) => (read.rubric ? [read.rubric] : []));
}
