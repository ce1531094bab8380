import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readDate } from '../../domain/cells';
import { tr } from '../../domain/i18n';
import { formatDate } from '../../domain/recognition';
import { scoreAllNotice } from '../../sheets/notices';
import { DEMO_DATE, DEMO_PROVINCE, runDemo } from '../demo';
import { EXIT } from '../offline';
import { summaryTable } from '../summary-table';
import { usage } from './book';
import type { Command } from './command';
import { writeReport } from './mail';

/** `xhht demo` (what `npm start` runs): the demo province, its year of steps, its reports and mail. */
export const demo: Command = {
  name: 'demo',
  synopsis: 'demo [--out THƯ_MỤC] [--seed SỐ] [--date NGÀY]',
  summary: () =>
    tr(
      'Tạo tỉnh mẫu (hơn 100 đơn vị, 2 danh hiệu), đi qua một năm đăng ký – tự đánh giá – trả lại – công nhận, ghi bảng tính, báo cáo và thư vào THƯ_MỤC (mặc định: out)',
      'Make a sample province (100+ units, 2 titles), walk a year of registration, self-assessment, returns and recognitions, and write the workbook, reports and mail to DIR (default: out)',
    ),
  options: {
    out: { type: 'string', default: 'out' },
    seed: { type: 'string' },
    date: { type: 'string' },
  },
  steps: 3,
  async run({ values }, print, progress) {
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    if (seed !== undefined && !Number.isInteger(seed)) {
      throw usage(
        tr(
          `--seed cần một số nguyên, nhận được «${values.seed}».`,
          `--seed needs a whole number, got «${values.seed}».`,
        ),
      );
    }
    const now = demoDate(values.date);
    const out = resolve(String(values.out ?? 'out'));
    mkdirSync(out, { recursive: true });
    progress?.step(
      tr('đang tạo tỉnh mẫu và đi qua các bước…', 'building the province and its steps…'),
    );
    const result = runDemo(seed === undefined ? { now } : { seed, now });
    progress?.step(tr('đang ghi bảng tính…', 'writing the workbook…'));
    const file = join(out, 'xhht-demo.xlsx');
    await result.workbook.write(file);
    progress?.step(tr('đang ghi thư…', 'writing the mail…'));
    const mail = await result.mailer.writeAll(join(out, 'outbox'));
    progress?.end();

    print(
      tr(
        `XHHT Sheets — tỉnh mẫu: ${DEMO_PROVINCE}, ${result.units.length} đơn vị học tập (TT 22/2020) và ${result.communes.length} xã (CĐHT, TT 25/2023), duyệt 3 cấp xã → huyện → tỉnh.\n`,
        `XHHT Sheets — sample province: ${DEMO_PROVINCE}, ${result.units.length} learning units (TT 22/2020) and ${result.communes.length} communes (TT 25/2023), 3-level ladder.\n`,
      ),
    );
    print(
      tr(
        'Các bước trong năm (mỗi bước do người của cấp đó làm):',
        'The year’s steps (each by its own officer):',
      ),
    );
    for (const step of result.steps) {
      const refused =
        step.refused > 0 ? tr(`, ${step.refused} bị từ chối`, `, ${step.refused} refused`) : '';
      print(
        `  ${formatDate(step.day)}  ${step.who.padEnd(34)} ${step.what}: ${step.done}${refused}`,
      );
    }
    print('');
    for (const sheet of result.report.sheets) {
      print(`${tr('Trang', 'Sheet')} «${sheet.sheet}» (${sheet.rubric.id}):\n`);
      print(summaryTable(sheet.summary));
      print('');
    }
    print(scoreAllNotice(result.report));
    const reportDir = join(out, 'bao-cao');
    await writeReport(reportDir, result.summary);
    print(
      tr(
        `\nĐã ghi:\n  ${file}\n  ${reportDir}/ (bao-cao.html, bieu-do.png, bao-cao.eml, bao-cao.txt)\n  ${join(out, 'outbox')}/ (${mail.length} thư .eml: thông báo từng bước, nhắc việc, báo cáo tổng hợp)`,
        `\nWritten:\n  ${file}\n  ${reportDir}/ (bao-cao.html, bieu-do.png, bao-cao.eml, bao-cao.txt)\n  ${join(out, 'outbox')}/ (${mail.length} .eml messages: step notices, reminders, the summary)`,
      ),
    );
    const step = result.next
      ? `  xhht workflow ${file} approve --as ${result.next.reviewer} --unit ${result.next.code}\n`
      : '';
    print(
      tr(
        `\nThử tiếp:\n  xhht validate ${file}\n${step}  xhht audit verify ${file}\nMở tệp .xlsx bằng Excel, LibreOffice hoặc tải lên Google Trang tính; mở tệp .eml bằng chương trình thư.`,
        `\nTry next:\n  xhht validate ${file}\n${step}  xhht audit verify ${file}\nOpen the .xlsx in Excel, LibreOffice or Google Sheets; open the .eml files in a mail program.`,
      ),
    );
    return EXIT.ok;
  },
};

/**
 * The demo's day: `--date dd/mm/yyyy` at 10:00 in Hà Nội, or the fixed day the docs show. Never the
 * machine's clock, so two runs write the same files.
 */
function demoDate(typed: unknown): Date {
  if (typed === undefined) return DEMO_DATE;
  const read = readDate(String(typed));
  if (!read.ok) {
    throw usage(
      tr(
        `--date cần một ngày dạng ngày/tháng/năm (ví dụ ${formatDate(DEMO_DATE)}), nhận được «${String(typed)}».`,
        `--date needs a day as day/month/year (e.g. ${formatDate(DEMO_DATE)}), got «${String(typed)}».`,
      ),
    );
  }
  const day = read.value;
  return new Date(Date.UTC(day.getFullYear(), day.getMonth(), day.getDate(), 3, 0, 0));
}
