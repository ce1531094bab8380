import { type AuditRow, logName, rowHash } from '../domain/audit';
import { type CellValue, cellText } from '../domain/cells';
import { tr } from '../domain/i18n';
import {
  AUDIT_COLUMNS,
  AUDIT_SHEET,
  type AuditPorts,
  appendAudit,
  BASE_KEY,
  chainBase,
  checkAudit,
  HEAD_SHEET,
  ROWS_KEY,
  readAudit,
  START_KEY,
  VERIFY_CHECKPOINT_KEY,
} from './audit-log';
import { OUTBOX_COLUMNS, OUTBOX_NEXT_KEY, OUTBOX_ROWS_KEY, OUTBOX_SHEET } from './outbox';
import type { ClockPort, IdentityPort, LockPort, SheetPort } from './ports';
import { MAILED_KEY } from './step-mail';
import { type ColumnSpec, columnOf, ensureTable } from './table';

/**
 * XHHT → Lưu trữ: moves what the working sheets no longer need out of them, so that the steps, the
 * timers and the verification read less: the outbox's sent rows to «Lưu trữ hộp thư đi», and the log's
 * rows up to the end of a closed year to «Lưu trữ nhật ký». The chain goes on: the working log's first
 * row follows the last archived one, whose hash (the base) is kept in the document properties and
 * the hidden head sheet; the archive itself stays a chain from the start. The new-year rollover calls
 * this too.
 */

export const OUTBOX_ARCHIVE_SHEET = 'Lưu trữ hộp thư đi';
export const AUDIT_ARCHIVE_SHEET = 'Lưu trữ nhật ký';

/** The log action restating, after an archive, where a unit whose rows were archived stands. */
export const CARRIED_ACTION = 'Mang sang';

export interface ArchiveReport {
  readonly mails: number;
  readonly logRows: number;
  readonly year: number;
  /** Why the log was left where it is (a broken chain is never archived). */
  readonly logRefused?: string;
}

type ArchivePorts = AuditPorts & {
  readonly clock: ClockPort;
  readonly lock: LockPort;
  readonly identity: IdentityPort;
};

/** Appends rows under the header of an archive sheet made like `specs` (one read, one write). */
function appendTo(
  ports: ArchivePorts,
  name: string,
  specs: readonly ColumnSpec[],
  rows: CellValue[][],
) {
  const existing = ports.workbook.sheet(name);
  const table = ensureTable(existing ?? ports.workbook.addSheet(name), specs);
  if (!existing) {
    table.sheet.protectColumnsWarningOnly(
      [{ first: 1, count: specs.length }],
      `XHHT: ${name.toLowerCase()}, chỉ XHHT ghi`,
    );
    table.sheet.trimColumns();
  }
  table.sheet.writeValues(table.rows.length + 2, 1, rows);
}

/** Writes `rows` back from row 2 and blanks what is left below them (one write). */
function rewrite(sheet: SheetPort, rows: CellValue[][], before: number, width: number): void {
  const blank = Array.from({ length: Math.max(0, before - rows.length) }, () =>
    Array.from({ length: width }, () => '' as CellValue),
  );
  if (rows.length + blank.length > 0) sheet.writeValues(2, 1, [...rows, ...blank]);
}

function archiveOutbox(ports: ArchivePorts): number {
  const sheet = ports.workbook.sheet(OUTBOX_SHEET);
  if (!sheet) return 0;
  const [header = [], ...rows] = sheet.readValues();
  const table = ensureTable(sheet, OUTBOX_COLUMNS);
  const status = columnOf(table.located, 'status') - 1;
  const width = Math.max(header.length, ...table.located.columns.values());
  const full = (row: CellValue[]) => Array.from({ length: width }, (_, i) => row[i] ?? '');
  const sent = rows.filter((row) => cellText(row[status]) === 'Đã gửi').map(full);
  if (sent.length === 0) return 0;
  const kept = rows.filter((row) => cellText(row[status]) !== 'Đã gửi').map(full);
  appendTo(ports, OUTBOX_ARCHIVE_SHEET, OUTBOX_COLUMNS, sent);
  rewrite(sheet, kept, rows.length, width);
  // The timer's kept row and count describe the sheet as it now stands.
  const settled = new Set(['Đã gửi', 'Cần kiểm tra']);
  const first = kept.findIndex((row) => !settled.has(cellText(row[status])));
  ports.store.set(OUTBOX_NEXT_KEY, String(first < 0 ? kept.length + 2 : first + 2));
  ports.store.set(OUTBOX_ROWS_KEY, String(kept.length + 1));
  return sent.length;
}

/** The year of a log row's time («dd/mm/yyyy hh:mm:ss», or ISO). */
function yearOf(time: string): number {
  const match = /(\d{4})/.exec(time.replace(/^\d{1,2}\/\d{1,2}\//, ''));
  return match ? Number(match[1]) : Number.NaN;
}

/**
 * Moves the log's rows up to the end of `year`; returns how many, and the units whose last row went
 * with them: the working log restates where each stands («Mang sang»), so that it still explains
 * every state on the scoring sheets (a step completes a state the log does not explain).
 */
function archiveLog(
  ports: ArchivePorts,
  year: number,
): { rows: number; carried: AuditRow[]; refused?: string } {
  const rows = readAudit(ports.workbook);
  // Only what precedes the first row of a later year: the log is in order of time.
  const count = rows.findIndex((row) => !(yearOf(row.time) <= year));
  const moved = count < 0 ? rows.length : count;
  if (moved === 0) return { rows: 0, carried: [] };
  const check = checkAudit(ports);
  if (!check.check.ok) return { rows: 0, carried: [], refused: check.message };
  const sheet = ports.workbook.sheet(AUDIT_SHEET);
  if (!sheet) return { rows: 0, carried: [] };
  const later = new Set(rows.slice(moved).map((row) => row.unit));
  const carried = new Map<string, AuditRow>();
  for (const row of rows.slice(0, moved)) {
    if (row.unit !== '' && row.to !== '' && !later.has(row.unit)) carried.set(row.unit, row);
  }
  const [header = [], ...values] = sheet.readValues();
  const width = Math.max(header.length, AUDIT_COLUMNS.length);
  const full = (row: CellValue[]) => Array.from({ length: width }, (_, i) => row[i] ?? '');
  appendTo(ports, AUDIT_ARCHIVE_SHEET, AUDIT_COLUMNS, values.slice(0, moved).map(full));
  rewrite(sheet, values.slice(moved).map(full), values.length, width);
  const last = rows[moved - 1];
  if (!last) return { rows: 0, carried: [] };
  const base = {
    head: rowHash(last, (text) => ports.hasher.sha256Hex(text)),
    rows: chainBase(ports).rows + moved,
  };
  // Rows an administrator's restart left above the current chain go first; the base moves only when
  // rows of the current chain left.
  const start = Number(ports.store.get(START_KEY) ?? 0) || 0;
  if (start > 0) ports.store.set(START_KEY, String(Math.max(0, start - moved)));
  if (moved > start) ports.store.set(BASE_KEY, JSON.stringify(base));
  ports.workbook
    .sheet(HEAD_SHEET)
    ?.writeValues(3, 1, [
      [tr('Đầu chuỗi phần lưu trữ', 'Archived chain head'), base.head, base.rows],
    ]);
  // Counts of log rows kept elsewhere now count from the new first row.
  for (const key of [ROWS_KEY, MAILED_KEY]) {
    const kept = ports.store.get(key);
    if (kept !== null && kept !== '' && Number.isInteger(Number(kept)))
      ports.store.set(key, String(Math.max(0, Number(kept) - moved)));
  }
  ports.store.set(VERIFY_CHECKPOINT_KEY, '');
  return { rows: moved, carried: [...carried.values()] };
}

/** Archives the outbox's sent rows and the log up to the end of `year`, under the lock; logged. */
export function archive(ports: ArchivePorts, year: number): ArchiveReport {
  return ports.lock.withLock(() => {
    const mails = archiveOutbox(ports);
    const log = archiveLog(ports, year);
    if (mails + log.rows > 0) {
      const time = stamp(ports.clock.now());
      const user = logName(ports.identity.activeUserEmail(), ports.identity.vouched);
      appendAudit(ports, [
        {
          time,
          user,
          unit: '',
          action: 'Lưu trữ',
          from: '',
          to: '',
          comment: `${log.rows} dòng nhật ký đến hết năm ${year} sang «${AUDIT_ARCHIVE_SHEET}»; ${mails} thư đã gửi sang «${OUTBOX_ARCHIVE_SHEET}».`,
        },
        ...log.carried.map((row) => ({
          time,
          user,
          unit: row.unit,
          action: CARRIED_ACTION,
          from: row.to,
          to: row.to,
          comment: `Trạng thái cuối năm ${year} (dòng ${row.time} ở trang «${AUDIT_ARCHIVE_SHEET}»).`,
        })),
      ]);
    }
    return {
      mails,
      logRows: log.rows,
      year,
      ...(log.refused ? { logRefused: log.refused } : {}),
    };
  });
}

function stamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getDate())}/${two(date.getMonth() + 1)}/${date.getFullYear()} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

export function archiveNotice(report: ArchiveReport): string {
  const lines = [
    tr(
      `Đã chuyển ${report.mails} thư đã gửi sang trang «${OUTBOX_ARCHIVE_SHEET}» và ${report.logRows} dòng nhật ký đến hết năm ${report.year} sang trang «${AUDIT_ARCHIVE_SHEET}». Chuỗi nhật ký nối tiếp từ dòng lưu trữ cuối cùng.`,
      `Moved ${report.mails} sent messages to «${OUTBOX_ARCHIVE_SHEET}» and ${report.logRows} log rows up to the end of ${report.year} to «${AUDIT_ARCHIVE_SHEET}». The log's chain goes on from the last archived row.`,
    ),
  ];
  if (report.logRefused) {
    lines.push(
      tr(
        `Nhật ký chưa được lưu trữ vì không còn nguyên vẹn: ${report.logRefused}`,
        `The log was not archived because it is not intact: ${report.logRefused}`,
      ),
    );
  }
  return lines.join('\n');
}
