import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AUDIT_SHEET } from '../../src/sheets/audit-log';
import { unitRows } from '../sheets/workbook-helpers';
import { xhht } from './xhht';

const XA = 'can.bo.xa1@example.org';
const HUYEN = 'thamdinh.huyen1@example.org';

async function edit(path: string, change: (book: ExcelJS.Workbook) => void) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  change(book);
  await book.xlsx.writeFile(path);
}

/** A real .xlsx with three steps logged offline, and the head `audit verify` printed after them. */
async function loggedBook() {
  const file = join(mkdtempSync(join(tmpdir(), 'xhht-head-')), 'tinh.xlsx');
  expect((await xhht('init', file, '--rubric', 'TT22_2020_DVHT')).code).toBe(0);
  await edit(file, (book) => {
    book.getWorksheet('Đơn vị')?.addRows(unitRows(3));
    book.getWorksheet('Người dùng')?.addRows([
      [XA, 'xã', 'DV0001'],
      [HUYEN, 'huyện', 'Huyện 1'],
    ]);
  });
  expect((await xhht('init', file, '--rubric', 'TT22_2020_DVHT')).code).toBe(0);
  const step = (...args: string[]) => xhht('workflow', file, ...args);
  expect((await step('register', '--as', XA, '--unit', 'DV0001')).code).toBe(0);
  expect((await step('register', '--as', XA, '--unit', 'DV0002,DV0003')).code).not.toBe(1);
  const verified = await xhht('audit', 'verify', file);
  expect(verified.code).toBe(0);
  const head = /Mã đầu chuỗi: ([0-9a-f]{64})/.exec(verified.out)?.[1] ?? '';
  expect(head).toHaveLength(64);
  const rows = Number(/nguyên vẹn: (\d+) dòng/.exec(verified.out)?.[1]);
  return { file, head, rows, step };
}

describe('xhht audit verify --head', () => {
  it('says intact and matching for the head a summary published, with the rows written since', async () => {
    const { file, head, rows, step } = await loggedBook();
    const now = await xhht('audit', 'verify', file, '--head', head);
    expect(now.code).toBe(0);
    expect(now.out).toContain(`khớp với nhật ký đến hết dòng ${rows + 1} của «${AUDIT_SHEET}»`);
    expect(now.out).not.toContain('ghi sau đó');

    // A refused attempt is logged too: one more row after the published head.
    expect((await step('approve', '--as', XA, '--unit', 'DV0001')).code).toBe(3);
    const later = await xhht('audit', 'verify', file, '--head', head.toUpperCase());
    expect(later.code).toBe(0);
    expect(later.out).toContain('1 dòng ghi sau đó');
  });

  it('exits 3 naming the problem when a row the head covers was edited', async () => {
    const { file, head } = await loggedBook();
    await edit(file, (book) => {
      const cell = book.getWorksheet(AUDIT_SHEET)?.getCell(2, 7);
      if (cell) cell.value = 'sửa tay';
    });
    const result = await xhht('audit', 'verify', file, '--head', head);
    expect(result.code).toBe(3);
    expect(result.out).toContain('Ô A3, trang «Nhật ký»: dòng này không nối tiếp dòng trước');
    expect(result.out).toContain(`Mã đầu chuỗi ${head} không khớp với dòng nào trước Ô A3`);
  });

  it('exits 3 for a head of another workbook, even when the log itself is intact', async () => {
    const { file } = await loggedBook();
    const other = 'ab'.repeat(32);
    const result = await xhht('audit', 'verify', file, '--head', other);
    expect(result.code).toBe(3);
    expect(result.out).toContain(`Mã đầu chuỗi ${other} không khớp với dòng nào của «Nhật ký»`);
  });

  it('exits 3 when the log was deleted, and 2 for a head mistyped', async () => {
    const { file, head } = await loggedBook();
    const typo = await xhht('audit', 'verify', file, '--head', head.slice(1));
    expect(typo.code).toBe(2);
    expect(`${typo.out}${typo.err}`).toContain('không phải một mã đầu chuỗi');
    await edit(file, (book) => {
      const log = book.getWorksheet(AUDIT_SHEET);
      if (log) book.removeWorksheet(log.id);
    });
    const gone = await xhht('audit', 'verify', file, '--head', head);
    expect(gone.code).toBe(3);
    expect(gone.out).toContain('Trang «Nhật ký» không còn');
    expect(gone.out).toContain(`Mã đầu chuỗi ${head} không khớp với dòng nào`);
  });
});
