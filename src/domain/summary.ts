import { bandLabels, type Rubric } from './rubric';
import type { UnitScore } from './scoring';

export interface ScoredUnit {
  readonly district: string;
  readonly score: UnitScore;
}

export interface SummaryRow {
  readonly district: string;
  readonly units: number;
  /** Count per band label, in the rubric's order from the highest band. */
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

function tally(
  district: string,
  bands: readonly string[],
  units: readonly ScoredUnit[],
): SummaryRow {
  const byBand = new Map(bands.map((band) => [band, 0]));
  let invalid = 0;
  let empty = 0;
  for (const { score } of units) {
    if (score.status === 'scored') byBand.set(score.band, (byBand.get(score.band) ?? 0) + 1);
    else if (score.status === 'invalid') invalid += 1;
    else empty += 1;
  }
  return { district, units: units.length, byBand, invalid, empty };
}

/** Counts per district (in Vietnamese alphabetical order) and in all, by band, error and not entered. */
export function summarize(rubric: Rubric, units: readonly ScoredUnit[]): Summary {
  const bands = bandLabels(rubric);
  const byDistrict = new Map<string, ScoredUnit[]>();
  for (const unit of units) {
    const district = unit.district || NO_DISTRICT;
    const members = byDistrict.get(district);
    if (members) members.push(unit);
    else byDistrict.set(district, [unit]);
  }
  const rows = [...byDistrict.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'vi'))
    .map(([district, members]) => tally(district, bands, members));
  return { bands, rows, total: tally('Toàn tỉnh', bands, units) };
}
