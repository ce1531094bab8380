import { existsSync } from 'node:fs';
import { DEFAULT_RUBRIC_ID } from '../../domain/catalog';
import { tr } from '../../domain/i18n';
import { LADDER_PRESETS } from '../../domain/ladder';
import { scoreAllNotice, setUpNotice } from '../../sheets/notices';
import { scoreAll } from '../../sheets/score-all';
import { setUp } from '../../sheets/set-up';
import { writeSetting } from '../../sheets/settings-sheet';
import { CliProblem, EXIT, offlinePorts, openBook, saveBook } from '../offline';
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
    const ids = ((values.rubric as string[] | undefined) ?? [DEFAULT_RUBRIC_ID]).map((id) =>
      id.toUpperCase(),
    );
    const existing = existsSync(target);
    const book = existing ? await openBook(target) : new XlsxWorkbook();
    const ctx = offlinePorts(book);
    for (const id of ids) print(setUpNotice(setUp(ctx, id)));
    const preset = LADDER_PRESETS.find(
      (candidate) => candidate.id === (ladder ?? (existing ? '' : LADDERS['3'])),
    );
    if (preset) writeSetting(book, 'ladder', preset.label);
    if (values.province) writeSetting(book, 'province', String(values.province));
    await saveBook(book, target, target, Boolean(values.force));
    print(
      existing
        ? tr(`\nĐã khởi tạo lại «${target}».`, `\nSet up «${target}» again.`)
        : tr(
            `\nĐã tạo «${target}». Tiếp theo: ghi danh sách đơn vị vào trang «Đơn vị» và người dùng vào trang «Người dùng», chạy lại: xhht init ${target} (để thêm đơn vị vào trang chấm điểm), nhập điểm, rồi: xhht score ${target}`,
            `\nCreated «${target}». Next: list the units in the «Đơn vị» sheet and the people in «Người dùng», run again: xhht init ${target} (to add the units to the scoring sheet), type the scores, then: xhht score ${target}`,
          ),
    );
    return EXIT.ok;
  },
};

export const validate: Command = {
  name: 'validate',
  synopsis: 'validate <tệp.xlsx>',
  summary: () =>
    tr(
      'Kiểm tra điểm đã nhập, không ghi gì vào tệp; mã thoát 3 nếu có lỗi',
      'Check the typed scores without writing the file; exit code 3 when there are errors',
    ),
  options: {},
  async run({ positionals: [file] }, print) {
    const book = await openBook(required(file));
    const report = scoreAll(offlinePorts(book));
    print(scoreAllNotice(report));
    const errors = report.sheets.reduce((sum, sheet) => sum + sheet.errors.length, 0);
    const refused = report.refused.length;
    if (errors + refused === 0) {
      print(tr('\nKhông có lỗi.', '\nNo errors.'));
      return EXIT.ok;
    }
    print(
      tr(
        `\n${errors} dòng lỗi${refused ? `, ${refused} bộ tiêu chí chưa dùng được` : ''}. Sửa các ô được nêu rồi chạy lại: xhht validate ${file}`,
        `\n${errors} rows with errors${refused ? `, ${refused} rubrics not usable yet` : ''}. Fix the cells named above, then run again: xhht validate ${file}`,
      ),
    );
    return EXIT.problems;
  },
};

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
    const book = await openBook(source);
    progress?.step(tr('đang chấm…', 'scoring…'));
    const report = scoreAll(offlinePorts(book));
    progress?.step(tr('đang ghi tệp…', 'writing the file…'));
    const target = String(values.out ?? source);
    await saveBook(book, source, target, Boolean(values.force));
    progress?.end();
    for (const sheet of report.sheets) {
      print(`${tr('Trang', 'Sheet')} «${sheet.sheet}» (${sheet.rubric.id}):\n`);
      print(summaryTable(sheet.summary));
      print('');
    }
    print(scoreAllNotice(report));
    print(tr(`\nĐã ghi kết quả vào «${target}».`, `\nResults written to «${target}».`));
    return report.sheets.some((sheet) => sheet.errors.length > 0) ? EXIT.problems : EXIT.ok;
  },
};

export function required(file: string | undefined): string {
  if (!file) throw usage(tr('Thiếu tên tệp .xlsx.', 'The .xlsx file name is missing.'));
  return file;
}

export function usage(message: string): CliProblem {
  return new CliProblem(message, EXIT.usage);
}
