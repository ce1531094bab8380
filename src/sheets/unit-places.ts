import { cellText, textKey } from '../domain/cells';
import { UNIT_COLUMNS, UNITS_SHEET } from './layout';
import type { WorkbookPort } from './ports';
import { locateColumns } from './table';

/** A unit's commune and cluster, from the units sheet: what a «xã» or «Cụm» scope names. */
export interface UnitPlace {
  /** The former district («Địa bàn (huyện cũ)»): a «huyện» scope names it (issue 11: from «Đơn vị»). */
  readonly district: string;
  readonly commune: string;
  readonly cluster: string;
}

/** Each unit's commune and cluster by its code (one read); empty without the sheet or the columns. */
export function unitPlaces(workbook: WorkbookPort): (code: string) => UnitPlace | undefined {
  const [header = [], ...rows] = workbook.sheet(UNITS_SHEET)?.readValues() ?? [];
  const located = locateColumns(header, UNIT_COLUMNS);
  const code = located.columns.get('code');
  const commune = located.columns.get('commune');
  const cluster = located.columns.get('cluster');
  const district = located.columns.get('district');
  const byCode = new Map<string, UnitPlace>();
  if (code !== undefined) {
    for (const row of rows) {
      const key = textKey(row[code - 1]);
      if (key === '' || byCode.has(key)) continue;
      byCode.set(key, {
        district: district === undefined ? '' : cellText(row[district - 1]),
        commune: commune === undefined ? '' : cellText(row[commune - 1]),
        cluster: cluster === undefined ? '' : cellText(row[cluster - 1]),
      });
    }
  }
  return (unit) => byCode.get(textKey(unit));
}

/**
 * One unit's commune and cluster, without reading the whole units sheet: its header, its code column
 * and the unit's row (three reads, one cell a unit): what the sidebar needs for one unit.
 */
export function unitPlaceOf(workbook: WorkbookPort, unit: string): UnitPlace | undefined {
  const sheet = workbook.sheet(UNITS_SHEET);
  const rows = sheet ? sheet.lastRow() : 0;
  if (!sheet || rows < 2) return undefined;
  const width = Math.max(1, sheet.lastColumn());
  const located = locateColumns(sheet.readRange(1, 1, 1, width)[0] ?? [], UNIT_COLUMNS);
  const code = located.columns.get('code');
  const commune = located.columns.get('commune');
  const cluster = located.columns.get('cluster');
  const district = located.columns.get('district');
  if (code === undefined) return undefined;
  const key = textKey(unit);
  const at = sheet.readRange(2, code, rows - 1, 1).findIndex((cells) => textKey(cells[0]) === key);
  if (at < 0) return undefined;
  const cells = sheet.readRange(at + 2, 1, 1, width)[0] ?? [];
  return {
    district: district === undefined ? '' : cellText(cells[district - 1]),
    commune: commune === undefined ? '' : cellText(cells[commune - 1]),
    cluster: cluster === undefined ? '' : cellText(cells[cluster - 1]),
  };
}

/** Above this many units a step reads «Đơn vị» whole rather than searching it unit by unit. */
const SEARCHED_UNITS = 10;

/**
 * The places of the units a step acts on (issue 12: a step costs what it touches): for a few units,
 * the header and each unit's row found by a search of the code column; for many, one read of it all.
 */
export function unitPlacesFor(
  workbook: WorkbookPort,
  codes: readonly string[],
): (code: string) => UnitPlace | undefined {
  const wanted = [...new Set(codes.map(textKey).filter(Boolean))];
  const sheet = workbook.sheet(UNITS_SHEET);
  if (!sheet || wanted.length > SEARCHED_UNITS) return unitPlaces(workbook);
  const width = sheet.lastColumn();
  if (width < 1 || wanted.length === 0) return () => undefined;
  const located = locateColumns(sheet.readRange(1, 1, 1, width)[0] ?? [], UNIT_COLUMNS);
  const code = located.columns.get('code');
  if (code === undefined) return () => undefined;
  const cell = (row: readonly unknown[], key: string) => {
    const column = located.columns.get(key);
    return column === undefined ? '' : cellText(row[column - 1]);
  };
  const byCode = new Map<string, UnitPlace>();
  for (const unit of wanted) {
    // The first row of a code counts, as in the whole read.
    const first = sheet.findRows(code, unit, 2)[0];
    const row = first === undefined ? undefined : sheet.readRange(first, 1, 1, width)[0];
    if (!row) continue;
    byCode.set(unit, {
      district: cell(row, 'district'),
      commune: cell(row, 'commune'),
      cluster: cell(row, 'cluster'),
    });
  }
  return (unit) => byCode.get(textKey(unit));
}
