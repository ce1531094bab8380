import { inLanguage, tr } from './i18n';

/**
 * The approval ladder is data (DESIGN.md): after the commune submits, the unit climbs a list of steps,
 * each with the role that acts and what it does there. The deciding level differs by title and changed
 * with the 2025 reform, so it is never written into code paths (REGULATIONS.md §1, §3.1, §4.3, §6).
 */

export type Role = 'xa' | 'huyen' | 'tinh' | 'banChiDao' | 'quanTri';
export const ROLES: readonly Role[] = ['xa', 'huyen', 'tinh', 'banChiDao', 'quanTri'];

export function roleLabel(role: Role): string {
  switch (role) {
    case 'xa':
      return tr('xã', 'commune');
    case 'huyen':
      return tr('huyện', 'district');
    case 'tinh':
      return tr('tỉnh', 'province');
    case 'banChiDao':
      return tr('ban chỉ đạo', 'steering committee');
    case 'quanTri':
      return tr('quản trị', 'administrator');
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
  /** The steps after the commune's submission, in order. Exactly one decides. */
  readonly steps: readonly Step[];
  /** Why the ladder must be confirmed before use, when a source is missing. */
  readonly warning?: string;
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
    warning:
      'Cần xác nhận: chưa tìm thấy văn bản nêu cấp công nhận thay cấp huyện từ 01/7/2025 (REGULATIONS.md §6).',
  },
];

const STEP_WORDS: Readonly<Record<string, StepKind>> = {
  'thẩm định': 'review',
  'quyết định': 'decide',
  'tổng hợp': 'consolidate',
};
const STEP_ROLES: readonly Role[] = ['huyen', 'tinh', 'banChiDao'];

/**
 * An administrator's own ladder, written as the presets read: «xã → huyện thẩm định → tỉnh quyết
 * định → ban chỉ đạo tổng hợp». Each step after the commune is a role and what it does there.
 */
export function parseLadder(
  text: string,
): { ok: true; ladder: Ladder } | { ok: false; problem: string } {
  const normal = text.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
  const [first, ...rest] = normal.split(/\s*(?:→|->)\s*/);
  const wrong = (problem: string) => ({ ok: false as const, problem });
  if (first !== 'xã' || rest.length === 0) {
    return wrong(
      tr(
        'các cấp riêng bắt đầu bằng «xã →», ví dụ «xã → huyện thẩm định → tỉnh quyết định»',
        'an own ladder starts with «xã →», e.g. «xã → huyện thẩm định → tỉnh quyết định»',
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
          `không hiểu bước «${part}»: ghi huyện, tỉnh hoặc ban chỉ đạo, rồi thẩm định, quyết định hoặc tổng hợp`,
          `the step «${part}» is not understood: write huyện, tỉnh or ban chỉ đạo, then thẩm định, quyết định or tổng hợp`,
        ),
      );
    }
    steps.push({ role, kind });
  }
  const ladder = { id: normal, label: normal, steps };
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

/** A ladder's problems (no deciding step, or more than one; the commune acting above itself). */
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
  if (ladder.steps.some((step) => step.role === 'xa' || step.role === 'quanTri')) {
    problems.push(
      tr(
        'bước phê duyệt do huyện, tỉnh hoặc ban chỉ đạo thực hiện',
        'approval steps are taken by a district, the province or the steering committee',
      ),
    );
  }
  return problems;
}
