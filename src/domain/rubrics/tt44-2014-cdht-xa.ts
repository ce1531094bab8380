import type { Criterion, Item, Missing, PointsRubric } from '../rubric';

/**
 * Cộng đồng học tập cấp xã under Thông tư 44/2014/TT-BGDĐT (12/12/2014), Điều 3: 15 criteria,
 * historical (replaced by TT 25/2023 from 2024). REGULATIONS.md §2.1–§2.2.
 * - The 15 criteria: [V] S1, S2 (items 10's merge [I]). Their grouping into 3 groups comes from a
 *   training report [P] S4 and its mapping is [I].
 * - Points per criterion, the total and the band thresholds: [U]. Band names Tốt and Khá are
 *   attested [P] S9; the lower names are not, so a total under Khá is shown as "Dưới mức Khá".
 * - Each criterion is self-scored with evidence (minh chứng) [V] S8.
 */
const points = (code: string): Missing => ({
  missing: `Điểm tối đa của tiêu chí ${code} — theo phụ lục Thông tư 44/2014/TT-BGDĐT hoặc hướng dẫn của tỉnh`,
});

const item = (code: string, label: string, text: string): Item => ({
  code,
  label,
  text,
  max: points(code),
  evidenceRequired: true,
});

const group = (code: string, name: string, items: Item[]): Criterion => ({
  code,
  name,
  label: name,
  max: { missing: `Tổng điểm của nhóm ${code} (bằng tổng điểm các tiêu chí trong nhóm)` },
  items,
});

export const TT44_2014_CDHT_XA: PointsRubric = {
  id: 'TT44_2014_CDHT_XA',
  method: 'points',
  title: 'Cộng đồng học tập cấp xã (Thông tư 44/2014, trước 2024)',
  legalBasis: 'Thông tư 44/2014/TT-BGDĐT (12/12/2014), Điều 3',
  source: 'REGULATIONS.md §2.1, §2.2 [V] S1, S2; nhóm [P] S4; điểm, ngưỡng [U]',
  scoringSheet: 'Chấm CĐHT xã (TT44)',
  criteria: [
    group('1', 'Điều kiện cơ bản xây dựng Cộng đồng học tập', [
      item('1', 'Lãnh đạo, chỉ đạo', 'Sự lãnh đạo, chỉ đạo của cấp ủy Đảng, chính quyền cấp xã'),
      item('2', 'Ban chỉ đạo XHHT', 'Hoạt động của ban chỉ đạo xây dựng xã hội học tập cấp xã'),
      item(
        '3',
        'Phối hợp ban ngành',
        'Sự tham gia, phối hợp của các ban ngành, đoàn thể, các tổ chức trên địa bàn cấp xã',
      ),
      item(
        '4',
        'Cơ sở giáo dục',
        'Mạng lưới và hoạt động của các cơ sở giáo dục trên địa bàn cấp xã',
      ),
      item('5', 'Thiết chế văn hóa', 'Hoạt động của các thiết chế văn hóa trên địa bàn cấp xã'),
    ]),
    group('2', 'Kết quả xây dựng Cộng đồng học tập', [
      item('6', 'Phổ cập, xóa mù chữ', 'Kết quả phổ cập giáo dục – xóa mù chữ'),
      item('7', 'Công bằng xã hội', 'Công bằng xã hội trong giáo dục'),
      item(
        '8',
        'Học tập của cán bộ xã',
        'Kết quả học tập, bồi dưỡng thường xuyên của cán bộ, công chức cấp xã',
      ),
      item(
        '9',
        'Học tập của người lao động',
        'Kết quả học tập thường xuyên của người lao động (từ 15 tuổi trở lên)',
      ),
      item(
        '10',
        'Gia đình hiếu học, CĐHT thôn',
        'Kết quả xây dựng "Gia đình hiếu học"; "Cộng đồng khuyến học / Cộng đồng học tập" thôn, ấp, bản, tổ dân phố và tương đương',
      ),
    ]),
    group('3', 'Tác động của Cộng đồng học tập', [
      item(
        '11',
        'Khu dân cư văn hóa',
        'Kết quả xây dựng thôn, ấp, bản, tổ dân phố… được công nhận danh hiệu "Khu dân cư văn hóa"',
      ),
      item('12', 'Giảm hộ nghèo', 'Giảm tỷ lệ hộ nghèo'),
      item('13', 'Bình đẳng giới', 'Thực hiện bình đẳng giới'),
      item(
        '14',
        'Vệ sinh, môi trường, sức khỏe',
        'Đảm bảo vệ sinh, môi trường; chăm sóc sức khỏe cộng đồng',
      ),
      item('15', 'An ninh trật tự', 'Đảm bảo an ninh trật tự, an toàn xã hội'),
    ]),
  ],
  bands: [
    { label: 'Tốt', min: { missing: 'Ngưỡng điểm loại Tốt — theo Thông tư 44/2014/TT-BGDĐT' } },
    { label: 'Khá', min: { missing: 'Ngưỡng điểm loại Khá — theo Thông tư 44/2014/TT-BGDĐT' } },
  ],
  fallbackBand: 'Dưới mức Khá',
};
