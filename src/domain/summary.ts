import { compareVietnamese } from './collate';
import { outcomeLabels, type Rubric } from './rubric';

/** One unit's outcome: its band or level, or why it has none. */
export interface ScoredUnit {
  /** The unit's code, where known (for grouping by cluster). */
  readonly code?: string;
  readonly district: string;
  readonly status: 'done' | 'invalid' | 'empty';
  /** The band (points) or level (levels) reached, when done. */
  readonly label?: string;
}

export interface SummaryRow {
  readonly district: string;
  readonly units: number;
  /** Count per band or level, in the rubric's order from the highest. */
  readonly byBand: ReadonlyMap<string, number>;
  readonly invalid: number;
  readonly empty: number;
}

export interface Summary {
  readonly bands: readonly string[];
  readonly rows: readonly SummaryRow[];
  readonly total: SummaryRow;
}

export const NO_DISTRICT = '(chưa ghi huyện)';
export const NO_CLUSTER = '(chưa ghi cụm)';

function tally(
  district: string,
  bands: readonly string[],
  units: readonly ScoredUnit[],
): SummaryRow {
  const byBand = new Map(bands.map((band) => [band, 0]));
  let invalid = 0;
  let empty = 0;
  for (const unit of units) {
    if (unit.status === 'done' && unit.label !== undefined) {
      byBand.set(unit.label, (byBand.get(unit.label) ?? 0) + 1);
    } else if (unit.status === 'invalid') invalid += 1;
    else empty += 1;
  }
  return { district, units: units.length, byBand, invalid, empty };
}

/** Counts per district (in Vietnamese alphabetical order) and in all, by band or level, error and not entered. */
export function summarize(rubric: Rubric, units: readonly ScoredUnit[]): Summary {
  const bands = outcomeLabels(rubric);
  const byDistrict = new Map<string, ScoredUnit[]>();
  for (const unit of units) {
    const district = unit.district || NO_DISTRICT;
    const members = byDistrict.get(district);
    if (members) members.push(unit);
    else byDistrict.set(district, [unit]);
  }
  const rows = [...byDistrict.entries()]
    .sort(([a], [b]) => compareVietnamese(a, b))
    .map(([district, members]) => tally(district, bands, members));
  return { bands, rows, total: tally('Toàn tỉnh', bands, units) };
}
