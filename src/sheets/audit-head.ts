import { cellPlace } from '../domain/a1';
import { GENESIS, rowHash } from '../domain/audit';
import { plural, tr } from '../domain/i18n';
import {
  AUDIT_SHEET,
  type AuditPorts,
  chainBase,
  checkAudit,
  readAudit,
  START_KEY,
} from './audit-log';

/**
 * A log checked against a chain head published elsewhere (a summary email keeps the head and the row
 * count of the day it was sent): the log is intact as the file or the document keeps it, and the
 * published head is the head after one of its rows, so the rows up to that one are exactly those the
 * committee was told of. `xhht audit verify --head H` and XHHT → «Kiểm tra nhật ký theo mã đầu chuỗi».
 */

export interface HeadCheck {
  /** Intact and matching. */
  readonly ok: boolean;
  /** Each problem found, in the officer's language (empty when ok). */
  readonly problems: readonly string[];
  /** The sheet row after which the chain's head is the published one, when found. */
  readonly row?: number;
  readonly message: string;
}

/** A head as summaries print it: 64 hexadecimal digits (SHA-256). */
export function isHead(text: string): boolean {
  return /^[0-9a-f]{64}$/i.test(text.trim());
}

/** Why a text typed as a head is none, or undefined when it is one. */
export function headProblem(text: string): string | undefined {
  if (isHead(text)) return undefined;
  return tr(
    `«${text}» không phải một mã đầu chuỗi: mã gồm 64 chữ số hệ 16 (0–9, a–f), chép nguyên từ thư báo cáo tổng hợp.`,
    `«${text}» is not a chain head: a head has 64 hexadecimal digits (0–9, a–f), copied whole from the summary email.`,
  );
}

export function checkAgainstHead(ports: AuditPorts, published: string): HeadCheck {
  const wanted = published.trim().toLowerCase();
  const problems: string[] = [];
  const typo = headProblem(published);
  if (typo) return { ok: false, problems: [typo], message: typo };
  const intact = checkAudit(ports);
  if (!intact.check.ok) problems.push(intact.message);
  // Walk the current chain from its start; the published head is the head after some row.
  const all = readAudit(ports.workbook);
  const startAt = Number(ports.store.get(START_KEY) ?? 0);
  const start = Number.isInteger(startAt) && startAt > 0 ? startAt : 0;
  let head = start > 0 ? GENESIS : chainBase(ports).head;
  let found: number | undefined = head !== '' && head === wanted ? start : undefined;
  let brokenAt: number | undefined;
  const digest = (text: string) => ports.hasher.sha256Hex(text);
  for (let i = start; i < all.length; i++) {
    const row = all[i];
    if (!row) break;
    if (row.previous !== head) {
      brokenAt = i;
      break;
    }
    head = rowHash(row, digest);
    if (head === wanted) found = i + 1;
  }
  if (found === undefined) {
    problems.push(
      brokenAt === undefined
        ? tr(
            `Mã đầu chuỗi ${wanted} không khớp với dòng nào của «${AUDIT_SHEET}»: các dòng đã có khi thư được gửi đã bị sửa hay xóa, hoặc đây không phải bảng tính của thư đó.`,
            `The chain head ${wanted} matches no row of «${AUDIT_SHEET}»: rows that existed when the email was sent were altered or removed, or this is not that email's workbook.`,
          )
        : tr(
            `Mã đầu chuỗi ${wanted} không khớp với dòng nào trước ${cellPlace(AUDIT_SHEET, brokenAt + 2, 1)}, nơi chuỗi bị đứt: các dòng đã có khi thư được gửi đã bị sửa hay xóa.`,
            `The chain head ${wanted} matches no row before ${cellPlace(AUDIT_SHEET, brokenAt + 2, 1)}, where the chain breaks: rows that existed when the email was sent were altered or removed.`,
          ),
    );
    return { ok: false, problems, message: problems.join('\n') };
  }
  const after = all.length - found;
  const matched = tr(
    `Mã đầu chuỗi khớp với nhật ký đến hết dòng ${found + 1} của «${AUDIT_SHEET}» (${found} dòng): các dòng ấy đúng như lúc thư được gửi${after > 0 ? `; ${after} dòng ghi sau đó` : ''}.`,
    `The chain head matches the log up to row ${found + 1} of «${AUDIT_SHEET}» (${plural(found, 'row', 'rows')}): those rows are as they were when the email was sent${after > 0 ? `; ${plural(after, 'row was', 'rows were')} written since` : ''}.`,
  );
  if (problems.length > 0) {
    return { ok: false, problems, row: found + 1, message: [...problems, matched].join('\n') };
  }
  return { ok: true, problems, row: found + 1, message: `${intact.message}\n${matched}` };
}
