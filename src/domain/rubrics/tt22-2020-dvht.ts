import type { PointsRubric } from '../rubric';

/**
 * Đơn vị học tập under Thông tư 22/2020/TT-BGDĐT (in force 21/09/2020), historical: repealed from
 * 26/01/2024 by TT 24/2023 (Điều 22). Điều 5: 3 criteria, 10 items, 100 points; Điều 6 khoản 3: Tốt
 * 85–100, Khá 70 to under 85, Trung bình 50 to under 70, else Chưa đạt (no «criterion at 0» rule).
 * REGULATIONS-2026 §3.4, LEGAL-TEXTS A7 [V]; item wording verbatim.
 */
const at = (clause: number, point: string) => ({
  basis: `Điều 5 khoản ${clause} điểm ${point}`,
  verified: true,
});
export const TT22_2020_DVHT: PointsRubric = {
  id: 'TT22_2020_DVHT',
  method: 'points',
  title: 'Đơn vị học tập',
  titleKey: 'DVHT',
  legalBasis:
    'Thông tư 22/2020/TT-BGDĐT (06/08/2020), Điều 5, Điều 6; hiệu lực từ 21/09/2020; bãi bỏ từ 26/01/2024, thay bằng TT 24/2023',
  source: 'REGULATIONS-2026.md §3.4, LEGAL-TEXTS.md A7 [V]',
  inForce: { from: '21/09/2020', until: '26/01/2024', replacedBy: 'TT 24/2023' },
  scoringSheet: 'Chấm điểm ĐVHT',
  criteria: [
    {
      code: '1',
      name: 'Các tiêu chí về các điều kiện để xây dựng Đơn vị học tập',
      basis: 'Điều 5 khoản 1',
      verified: true,
      label: 'Điều kiện',
      max: 30,
      items: [
        {
          code: '1.1',
          text: 'Đơn vị có chủ trương hoặc kế hoạch cho thành viên học tập thường xuyên',
          ...at(1, 'a'),
          label: 'Kế hoạch học tập',
          max: 10,
        },
        {
          code: '1.2',
          text: 'Đơn vị có các quy định cụ thể nhằm động viên thành viên học tập',
          ...at(1, 'b'),
          label: 'Quy định khuyến khích',
          max: 10,
        },
        {
          code: '1.3',
          text: 'Đơn vị quan tâm đầu tư các nguồn lực, bao gồm tài chính, cơ sở vật chất, trang thiết bị và những điều kiện đảm bảo để đáp ứng nhu cầu học tập của thành viên',
          ...at(1, 'c'),
          label: 'Đầu tư nguồn lực',
          max: 10,
        },
      ],
    },
    {
      code: '2',
      name: 'Các tiêu chí về kết quả học tập của thành viên',
      basis: 'Điều 5 khoản 2',
      verified: true,
      label: 'Kết quả học tập',
      max: 30,
      items: [
        {
          code: '2.1',
          text: '100% thành viên trong đơn vị có kế hoạch tự học, tự bồi dưỡng hàng năm được lãnh đạo đơn vị phê duyệt',
          ...at(2, 'a'),
          label: 'Kế hoạch tự học',
          max: 10,
        },
        {
          code: '2.2',
          text: '100% thành viên trong đơn vị tuân thủ kỷ luật lao động, nội quy làm việc trong đơn vị, có tinh thần hợp tác, đoàn kết và trao đổi',
          ...at(2, 'b'),
          label: 'Kỷ luật, hợp tác',
          max: 5,
        },
        {
          code: '2.3',
          text: '100% thành viên trong đơn vị hoàn thành đầy đủ chương trình học tập, bồi dưỡng bắt buộc theo quy định của nhà nước',
          ...at(2, 'c'),
          label: 'Bồi dưỡng bắt buộc',
          max: 10,
        },
        {
          code: '2.4',
          text: '100% thành viên trong đơn vị đạt từ danh hiệu “Lao động tiên tiến” trở lên',
          ...at(2, 'd'),
          label: 'Lao động tiên tiến',
          max: 5,
        },
      ],
    },
    {
      code: '3',
      name: 'Các tiêu chí đánh giá hiệu quả, tác động của xây dựng Đơn vị học tập',
      basis: 'Điều 5 khoản 3',
      verified: true,
      label: 'Hiệu quả, tác động',
      max: 40,
      items: [
        {
          code: '3.1',
          text: '100% thành viên trong đơn vị đáp ứng đầy đủ các năng lực và phẩm chất của Công dân học tập',
          ...at(3, 'a'),
          label: 'Năng lực Công dân học tập',
          max: 25,
        },
        {
          code: '3.2',
          text: 'Đơn vị đạt từ danh hiệu “Tập thể lao động tiên tiến” trở lên',
          ...at(3, 'b'),
          label: 'Tập thể lao động tiên tiến',
          max: 10,
        },
        {
          code: '3.3',
          text: 'Góp phần tạo lập môi trường chia sẻ tri thức với các đơn vị khác',
          ...at(3, 'c'),
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
