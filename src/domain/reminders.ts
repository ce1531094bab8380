import { type Deadline, daysUntil, deadlineFor, deadlineWords } from './deadlines';
import { escapeHtml } from './html';
import type { Ladder, Role } from './ladder';
import { atMost } from './lines';
import type { OutgoingMail } from './outbox';
import { type Grant, grantIndex, type UnitRef } from './people';
import { formatDate } from './recognition';
import { nextActor, stateLabel, type UnitState } from './workflow';

/**
 * The daily reminder (issue 5): each person learns which of the units waiting for them have a
 * deadline within the settings' days or past it; and a unit waiting at a review step longer than the
 * settings allow is reported to the level above (the top level's to the administrators). One message
 * per person per day, whatever it holds. Texts are Vietnamese, as in the other mail.
 */

export interface WaitingUnit {
  readonly unit: UnitRef & { readonly name: string };
  /** The title the unit is assessed for, e.g. «Đơn vị học tập». */
  readonly title: string;
  readonly state: UnitState;
  readonly ladder: Ladder;
  /** The deadlines of its title (the criteria sheet's HAN_NOP, HAN_QUYET_DINH rows). */
  readonly deadlines: readonly Deadline[];
  /** When the unit reached its state (its last step in the log), when known. */
  readonly since?: Date;
}

export interface ReminderRules {
  readonly year: number;
  readonly remindDays: number;
  readonly escalateAfterDays: number | null;
}

const DAY = 86_400_000;

function describe(waiting: WaitingUnit): string {
  const { unit, title, state, ladder } = waiting;
  return `${unit.code} – ${unit.name} (${unit.district}), ${title}: ${stateLabel(state, ladder)}`;
}

/** The line of a unit whose deadline is near or past, or undefined. */
function dueLine(waiting: WaitingUnit, rules: ReminderRules, now: Date): string | undefined {
  const due = deadlineFor(waiting.state, waiting.ladder, waiting.deadlines, rules.year);
  if (!due) return undefined;
  const left = daysUntil(due.lastDay, now);
  if (left > rules.remindDays) return undefined;
  const what = due.deadline.kind === 'submit' ? 'hạn nộp hồ sơ' : 'hạn quyết định';
  const when =
    left > 0 ? `còn ${left} ngày` : left === 0 ? 'hôm nay là ngày cuối' : `đã quá ${-left} ngày`;
  return `${describe(waiting)} — ${what} ${deadlineWords(due.deadline, rules.year)}, ${when}`;
}

/** Whom a unit waiting too long at a review step is reported to, and the line they read. */
function escalation(
  waiting: WaitingUnit,
  rules: ReminderRules,
  now: Date,
): { role: Role; line: string } | undefined {
  const { state, ladder, since } = waiting;
  if (state.status !== 'awaiting' || rules.escalateAfterDays === null || !since) return undefined;
  const days = Math.floor((now.getTime() - since.getTime()) / DAY);
  if (days < rules.escalateAfterDays) return undefined;
  const role = ladder.steps[state.step + 1]?.role ?? 'quanTri';
  return {
    role,
    line: `${describe(waiting)} — đã chờ ${days} ngày (từ ${formatDate(since)})`,
  };
}

/** The day's reminders, one message per person; `digest` names them in the outbox. */
export function reminders(
  units: readonly WaitingUnit[],
  grants: readonly Grant[],
  rules: ReminderRules,
  now: Date,
  heading: string,
  digest: (text: string) => string,
): OutgoingMail[] {
  const due = new Map<string, string[]>();
  const late = new Map<string, string[]>();
  const holders = grantIndex(grants);
  const add = (into: Map<string, string[]>, role: Role, unit: UnitRef, line: string) => {
    for (const email of holders(role, unit)) {
      const lines = into.get(email);
      if (lines) lines.push(line);
      else into.set(email, [line]);
    }
  };
  for (const waiting of units) {
    const role = nextActor(waiting.state, waiting.ladder);
    const line = dueLine(waiting, rules, now);
    if (role && line && waiting.state.status !== 'none') add(due, role, waiting.unit, line);
    const up = escalation(waiting, rules, now);
    if (up) add(late, up.role, waiting.unit, up.line);
  }
  const day = formatDate(now);
  return [...new Set([...due.keys(), ...late.keys()])].map((email) => {
    const sections: [string, string[]][] = [
      ['Đang chờ bạn, sắp đến hạn hoặc đã quá hạn:', due.get(email) ?? []],
      [
        `Chờ cấp dưới xét quá ${rules.escalateAfterDays} ngày (báo để cấp trên đôn đốc):`,
        late.get(email) ?? [],
      ],
    ];
    const count = sections.reduce((sum, [, lines]) => sum + lines.length, 0);
    const shown = sections
      .filter(([, lines]) => lines.length > 0)
      .map(([title, lines]): [string, string[]] => [title, atMost(lines)]);
    const footer =
      'Mở bảng tính trên máy tính, chọn XHHT → Đơn vị đang chọn và việc của tôi để xem và thao tác.';
    return {
      key: `nhac-viec:${day}:${digest(email).slice(0, 16)}`,
      to: [email],
      subject: `[XHHT] Nhắc việc ngày ${day}: ${count} đơn vị`,
      text: [
        `${heading} — nhắc việc ngày ${day}`,
        ...shown.flatMap(([title, lines]) => ['', title, ...lines.map((line) => `• ${line}`)]),
        '',
        footer,
      ].join('\n'),
      html: [
        `<p><b>${escapeHtml(heading)}</b> — nhắc việc ngày ${escapeHtml(day)}</p>`,
        ...shown.map(
          ([title, lines]) =>
            `<p>${escapeHtml(title)}</p><ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
        ),
        `<p>${escapeHtml(footer)}</p>`,
      ].join(''),
    };
  });
}
