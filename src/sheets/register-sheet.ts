import { cellPlace } from '../domain/a1';
import { type AuditEntry, logName } from '../domain/audit';
import { type CellValue, cellText, isBlank, readDate, readNumber, textKey } from '../domain/cells';
import { tr } from '../domain/i18n';
import { MESSAGES } from '../domain/messages';
import { grantsOf } from '../domain/people';
import { formatDate } from '../domain/recognition';
import { REGISTER_KINDS, type RegisterEntry, registerKind, validUntilOf } from '../domain/register';
import { LEVEL_LABELS, outcomeLabels, type Rubric } from '../domain/rubric';
import type { ActPorts } from './act';
import { appendAudit, readAudit } from './audit-log';
import { readCriteria } from './criteria-sheet';
import { SheetError } from './errors';
import {
  LEGACY_RECOGNITION_COLUMNS,
  REGISTER_COLUMNS,
  REGISTER_SHEET,
  RESULT_KEYS,
  scoringColumns,
  UNIT_COLUMNS,
  UNITS_SHEET,
  WORKFLOW_KEYS,
} from './layout';
import { readPeople } from './people-sheet';
import { extentOf, type SheetPort, type WorkbookPort } from './ports';
import { stamp } from './stamp';
import { columnOf, columnRuns, ensureTable, type Located, locateColumns } from './table';

/**
 * «Sổ công nhận»: one row per recognition (title, unit, level or band, decision, decider, valid
 * until, the «Nhật ký» row that made it), written by the recognise and revoke steps, by set-up when it
 * moves the old units-sheet columns in, and by an administrator's logged import; never read from
 * hand-typed state. A row an officer typed stays pending (blank «Loại ghi») until the import vouches
 * for it.
 */

export interface RegisterRead {
  readonly entries: readonly RegisterEntry[];
  /** Rows typed by hand and not yet imported (blank «Loại ghi»), by sheet row. */
  readonly pending: readonly number[];
  /** Rows that cannot be read, each naming its cell: left out of every rule. */
  readonly problems: readonly string[];
}

/** Whether a unit's «Bộ tiêu chí áp dụng» cell includes the rubric; a blank cell includes all. */
export function assessedBy(cell: CellValue, rubricId: string): boolean {
  const ids = cellText(cell)
    .toUpperCase()
    .split(/[\s,;]+/)
    .filter(Boolean);
  return ids.length === 0 || ids.includes(rubricId);
}

function entryCells(entry: RegisterEntry): Record<string, CellValue> {
  return {
    kind: REGISTER_KINDS[entry.kind],
    title: entry.title,
    code: entry.unit,
    name: entry.name,
    result: entry.result,
    decisionNumber: entry.decisionNumber,
    decisionDate: formatDate(entry.decisionDate),
    decider: entry.decider,
    validUntil: entry.validUntil ? formatDate(entry.validUntil) : '',
    revokes: entry.revokes ?? '',
    reason: entry.reason ?? '',
    logRow: entry.logRow ?? '',
  };
}

/** One read of a register row: the entry, or the problem naming its cell. */
function readRow(
  row: readonly CellValue[],
  rowNumber: number,
  located: Located,
): RegisterEntry | { problem: string } | 'pending' | 'blank' {
  const at = (key: string) => located.columns.get(key);
  const value = (key: string): CellValue => {
    const column = at(key);
    return column === undefined ? '' : (row[column - 1] ?? '');
  };
  const text = (key: string) => cellText(value(key));
  const where = (key: string) => cellPlace(REGISTER_SHEET, rowNumber, at(key) ?? 1);
  if (REGISTER_COLUMNS.every((spec) => isBlank(value(spec.key)))) return 'blank';
  if (text('kind') === '') return 'pending';
  const kind = registerKind(text('kind'));
  if (!kind)
    return {
      problem: tr(
        `${where('kind')}: loại ghi «${text('kind')}» không rõ; cần một trong: ${Object.values(REGISTER_KINDS).join(', ')}.`,
        `${where('kind')}: the kind «${text('kind')}» is not known; expected one of: ${Object.values(REGISTER_KINDS).join(', ')}.`,
      ),
    };
  if (text('title') === '' || text('code') === '')
    return {
      problem: tr(
        `${where(text('title') === '' ? 'title' : 'code')}: thiếu danh hiệu hoặc mã đơn vị.`,
        `${where(text('title') === '' ? 'title' : 'code')}: the title or the unit code is missing.`,
      ),
    };
  const date = readDate(value('decisionDate'));
  if (!date.ok)
    return {
      problem: tr(
        `${where('decisionDate')}: ngày quyết định không đúng dạng ngày/tháng/năm.`,
        `${where('decisionDate')}: the decision date is not a day/month/year date.`,
      ),
    };
  const until = isBlank(value('validUntil')) ? undefined : readDate(value('validUntil'));
  if (until && !until.ok)
    return {
      problem: tr(
        `${where('validUntil')}: ngày hiệu lực không đúng dạng ngày/tháng/năm.`,
        `${where('validUntil')}: the valid-until date is not a day/month/year date.`,
      ),
    };
  const logRow = readNumber(value('logRow'));
  return {
    kind,
    title: text('title').toUpperCase(),
    unit: text('code'),
    name: text('name'),
    result: text('result'),
    decisionNumber: text('decisionNumber'),
    decisionDate: date.value,
    decider: text('decider'),
    ...(until?.ok ? { validUntil: until.value } : {}),
    ...(text('revokes') ? { revokes: text('revokes') } : {}),
    ...(text('reason') ? { reason: text('reason') } : {}),
    ...(logRow.ok ? { logRow: logRow.value } : {}),
  };
}

const LEVEL_WORDS = new Map<string, 1 | 2>([
  ['1', 1],
  ['mức độ 1', 1],
  ['mức 1', 1],
  ['khá', 1],
  ['2', 2],
  ['mức độ 2', 2],
  ['mức 2', 2],
  ['tốt', 2],
]);

/**
 * What an earlier version kept per unit code in «Đơn vị» («Mức đã công nhận», «Ngày công nhận»), as
 * register entries of each levels title the unit is assessed by; problems name their cells.
 */
export function legacyRecognitions(
  workbook: WorkbookPort,
  rubrics: readonly Rubric[],
): { entries: RegisterEntry[]; problems: string[] } {
  const entries: RegisterEntry[] = [];
  const problems: string[] = [];
  const levels = rubrics.filter((rubric) => rubric.method === 'levels');
  const [header = [], ...rows] = workbook.sheet(UNITS_SHEET)?.readValues() ?? [];
  const located = locateColumns(header, [...UNIT_COLUMNS, ...LEGACY_RECOGNITION_COLUMNS]);
  const levelColumn = located.columns.get('recognizedLevel');
  const dateColumn = located.columns.get('recognizedOn');
  const codeColumn = located.columns.get('code');
  const nameColumn = located.columns.get('name');
  const rubricsColumn = located.columns.get('rubrics');
  if (levelColumn === undefined || dateColumn === undefined || codeColumn === undefined)
    return { entries, problems };
  rows.forEach((row, i) => {
    const code = cellText(row[codeColumn - 1]);
    const levelCell = row[levelColumn - 1] ?? '';
    const dateCell = row[dateColumn - 1] ?? '';
    if (code === '' || (isBlank(levelCell) && isBlank(dateCell))) return;
    const level = LEVEL_WORDS.get(textKey(levelCell));
    const date = readDate(dateCell);
    if (level && !date.ok && date.problem.kind === 'blank') {
      // A level without its date is a date not written, not a date written wrong.
      problems.push(
        `${cellPlace(UNITS_SHEET, i + 2, dateColumn)}: ${MESSAGES.missingRecognitionDate(cellText(levelCell))}; ${tr(
          `ghi ngày ký quyết định (ngày/tháng/năm), hoặc nhập công nhận này bằng XHHT → Nhập công nhận trước đây.`,
          `write the decision's date (day/month/year), or enter it with XHHT → Nhập công nhận trước đây (import).`,
        )}`,
      );
      return;
    }
    if (!level || !date.ok) {
      problems.push(
        tr(
          `${cellPlace(UNITS_SHEET, i + 2, level ? dateColumn : levelColumn)}: «${cellText(level ? dateCell : levelCell)}» không chuyển được sang «${REGISTER_SHEET}»; cần «Mức độ 1»/«Mức độ 2» và ngày/tháng/năm. Hãy nhập công nhận này bằng XHHT → Nhập công nhận trước đây.`,
          `${cellPlace(UNITS_SHEET, i + 2, level ? dateColumn : levelColumn)}: «${cellText(level ? dateCell : levelCell)}» cannot be moved to «${REGISTER_SHEET}»; «Mức độ 1»/«Mức độ 2» and a day/month/year date are needed. Enter it with XHHT → Nhập công nhận trước đây (import).`,
        ),
      );
      return;
    }
    for (const rubric of levels) {
      if (rubricsColumn !== undefined && !assessedBy(row[rubricsColumn - 1] ?? '', rubric.id))
        continue;
      const validUntil = validUntilOf(rubric, date.value);
      entries.push({
        kind: 'migrate',
        title: rubric.id,
        unit: code,
        name: nameColumn === undefined ? '' : cellText(row[nameColumn - 1]),
        result: LEVEL_LABELS[level],
        decisionNumber: '',
        decisionDate: date.value,
        decider: '',
        ...(validUntil ? { validUntil } : {}),
        reason: `Chuyển từ ${cellPlace(UNITS_SHEET, i + 2, levelColumn)} khi khởi tạo bảng tính`,
      });
    }
  });
  return { entries, problems };
}

/**
 * The register (one read). A workbook an earlier version wrote has no register until set-up makes
 * it: its units-sheet columns are read in its place for `rubrics`, as set-up would move them.
 */
export function readRegister(
  workbook: WorkbookPort,
  rubrics: readonly Rubric[] = [],
): RegisterRead {
  const sheet = workbook.sheet(REGISTER_SHEET);
  if (!sheet) {
    const legacy = legacyRecognitions(workbook, rubrics);
    return { entries: legacy.entries, pending: [], problems: legacy.problems };
  }
  const [header = [], ...rows] = sheet.readValues();
  const located = locateColumns(header, REGISTER_COLUMNS);
  const entries: RegisterEntry[] = [];
  const pending: number[] = [];
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const read = readRow(row, i + 2, located);
    if (read === 'blank') return;
    if (read === 'pending') pending.push(i + 2);
    else if ('problem' in read) problems.push(read.problem);
    else entries.push(read);
  });
  return { entries, pending, problems };
}

/**
 * The register's header and extent, its rows left unread (issue 12: a recognition appends one row to a
 * register that grows with every unit recognised), when it has every column; else undefined.
 */
function registerTail(
  workbook: WorkbookPort,
): { readonly sheet: SheetPort; readonly located: Located; readonly count: number } | undefined {
  const sheet = workbook.sheet(REGISTER_SHEET);
  if (!sheet) return undefined;
  const { rows, columns } = extentOf(sheet);
  if (rows < 1 || columns < 1) return undefined;
  const located = locateColumns(sheet.readRange(1, 1, 1, columns)[0] ?? [], REGISTER_COLUMNS);
  if (located.missing.length > 0) return undefined;
  return { sheet, located, count: rows - 1 };
}

/** Appends entries below the register's last row, in one write (creating the sheet if absent). */
export function appendRegister(workbook: WorkbookPort, entries: readonly RegisterEntry[]): void {
  if (entries.length === 0) return;
  let table = registerTail(workbook);
  if (!table) {
    const read = ensureTable(
      workbook.sheet(REGISTER_SHEET) ?? workbook.addSheet(REGISTER_SHEET),
      REGISTER_COLUMNS,
    );
    table = { sheet: read.sheet, located: read.located, count: read.rows.length };
  }
  const width = Math.max(...table.located.columns.values());
  const block = entries.map((entry) => {
    const row: CellValue[] = Array.from({ length: width }, () => '');
    for (const [key, value] of Object.entries(entryCells(entry))) {
      row[columnOf(table.located, key) - 1] = value;
    }
    return row;
  });
  table.sheet.writeValues(table.count + 2, 1, block);
}

/**
 * Set-up's migration: moves the units sheet's «Mức đã công nhận»/«Ngày công nhận» into the register,
 * once (a value already moved for that title and unit is not moved again). The old cells stay as typed.
 */
export function migrateLegacy(
  workbook: WorkbookPort,
  rubrics: readonly Rubric[],
): { migrated: number; problems: string[] } {
  const table = ensureTable(
    workbook.sheet(REGISTER_SHEET) ?? workbook.addSheet(REGISTER_SHEET),
    REGISTER_COLUMNS,
  );
  table.sheet.freeze(1, 0);
  const legacy = legacyRecognitions(workbook, rubrics);
  const present = readRegister(workbook).entries.filter((entry) => entry.kind === 'migrate');
  const key = (entry: RegisterEntry) =>
    [entry.title, textKey(entry.unit), entry.result, formatDate(entry.decisionDate)].join('|');
  const moved = new Set(present.map(key));
  const fresh = legacy.entries.filter((entry) => !moved.has(key(entry)));
  appendRegister(workbook, fresh);
  return { migrated: fresh.length, problems: legacy.problems };
}

/**
 * Set-up's migration of the rows a previous version decided: a scoring-sheet row stored as recognised,
 * with a decision number and date but no «Kết quả quyết định», gets the result it was decided on (the
 * reviewers' where they adjusted, else its own) and a register row of kind `migrate`, once. Returns
 * how many.
 */
export function migrateDecidedRows(workbook: WorkbookPort, rubric: Rubric): number {
  const sheet = workbook.sheet(rubric.scoringSheet);
  if (!sheet) return 0;
  const columns = scoringColumns(rubric);
  const [header = [], ...rows] = sheet.readValues();
  const located = locateColumns(header, columns.all);
  const at = (key: string) => located.columns.get(key);
  const resultKey = rubric.method === 'points' ? RESULT_KEYS.band : RESULT_KEYS.level;
  const decidedColumn = at(WORKFLOW_KEYS.decidedResult);
  const needed = [
    'code',
    WORKFLOW_KEYS.state,
    WORKFLOW_KEYS.decisionNumber,
    WORKFLOW_KEYS.decisionDate,
    resultKey,
    RESULT_KEYS.reviewed,
  ].map(at);
  if (decidedColumn === undefined || needed.some((column) => column === undefined)) return 0;
  const text = (row: readonly CellValue[], key: string) => cellText(row[(at(key) ?? 0) - 1]);
  const known = new Set(
    readRegister(workbook)
      .entries.filter((entry) => entry.title === rubric.id)
      .map((entry) => `${textKey(entry.unit)}|${textKey(entry.decisionNumber)}`),
  );
  const fresh: RegisterEntry[] = [];
  const decided = rows.map((row, i) => {
    const own = cellText(row[decidedColumn - 1]);
    if (own !== '' || !text(row, WORKFLOW_KEYS.state).startsWith('recognised')) return own;
    const date = readDate(row[(at(WORKFLOW_KEYS.decisionDate) ?? 0) - 1] ?? '');
    const number = text(row, WORKFLOW_KEYS.decisionNumber);
    const result = text(row, RESULT_KEYS.reviewed) || text(row, resultKey);
    if (!date.ok || number === '' || result === '') return own;
    const code = text(row, 'code');
    if (!known.has(`${textKey(code)}|${textKey(number)}`)) {
      const validUntil = validUntilOf(rubric, date.value);
      fresh.push({
        kind: 'migrate',
        title: rubric.id,
        unit: code,
        name: text(row, 'name'),
        result,
        decisionNumber: number,
        decisionDate: date.value,
        decider: '',
        ...(validUntil ? { validUntil } : {}),
        reason: `Chuyển từ ${cellPlace(sheet.name, i + 2, decidedColumn)} khi khởi tạo bảng tính (quyết định ghi trước khi có «${REGISTER_SHEET}»)`,
      });
    }
    return result;
  });
  if (fresh.length === 0) return 0;
  sheet.writeValues(
    2,
    decidedColumn,
    decided.map((value) => [value]),
  );
  appendRegister(workbook, fresh);
  return fresh.length;
}

export interface ImportReport {
  readonly imported: number;
  readonly problems: readonly string[];
}

/**
 * XHHT → Nhập công nhận trước đây (quản trị): the rows an administrator typed into «Sổ công nhận» with
 * a blank «Loại ghi» (recognitions made before this workbook, or on paper) are checked, logged one
 * «Nhật ký» row each, and marked as imported with the row of their log; a row with a problem is named
 * and left as typed.
 */
export function importRecognitions(ctx: ActPorts): ImportReport {
  return ctx.lock.withLock(() => {
    const now = ctx.clock.now();
    const email = ctx.identity.activeUserEmail();
    const people = readPeople(ctx.workbook);
    if (!grantsOf(people.grants, email).some((grant) => grant.role === 'quanTri')) {
      throw new SheetError(
        tr(
          'Chỉ quản trị (trang «Người dùng», vai trò quản trị) được nhập công nhận trước đây.',
          'Only an administrator (the «Người dùng» sheet, administrator role) may import earlier recognitions.',
        ),
      );
    }
    const sheet = ctx.workbook.sheet(REGISTER_SHEET);
    if (!sheet) {
      throw new SheetError(
        tr(
          `Chưa có trang «${REGISTER_SHEET}»; hãy chạy XHHT → Khởi tạo bảng tính, rồi ghi các công nhận trước đây vào đó (để trống cột «Loại ghi»).`,
          `There is no «${REGISTER_SHEET}» sheet yet; run XHHT → Khởi tạo bảng tính (set up), then write the earlier recognitions there (leaving «Loại ghi» blank).`,
        ),
      );
    }
    const rubrics = (readCriteria(ctx.workbook) ?? []).flatMap((read) =>
      read.rubric ? [read.rubric] : [],
    );
    const table = ensureTable(sheet, REGISTER_COLUMNS);
    const col = (key: string) => columnOf(table.located, key);
    const where = (row: number, key: string) => cellPlace(REGISTER_SHEET, row, col(key));
    const user = logName(email, ctx.identity.vouched);
    const log = readAudit(ctx.workbook);
    const entries: AuditEntry[] = [];
    const problems: string[] = [];
    const marks = new Map<number, { kind: string; validUntil: CellValue; logRow: number }>();
    table.rows.forEach((row, i) => {
      const rowNumber = i + 2;
      const value = (key: string): CellValue => row[col(key) - 1] ?? '';
      const text = (key: string) => cellText(value(key));
      if (text('kind') !== '' || REGISTER_COLUMNS.every((spec) => isBlank(value(spec.key)))) return;
      const rubric = rubrics.find((r) => r.id === text('title').toUpperCase());
      const date = readDate(value('decisionDate'));
      const result = rubric
        ? outcomeLabels(rubric).find((label) => textKey(label) === textKey(text('result')))
        : undefined;
      const problem = !rubric
        ? tr(
            `${where(rowNumber, 'title')}: cần mã một bộ tiêu chí ở trang «Tiêu chí» (${rubrics.map((r) => r.id).join(', ')}).`,
            `${where(rowNumber, 'title')}: the id of a rubric of the «Tiêu chí» sheet is needed (${rubrics.map((r) => r.id).join(', ')}).`,
          )
        : text('code') === ''
          ? tr(
              `${where(rowNumber, 'code')}: cần mã đơn vị.`,
              `${where(rowNumber, 'code')}: the unit code is needed.`,
            )
          : !result
            ? tr(
                `${where(rowNumber, 'result')}: cần một trong: ${outcomeLabels(rubric).join(', ')}.`,
                `${where(rowNumber, 'result')}: one of ${outcomeLabels(rubric).join(', ')} is needed.`,
              )
            : text('decisionNumber') === ''
              ? tr(
                  `${where(rowNumber, 'decisionNumber')}: cần số quyết định.`,
                  `${where(rowNumber, 'decisionNumber')}: the decision number is needed.`,
                )
              : !date.ok || date.value > now
                ? tr(
                    `${where(rowNumber, 'decisionDate')}: cần ngày quyết định dạng ngày/tháng/năm, không sau hôm nay.`,
                    `${where(rowNumber, 'decisionDate')}: a decision date (day/month/year, not after today) is needed.`,
                  )
                : '';
      if (problem || !rubric || !date.ok) {
        problems.push(problem);
        return;
      }
      const until = validUntilOf(rubric, date.value);
      const logRow = log.length + 2 + entries.length;
      entries.push({
        time: stamp(now),
        user,
        unit: text('code'),
        action: REGISTER_KINDS.import,
        from: '',
        to: result ?? '',
        comment: `${rubric.id}: ${result}, QĐ ${text('decisionNumber')} (${formatDate(date.value)})${text('decider') ? `, ${text('decider')}` : ''}; ${where(rowNumber, 'kind')}`,
      });
      marks.set(rowNumber, {
        kind: REGISTER_KINDS.import,
        validUntil: isBlank(value('validUntil')) && until ? formatDate(until) : value('validUntil'),
        logRow,
      });
    });
    // The log first: each imported row points at its «Nhật ký» row.
    appendAudit(ctx, entries);
    if (marks.size > 0) {
      const keys = ['kind', 'validUntil', 'logRow'] as const;
      const keyAt = new Map(keys.map((key) => [col(key), key]));
      for (const run of columnRuns([...keyAt.keys()])) {
        const runKeys = Array.from({ length: run.count }, (_, i) => keyAt.get(run.first + i));
        sheet.writeValues(
          2,
          run.first,
          table.rows.map((row, i) =>
            runKeys.map((key) => {
              const mark = marks.get(i + 2);
              if (!key) return '';
              return mark ? mark[key] : (row[col(key) - 1] ?? '');
            }),
          ),
        );
      }
    }
    return { imported: marks.size, problems };
  });
}

export function importNotice({ imported, problems }: ImportReport): string {
  const head = tr(
    `Đã nhập ${imported} công nhận trước đây vào «${REGISTER_SHEET}», mỗi công nhận một dòng «Nhật ký».`,
    `Imported ${imported} earlier recognitions into «${REGISTER_SHEET}», each with a «Nhật ký» row.`,
  );
  if (imported === 0 && problems.length === 0)
    return tr(
      `Không có dòng nào để nhập: ghi công nhận trước đây vào «${REGISTER_SHEET}», để trống cột «Loại ghi», rồi chạy lại.`,
      `Nothing to import: write earlier recognitions into «${REGISTER_SHEET}», leaving «Loại ghi» blank, then run this again.`,
    );
  return [head, ...problems].join('\n');
}
