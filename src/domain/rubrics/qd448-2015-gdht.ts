import type { Missing, PointsRubric } from '../rubric';

/**
 * Gia đình học tập under QĐ 448/QĐ-KHVN (01/12/2015) of the Hội Khuyến học Việt Nam, part A.
 * REGULATIONS.md §5.2: criteria 1 and 2 with their items and points [V] S54 (item 2.2 [P]); the names
 * of criteria 3 and 4 [V] S57; their items and points, item 2.3 and the recognition threshold [U].
 * The outcome names «Đạt» / «Chưa đạt» are ours (recognised or not); the decision's own names are [U].
 */
const from448 = (what: string): Missing => ({
  missing: `${what} — theo Bộ tiêu chí ban hành kèm QĐ 448/QĐ-KHVN (phần A), hoặc văn bản hiện hành của tỉnh`,
});

export const QD448_2015_GDHT: PointsRubric = {
  id: 'QD448_2015_GDHT',
  method: 'points',
  title: 'Gia đình học tập',
  titleKey: 'GDHT',
  inForce: { from: '01/12/2015' },
  legalBasis:
    'QĐ 448/QĐ-KHVN (01/12/2015) của Hội Khuyến học Việt Nam, phần A; áp dụng từ 01/12/2015',
  source: 'REGULATIONS.md §5.2 [V] S54, S57; mục 2.2 [P]; mục 2.3, tiêu chí 3–4, ngưỡng [U]',
  scoringSheet: 'Chấm Gia đình học tập',
  // QĐ 387/QĐ-TTg: 70% of families are «Gia đình học tập» by 2025 (REGULATIONS.md §5.2 [V] S51, S52).
  targetPercent: 70,
  criteria: [
    {
      code: '1',
      name: 'Học tập của trẻ em trong gia đình',
      label: 'Trẻ em học tập',
      max: 30,
      items: [
        {
          code: '1.1',
          basis: 'Phần A, tiêu chí 1',
          verified: false,
          label: 'Phổ cập giáo dục',
          text: 'Trẻ em ở độ tuổi phổ cập đều được đến trường, hoàn thành phổ cập giáo dục theo quy định (trừ ốm đau, bệnh tật, không có khả năng học tập)',
          max: 10,
        },
        {
          code: '1.2',
          basis: 'Phần A, tiêu chí 1',
          verified: false,
          label: 'Kết quả, hạnh kiểm',
          text: 'Kết quả học tập đạt từ trung bình trở lên; hạnh kiểm từ Khá trở lên (tiểu học: đạt yêu cầu)',
          max: 10,
        },
        {
          code: '1.3',
          basis: 'Phần A, tiêu chí 1',
          verified: false,
          label: 'Lễ phép, tích cực',
          text: 'Thật thà, lễ phép…; tích cực tham gia các hoạt động chung ở địa phương (nguồn S54 lược một đoạn ở dấu «…»)',
          max: 10,
        },
      ],
    },
    {
      code: '2',
      name: 'Học tập của người lớn trong gia đình',
      label: 'Người lớn học tập',
      max: 30,
      items: [
        {
          code: '2.1',
          basis: 'Phần A, tiêu chí 2',
          verified: false,
          label: 'Biết chữ',
          text: 'Người lớn từ 19 đến 60 tuổi đạt chuẩn biết chữ từ bậc 1 trở lên',
          max: 10,
        },
        {
          code: '2.2',
          basis: 'Phần A, tiêu chí 2',
          verified: false,
          label: 'Học ít nhất một nội dung',
          text: from448(
            'Nội dung đầy đủ của mục 2.2 (bắt đầu: «Hằng năm người lớn tham gia học ít nhất 01 nội dung…»)',
          ),
          max: 10,
        },
        {
          code: '2.3',
          basis: 'Phần A, tiêu chí 2',
          verified: false,
          label: 'Mục cần bổ sung',
          text: from448('Nội dung mục 2.3'),
          max: from448('Điểm tối đa mục 2.3'),
        },
      ],
    },
    {
      code: '3',
      name: 'Điều kiện học tập của gia đình',
      label: 'Điều kiện học tập',
      max: from448('Điểm tối đa tiêu chí 3'),
      items: [
        {
          code: '3.1',
          basis: 'Phần A, tiêu chí 3',
          verified: false,
          label: 'Mục cần bổ sung',
          text: from448('Các mục của tiêu chí 3'),
          max: from448('Điểm các mục của tiêu chí 3'),
        },
      ],
    },
    {
      code: '4',
      name: 'Tác động, hiệu quả học tập của các thành viên',
      label: 'Tác động, hiệu quả',
      max: from448('Điểm tối đa tiêu chí 4'),
      items: [
        {
          code: '4.1',
          basis: 'Phần A, tiêu chí 4',
          verified: false,
          label: 'Mục cần bổ sung',
          text: from448('Các mục của tiêu chí 4'),
          max: from448('Điểm các mục của tiêu chí 4'),
        },
      ],
    },
  ],
  bands: [{ label: 'Đạt', min: from448('Số điểm tối thiểu để công nhận Gia đình học tập') }],
  fallbackBand: 'Chưa đạt',
};
