import { describe, expect, it } from 'vitest';
import { GasHasher, GasIdentity, GasLock, GasStore } from '../../src/gas/services';
import { GasWorkbook } from '../../src/gas/workbook';
import { nodeHasher } from '../../src/node/services';
import { BusyError, type WorkbookPort } from '../../src/sheets/ports';
import { gasMailer } from '../fakes/context';
import { fakeGoogle } from '../fakes/google';

describe('GasLock', () => {
  it('runs the work under the document lock and flushes before releasing it', () => {
    const google = fakeGoogle();
    const order: string[] = [];
    const workbook: WorkbookPort = {
      sheet: () => undefined,
      addSheet: () => {
        throw new Error('not used');
      },
      setLocaleAndTimeZone: () => {},
      selection: () => undefined,
      select: () => {},
      sheetNames: () => [],
      removeSheet: () => {},
      flush: () => {
        order.push(`flush while held: ${google.LockService.holder !== null}`);
      },
    };
    const lock = new GasLock(google.LockService, workbook);
    const result = lock.withLock(() => {
      order.push(`work while held: ${google.LockService.holder !== null}`);
      return 42;
    });
    expect(result).toBe(42);
    expect(order).toEqual(['work while held: true', 'flush while held: true']);
    expect(google.LockService.holder).toBeNull();
  });

  it('releases the lock when the work throws', () => {
    const google = fakeGoogle();
    const lock = new GasLock(google.LockService, new GasWorkbook(google.SpreadsheetApp));
    expect(() =>
      lock.withLock(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(google.LockService.holder).toBeNull();
  });

  it('gives a Vietnamese BusyError when another run holds the lock', () => {
    const google = fakeGoogle();
    google.LockService.holdByAnotherRun();
    const lock = new GasLock(google.LockService, new GasWorkbook(google.SpreadsheetApp));
    expect(() => lock.withLock(() => 1)).toThrow(BusyError);
    expect(() => lock.withLock(() => 1)).toThrow(/thử lại sau ít phút/);
  });
});

describe('GasIdentity, GasStore, GasMailer', () => {
  it('reads the active user, trimmed, and empty when Google does not say', () => {
    const google = fakeGoogle(' Can.Bo@example.org ');
    expect(new GasIdentity(google.Session).activeUserEmail()).toBe('Can.Bo@example.org');
    google.Session.email = '';
    expect(new GasIdentity(google.Session).activeUserEmail()).toBe('');
  });

  it('keeps values in the document properties', () => {
    const google = fakeGoogle();
    const store = new GasStore(google.PropertiesService);
    expect(store.get('audit.head')).toBeNull();
    store.set('audit.head', 'abc');
    expect(store.get('audit.head')).toBe('abc');
    expect(google.PropertiesService.document.getProperty('audit.head')).toBe('abc');
  });

  it('sends through MailApp with both bodies and reports the quota', () => {
    const google = fakeGoogle();
    google.MailApp.quota = 3;
    const mailer = gasMailer(google);
    mailer.send({
      to: ['a@example.org', 'b@example.org'],
      subject: 'Tổng hợp',
      textBody: 'văn bản',
      htmlBody: '<p>x</p>',
    });
    expect(google.MailApp.sent).toEqual([
      {
        to: 'a@example.org,b@example.org',
        subject: 'Tổng hợp',
        body: 'văn bản',
        htmlBody: '<p>x</p>',
      },
    ]);
    expect(mailer.remainingDailyQuota()).toBe(1);
    expect(() =>
      mailer.send({ to: ['c@example.org', 'd@example.org'], subject: 's', textBody: 't' }),
    ).toThrow(/too many times/);
  });
});

describe('GasHasher', () => {
  it('gives SHA-256 in hex from Apps Script’s signed bytes, as Node does', () => {
    const hasher = new GasHasher(fakeGoogle().Utilities);
    expect(hasher.sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    for (const text of ['', 'Nhật ký: Trả lại cho xã', 'Đơn vị học tập'.normalize('NFD')]) {
      expect(hasher.sha256Hex(text)).toBe(nodeHasher.sha256Hex(text));
    }
  });
});
