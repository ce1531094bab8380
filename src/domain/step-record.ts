import { tr } from './i18n';
import { EMPTY_RECORD, type RecordKey, recordDiffers, type UnitRecord } from './unit-record';

/**
 * Where a unit stands against the log before a step (issue 11, "the log is the record"): the scoring
 * row's cells XHHT alone writes are a cache of the unit's last log row. A step acts on a unit whose
 * cells agree with that row; a unit whose cells disagree is «sửa tay» (edited by hand) and is refused,
 * never vouched for; a unit whose last log row predates the record (the previous version wrote it) is
 * taken as it stands, once, and the step's log row says so.
 */

/** The unit's last log row, as the step found it: its sheet row and the record it carries, if any. */
export interface LastLogRow {
  readonly row: number;
  readonly record?: UnitRecord;
}

export type Standing =
  /** The cells agree with the log (or the unit has neither cells nor log rows). */
  | { readonly kind: 'agrees'; readonly record: UnitRecord; readonly row: number }
  /** The cells disagree with the log at `keys`. `row` 0: the log holds no row of the unit. */
  | {
      readonly kind: 'handEdit';
      readonly record: UnitRecord;
      readonly row: number;
      readonly keys: readonly RecordKey[];
    }
  /** The last log row carries no record (written before this version): the cells are taken once. */
  | { readonly kind: 'predates'; readonly record: UnitRecord; readonly row: number };

/**
 * The unit's standing. `cells` is the record the row holds; `last` the unit's last log row, or
 * undefined when the log holds none; `history` whether rows may be missing from the working log (an
 * archive, a restarted chain), in which case a unit with cells and no log row is taken as it stands.
 */
export function standingOf(
  cells: UnitRecord,
  last: LastLogRow | undefined,
  history: boolean,
): Standing {
  if (last === undefined) {
    const keys = recordDiffers(cells, EMPTY_RECORD);
    if (keys.length === 0) return { kind: 'agrees', record: EMPTY_RECORD, row: 0 };
    return history
      ? { kind: 'predates', record: cells, row: 0 }
      : { kind: 'handEdit', record: EMPTY_RECORD, row: 0, keys };
  }
  if (last.record === undefined) return { kind: 'predates', record: cells, row: last.row };
  const keys = recordDiffers(cells, last.record);
  return keys.length === 0
    ? { kind: 'agrees', record: last.record, row: last.row }
    : { kind: 'handEdit', record: last.record, row: last.row, keys };
}

/**
 * The «Sửa tay» cell of a row: which cells disagree with the log, and the unit's last log row (undefined
 * when the log holds none of it), e.g. «Sửa tay: Mã trạng thái, Dấu giá trị đã duyệt — nhật ký dòng
 * 123». Vietnamese whatever the language, like the log: a record, not a message. Written by a step and
 * by «Kiểm tra nhật ký» alike. `header` names a key's column («Mã trạng thái»).
 */
export function handEditCellText(
  keys: readonly RecordKey[],
  logRow: number | undefined,
  header: (key: RecordKey) => string,
): string {
  const where =
    logRow === undefined ? 'nhật ký không có dòng nào của đơn vị' : `nhật ký dòng ${logRow}`;
  return `Sửa tay: ${keys.map(header).join(', ')} — ${where}`;
}

/** The «Sửa tay» cell of a unit a step found hand-edited. */
export function handEditNote(
  standing: Extract<Standing, { kind: 'handEdit' }>,
  header: (key: RecordKey) => string,
): string {
  return handEditCellText(standing.keys, standing.row === 0 ? undefined : standing.row, header);
}

/** Where the log stands on a hand-edited unit, in a refusal's words. */
function logWhere(row: number): string {
  return row === 0
    ? tr('nhật ký không có dòng nào của đơn vị', 'the log holds no row of the unit')
    : tr(`nhật ký dòng ${row}`, `log row ${row}`);
}

const shown = (text: string) => (text === '' ? tr('(trống)', '(blank)') : `«${text}»`);

/**
 * Why a step refuses a hand-edited unit: each cell, what it holds and what the log holds, and how to
 * settle it. `place` names a key's cell («Ô AB2, trang «…»»); `held` is the cells' record.
 */
export function handEditRefusal(
  standing: Extract<Standing, { kind: 'handEdit' }>,
  held: UnitRecord,
  place: (key: RecordKey) => string,
): string {
  const cells = standing.keys
    .map((key) =>
      tr(
        `${place(key)} ghi ${shown(held[key])}, nhật ký ghi ${shown(standing.record[key])}`,
        `${place(key)} holds ${shown(held[key])}, the log holds ${shown(standing.record[key])}`,
      ),
    )
    .join('; ');
  return tr(
    `các ô do XHHT ghi đã bị sửa tay (${logWhere(standing.row)}): ${cells}. Đơn vị không được công nhận, tính hay xuất cho đến khi quản trị viên chọn XHHT → «Khôi phục ô từ nhật ký (quản trị)».`,
    `the cells XHHT writes were edited by hand (${logWhere(standing.row)}): ${cells}. The unit is not recognised, counted or exported until an administrator chooses XHHT → «Khôi phục ô từ nhật ký (quản trị)» (restore the cells from the log).`,
  );
}

/** What the log row of a step on a unit taken as it stands adds to its comment (Vietnamese, as the log). */
export function predatesNote(standing: Extract<Standing, { kind: 'predates' }>): string {
  return standing.row === 0
    ? ' [Nhận các ô do XHHT ghi như đang có trên trang: nhật ký đang dùng không có dòng nào của đơn vị (đã lưu trữ hoặc bắt đầu lại chuỗi).]'
    : ` [Nhận các ô do XHHT ghi như đang có trên trang: dòng nhật ký ${standing.row} do phiên bản trước ghi, chưa có «Ô do XHHT ghi».]`;
}
