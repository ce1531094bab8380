import type { Criterion, Missing, PointsRubric } from '../rubric';

/**
 * Cộng đồng học tập cấp xã under Thông tư 44/2014/TT-BGDĐT (in force 25/01/2015), historical: repealed
 * from 12/02/2024 by TT 25/2023 (Điều 25). REGULATIONS-2026 §3.2, LEGAL-TEXTS A6 [V].
 * - The 15 criteria of Điều 3, verbatim (educational and cultural institutions are one criterion;
 *   sanitation/environment and community health are two).
 * - 100 points in all; Tốt 85–100, Khá 70–84, Trung bình 50–69, each only when no criterion scores 0;
 *   otherwise Chưa đạt (Điều 4 khoản 2, 3).
 * - The points per criterion and what each scores are in the Phụ lục attached to the circular, not
 *   found [U]: each criterion has one item, its points left to the province.
 * - Criteria without suitable evidence are not scored (Điều 4 khoản 2): evidence is required.
 */
const points = (code: string): Missing => ({
  missing: `Điểm tối đa của tiêu chí ${code} — theo Phụ lục Hướng dẫn đánh giá, cho điểm kèm Thông tư 44/2014/TT-BGDĐT (tổng 15 tiêu chí là 100 điểm)`,
});

const NAMES: readonly [string, string][] = [
  ['Sự lãnh đạo, chỉ đạo của cấp ủy Đảng, chính quyền cấp xã', 'Lãnh đạo, chỉ đạo'],
  ['Hoạt động của ban chỉ đạo xây dựng xã hội học tập cấp xã', 'Ban Chỉ đạo XHHT'],
  [
    'Sự tham gia, phối hợp của các ban ngành, đoàn thể, các tổ chức trên địa bàn cấp xã',
    'Phối hợp ban ngành',
  ],
  [
    'Mạng lưới và hoạt động của các cơ sở giáo dục, các thiết chế văn hóa trên địa bàn cấp xã',
    'Cơ sở giáo dục, thiết chế văn hóa',
  ],
  ['Kết quả phổ cập giáo dục- xóa mù chữ', 'Phổ cập, xóa mù chữ'],
  ['Công bằng xã hội trong giáo dục', 'Công bằng xã hội'],
  ['Kết quả học tập, bồi dưỡng thường xuyên của cán bộ, công chức cấp xã', 'Học tập của cán bộ xã'],
  [
    'Kết quả học tập thường xuyên của người lao động (từ 15 tuổi trở lên)',
    'Học tập của người lao động',
  ],
  [
    'Kết quả xây dựng “Gia đình hiếu học”; “Cộng đồng khuyến học/Cộng đồng học tập thôn, ấp, bản, tổ dân phố và tương đương”',
    'Gia đình hiếu học, CĐHT thôn',
  ],
  [
    'Kết quả xây dựng thôn, ấp, bản, tổ dân phố và tương đương được công nhận danh hiệu “Khu dân cư văn hoá”',
    'Khu dân cư văn hóa',
  ],
  ['Giảm tỷ lệ hộ nghèo', 'Giảm tỷ lệ hộ nghèo'],
  ['Thực hiện bình đẳng giới', 'Bình đẳng giới'],
  ['Đảm bảo vệ sinh, môi trường', 'Vệ sinh, môi trường'],
  ['Chăm sóc sức khỏe cộng đồng', 'Sức khỏe cộng đồng'],
  ['Đảm bảo an ninh trật tự, an toàn xã hội', 'An ninh trật tự'],
];

const criteria: Criterion[] = NAMES.map(([name, label], i) => {
  const code = String(i + 1);
  return {
    code,
    name,
    label,
    max: points(code),
    basis: `Điều 3 khoản ${code}`,
    verified: true,
    items: [
      {
        code: `${code}.1`,
        label,
        text: `${name} (cho điểm theo Phụ lục kèm Thông tư)`,
        max: {
          missing: `Điểm tối đa của mục ${code}.1 — tiêu chí ${code} có một mục: bằng điểm tối đa của tiêu chí (hoặc chia thành các mục theo Phụ lục)`,
        },
        evidenceRequired: true,
        basis: `Điều 3 khoản ${code}; Điều 4 khoản 1`,
        verified: false,
      },
    ],
  };
});

export const TT44_2014_CDHT_XA: PointsRubric = {
  id: 'TT44_2014_CDHT_XA',
  method: 'points',
  title: 'Cộng đồng học tập cấp xã (Thông tư 44/2014, trước 2024)',
  titleKey: 'CDHT_XA',
  legalBasis:
    'Thông tư 44/2014/TT-BGDĐT (12/12/2014), Điều 3, Điều 4; hiệu lực từ 25/01/2015; bãi bỏ từ 12/02/2024, thay bằng TT 25/2023',
  source: 'REGULATIONS-2026.md §3.2, LEGAL-TEXTS.md A6 [V]; điểm từng tiêu chí [U]',
  inForce: { from: '25/01/2015', until: '12/02/2024', replacedBy: 'TT 25/2023' },
  scoringSheet: 'Chấm CĐHT xã (TT44)',
  criteria,
  noZeroCriterion: true,
  bands: [
    { label: 'Tốt', min: 85 },
    { label: 'Khá', min: 70 },
    { label: 'Trung bình', min: 50 },
  ],
  fallbackBand: 'Chưa đạt',
};
