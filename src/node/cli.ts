import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { scoreAllNotice } from '../sheets/notices';
import { DEMO_PROVINCE, runDemo } from './demo';
import { summaryTable } from './summary-table';

const USAGE = `xhht — XHHT Sheets ngoại tuyến (offline) trên tệp .xlsx

Cách dùng / usage:
  xhht demo [--out THƯ_MỤC] [--seed SỐ]   Tạo tỉnh mẫu, chấm điểm, ghi tệp .xlsx vào THƯ_MỤC (mặc định: out)
  xhht --help                              Trợ giúp

Mã thoát / exit codes: 0 thành công, 1 lỗi khi chạy, 2 sai cú pháp lệnh.`;

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

async function demo(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string', default: 'out' },
      seed: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) {
    console.error(`--seed cần một số nguyên, nhận được «${values.seed}».`);
    return EXIT.usage;
  }
  const outDir = resolve(values.out ?? 'out');
  mkdirSync(outDir, { recursive: true });
  const result = runDemo(seed === undefined ? {} : { seed });
  const file = join(outDir, 'xhht-demo.xlsx');
  await result.workbook.write(file);

  console.log(
    `XHHT Sheets — bảng tính mẫu: ${DEMO_PROVINCE}, ${result.units.length} đơn vị học tập (TT 22/2020).\n`,
  );
  for (const score of result.report.sheets) {
    console.log(`Trang «${score.sheet}», bộ tiêu chí ${score.rubric.id}:\n`);
    console.log(summaryTable(score.summary));
    console.log('');
  }
  console.log(scoreAllNotice(result.report));
  console.log(`\nĐã ghi: ${file}`);
  console.log(
    'Mở tệp bằng Excel, LibreOffice hoặc tải lên Google Trang tính để xem từng dòng và cột «Lỗi».',
  );
  return EXIT.ok;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'demo') return await demo(rest);
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      console.log(USAGE);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    console.error(`Không có lệnh «${command}».\n\n${USAGE}`);
    return EXIT.usage;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return EXIT.failed;
  }
}
