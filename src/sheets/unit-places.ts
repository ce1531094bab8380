import { type CellValue, cellText, textKey } from '../domain/cells';
import { UNIT_COLUMNS, UNITS_SHEET } from './layout';
import { extentOf, type WorkbookPort } from './ports';
import { locateColumns } from './table';

/**
 * A unit's commune, cluster and district («Địa bàn (huyện cũ)», formerly «Huyện»), from the units
 * sheet: what a «xã», «Cụm» or «huyện» scope names. «Đơn vị» is protected for administrators (set-up),
 * the scoring row is not: authorisation reads the place here, never the scoring row's cells.
 */
export interface UnitPlace {
  readonly commune: string;
  readonly cluster: string;
  /** The former district («Địa bàn (huyện cũ)»): a «huyện» scope names it (issue 11: from «Đơn vị»). */
  readonly district: string;
}

/** A unit's place by its code; `listed` says whether «Đơn vị» can tell places at all. */
export interface UnitPlaces {
  (code: string): UnitPlace | undefined;
  /** «Đơn vị» exists with its code column: a code it does not list has no place (no scope reaches it). */
  readonly listed: boolean;
}

/** Each unit's place by its code (one read); empty without the sheet or its code column. */
export function unitPlaces(workbook: WorkbookPort): UnitPlaces {
  const [header = [], ...rows] = workbook.sheet(UNITS_SHEET)?.readValues() ?? [];
  const located = locateColumns(header, UNIT_COLUMNS);
  const code = located.columns.get('code');
  const column = (key: string) => located.columns.get(key);
  const byCode = new Map<string, UnitPlace>();
  if (code !== undefined) {
    const text = (row: readonly CellValue[], key: string) => {
      const at = column(key);
      return at === undefined ? '' : cellText(row[at - 1]);
    };
    for (const row of rows) {
      const key = textKey(row[code - 1]);
      if (key === '' || byCode.has(key)) continue;
      byCode.set(key, {
        commune: text(row, 'commune'),
        cluster: text(row, 'cluster'),
        district: text(row, 'district'),
      });
    }
  }
  return Object.assign((unit: string) => byCode.get(textKey(unit)), {
    listed: code !== undefined,
  });
}

/**
 * The district that authorises a step on a unit: the one «Đơn vị» gives it; a code «Đơn vị» does not
 * list has none (a row typed onto a scoring sheet reaches no «huyện» scope). Only a workbook without a
 * usable «Đơn vị» falls back to the scoring row's cell (`rowDistrict`), as before.
 */
export function unitDistrict(places: UnitPlaces, code: string, rowDistrict: string): string {
  return places.listed ? (places(code)?.district ?? '') : rowDistrict;
}

/**
 * One unit's commune, cluster and district, without reading the whole units sheet: its header, its code column
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
    commune: commune === undefined ? '' : cellText(cells[commune - 1]),
    cluster: cluster === undefined ? '' : cellText(cells[cluster - 1]),
    district: district === undefined ? '' : cellText(cells[district - 1]),
  };
}

/** Above this many units a step reads «Đơn vị» whole rather than searching it unit by unit. */
const SEARCHED_UNITS = 10;

/**
 * The places of the units a step acts on (issue 12: a step costs what it touches): for a few units,
 * the header and each unit's row found by a search of the code column; for many, one read of it all.
 */
export function unitPlacesFor(workbook: WorkbookPort, codes: readonly string[]): UnitPlaces {
  const wanted = [...new Set(codes.map(textKey).filter(Boolean))];
  const sheet = workbook.sheet(UNITS_SHEET);
  if (!sheet || wanted.length > SEARCHED_UNITS) return unitPlaces(workbook);
  // Its last row and column in one call (issue 12); the search goes down to that row.
  const { rows: lastRow, columns: width } = extentOf(sheet);
  const none = (listed: boolean): UnitPlaces => Object.assign(() => undefined, { listed });
  if (width < 1) return none(false);
  const located = locateColumns(sheet.readRange(1, 1, 1, width)[0] ?? [], UNIT_COLUMNS);
  const code = located.columns.get('code');
  if (code === undefined) return none(false);
  if (wanted.length === 0) return none(true);
  const cell = (row: readonly unknown[], key: string) => {
    const column = located.columns.get(key);
    return column === undefined ? '' : cellText(row[column - 1]);
  };
  const byCode = new Map<string, UnitPlace>();
  for (const unit of wanted) {
    // The first row of a code counts, as in the whole read.
    const first = sheet.findRows(code, unit, 2, lastRow)[0];
    const row = first === undefined ? undefined : sheet.readRange(first, 1, 1, width)[0];
    if (!row) continue;
    byCode.set(unit, {
      district: cell(row, 'district'),
      commune: cell(row, 'commune'),
      cluster: cell(row, 'cluster'),
    });
  }
  return Object.assign((unit: string) => byCode.get(textKey(unit)), { listed: true });
}
