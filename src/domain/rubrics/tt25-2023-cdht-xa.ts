import type { Indicator, LevelCriterion, LevelsRubric } from '../rubric';

/**
 * Cộng đồng học tập cấp xã under Thông tư 25/2023/TT-BGDĐT (in force 12/02/2024, repealing TT 44/2014
 * — Điều 25), Điều 6 (mức độ 1) and Điều 7 (mức độ 2): 5 criteria, 15 indicators, each met or not,
 * a criterion met when all its indicators are, a level when all criteria are (Điều 8 khoản 2).
 * Wording: verbatim from the Bộ pháp điển (REGULATIONS-2026 §1.2, LEGAL-TEXTS A1) [V].
 * - Criterion 4: the commune's PCGD-XMC standards as NĐ 20/2014 sets them (Đ6, Đ10, Đ11, Đ15, Đ16,
 *   Đ20, Đ21); the commune answers whether it holds the standard named at each level.
 * - Criterion 5: two shares. Indicator 2 («được đào tạo trình độ chuyên môn kỹ thuật; trong đó… đại học
 *   trở lên») is two counts over the same citizens, so it takes two rows, 5.2 and 5.2b, both needed. A
 *   commune «thuộc vùng khó khăn» (a per-unit input column) has the lower thresholds.
 * - 12 months at mức độ 1 before mức độ 2 (Điều 5 khoản 3 [P] S14), 36 months' validity (Điều 5
 *   khoản 4 [V]).
 */
const TT = 'Thông tư 25/2023/TT-BGDĐT';
const QD324 =
  'Quyết định số 324/QĐ-KHVN ngày 25 tháng 10 năm 2023 của Ban chấp hành Trung ương Hội Khuyến học Việt Nam ban hành Bộ tiêu chí và hướng dẫn đánh giá, công nhận danh hiệu “Công dân học tập” giai đoạn 2021-2030 (sau đây gọi tắt là Quyết định số 324/QĐ-KHVN)';
const ND20 =
  'Nghị định số 20/2014/NĐ-CP ngày 24 tháng 3 năm 2014 của Chính phủ về phổ cập giáo dục, xóa mù chữ (sau đây gọi tắt là Nghị định số 20/2014/NĐ-CP)';

/** The same indicator at both levels (Điều 7 khoản n: «Nội dung tiêu chí theo quy định tại khoản n Điều 6»). */
const same = (
  criterion: number,
  n: number,
  point: string,
  label: string,
  text: string,
): Indicator => ({
  code: `${criterion}.${n}`,
  label,
  text,
  measure: 'check',
  levels: [{ kind: 'met' }, { kind: 'met' }],
  basis: `Điều 6 khoản ${criterion} điểm ${point}; Điều 7 khoản ${criterion}`,
  verified: true,
});

/** A criterion 4 indicator: the standard the commune holds, another one at mức độ 2. */
const standard = (
  n: number,
  point: string,
  label: string,
  level1: string,
  level2: string,
): Indicator => ({
  code: `4.${n}`,
  label,
  text: `Chỉ tiêu ${n}: Xã đạt chuẩn ${level1} theo quy định tại ${n === 1 ? ND20 : 'Nghị định số 20/2014/NĐ-CP'}`,
  measure: 'check',
  levels:
    level1 === level2
      ? [{ kind: 'met' }, { kind: 'met' }]
      : [
          { kind: 'text', text: `Xã đạt chuẩn ${level1}` },
          { kind: 'text', text: `Xã đạt chuẩn ${level2}` },
        ],
  basis: `Điều 6 khoản 4 điểm ${point}; Điều 7 khoản 4 điểm ${point}`,
  verified: true,
});

const criterion = (
  code: string,
  name: string,
  label: string,
  indicators: Indicator[],
): LevelCriterion => ({
  code,
  name,
  label,
  indicators,
  basis: `Điều 6 khoản ${code}; Điều 7 khoản ${code}`,
  verified: true,
});

export const TT25_2023_CDHT_XA: LevelsRubric = {
  id: 'TT25_2023_CDHT_XA',
  method: 'levels',
  title: 'Cộng đồng học tập cấp xã',
  titleKey: 'CDHT_XA',
  legalBasis: `${TT} (27/12/2023), Điều 6, Điều 7, Điều 8; hiệu lực từ 12/02/2024`,
  source: 'REGULATIONS-2026.md §1.2–§1.3, LEGAL-TEXTS.md A1 [V]',
  inForce: { from: '12/02/2024' },
  scoringSheet: 'Đánh giá CĐHT xã (TT25)',
  meetingBeforeSubmit: true,
  monthsBeforeNextLevel: 12,
  validityMonths: 36,
  criteria: [
    criterion(
      '1',
      'Sự lãnh đạo, chỉ đạo của cấp ủy Đảng, chính quyền cấp xã',
      'Lãnh đạo, chỉ đạo',
      [
        same(
          1,
          1,
          'a',
          'Tuyên truyền',
          'Chỉ tiêu 1: Thực hiện công tác tuyên truyền nâng cao nhận thức cho cộng đồng về học tập suốt đời, xây dựng xã hội học tập',
        ),
        same(
          1,
          2,
          'b',
          'Chương trình, kế hoạch',
          'Chỉ tiêu 2: Xây dựng chương trình, kế hoạch thực hiện công tác xây dựng xã hội học tập hằng năm và tổ chức triển khai, thực hiện đầy đủ các chương trình, kế hoạch',
        ),
        same(
          1,
          3,
          'c',
          'Tuần lễ hưởng ứng học tập suốt đời',
          'Chỉ tiêu 3: Xây dựng kế hoạch, triển khai các hoạt động cụ thể tổ chức Tuần lễ hưởng ứng học tập suốt đời và báo cáo theo quy định',
        ),
      ],
    ),
    criterion(
      '2',
      'Huy động nguồn lực và tạo môi trường thuận lợi để thực hiện xây dựng xã hội học tập ở địa phương',
      'Nguồn lực, môi trường',
      [
        same(
          2,
          1,
          'a',
          'Kinh phí',
          'Chỉ tiêu 1: Bố trí đủ kinh phí từ ngân sách nhà nước hằng năm theo quy định của pháp luật về ngân sách nhà nước để thực hiện xây dựng xã hội học tập',
        ),
        same(
          2,
          2,
          'b',
          'Huy động nguồn lực xã hội',
          'Chỉ tiêu 2: Triển khai các hoạt động vận động, huy động nguồn lực xã hội tham gia xây dựng xã hội học tập ở địa phương theo chủ trương xã hội hóa và đạt kết quả tích cực',
        ),
        same(
          2,
          3,
          'c',
          'Cơ chế phối hợp',
          'Chỉ tiêu 3: Xây dựng cơ chế phối hợp giữa Hội Khuyến học xã, các tổ chức chính trị - xã hội cấp xã và các cơ sở giáo dục, các thiết chế văn hóa trên địa bàn xã trong quá trình xây dựng xã hội học tập',
        ),
      ],
    ),
    criterion(
      '3',
      'Hiệu quả hoạt động của trung tâm học tập cộng đồng và thư viện công cộng cấp xã, trung tâm văn hóa, thể thao cấp xã',
      'TTHTCĐ, thư viện, văn hóa',
      [
        same(
          3,
          1,
          'a',
          'Trung tâm học tập cộng đồng',
          'Chỉ tiêu 1: Trung tâm học tập cộng đồng bảo đảm có 01 phòng làm việc được trang bị đầy đủ bàn, ghế, tủ, giá; có tủ sách dùng chung; có thiết bị công nghệ thông tin phù hợp để tổ chức hoạt động học tập suốt đời cho người dân',
        ),
        same(
          3,
          2,
          'b',
          'Thư viện công cộng cấp xã',
          'Chỉ tiêu 2: Thư viện công cộng cấp xã có ứng dụng công nghệ thông tin và chuyển đổi số trong quản lý, tổ chức hoạt động phục vụ việc học tập suốt đời cho người sử dụng thư viện',
        ),
        same(
          3,
          3,
          'c',
          'Trung tâm văn hóa, thể thao',
          'Chỉ tiêu 3: Trung tâm văn hóa, thể thao cấp xã có lớp năng khiếu, câu lạc bộ, nhóm sở thích, thường xuyên tổ chức các hoạt động văn hóa văn nghệ, thể dục thể thao thu hút người dân đến tham gia sinh hoạt',
        ),
      ],
    ),
    criterion('4', 'Kết quả phổ cập giáo dục - xóa mù chữ', 'Phổ cập, xóa mù chữ', [
      standard(
        1,
        'a',
        'Phổ cập mầm non 5 tuổi',
        'phổ cập giáo dục mầm non cho trẻ em 5 tuổi',
        'phổ cập giáo dục mầm non cho trẻ em 5 tuổi',
      ),
      standard(
        2,
        'b',
        'Phổ cập tiểu học',
        'phổ cập giáo dục tiểu học mức độ 2',
        'phổ cập giáo dục tiểu học mức độ 3',
      ),
      standard(
        3,
        'c',
        'Phổ cập THCS',
        'phổ cập giáo dục trung học cơ sở mức độ 2',
        'phổ cập giáo dục trung học cơ sở mức độ 3',
      ),
      standard(4, 'd', 'Xóa mù chữ', 'xóa mù chữ mức độ 1', 'xóa mù chữ mức độ 2'),
    ]),
    criterion('5', 'Tác dụng của việc xây dựng “Cộng đồng học tập” cấp xã', 'Tác dụng', [
      {
        code: '5.1',
        label: 'Công dân học tập',
        text: `Chỉ tiêu 1: Có ít nhất 60% công dân trong xã đạt danh hiệu “Công dân học tập” theo quy định tại ${QD324}`,
        measure: 'ratio',
        levels: [
          { kind: 'percent', min: 60 },
          { kind: 'percent', min: 80 },
        ],
        basis: 'Điều 6 khoản 5 điểm a; Điều 7 khoản 5 điểm a',
        verified: true,
      },
      {
        code: '5.2',
        label: 'Được đào tạo chuyên môn kỹ thuật',
        text: 'Chỉ tiêu 2: Có ít nhất 50% công dân trong xã được đào tạo trình độ chuyên môn kỹ thuật; […] Đối với xã thuộc vùng khó khăn có ít nhất 40% công dân trong xã được đào tạo trình độ chuyên môn kỹ thuật; […]',
        measure: 'ratio',
        levels: [
          { kind: 'percent', min: 50, minHard: 40 },
          { kind: 'percent', min: 60, minHard: 50 },
        ],
        basis: 'Điều 6 khoản 5 điểm b; Điều 7 khoản 5 điểm b',
        verified: true,
      },
      {
        code: '5.2b',
        label: 'Trình độ đại học trở lên',
        text: 'Chỉ tiêu 2: […] trong đó, có ít nhất 12% công dân trong xã có trình độ đại học trở lên. Đối với xã thuộc vùng khó khăn […] trong đó, có ít nhất 10% công dân trong xã có trình độ đại học trở lên.',
        measure: 'ratio',
        levels: [
          { kind: 'percent', min: 12, minHard: 10 },
          { kind: 'percent', min: 15, minHard: 12 },
        ],
        basis: 'Điều 6 khoản 5 điểm b; Điều 7 khoản 5 điểm b',
        verified: true,
      },
    ]),
  ],
};
