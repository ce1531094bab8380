import { type CellValue, cellText, textKey } from '../domain/cells';
import { plural, tr } from '../domain/i18n';
import { type OutboxStatus, type OutgoingMail, planSend, splitRecipients } from '../domain/outbox';
import { SheetError } from './errors';
import {
  chainedRows,
  digestOf,
  foreignRows,
  OUTBOX_HEAD_KEY,
  OUTBOX_PLAIN_TEXT_KEY,
  type OutboxRowSeal,
  outboxHead,
  outboxMark,
  readChart,
  SEALED_OUTBOX_KEYS,
  strangers,
} from './outbox-seal';
import { readPeople } from './people-sheet';
import {
  type ClockPort,
  extentOf,
  type HasherPort,
  type LockPort,
  type MailerPort,
  type MailMessage,
  type SheetPort,
  type StorePort,
  setEach,
  type WorkbookPort,
} from './ports';
import { readSettings } from './settings-sheet';
import {
  type ColumnSpec,
  columnOf,
  ensureTable,
  locateColumns,
  locateInSheet,
  type Table,
} from './table';

/**
 * «Hộp thư đi»: every message XHHT means to send, one row per message of at most 50 recipients, with
 * the key of the event that made it. Use cases queue (under their lock, after the state and the log);
 * `sendOutbox` sends. A row goes «Chờ gửi» → «Đang gửi» (flushed before the send) → «Đã gửi»; a row a
 * cut-off run left «Đang gửi» is never resent but marked «Cần kiểm tra» for the administrator.
 */

export const OUTBOX_SHEET = 'Hộp thư đi';

export const OUTBOX_COLUMNS: readonly ColumnSpec[] = [
  { key: 'key', header: 'Mã thư', width: 220, scriptOwned: true },
  { key: 'created', header: 'Tạo lúc', width: 130, scriptOwned: true },
  { key: 'to', header: 'Người nhận', width: 260, scriptOwned: true },
  { key: 'subject', header: 'Tiêu đề', width: 260, scriptOwned: true },
  { key: 'text', header: 'Nội dung', width: 360, scriptOwned: true },
  { key: 'html', header: 'Nội dung HTML', width: 160, scriptOwned: true },
  { key: 'status', header: 'Trạng thái', width: 110, scriptOwned: true },
  { key: 'sentAt', header: 'Gửi lúc', width: 130, scriptOwned: true },
  { key: 'note', header: 'Ghi chú', width: 260, scriptOwned: true },
  // The chart's description (JSON): the sender draws it, so the sheet never holds an image.
  { key: 'chart', header: 'Biểu đồ (dữ liệu)', width: 120, scriptOwned: true },
  // What makes a row XHHT's own (src/sheets/outbox-seal.ts); set-up adds them to an older outbox.
  { key: 'mark', header: 'Mã kiểm tra', width: 120, scriptOwned: true },
  { key: 'previousMark', header: 'Mã thư trước', width: 120, scriptOwned: true },
];

const STATUS_LABELS: Record<OutboxStatus, string> = {
  queued: 'Chờ gửi',
  sending: 'Đang gửi',
  sent: 'Đã gửi',
  check: 'Cần kiểm tra',
};

function statusOf(cell: CellValue): OutboxStatus | undefined {
  const text = cellText(cell);
  return (Object.keys(STATUS_LABELS) as OutboxStatus[]).find((s) => STATUS_LABELS[s] === text);
}

/**
 * The sealed columns are plain text, so that Sheets keeps what XHHT writes exactly; an outbox made by
 * an older version gets the format once (a document property remembers it).
 */
function plainTextOnce(table: Table, store: StorePort): void {
  if (store.get(OUTBOX_PLAIN_TEXT_KEY) === '1') return;
  for (const key of [...SEALED_OUTBOX_KEYS, 'mark', 'previousMark']) {
    table.sheet.setNumberFormat(columnOf(table.located, key), 2, '@');
  }
  store.set(OUTBOX_PLAIN_TEXT_KEY, '1');
}

/**
 * Set-up makes the outbox, formatted, so that the year's first mail does not (issue 12): whether it
 * made it. Without the document properties (set-up offline without them) the format waits for the
 * first mail.
 */
export function prepareOutbox(workbook: WorkbookPort, store?: StorePort): boolean {
  if (workbook.sheet(OUTBOX_SHEET)) return false;
  const table = outboxTable(workbook);
  if (store) plainTextOnce(table, store);
  return true;
}

function outboxTable(workbook: WorkbookPort): Table {
  const existing = workbook.sheet(OUTBOX_SHEET);
  const table = ensureTable(existing ?? workbook.addSheet(OUTBOX_SHEET), OUTBOX_COLUMNS);
  if (!existing) {
    table.sheet.protectColumnsWarningOnly(
      [{ first: 1, count: OUTBOX_COLUMNS.length }],
      'XHHT: hộp thư đi, chỉ XHHT ghi',
    );
    table.sheet.freeze(1, 0);
    table.sheet.trimColumns();
  }
  return table;
}

interface SealPorts {
  readonly store: StorePort;
  readonly hasher: HasherPort;
}

function sealOf(table: Table, row: readonly CellValue[]): OutboxRowSeal {
  const at = (key: string) => columnOf(table.located, key) - 1;
  return {
    mark: cellText(row[at('mark')]),
    previous: cellText(row[at('previousMark')]),
    content: SEALED_OUTBOX_KEYS.map((key) => row[at(key)] ?? ''),
  };
}

/**
 * The rows' seals and the kept head. An outbox the previous version kept has rows without marks and no
 * head: they are taken as they stand (the version before could not tell either), marked once, and the
 * head kept.
 */
function sealsOf(
  table: Table,
  ports: SealPorts,
): { readonly seals: OutboxRowSeal[]; readonly head: string } {
  const seals = table.rows.map((row) => sealOf(table, row));
  const head = outboxHead(ports.store);
  if (head !== '' || seals.length === 0) return { seals, head };
  const digest = digestOf(ports.hasher);
  let previous = '';
  const adopted = seals.map((seal) => {
    const mark = outboxMark(previous, seal.content, digest);
    const marked = { ...seal, mark, previous };
    previous = mark;
    return marked;
  });
  writeMarks(
    table,
    2,
    adopted.map((seal) => [seal.mark, seal.previous]),
  );
  ports.store.set(OUTBOX_HEAD_KEY, previous);
  return { seals: adopted, head: previous };
}

/** Writes [mark, previous mark] pairs from `row` down: one write when the columns sit side by side. */
function writeMarks(table: Table, row: number, marks: readonly string[][]): void {
  const mark = columnOf(table.located, 'mark');
  const previous = columnOf(table.located, 'previousMark');
  if (previous === mark + 1) {
    table.sheet.writeValues(
      row,
      mark,
      marks.map((pair) => [...pair]),
    );
    return;
  }
  table.sheet.writeValues(
    row,
    mark,
    marks.map(([m]) => [m ?? '']),
  );
  table.sheet.writeValues(
    row,
    previous,
    marks.map(([, p]) => [p ?? '']),
  );
}

/**
 * Queues messages (one read, at most one write); an event already queued is not queued again. Each row
 * gets its mark, and the kept head moves to the last (outbox-seal.ts).
 */
export function queueMail(
  ports: { readonly workbook: WorkbookPort; readonly clock: ClockPort } & SealPorts,
  mails: readonly OutgoingMail[],
  /**
   * The mails' keys are new by construction (a step's, naming its log time): the outbox's rows are
   * not read, the mail chains onto the kept head after its last row (issue 12). An outbox without a
   * kept head or this version's columns is read once as below.
   */
  newKeys = false,
): number {
  const rows = mails.flatMap(splitRecipients).filter((mail) => mail.to.length > 0);
  if (rows.length === 0) return 0;
  const tail = newKeys ? outboxTail(ports) : undefined;
  const table = tail?.table ?? outboxTable(ports.workbook);
  const count = tail?.count ?? table.rows.length;
  const at = (key: string) => columnOf(table.located, key) - 1;
  const known = queuedKeys(table, ports.store);
  const width = Math.max(...table.located.columns.values());
  const now = ports.clock.now();
  const fresh = rows.filter((mail) => !known.has(mail.key));
  if (fresh.length === 0) return 0;
  const digest = digestOf(ports.hasher);
  let head = tail ? outboxHead(ports.store) : sealsOf(table, ports).head;
  plainTextOnce(table, ports.store);
  const block = fresh.map((mail) => {
    const row: CellValue[] = Array.from({ length: width }, () => '');
    row[at('key')] = mail.key;
    row[at('created')] = now;
    row[at('to')] = mail.to.join(', ');
    row[at('subject')] = mail.subject;
    row[at('text')] = mail.text;
    row[at('html')] = mail.html ?? '';
    row[at('chart')] = mail.chart ? JSON.stringify(mail.chart) : '';
    row[at('status')] = STATUS_LABELS.queued;
    const mark = outboxMark(head, sealOf(table, row).content, digest);
    row[at('previousMark')] = head;
    row[at('mark')] = mark;
    head = mark;
    return row;
  });
  table.sheet.writeValues(count + 2, 1, block);
  // The count moves only when it was right before: a sheet changed by hand stays noticed. One call
  // where the store can, the head first otherwise.
  const kept = ports.store.get(OUTBOX_ROWS_KEY);
  const last = count + 1;
  setEach(ports.store, {
    [OUTBOX_HEAD_KEY]: head,
    ...(kept === null || Number(kept) === last
      ? { [OUTBOX_ROWS_KEY]: String(last + block.length) }
      : {}),
  });
  return fresh.length;
}

/**
 * The keys of the mail XHHT queued: the rows on the path back from the kept head (all rows while an
 * outbox the previous version kept has none yet). A row off that path does not count: a run cut off
 * between writing its rows and keeping their head left them there, and the sender sets them aside
 * («Cần kiểm tra»); its mail, owed by the log, is queued again when the next step or the morning run
 * finds it missing, and so goes out once. A row planted by hand no longer holds a mail back either.
 */
function queuedKeys(table: Table, store: StorePort): Set<string> {
  const at = (key: string) => columnOf(table.located, key) - 1;
  const keyOf = (row: readonly CellValue[]) => cellText(row[at('key')]);
  const head = outboxHead(store);
  if (head === '') return new Set(table.rows.map(keyOf));
  const ours = chainedRows(
    table.rows.map((row) => ({
      mark: cellText(row[at('mark')]),
      previous: cellText(row[at('previousMark')]),
    })),
    head,
  );
  return new Set(table.rows.filter((_, index) => ours.has(index)).map(keyOf));
}

/** The outbox's header and extent (its rows left unread), when it has its columns and a kept head. */
function outboxTail(
  ports: { readonly workbook: WorkbookPort } & SealPorts,
): { readonly table: Table; readonly count: number } | undefined {
  const sheet = ports.workbook.sheet(OUTBOX_SHEET);
  if (!sheet || outboxHead(ports.store) === '' || ports.store.get(OUTBOX_PLAIN_TEXT_KEY) !== '1') {
    return undefined;
  }
  // The last row and column in one call (issue 12).
  const { rows: last, columns } = extentOf(sheet);
  if (last < 2) return undefined;
  const located = locateColumns(sheet.readRange(1, 1, 1, columns)[0] ?? [], OUTBOX_COLUMNS);
  if (located.missing.length > 0) return undefined;
  return { table: { sheet, located, rows: [] }, count: last - 1 };
}

/** Who mail may go to: «Người dùng» and the settings' summary recipients (one read each). */
function allowedRecipients(workbook: WorkbookPort, now: Date): Set<string> {
  const allowed = new Set(readPeople(workbook).grants.map((grant) => textKey(grant.email)));
  try {
    for (const address of readSettings(workbook, now).summaryTo) allowed.add(textKey(address));
  } catch (error) {
    // Settings with a problem elsewhere: the people sheet alone says who may receive mail.
    if (!(error instanceof SheetError)) throw error;
  }
  return allowed;
}

/**
 * The messages still waiting («Chờ gửi»), oldest first, read only: what offline copies are made of,
 * while the rows stay queued for Sheets to send once the file is back online.
 */
export function queuedMessages(workbook: WorkbookPort): { key: string; message: MailMessage }[] {
  const sheet = workbook.sheet(OUTBOX_SHEET);
  if (!sheet) return [];
  const values = sheet.readValues();
  const located = locateInSheet(sheet, values, OUTBOX_COLUMNS);
  const at = (key: string) => columnOf(located, key);
  return values
    .slice(1)
    .filter((row) => statusOf(row[at('status') - 1] ?? '') === 'queued')
    .map((row) => {
      const cell = (key: string) => cellText(row[at(key) - 1]);
      const body = (key: string) => String(row[at(key) - 1] ?? '');
      const { chart } = readChart(body('chart'));
      return {
        key: cell('key'),
        message: {
          to: cell('to')
            .split(',')
            .map((address) => address.trim())
            .filter(Boolean),
          subject: cell('subject'),
          textBody: body('text'),
          ...(cell('html') ? { htmlBody: body('html') } : {}),
          // A malformed chart row is copied without its chart, as the sender sets it aside.
          ...(chart ? { chart } : {}),
        },
      };
    });
}

export interface SendReport {
  readonly sent: number;
  readonly waiting: number;
  /** Keys of rows left «Đang gửi» by an earlier run, or whose send failed: to check by hand. */
  readonly check: readonly string[];
  readonly quota: number;
  /** True when the run stopped at its time budget with messages left: the next run goes on. */
  readonly outOfTime?: boolean;
}

/**
 * Document properties that let the mail timer tell in a few calls that nothing waits: the sheet row
 * of the first row not yet sent or set aside (every row above it is «Đã gửi» or «Cần kiểm tra»), and
 * the sheet's last row when XHHT last wrote it. A last row that differs means the sheet was changed
 * by hand (rows deleted, sorted, added): the next run reads the whole outbox and sets both again.
 */
export const OUTBOX_NEXT_KEY = 'xhht.outbox.next';
export const OUTBOX_ROWS_KEY = 'xhht.outbox.rows';

/** How long a sending run may go on starting messages: Apps Script stops an execution at 6 minutes. */
export const SEND_BUDGET_MS = 4 * 60 * 1000;

export interface SendOptions {
  /** Whatever the kept row says (the administrator's «Gửi thư trong hộp thư đi»). */
  readonly full?: boolean;
  /** When this execution started (a daily run does other work first); now by default. */
  readonly startedAt?: Date;
  /** No message is started after this many milliseconds from `startedAt`. */
  readonly budgetMs?: number;
}

/**
 * Where the rows still to look at start, or undefined when nothing is queued: the outbox's last row
 * (metadata) against the kept row and count (two properties).
 */
function pendingRows(
  ctx: { readonly workbook: WorkbookPort; readonly store: StorePort },
  full: boolean,
): { sheet: SheetPort; last: number; from: number } | undefined {
  const sheet = ctx.workbook.sheet(OUTBOX_SHEET);
  const last = sheet?.lastRow() ?? 0;
  if (!sheet || last < 2) return undefined;
  if (full) return { sheet, last, from: 2 };
  const next = Number(ctx.store.get(OUTBOX_NEXT_KEY) ?? Number.NaN);
  const rows = Number(ctx.store.get(OUTBOX_ROWS_KEY) ?? Number.NaN);
  if (!Number.isInteger(next) || next < 2 || rows !== last) return { sheet, last, from: 2 };
  return next > last ? undefined : { sheet, last, from: next };
}

/** Whether the outbox has nothing to send, as cheaply as it can be told (the mail timer's first look). */
export function outboxIdle(ctx: {
  readonly workbook: WorkbookPort;
  readonly store: StorePort;
}): boolean {
  return pendingRows(ctx, false) === undefined;
}

const settled = (status: OutboxStatus | undefined) => status === 'sent' || status === 'check';

/**
 * Sends what the day's quota and the time budget allow, oldest first. With nothing queued (the kept
 * row past the last, the count unchanged) it reads nothing. Otherwise it reads the outbox and sets
 * aside, under the lock, the rows that are not XHHT's own or name a stranger; then, row by row, it
 * re-reads the row's status and marks it «Đang gửi» under the lock, sends outside the lock, and marks
 * it «Đã gửi» under the lock again; no message is started after the time budget.
 */
export function sendOutbox(
  ctx: {
    readonly workbook: WorkbookPort;
    readonly clock: ClockPort;
    readonly lock: LockPort;
    readonly mailer: MailerPort;
  } & SealPorts,
  options: SendOptions = {},
): SendReport {
  const started = (options.startedAt ?? ctx.clock.now()).getTime();
  const budget = options.budgetMs ?? SEND_BUDGET_MS;
  if (!pendingRows(ctx, options.full ?? false)) {
    return { sent: 0, waiting: 0, check: [], quota: ctx.mailer.remainingDailyQuota() };
  }
  const prepared = ctx.lock.withLock(() => {
    const table = outboxTable(ctx.workbook);
    const at = (key: string) => columnOf(table.located, key);
    const statusColumn = at('status');
    // Status, time and note sit side by side in a sheet set-up made; written one by one otherwise.
    const mark = (index: number, status: OutboxStatus, note = '') => {
      const row = index + 2;
      table.sheet.writeValues(row, statusColumn, [[STATUS_LABELS[status]]]);
      if (status === 'sent') table.sheet.writeValues(row, at('sentAt'), [[ctx.clock.now()]]);
      if (note) table.sheet.writeValues(row, at('note'), [[note]]);
    };
    const quota = ctx.mailer.remainingDailyQuota();
    const rows = table.rows.map((row, index) => ({
      index,
      status: statusOf(row[statusColumn - 1] ?? '') ?? 'check',
      to: cellText(row[at('to') - 1])
        .split(',')
        .map((address) => address.trim())
        .filter(Boolean),
      row,
    }));
    // Rows that are not XHHT's own, or that name someone outside «Người dùng» and the settings' list,
    // are set aside for the administrator before anything is sent.
    const outbound = (index: number) => rows[index]?.status === 'queued';
    const { seals, head } = sealsOf(table, ctx);
    const refused = foreignRows(seals, head, digestOf(ctx.hasher), outbound);
    const allowed = allowedRecipients(ctx.workbook, ctx.clock.now());
    for (const entry of rows) {
      if (entry.status !== 'queued' || refused.has(entry.index)) continue;
      const outside = strangers(entry.to, allowed);
      if (outside.length > 0) {
        refused.set(
          entry.index,
          tr(
            `Người nhận ${outside.join(', ')} không có trong trang «Người dùng» hay danh sách người nhận ở «Cài đặt»: không gửi.`,
            `The recipients ${outside.join(', ')} are neither in the «Người dùng» sheet nor in the «Cài đặt» recipient list: not sent.`,
          ),
        );
      }
    }
    const refusedKeys: string[] = [];
    for (const [index, note] of refused) {
      mark(index, 'check', note);
      refusedKeys.push(cellText(rows[index]?.row[at('key') - 1]));
    }
    const plan = planSend(
      rows.map(({ index, status, to }) => ({
        index,
        status: refused.has(index) ? 'check' : status,
        recipients: to.length,
      })),
      quota,
    );
    const check = [
      ...refusedKeys,
      ...plan.check.map((index) => cellText(rows[index]?.row[at('key') - 1])),
    ];
    for (const index of plan.check) {
      mark(
        index,
        'check',
        tr(
          'Lần gửi trước bị ngắt khi đang gửi thư này: kiểm tra hộp thư đã gửi rồi đổi lại «Chờ gửi» nếu chưa đi.',
          'An earlier run stopped while sending this: check the sent mail, and set it back to «Chờ gửi» if it did not go.',
        ),
      );
    }
    const statuses = rows.map((row) =>
      refused.has(row.index) || plan.check.includes(row.index) ? ('check' as const) : row.status,
    );
    return { table, at, mark, quota, rows, plan, check, statuses };
  });
  const { table, at, mark, quota, rows, plan, check, statuses } = prepared;
  let sent = 0;
  let failed = 0;
  let skipped = 0;
  let outOfTime = false;
  for (const index of plan.send) {
    const entry = rows[index];
    if (!entry) continue;
    if (ctx.clock.now().getTime() - started >= budget) {
      outOfTime = true;
      break;
    }
    const cell = (key: string) => cellText(entry.row[at(key) - 1]);
    // Bodies as written: line breaks are the plain-text mail's layout.
    const body = (key: string) => String(entry.row[at(key) - 1] ?? '');
    // A chart that cannot be drawn sets this message aside; the others still go.
    const { chart, problem } = readChart(body('chart'));
    if (problem) {
      ctx.lock.withLock(() => mark(index, 'check', problem));
      statuses[index] = 'check';
      check.push(cell('key'));
      skipped += 1;
      continue;
    }
    // Another sender (the timer, an administrator's click) may have taken the row since it was read.
    const claimed = ctx.lock.withLock(() => {
      const now = statusOf(table.sheet.readRange(index + 2, at('status'), 1, 1)[0]?.[0] ?? '');
      statuses[index] = now ?? 'check';
      if (now !== 'queued') return false;
      mark(index, 'sending');
      return true;
    });
    if (!claimed) {
      skipped += 1;
      continue;
    }
    try {
      ctx.mailer.send({
        to: entry.to,
        subject: cell('subject'),
        textBody: body('text'),
        ...(cell('html') ? { htmlBody: body('html') } : {}),
        ...(chart ? { chart } : {}),
      });
    } catch (error) {
      // Whether it left is not known: never resend blindly.
      ctx.lock.withLock(() => mark(index, 'check', String((error as Error)?.message ?? error)));
      statuses[index] = 'check';
      check.push(cell('key'));
      failed = 1;
      break;
    }
    ctx.lock.withLock(() => mark(index, 'sent'));
    statuses[index] = 'sent';
    sent += 1;
  }
  // Where the next run starts: the first row not settled (rows queued since lie below it).
  const unsettled = statuses.findIndex((status) => !settled(status));
  ctx.lock.withLock(() => {
    ctx.store.set(OUTBOX_NEXT_KEY, String(unsettled < 0 ? statuses.length + 2 : unsettled + 2));
    ctx.store.set(OUTBOX_ROWS_KEY, String(table.sheet.lastRow()));
  });
  return {
    sent,
    waiting: plan.waiting + plan.send.length - sent - failed - skipped,
    check,
    quota,
    ...(outOfTime ? { outOfTime } : {}),
  };
}

export function sendNotice(report: SendReport): string {
  const lines = [
    tr(
      `Đã gửi ${report.sent} thư. Còn ${report.waiting} thư chờ lần gửi sau (hạn mức còn lại hôm nay lúc bắt đầu: ${report.quota} người nhận).`,
      `Sent ${plural(report.sent, 'message', 'messages')}. ${report.waiting} wait for the next run (today's remaining quota at the start: ${plural(report.quota, 'recipient', 'recipients')}).`,
    ),
  ];
  if (report.check.length > 0) {
    lines.push(
      tr(
        `Cần kiểm tra ${report.check.length} thư (trang «${OUTBOX_SHEET}», cột «Ghi chú»): ${report.check.join(', ')}.`,
        `${plural(report.check.length, 'message needs', 'messages need')} checking (sheet «${OUTBOX_SHEET}», column «Ghi chú»): ${report.check.join(', ')}.`,
      ),
    );
  }
  return lines.join('\n');
}
