import type { Indicator, LevelCriterion, LevelsRubric, Requirement } from '../rubric';

/**
 * Đơn vị học tập under Thông tư 24/2023/TT-BGDĐT (in force 26/01/2024, repealing TT 22/2020 — Điều 22):
 * cấp huyện (Điều 6, 7) and cấp tỉnh (Điều 12, 13), mức độ 1 and mức độ 2, 3 criteria each; every
 * indicator met or not, «no evidence ⇒ not met», a criterion met when all its indicators are (Điều 9,
 * Điều 15). Wording verbatim from the Bộ pháp điển (REGULATIONS-2026 §4.2, LEGAL-TEXTS A4) [V].
 * - Indicator 3.1 is two shares: members (90% / 95%) and, for an educational institution, learners
 *   (95% / 97%); learners do not count in preschools, primary and lower-secondary schools (Điều 2).
 *   Both apply to a school ([I] from the text): two rows, 3.1 and 3.1b, each «Không áp dụng» where it
 *   does not concern the unit.
 * - Indicators that concern only some units (public bodies, schools, vocational institutions,
 *   economic organisations) accept «Không áp dụng».
 * - 12 months at mức độ 1 before mức độ 2 (Điều 5 khoản 3, Điều 11 khoản 3) and 36 months' validity
 *   (Điều 5 khoản 4, Điều 11 khoản 4) [V].
 */
const TT = 'Thông tư 24/2023/TT-BGDĐT';
const QD324_FULL =
  'Bộ tiêu chí và hướng dẫn đánh giá, công nhận “Công dân học tập” giai đoạn 2021-2030 (ban hành tại Quyết định số 324/QĐ-KHVN ngày 25 tháng 10 năm 2023 của Ban chấp hành Trung ương Hội Khuyến học Việt Nam, sau đây gọi là Quyết định số 324/QĐ-KHVN)';
const LAW = '(theo Luật Thi đua, Khen thưởng số 06/2022/QH15)';
const QD4725 =
  'Quyết định số 4725/QĐ-BGDĐT ngày 30 tháng 12 năm 2022 của Bộ trưởng Bộ Giáo dục và Đào tạo';
const QD4740 =
  'Quyết định số 4740/QĐ-BGDĐT ngày 30 tháng 12 năm 2022 của Bộ trưởng Bộ Giáo dục và Đào tạo';

const met = (): [Requirement, Requirement] => [{ kind: 'met' }, { kind: 'met' }];
const shares = (level1: number, level2: number): [Requirement, Requirement] => [
  { kind: 'percent', min: level1 },
  { kind: 'percent', min: level2 },
];

interface Spec {
  code: string;
  label: string;
  text: string;
  basis: string;
  levels?: [Requirement, Requirement];
  mayNotApply?: boolean;
  /** False where the wording joins or completes the text's own words. */
  verified?: boolean;
}

const indicator = ({
  code,
  label,
  text,
  basis,
  levels = met(),
  mayNotApply,
  verified = true,
}: Spec): Indicator => ({
  code,
  label,
  text,
  measure: levels.some((level) => level.kind === 'percent') ? 'ratio' : 'check',
  levels,
  basis,
  verified,
  ...(mayNotApply ? { mayNotApply: true } : {}),
});

const criterion = (
  code: string,
  name: string,
  label: string,
  basis: string,
  indicators: Indicator[],
): LevelCriterion => ({ code, name, label, indicators, basis, verified: true });

/** Criterion 1 of Điều 6 khoản 1, the same at mức độ 2 and for the province (Điều 7, 12, 13 khoản 1). */
function conditions(refs: string): LevelCriterion {
  const at = (point: string) => `Điều 6 khoản 1 điểm ${point}; ${refs}`;
  return criterion('1', 'Về điều kiện xây dựng “Đơn vị học tập”', 'Điều kiện', at('a–đ'), [
    indicator({
      code: '1.1',
      label: 'Kế hoạch học tập',
      text: 'Chỉ tiêu 1: Ban hành kế hoạch hằng năm cho Thành viên trong đơn vị được học tập thường xuyên, tổ chức triển khai, thực hiện kế hoạch.',
      basis: at('a'),
    }),
    indicator({
      code: '1.2',
      label: 'Chế độ đào tạo, bồi dưỡng',
      text: 'Chỉ tiêu 2: Thực hiện đầy đủ các chế độ về đào tạo, bồi dưỡng theo quy định hiện hành, có quy định của đơn vị nhằm khuyến khích, động viên Thành viên trong đơn vị tích cực học tập. Đơn vị cấp huyện là nhà trẻ, trường mẫu giáo, trường mầm non công lập tham gia thực hiện tập huấn, bồi dưỡng nâng cao chuyên môn nghiệp vụ, hỗ trợ cho giáo viên của các cơ sở giáo dục mầm non dân lập, tư thục trên địa bàn theo quy định.',
      basis: at('b'),
    }),
    indicator({
      code: '1.3',
      label: 'Kinh phí đào tạo, bồi dưỡng',
      text: 'Chỉ tiêu 3: Bố trí đủ kinh phí từ ngân sách nhà nước hằng năm để thực hiện công tác đào tạo, bồi dưỡng đối với Thành viên trong đơn vị (đối với đơn vị là cơ quan, đơn vị sự nghiệp công lập của nhà nước).',
      basis: at('c'),
      mayNotApply: true,
    }),
    indicator({
      code: '1.4',
      label: 'Chuyển đổi số, thiết bị học tập',
      text: 'Chỉ tiêu 4: Đơn vị cấp huyện triển khai chuyển đổi số, các Thành viên trong đơn vị được trang bị các dụng cụ, thiết bị học tập đáp ứng nhu cầu làm việc và học tập trong bối cảnh chuyển đổi số.',
      basis: at('d'),
    }),
    indicator({
      code: '1.5',
      label: 'Phục vụ học tập suốt đời',
      text: 'Chỉ tiêu 5: Tham gia các hoạt động phục vụ việc học tập suốt đời cho người dân.',
      basis: at('đ'),
    }),
  ]);
}

/** Criterion 2: Điều 6 khoản 2 (mức độ 1), Điều 7 khoản 2 (mức độ 2); the province refers to both. */
function results(l1: string, l2: string): LevelCriterion {
  const at = (point: string) =>
    `Điều 6 khoản 2 điểm ${point}; Điều 7 khoản 2 điểm ${point}${l1 ? `; ${l1} khoản 2, ${l2} khoản 2` : ''}`;
  return criterion(
    '2',
    'Về kết quả học tập của Thành viên trong đơn vị',
    'Kết quả học tập',
    at('a–đ'),
    [
      indicator({
        code: '2.1',
        label: 'Kỷ luật, đoàn kết',
        text: 'Chỉ tiêu 1: Tối thiểu 90% Thành viên trong đơn vị tuân thủ kỷ luật lao động, nội quy làm việc trong đơn vị, có tinh thần đoàn kết, hợp tác, chia sẻ và trao đổi.',
        basis: at('a'),
        levels: shares(90, 95),
      }),
      indicator({
        code: '2.2',
        label: 'Hoàn thành học tập, bồi dưỡng',
        text: 'Chỉ tiêu 2: Tối thiểu 90% Thành viên trong đơn vị hoàn thành đầy đủ các chương trình học tập, bồi dưỡng theo quy định của nhà nước hoặc của đơn vị và đoàn thể được lãnh đạo đơn vị phê duyệt.',
        basis: at('b'),
        levels: shares(90, 95),
      }),
      indicator({
        code: '2.3',
        label: 'Chuyển đổi số',
        text: 'Chỉ tiêu 3: Tối thiểu 90% Thành viên trong đơn vị được đào tạo, bồi dưỡng và tham gia thực hiện chuyển đổi số trong đơn vị.',
        basis: at('c'),
        levels: shares(90, 95),
      }),
      indicator({
        code: '2.4',
        label: 'Ngoại ngữ, tiếng dân tộc',
        text: 'Chỉ tiêu 4: Tối thiểu 50% Thành viên trong đơn vị có chứng nhận hoặc chứng chỉ ngoại ngữ hoặc tiếng dân tộc thiểu số đáp ứng yêu cầu công việc hoặc vị trí việc làm (không bao gồm thành viên trong đơn vị là tổ chức kinh tế). Mức độ 2: tối thiểu 70% Thành viên trong đơn vị có trình độ ngoại ngữ hoặc tiếng dân tộc thiểu số đáp ứng yêu cầu công việc hoặc vị trí việc làm.',
        basis: at('d'),
        levels: shares(50, 70),
        mayNotApply: true,
        verified: false,
      }),
      indicator({
        code: '2.5',
        label: 'Lao động tiên tiến',
        text: `Chỉ tiêu 5: Tối thiểu 90% Thành viên trong đơn vị đạt danh hiệu “Lao động tiên tiến” ${LAW} trở lên.`,
        basis: at('đ'),
        levels: shares(90, 95),
      }),
    ],
  );
}

/** Indicators 3.1 (members) and 3.1b (learners of an educational institution) [V] + [I]. */
function citizens(level: 'huyện' | 'tỉnh', basis: string): Indicator[] {
  const unit = level === 'huyện' ? 'Đơn vị cấp huyện' : 'Đơn vị cấp tỉnh';
  return [
    indicator({
      code: '3.1',
      label: 'Thành viên là Công dân học tập',
      text: `Chỉ tiêu 1: Tối thiểu 90% Thành viên trong đơn vị đạt danh hiệu “Công dân học tập” theo ${level === 'huyện' ? QD324_FULL : 'Quyết định số 324/QĐ-KHVN'}.`,
      basis,
      levels: shares(90, 95),
      mayNotApply: true,
    }),
    indicator({
      code: '3.1b',
      label: 'Người học là Công dân học tập',
      text: `Chỉ tiêu 1 (tiếp): Đối với ${level === 'huyện' ? 'đơn vị' : unit} là Cơ sở giáo dục đánh giá, công nhận ở cấp ${level} tối thiểu 95% Người học đạt danh hiệu “Công dân học tập” theo Quyết định số 324/QĐ-KHVN (người học không tính ở nhà trẻ, trường mầm non, tiểu học, trung học cơ sở).`,
      basis,
      levels: shares(95, 97),
      mayNotApply: true,
      verified: false,
    }),
  ];
}

export const TT24_2023_DVHT_HUYEN: LevelsRubric = {
  id: 'TT24_2023_DVHT_HUYEN',
  method: 'levels',
  title: 'Đơn vị học tập cấp huyện',
  titleKey: 'DVHT_HUYEN',
  legalBasis: `${TT} (11/12/2023), Điều 6, Điều 7, Điều 8, Điều 9; hiệu lực từ 26/01/2024`,
  source: 'REGULATIONS-2026.md §4.2, LEGAL-TEXTS.md A4 [V]',
  inForce: { from: '26/01/2024' },
  scoringSheet: 'Đánh giá ĐVHT huyện (TT24)',
  monthsBeforeNextLevel: 12,
  validityMonths: 36,
  criteria: [
    conditions('Điều 7 khoản 1'),
    results('', ''),
    criterion(
      '3',
      'Tác dụng của việc xây dựng “Đơn vị học tập”',
      'Tác dụng',
      'Điều 6 khoản 3; Điều 7 khoản 3',
      [
        ...citizens('huyện', 'Điều 6 khoản 3 điểm a; Điều 7 khoản 3 điểm a'),
        indicator({
          code: '3.2',
          label: 'Môi trường học tập, chia sẻ',
          text: 'Chỉ tiêu 2: Đơn vị cấp huyện thực hiện các hoạt động tạo lập môi trường học tập và chia sẻ tri thức với các đơn vị khác. Đơn vị cấp huyện là nhà trẻ, trường mẫu giáo, trường mầm non công lập có thực hiện hoặc phối hợp thực hiện tập huấn, bồi dưỡng nâng cao chuyên môn nghiệp vụ, hỗ trợ cho giáo viên của các cơ sở giáo dục mầm non dân lập, tư thục trên địa bàn theo quy định.',
          basis: 'Điều 6 khoản 3 điểm b; Điều 7 khoản 3 điểm b',
        }),
        indicator({
          code: '3.3',
          label: 'Danh hiệu thi đua tập thể',
          text: `Chỉ tiêu 3: Đơn vị cấp huyện đạt danh hiệu thi đua từ “Tập thể lao động tiên tiến” ${LAW} trở lên.`,
          basis: 'Điều 6 khoản 3 điểm c; Điều 7 khoản 3 điểm c',
          levels: [
            { kind: 'text', text: 'Đạt danh hiệu thi đua từ “Tập thể lao động tiên tiến” trở lên' },
            {
              kind: 'text',
              text: 'Đơn vị là cơ quan, đơn vị sự nghiệp công lập đạt danh hiệu thi đua từ “Tập thể lao động tiên tiến” trở lên',
            },
          ],
          mayNotApply: true,
        }),
        indicator({
          code: '3.4',
          label: 'Chuyển đổi số (trường phổ thông)',
          text: `Chỉ tiêu 4: Đơn vị cấp huyện là cơ sở giáo dục phổ thông đạt mức độ chuyển đổi số của đơn vị ở “mức đáp ứng cơ bản” theo ${QD4725}.`,
          basis: 'Điều 6 khoản 3 điểm d; Điều 7 khoản 3 điểm d',
          levels: [
            { kind: 'text', text: '“Mức đáp ứng cơ bản” (QĐ 4725/QĐ-BGDĐT)' },
            { kind: 'text', text: '“Mức đáp ứng tốt” (QĐ 4725/QĐ-BGDĐT)' },
          ],
          mayNotApply: true,
        }),
        indicator({
          code: '3.5',
          label: 'Kiểm định giáo dục nghề nghiệp',
          text: 'Chỉ tiêu 5: Đơn vị cấp huyện là cơ sở giáo dục nghề nghiệp đạt kiểm định chất lượng giáo dục nghề nghiệp theo quy định hiện hành.',
          basis: 'Điều 6 khoản 3 điểm đ; Điều 7 khoản 3 điểm đ',
          mayNotApply: true,
        }),
      ],
    ),
  ],
};

export const TT24_2023_DVHT_TINH: LevelsRubric = {
  id: 'TT24_2023_DVHT_TINH',
  method: 'levels',
  title: 'Đơn vị học tập cấp tỉnh',
  titleKey: 'DVHT_TINH',
  legalBasis: `${TT} (11/12/2023), Điều 12, Điều 13, Điều 14, Điều 15; hiệu lực từ 26/01/2024`,
  source: 'REGULATIONS-2026.md §4.2, LEGAL-TEXTS.md A4 [V]',
  inForce: { from: '26/01/2024' },
  scoringSheet: 'Đánh giá ĐVHT tỉnh (TT24)',
  monthsBeforeNextLevel: 12,
  validityMonths: 36,
  criteria: [
    conditions('Điều 12 khoản 1; Điều 13 khoản 1'),
    results('Điều 12', 'Điều 13'),
    criterion(
      '3',
      'Tác dụng của việc xây dựng “Đơn vị học tập”',
      'Tác dụng',
      'Điều 12 khoản 3; Điều 13 khoản 3',
      [
        ...citizens('tỉnh', 'Điều 12 khoản 3 điểm a; Điều 13 khoản 3 điểm a'),
        indicator({
          code: '3.2',
          label: 'Môi trường học tập, chia sẻ',
          text: 'Chỉ tiêu 2: Đơn vị cấp tỉnh thực hiện các hoạt động tạo lập môi trường học tập và chia sẻ tri thức với các đơn vị khác.',
          basis: 'Điều 12 khoản 3 điểm b; Điều 13 khoản 3 điểm b',
        }),
        indicator({
          code: '3.3',
          label: 'Danh hiệu thi đua tập thể',
          text: `Chỉ tiêu 3: Đơn vị cấp tỉnh đạt danh hiệu thi đua từ “Tập thể lao động tiên tiến” ${LAW} trở lên.`,
          basis: 'Điều 12 khoản 3 điểm c; Điều 13 khoản 3 điểm c',
        }),
        indicator({
          code: '3.4',
          label: 'Chuyển đổi số (THPT, GDTX)',
          text: `Chỉ tiêu 4: Đơn vị cấp tỉnh là trường trung học phổ thông, trường phổ thông có nhiều cấp học có cấp học cao nhất là trung học phổ thông, trung tâm giáo dục thường xuyên đạt mức độ chuyển đổi số của đơn vị ở “mức đáp ứng cơ bản” theo ${QD4725}.`,
          basis: 'Điều 12 khoản 3 điểm d; Điều 13 khoản 3 điểm d',
          levels: [
            { kind: 'text', text: '“Mức đáp ứng cơ bản” (QĐ 4725/QĐ-BGDĐT)' },
            { kind: 'text', text: '“Mức đáp ứng tốt” (QĐ 4725/QĐ-BGDĐT)' },
          ],
          mayNotApply: true,
        }),
        indicator({
          code: '3.5',
          label: 'Chuyển đổi số (đại học)',
          text: `Chỉ tiêu 5: Đơn vị cấp tỉnh là cơ sở giáo dục đại học đạt mức độ chuyển đổi số của đơn vị ở “mức đáp ứng cơ bản” theo ${QD4740}.`,
          basis: 'Điều 12 khoản 3 điểm đ; Điều 13 khoản 3 điểm đ',
          levels: [
            { kind: 'text', text: '“Mức đáp ứng cơ bản” (QĐ 4740/QĐ-BGDĐT)' },
            { kind: 'text', text: '“Mức đáp ứng tốt” (QĐ 4740/QĐ-BGDĐT)' },
          ],
          mayNotApply: true,
        }),
        indicator({
          code: '3.6',
          label: 'Kiểm định giáo dục nghề nghiệp',
          text: 'Chỉ tiêu 6: Đơn vị cấp tỉnh là cơ sở giáo dục nghề nghiệp đạt kiểm định chất lượng giáo dục nghề nghiệp theo quy định hiện hành.',
          basis: 'Điều 12 khoản 3 điểm e; Điều 13 khoản 3 điểm e',
          mayNotApply: true,
        }),
      ],
    ),
  ],
};
