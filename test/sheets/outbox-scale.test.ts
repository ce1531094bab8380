import { describe, expect, it } from 'vitest';
import { GasHasher, GasIdentity, GasStore } from '../../src/gas/services';
import { sendMailTimer } from '../../src/sheets/actions';
import {
  OUTBOX_NEXT_KEY,
  OUTBOX_ROWS_KEY,
  OUTBOX_SHEET,
  outboxIdle,
  queueMail,
  SEND_BUDGET_MS,
  sendOutbox,
} from '../../src/sheets/outbox';
import { PEOPLE_SHEET } from '../../src/sheets/people-sheet';
import { setUp } from '../../src/sheets/set-up';
import { gasContext, gasMailer, NOW } from '../fakes/context';
import { fakeGoogle } from '../fakes/google';
import { budget, latencyClock, modelledMs } from '../fakes/latency';
import { columnValues, rubric } from './workbook-helpers';

/** An outbox with a kept row: the ports the mail timer has, and the latency model's clock. */
function outbox(quota = 1500) {
  const google = fakeGoogle();
  google.MailApp.quota = quota;
  setUp(gasContext(google), rubric.id);
  // Mail goes only to people of «Người dùng» (issue 11): everyone these tests write to.
  google.spreadsheet.sheet(PEOPLE_SHEET).type(
    2,
    1,
    Array.from({ length: 700 }, (_, i) => [`nguoi${i}@example.org`, 'xã', `DV${i}`]),
  );
  const clock = latencyClock(google.io, NOW);
  const ctx = {
    ...gasContext(google),
    clock,
    store: new GasStore(google.PropertiesService),
    hasher: new GasHasher(google.Utilities),
    identity: new GasIdentity(google.Session),
    mailer: gasMailer(google),
  };
  const sheet = () => google.spreadsheet.sheet(OUTBOX_SHEET);
  const statuses = () => columnValues(sheet(), 'Trạng thái');
  return { google, ctx, clock, sheet, statuses };
}

const mails = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({
    key: `thu:${from + i}`,
    to: [`nguoi${from + i}@example.org`],
    subject: `Thư ${from + i}`,
    text: 'Nội dung',
  }));

/** Rows as an earlier run left them, written straight into the sheet (as a previous version did). */
function typeSentRows(
  sheet: ReturnType<ReturnType<typeof outbox>['sheet']>,
  first: number,
  n: number,
) {
  sheet.resizeGrid(Math.max(1000, first + n), 26);
  sheet.type(
    first,
    1,
    Array.from({ length: n }, (_, i) => [
      `cu:${i}`,
      NOW,
      `cu${i}@example.org`,
      'Cũ',
      'Đã đi',
      '',
      'Đã gửi',
      NOW,
      '',
      '',
    ]),
  );
}

describe('the mail timer at province scale', () => {
  it('with nothing queued costs the same few calls and no cell, whatever the outbox holds', () => {
    const idle = (rows: number) => {
      const { google, ctx, sheet } = outbox();
      queueMail(ctx, mails(1));
      sendOutbox(ctx);
      // As the previous version left it: rows sent, but no kept row in the properties.
      typeSentRows(sheet(), 3, rows);
      google.PropertiesService.document.deleteProperty(OUTBOX_NEXT_KEY);
      google.PropertiesService.document.deleteProperty(OUTBOX_ROWS_KEY);
      // The first run after the update reads the outbox once and keeps where it stands.
      sendMailTimer(ctx);
      expect(google.PropertiesService.document.getProperty(OUTBOX_NEXT_KEY)).toBe(String(rows + 3));
      google.io.reset();
      sendMailTimer(ctx);
      return { ms: modelledMs(google.io), ...budget(google.io) };
    };
    const small = idle(10);
    const large = idle(100_000);
    expect(large).toEqual(small);
    expect(large.cells).toBe(0);
    expect(large.ms).toBeLessThanOrEqual(300);
  });

  it('sends what the kept row points at, and notices a sheet changed by hand', () => {
    const { google, ctx, sheet, statuses } = outbox();
    queueMail(ctx, mails(3));
    expect(sendOutbox(ctx).sent).toBe(3);
    expect(outboxIdle(ctx)).toBe(true);
    queueMail(ctx, mails(2, 3));
    expect(outboxIdle(ctx)).toBe(false);
    google.io.reset();
    expect(sendOutbox(ctx).sent).toBe(2);
    // With something to send the outbox is read whole: issue 11's marks chain every row to the head.
    // A row typed at the end by hand: the count differs, the whole outbox is read, and the row is set
    // aside as not XHHT's own (issue 11), not sent.
    sheet().type(7, 1, [['tay:1', NOW, 'nguoi9@example.org', 'Tay', 'x', '', 'Chờ gửi']]);
    expect(outboxIdle(ctx)).toBe(false);
    expect(sendOutbox(ctx)).toMatchObject({ sent: 0, check: ['tay:1'] });
    // A row set back to «Chờ gửi» above the kept row is sent by the administrator's full run.
    sheet().type(2, 7, [['Chờ gửi']]);
    expect(outboxIdle(ctx)).toBe(true);
    expect(sendOutbox(ctx, { full: true }).sent).toBe(1);
    expect(statuses().filter((status) => status !== 'Đã gửi')).toEqual(['Cần kiểm tra']);
    expect(google.MailApp.sent.map((mail) => mail.subject)).toEqual([
      'Thư 0',
      'Thư 1',
      'Thư 2',
      'Thư 3',
      'Thư 4',
      'Thư 0',
    ]);
  });

  it('distrusts a kept row whose row above is not settled', () => {
    const { ctx, sheet } = outbox();
    queueMail(ctx, mails(4));
    sendOutbox(ctx);
    queueMail(ctx, mails(1, 4));
    // Someone sorted the sheet: a queued row now stands above the kept one.
    sheet().type(5, 7, [['Chờ gửi']]);
    const report = sendOutbox(ctx);
    expect(report.sent).toBe(2);
  });

  it('stops before 5 minutes of modelled time, leaves no row half-sent, never sends under the lock', () => {
    const { google, ctx, clock, statuses } = outbox();
    queueMail(ctx, mails(600));
    google.io.reset();
    const start = clock.elapsedMs();
    const first = sendOutbox(ctx);
    const took = clock.elapsedMs() - start;
    expect(first.outOfTime).toBe(true);
    expect(took).toBeLessThan(5 * 60 * 1000);
    expect(took).toBeGreaterThanOrEqual(SEND_BUDGET_MS);
    expect(first.sent).toBeGreaterThan(100);
    expect(first.sent + first.waiting).toBe(600);
    expect(statuses().filter((s) => s === 'Đang gửi')).toEqual([]);
    expect(statuses().filter((s) => s === 'Đã gửi')).toHaveLength(first.sent);
    expect(google.LockService.heldDuringSend).toBe(0);
    expect(google.LockService.holder).toBeNull();
    // The next runs go on from there until everything went, each message once.
    let runs = 1;
    while (statuses().some((s) => s === 'Chờ gửi') && runs < 10) {
      sendOutbox(ctx);
      runs += 1;
    }
    expect(new Set(google.MailApp.sent.map((mail) => mail.subject)).size).toBe(600);
    expect(google.MailApp.sent).toHaveLength(600);
  });

  it('takes no row another sender already marked', () => {
    const { google, ctx, sheet } = outbox();
    queueMail(ctx, mails(2));
    // Between this run's read and its mark, another run took the first row.
    let taken = false;
    google.io.listeners.push((kind) => {
      if (kind === 'lock' && !taken) {
        taken = true;
        sheet().type(2, 7, [['Đã gửi']]);
      }
    });
    const report = sendOutbox(ctx);
    expect(report.sent).toBe(1);
    expect(google.MailApp.sent.map((mail) => mail.subject)).toEqual(['Thư 1']);
  });
});
