import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readDate } from '../../domain/cells';
import { tr } from '../../domain/i18n';
import { formatDate } from '../../domain/recognition';
import { readCriteria } from '../../sheets/criteria-sheet';
import { REGISTER_SHEET } from '../../sheets/layout';
import { scoreAllNotice } from '../../sheets/notices';
import { readRegister } from '../../sheets/register-sheet';
import {
  DEMO_CLUSTER,
  DEMO_DATE,
  DEMO_DISTRICTS,
  DEMO_PROVINCE,
  DEMO_YEAR,
  runDemo,
} from '../demo';
import { hint } from '../hint';
import { EXIT } from '../offline';
import { summaryTable } from '../summary-table';
import type { XlsxWorkbook } from '../xlsx-workbook';
import { usage } from './book';
import type { Command } from './command';
import { writeReport } from './mail';

/** `xhht demo` (what `npm start` runs): the demo province, its year of steps, its reports and mail. */
export const demo: Command = {
  name: 'demo',
  synopsis: 'demo [--out THƯ_MỤC] [--seed SỐ] [--date NGÀY]',
  summary: () =>
    tr(
      'Tạo tỉnh mẫu (cụm II Hà Tĩnh, 72 đơn vị, 2 danh hiệu TT 24/2023 và TT 25/2023), đi qua năm đánh giá 2024 và đầu chu kỳ 2025: đăng ký – tự đánh giá – trả lại – công nhận, ghi bảng tính, báo cáo và thư vào THƯ_MỤC (mặc định: out)',
      'Make a sample province (Hà Tĩnh cluster II, 72 units, 2 titles: TT 24/2023 and TT 25/2023), walk assessment year 2024 and the start of the 2025 cycle: registration, self-assessment, returns, recognitions; write the workbook, reports and mail to DIR (default: out)',
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
        `XHHT Sheets — tỉnh mẫu: ${DEMO_PROVINCE}, cụm ${DEMO_CLUSTER} (${DEMO_DISTRICTS.join(', ')}): ${result.units.length} đơn vị học tập cấp huyện (TT 24/2023) và ${result.communes.length} xã, phường (CĐHT cấp xã, TT 25/2023), mọi tên đều là mẫu. Năm đánh giá ${DEMO_YEAR} theo các cấp trước 01/07/2025, rồi chu kỳ ${DEMO_YEAR + 1} theo các cấp «Cần xác nhận».\n`,
        `XHHT Sheets — sample province: ${DEMO_PROVINCE}, cluster ${DEMO_CLUSTER} (${DEMO_DISTRICTS.join(', ')}): ${result.units.length} district-level learning units (TT 24/2023) and ${result.communes.length} communes (TT 25/2023), every name a sample. Assessment year ${DEMO_YEAR} under the deciders before 01/07/2025, then the ${DEMO_YEAR + 1} cycle under ladders «to be confirmed».\n`,
      ),
    );
    print(
      tr(
        'Các bước (mỗi bước do người đúng vai trò và phạm vi làm):',
        'The steps (each by the officer of the right role and scope):',
      ),
    );
    let year = 0;
    for (const step of result.steps) {
      if (step.year !== year) {
        year = step.year;
        print(tr(` Năm đánh giá ${year}:`, ` Assessment year ${year}:`));
      }
      const count = step.refused.length;
      const refused = count > 0 ? tr(`, ${count} bị từ chối`, `, ${count} refused`) : '';
      const confirm = step.confirm
        ? tr(
            ` [các cấp «${step.ladder}»: cần xác nhận]`,
            ` [ladder «${step.ladder}»: to be confirmed]`,
          )
        : '';
      print(
        `  ${formatDate(step.day)}  ${step.who.padEnd(40)} ${step.what}: ${step.done}${refused}${confirm}`,
      );
    }
    // The submissions refused for a result that does not meet the title, each naming its cell.
    const unmet = result.steps.flatMap((step) =>
      step.what.startsWith('Gửi')
        ? step.refused.filter((r) => r.reason.includes('không đạt danh hiệu'))
        : [],
    );
    if (unmet.length > 0) {
      print(
        tr(
          '\nHồ sơ không gửi được vì kết quả không đạt danh hiệu (không đơn vị nào như vậy được công nhận):',
          '\nDossiers refused because the result does not meet the title (none such is recognised):',
        ),
      );
      for (const { code, reason } of unmet) print(`  ${code}: ${reason}`);
    }
    print('');
    print(registerLines(result.workbook));
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
      ? `  ${hint('workflow', file, 'approve', '--as', result.next.reviewer, '--unit', result.next.code)}\n`
      : '';
    print(
      tr(
        `\nThử tiếp:\n  ${hint('validate', file)}\n${step}  ${hint('audit', 'verify', file)}\nMở tệp .xlsx bằng Excel, LibreOffice hoặc tải lên Google Trang tính; mở tệp .eml bằng chương trình thư.`,
        `\nTry next:\n  ${hint('validate', file)}\n${step}  ${hint('audit', 'verify', file)}\nOpen the .xlsx in Excel, LibreOffice or Google Sheets; open the .eml files in a mail program.`,
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

/** «Sổ công nhận» in a few lines: per title and decider, the recognitions by level. */
function registerLines(workbook: XlsxWorkbook): string {
  const rubrics = (readCriteria(workbook) ?? []).flatMap((read) =>
    read.rubric ? [read.rubric] : [],
  );
  const entries = readRegister(workbook, rubrics).entries.filter((e) => e.kind === 'recognise');
  const groups = new Map<string, Map<string, number>>();
  for (const entry of entries) {
    const key = `${entry.title} — ${entry.decider.replace(/ \(ngoại tuyến, chưa xác thực\)$/, '')}`;
    const levels = groups.get(key) ?? new Map<string, number>();
    levels.set(entry.result, (levels.get(entry.result) ?? 0) + 1);
    groups.set(key, levels);
  }
  return [
    tr(
      `«${REGISTER_SHEET}»: ${entries.length} quyết định công nhận (danh hiệu — người quyết định: mức)`,
      `«${REGISTER_SHEET}»: ${entries.length} recognitions (title — decider: level)`,
    ),
    ...[...groups].map(
      ([key, levels]) =>
        `  ${key}: ${[...levels]
          .sort(([a], [b]) => b.localeCompare(a))
          .map(([level, n]) => `${n} ${level}`)
          .join(', ')}`,
    ),
  ].join('\n');
}
