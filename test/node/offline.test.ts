import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveBook } from '../../src/node/offline';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';

describe('saving the officer’s file', () => {
  it('leaves the file as it was when the write fails half-way, and no partial file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xhht-save-'));
    const file = join(dir, 'tinh.xlsx');
    const original = new XlsxWorkbook();
    original.addSheet('Trang của tôi').writeValues(1, 1, [['giữ nguyên']]);
    await original.write(file);
    const before = readFileSync(file);

    const failing = new XlsxWorkbook();
    failing.write = async (path: string) => {
      writeFileSync(path, 'PK… một nửa tệp');
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
