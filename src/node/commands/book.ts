import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultRubricId } from '../../domain/catalog';
import { plural, tr } from '../../domain/i18n';
import { LADDER_PRESETS } from '../../domain/ladder';
import { rubricChoices } from '../../sheets/actions';
import { SheetError } from '../../sheets/errors';
import { SETTINGS_SHEET } from '../../sheets/layout';
import { chooseRubric, scoreAllNotice, setUpNotice } from '../../sheets/notices';
import { type ScoreAllReport, scoreAll } from '../../sheets/score-all';
import { rubricsInUse, setUp } from '../../sheets/set-up';
import { readSettings, writeSetting } from '../../sheets/settings-sheet';
import { hint } from '../hint';
import { CliProblem, EXIT, offlinePorts, openBook, saveBook, withValuesBook } from '../offline';
import { commandClock } from '../services';
import { summaryTable } from '../summary-table';
import { XlsxWorkbook } from '../xlsx-workbook';
import type { Command } from './command';

/** The commands on a workbook as a whole: create it, check it, score it. */

const LADDERS: Record<string, string> = {
  '3': 'XA_HUYEN_TINH',
  '2': 'XA_TINH',
};

export const init: Command = {
  name: 'init',
  synopsis: 'init <tệp.xlsx> [--rubric MÃ]... [--ladder 3|2] [--province TÊN] [--force]',
  summary: () =>
    tr(
      'Tạo bảng tính mới, hoặc chạy lại khởi tạo trên tệp đã có (thêm đơn vị, cột mới; không mất dữ liệu), như menu «Khởi tạo bảng tính»',
      'Create a new workbook, or run set-up again on an existing one (adds units and new columns, loses nothing), like the set-up menu',
    ),
  options: {
    rubric: { type: 'string', multiple: true },
    ladder: { type: 'string' },
    province: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run({ positionals: [file], values }, print) {
    const target = required(file);
    const ladder = values.ladder === undefined ? undefined : LADDERS[String(values.ladder)];
    if (values.ladder !== undefined && !ladder) {
      throw usage(tr('--ladder nhận 3 hoặc 2.', '--ladder takes 3 or 2.'));
    }
    if (!/\.xlsx$/i.test(target)) {
      const renamed = `${target.replace(/\.[^./\\]*$/, '')}.xlsx`;
      throw usage(
        tr(
          `XHHT ngoại tuyến chỉ đọc và ghi tệp .xlsx; «${target}» có đuôi khác. Đặt tên tệp kết thúc bằng .xlsx, ví dụ: ${hint('init', renamed)}`,
          `XHHT offline reads and writes .xlsx files only; «${target}» has another extension. Give a name ending in .xlsx, e.g.: ${hint('init', renamed)}`,
        ),
      );
    }
    const existing = existsSync(target);
    const book = existing ? await openBook(target) : new XlsxWorkbook();
    const ctx = offlinePorts(book);
    const typed = values.rubric as string[] | undefined;
    // Without --rubric, every rubric already in use or named by the units: none is left out silently.
    const inUse = typed || !existing ? [] : rubricsInUse(book);
    const ids = (typed ?? (inUse.length > 0 ? inUse : [bookDefault(book)])).map((id) =>
      rubricIdOf(id, book),
    );
    const reports = ids.map((id) => setUp(ctx, id));
    reports.forEach((report, i) => {
      // The warnings are the workbook's: said once, after the last rubric (they know every sheet made).
      print(setUpNotice(i === reports.length - 1 ? report : { ...report, warnings: [] }));
    });
    const warnings = reports[reports.length - 1]?.warnings.length ?? 0;
    const preset = LADDER_PRESETS.find(
      (candidate) => candidate.id === (ladder ?? (existing ? '' : LADDERS['3'])),
    );
    if (preset) writeSetting(book, 'ladder', preset.label);
    if (values.province) writeSetting(book, 'province', String(values.province));
    await saveBook(book, target, target, Boolean(values.force));
    print(
      existing
        ? warnings > 0
          ? tr(
              `\nĐã khởi tạo lại «${target}», còn ${warnings} chỗ cần xem lại (nêu trên). Sửa rồi chạy lại: ${hint('init', target)}`,
              `\nSet up «${target}» again, with ${plural(warnings, 'thing', 'things')} to check (above). Fix them, then run again: ${hint('init', target)}`,
            )
          : tr(`\nĐã khởi tạo lại «${target}».`, `\nSet up «${target}» again.`)
        : tr(
            `\nĐã tạo «${target}». Tiếp theo: ghi danh sách đơn vị vào trang «Đơn vị» và người dùng vào trang «Người dùng», chạy lại: ${hint('init', target)} (để thêm đơn vị vào trang chấm điểm), nhập điểm, rồi: ${hint('score', target)}`,
            `\nCreated «${target}». Next: list the units in the «Đơn vị» sheet and the people in «Người dùng», run again: ${hint('init', target)} (to add the units to the scoring sheet), type the scores, then: ${hint('score', target)}`,
          ),
    );
    return warnings > 0 ? EXIT.problems : EXIT.ok;
  },
};

/**
 * The rubric set-up takes when none is named, as the menu's blank answer does: the workbook's
 * «Bộ tiêu chí mặc định», or for a new workbook the rubric in force this year (TT 24/2023 from 2024).
 */
function bookDefault(book: XlsxWorkbook): string {
  const now = commandClock.now();
  return book.sheet(SETTINGS_SHEET)
    ? readSettings(book, now).defaultRubricId
    : defaultRubricId(now.getFullYear());
}

/** A rubric as typed on the command line: its id, or its number in the menu's list (--rubric 4). */
function rubricIdOf(typed: string, book: XlsxWorkbook): string {
  if (!/^\d+$/.test(typed.trim())) return typed.trim().toUpperCase();
  try {
    // The same list as the menu's question: the rubrics in force for the assessment year first.
    const now = commandClock.now();
    const year = book.sheet(SETTINGS_SHEET) ? readSettings(book, now).year : now.getFullYear();
    return chooseRubric(typed, rubricChoices(book, year), bookDefault(book));
  } catch (error) {
    if (error instanceof SheetError) throw usage(error.message);
    throw error;
  }
}

export const validate: Command = {
  name: 'validate',
  synopsis: 'validate <tệp.xlsx> [--all] [--report TỆP.txt]',
  summary: () =>
    tr(
      'Kiểm tra điểm đã nhập, không ghi gì vào tệp .xlsx; --all liệt kê mọi lỗi, --report ghi mọi lỗi vào một tệp văn bản; mã thoát 3 nếu có lỗi',
      'Check the typed scores without writing the .xlsx; --all lists every error, --report writes every error into a text file; exit code 3 when there are errors',
    ),
  options: { all: { type: 'boolean' }, report: { type: 'string' } },
  async run({ positionals: [file], values }, print) {
    const source = required(file);
    // Read-only: scored in memory, never saved.
    const report = await withValuesBook(source, async (book) => scoreAll(offlinePorts(book)));
    print(scoreAllNotice(report, Boolean(values.all)));
    const errors = report.sheets.reduce((sum, sheet) => sum + sheet.errors.length, 0);
    const refused = report.refused.length;
    if (values.report !== undefined) {
      const path = resolve(String(values.report));
      writeFileSync(path, `${fullReport(report)}\n`);
      print(tr(`\nĐã ghi danh sách đầy đủ vào «${path}».`, `\nThe full list is in «${path}».`));
    }
    if (errors + refused === 0) {
      print(tr('\nKhông có lỗi.', '\nNo errors.'));
      return EXIT.ok;
    }
    const more = values.all || values.report !== undefined ? '' : ` ${moreHint(source)}`;
    print(
      tr(
        `\n${errors} dòng lỗi${refused ? `, ${refused} bộ tiêu chí chưa dùng được` : ''}. Sửa các ô được nêu rồi chạy lại: ${hint('validate', source)}${more}`,
        `\n${plural(errors, 'row', 'rows')} with errors${refused ? `, ${plural(refused, 'rubric', 'rubrics')} not usable yet` : ''}. Fix the cells named above, then run again: ${hint('validate', source)}${more}`,
      ),
    );
    return EXIT.problems;
  },
};

function moreHint(source: string): string {
  return tr(
    `Xem mọi lỗi: ${hint('validate', source, '--all')}, hoặc ghi ra tệp: ${hint('validate', source, '--report', 'loi.txt')}`,
    `Every error: ${hint('validate', source, '--all')}, or into a file: ${hint('validate', source, '--report', 'loi.txt')}`,
  );
}

/** Every problem of a run, each in full (every cell of a row, not only its first), for a report file. */
function fullReport(report: ScoreAllReport): string {
  const lines = [scoreAllNotice({ ...report, sheets: [], refused: [] })];
  for (const sheet of report.sheets) {
    lines.push('', tr(`Trang «${sheet.sheet}»:`, `Sheet «${sheet.sheet}»:`));
    if (sheet.errors.length === 0) lines.push(tr('Không có dòng nào lỗi.', 'No row has an error.'));
    for (const error of sheet.errors) {
      for (const line of error.message.split('\n')) lines.push(`• ${line}`);
    }
  }
  if (report.refused.length > 0) lines.push('', scoreAllNotice({ ...report, sheets: [] }, true));
  return lines.join('\n');
}

export const score: Command = {
  name: 'score',
  synopsis: 'score <tệp.xlsx> [--out TỆP_MỚI.xlsx] [--force]',
  summary: () =>
    tr(
      'Chấm điểm tất cả và ghi kết quả (giá trị, không phải công thức) vào tệp',
      'Score all and write the results (values, not formulas) into the file',
    ),
  options: { out: { type: 'string' }, force: { type: 'boolean' } },
  steps: 2,
  async run({ positionals: [file], values }, print, progress) {
    const source = required(file);
    const { book, report } = await withValuesBook(source, async (book) => {
      progress?.step(tr('đang chấm…', 'scoring…'));
      return { book, report: scoreAll(offlinePorts(book)) };
    });
    const target = String(values.out ?? source);
    // Nothing scored: the file is left as it was, and the run says so (exit 3), never «written».
    if (report.sheets.length === 0) {
      progress?.end();
      print(scoreAllNotice(report));
      print(
        tr(
          `\nChưa chấm được trang nào; không ghi gì vào «${target}». Sửa các chỗ nêu trên rồi chạy lại: ${hint('score', source)}`,
          `\nNo sheet could be scored; nothing was written to «${target}». Fix what is named above, then run again: ${hint('score', source)}`,
        ),
      );
      return EXIT.problems;
    }
    progress?.step(tr('đang ghi tệp…', 'writing the file…'));
    await saveBook(book, source, target, Boolean(values.force));
    progress?.end();
    for (const sheet of report.sheets) {
      print(`${tr('Trang', 'Sheet')} «${sheet.sheet}» (${sheet.rubric.id}):\n`);
      print(summaryTable(sheet.summary));
      print('');
    }
    print(scoreAllNotice(report));
    const errors = report.sheets.reduce((sum, sheet) => sum + sheet.errors.length, 0);
    const refused = report.refused.length;
    if (errors + refused === 0) {
      print(tr(`\nĐã ghi kết quả vào «${target}».`, `\nResults written to «${target}».`));
      return EXIT.ok;
    }
    const undone = [
      errors > 0
        ? tr(
            `${errors} dòng lỗi chưa được chấm`,
            `${plural(errors, 'row', 'rows')} with errors not scored`,
          )
        : '',
      refused > 0
        ? tr(
            `${refused} bộ tiêu chí chưa chấm được`,
            `${plural(refused, 'rubric', 'rubrics')} not scored`,
          )
        : '',
    ]
      .filter(Boolean)
      .join(tr(', ', ', '));
    print(
      tr(
        `\nĐã ghi kết quả của ${report.sheets.length} trang vào «${target}», nhưng còn ${undone} (xem trên). Sửa rồi chạy lại: ${hint('score', source)}`,
        `\nResults of ${plural(report.sheets.length, 'sheet', 'sheets')} written to «${target}», but ${undone} (see above). Fix them, then run again: ${hint('score', source)}`,
      ),
    );
    return EXIT.problems;
  },
};

export function required(file: string | undefined): string {
  if (!file) throw usage(tr('Thiếu tên tệp .xlsx.', 'The .xlsx file name is missing.'));
  return file;
}

export function usage(message: string): CliProblem {
  return new CliProblem(message, EXIT.usage);
}
