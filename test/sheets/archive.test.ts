import { describe, expect, it } from 'vitest';
import { GENESIS, verifyChain } from '../../src/domain/audit';
import { actAction, archiveAction, sendMailAction } from '../../src/sheets/actions';
import { AUDIT_ARCHIVE_SHEET, OUTBOX_ARCHIVE_SHEET } from '../../src/sheets/archive';
import {
  AUDIT_SHEET,
  checkAudit,
  HEAD_KEY,
  readAudit,
  verifyAuditLog,
} from '../../src/sheets/audit-log';
import { OUTBOX_SHEET, outboxIdle, queueMail } from '../../src/sheets/outbox';
import { gasMailer } from '../fakes/context';
import { columnValues, rubric } from './workbook-helpers';
import { ADMIN, HUYEN, workflowBook, XA } from './workflow-helpers';

describe('the archive of sent mail and a closed year’s log', () => {
  it('moves them to archive sheets, and the chain goes on from the archived head', () => {
    const { google, ports } = workflowBook();
    const on = (at: Date) => ({ ...ports, clock: { now: () => at } });
    const step = (who: string, at: Date, row: number, action: 'register' | 'submit') => {
      google.Session.email = who;
      google.spreadsheet.select(rubric.scoringSheet, [row, 1]);
      actAction(on(at), action);
    };
    // Work of 2025, its mail sent; then work of 2026 whose mail still waits.
    step(XA, new Date(2025, 2, 1), 2, 'register');
    step(XA, new Date(2025, 2, 2), 2, 'submit');
    google.Session.email = ADMIN;
    sendMailAction({ ...on(new Date(2025, 2, 2)), mailer: gasMailer(google) });
    step(XA, new Date(2026, 0, 5), 3, 'register');
    step(XA, new Date(2026, 0, 6), 3, 'submit');
    queueMail(on(new Date(2026, 0, 6)), [
      { key: 'cho', to: ['bcd@example.org'], subject: 'Chờ', text: 'x' },
    ]);
    const before = readAudit(ports.workbook);
    const statuses = columnValues(google.spreadsheet.sheet(OUTBOX_SHEET), 'Trạng thái');
    expect(statuses).toContain('Đã gửi');
    expect(statuses).toContain('Chờ gửi');
    const sent = statuses.filter((s) => s === 'Đã gửi').length;

    // Someone else may not; the administrator archives 2025.
    google.Session.email = HUYEN;
    archiveAction(ports);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(/^Chỉ người có vai trò/);
    google.Session.email = ADMIN;
    google.SpreadsheetApp.ui.answers.push('2025');
    archiveAction(ports);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toBe(
      `Đã chuyển ${sent} thư đã gửi sang trang «Lưu trữ hộp thư đi» và 2 dòng nhật ký đến hết năm 2025 sang trang «Lưu trữ nhật ký». Chuỗi nhật ký nối tiếp từ dòng lưu trữ cuối cùng.`,
    );

    const outbox = columnValues(google.spreadsheet.sheet(OUTBOX_SHEET), 'Trạng thái');
    expect(outbox.filter((s) => s !== '')).toEqual(statuses.filter((s) => s !== 'Đã gửi'));
    expect(
      columnValues(google.spreadsheet.sheet(OUTBOX_ARCHIVE_SHEET), 'Trạng thái').filter(Boolean),
    ).toEqual(Array(sent).fill('Đã gửi'));
    // The timer still sees what waits, and sends it.
    expect(outboxIdle(ports)).toBe(false);

    const archived = readAudit(ports.workbook).length;
    // The 2026 rows, the archive's own row, and DV0001 restated where it stands.
    expect(archived).toBe(before.length - 2 + 2);
    expect(readAudit(ports.workbook).at(-1)).toMatchObject({
      unit: 'DV0001',
      action: 'Mang sang',
      from: before[1]?.to,
      to: before[1]?.to,
    });
    expect(columnValues(google.spreadsheet.sheet(AUDIT_ARCHIVE_SHEET), 'Hành động')).toHaveLength(
      2,
    );
    // Archive then working log: one chain from the start to the head kept outside the sheet.
    const digest = (text: string) => ports.hasher.sha256Hex(text);
    const archiveRows = readAudit({
      ...ports.workbook,
      sheet: (name: string) =>
        ports.workbook.sheet(name === AUDIT_SHEET ? AUDIT_ARCHIVE_SHEET : name),
    } as typeof ports.workbook);
    const head = google.PropertiesService.document.getProperty(HEAD_KEY) ?? '';
    expect(
      verifyChain([...archiveRows, ...readAudit(ports.workbook)], head, digest, GENESIS),
    ).toMatchObject({ ok: true, rows: before.length + 2 });
    expect(checkAudit(ports).check).toMatchObject({ ok: true, rows: archived });
    expect(verifyAuditLog(ports)).toMatchObject({ done: true, verification: { ok: true } });
    // The next step chains on, and an edit of the first working row is still found.
    step(XA, new Date(2026, 0, 7), 4, 'register');
    expect(checkAudit(ports).check).toMatchObject({ ok: true, rows: archived + 1 });
    google.spreadsheet.sheet(AUDIT_SHEET).type(2, 7, [['sửa tay']]);
    // Named as the chain names it: the row after the edited one no longer follows it.
    expect(checkAudit(ports)).toMatchObject({ check: { ok: false }, row: 3 });
  });

  it('refuses a year not yet closed, and archives nothing when the log is broken', () => {
    const { google, ports, as } = workflowBook();
    as(XA, [[2, 1]], 'register');
    google.Session.email = ADMIN;
    google.SpreadsheetApp.ui.answers.push('2026');
    archiveAction(ports);
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toMatch(
      /^«2026» không phải một năm đã qua/,
    );
    google.spreadsheet.sheet(AUDIT_SHEET).type(2, 7, [['sửa tay']]);
    const rows = readAudit(ports.workbook).length;
    google.SpreadsheetApp.ui.answers.push('');
    archiveAction({ ...ports, clock: { now: () => new Date(2027, 0, 2) } });
    expect(google.SpreadsheetApp.ui.alerts.at(-1)?.prompt).toContain(
      'Nhật ký chưa được lưu trữ vì không còn nguyên vẹn',
    );
    expect(readAudit(ports.workbook)).toHaveLength(rows);
  });
});
