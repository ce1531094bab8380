import type { PointsRubric } from '../rubric';

/**
 * Đơn vị học tập under Thông tư 22/2020/TT-BGDĐT, Article 5: 3 criteria, 10 items, 100 points.
 * Points and item texts: REGULATIONS.md §4.1 [V] (S29, S30). Bands Tốt ≥ 85, Khá ≥ 70,
 * Trung bình ≥ 50, else Chưa đạt: §4.1 [V] S28 (Vietnamese labels [P], back-translated).
 */
export const TT22_2020_DVHT: PointsRubric = {
  id: 'TT22_2020_DVHT',
  method: 'points',
  title: 'Đơn vị học tập',
  legalBasis: 'Thông tư 22/2020/TT-BGDĐT (06/08/2020), Điều 5',
  source: 'REGULATIONS.md §4.1 [V] S28, S29, S30',
  scoringSheet: 'Chấm điểm ĐVHT',
  criteria: [
    {
      code: '1',
      name: 'Tiêu chí về điều kiện xây dựng Đơn vị học tập',
      label: 'Điều kiện',
      max: 30,
      items: [
        {
          code: '1.1',
          text: 'Đơn vị có chủ trương hoặc kế hoạch để thành viên học tập thường xuyên',
          label: 'Kế hoạch học tập',
          max: 10,
        },
        {
          code: '1.2',
          text: 'Có quy định cụ thể khuyến khích thành viên học tập',
          label: 'Quy định khuyến khích',
          max: 10,
        },
        {
          code: '1.3',
          text: 'Quan tâm đầu tư nguồn lực (tài chính, cơ sở vật chất, thiết bị…) đáp ứng nhu cầu học tập',
          label: 'Đầu tư nguồn lực',
          max: 10,
        },
      ],
    },
    {
      code: '2',
      name: 'Tiêu chí về kết quả học tập của thành viên',
      label: 'Kết quả học tập',
      max: 30,
      items: [
        {
          code: '2.1',
          text: '100% thành viên có kế hoạch tự học, tự bồi dưỡng hằng năm được thủ trưởng phê duyệt',
          label: 'Kế hoạch tự học',
          max: 10,
        },
        {
          code: '2.2',
          text: '100% thành viên chấp hành kỷ luật lao động, nội quy; có tinh thần hợp tác, đoàn kết, trao đổi',
          label: 'Kỷ luật, hợp tác',
          max: 5,
        },
        {
          code: '2.3',
          text: '100% thành viên hoàn thành đầy đủ các chương trình học tập, bồi dưỡng bắt buộc theo quy định',
          label: 'Bồi dưỡng bắt buộc',
          max: 10,
        },
        {
          code: '2.4',
          text: '100% thành viên đạt danh hiệu "Lao động tiên tiến" trở lên',
          label: 'Lao động tiên tiến',
          max: 5,
        },
      ],
    },
    {
      code: '3',
      name: 'Tiêu chí đánh giá hiệu quả, tác động của xây dựng Đơn vị học tập',
      label: 'Hiệu quả, tác động',
      max: 40,
      items: [
        {
          code: '3.1',
          text: '100% thành viên đáp ứng đầy đủ năng lực, phẩm chất Công dân học tập',
          label: 'Năng lực Công dân học tập',
          max: 25,
        },
        {
          code: '3.2',
          text: 'Đơn vị đạt danh hiệu "Tập thể lao động tiên tiến" trở lên',
          label: 'Tập thể lao động tiên tiến',
          max: 10,
        },
        {
          code: '3.3',
          text: 'Góp phần tạo lập môi trường chia sẻ tri thức với các đơn vị khác',
          label: 'Chia sẻ tri thức',
          max: 5,
        },
      ],
    },
  ],
  bands: [
    { label: 'Tốt', min: 85 },
    { label: 'Khá', min: 70 },
    { label: 'Trung bình', min: 50 },
  ],
  fallbackBand: 'Chưa đạt',
};
