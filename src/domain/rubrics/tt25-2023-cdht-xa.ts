import type { Indicator, LevelsRubric, Missing } from '../rubric';

/**
 * Cộng đồng học tập cấp xã under Thông tư 25/2023/TT-BGDĐT (in force 12/02/2024), Điều 6 (mức độ 1)
 * and Điều 7 (mức độ 2): 5 criteria, 15 indicators. REGULATIONS.md §3.1–§3.2 and the addendum §1.
 * - Criteria names: [V] S16. Indicators of criteria 1–2: [V] S19 (an English page; the Vietnamese
 *   wording below renders it and is to be checked against the official text). Same at both levels [V] S16.
 * - The 9 indicators of criteria 3–5 are unknown [U], and so is how they split over the three criteria:
 *   each criterion holds a placeholder for the province to replace with its indicators. Criteria 4
 *   and 5 ask more at mức độ 2 [V] S16, with values unknown [U].
 * - 12 months at mức độ 1 before mức độ 2, recognition valid 36 months: [V] S14.
 */
const still = (what: string): Missing => ({
  missing: `${what} — theo Điều 6, Điều 7 Thông tư 25/2023/TT-BGDĐT (bản chính thức); 15 chỉ tiêu trừ 6 chỉ tiêu của tiêu chí 1–2 còn 9 chỉ tiêu cho tiêu chí 3, 4, 5, chưa rõ chia thế nào`,
});

/** Content verified from an English page (S19); the Vietnamese wording is ours and says so. */
const same = (code: string, label: string, text: string): Indicator => ({
  code,
  label,
  text: `${text} (diễn đạt lại từ nguồn tiếng Anh; đối chiếu nguyên văn Điều 6)`,
  measure: 'check',
  levels: [{ kind: 'met' }, { kind: 'met' }],
});

const placeholder = (criterion: string, higherAtLevel2: boolean): Indicator => ({
  code: `${criterion}.1`,
  label: 'Chỉ tiêu cần bổ sung',
  text: still(`Nội dung các chỉ tiêu của tiêu chí ${criterion}`),
  measure: 'check',
  levels: [
    { kind: 'met' },
    higherAtLevel2
      ? { kind: 'text', text: still(`Yêu cầu mức độ 2 (cao hơn) của tiêu chí ${criterion}`) }
      : { kind: 'met' },
  ],
});

export const TT25_2023_CDHT_XA: LevelsRubric = {
  id: 'TT25_2023_CDHT_XA',
  method: 'levels',
  title: 'Cộng đồng học tập cấp xã',
  legalBasis: 'Thông tư 25/2023/TT-BGDĐT (27/12/2023), Điều 6, Điều 7',
  source: 'REGULATIONS.md §3.1, §3.2 [V] S14, S16, S19; chỉ tiêu tiêu chí 3–5 [U]',
  scoringSheet: 'Chấm CĐHT xã (TT25)',
  meetingBeforeSubmit: true,
  monthsBeforeNextLevel: 12,
  validityMonths: 36,
  criteria: [
    {
      code: '1',
      name: 'Sự lãnh đạo, chỉ đạo của cấp ủy Đảng, chính quyền cấp xã',
      label: 'Lãnh đạo, chỉ đạo',
      indicators: [
        same(
          '1.1',
          'Tuyên truyền',
          'Tuyên truyền nâng cao nhận thức về học tập suốt đời, xây dựng xã hội học tập',
        ),
        same(
          '1.2',
          'Kế hoạch hằng năm',
          'Có chương trình, kế hoạch xây dựng xã hội học tập hằng năm và thực hiện đầy đủ',
        ),
        same(
          '1.3',
          'Tuần lễ học tập suốt đời',
          'Có kế hoạch, tổ chức các hoạt động hưởng ứng Tuần lễ học tập suốt đời và báo cáo theo quy định',
        ),
      ],
    },
    {
      code: '2',
      name: 'Huy động nguồn lực và tạo môi trường thuận lợi để xây dựng xã hội học tập ở địa phương',
      label: 'Nguồn lực, môi trường',
      indicators: [
        same(
          '2.1',
          'Ngân sách',
          'Bố trí đủ kinh phí ngân sách nhà nước hằng năm cho xây dựng xã hội học tập',
        ),
        same(
          '2.2',
          'Xã hội hóa',
          'Vận động, huy động các nguồn lực xã hội hóa, có kết quả tích cực',
        ),
        same(
          '2.3',
          'Cơ chế phối hợp',
          'Có cơ chế phối hợp giữa Hội Khuyến học xã, các tổ chức chính trị – xã hội, cơ sở giáo dục, thiết chế văn hóa',
        ),
      ],
    },
    {
      code: '3',
      name: 'Hiệu quả hoạt động của Trung tâm học tập cộng đồng và thư viện công cộng cấp xã, trung tâm văn hóa, thể thao cấp xã',
      label: 'TTHTCĐ, thư viện, văn hóa',
      indicators: [placeholder('3', false)],
    },
    {
      code: '4',
      name: 'Kết quả phổ cập giáo dục, xóa mù chữ',
      label: 'Phổ cập, xóa mù chữ',
      indicators: [placeholder('4', true)],
    },
    {
      code: '5',
      name: 'Tác dụng của việc xây dựng "Cộng đồng học tập" cấp xã',
      label: 'Tác dụng',
      indicators: [placeholder('5', true)],
    },
  ],
};
