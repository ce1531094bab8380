import { describe, expect, it } from 'vitest';
import { GasHasher, GasStore } from '../../src/gas/services';
import { OUTBOX_SHEET, queueMail, sendNotice, sendOutbox } from '../../src/sheets/outbox';
import { PEOPLE_SHEET } from '../../src/sheets/people-sheet';
import { gasContext, gasMailer } from '../fakes/context';
import { fakeGoogle } from '../fakes/google';
import { columnValues } from './workbook-helpers';

const addresses = (n: number, prefix = 'nguoi') =>
  Array.from({ length: n }, (_, i) => `${prefix}${i + 1}@example.org`);

/** Everyone these tests write to, in «Người dùng»: the sender refuses anyone else. */
const PEOPLE = [
  ...addresses(120),
  ...addresses(50, 'a'),
  ...addresses(20, 'b'),
  ...addresses(5, 'c'),
  ...['x', 'y', 'n0', 'n1', 'n2', 'n3'].map((name) => `${name}@example.org`),
];

function outbox(quota = 100) {
  const google = fakeGoogle();
  google.MailApp.quota = quota;
  google.spreadsheet.insertSheet(PEOPLE_SHEET);
  google.spreadsheet
    .sheet(PEOPLE_SHEET)
    .type(1, 1, [
      ['Email', 'Vai trò', 'Phạm vi'],
      ...PEOPLE.map((email) => [email, 'ban chỉ đạo', '']),
    ]);
  const ctx = {
    ...gasContext(google),
    mailer: gasMailer(google),
    store: new GasStore(google.PropertiesService),
    hasher: new GasHasher(google.Utilities),
  };
  const statuses = () => columnValues(google.spreadsheet.sheet(OUTBOX_SHEET), 'Trạng thái');
  return { google, ctx, statuses };
}

describe('the outbox', () => {
  it('queues an event once, splitting more than 50 recipients into messages of at most 50', () => {
    const { google, ctx, statuses } = outbox();
    const mail = {
      key: 'nop:DV0001:1',
      to: addresses(120),
      subject: 'Đơn vị chờ thẩm định',
      text: 'x',
    };
    expect(queueMail(ctx, [mail])).toBe(3);
    expect(queueMail(ctx, [mail])).toBe(0);
    const sheet = google.spreadsheet.sheet(OUTBOX_SHEET);
    expect(columnValues(sheet, 'Mã thư')).toEqual([
      'nop:DV0001:1#1',
      'nop:DV0001:1#2',
      'nop:DV0001:1#3',
    ]);
    expect(columnValues(sheet, 'Người nhận').map((to) => String(to).split(', ').length)).toEqual([
      50, 50, 20,
    ]);
    expect(statuses()).toEqual(['Chờ gửi', 'Chờ gửi', 'Chờ gửi']);
  });

  it('sends what the quota allows, in order, and leaves the rest for the next run', () => {
    const { google, ctx, statuses } = outbox(60);
    queueMail(ctx, [
      { key: 'a', to: addresses(50, 'a'), subject: 'A', text: 'a' },
      { key: 'b', to: addresses(20, 'b'), subject: 'B', text: 'b' },
      { key: 'c', to: addresses(5, 'c'), subject: 'C', text: 'c' },
    ]);
    const first = sendOutbox(ctx);
    expect(first).toMatchObject({ sent: 1, waiting: 2, check: [], quota: 60 });
    expect(statuses()).toEqual(['Đã gửi', 'Chờ gửi', 'Chờ gửi']);
    expect(google.MailApp.sent.map((m) => m.subject)).toEqual(['A']);
    // Quota at 0: nothing is sent, nothing is lost.
    google.MailApp.quota = 0;
    expect(sendOutbox(ctx)).toMatchObject({ sent: 0, waiting: 2 });
    google.MailApp.quota = 100;
    expect(sendNotice(sendOutbox(ctx))).toBe(
      'Đã gửi 2 thư. Còn 0 thư chờ lần gửi sau (hạn mức còn lại hôm nay lúc bắt đầu: 100 người nhận).',
    );
    expect(google.MailApp.sent.map((m) => m.subject)).toEqual(['A', 'B', 'C']);
    expect(statuses()).toEqual(['Đã gửi', 'Đã gửi', 'Đã gửi']);
  });

  it('never resends a message a cut-off run left «Đang gửi», and reports it', () => {
    const { google, ctx, statuses } = outbox();
    queueMail(ctx, [
      { key: 'a', to: ['x@example.org'], subject: 'A', text: 'a' },
      { key: 'b', to: ['y@example.org'], subject: 'B', text: 'b' },
    ]);
    // A run marks «a» as being sent, flushes, and is cut off: did it go? Nobody knows.
    const sheet = google.spreadsheet.sheet(OUTBOX_SHEET);
    sheet.type(2, 7, [['Đang gửi']]);
    const report = sendOutbox(ctx);
    expect(report).toMatchObject({ sent: 1, check: ['a'] });
    expect(google.MailApp.sent.map((m) => m.subject)).toEqual(['B']);
    expect(statuses()).toEqual(['Cần kiểm tra', 'Đã gửi']);
    expect(sendOutbox(ctx)).toMatchObject({ sent: 0, check: [] });
    expect(google.MailApp.sent).toHaveLength(1);
  });

  it('stops at a send that fails, marks it for checking, and sends the rest next time', () => {
    const { google, ctx, statuses } = outbox();
    queueMail(ctx, [
      { key: 'a', to: ['x@example.org'], subject: 'A', text: 'a' },
      { key: 'b', to: ['y@example.org'], subject: 'B', text: 'b' },
    ]);
    const send = google.MailApp.sendEmail.bind(google.MailApp);
    google.MailApp.sendEmail = () => {
      throw new Error('Exception: Service unavailable');
    };
    expect(sendOutbox(ctx)).toMatchObject({ sent: 0, waiting: 1, check: ['a'] });
    expect(statuses()).toEqual(['Cần kiểm tra', 'Chờ gửi']);
    google.MailApp.sendEmail = send;
    expect(sendOutbox(ctx)).toMatchObject({ sent: 1, check: [] });
    expect(google.MailApp.sent.map((m) => m.subject)).toEqual(['B']);
  });

  it('marks «Đang gửi» and flushes before each send, «Đã gửi» after', () => {
    const { google, ctx } = outbox();
    queueMail(ctx, [{ key: 'a', to: ['x@example.org'], subject: 'A', text: 'a' }]);
    const seen: unknown[] = [];
    const send = google.MailApp.sendEmail.bind(google.MailApp);
    google.MailApp.sendEmail = (...args: unknown[]) => {
      seen.push(columnValues(google.spreadsheet.sheet(OUTBOX_SHEET), 'Trạng thái')[0]);
      send(...args);
    };
    sendOutbox(ctx);
    expect(seen).toEqual(['Đang gửi']);
  });

  it('cut off at any write of a batch, then run again: nothing sent twice, nothing lost unseen', () => {
    const subjects = ['A', 'B', 'C', 'D'];
    /** A batch whose run is killed at its `cut`-th write or flush (0: never); then a clean rerun. */
    const runCutAt = (cut: number) => {
      const { google, ctx, statuses } = outbox();
      queueMail(
        ctx,
        subjects.map((subject, i) => ({
          key: subject,
          to: [`n${i}@example.org`],
          subject,
          text: subject,
        })),
      );
      let steps = 0;
      const step = () => {
        steps += 1;
        if (steps === cut) throw new Error('killed');
      };
      const workbook = ctx.workbook;
      const cutting = {
        ...ctx,
        workbook: {
          ...workbook,
          flush: () => {
            step();
            workbook.flush();
          },
          sheet: (name: string) => {
            const sheet = workbook.sheet(name);
            return (
              sheet && {
                ...sheet,
                readValues: () => sheet.readValues(),
                lastRow: () => sheet.lastRow(),
                lastColumn: () => sheet.lastColumn(),
                readRange: (...args: Parameters<typeof sheet.readRange>) =>
                  sheet.readRange(...args),
                writeValues: (...args: Parameters<typeof sheet.writeValues>) => {
                  step();
                  sheet.writeValues(...args);
                },
              }
            );
          },
        },
      };
      let killed = false;
      try {
        sendOutbox(cutting);
      } catch (error) {
        killed = (error as Error).message === 'killed';
      }
      const rerun = sendOutbox(ctx);
      const delivered = subjects.map(
        (subject) => google.MailApp.sent.filter((mail) => mail.subject === subject).length,
      );
      return { steps, killed, rerun, delivered, statuses: statuses() };
    };
    const clean = runCutAt(0);
    expect(clean.delivered).toEqual([1, 1, 1, 1]);
    expect(clean.steps).toBeGreaterThanOrEqual(3 * subjects.length);
    for (let cut = 1; cut <= clean.steps; cut += 1) {
      const run = runCutAt(cut);
      expect(run.killed, `cut at ${cut}`).toBe(true);
      run.statuses.forEach((status, i) => {
        // Sent exactly once, or — only for the one in flight when the run died — set aside to check.
        if (status === 'Đã gửi') expect(run.delivered[i], `cut at ${cut}`).toBe(1);
        else
          expect([status, (run.delivered[i] ?? 0) <= 1], `cut at ${cut}`).toEqual([
            'Cần kiểm tra',
            true,
          ]);
      });
      expect(run.statuses.filter((status) => status === 'Cần kiểm tra').length).toBeLessThanOrEqual(
        1,
      );
      expect(run.rerun.check.length).toBe(run.statuses.filter((s) => s === 'Cần kiểm tra').length);
    }
  });
});
