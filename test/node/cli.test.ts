import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { AUDIT_SHEET } from '../../src/sheets/audit-log';
import { OUTBOX_SHEET } from '../../src/sheets/outbox';
import { unitRows } from '../sheets/workbook-helpers';
import { FULL } from '../sheets/workflow-helpers';
import { xhht } from './xhht';

const XA = 'can.bo.xa1@example.org';
const HUYEN = 'thamdinh.huyen1@example.org';
const TINH = 'so.gddt@example.org';

/** Edits a file the way an officer does in Excel or LibreOffice between two commands. */
async function edit(path: string, change: (book: ExcelJS.Workbook) => void) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  change(book);
  await book.xlsx.writeFile(path);
}

async function sheetRows(path: string, name: string): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const ws = book.getWorksheet(name);
  const rows: unknown[][] = [];
  ws?.eachRow((row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1);
  });
  return rows;
}

/** A workbook made by `xhht init`, three units and three people typed in, set up again, scores typed. */
async function officeBook() {
  const dir = mkdtempSync(join(tmpdir(), 'xhht-cli-'));
  const file = join(dir, 'tinh.xlsx');
  expect(
    (await xhht('init', file, '--province', 'Tỉnh mẫu', '--rubric', 'TT22_2020_DVHT')).code,
  ).toBe(0);
  await edit(file, (book) => {
    book.getWorksheet('Đơn vị')?.addRows(unitRows(3));
    book.getWorksheet('Người dùng')?.addRows([
      [XA, 'xã', 'DV0001'],
      [HUYEN, 'huyện', 'Huyện 1'],
      [TINH, 'tỉnh', ''],
    ]);
  });
  expect((await xhht('init', file, '--rubric', 'TT22_2020_DVHT')).code).toBe(0);
  await edit(file, (book) => {
    const ws = book.getWorksheet('Chấm điểm ĐVHT');
    FULL.forEach((score, i) => {
      const cell = ws?.getCell(2, 4 + i);
      if (cell) cell.value = score;
      const second = ws?.getCell(3, 4 + i);
      if (second) second.value = i === 1 ? 'mười' : score;
    });
  });
  return { dir, file };
}

describe('xhht on a workbook, command by command', () => {
  it('sets up, validates naming the bad cell, scores into values, and sets up again losing nothing', async () => {
    const { file } = await officeBook();
    const checked = await xhht('validate', file);
    expect(checked.code).toBe(3);
    expect(checked.out).toContain(
      '• Ô E3, trang «Chấm điểm ĐVHT», mục 1.2: «mười» không phải là số.',
    );
    expect((await sheetRows(file, 'Chấm điểm ĐVHT'))[1]).not.toContain('Tốt');

    const scored = await xhht('score', file);
    expect(scored.code).toBe(3);
    const rows = await sheetRows(file, 'Chấm điểm ĐVHT');
    const header = rows[0] as string[];
    expect(rows[1]?.[header.indexOf('Tổng điểm')]).toBe(100);
    expect(rows[1]?.[header.indexOf('Xếp loại')]).toBe('Tốt');
    expect(rows[2]?.[header.indexOf('Tổng điểm')]).toBeUndefined();
    // What the officer typed is still there, and a rerun of set-up keeps it.
    expect(rows[2]?.[4]).toBe('mười');
    expect((await xhht('init', file, '--rubric', 'TT22_2020_DVHT')).code).toBe(0);
    expect((await sheetRows(file, 'Chấm điểm ĐVHT'))[2]?.[4]).toBe('mười');
  });

  it('takes the approval steps as named officers, refuses what the rules refuse, and logs them as unverified', async () => {
    const { file } = await officeBook();
    const step = (...args: string[]) => xhht('workflow', file, ...args);
    expect((await step('register', '--as', XA, '--unit', 'DV0001')).code).toBe(0);
    expect((await step('submit', '--as', XA, '--unit', 'DV0001')).code).toBe(0);
    // A commune officer cannot approve; the attempt is refused, logged, and exits 3.
    const refused = await step('approve', '--as', XA, '--unit', 'DV0001');
    expect(refused.code).toBe(3);
    expect(refused.out).toContain('DV0001: Bước này do huyện thực hiện.');
    expect(
      (await step('return', '--as', HUYEN, '--unit', 'DV0001', '--comment', 'Thiếu biên bản')).code,
    ).toBe(0);
    await step('submit', '--as', XA, '--unit', 'DV0001');
    // TT 22/2020 Điều 7: the district checks, then its Chủ tịch UBND (the unit's level) decides.
    await step('approve', '--as', HUYEN, '--unit', 'DV0001');
    const recognised = await step(
      'decide',
      '--as',
      HUYEN,
      '--unit',
      'DV0001',
      '--decision',
      '12/QĐ-UBND',
      '--date',
      '24/11/2026',
    );
    expect(recognised.out).toContain('DV0001 → Đã công nhận');
    const log = await sheetRows(file, AUDIT_SHEET);
    expect(log.slice(1).map((row) => [row[1], row[3]])).toEqual([
      [`${XA} (ngoại tuyến, chưa xác thực)`, 'Đăng ký'],
      [`${XA} (ngoại tuyến, chưa xác thực)`, 'Gửi'],
      [`${XA} (ngoại tuyến, chưa xác thực)`, 'Duyệt (bị từ chối)'],
      [`${HUYEN} (ngoại tuyến, chưa xác thực)`, 'Trả lại'],
      [`${XA} (ngoại tuyến, chưa xác thực)`, 'Gửi'],
      [`${HUYEN} (ngoại tuyến, chưa xác thực)`, 'Duyệt'],
      [`${HUYEN} (ngoại tuyến, chưa xác thực)`, 'Công nhận'],
    ]);
    // The register holds the decision; the decider revokes it with a decision of their own.
    expect((await sheetRows(file, 'Sổ công nhận'))[1]?.slice(0, 7)).toEqual([
      'Công nhận',
      'TT22_2020_DVHT',
      'DV0001',
      expect.any(String),
      'Tốt',
      '12/QĐ-UBND',
      '24/11/2026',
    ]);
    const revoked = await step(
      'revoke',
      '--as',
      HUYEN,
      '--unit',
      'DV0001',
      '--decision',
      '13/QĐ-UBND',
      '--date',
      '25/11/2026',
      '--comment',
      'Ghi nhầm đơn vị',
    );
    expect(revoked.out).toContain('DV0001 → Trả lại cho huyện');
    expect((await sheetRows(file, 'Sổ công nhận'))[2]?.[0]).toBe('Thu hồi / hủy công nhận');
    const verified = await xhht('audit', 'verify', file);
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.out).toMatch(/^Nhật ký nguyên vẹn: 8 dòng\./);

    // An edit of the log by hand is found, with its row.
    await edit(file, (book) => {
      const cell = book.getWorksheet(AUDIT_SHEET)?.getCell(5, 7);
      if (cell) cell.value = 'Đủ hồ sơ';
    });
    const broken = await xhht('audit', 'verify', file);
    expect(broken.code).toBe(3);
    expect(broken.out).toContain('Ô A6, trang «Nhật ký»: dòng này không nối tiếp dòng trước');
  });

  it('reports a deleted log and refuses the next step rather than start a new chain', async () => {
    const { file } = await officeBook();
    await xhht('workflow', file, 'register', '--as', XA, '--unit', 'DV0001');
    await edit(file, (book) => {
      const log = book.getWorksheet(AUDIT_SHEET);
      if (log) book.removeWorksheet(log.id);
    });
    const verified = await xhht('audit', 'verify', file);
    expect(verified.code).toBe(3);
    expect(verified.out).toContain(
      'Trang «Nhật ký» không còn, trong khi mã đầu chuỗi nhật ký vẫn được lưu giữ',
    );
    const next = await xhht('workflow', file, 'submit', '--as', XA, '--unit', 'DV0001');
    expect(next.code).toBe(3);
    expect(next.err).toMatch(/^Trang «Nhật ký» không còn/);
    expect((await sheetRows(file, AUDIT_SHEET)).length).toBe(0);
  });

  it('says what is wrong with a command line, and exits 2', async () => {
    const { file } = await officeBook();
    for (const args of [
      ['workflow', file, 'approve', '--unit', 'DV0001'],
      ['workflow', file, 'approve', '--as', HUYEN],
      ['workflow', file, 'approve', '--as', HUYEN, '--unit', 'DV9999'],
      ['workflow', file, 'fly', '--as', HUYEN, '--unit', 'DV0001'],
      ['workflow', file, 'recognise', '--as', TINH, '--unit', 'DV0001'],
      ['workflow', file, 'revoke', '--as', TINH, '--unit', 'DV0001', '--comment', 'Nhầm'],
      ['workflow', file, 'submit', '--as', XA, '--unit', 'DV0001', '--level', '3'],
      ['workflow', file, 'approve', '--as', HUYEN, '--unit', 'DV0001', '--level', '1'],
      ['score', file, '--colour'],
      ['audit', 'check', file],
      ['report', file],
    ]) {
      const run = await xhht(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.err.length, args.join(' ')).toBeGreaterThan(10);
    }
    expect((await xhht('score', join(tmpdir(), 'khong-co.xlsx'))).code).toBe(1);
  });

  it('writes the report as a page, a chart, a text and a message; copies the outbox into .eml files, leaving it queued', async () => {
    const { dir, file } = await officeBook();
    await xhht('workflow', file, 'register', '--as', XA, '--unit', 'DV0001');
    await xhht('workflow', file, 'submit', '--as', XA, '--unit', 'DV0001');
    const reportDir = join(dir, 'bao-cao');
    const made = await xhht('report', file, '--out', reportDir);
    expect(made.code).toBe(0);
    expect(readdirSync(reportDir).sort()).toEqual([
      'bao-cao.eml',
      'bao-cao.html',
      'bao-cao.txt',
      'bieu-do.png',
    ]);
    expect(readFileSync(join(reportDir, 'bao-cao.html'), 'utf8')).toContain(
      '<img src="bieu-do.png"',
    );
    expect(readFileSync(join(reportDir, 'bieu-do.png')).subarray(1, 4).toString()).toBe('PNG');
    const message = await simpleParser(readFileSync(join(reportDir, 'bao-cao.eml')));
    expect(message.subject).toMatch(/^\[XHHT\] Báo cáo tổng hợp XHHT Tỉnh mẫu năm \d{4}/);
    expect(message.attachments.map((part) => part.contentType)).toEqual(['image/png']);

    const mailDir = join(dir, 'thu');
    const sent = await xhht('mail', file, '--out', mailDir);
    expect(sent.code).toBe(0);
    expect(readdirSync(mailDir)).toEqual(['001.eml']);
    const notice = await simpleParser(readFileSync(join(mailDir, '001.eml')));
    expect(notice.to && !Array.isArray(notice.to) ? notice.to.text : '').toBe(HUYEN);
    expect(notice.subject).toMatch(/^\[BẢN SAO – CHƯA GỬI\] /);
    // Sheets sends it after the round trip: a second copy is the same message, still waiting.
    expect((await sheetRows(file, OUTBOX_SHEET)).slice(1).map((row) => row[6])).toEqual([
      'Chờ gửi',
    ]);
    const again = await xhht('mail', file, '--out', join(dir, 'lan-hai'));
    expect(readdirSync(join(dir, 'lan-hai'))).toEqual(['001.eml']);
    expect(again.out).toContain('CHƯA GỬI');
  });

  it('speaks English with --lang en, and helps with --help on every command', async () => {
    const { file } = await officeBook();
    const checked = await xhht('validate', file, '--lang', 'en');
    expect(checked.out).toContain('1 row with errors');
    for (const name of [
      'demo',
      'init',
      'validate',
      'score',
      'workflow',
      'report',
      'mail',
      'audit',
    ]) {
      const help = await xhht(name, '--help');
      expect(help.code, name).toBe(0);
      expect(help.out, name).toMatch(new RegExp(`^npx xhht ${name}`));
    }
    expect((await xhht('--lang', 'fr', 'score', file)).code).toBe(2);
  });
});
