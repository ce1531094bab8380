// `xhht score` and `xhht validate` read the sheets' XML directly and write back only the rows they
// changed (src/node/xlsx-patch.ts). These tests hold that reader and writer to exceljs's: the same
// values read, the same results written, and every part of the file they do not own kept byte for
// byte. exceljs is the reference here, so it is used directly.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../src/domain/cells';
import { EXIT, offlinePorts } from '../../src/node/offline';
import { XLSX_LIMITS } from '../../src/node/xlsx-limits';
import { PatchedWorkbook, PatchTooBig, PatchUnsupported } from '../../src/node/xlsx-patch';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { inflated, readZip } from '../../src/node/zip';
import { UNITS_SHEET } from '../../src/sheets/layout';
import { scoreAll } from '../../src/sheets/score-all';
import { setUp } from '../../src/sheets/set-up';
import { NOW } from '../fakes/context';
import { rubric, unitRows } from '../sheets/workbook-helpers';
import { xhht } from './xhht';

const SCORING = rubric.scoringSheet;
const UNITS = 50;
const EXTRA = 'Theo dõi của tôi';

/** Scores for items 1.1 … 3.3: most rows valid, every seventh with a score above its maximum. */
function scores(i: number): CellValue[] {
  return i % 7 === 3
    ? [10, 10, 10, 10, 9, 10, 5, 25, 10, 5]
    : [10, '8,5', 7, 10, 5, 10, 5, 20 + (i % 6), 10, i % 5];
}

/** A 50-unit workbook as `xhht init` makes it, scores typed, and things of the officer's own. */
async function officersBook(): Promise<Buffer> {
  const book = new XlsxWorkbook();
  const ports = offlinePorts(book, { now: NOW });
  setUp(ports, rubric.id);
  book.sheet(UNITS_SHEET)?.writeValues(
    2,
    1,
    unitRows(UNITS).map((row) => row.slice(0, 5)),
  );
  setUp(ports, rubric.id);
  book.sheet(SCORING)?.writeValues(
    2,
    4,
    Array.from({ length: UNITS }, (_, i) => scores(i)),
  );
  const extra = book.book.addWorksheet(EXTRA);
  extra.getCell('A1').value = 1234.5;
  extra.getCell('A1').numFmt = '#,##0.00';
  extra.getCell('A2').value = { formula: 'A1*2', result: 2469 };
  extra.getCell('B1').value = new Date(Date.UTC(2026, 2, 15));
  extra.getCell('B1').numFmt = 'dd/mm/yyyy';
  extra.getCell('B2').value = {
    richText: [{ text: 'Họp ', font: { bold: true } }, { text: 'cụm & "xã" <2>' }],
  };
  extra.getCell('C1').value = true;
  extra.getCell('C2').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
  extra.getCell('C3').value = '  hai dòng\nthứ hai ';
  extra.getCell('C4').value = { text: 'trang xã', hyperlink: 'https://example.org/' };
  extra.getCell('D1').value = { formula: 'CONCAT("a","b")', result: 'ab' };
  extra.getCell('D2').value = new Date(Date.UTC(2026, 2, 15, 8, 30));
  extra.getCell('D2').numFmt = 'mm-dd-yy';
  extra.getCell('E1').value = { formula: 'A1+1' };
  const scoring = book.book.getWorksheet(SCORING);
  if (!scoring) throw new Error('no scoring sheet');
  const name = scoring.getCell('B2');
  name.font = { bold: true };
  name.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
  scoring.getCell('D3').note = 'Theo biên bản kiểm tra';
  return book.toBuffer();
}

/** Every sheet's values as exceljs reads them through XlsxWorkbook, by sheet name. */
async function valuesOf(bytes: Buffer): Promise<Map<string, CellValue[][]>> {
  const book = new XlsxWorkbook(new ExcelJS.Workbook());
  await book.book.xlsx.load(bytes as unknown as ArrayBuffer);
  return new Map(
    book.book.worksheets.map((ws) => [ws.name, book.sheet(ws.name)?.readValues() ?? []]),
  );
}

function partsOf(bytes: Buffer): Map<string, { data: Buffer; text: string }> {
  return new Map(
    (readZip(bytes) ?? []).map((entry) => [
      entry.name,
      { data: entry.data, text: inflated(entry).toString('utf8') },
    ]),
  );
}

function partOfSheet(bytes: Buffer, name: string): string {
  const parts = partsOf(bytes);
  const workbook = parts.get('xl/workbook.xml')?.text ?? '';
  const id = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const rels = parts.get('xl/_rels/workbook.xml.rels')?.text ?? '';
  const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
  return `xl/${target}`;
}

describe('a 50-unit workbook scored through the XML reader and through exceljs', () => {
  let original: Buffer;
  let patched: Buffer;
  let viaExcel: Buffer;
  let patchedReport: ReturnType<typeof scoreAll>;
  let excelReport: ReturnType<typeof scoreAll>;

  beforeAll(async () => {
    original = await officersBook();
    const fast = PatchedWorkbook.read(original);
    patchedReport = scoreAll(offlinePorts(fast, { now: NOW }));
    patched = await fast.toBuffer();
    const slow = new XlsxWorkbook(new ExcelJS.Workbook());
    await slow.book.xlsx.load(original as unknown as ArrayBuffer);
    excelReport = scoreAll(offlinePorts(slow, { now: NOW }));
    viaExcel = await slow.toBuffer();
  }, 60_000);

  it('reads every sheet as exceljs does, cell for cell', async () => {
    const fast = PatchedWorkbook.read(original);
    const expected = await valuesOf(original);
    expect([...expected.keys()]).toContain(EXTRA);
    for (const [name, values] of expected) {
      expect(fast.sheet(name)?.readValues(), name).toEqual(values);
    }
  });

  it('reaches the same report: summary, errors, nothing refused', () => {
    expect(patchedReport.refused).toEqual([]);
    expect(patchedReport.sheets.map((s) => s.summary)).toEqual(
      excelReport.sheets.map((s) => s.summary),
    );
    expect(patchedReport.sheets.map((s) => s.errors)).toEqual(
      excelReport.sheets.map((s) => s.errors),
    );
    // The rows with a score above its maximum are errors; the others are scored.
    expect(patchedReport.sheets[0]?.errors).toHaveLength(7);
    expect(patchedReport.sheets[0]?.units.filter((u) => u.status === 'done')).toHaveLength(43);
  });

  it('writes what exceljs writes: every sheet reads back the same, results included', async () => {
    const fast = await valuesOf(patched);
    const slow = await valuesOf(viaExcel);
    expect([...fast.keys()]).toEqual([...slow.keys()]);
    for (const [name, values] of slow) expect(fast.get(name), name).toEqual(values);
    const scoring = fast.get(SCORING) ?? [];
    const band = scoring[0]?.indexOf('Xếp loại') ?? -1;
    expect(band).toBeGreaterThan(0);
    expect(scoring.slice(1).filter((row) => row[band] !== '')).toHaveLength(43);
  });

  it('keeps every other part of the file byte for byte, compressed data included', () => {
    const before = partsOf(original);
    const after = partsOf(patched);
    const scoring = partOfSheet(original, SCORING);
    expect([...after.keys()]).toEqual([...before.keys()]);
    const changed = [...before].filter(([name, part]) => !after.get(name)?.data.equals(part.data));
    expect(changed.map(([name]) => name).sort()).toEqual([scoring, 'xl/sharedStrings.xml'].sort());
  });

  it('keeps the scoring sheet outside its rows: widths, panes, validations, formats, the note', () => {
    const scoring = partOfSheet(original, SCORING);
    const outside = (bytes: Buffer) => {
      const xml = partsOf(bytes).get(scoring)?.text ?? '';
      return xml.replace(/<sheetData>[\s\S]*<\/sheetData>/, '');
    };
    expect(outside(patched)).toEqual(outside(original));
    expect(outside(original)).toMatch(/<dataValidations\b/);
    expect(outside(original)).toMatch(/<conditionalFormatting\b/);
  });

  it('keeps the typed cells’ XML as it was: only result cells are rewritten', () => {
    const scoring = partOfSheet(original, SCORING);
    const cells = (bytes: Buffer) =>
      new Map(
        [
          ...(partsOf(bytes).get(scoring)?.text ?? '').matchAll(
            /<c r="([A-Z]+)(\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g,
          ),
        ].map((m) => [`${m[1]}${m[2]}`, m[0]]),
      );
    const before = cells(original);
    const after = cells(patched);
    // Code, name, district, the scores: columns A…M.
    const typed = [...before.keys()].filter((ref) => /^[A-M]\d+$/.test(ref));
    expect(typed.length).toBeGreaterThan(UNITS * 13);
    for (const ref of typed) expect(after.get(ref), ref).toBe(before.get(ref));
  });

  it('gives a date written into an unformatted cell the Vietnamese date-time format', async () => {
    const fast = PatchedWorkbook.read(original);
    const extra = fast.sheet(EXTRA);
    extra?.writeValues(6, 1, [[NOW, new Date(Date.UTC(2026, 10, 22, 17, 0, 0))]]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await fast.toBuffer()) as unknown as ArrayBuffer);
    const ws = book.getWorksheet(EXTRA);
    // 10:00 in Hà Nội, and midnight there (a date without a time).
    expect(ws?.getCell('A6').numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(ws?.getCell('A6').value).toEqual(new Date(Date.UTC(2026, 10, 23, 10, 0, 0)));
    expect(ws?.getCell('B6').numFmt).toBe('dd/mm/yyyy');
    // The officer's own date keeps its format.
    expect(ws?.getCell('B1').numFmt).toBe('dd/mm/yyyy');
  });

  it('writes strings, numbers, booleans and blanks that exceljs reads back as written', async () => {
    const fast = PatchedWorkbook.read(original);
    const row: CellValue[] = ['  a & <b> "c"\nd ', 12.25, false, '', 'Họp cụm'];
    fast.sheet(EXTRA)?.writeValues(2, 1, [row]);
    fast.sheet(EXTRA)?.writeValues(9, 2, [['dòng mới']]);
    const values = (await valuesOf(await fast.toBuffer())).get(EXTRA) ?? [];
    expect(values[1]?.slice(0, 5)).toEqual(row);
    expect(values[8]?.[1]).toBe('dòng mới');
    // Row 2 held a formula, rich text, an error and a date: each replaced by the value written.
    expect((await valuesOf(original)).get(EXTRA)?.[1]?.slice(0, 4)).toEqual([
      2469,
      'Họp cụm & "xã" <2>',
      '#N/A',
      new Date(Date.UTC(2026, 2, 15, 1, 30)),
    ]);
  });
});

describe('what the XML reader leaves to exceljs', () => {
  it('a result cell holding the master of a shared formula: the write is refused, not half-done', async () => {
    const book = new XlsxWorkbook();
    book.addSheet('Trang').writeValues(1, 1, [[1], [2]]);
    const ws = book.book.getWorksheet('Trang');
    if (!ws) throw new Error('no sheet');
    // exceljs's types leave out the shared formula's master, which it reads and writes.
    ws.getCell('B1').value = {
      formula: 'A1*2',
      result: 2,
      shareType: 'shared',
      ref: 'B1:B2',
    } as unknown as ExcelJS.CellValue;
    ws.getCell('B2').value = { sharedFormula: 'B1', result: 4 };
    const fast = PatchedWorkbook.read(await book.toBuffer());
    expect(fast.sheet('Trang')?.readValues()).toEqual([
      [1, 2],
      [2, 4],
    ]);
    expect(() => fast.sheet('Trang')?.writeValues(1, 2, [['x']])).toThrow(PatchUnsupported);
    // A cell sharing it (not its master) may be written.
    expect(() => fast.sheet('Trang')?.writeValues(2, 2, [['y']])).not.toThrow();
  });

  it('`xhht score` on such a file scores it all the same, through exceljs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xhht-patch-'));
    const file = join(dir, 'cong-thuc.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await officersBook()) as unknown as ArrayBuffer);
    const ws = book.getWorksheet(SCORING);
    if (!ws) throw new Error('no scoring sheet');
    const total = (ws.getRow(1).values as unknown[]).indexOf('Tổng điểm');
    ws.getCell(2, total).value = {
      formula: 'D2+E2',
      result: 0,
      shareType: 'shared',
      ref: `${ws.getCell(2, total).address}:${ws.getCell(3, total).address}`,
    } as unknown as ExcelJS.CellValue;
    ws.getCell(3, total).value = { sharedFormula: ws.getCell(2, total).address, result: 0 };
    writeFileSync(file, Buffer.from(await book.xlsx.writeBuffer()));
    const run = await xhht('score', file);
    expect(run.code).toBe(EXIT.problems); // the rows above their maximum
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(file);
    const scored = after.getWorksheet(SCORING);
    expect(scored?.getCell(2, total).value).toBe(85.5);
    expect(scored?.getCell(3, total).value).toBeTypeOf('number');
  }, 60_000);

  it('a sheet past the row limit is refused while parsing, before its grid is built', async () => {
    const book = new XlsxWorkbook();
    book.addSheet('Dài').writeValues(300, 1, [['x']]);
    const bytes = await book.toBuffer();
    expect(() => PatchedWorkbook.read(bytes, new Map(), { ...XLSX_LIMITS, rows: 200 })).toThrow(
      PatchTooBig,
    );
    expect(() =>
      PatchedWorkbook.read(bytes, new Map(), { ...XLSX_LIMITS, rows: 300 }),
    ).not.toThrow();
  });

  it('a file that is not a zip is left to exceljs, which names the problem', async () => {
    expect(() => PatchedWorkbook.read(Buffer.from('not a zip at all'))).toThrow(PatchUnsupported);
    const dir = mkdtempSync(join(tmpdir(), 'xhht-patch-'));
    const file = join(dir, 'hong.xlsx');
    writeFileSync(file, 'not a zip at all');
    const run = await xhht('validate', file);
    expect(run.code).toBe(EXIT.failed);
    expect(run.err).toContain('Không đọc được');
    expect(readFileSync(file, 'utf8')).toBe('not a zip at all');
  });
});
