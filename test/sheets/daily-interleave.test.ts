import { describe, expect, it } from 'vitest';
import { benchBook, HUYEN, XA } from '../../bench/lib/book';
import { PERIOD_NAMES } from '../../src/domain/settings';
import { act } from '../../src/sheets/act';
import { dailyMailTimer } from '../../src/sheets/actions';
import { OUTBOX_SHEET } from '../../src/sheets/outbox';
import type { LockPort } from '../../src/sheets/ports';
import { writeSetting } from '../../src/sheets/settings-sheet';
import { MAILED_KEY } from '../../src/sheets/step-mail';
import { gasMailer, NOW } from '../fakes/context';
import { headerColumn } from './workbook-helpers';

/**
 * The morning run takes the document lock several times and lets go in between: officers' steps run
 * in those gaps (issue 12 review). What the run read of a sheet others append to must not outlive the
 * lock it was read under.
 */
describe('the morning run between its locks', () => {
  it('keeps the mail an officer’s step queued while the run had let go of the lock', () => {
    const book = benchBook(12);
    const { google, ports } = book;
    writeSetting(ports.workbook, 'summaryPeriod', PERIOD_NAMES.daily);
    writeSetting(ports.workbook, 'summaryTo', 'bcd@example.org');
    google.Session.email = XA;
    act(ports, { action: 'register' }, book.all);
    const mailed = ports.store.get(MAILED_KEY);
    act(ports, { action: 'submit' }, { ...book.all, rows: [2, 3] });
    // The submission's mail is in the outbox, its mark not moved (a run cut off before its property
    // write): the morning run's first lock reads the outbox and finds nothing new to queue.
    ports.store.set(MAILED_KEY, String(mailed));
    const outbox = google.spreadsheet.sheet(OUTBOX_SHEET);
    const keyColumn = headerColumn(outbox, 'Mã thư');
    const keys = () => outbox.snapshot().map((row) => String(row[keyColumn - 1]));
    let acquired = 0;
    let queuedMeanwhile: string[] = [];
    const lock: LockPort = {
      withLock: (work) => {
        acquired += 1;
        // After the run's locks for the verification and the step mail and reminders: a commune
        // officer submits two more units, their mail queued in the outbox.
        if (acquired === 3) {
          const runner = google.Session.email;
          google.Session.email = XA;
          act(ports, { action: 'submit' }, { ...book.all, rows: [4, 5] });
          google.Session.email = runner;
          queuedMeanwhile = keys().filter((key) => key !== '');
        }
        return ports.lock.withLock(work);
      },
    };
    google.Session.email = HUYEN;
    dailyMailTimer({ ...ports, lock, mailer: gasMailer(google), clock: { now: () => NOW } });
    expect(acquired).toBeGreaterThanOrEqual(3);
    const after = keys();
    expect(queuedMeanwhile.length).toBeGreaterThan(0);
    for (const key of queuedMeanwhile) expect(after).toContain(key);
    // And the summary is queued after them.
    expect(after.some((key) => key.startsWith('bao-cao:'))).toBe(true);
  });
});
