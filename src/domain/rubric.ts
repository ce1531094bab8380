/**
 * A rubric (bộ tiêu chí) is data: criteria with items and their maximum points, and the bands a total
 * falls into. This is the "points" method of DESIGN.md; the "levels" method joins it as another member
 * of the Rubric union.
 */

export interface Item {
  /** Item code as printed in the regulation, e.g. "1.2". Also the start of its column header. */
  readonly code: string;
  readonly text: string;
  /** A few words for a column header. */
  readonly label: string;
  readonly max: number;
}

export interface Criterion {
  readonly code: string;
  readonly name: string;
  readonly label: string;
  readonly max: number;
  readonly items: readonly Item[];
}

export interface Band {
  readonly label: string;
  /** Lowest total that reaches this band, inclusive. */
  readonly min: number;
}

export interface PointsRubric {
  readonly id: string;
  readonly method: 'points';
  readonly title: string;
  readonly legalBasis: string;
  /** Where the numbers come from, e.g. "REGULATIONS.md §4.1 [V] S29, S30". */
  readonly source: string;
  readonly effectiveFrom: string;
  readonly scoringSheet: string;
  readonly criteria: readonly Criterion[];
  /** From the highest band down. */
  readonly bands: readonly Band[];
  /** The band of a total below every threshold. */
  readonly fallbackBand: string;
}

export type Rubric = PointsRubric;

export function itemsOf(rubric: Rubric): Item[] {
  return rubric.criteria.flatMap((criterion) => criterion.items);
}

export function maxTotal(rubric: Rubric): number {
  return rubric.criteria.reduce((sum, criterion) => sum + criterion.max, 0);
}

export function bandLabels(rubric: Rubric): string[] {
  return [...rubric.bands.map((band) => band.label), rubric.fallbackBand];
}

/** The band of a total: the first whose threshold it reaches, else the fallback band. */
export function classify(rubric: Rubric, total: number): string {
  return rubric.bands.find((band) => total >= band.min)?.label ?? rubric.fallbackBand;
}
