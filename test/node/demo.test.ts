import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { itemsOf } from '../../src/domain/rubric';
import { TT22_2020_DVHT } from '../../src/domain/rubrics/tt22-2020-dvht';
import { DEMO_MISTAKES, DEMO_NOT_ENTERED, runDemo } from '../../src/node/demo';
import { offlinePorts } from '../../src/node/offline';
import { ConsoleUi, fixedClock, processLock } from '../../src/node/services';
import { fromWallClock, wallClock, XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { checkAudit, readAudit } from '../../src/sheets/audit-log';
import { SETTINGS_SHEET, UNITS_SHEET } from '../../src/sheets/layout';
import { OUTBOX_SHEET } from '../../src/sheets/outbox';
import { scoreAll } from '../../src/sheets/score-all';
import { readSettings } from '../../src/sheets/settings-sheet';
import { workflowRows } from '../../src/sheets/workflow-rows';
import { xhht } from './xhht';

const rubric = TT22_2020_DVHT;
const NOW = new Date(Date.UTC(2026, 10, 23, 3, 0, 0));

let file: string;
let demo: ReturnType<typeof runDemo>;
// A year of a province's steps takes about 9 s on a loaded 2-core machine: more than the default 10 s
// hook budget allows for when other suites run beside it.
beforeAll(async () => {
  demo = runDemo({ seed: 7, now: NOW });
  file = join(mkdtempSync(join(tmpdir(), 'xhht-demo-')), 'demo.xlsx');
  await demo.workbook.write(file);
}, 60_000);

/** The scoring sheet as read back from the file by exceljs itself, header row first. */
async function readBack(path: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const ws = book.getWorksheet(rubric?.scoringSheet ?? '');
  if (!ws) throw new Error('no scoring sheet in the file');
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = Array.from({ length: ws.columnCount }, (_, c) => row.getCell(c + 1).value ?? '');
  });
  return { book, ws, rows };
}

describe('the demo workbook, as a real .xlsx file', () => {
  it('holds a province of at least 100 units on two titles in several districts, every name a sample', () => {
    const all = [...demo.units, ...demo.communes];
    expect(all.length).toBeGreaterThanOrEqual(100);
    expect(new Set(all.map((u) => u.district)).size).toBeGreaterThanOrEqual(4);
    expect(all.every((u) => u.name.endsWith('(mẫu)'))).toBe(true);
    expect(demo.report.sheets.map((sheet) => [sheet.rubric.id, sheet.summary.total.units])).toEqual(
      [
        ['TT22_2020_DVHT', demo.units.length],
        ['TT25_2023_CDHT_XA', demo.communes.length],
      ],
    );
    expect(readSettings(demo.workbook, NOW).ladder).toBe('XA_HUYEN_TINH');
  });

  it('walks the year by several officers: registrations, refusals of bad rows, returns, recognitions', async () => {
    const book = await XlsxWorkbook.read(file);
    const log = readAudit(book);
    const users = new Set(log.map((row) => row.user));
    expect(users.size).toBeGreaterThanOrEqual(9);
    // Offline, nobody vouches for the names: every step says so.
    expect([...users].every((user) => user.endsWith('(ngoại tuyến, chưa xác thực)'))).toBe(true);
    const actions = new Set(log.map((row) => row.action));
    for (const action of [
      'Đăng ký',
      'Gửi',
      'Gửi (bị từ chối)',
      'Trả lại',
      'Duyệt',
      'Công nhận',
      'Không công nhận',
    ]) {
      expect(actions).toContain(action);
    }
    // A typing mistake refuses the submission, naming the cell.
    expect(log.find((row) => row.action === 'Gửi (bị từ chối)')?.comment).toMatch(
      /^chưa gửi được: Ô [A-Z]+\d+, trang «/,
    );
    expect(log.find((row) => row.action === 'Trả lại')?.comment).toContain('Thiếu biên bản');
    expect(log.find((row) => row.action === 'Công nhận')?.comment).toMatch(/^14[56]\/QĐ-UBND \(/);
    // The log read back from the file still verifies against the head the file carries.
    expect(checkAudit(offlinePorts(book)).check).toMatchObject({ ok: true, rows: log.length });
    for (const sheet of demo.report.sheets) {
      const states = workflowRows(book, readSettings(book, NOW), NOW).filter(
        (row) => row.sheet === sheet.sheet,
      );
      expect(states.filter((row) => row.state?.status === 'recognised').length).toBeGreaterThan(10);
      expect(
        states.filter((row) => row.state?.status === 'drafting' && row.state.returned).length,
      ).toBe(4);
    }
  });

  it('suggests a next step that works: the district approving a unit still waiting for it', async () => {
    const next = demo.next;
    expect(next).toBeDefined();
    const copy = join(mkdtempSync(join(tmpdir(), 'xhht-next-')), 'demo.xlsx');
    await demo.workbook.write(copy);
    const run = await xhht(
      'workflow',
      copy,
      'approve',
      '--as',
      next?.reviewer ?? '',
      '--unit',
      next?.code ?? '',
    );
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toContain(`${next?.code} → Chờ tỉnh quyết định`);
  });

  it('sends the outbox as .eml messages: step notices, reminders and the summary with its chart', async () => {
    expect(demo.sent).toMatchObject({ check: [], waiting: 0 });
    expect(demo.sent.sent).toBeGreaterThan(20);
    const book = await XlsxWorkbook.read(file);
    const statuses = book
      .sheet(OUTBOX_SHEET)
      ?.readValues()
      .slice(1)
      .map((row) => row[6]);
    expect(new Set(statuses)).toEqual(new Set(['Đã gửi']));
    const subjects = (book.sheet(OUTBOX_SHEET)?.readValues() ?? [])
      .slice(1)
      .map((row) => String(row[3]));
    expect(subjects.some((subject) => subject.startsWith('[XHHT] Nhắc việc ngày'))).toBe(true);
    expect(
      subjects.filter((subject) => subject.startsWith('[XHHT] Báo cáo tổng hợp')),
    ).toHaveLength(2);
    expect(demo.summary.mail.text).toMatch(
      /So với báo cáo ngày \d\d\/\d\d\/\d{4}: \d+ dòng nhật ký mới\./,
    );
    expect(demo.summary.mail.text).toContain('chỉ tiêu 80%');
  });

  it('has the sheets of set-up, every unit scored or explained, and the typing mistakes caught', async () => {
    const { book, ws, rows } = await readBack(file);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      SETTINGS_SHEET,
      UNITS_SHEET,
      'Người dùng',
      'Tiêu chí',
      'Chấm điểm ĐVHT',
      'Sổ công nhận',
      'Đánh giá CĐHT xã (TT25)',
      'XHHT thuộc tính',
      'Nhật ký',
      'XHHT đầu chuỗi nhật ký',
      'Hộp thư đi',
    ]);
    const header = rows[0] as string[];
    const total = header.indexOf('Tổng điểm');
    const band = header.indexOf('Xếp loại');
    const error = header.indexOf('Lỗi');
    const body = rows.slice(1, demo.units.length + 1);
    expect(body).toHaveLength(demo.units.length);
    body.forEach((row, u) => {
      const mistake = DEMO_MISTAKES.get(u);
      if (u === DEMO_NOT_ENTERED) {
        expect(row[error]).toBe('Chưa nhập điểm mục nào.');
      } else if (mistake && !mistake.valid) {
        expect(row[total]).toBe('');
        expect(String(row[error])).toMatch(
          new RegExp(
            `^Ô [A-Z]+${u + 2}, trang «Chấm điểm ĐVHT», mục ${mistake.item.replace('.', '\\.')}:`,
          ),
        );
      } else {
        expect(typeof row[total]).toBe('number');
        expect(['Tốt', 'Khá', 'Trung bình', 'Chưa đạt']).toContain(row[band]);
        expect(row[error]).toBe('');
      }
    });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it("colours a reviewer's value that differs from the unit's own, as a conditional format Excel keeps", async () => {
    const { ws, rows } = await readBack(file);
    const header = rows[0] as string[];
    const formats = (
      ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }
    ).conditionalFormattings;
    expect(formats).toHaveLength(itemsOf(rubric).length);
    const first = formats[0];
    const review = header.indexOf('Thẩm định 1.1') + 1;
    const own = header.findIndex((h) => h.startsWith('1.1 ')) + 1;
    const letter = (column: number) => String.fromCharCode(64 + column);
    expect(first?.ref).toMatch(new RegExp(`^${letter(review)}2:${letter(review)}\\d+$`));
    expect(first?.rules[0]).toMatchObject({
      type: 'expression',
      formulae: [`AND($${letter(review)}2<>"",$${letter(review)}2<>$${letter(own)}2)`],
    });
  });

  it('keeps every typed value exactly as typed, and writes values, never formulas', async () => {
    const { rows } = await readBack(file);
    const items = itemsOf(rubric);
    const header = rows[0] as string[];
    const first = header.findIndex((h) => String(h).startsWith('1.1 '));
    for (const [u, mistake] of DEMO_MISTAKES) {
      const cell = rows[u + 1]?.[first + items.findIndex((i) => i.code === mistake.item)];
      if (mistake.value === '') expect(cell).toBe('');
      else if (mistake.value instanceof Date) expect(cell).toEqual(new Date(Date.UTC(2026, 4, 8)));
      else expect(cell).toEqual(mistake.value);
    }
    for (const row of rows)
      for (const cell of row)
        expect(typeof cell === 'object' && cell && 'formula' in cell).toBe(false);
  });

  it('writes times as Vietnam shows them: a run at 10:00 there reads 10:00 in the file', async () => {
    const { rows } = await readBack(file);
    const header = rows[0] as string[];
    const scoredAt = rows[1]?.[header.indexOf('Chấm lúc')];
    // NOW is 03:00 UTC, 10:00 in Asia/Ho_Chi_Minh.
    expect(scoredAt).toEqual(new Date(Date.UTC(2026, 10, 23, 10, 0, 0)));
    expect(wallClock(NOW, 'Asia/Ho_Chi_Minh')).toEqual(scoredAt);
    expect(fromWallClock(scoredAt as Date, 'Asia/Ho_Chi_Minh')).toEqual(NOW);
  });

  it('keeps the score validation in the file', async () => {
    const { ws } = await readBack(file);
    expect(ws.getCell('E2').dataValidation).toMatchObject({
      type: 'decimal',
      operator: 'between',
      formulae: [0, 10],
    });
    expect(ws.getCell('H900').dataValidation).toMatchObject({ formulae: [0, 5] });
  });

  it('scores the file read back exactly as it was scored before writing', async () => {
    const workbook = await XlsxWorkbook.read(file);
    const ctx = { workbook, ui: new ConsoleUi(), clock: fixedClock(NOW), lock: processLock };
    const [again] = scoreAll(ctx).sheets;
    const [before] = demo.report.sheets;
    expect(again?.units).toEqual(before?.units);
    expect(again?.errors).toEqual(before?.errors);
    expect(workbook.sheet(rubric.scoringSheet)?.readValues()).toEqual(
      demo.workbook.sheet(rubric.scoringSheet)?.readValues(),
    );
  });
});

describe('the xhht command', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['build.mjs', '--cli'], { stdio: 'pipe' });
  });

  it('`xhht demo --out DIR` writes the workbook and prints the per-district table', () => {
    const out = mkdtempSync(join(tmpdir(), 'xhht-cli-'));
    const printed = execFileSync(process.execPath, ['bin/xhht.mjs', 'demo', '--out', out], {
      encoding: 'utf8',
    });
    expect(existsSync(join(out, 'xhht-demo.xlsx'))).toBe(true);
    expect(printed).toMatch(
      /Địa bàn\s+Đơn vị\s+Tốt\s+Khá\s+Trung bình\s+Chưa đạt\s+Lỗi\s+Chưa nhập/,
    );
    for (const district of ['Thạch Hà', 'Cẩm Xuyên', 'TP Hà Tĩnh', 'TX Kỳ Anh'])
      expect(printed).toContain(district);
    expect(printed).toMatch(/Toàn tỉnh\s+48\s/);
    expect(printed).toContain(join(out, 'xhht-demo.xlsx'));
  });

  it('finishes its work when the reader of its output stops early (`xhht demo | head`)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'xhht-pipe-'));
    const child = spawn(process.execPath, ['bin/xhht.mjs', 'demo', '--out', out], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader takes the first line and goes away.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(0);
    expect(existsSync(join(out, 'bao-cao', 'bao-cao.eml'))).toBe(true);
  });

  it('exits 2 with the usage on an unknown command or a bad option', () => {
    for (const args of [['frobnicate'], ['demo', '--seed', 'abc']]) {
      let status = 0;
      let stderr = '';
      try {
        execFileSync(process.execPath, ['bin/xhht.mjs', ...args], {
          encoding: 'utf8',
          stdio: 'pipe',
        });
      } catch (error) {
        ({ status, stderr } = error as { status: number; stderr: string });
      }
      expect(status).toBe(2);
      expect(stderr.length).toBeGreaterThan(0);
    }
  });
});
