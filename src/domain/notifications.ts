import { escapeHtml } from './html';
import type { Ladder, Role } from './ladder';
import { atMost } from './lines';
import type { OutgoingMail } from './outbox';
import { type Grant, grantIndex, type UnitRef } from './people';
import { type Action, currentStep, type UnitState } from './workflow';

/**
 * Who learns of a step, and what they read (issue 5): a submission or approval tells the level the
 * unit now waits for; a return tells the level it goes back to, with the comment; a decision tells the
 * commune and the province. One run's events become one message per person (a digest, not a flood).
 * Texts are Vietnamese: the recipients read mail, not the workbook's language setting.
 */

export interface StepEvent {
  readonly unit: UnitRef & { readonly name: string };
  readonly action: Action;
  readonly to: UnitState;
  readonly label: string;
  readonly by: string;
  readonly comment: string;
  /** A stable id of the event (the unit, its new state and the time), for the outbox key. */
  readonly id: string;
  /** The unit's own ladder, where the events of one run climb different ones. */
  readonly ladder?: Ladder;
}

function rolesToTell(event: StepEvent, ladder: Ladder): Role[] {
  const waiting = currentStep(event.to);
  const waitingRole = waiting === undefined ? undefined : ladder.steps[waiting]?.role;
  switch (event.action) {
    case 'submit':
    case 'approve':
      return waitingRole ? [waitingRole] : [];
    case 'return':
      return event.to.status === 'drafting' ? ['donVi'] : waitingRole ? [waitingRole] : [];
    case 'recognise':
    case 'refuse':
    case 'revoke':
      return ['donVi', 'tinh', ...(waitingRole ? [waitingRole] : [])];
    default:
      return [];
  }
}

function line(event: StepEvent): string {
  const comment = event.comment ? ` — ${event.comment}` : '';
  return `${event.unit.code} – ${event.unit.name} (${event.unit.district}): ${event.label} (${event.by})${comment}`;
}

/** One message per person told of any of `events`, keyed by the digest of the events it carries. */
export function notifications(
  events: readonly StepEvent[],
  ladder: Ladder,
  grants: readonly Grant[],
  title: string,
  digest: (text: string) => string,
): OutgoingMail[] {
  const byPerson = new Map<string, StepEvent[]>();
  const holders = grantIndex(grants);
  for (const event of events) {
    const emails = new Set(
      rolesToTell(event, event.ladder ?? ladder).flatMap((role) => holders(role, event.unit)),
    );
    for (const email of emails) {
      const told = byPerson.get(email);
      if (told) told.push(event);
      else byPerson.set(email, [event]);
    }
  }
  return [...byPerson].map(([email, told]) => {
    const lines = atMost(told.map(line));
    const count = told.length === 1 ? '1 đơn vị' : `${told.length} đơn vị`;
    return {
      key: `thong-bao:${digest(`${email}|${told.map((event) => event.id).join('|')}`).slice(0, 24)}`,
      to: [email],
      subject: `[XHHT] ${count} có thay đổi trong quy trình công nhận`,
      text: [
        `${title}:`,
        '',
        ...lines.map((text) => `• ${text}`),
        '',
        'Mở bảng tính trên máy tính, chọn XHHT → Đơn vị đang chọn và việc của tôi để xem và thao tác.',
      ].join('\n'),
      html: [
        `<p>${escapeHtml(title)}:</p>`,
        `<ul>${lines.map((text) => `<li>${escapeHtml(text)}</li>`).join('')}</ul>`,
        '<p>Mở bảng tính trên máy tính, chọn <b>XHHT → Đơn vị đang chọn và việc của tôi</b> để xem và thao tác.</p>',
      ].join(''),
    };
  });
}
