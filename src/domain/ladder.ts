import { inLanguage, tr } from './i18n';

/**
 * The approval ladder is data (DESIGN.md): a unit's submitter («đơn vị đề nghị»: the unit itself, a
 * commune, a village or a family) sends its dossier, then the unit climbs a list of steps, each with
 * the role that acts and what it does there. The deciding level differs by title and changed with the
 * 2025 reform, so it is never written into code paths (REGULATIONS.md §1, §2.3, §3.4, §4.3, §6;
 * REGULATIONS-2026.md §2): each title carries dated ladders (./procedures.ts) and the unit's
 * submission date chooses among them.
 */

/**
 * Who acts. `donVi` is the submitting unit's own officer (scope: its code; a «xã» row whose scope is
 * the unit's code counts as one, as in workbooks of the previous version); `xa` is a commune acting on
 * the units of its area (scope: the commune); `bo` the ministry.
 */
export type Role = 'donVi' | 'xa' | 'huyen' | 'tinh' | 'bo' | 'banChiDao' | 'quanTri';
export const ROLES: readonly Role[] = [
  'donVi',
  'xa',
  'huyen',
  'tinh',
  'bo',
  'banChiDao',
  'quanTri',
];

export function roleLabel(role: Role): string {
  switch (role) {
    case 'donVi':
      return tr('đơn vị', 'unit');
    case 'xa':
      return tr('xã', 'commune');
    case 'huyen':
      return tr('huyện', 'district');
    case 'tinh':
      return tr('tỉnh', 'province');
    case 'bo':
      return tr('bộ', 'ministry');
    case 'banChiDao':
      return tr('ban chỉ đạo', 'steering committee');
    case 'quanTri':
      return tr('quản trị', 'administrator');
  }
}

/** Who sends the dossier («đơn vị đề nghị»): the unit itself, a commune, a village or a family. */
export type Submitter = 'donVi' | 'xa' | 'thon' | 'giaDinh';
export const SUBMITTERS: readonly Submitter[] = ['donVi', 'xa', 'thon', 'giaDinh'];

export function submitterLabel(submitter: Submitter): string {
  switch (submitter) {
    case 'donVi':
      return tr('đơn vị', 'unit');
    case 'xa':
      return tr('xã', 'commune');
    case 'thon':
      return tr('thôn', 'village');
    case 'giaDinh':
      return tr('gia đình', 'family');
  }
}

/** review (thẩm định): approve or return; decide: recognise or refuse; consolidate (tổng hợp): confirm. */
export type StepKind = 'review' | 'decide' | 'consolidate';

export interface Step {
  readonly role: Role;
  readonly kind: StepKind;
}

export interface Ladder {
  readonly id: string;
  readonly label: string;
  /** Who sends the dossier; a ladder of the previous version, written «xã → …», is the commune's. */
  readonly submitter?: Submitter;
  /** The steps after the submission, in order. Exactly one decides. */
  readonly steps: readonly Step[];
  /** Why the ladder must be confirmed before use, when a source is missing. */
  readonly warning?: string;
}

export function submitterOf(ladder: Ladder): Submitter {
  return ladder.submitter ?? 'xa';
}

export const LADDER_PRESETS: readonly Ladder[] = [
  {
    id: 'XA_HUYEN_TINH',
    label: '3 cấp: xã → huyện → tỉnh',
    steps: [
      { role: 'huyen', kind: 'review' },
      { role: 'tinh', kind: 'decide' },
    ],
  },
  {
    // TT 25/2023 commune CĐHT: the Trưởng phòng GD&ĐT recognises (§3.1 [V] S14, S16); the province
    // consolidates (§3.4).
    id: 'XA_HUYEN_QUYET_DINH_TINH_TONG_HOP',
    label: '3 cấp: xã → huyện (quyết định) → tỉnh (tổng hợp)',
    steps: [
      { role: 'huyen', kind: 'decide' },
      { role: 'tinh', kind: 'consolidate' },
    ],
  },
  {
    id: 'XA_TINH',
    label: '2 cấp: xã → tỉnh (từ 01/7/2025)',
    steps: [{ role: 'tinh', kind: 'decide' }],
    warning: 'Cần xác nhận: chưa tìm thấy văn bản nêu cấp công nhận thay cấp huyện từ 01/7/2025.',
  },
];

const STEP_WORDS: Readonly<Record<string, StepKind>> = {
  'thẩm định': 'review',
  'quyết định': 'decide',
  'tổng hợp': 'consolidate',
};
const STEP_ROLES: readonly Role[] = ['xa', 'huyen', 'tinh', 'bo', 'banChiDao'];

const EXAMPLE = '«xã → huyện thẩm định → tỉnh quyết định», «đơn vị → xã quyết định»';

/**
 * An administrator's own ladder, written as the presets read: «xã → huyện thẩm định → tỉnh quyết
 * định → ban chỉ đạo tổng hợp», «đơn vị → xã quyết định». The first word names who sends the dossier
 * (đơn vị, xã, thôn, gia đình); each step after it is a role (xã, huyện, tỉnh, bộ, ban chỉ đạo) and
 * what it does there.
 */
export function parseLadder(
  text: string,
): { ok: true; ladder: Ladder } | { ok: false; problem: string } {
  const normal = text.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
  const [first, ...rest] = normal.split(/\s*(?:→|->)\s*/);
  const wrong = (problem: string) => ({ ok: false as const, problem });
  const submitter = SUBMITTERS.find(
    (candidate) => inLanguage('vi', () => submitterLabel(candidate)) === first,
  );
  if (!submitter || rest.length === 0) {
    return wrong(
      tr(
        `các cấp riêng bắt đầu bằng đơn vị đề nghị («đơn vị →», «xã →», «thôn →» hoặc «gia đình →»), ví dụ ${EXAMPLE}`,
        `an own ladder starts with who submits («đơn vị →», «xã →», «thôn →» or «gia đình →»), e.g. ${EXAMPLE}`,
      ),
    );
  }
  const steps: Step[] = [];
  for (const part of rest) {
    const role = STEP_ROLES.find((r) =>
      part.startsWith(`${inLanguage('vi', () => roleLabel(r))} `),
    );
    const verb = role && part.slice(inLanguage('vi', () => roleLabel(role)).length + 1);
    const kind = verb === undefined ? undefined : STEP_WORDS[verb];
    if (!role || !kind) {
      return wrong(
        tr(
          `không hiểu bước «${part}»: ghi xã, huyện, tỉnh, bộ hoặc ban chỉ đạo, rồi thẩm định, quyết định hoặc tổng hợp`,
          `the step «${part}» is not understood: write xã, huyện, tỉnh, bộ or ban chỉ đạo, then thẩm định, quyết định or tổng hợp`,
        ),
      );
    }
    steps.push({ role, kind });
  }
  // A ladder of the commune keeps the shape the previous version stored (no submitter field).
  const ladder: Ladder = {
    id: normal,
    label: normal,
    ...(submitter === 'xa' ? {} : { submitter }),
    steps,
  };
  const problems = checkLadder(ladder);
  return problems.length > 0 ? wrong(problems.join('; ')) : { ok: true, ladder };
}

/** The ladder a setting names: a preset by its label or id, in any case and spacing, or one written out. */
export function ladderNamed(name: string): Ladder | undefined {
  const key = name.trim().toLowerCase().replace(/\s+/g, ' ');
  const preset = LADDER_PRESETS.find(
    (ladder) => ladder.id.toLowerCase() === key || ladder.label.toLowerCase() === key,
  );
  if (preset) return preset;
  const own = parseLadder(name);
  return own.ok ? own.ladder : undefined;
}

/** A ladder written out as `parseLadder` reads it. */
export function ladderText(ladder: Ladder): string {
  return inLanguage('vi', () =>
    [
      submitterLabel(submitterOf(ladder)),
      ...ladder.steps.map(
        (step) =>
          `${roleLabel(step.role)} ${Object.keys(STEP_WORDS).find((w) => STEP_WORDS[w] === step.kind)}`,
      ),
    ].join(' → '),
  );
}

/** A ladder's problems (no deciding step, or more than one; the submitter acting above itself). */
export function checkLadder(ladder: Ladder): string[] {
  const problems: string[] = [];
  const deciders = ladder.steps.filter((step) => step.kind === 'decide').length;
  if (deciders !== 1) {
    problems.push(
      tr(
        `các cấp phải có đúng một bước «quyết định», không phải ${deciders}`,
        `the ladder needs exactly one «decide» step, not ${deciders}`,
      ),
    );
  }
  if (
    ladder.steps.some(
      (step) =>
        step.role === 'donVi' ||
        step.role === 'quanTri' ||
        (step.role === 'xa' && submitterOf(ladder) === 'xa'),
    )
  ) {
    problems.push(
      tr(
        'bước phê duyệt do cấp trên đơn vị đề nghị thực hiện (xã chỉ phê duyệt khi đơn vị, thôn hoặc gia đình đề nghị)',
        'approval steps are taken above the submitter (a commune approves only what a unit, village or family submits)',
      ),
    );
  }
  return problems;
}

/** A ladder in force from a date (null: from the start), as a title's procedure lists them. */
export interface DatedLadder {
  readonly from: Date | null;
  /** The ladder as written (a preset's label or id, or written out). */
  readonly ladder: string;
  /** Who decides, in the regulation's words, e.g. «Trưởng phòng GD&ĐT». */
  readonly decider: string;
  /** Where it comes from, citing the text, or why it is inferred. */
  readonly basis: string;
  /** Why it must be confirmed, when no text names the decider («Cần xác nhận»). */
  readonly confirm?: string;
}

function dayNumber(date: Date): number {
  return date.getFullYear() * 10_000 + (date.getMonth() + 1) * 100 + date.getDate();
}

/**
 * The ladder in force on `day` among `ladders`: the latest whose date is not after that day (dates
 * compare by calendar day). Undefined when none has begun by then.
 */
export function datedLadderOn(ladders: readonly DatedLadder[], day: Date): DatedLadder | undefined {
  let found: DatedLadder | undefined;
  let foundRank = Number.NEGATIVE_INFINITY;
  for (const candidate of ladders) {
    const rank = candidate.from === null ? Number.NEGATIVE_INFINITY : dayNumber(candidate.from);
    if (rank > dayNumber(day)) continue;
    if (!found || rank >= foundRank) {
      found = candidate;
      foundRank = rank;
    }
  }
  return found;
}
