import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LOCK_SUFFIX, lockTiming } from '../../src/node/file-lock';
import { saveBook } from '../../src/node/offline';
import { XLSX_LIMITS, xlsxProblem } from '../../src/node/xlsx-limits';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { xhht } from './xhht';

describe('saving the officer’s file', () => {
  it('leaves the file as it was when the write fails half-way, and no partial file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xhht-save-'));
    const file = join(dir, 'tinh.xlsx');
    const original = new XlsxWorkbook();
    original.addSheet('Trang của tôi').writeValues(1, 1, [['giữ nguyên']]);
    await original.write(file);
    const before = readFileSync(file);

    const failing = new XlsxWorkbook();
    failing.toBuffer = async () => {
      writeFileSync(`${file}.xhht-dang-ghi`, 'PK… một nửa tệp');
      throw new Error('ENOSPC: no space left on device');
    };
    await expect(saveBook(failing, file, file, false)).rejects.toThrow('ENOSPC');
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['tinh.xlsx']);

    // A write that succeeds replaces the file, still with nothing left beside it.
    const next = new XlsxWorkbook();
    next.addSheet('Trang mới').writeValues(1, 1, [['mới']]);
    await saveBook(next, file, file, false);
    expect((await XlsxWorkbook.read(file)).sheet('Trang mới')?.readValues()).toEqual([['mới']]);
    expect(existsSync(`${file}.xhht-dang-ghi`)).toBe(false);
    expect(readdirSync(dir)).toEqual(['tinh.xlsx']);
  });
});

describe('the offline command line on a shared folder', () => {
  async function workbook() {
    const dir = mkdtempSync(join(tmpdir(), 'xhht-safe-'));
    const file = join(dir, 'tinh.xlsx');
    expect(
      (await xhht('init', file, '--province', 'Tỉnh mẫu', '--rubric', 'TT22_2020_DVHT')).code,
    ).toBe(0);
    return { dir, file };
  }

  it('refuses a second command while another holds the workbook’s lock, and says who', async () => {
    const { file } = await workbook();
    const before = readFileSync(file);
    // Another command, still running on this machine (this test's parent process stands for it); its
    // time is one that cannot be stale (tests never read the clock).
    writeFileSync(
      `${file}${LOCK_SUFFIX}`,
      JSON.stringify({ pid: process.ppid, host: hostname(), since: '2999-01-01T00:00:00.000Z' }),
    );
    lockTiming.waitMs = 300;
    try {
      const run = await xhht('score', file);
      expect(run.code).toBe(1);
      expect(run.err).toContain(
        `Tệp «${resolve(file)}» đang được một lệnh xhht khác dùng (tiến trình ${process.ppid} trên máy ${hostname()}`,
      );
      expect(readFileSync(file).equals(before)).toBe(true);
      // Waited for, it goes through once the other command ends.
      setTimeout(() => rmSync(`${file}${LOCK_SUFFIX}`), 100);
      lockTiming.waitMs = 3_000;
      expect((await xhht('score', file)).code).not.toBe(1);
      expect(existsSync(`${file}${LOCK_SUFFIX}`)).toBe(false);
    } finally {
      lockTiming.waitMs = 5_000;
    }
  });

  it('clears a lock left by a command that died, with a message', async () => {
    const { file } = await workbook();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number;
    writeFileSync(
      `${file}${LOCK_SUFFIX}`,
      JSON.stringify({ pid: dead, host: hostname(), since: '2026-03-20T08:00:00.000Z' }),
    );
    const run = await xhht('validate', file);
    expect(run.err).toContain(
      `Đã gỡ khóa cũ của «${resolve(file)}» (tiến trình ${dead} đã dừng (có thể bị ngắt giữa chừng))`,
    );
    expect(run.code).not.toBe(1);
    expect(existsSync(`${file}${LOCK_SUFFIX}`)).toBe(false);
  });

  it('refuses to replace a read-only file, or to write in a read-only folder', async () => {
    const { dir, file } = await workbook();
    const before = readFileSync(file);
    chmodSync(file, 0o444);
    const run = await xhht('score', file);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`Tệp «${file}» chỉ được đọc (read-only): XHHT không ghi đè.`);
    expect(readFileSync(file).equals(before)).toBe(true);
    chmodSync(file, 0o644);
    chmodSync(dir, 0o555);
    try {
      const inFolder = await xhht('score', file);
      expect(inFolder.code).toBe(1);
      expect(inFolder.err).toContain(`Thư mục «${dir}» chỉ được đọc`);
      expect(readFileSync(file).equals(before)).toBe(true);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('never writes through a link planted at the temporary path', async () => {
    const { dir, file } = await workbook();
    const victim = join(dir, 'cua-nguoi-khac.txt');
    writeFileSync(victim, 'không được ghi đè');
    symlinkSync(victim, `${file}.xhht-dang-ghi`);
    expect((await xhht('score', file)).code).not.toBe(1);
    expect(readFileSync(victim, 'utf8')).toBe('không được ghi đè');
    expect(existsSync(`${file}.xhht-dang-ghi`)).toBe(false);
    expect(await XlsxWorkbook.read(file)).toBeDefined();
  });

  it('refuses, before loading, a sheet reaching XFD1048576 and a zip bomb', async () => {
    const { dir, file } = await workbook();
    const far = join(dir, 'xa.xlsx');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Trang').getCell('XFD1048576').value = 1;
    await book.xlsx.writeFile(far);
    const run = await xhht('validate', far);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /Tệp vượt giới hạn XHHT đọc được an toàn: trang tính «xl\/worksheets\/sheet1\.xml» dài tới dòng 1048576, cột 16384/,
    );

    // A part declaring a small size that inflates far beyond the limit.
    const bomb = join(dir, 'bom.xlsx');
    const bytes = readFileSync(file);
    const limits = { ...XLSX_LIMITS, entryBytes: 1024 };
    expect(xlsxProblem(bytes, limits)).toMatch(/giải nén ra (hơn )?\d+ byte/);
    const zeros = deflateRawSync(Buffer.alloc(20 * 1024 * 1024));
    writeFileSync(bomb, zipOf('xl/worksheets/sheet1.xml', zeros, 1000));
    expect(xlsxProblem(readFileSync(bomb))).toBeUndefined();
    expect(
      xlsxProblem(readFileSync(bomb), { ...XLSX_LIMITS, entryBytes: 10 * 1024 * 1024 }),
    ).toMatch(/phần «xl\/worksheets\/sheet1\.xml» giải nén ra hơn 10485760 byte/);
    expect(xlsxProblem(readFileSync(file))).toBeUndefined();
  });
});

/** A zip of one deflated part whose directory declares `declared` bytes (a lie, as a bomb tells). */
function zipOf(name: string, deflated: Buffer, declared: number): Buffer {
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const directoryAt = local.length + nameBytes.length + deflated.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return Buffer.concat([local, nameBytes, deflated, central, nameBytes, end]);
}
