import { parseArgs } from 'node:util';
import { tr, useLanguage } from '../domain/i18n';
import { SheetError } from '../sheets/errors';
import { TIME_ZONE } from '../sheets/set-up';
import { init, score, validate } from './commands/book';
import type { Command } from './commands/command';
import { demo } from './commands/demo';
import { mail, report } from './commands/mail';
import { audit, workflow } from './commands/steps';
import { unlockFiles } from './file-lock';
import { CliProblem, EXIT, fileProblem, setNotices } from './offline';
import { Progress } from './progress';

/**
 * `xhht`: the use cases of the Apps Script menu over a local .xlsx file. Each command says what it
 * did and what to do next; exit codes: 0 done, 1 could not run, 2 wrong command line, 3 problems found
 * (invalid rows, refused steps, a broken log), 4 the file holds parts writing would lose.
 */

export { EXIT };

const COMMANDS: readonly Command[] = [demo, init, validate, score, workflow, report, mail, audit];

function usage(): string {
  const lines = COMMANDS.map(
    (command) => `  npx xhht ${command.synopsis}\n      ${command.summary()}`,
  );
  return [
    tr(
      'xhht — XHHT Sheets ngoại tuyến trên tệp .xlsx',
      'xhht — XHHT Sheets offline on an .xlsx file',
    ),
    '',
    tr('Cách dùng:', 'Usage:'),
    ...lines,
    '',
    tr(
      'Mọi lệnh: --help (trợ giúp của lệnh), --lang vi|en (ngôn ngữ thông báo).',
      'Every command: --help (the command’s help), --lang vi|en (language of the messages).',
    ),
    tr(
      'Mã thoát: 0 xong, 1 không chạy được, 2 sai cú pháp lệnh, 3 có vấn đề (dòng lỗi, bước bị từ chối, nhật ký bị sửa), 4 tệp có phần sẽ mất khi ghi.',
      'Exit codes: 0 done, 1 could not run, 2 wrong command line, 3 problems found (invalid rows, refused steps, altered log), 4 the file has parts writing would lose.',
    ),
  ].join('\n');
}

function commandHelp(command: Command): string {
  return [
    `npx xhht ${command.synopsis}`,
    '',
    command.summary(),
    '',
    tr('Chạy «npx xhht --help» để xem mọi lệnh.', 'Run «npx xhht --help» for every command.'),
  ].join('\n');
}

/** What node:util's parseArgs refused, in the officer's words (its own are English). */
function optionProblem(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const named = /'([^' ]+)/.exec(message ?? '')?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return tr(`Lệnh này không có tùy chọn «${named}».`, `This command has no option «${named}».`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(message ?? '')
        ? tr(
            `Tùy chọn «${named}» cần một giá trị ngay sau nó (ví dụ ${named} GIÁ_TRỊ).`,
            `The option «${named}» needs a value right after it (e.g. ${named} VALUE).`,
          )
        : tr(
            `Tùy chọn «${named}» không nhận giá trị; chỉ ghi ${named}.`,
            `The option «${named}» takes no value; write just ${named}.`,
          );
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return tr(`Thừa «${named}» trên dòng lệnh.`, `Unexpected «${named}» on the command line.`);
    default:
      return tr('Dòng lệnh không đúng.', 'The command line is not right.');
  }
}

/** Runs `xhht` with `argv` (without node and the script); returns the exit code. */
export async function main(
  argv: readonly string[],
  print: (text: string) => void = (text) => console.log(text),
  printError: (text: string) => void = (text) => console.error(text),
): Promise<number> {
  // Hà Nội time, as the workbook's own (set-up sets it): the log's times, «today» for deadlines and
  // dates typed day/month/year all read the same on a computer set to another zone.
  const zone = process.env.TZ;
  process.env.TZ = TIME_ZONE;
  try {
    return await run(argv, print, printError);
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
}

async function run(
  argv: readonly string[],
  print: (text: string) => void,
  printError: (text: string) => void,
): Promise<number> {
  setNotices(printError);
  const langAt = argv.indexOf('--lang');
  const lang = langAt >= 0 ? argv[langAt + 1] : undefined;
  useLanguage(lang === 'en' ? 'en' : 'vi');
  if (lang !== undefined && lang !== 'vi' && lang !== 'en') {
    printError(tr('--lang nhận vi hoặc en.', '--lang takes vi or en.'));
    return EXIT.usage;
  }
  const args = langAt >= 0 ? [...argv.slice(0, langAt), ...argv.slice(langAt + 2)] : [...argv];
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    print(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    printError(`${tr(`Không có lệnh «${name}».`, `No command «${name}».`)}\n\n${usage()}`);
    return EXIT.usage;
  }
  let parsed: { positionals: string[]; values: Record<string, unknown> };
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    printError(`${optionProblem(error)}\n\n${commandHelp(command)}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    print(commandHelp(command));
    return EXIT.ok;
  }
  try {
    return await command.run(
      parsed,
      print,
      command.steps ? new Progress(command.steps) : undefined,
    );
  } catch (error) {
    if (error instanceof CliProblem) {
      printError(error.message);
      return error.code;
    }
    if (error instanceof SheetError) {
      printError(error.message);
      return EXIT.problems;
    }
    const code = (error as NodeJS.ErrnoException)?.code;
    const path = (error as NodeJS.ErrnoException)?.path;
    if (code && path) {
      printError(fileProblem(path, error));
      return EXIT.failed;
    }
    // A fault of XHHT itself: said in the officer's words, the technical detail kept for IT.
    printError(
      `${tr(
        'XHHT gặp lỗi không mong đợi và chưa làm xong; tệp .xlsx không bị ghi dở. Gửi phần chi tiết kỹ thuật dưới đây cho người phụ trách kỹ thuật:',
        'XHHT met an unexpected error and did not finish; the .xlsx was not half-written. Send the technical detail below to whoever looks after IT:',
      )}\n\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return EXIT.failed;
  } finally {
    // The workbook's lock is held from opening to the end of the command (src/node/file-lock.ts).
    unlockFiles();
    useLanguage('vi');
  }
}
