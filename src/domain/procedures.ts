import type { Deadline, MissingDeadline } from './deadlines';
import type { DatedLadder } from './ladder';
import type { Rubric } from './rubric';

/**
 * Each title's procedure: who sends the dossier, who reviews and decides, from which date
 * (the ladders), and by when (the deadlines). The built-in ones follow REGULATIONS.md §2.3, §3.4,
 * §4.1, §4.3, §5.2, §6 and REGULATIONS-2026.md §1.3, §2, §3.4, §4.2 with their tags: a decider no text
 * names after the 01/07/2025 reform is a proposal marked «Cần xác nhận»; a date no text gives is left
 * for the province to enter. Set-up writes them as rows of the criteria sheet, where the province
 * may change them; the rows are what runs.
 */

export interface Procedure {
  /** The ladders in force, each from its date; the unit's submission date chooses. */
  readonly ladders: readonly DatedLadder[];
  readonly deadlines: readonly (Deadline | MissingDeadline)[];
}

// Each title's first ladder starts on the day its text came into force (REGULATIONS-2026.md §1.6,
// §4.2; REGULATIONS.md §4.1; REGULATIONS-ADDENDUM.md §5.1; REGULATIONS-2026.md §3.2): an undated
// ladder row is one a workbook of the previous version wrote.

/** The day the district tier ended (Nghị định 142/2025/NĐ-CP, REGULATIONS.md §6 [V] S65). */
export const REFORM_DATE = new Date(2025, 6, 1);

const NO_TEXT_AFTER_REFORM =
  'Chưa có văn bản nêu cấp công nhận thay cấp huyện từ 01/07/2025 (Nghị định 142/2025/NĐ-CP bỏ cấp huyện; Thông tư chưa được sửa): đây là đề xuất, tỉnh xác nhận hoặc sửa.';

const TT25 = 'Thông tư 25/2023/TT-BGDĐT';
const TT24 = 'Thông tư 24/2023/TT-BGDĐT';

export const BUILT_IN_PROCEDURES: Readonly<Record<string, Procedure>> = {
  // REGULATIONS.md §3.1, §3.4 [V] S14, S16, S22; REGULATIONS-2026.md §1.3, §2.
  TT25_2023_CDHT_XA: {
    ladders: [
      {
        from: new Date(2024, 1, 12),
        ladder: 'xã → huyện thẩm định → huyện quyết định',
        decider:
          'Hội đồng đánh giá cấp huyện (do Trưởng phòng GD&ĐT thành lập) thẩm định; Trưởng phòng Giáo dục và Đào tạo quyết định',
        basis: `${TT25}, Điều 5, Điều 9`,
      },
      {
        from: REFORM_DATE,
        ladder: 'xã → tỉnh thẩm định → tỉnh quyết định',
        decider: 'Sở Giáo dục và Đào tạo thẩm định; Giám đốc Sở quyết định (đề xuất)',
        basis: 'Nghị định 142/2025/NĐ-CP (bỏ cấp huyện từ 01/07/2025)',
        confirm: NO_TEXT_AFTER_REFORM,
      },
    ],
    deadlines: [
      {
        kind: 'submit',
        day: 28,
        month: 2,
        yearOffset: 1,
        onTime: false,
        basis: `${TT25}, Điều 9: «trước ngày 28 tháng 02 của năm sau liền kề năm đánh giá»`,
      },
      {
        kind: 'decide',
        day: 31,
        month: 3,
        yearOffset: 1,
        onTime: false,
        basis: `${TT25}, Điều 9: «trước ngày 31 tháng 3 của năm sau liền kề năm đánh giá»`,
      },
    ],
  },
  // REGULATIONS.md §4.3 [V] S36, S38, S39; REGULATIONS-2026.md §4.2; after the reform §6 [I].
  TT24_2023_DVHT_HUYEN: {
    ladders: [
      {
        from: new Date(2024, 0, 26),
        ladder: 'đơn vị → huyện thẩm định → huyện quyết định',
        decider:
          'Hội đồng do Trưởng phòng GD&ĐT thành lập thẩm định; Chủ tịch Ủy ban nhân dân cấp huyện quyết định',
        basis: `${TT24}, Điều 5, Điều 10`,
      },
      {
        from: REFORM_DATE,
        ladder: 'đơn vị → xã thẩm định → xã quyết định',
        decider:
          'Phòng Văn hóa – Xã hội của xã thẩm định; Chủ tịch Ủy ban nhân dân cấp xã quyết định (suy luận)',
        basis:
          'Nghị định 142/2025/NĐ-CP; các thông tư phân cấp năm 2025 thay «Chủ tịch UBND cấp huyện» bằng «Chủ tịch UBND cấp xã» (suy luận)',
        confirm: NO_TEXT_AFTER_REFORM,
      },
    ],
    deadlines: [
      {
        kind: 'submit',
        day: 15,
        month: 1,
        yearOffset: 1,
        onTime: false,
        basis: `${TT24}, Điều 10: gửi Phòng GD&ĐT «trước ngày 15 tháng 01»`,
      },
      {
        kind: 'decide',
        day: 15,
        month: 2,
        yearOffset: 1,
        onTime: false,
        basis: `${TT24}, Điều 10: hoàn thành «trước ngày 15 tháng 2»`,
      },
    ],
  },
  // REGULATIONS-2026.md §4.2 [V] (Đ11, Đ16: the province deadline, [U] before, is now known).
  TT24_2023_DVHT_TINH: {
    ladders: [
      {
        from: new Date(2024, 0, 26),
        ladder: 'đơn vị → tỉnh thẩm định → tỉnh quyết định',
        decider:
          'Hội đồng do Giám đốc Sở GD&ĐT thành lập thẩm định; Chủ tịch Ủy ban nhân dân cấp tỉnh quyết định',
        basis: `${TT24}, Điều 11, Điều 16`,
      },
    ],
    deadlines: [
      {
        kind: 'submit',
        day: 15,
        month: 1,
        yearOffset: 1,
        onTime: false,
        basis: `${TT24}, Điều 16: gửi Sở GD&ĐT «trước ngày 15 tháng 01»`,
      },
      {
        kind: 'decide',
        day: 15,
        month: 2,
        yearOffset: 1,
        onTime: false,
        basis: `${TT24}, Điều 16: hoàn thành «trước ngày 15 tháng 2»`,
      },
    ],
  },
  // REGULATIONS.md §4.1 [V] S28; REGULATIONS-2026.md §3.4 (Đ7). No decision date is given.
  TT22_2020_DVHT: {
    ladders: [
      {
        from: new Date(2020, 8, 21),
        ladder: 'đơn vị → huyện thẩm định → huyện quyết định',
        decider:
          'Phòng GD&ĐT kiểm tra, tổng hợp; Chủ tịch Ủy ban nhân dân cùng cấp quyết định (với đơn vị cấp tỉnh, sửa thành «đơn vị → tỉnh thẩm định → tỉnh quyết định»)',
        basis: 'Thông tư 22/2020/TT-BGDĐT, Điều 7',
      },
    ],
    deadlines: [
      {
        kind: 'submit',
        day: 31,
        month: 3,
        yearOffset: 1,
        onTime: true,
        basis: 'Thông tư 22/2020/TT-BGDĐT, Điều 7: báo cáo «chậm nhất trong Quý I của năm sau»',
      },
    ],
  },
  // REGULATIONS.md §2.1, §2.3 [V] S2, S5, S7; REGULATIONS-2026.md §3.2 (Đ4 khoản 4).
  TT44_2014_CDHT_XA: {
    ladders: [
      {
        from: new Date(2015, 0, 25),
        ladder: 'xã → huyện thẩm định → huyện quyết định',
        decider:
          'Hội Khuyến học huyện kiểm tra, đánh giá, xếp loại; Chủ tịch Ủy ban nhân dân cấp huyện quyết định',
        basis: 'Thông tư 44/2014/TT-BGDĐT, Điều 6; quy trình công bố tại Quyết định 645/QĐ-BGDĐT',
      },
    ],
    deadlines: [
      {
        kind: 'submit',
        day: 31,
        month: 12,
        yearOffset: 0,
        onTime: true,
        basis:
          'Thông tư 44/2014/TT-BGDĐT, Điều 4 khoản 4: kiểm tra, đánh giá, xếp loại «vào tháng 12 hằng năm»',
      },
      {
        kind: 'decide',
        missing:
          'ngày quyết định: trong 15 ngày làm việc sau khi nhận đủ hồ sơ (10 + 5 ngày làm việc), có thể sang tháng 1 năm sau; tỉnh ghi ngày cụ thể',
        basis: 'Quyết định 645/QĐ-BGDĐT (quy trình theo Thông tư 44/2014/TT-BGDĐT)',
      },
    ],
  },
  // REGULATIONS.md §5.2 [I] (the commune recognises) and [V] S58 (the report before 15/12).
  QD448_2015_GDHT: {
    ladders: [
      {
        from: new Date(2016, 0, 1),
        ladder: 'gia đình → xã quyết định',
        decider: 'Ủy ban nhân dân cấp xã (suy luận)',
        basis: 'QĐ 448/QĐ-KHVN (01/12/2015); chưa đọc được hướng dẫn công nhận kèm theo',
        confirm:
          'Chưa đọc được hướng dẫn đánh giá, công nhận của QĐ 448: cấp công nhận là suy luận, tỉnh xác nhận hoặc sửa.',
      },
    ],
    deadlines: [
      {
        kind: 'decide',
        day: 15,
        month: 12,
        yearOffset: 0,
        onTime: false,
        basis:
          'Công văn 6782/BGDĐT-GDTX: Sở GD&ĐT và Hội Khuyến học báo cáo kết quả «trước ngày 15/12» hằng năm; công nhận xong trước hạn báo cáo (suy luận)',
      },
    ],
  },
};

export function builtInProcedure(rubricId: string): Procedure | undefined {
  return BUILT_IN_PROCEDURES[rubricId];
}

/** The deadlines of a rubric that have a date (one still to enter is no deadline yet). */
export function deadlinesOf(rubric: Pick<Rubric, 'procedure'>): Deadline[] {
  return (rubric.procedure?.deadlines ?? []).filter(
    (deadline): deadline is Deadline => !('missing' in deadline),
  );
}
