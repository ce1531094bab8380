import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { rubricChoices } from '../../src/sheets/actions';
import { readSettings } from '../../src/sheets/settings-sheet';
import { unitRows } from '../sheets/workbook-helpers';
import { FULL } from '../sheets/workflow-helpers';
import { xhht } from './xhht';

/**
 * Issue 13: no command ends in silence or in a success message when something asked was not done.
 * Each case below was reproduced on the previous version before it was fixed.
 */

const SCORING = 'Chấm điểm ĐVHT';

async function edit(path: string, change: (book: ExcelJS.Workbook) => void) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  change(book);
  await book.xlsx.writeFile(path);
}

async function cellOf(path: string, sheet: string, row: number, column: number) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book.getWorksheet(sheet)?.getCell(row, column);
}

/** Row 1 of a worksheet, as a list from column A. */
function headerOf(ws: ExcelJS.Worksheet | undefined): unknown[] {
  const values = ws?.getRow(1).values;
  return Array.isArray(values) ? values.slice(1) : [];
}

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'xhht-silent-'));
}

/** A workbook made by `xhht init`, `count` units typed, set up again, full scores typed. */
async function scoredBook(count = 2) {
  const file = join(folder(), 'tinh.xlsx');
  expect((await xhht('init', file, '--rubric', 'TT22_2020_DVHT')).code).toBe(0);
  await edit(file, (book) => {
    book.getWorksheet('Đơn vị')?.addRows(unitRows(count));
  });
  expect((await xhht('init', file, '--rubric', 'TT22_2020_DVHT')).code).toBe(0);
  await edit(file, (book) => {
    const ws = book.getWorksheet(SCORING);
    for (let r = 0; r < count; r += 1) {
      FULL.forEach((score, i) => {
        const cell = ws?.getCell(2 + r, 4 + i);
        if (cell) cell.value = score;
      });
    }
  });
  return file;
}

describe('xhht score never reports success when nothing was scored', () => {
  it('a title row above the header: not done, naming row 1 as the place of the header, exit 3', async () => {
    const file = await scoredBook();
    await edit(file, (book) => {
      book.getWorksheet(SCORING)?.spliceRows(1, 0, ['DANH SÁCH CHẤM ĐIỂM NĂM 2026']);
    });
    const run = await xhht('score', file);
    expect(run.code).toBe(3);
    expect(run.out).not.toContain('Đã ghi kết quả');
    expect(run.out).toContain('dòng 1 phải là dòng tiêu đề');
    expect(run.out).toContain('dòng 2');
  });

  it('a merged header cell is named as such', async () => {
    const file = await scoredBook();
    await edit(file, (book) => {
      book.getWorksheet(SCORING)?.mergeCells('E1:F1');
    });
    const run = await xhht('score', file);
    expect(run.code).toBe(3);
    expect(run.out).toContain('gộp');
    expect(run.out).toContain('E1:F1');
    expect(run.out).not.toContain('Đã ghi kết quả');
  });

  it('a renamed header: exit 3, nothing said to be written', async () => {
    const file = await scoredBook();
    await edit(file, (book) => {
      const cell = book.getWorksheet(SCORING)?.getCell(1, 4);
      if (cell) cell.value = 'Điểm mục một';
    });
    const run = await xhht('score', file);
    expect(run.code).toBe(3);
    expect(run.out).toContain('«Điểm mục một» (D)');
    expect(run.out).not.toContain('Đã ghi kết quả');
  });

  it('a rubric still holding «CẦN BỔ SUNG»: exit 3, as validate says', async () => {
    const file = await scoredBook();
    await edit(file, (book) => {
      const ws = book.getWorksheet('Tiêu chí');
      const header = headerOf(ws);
      const max = header.indexOf('Điểm tối đa') + 1;
      let done = false;
      ws?.eachRow((row, n) => {
        if (done || n === 1 || row.getCell(max).value === null) return;
        row.getCell(max).value = 'CẦN BỔ SUNG';
        done = true;
      });
    });
    expect((await xhht('validate', file)).code).toBe(3);
    const run = await xhht('score', file);
    expect(run.code).toBe(3);
    expect(run.out).toContain('CẦN BỔ SUNG');
    expect(run.out).not.toContain('Đã ghi kết quả');
  });

  it('everything scored: exit 0 and says what was written', async () => {
    const file = await scoredBook();
    const run = await xhht('score', file);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Đã ghi kết quả');
  });
});

describe('xhht validate lists every problem on request', () => {
  it('--all lists past five, --report writes them all to a file', async () => {
    const file = await scoredBook(8);
    await edit(file, (book) => {
      const ws = book.getWorksheet(SCORING);
      for (let r = 2; r <= 9; r += 1) {
        const cell = ws?.getCell(r, 5);
        if (cell) cell.value = 'mười';
      }
    });
    const short = await xhht('validate', file);
    expect(short.code).toBe(3);
    expect(short.out).toContain('… và 3 dòng khác');
    expect(short.out).toContain('--all');
    const all = await xhht('validate', file, '--all');
    expect(all.code).toBe(3);
    expect(all.out).not.toContain('dòng khác');
    expect(all.out).toContain('Ô E9');
    const report = join(folder(), 'loi.txt');
    const written = await xhht('validate', file, '--report', report);
    expect(written.code).toBe(3);
    const text = readFileSync(report, 'utf8');
    for (let r = 2; r <= 9; r += 1) expect(text).toContain(`Ô E${r},`);
  });
});

describe('xhht init says what it left out', () => {
  it('without --rubric, sets up again every rubric the units name, and names unknown ones', async () => {
    const file = join(folder(), 'tinh.xlsx');
    expect((await xhht('init', file, '--rubric', 'TT22_2020_DVHT')).code).toBe(0);
    expect((await xhht('init', file, '--rubric', 'TT25_2023_CDHT_XA')).code).toBe(0);
    await edit(file, (book) => {
      const ws = book.getWorksheet('Đơn vị');
      ws?.addRows(unitRows(3));
    });
    await edit(file, (book) => {
      const ws = book.getWorksheet('Đơn vị');
      const header = headerOf(ws);
      const rubrics = header.indexOf('Bộ tiêu chí áp dụng') + 1;
      const put = (row: number, value: string) => {
        const cell = ws?.getCell(row, rubrics);
        if (cell) cell.value = value;
      };
      put(2, 'TT22_2020_DVHT');
      put(3, 'TT25_2023_CDHT_XA');
      put(4, 'TT25/2023');
    });
    const run = await xhht('init', file);
    expect(run.out).toContain('Chấm điểm ĐVHT');
    expect(run.out).toMatch(/TT25\/2023/);
    expect(run.out).toContain('DV0003');
    expect(run.code).toBe(3);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const codes = (name: string) => {
      const out: unknown[] = [];
      book.getWorksheet(name)?.eachRow((row, n) => {
        if (n > 1) out.push(row.getCell(1).value);
      });
      return out;
    };
    expect(codes(SCORING)).toEqual(['DV0001']);
    const xa = book.worksheets.find((ws) => ws.name.includes('TT25'));
    expect(xa).toBeDefined();
    expect(codes(xa?.name ?? '')).toEqual(['DV0002']);
  });

  it('names «Đơn vị» rows it did not add: a repeated code with another name, a code differing by case or a space', async () => {
    const file = join(folder(), 'tinh.xlsx');
    expect((await xhht('init', file, '--rubric', 'TT22_2020_DVHT')).code).toBe(0);
    await edit(file, (book) => {
      book.getWorksheet('Đơn vị')?.addRows([
        ['DV01', 'Trường A', 'Huyện 1'],
        ['DV01', 'Trường B', 'Huyện 1'],
        ['dv02 ', 'Trường C', 'Huyện 1'],
        ['DV02', 'Trường D', 'Huyện 2'],
      ]);
    });
    const run = await xhht('init', file, '--rubric', 'TT22_2020_DVHT');
    expect(run.code).toBe(3);
    expect(run.out).toContain('A3');
    expect(run.out).toContain('Trường B');
    expect(run.out).toContain('A5');
    expect(run.out).toContain('Trường D');
  });
});

const XA = 'can.bo.xa1@example.org';
const HUYEN = 'thamdinh.huyen1@example.org';

async function rows(path: string, name: string): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const out: unknown[][] = [];
  book.getWorksheet(name)?.eachRow((row, n) => {
    out[n - 1] = (row.values as unknown[]).slice(1);
  });
  return out;
}

describe('«Người dùng» rows that grant nothing are said, at set-up and when acting', () => {
  it('a wrong role («cấp xã») and a scope differing by punctuation («TP. Hà Tĩnh»)', async () => {
    const file = join(folder(), 'tinh.xlsx');
    expect((await xhht('init', file, '--rubric', 'TT22_2020_DVHT')).code).toBe(0);
    await edit(file, (book) => {
      book.getWorksheet('Đơn vị')?.addRows(unitRows(2, () => 'TP Hà Tĩnh'));
      book.getWorksheet('Người dùng')?.addRows([
        [XA, 'cấp xã', 'DV0001'],
        [HUYEN, 'huyện', 'TP. Hà Tĩnh'],
      ]);
    });
    const setUp = await xhht('init', file, '--rubric', 'TT22_2020_DVHT');
    expect(setUp.code).toBe(3);
    expect(setUp.out).toContain('Ô B2, trang «Người dùng»: vai trò «cấp xã» không rõ');
    expect(setUp.out).toContain('«TP. Hà Tĩnh»');
    expect(setUp.out).toContain('«TP Hà Tĩnh»');
    const step = await xhht('workflow', file, 'register', '--as', XA, '--unit', 'DV0001');
    expect(step.code).toBe(3);
    expect(step.out).toContain('vai trò «cấp xã» không rõ');
    expect(step.out).not.toContain('chưa có trong trang «Người dùng»');
    expect(step.out).toContain('Không bước nào được thực hiện');
  });
});

describe('offline times are Hà Nội times whatever the computer’s zone', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a log row written on a UTC machine at 03:00 UTC reads 10:00', async () => {
    const file = await scoredBook(1);
    const zone = process.env.TZ;
    process.env.TZ = 'UTC';
    try {
      // The commands' clock stands at 23/11/2026 03:00 UTC (test/node/xhht.ts).
      await xhht('workflow', file, 'register', '--as', XA, '--unit', 'DV0001');
    } finally {
      process.env.TZ = zone;
    }
    const log = await rows(file, 'Nhật ký');
    expect(log[1]?.[0]).toBe('23/11/2026 10:00:00');
  });
});

describe('xhht mail never marks «Đã gửi» what it only wrote as files', () => {
  it('messages stay queued for Sheets; the .eml are copies labelled not sent, from the settings’ address', async () => {
    const file = await scoredBook(1);
    await edit(file, (book) => {
      book.getWorksheet('Người dùng')?.addRows([
        [XA, 'xã', 'DV0001'],
        [HUYEN, 'huyện', 'Huyện 1'],
      ]);
      const settings = book.getWorksheet('Cài đặt');
      settings?.eachRow((row) => {
        if (row.getCell(1).value === 'mailFrom') row.getCell(3).value = 'xhht@so-gddt.example.org';
      });
    });
    await xhht('workflow', file, 'register', '--as', XA, '--unit', 'DV0001');
    await xhht('workflow', file, 'submit', '--as', XA, '--unit', 'DV0001');
    const out = join(folder(), 'thu');
    const run = await xhht('mail', file, '--out', out);
    expect(run.code).toBe(0);
    expect(run.out).toContain('CHƯA GỬI');
    const outbox = await rows(file, 'Hộp thư đi');
    const status = (outbox[0] as string[]).indexOf('Trạng thái');
    expect(outbox.slice(1).map((row) => row[status])).toEqual(['Chờ gửi']);
    const message = await simpleParser(readFileSync(join(out, '001.eml')));
    expect(message.subject).toMatch(/CHƯA GỬI/);
    expect(message.from?.text).toContain('xhht@so-gddt.example.org');
  });
});

describe('the command line and the file are refused in the officer’s words', () => {
  it('no English from Node or the zip library, and a password-protected workbook named as such', async () => {
    const dir = folder();
    const notZip = join(dir, 'hong.xlsx');
    writeFileSync(notZip, 'đây không phải tệp xlsx');
    const damaged = await xhht('validate', notZip);
    expect(damaged.code).toBe(1);
    expect(damaged.err).toContain('tệp bị hỏng hoặc là loại tệp khác');
    expect(damaged.err).not.toMatch(/zip|http|central directory/i);

    // An Office file encrypted with a password: an OLE2 compound file holding an «EncryptedPackage».
    const locked = join(dir, 'co mat khau.xlsx');
    writeFileSync(
      locked,
      Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(504),
        Buffer.from('EncryptionInfo\0EncryptedPackage', 'utf16le'),
      ]),
    );
    const protectedRun = await xhht('score', locked);
    expect(protectedRun.code).toBe(1);
    expect(protectedRun.err).toContain('được đặt mật khẩu');

    const file = await scoredBook(1);
    const unknown = await xhht('score', file, '--colour');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Lệnh này không có tùy chọn «--colour».');
    expect(unknown.err).not.toContain('Unknown option');
    const noValue = await xhht('score', file, '--out');
    expect(noValue.code).toBe(2);
    expect(noValue.err).toContain('«--out» cần một giá trị');
    expect(noValue.err).not.toContain('argument missing');
  });

  it('hints print npx xhht and quote a path with spaces', async () => {
    const file = join(folder(), 'ho so tinh.xlsx');
    const made = await xhht('init', file, '--rubric', 'TT22_2020_DVHT');
    expect(made.out).toContain(`npx xhht init "${file}"`);
    const missing = await xhht('validate', join(folder(), 'khong co.xlsx'));
    expect(missing.err).toMatch(/npx xhht init ".*khong co\.xlsx"/);
  });

  it('`init moi.xls` is refused with the right name to use', async () => {
    const run = await xhht('init', join(folder(), 'moi.xls'));
    expect(run.code).toBe(2);
    expect(run.err).toContain('moi.xlsx');
  });

  it('`--rubric 4` takes the fourth rubric of the menu’s list', async () => {
    const file = join(folder(), 'tinh.xlsx');
    expect((await xhht('init', file, '--rubric', 'TT22_2020_DVHT')).code).toBe(0);
    // The menu's list for the file's assessment year, as the set-up question shows it.
    const book = await XlsxWorkbook.read(file);
    const year = readSettings(book, new Date(Date.UTC(2026, 0, 1))).year;
    const fourth = rubricChoices(book, year)[3]?.id;
    expect(fourth).toBeDefined();
    const run = await xhht('init', file, '--rubric', '4');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`(${fourth})`);
    expect((await xhht('init', file, '--rubric', '99')).code).toBe(2);
  });

  it('English counts: «1 unit», not «1 units»', async () => {
    const file = await scoredBook(1);
    const run = await xhht('init', file, '--lang', 'en');
    expect(run.out).not.toMatch(/\b1 units\b/);
    const scored = await xhht('validate', file, '--lang', 'en');
    expect(scored.out).toContain('scored 1/1 unit ');
  });
});

describe('decision and meeting dates say what is wrong with them', () => {
  it('32/13/2027 is wrong, not missing; a date years ahead is refused; a return needs --comment (exit 2)', async () => {
    const file = await scoredBook(1);
    const decide = (date: string) =>
      xhht(
        'workflow',
        file,
        'recognise',
        '--as',
        XA,
        '--unit',
        'DV0001',
        '--decision',
        '1/QĐ',
        '--date',
        date,
      );
    const wrong = await decide('32/13/2027');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('«32/13/2027» không phải một ngày có thật');
    const ahead = await decide('01/01/2099');
    expect(ahead.code).toBe(2);
    expect(ahead.err).toContain('hơn một năm');
    const noDate = await xhht(
      'workflow',
      file,
      'recognise',
      '--as',
      XA,
      '--unit',
      'DV0001',
      '--decision',
      '1/QĐ',
    );
    expect(noDate.err).toContain('--date');
    const back = await xhht('workflow', file, 'return', '--as', HUYEN, '--unit', 'DV0001');
    expect(back.code).toBe(2);
    expect(back.err).toContain('--comment');
    expect((await rows(file, 'Nhật ký')).length).toBeLessThanOrEqual(1);
  });

  it('«Ngày quyết định» is stored as a date, and «Chấm lúc» of a row without a format reads day first with the time', async () => {
    const file = await scoredBook(1);
    await edit(file, (book) => {
      book.getWorksheet('Người dùng')?.addRows([
        [XA, 'xã', 'DV0001'],
        [HUYEN, 'huyện', 'Huyện 1'],
        ['so@example.org', 'tỉnh', ''],
      ]);
      const ws = book.getWorksheet(SCORING);
      const header = headerOf(ws);
      const at = header.indexOf('Chấm lúc') + 1;
      // A row pasted by hand: its cells carry no format.
      const cell = ws?.getCell(2, at);
      if (cell) cell.style = {};
    });
    const step = (...args: string[]) => xhht('workflow', file, ...args);
    await step('register', '--as', XA, '--unit', 'DV0001');
    await step('submit', '--as', XA, '--unit', 'DV0001');
    await step('approve', '--as', HUYEN, '--unit', 'DV0001');
    // TT 22/2020 Điều 7: the district checks, then decides (the ladder of main since i10-ladders).
    const done = await step(
      'recognise',
      '--as',
      HUYEN,
      '--unit',
      'DV0001',
      '--decision',
      '12/QĐ-UBND',
      '--date',
      '24/11/2026',
    );
    expect(done.out, done.out).toContain('DV0001 → Đã công nhận');
    const header = (await rows(file, SCORING))[0] as string[];
    const decided = await cellOf(file, SCORING, 2, header.indexOf('Ngày quyết định') + 1);
    expect(decided?.value).toBeInstanceOf(Date);
    expect((decided?.value as Date | undefined)?.toISOString().slice(0, 10)).toBe('2026-11-24');
    expect(decided?.numFmt).toBe('dd/mm/yyyy');
    await edit(file, (book) => {
      const ws = book.getWorksheet(SCORING);
      const cell = ws?.getCell(2, header.indexOf('Chấm lúc') + 1);
      if (cell) cell.style = {};
    });
    await xhht('score', file);
    const scoredAt = await cellOf(file, SCORING, 2, header.indexOf('Chấm lúc') + 1);
    expect(scoredAt?.numFmt).toBe('dd/mm/yyyy hh:mm');
  });
});

describe('a workbook written by the previous version', () => {
  it('gets the «Địa chỉ gửi thư» (mailFrom) row at set-up, and works without it before', async () => {
    const file = await scoredBook(1);
    // The previous version had no mailFrom row.
    await edit(file, (book) => {
      const settings = book.getWorksheet('Cài đặt');
      let at = 0;
      settings?.eachRow((row, n) => {
        if (row.getCell(1).value === 'mailFrom') at = n;
      });
      expect(at).toBeGreaterThan(0);
      settings?.spliceRows(at, 1);
    });
    const keys = async () => (await rows(file, 'Cài đặt')).map((row) => row?.[0]);
    expect(await keys()).not.toContain('mailFrom');
    const copies = await xhht('mail', file, '--out', join(folder(), 'thu'));
    expect(copies.code).toBe(0);
    expect(copies.out).toContain('mailFrom');
    expect((await xhht('init', file, '--rubric', 'TT22_2020_DVHT')).code).toBe(0);
    expect(await keys()).toContain('mailFrom');
  });
});
