import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDate } from '../../src/domain/cells';
import { lastDayOnTime } from '../../src/domain/deadlines';
import { indicatorInputs } from '../../src/domain/levels';
import { deadlinesOf, REFORM_DATE } from '../../src/domain/procedures';
import { formatDate } from '../../src/domain/recognition';
import { meetsTitle } from '../../src/domain/register';
import type { Rubric } from '../../src/domain/rubric';
import {
  DEMO_COMMUNE_RUBRIC,
  DEMO_DATE,
  DEMO_MISTAKES,
  DEMO_NOT_ENTERED,
  DEMO_UNIT_RUBRIC,
  DEMO_YEAR,
  demoPeople,
  failsByDesign,
  runDemo,
} from '../../src/node/demo';
import { offlinePorts } from '../../src/node/offline';
import { ConsoleUi, fixedClock, processLock } from '../../src/node/services';
import { fromWallClock, wallClock, XlsxWorkbook } from '../../src/node/xlsx-workbook';
import { checkAudit, readAudit } from '../../src/sheets/audit-log';
import { RECOGNISED_SHEET } from '../../src/sheets/export-recognised';
import { RESULT_KEYS, SETTINGS_SHEET, UNITS_SHEET, WORKFLOW_KEYS } from '../../src/sheets/layout';
import { OUTBOX_SHEET } from '../../src/sheets/outbox';
import { readRegister } from '../../src/sheets/register-sheet';
import { scoreAll } from '../../src/sheets/score-all';
import { readSettings } from '../../src/sheets/settings-sheet';
import { workflowRows } from '../../src/sheets/workflow-rows';
import { xhht } from './xhht';

const units = DEMO_UNIT_RUBRIC;
const communes = DEMO_COMMUNE_RUBRIC;
const NOW = DEMO_DATE;
const SEED = 7;

let file: string;
let demo: ReturnType<typeof runDemo>;
// A year and a half of a province's steps, each by its own officer: several seconds on a loaded
// 2-core machine, more than the default 10 s hook budget allows for when other suites run beside it.
beforeAll(async () => {
  demo = runDemo({ seed: SEED, now: NOW });
  file = join(mkdtempSync(join(tmpdir(), 'xhht-demo-')), 'demo.xlsx');
  await demo.workbook.write(file);
}, 120_000);

/** A sheet as read back from the file by exceljs itself, header row first. */
async function readBack(path: string, name: string = units.scoringSheet) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const ws = book.getWorksheet(name);
  if (!ws) throw new Error(`no sheet «${name}» in the file`);
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = Array.from({ length: ws.columnCount }, (_, c) => row.getCell(c + 1).value ?? '');
  });
  return { book, ws, rows };
}

/** The workflow rows of the file read back, with their rubric as the file's criteria sheet gives it. */
async function rowsOfFile() {
  const book = await XlsxWorkbook.read(file);
  return { book, rows: workflowRows(book, readSettings(book, NOW), NOW) };
}

const day = (value: unknown) => {
  const read = readDate((value ?? '') as string);
  if (!read.ok) throw new Error(`not a date: ${String(value)}`);
  return read.value;
};

describe('the demo workbook, as a real .xlsx file', () => {
  it('holds Hà Tĩnh cụm II: four districts, every unit in a commune of the cluster, every name a sample', async () => {
    const all = [...demo.units, ...demo.communes];
    expect(new Set(all.map((u) => u.district))).toEqual(
      new Set(['Thạch Hà', 'Cẩm Xuyên', 'TP Hà Tĩnh', 'TX Kỳ Anh']),
    );
    expect(all.every((u) => u.name.endsWith(' (mẫu)'))).toBe(true);
    expect(all.every((u) => u.commune !== '')).toBe(true);
    // Officers' forms of the names: «Trường Tiểu học Thạch Long (mẫu)», «Xã Cẩm Bình (mẫu)».
    expect(demo.units.map((u) => u.name)).toContain('Trường Tiểu học Thạch Long (mẫu)');
    expect(demo.communes.map((u) => u.name)).toContain('Xã Cẩm Bình (mẫu)');
    const { rows } = await rowsOfFile();
    expect(new Set(rows.map((row) => row.cluster))).toEqual(new Set(['II']));
    expect(demo.report.sheets.map((sheet) => [sheet.rubric.id, sheet.summary.total.units])).toEqual(
      [
        [units.id, demo.units.length],
        [communes.id, demo.communes.length],
      ],
    );
    // The 2025 cycle moved the province to its next assessment year.
    expect(readSettings(demo.workbook, NOW).year).toBe(DEMO_YEAR + 1);
  });

  it('recognises no unit whose recorded outcome fails its title (read back from the file)', async () => {
    const { book, rows } = await rowsOfFile();
    const recognised = rows.filter((row) => row.state?.status === 'recognised');
    expect(recognised.length).toBeGreaterThan(20);
    for (const row of recognised) {
      const decided = row.cell(WORKFLOW_KEYS.decidedResult);
      expect(meetsTitle(row.rubric, decided), `${row.code}: «${decided}»`).toBe(true);
      expect(meetsTitle(row.rubric, row.cell(RESULT_KEYS.level)), row.code).toBe(true);
      expect(row.cell(WORKFLOW_KEYS.decisionNumber)).not.toBe('');
    }
    // No row whose own result fails the title is recognised, classified or waiting for a decision.
    for (const row of rows.filter((r) => r.cell(RESULT_KEYS.level) === 'Chưa đạt')) {
      expect(['recognised', 'classified', 'awaiting']).not.toContain(row.state?.status);
    }
    // «Sổ công nhận» holds each recognition with its level and decider, and each meets its title.
    const rubrics: Rubric[] = [...new Set(rows.map((row) => row.rubric))];
    const register = readRegister(book, rubrics).entries.filter((e) => e.kind === 'recognise');
    expect(register).toHaveLength(recognised.length);
    for (const entry of register) {
      const rubric = rubrics.find((r) => r.id === entry.title);
      expect(rubric && meetsTitle(rubric, entry.result), `${entry.unit}: ${entry.result}`).toBe(
        true,
      );
      expect(entry.decider).not.toBe('');
      const row = recognised.find((r) => r.code === entry.unit);
      expect(row?.cell(WORKFLOW_KEYS.decidedResult)).toBe(entry.result);
      expect(row?.cell(WORKFLOW_KEYS.decisionNumber)).toBe(entry.decisionNumber);
    }
    expect(new Set(register.map((entry) => entry.result))).toEqual(
      new Set(['Mức độ 1', 'Mức độ 2']),
    );
  });

  it('refuses, naming the result cell, the submission of every unit that fails its title', async () => {
    const { book, rows } = await rowsOfFile();
    const log = readAudit(book);
    const unmet = log.filter(
      (row) => row.action === 'Gửi (bị từ chối)' && row.comment.includes('không đạt danh hiệu'),
    );
    expect(unmet.length).toBeGreaterThanOrEqual(1);
    for (const row of unmet) {
      expect(row.comment).toMatch(
        /^Ô [A-Z]+\d+, trang «[^»]+»: kết quả «Chưa đạt» không đạt danh hiệu/,
      );
    }
    const designed = rows.filter((row) =>
      failsByDesign(row.rubric.id === units.id ? 'unit' : 'commune', row.code),
    );
    const registered = designed.filter((row) => row.state?.status !== 'none');
    expect(new Set(unmet.map((row) => row.unit))).toEqual(new Set(registered.map((r) => r.code)));
    for (const row of designed) expect(row.state?.status).not.toBe('recognised');
    // The printed story names them too.
    expect(
      demo.steps
        .flatMap((step) => step.refused)
        .filter((r) => r.reason.includes('không đạt danh hiệu')),
    ).toHaveLength(unmet.length);
  });

  it('decides each title under its ladder by the officer the law names, within the deadlines', async () => {
    const { book, rows } = await rowsOfFile();
    const register = readRegister(book, [units, communes]).entries.filter(
      (entry) => entry.kind === 'recognise',
    );
    const unitOf = new Map([...demo.units, ...demo.communes].map((u) => [u.code, u]));
    const seen = new Set<string>();
    for (const entry of register) {
      const unit = unitOf.get(entry.unit);
      const row = rows.find((r) => r.code === entry.unit && r.rubric.id === entry.title);
      if (!unit || !row) throw new Error(`${entry.unit} is not a demo unit`);
      const submitted = day(row.value(WORKFLOW_KEYS.submittedOn));
      const before = submitted < REFORM_DATE;
      const expected =
        entry.title === units.id
          ? before
            ? `huyện: ${demoPeople.council(unit.district)}`
            : `xã: ${demoPeople.commune(unit.commune)}`
          : before
            ? `huyện: ${demoPeople.office(unit.district)}`
            : `tỉnh: ${demoPeople.province}`;
      expect(entry.decider.startsWith(expected), `${entry.unit}: ${entry.decider}`).toBe(true);
      seen.add(expected.split(':')[0] ?? '');
      // Submitted and decided within the title's deadlines of the cycle's assessment year.
      const year = before ? DEMO_YEAR : DEMO_YEAR + 1;
      const [submitBy, decideBy] = ['submit', 'decide'].map((kind) => {
        const deadline = deadlinesOf(row.rubric).find((d) => d.kind === kind);
        if (!deadline) throw new Error(`${row.rubric.id} has no ${kind} deadline`);
        return lastDayOnTime(deadline, year);
      });
      expect(submitted <= (submitBy as Date), `${entry.unit} submitted ${submitted}`).toBe(true);
      expect(entry.decisionDate <= (decideBy as Date), entry.unit).toBe(true);
      expect(entry.decisionDate.getFullYear()).toBe(year + 1);
    }
    // Both eras: the district before the reform, the commune and the province after it.
    expect(seen).toEqual(new Set(['huyện', 'xã', 'tỉnh']));
  });

  it('marks the 2025 cycle as decided under a ladder to confirm, in the log and the printed steps', async () => {
    const { book, rows } = await rowsOfFile();
    const late = rows.filter((row) => {
      const cell = row.value(WORKFLOW_KEYS.submittedOn);
      return cell !== '' && day(cell) >= REFORM_DATE;
    });
    expect(late.length).toBeGreaterThanOrEqual(2);
    for (const row of late) expect(row.ladder.warning).toMatch(/^Cần xác nhận/);
    const decided = late.filter((row) => row.state?.status === 'recognised').map((r) => r.code);
    expect(decided.length).toBeGreaterThanOrEqual(1);
    const log = readAudit(book);
    for (const code of decided) {
      const recognition = log.find((row) => row.unit === code && row.action === 'Công nhận');
      expect(recognition?.comment).toMatch(/\[các cấp «[^»]+»: cần xác nhận\]$/);
    }
    // 2024's decisions carry no such mark.
    const early = log.filter((row) => row.action === 'Công nhận' && !decided.includes(row.unit));
    expect(early.length).toBeGreaterThan(20);
    expect(early.some((row) => row.comment.includes('cần xác nhận'))).toBe(false);
    expect(demo.steps.filter((step) => step.confirm).every((s) => s.year === DEMO_YEAR + 1)).toBe(
      true,
    );
    expect(demo.steps.some((step) => step.confirm && step.what.startsWith('Công nhận'))).toBe(true);
  });

  it('counts and exports only valid recognitions that meet the title', async () => {
    const { rows: units2 } = await rowsOfFile();
    const recognised = units2.filter((row) => row.state?.status === 'recognised');
    const { rows } = await readBack(file, RECOGNISED_SHEET);
    const [header = [], ...body] = rows as string[][];
    const result = header.indexOf('Kết quả');
    expect(result).toBeGreaterThan(0);
    const listed = body.filter((row) => row.some((cell) => cell !== ''));
    expect(listed).toHaveLength(recognised.length);
    expect(demo.exported).toBe(recognised.length);
    for (const row of listed) expect(['Mức độ 1', 'Mức độ 2']).toContain(row[result]);
    const count = recognised.filter((row) => row.rubric.id === units.id).length;
    expect(demo.summary.mail.text).toContain(
      `Tiến độ: ${count}/${demo.units.length} đơn vị đã công nhận`,
    );
  });

  it('walks the years by many officers: registrations, refusals of bad rows, returns, decisions', async () => {
    const book = await XlsxWorkbook.read(file);
    const log = readAudit(book);
    const users = new Set(log.map((row) => row.user));
    expect(users.size).toBeGreaterThanOrEqual(60);
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
    // A typing mistake refuses the submission, naming the cell; so does a missing meeting.
    const refusals = log.filter((row) => row.action === 'Gửi (bị từ chối)').map((r) => r.comment);
    expect(refusals.some((c) => /^chưa gửi được: Ô [A-Z]+\d+, trang «/.test(c))).toBe(true);
    expect(refusals.some((c) => c.includes('họp thống nhất'))).toBe(true);
    expect(log.find((row) => row.action === 'Trả lại')?.comment).toContain('Thiếu biên bản');
    expect(log.find((row) => row.action === 'Công nhận')?.comment).toMatch(
      /^\d+\/QĐ-[A-Z]+ \(\d\d\/\d\d\/\d{4}\); kết quả: Mức độ [12]/,
    );
    // The log read back from the file still verifies against the head the file carries.
    expect(checkAudit(offlinePorts(book)).check).toMatchObject({ ok: true, rows: log.length });
  });

  it('marks some communes as in a difficult area, and their thresholds follow', async () => {
    const { rows } = await readBack(file, communes.scoringSheet);
    const header = rows[0] as string[];
    const flag = header.findIndex((h) => String(h).startsWith('Xã thuộc vùng khó khăn'));
    expect(flag).toBeGreaterThan(0);
    const flags = rows.slice(1, demo.communes.length + 1).map((row) => row[flag]);
    expect(flags.filter((f) => f === 'Có').length).toBeGreaterThanOrEqual(2);
    expect(flags.filter((f) => f === 'Không').length).toBeGreaterThan(10);
  });

  it('suggests a next step that works: the commune reviewing a 2025 unit waiting for it', async () => {
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
    expect(run.out).toContain(`${next?.code} → Chờ xã quyết định`);
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
      /So với báo cáo ngày \d\d\/\d\d\/\d{4}: [1-9]\d* dòng nhật ký mới\./,
    );
    expect(demo.summary.mail.text).toContain('chỉ tiêu 80%');
  });

  it('has the sheets of set-up, every unit assessed or explained, and the typing mistakes caught', async () => {
    const { book, rows } = await readBack(file);
    expect(book.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining([
        SETTINGS_SHEET,
        UNITS_SHEET,
        'Người dùng',
        'Tiêu chí',
        units.scoringSheet,
        communes.scoringSheet,
        'Sổ công nhận',
        'Nhật ký',
        'Hộp thư đi',
        RECOGNISED_SHEET,
      ]),
    );
    const header = rows[0] as string[];
    const level = header.indexOf('Mức độ đạt');
    const error = header.indexOf('Lỗi');
    const inputs = indicatorInputs(units);
    const body = rows.slice(1, demo.units.length + 1);
    expect(body).toHaveLength(demo.units.length);
    body.forEach((row, u) => {
      const mistake = DEMO_MISTAKES.get(u);
      if (u === DEMO_NOT_ENTERED) {
        expect(row[level]).toBe('');
        expect(String(row[error])).not.toBe('');
      } else if (mistake && !mistake.valid) {
        expect(row[level]).toBe('');
        expect(String(row[error])).toMatch(
          new RegExp(
            `^Ô [A-Z]+${u + 2}, trang «${units.scoringSheet.replace(/[()]/g, '\\$&')}», chỉ tiêu ${mistake.indicator.replace('.', '\\.')}`,
          ),
        );
      } else {
        expect(['Mức độ 2', 'Mức độ 1', 'Chưa đạt']).toContain(row[level]);
        expect(row[error]).toBe('');
      }
    });
    expect(inputs.length).toBeGreaterThan(15);
  });

  it('keeps every typed value exactly as typed, and writes values, never formulas', async () => {
    const { rows } = await readBack(file);
    const header = rows[0] as string[];
    const inputs = indicatorInputs(units);
    const first = header.findIndex((h) => String(h).startsWith('1.1'));
    for (const [u, mistake] of DEMO_MISTAKES) {
      const at = inputs.findIndex(
        (input) => input.indicator.code === mistake.indicator && input.part === mistake.part,
      );
      expect(rows[u + 1]?.[first + at]).toEqual(mistake.value);
    }
    for (const row of rows)
      for (const cell of row)
        expect(typeof cell === 'object' && cell && 'formula' in cell).toBe(false);
  });

  it('writes times as Vietnam shows them: a run at 10:00 there reads 10:00 in the file', async () => {
    const { rows } = await readBack(file);
    const header = rows[0] as string[];
    const scoredAt = rows[1]?.[header.indexOf('Chấm lúc')];
    // DEMO_DATE is 03:00 UTC, 10:00 in Asia/Ho_Chi_Minh.
    expect(scoredAt).toEqual(
      new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), NOW.getUTCDate(), 10, 0, 0)),
    );
    expect(wallClock(NOW, 'Asia/Ho_Chi_Minh')).toEqual(scoredAt);
    expect(fromWallClock(scoredAt as Date, 'Asia/Ho_Chi_Minh')).toEqual(NOW);
  });

  it('assesses the file read back exactly as it was assessed before writing', async () => {
    const workbook = await XlsxWorkbook.read(file);
    const ctx = { workbook, ui: new ConsoleUi(), clock: fixedClock(NOW), lock: processLock };
    const again = scoreAll(ctx).sheets;
    expect(again.map((s) => s.units)).toEqual(demo.report.sheets.map((s) => s.units));
    expect(again.map((s) => s.errors)).toEqual(demo.report.sheets.map((s) => s.errors));
    expect(workbook.sheet(units.scoringSheet)?.readValues()).toEqual(
      demo.workbook.sheet(units.scoringSheet)?.readValues(),
    );
  });
});

describe('the xhht command', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['build.mjs', '--cli'], { stdio: 'pipe' });
  });

  it('`xhht demo --out DIR` prints the year: the refusals, the register, the 2025 ladders to confirm', async () => {
    const out = mkdtempSync(join(tmpdir(), 'xhht-cli-'));
    const printed = execFileSync(
      process.execPath,
      ['bin/xhht.mjs', 'demo', '--out', out, '--seed', String(SEED), '--date', formatDate(NOW)],
      { encoding: 'utf8' },
    );
    expect(existsSync(join(out, 'xhht-demo.xlsx'))).toBe(true);
    expect(existsSync(join(out, 'bao-cao', 'bao-cao.eml'))).toBe(true);
    expect(printed).toMatch(/Địa bàn\s+Đơn vị\s+Mức độ 2\s+Mức độ 1\s+Chưa đạt\s+Lỗi\s+Chưa nhập/);
    for (const district of ['Thạch Hà', 'Cẩm Xuyên', 'TP Hà Tĩnh', 'TX Kỳ Anh'])
      expect(printed).toContain(district);
    expect(printed).toMatch(/Ô [A-Z]+\d+, trang «[^»]+»: kết quả «Chưa đạt» không đạt danh hiệu/);
    expect(printed).toMatch(/«Sổ công nhận»: \d+ quyết định công nhận/);
    expect(printed).toMatch(/Công nhận — [^\n]+\[các cấp «[^»]+»: cần xác nhận\]/);
    expect(printed).toContain(join(out, 'xhht-demo.xlsx'));
    // Deterministic: the same seed and date write the same values as the run of this file's tests.
    const [mine, theirs] = await Promise.all([
      XlsxWorkbook.read(file),
      XlsxWorkbook.read(join(out, 'xhht-demo.xlsx')),
    ]);
    const names = mine.book.worksheets.map((ws) => ws.name);
    expect(theirs.book.worksheets.map((ws) => ws.name)).toEqual(names);
    for (const name of names) {
      expect(theirs.sheet(name)?.readValues(), name).toEqual(mine.sheet(name)?.readValues());
    }
  }, 120_000);

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
  }, 120_000);

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
