import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/domain/audit';
import { GasHasher, GasLock, GasStore } from '../../src/gas/services';
import { GasWorkbook } from '../../src/gas/workbook';
import { OfflineIdentity } from '../../src/node/offline';
import { SheetStore } from '../../src/node/sheet-store';
import { type ActPorts, act } from '../../src/sheets/act';
import { checkLogAction, dailyMailTimer } from '../../src/sheets/actions';
import {
  AUDIT_COLUMNS,
  AUDIT_SHEET,
  appendAudit,
  checkAudit,
  lastVerification,
  VERIFY_BLOCK_ROWS,
  VERIFY_CHECKPOINT_KEY,
  verifyAuditLog,
} from '../../src/sheets/audit-log';
import { gasContext, gasMailer, NOW } from '../fakes/context';
import { fakeGoogle } from '../fakes/google';
import { latencyClock, modelledMs } from '../fakes/latency';
import { rubric } from './workbook-helpers';
import { HUYEN, workflowBook, XA } from './workflow-helpers';

const entry = (i: number): AuditEntry => ({
  time: '23/11/2026 10:00:05',
  user: 'thamdinh.thachha@example.org',
  unit: `HT${i}`,
  action: 'Trả lại',
  from: 'Chờ huyện thẩm định',
  to: 'Trả lại cho xã',
  comment: `Thiếu biên bản ${i}`,
});

/** A log of `rows` chained rows, written in one append, with the ports of the menu and the timer. */
function logOf(rows: number) {
  const google = fakeGoogle();
  const workbook = new GasWorkbook(google.SpreadsheetApp);
  const clock = latencyClock(google.io, NOW);
  const ports = {
    ...gasContext(google),
    workbook,
    clock,
    lock: new GasLock(google.LockService, workbook),
    store: new GasStore(google.PropertiesService),
    hasher: new GasHasher(google.Utilities),
  };
  google.spreadsheet.insertSheet(AUDIT_SHEET).resizeGrid(rows + 10, AUDIT_COLUMNS.length);
  appendAudit(
    ports,
    Array.from({ length: rows }, (_, i) => entry(i)),
  );
  return { google, ports, clock, sheet: () => google.spreadsheet.sheet(AUDIT_SHEET) };
}

describe('the full log verification', () => {
  it('reads 100,000 rows once, a block per read, within 60 s of modelled time', () => {
    const { google, ports } = logOf(100_000);
    google.io.reset();
    const run = verifyAuditLog(ports);
    expect(run).toMatchObject({ done: true, verification: { ok: true, rows: 100_000 } });
    // The header, the blocks, and the hidden head sheet (2 × 2 cells), where an archive's base would be.
    expect(google.io.reads).toBe(2 + 100_000 / VERIFY_BLOCK_ROWS);
    expect(google.io.cellsRead).toBe((1 + 100_000) * AUDIT_COLUMNS.length + 2 * 2);
    expect(modelledMs(google.io)).toBeLessThanOrEqual(60_000);
  });

  it('stops at its time budget and goes on from its checkpoint, reading each row once', () => {
    const { google, ports } = logOf(12_000);
    google.io.reset();
    const first = verifyAuditLog(ports, { budgetMs: 1 });
    expect(first).toEqual({ done: false, rows: VERIFY_BLOCK_ROWS, total: 12_000 });
    expect(google.PropertiesService.document.getProperty(VERIFY_CHECKPOINT_KEY)).toContain(
      `"rows":${VERIFY_BLOCK_ROWS}`,
    );
    expect(lastVerification(ports.store)).toBeUndefined();
    // Steps go on meanwhile: the next run checks their rows too.
    appendAudit(ports, [entry(12_000)]);
    google.io.reset();
    const second = verifyAuditLog(ports);
    expect(second).toMatchObject({ done: true, verification: { ok: true, rows: 12_001 } });
    expect(google.io.cellsRead).toBe(
      (1 + 12_001 - VERIFY_BLOCK_ROWS) * AUDIT_COLUMNS.length + 2 * 2,
    );
    expect(google.PropertiesService.document.getProperty(VERIFY_CHECKPOINT_KEY)).toBe('');
  });

  it('names the first edited row, past a checkpoint too, and the menu says how far it got', () => {
    const { google, ports, sheet } = logOf(12_000);
    verifyAuditLog(ports, { budgetMs: 1 });
    sheet().type(7_002, 7, [['sửa tay']]);
    const run = verifyAuditLog(ports);
    expect(run).toMatchObject({ done: true, verification: { ok: false, row: 7_003 } });
    expect(lastVerification(ports.store)?.message).toContain('Ô A7003');
    // The menu's run on a long log: how far it got, then the result.
    const fresh = logOf(6_000);
    const menu = { ...fresh.ports, ui: gasContext(fresh.google).ui };
    checkLogAction(menu);
    expect(fresh.google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(
      /^Nhật ký nguyên vẹn: 6000 dòng/,
    );
    expect(google.LockService.holder).toBeNull();
  });

  it('is run by the morning run', () => {
    const { google, ports, as } = workflowBook();
    as(XA, [[2, 1]], 'register');
    expect(lastVerification(ports.store)).toBeUndefined();
    dailyMailTimer({ ...ports, mailer: gasMailer(google) });
    expect(lastVerification(ports.store)).toMatchObject({ ok: true, rows: 1 });
  });

  it('says of a log that went offline and came back what the one-read check says', () => {
    const { ports, as } = workflowBook();
    as(XA, [[2, 1]], 'register');
    as(XA, [[2, 1]], 'submit');
    const offline: ActPorts = {
      ...ports,
      store: new SheetStore(ports.workbook),
      identity: new OfflineIdentity(HUYEN),
    };
    act(offline, { action: 'approve' }, { sheet: rubric.scoringSheet, rows: [2] });
    const once = checkAudit(ports);
    // Rows past the kept head wait for an administrator (issue 11): not intact until accepted.
    expect(verifyAuditLog(ports)).toMatchObject({
      done: true,
      verification: { ok: once.check.ok, message: once.message },
    });
  });
});
