import type { Indicator, LevelCriterion, LevelsRubric, Missing } from '../rubric';

/**
 * Đơn vị học tập under Thông tư 24/2023/TT-BGDĐT (11/12/2023): cấp huyện (Điều 6, 7) and cấp tỉnh
 * (Điều 12, 13), mức độ 1 and mức độ 2, 3 criteria each. REGULATIONS.md §4.2 and the addendum §3.
 * The indicators are known from English pages (S33–S35); the Vietnamese wording renders them and is to
 * be checked against the official text. Unknown [U]: district TC2 from CT3 on, district TC3, the
 * district mức độ 2 values, the time at mức độ 1 before mức độ 2, and the district validity period.
 */
const still = (what: string, article: string): Missing => ({
  missing: `${what} — theo ${article} Thông tư 24/2023/TT-BGDĐT (bản chính thức)`,
});

/** Content verified from English pages (S33–S35); the Vietnamese wording is ours and says so. */
const RENDERED = ' (diễn đạt lại từ nguồn tiếng Anh; đối chiếu nguyên văn)';

const check = (
  code: string,
  label: string,
  text: string,
  level2: Indicator['levels'][1],
): Indicator => ({
  code,
  label,
  text: `${text}${RENDERED}`,
  measure: 'check',
  levels: [{ kind: 'met' }, level2],
});

const percent = (
  code: string,
  label: string,
  text: string,
  level1: number,
  level2: number | Missing,
): Indicator => ({
  code,
  label,
  text: `${text}${RENDERED}`,
  measure: 'ratio',
  levels: [
    { kind: 'percent', min: level1 },
    { kind: 'percent', min: level2 },
  ],
});

/** TC1 of Điều 6 khoản 1, shared by the provincial rubric (Điều 12 khoản 1) [V] S33, S34. */
function conditions(level2: (code: string) => Indicator['levels'][1]): LevelCriterion {
  return {
    code: '1',
    name: 'Điều kiện xây dựng Đơn vị học tập',
    label: 'Điều kiện',
    indicators: [
      check(
        '1.1',
        'Kế hoạch học tập',
        'Có kế hoạch học tập hằng năm cho thành viên và tổ chức thực hiện',
        level2('1.1'),
      ),
      check(
        '1.2',
        'Chế độ, quy định',
        'Thực hiện đầy đủ chế độ bồi dưỡng, có quy định nội bộ khuyến khích học tập (trường mầm non công lập: hỗ trợ giáo viên các cơ sở mầm non khác)',
        level2('1.2'),
      ),
      check(
        '1.3',
        'Kinh phí bồi dưỡng',
        'Bố trí đủ kinh phí ngân sách cho bồi dưỡng (cơ quan nhà nước, đơn vị sự nghiệp công lập)',
        level2('1.3'),
      ),
      check(
        '1.4',
        'Công cụ học tập số',
        'Thành viên được trang bị công cụ học tập phục vụ chuyển đổi số',
        level2('1.4'),
      ),
      check(
        '1.5',
        'Hoạt động vì cộng đồng',
        'Tham gia các hoạt động phục vụ học tập suốt đời của người dân',
        level2('1.5'),
      ),
    ],
  };
}

/** TC2 of Điều 6 khoản 2 (mức độ 1) [V] S33; its mức độ 2 values (Điều 7) are unknown [U]. */
function results(article: string): LevelCriterion {
  const level2 = still('Tỷ lệ mức độ 2', article);
  return {
    code: '2',
    name: 'Kết quả học tập của thành viên',
    label: 'Kết quả học tập',
    indicators: [
      percent(
        '2.1',
        'Kỷ luật, đoàn kết',
        'Thành viên chấp hành kỷ luật lao động, đoàn kết, chia sẻ',
        90,
        level2,
      ),
      percent(
        '2.2',
        'Hoàn thành bồi dưỡng',
        'Thành viên hoàn thành chương trình học tập, bồi dưỡng theo quy định',
        90,
        level2,
      ),
      {
        code: '2.3',
        label: 'Chỉ tiêu cần bổ sung',
        text: still('Các chỉ tiêu còn lại của tiêu chí 2 (từ chỉ tiêu 3)', 'Điều 6 khoản 2'),
        measure: 'check',
        levels: [{ kind: 'met' }, { kind: 'text', text: still('Yêu cầu mức độ 2', article) }],
      },
    ],
  };
}

export const TT24_2023_DVHT_HUYEN: LevelsRubric = {
  id: 'TT24_2023_DVHT_HUYEN',
  method: 'levels',
  title: 'Đơn vị học tập cấp huyện',
  legalBasis: 'Thông tư 24/2023/TT-BGDĐT (11/12/2023), Điều 6, Điều 7',
  source: 'REGULATIONS.md §4.2 [V] S33; tiêu chí 2 từ chỉ tiêu 3, tiêu chí 3, mức độ 2 [U]',
  scoringSheet: 'Chấm ĐVHT huyện (TT24)',
  monthsBeforeNextLevel: still('Số tháng ở mức độ 1 trước khi xét mức độ 2', 'Điều 8'),
  validityMonths: still('Thời hạn công nhận (tháng)', 'Điều 5'),
  criteria: [
    conditions(() => ({ kind: 'text', text: still('Yêu cầu mức độ 2', 'Điều 7 khoản 1') })),
    results('Điều 7 khoản 2'),
    {
      code: '3',
      name: 'Tác dụng của việc xây dựng Đơn vị học tập',
      label: 'Tác dụng',
      indicators: [
        {
          code: '3.1',
          label: 'Chỉ tiêu cần bổ sung',
          text: still('Các chỉ tiêu của tiêu chí 3', 'Điều 6 khoản 3'),
          measure: 'check',
          levels: [
            { kind: 'met' },
            { kind: 'text', text: still('Yêu cầu mức độ 2', 'Điều 7 khoản 3') },
          ],
        },
      ],
    },
  ],
};

export const TT24_2023_DVHT_TINH: LevelsRubric = {
  id: 'TT24_2023_DVHT_TINH',
  method: 'levels',
  title: 'Đơn vị học tập cấp tỉnh',
  legalBasis: 'Thông tư 24/2023/TT-BGDĐT (11/12/2023), Điều 12, Điều 13',
  source: 'REGULATIONS.md §4.2 [V] S34, S35, S40; tiêu chí 2 mức độ 2 [U]',
  scoringSheet: 'Chấm ĐVHT tỉnh (TT24)',
  monthsBeforeNextLevel: still('Số tháng ở mức độ 1 trước khi xét mức độ 2', 'Điều 14'),
  // Sơn La's provincial recognitions are valid 3 years [V] S40.
  validityMonths: 36,
  criteria: [
    // Mức độ 2 keeps criterion 1 as at mức độ 1 [V] S35.
    conditions(() => ({ kind: 'met' })),
    results('Điều 13 khoản 2 (dẫn Điều 7 khoản 2)'),
    {
      code: '3',
      name: 'Tác dụng của việc xây dựng Đơn vị học tập',
      label: 'Tác dụng',
      indicators: [
        percent(
          '3.1',
          'Công dân học tập',
          'Thành viên đạt danh hiệu "Công dân học tập" (QĐ 324/QĐ-KHVN); cơ sở giáo dục tính trên người học với ngưỡng 95% / 97%',
          90,
          95,
        ),
        check(
          '3.2',
          'Chia sẻ tri thức',
          'Tạo lập môi trường học tập, chia sẻ tri thức với các đơn vị khác',
          { kind: 'met' },
        ),
        {
          code: '3.3',
          label: 'Danh hiệu tập thể',
          text: `Danh hiệu thi đua của tập thể (Luật Thi đua, khen thưởng 2022)${RENDERED}`,
          measure: 'check',
          levels: [
            { kind: 'text', text: 'Đạt "Tập thể lao động tiên tiến" trở lên' },
            { kind: 'text', text: 'Đạt "Tập thể lao động xuất sắc" trở lên' },
          ],
        },
        {
          code: '3.4',
          label: 'Chuyển đổi số (trường học)',
          text: `Trường trung học, trường phổ thông nhiều cấp học, trung tâm GDTX: mức chuyển đổi số (QĐ 4740/QĐ-BGDĐT; nguồn của mức độ 2 ghi 4725, có lẽ nhầm)${RENDERED}`,
          measure: 'check',
          levels: [
            { kind: 'text', text: 'Đạt mức "đáp ứng cơ bản"' },
            { kind: 'text', text: 'Đạt mức "đáp ứng khá"' },
          ],
        },
        check(
          '3.5',
          'Chuyển đổi số (đại học)',
          'Cơ sở giáo dục đại học đạt mức chuyển đổi số "đáp ứng cơ bản"',
          { kind: 'text', text: still('Yêu cầu mức độ 2 của chỉ tiêu 3.5', 'Điều 13 khoản 3') },
        ),
        check(
          '3.6',
          'Kiểm định chất lượng',
          'Cơ sở giáo dục nghề nghiệp đạt kiểm định chất lượng',
          { kind: 'text', text: still('Yêu cầu mức độ 2 của chỉ tiêu 3.6', 'Điều 13 khoản 3') },
        ),
      ],
    },
  ],
};
