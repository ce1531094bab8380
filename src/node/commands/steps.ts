import { UNVOUCHED_MARK } from '../../domain/audit';
import { cellText, readDate, textKey } from '../../domain/cells';
import { readDecisionDate } from '../../domain/decision-date';
import { plural, tr } from '../../domain/i18n';
import { formatDate } from '../../domain/recognition';
import { ACTIONS, type Action } from '../../domain/workflow';
import { act, type Target } from '../../sheets/act';
import { checkAgainstHead, headProblem } from '../../sheets/audit-head';
import { checkAudit } from '../../sheets/audit-log';
import { readCriteria } from '../../sheets/criteria-sheet';
import { scoringColumns } from '../../sheets/layout';
import { actNotice } from '../../sheets/notices';
import type { WorkbookPort } from '../../sheets/ports';
import { columnOf, locateRequired } from '../../sheets/table';
import { CliProblem, EXIT, offlinePorts, openBook, saveBook } from '../offline';
import { commandClock } from '../services';
import { required, usage } from './book';
import type { Command } from './command';

/** The approval steps offline, as a named (self-declared) officer, and the check of the log. */

/** The rows of the units `codes` on a scoring sheet: `sheet` if named, else the one sheet holding them all. */
function unitRows(workbook: WorkbookPort, codes: readonly string[], sheet?: string): Target {
  const wanted = new Set(codes.map(textKey));
  const found: { sheet: string; rows: number[]; codes: Set<string> }[] = [];
  for (const read of readCriteria(workbook) ?? []) {
    const rubric = read.rubric;
    const name = rubric?.scoringSheet;
    const port = name ? workbook.sheet(name) : undefined;
    if (!rubric || !name || !port || (sheet && textKey(sheet) !== textKey(name))) continue;
    const [header = [], ...rows] = port.readValues();
    const codeColumn =
      columnOf(locateRequired(name, header, scoringColumns(rubric).all), 'code') - 1;
    const hits = { sheet: name, rows: [] as number[], codes: new Set<string>() };
    rows.forEach((row, i) => {
      const code = textKey(cellText(row[codeColumn]));
      if (wanted.has(code)) {
        hits.rows.push(i + 2);
        hits.codes.add(code);
      }
    });
    if (hits.rows.length > 0) found.push(hits);
  }
  const complete = found.filter((hits) => hits.codes.size === wanted.size);
  if (complete.length === 1 && complete[0]) return complete[0];
  if (complete.length > 1) {
    throw usage(
      tr(
        `Các đơn vị này có trên nhiều trang chấm điểm: ${complete.map((hits) => `«${hits.sheet}»`).join(', ')}. Chọn một trang bằng --sheet.`,
        `These units are on several scoring sheets: ${complete.map((hits) => `«${hits.sheet}»`).join(', ')}. Choose one with --sheet.`,
      ),
    );
  }
  const seen = new Set(found.flatMap((hits) => [...hits.codes]));
  const missing = codes.filter((code) => !seen.has(textKey(code)));
  throw new CliProblem(
    missing.length > 0
      ? tr(
          `Không thấy đơn vị ${missing.join(', ')} trên ${sheet ? `trang «${sheet}»` : 'trang chấm điểm nào'}.`,
          `No unit ${missing.join(', ')} on ${sheet ? `the sheet «${sheet}»` : 'any scoring sheet'}.`,
        )
      : tr(
          'Các đơn vị này không cùng một trang chấm điểm: làm từng trang một (--sheet).',
          'These units are not on one scoring sheet: do one sheet at a time (--sheet).',
        ),
    EXIT.usage,
  );
}

function actionNamed(name: string): Action {
  const action = name === 'decide' ? 'recognise' : (name as Action);
  if (!ACTIONS.includes(action)) {
    throw usage(
      tr(
        `Không có bước «${name}». Chọn: ${ACTIONS.join(', ')} (decide = recognise).`,
        `No step «${name}». Choose: ${ACTIONS.join(', ')} (decide = recognise).`,
      ),
    );
  }
  return action;
}

/**
 * The decision a recognition records: its number and its date, told apart when missing, not a date
 * (32/13/2027), or years ahead (readDecisionDate).
 */
function decisionOf(number: unknown, typed: unknown, now: Date): { number: string; date: Date } {
  const missing = [
    String(number ?? '').trim() ? '' : '--decision SỐ_QUYẾT_ĐỊNH',
    typed === undefined || String(typed).trim() === '' ? '--date ngày/tháng/năm' : '',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw usage(
      tr(
        `Công nhận cần ${missing.join(' và ')}, ví dụ --decision 12/QĐ-UBND --date ${formatDate(now)}.`,
        `Recognising needs ${missing.join(' and ')}, e.g. --decision 12/QĐ-UBND --date ${formatDate(now)}.`,
      ),
    );
  }
  const date = readDecisionDate(String(typed), now);
  if (!date.ok) throw usage(`--date: ${date.problem}`);
  return { number: String(number).trim(), date: date.value };
}

export const workflow: Command = {
  name: 'workflow',
  synopsis:
    'workflow <tệp.xlsx> <register|submit|approve|return|refuse|recognise|revert|revoke> --as EMAIL --unit MÃ[,MÃ] [--sheet TRANG] [--level 1|2] [--comment "…"] [--decision SỐ --date dd/mm/yyyy] [--out TỆP] [--force]',
  summary: () =>
    tr(
      `Một bước duyệt, như menu: cùng quyền và nhật ký; nhật ký ghi người làm kèm «${UNVOUCHED_MARK}»`,
      `One approval step, as the menu takes it: same rights and log; the log marks the person «${UNVOUCHED_MARK}»`,
    ),
  options: {
    as: { type: 'string' },
    unit: { type: 'string', multiple: true },
    sheet: { type: 'string' },
    comment: { type: 'string' },
    decision: { type: 'string' },
    date: { type: 'string' },
    level: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run({ positionals: [file, step], values }, print) {
    const source = required(file);
    if (!step)
      throw usage(tr('Thiếu tên bước (vd. submit).', 'The step is missing (e.g. submit).'));
    const action = actionNamed(step);
    const user = String(values.as ?? '');
    if (!user.includes('@')) {
      throw usage(
        tr(
          '--as cần email của người làm bước này, như trong trang «Người dùng».',
          '--as needs the email of the person taking this step, as in the «Người dùng» sheet.',
        ),
      );
    }
    const codes = ((values.unit as string[] | undefined) ?? []).flatMap((list) =>
      list
        .split(',')
        .map((code) => code.trim())
        .filter(Boolean),
    );
    if (codes.length === 0) throw usage(tr('--unit cần mã đơn vị.', '--unit needs unit codes.'));
    if (
      (action === 'return' || action === 'refuse' || action === 'revert' || action === 'revoke') &&
      !String(values.comment ?? '').trim()
    ) {
      throw usage(
        tr(
          `Bước «${step}» cần lý do cho đơn vị: thêm --comment "…" (ví dụ --comment "Thiếu biên bản họp").`,
          `The step «${step}» needs a reason for the unit: add --comment "…" (e.g. --comment "Minutes missing").`,
        ),
      );
    }
    let decision: { number: string; date: Date } | undefined;
    if (action === 'recognise') {
      decision = decisionOf(values.decision, values.date, commandClock.now());
    } else if (action === 'revoke') {
      const date = readDate(String(values.date ?? ''));
      if (!values.decision || !date.ok) {
        throw usage(
          action === 'revoke'
            ? tr(
                'Thu hồi cần --decision SỐ_QUYẾT_ĐỊNH_THU_HỒI, --date ngày/tháng/năm và --comment "lý do".',
                'Revoking needs --decision NUMBER of the revoking decision, --date day/month/year and --comment "reason".',
              )
            : tr(
                'Công nhận cần --decision SỐ_QUYẾT_ĐỊNH và --date ngày/tháng/năm.',
                'Recognising needs --decision NUMBER and --date day/month/year.',
              ),
        );
      }
      decision = { number: String(values.decision), date: date.value };
    }
    // The level applied for, when submitting a levels title («Mức độ 1»/«Mức độ 2»).
    let level: 1 | 2 | undefined;
    if (values.level !== undefined) {
      if (action !== 'submit' || !['1', '2'].includes(String(values.level))) {
        throw usage(
          tr(
            '--level chỉ dùng khi gửi (submit), với giá trị 1 hoặc 2.',
            '--level is for submit only, with the value 1 or 2.',
          ),
        );
      }
      level = String(values.level) === '1' ? 1 : 2;
    }
    const book = await openBook(source);
    const ctx = offlinePorts(book, { user, print });
    const target = unitRows(book, codes, values.sheet as string | undefined);
    const report = act(
      ctx,
      {
        action,
        ...(values.comment === undefined ? {} : { comment: String(values.comment) }),
        ...(decision ? { decision } : {}),
        ...(level ? { level } : {}),
      },
      target,
    );
    const written = String(values.out ?? source);
    await saveBook(book, source, written, Boolean(values.force));
    print(actNotice(report));
    // A refused attempt is logged too (SCENARIOS.md §5): the file changes even when no step was taken.
    print(
      report.done.length === 0 && report.refused.length > 0
        ? tr(
            `\nKhông bước nào được thực hiện; các lần bị từ chối đã được ghi vào «Nhật ký» của «${written}».`,
            `\nNo step was taken; the refused attempts are recorded in the «Nhật ký» log of «${written}».`,
          )
        : report.refused.length > 0
          ? tr(
              `\nĐã ghi vào «${written}»; ${report.refused.length} đơn vị không thực hiện được (nêu trên).`,
              `\nWritten to «${written}»; not done for ${plural(report.refused.length, 'unit', 'units')} (above).`,
            )
          : tr(`\nĐã ghi vào «${written}».`, `\nWritten to «${written}».`),
    );
    return report.refused.length > 0 ? EXIT.problems : EXIT.ok;
  },
};

export const audit: Command = {
  name: 'audit',
  synopsis: 'audit verify <tệp.xlsx> [--head <mã đầu chuỗi>]',
  summary: () =>
    tr(
      'Kiểm tra chuỗi nhật ký (và, với --head, khớp với mã đầu chuỗi trong thư báo cáo tổng hợp); mã thoát 3 nếu nhật ký bị sửa hay không khớp',
      'Check the audit chain (and, with --head, against the chain head of a summary email); exit code 3 when the log was altered or does not match',
    ),
  options: { head: { type: 'string' } },
  async run({ positionals: [verb, file], values }, print) {
    if (verb !== 'verify')
      throw usage(
        tr(
          'Dùng: npx xhht audit verify <tệp.xlsx> [--head <mã đầu chuỗi>]',
          'Use: npx xhht audit verify <file.xlsx> [--head <chain head>]',
        ),
      );
    const head = values.head === undefined ? undefined : String(values.head);
    const typo = head === undefined ? undefined : headProblem(head);
    if (typo) throw usage(typo);
    const book = await openBook(required(file));
    if (head !== undefined) {
      const matched = checkAgainstHead(offlinePorts(book), head);
      print(matched.message);
      return matched.ok ? EXIT.ok : EXIT.problems;
    }
    const result = checkAudit(offlinePorts(book));
    print(result.message);
    return result.check.ok ? EXIT.ok : EXIT.problems;
  },
};
