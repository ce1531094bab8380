import type { Rubric } from './rubric';
import { QD448_2015_GDHT } from './rubrics/qd448-2015-gdht';
import { TT22_2020_DVHT } from './rubrics/tt22-2020-dvht';
import { TT24_2023_DVHT_HUYEN, TT24_2023_DVHT_TINH } from './rubrics/tt24-2023-dvht';
import { TT25_2023_CDHT_XA } from './rubrics/tt25-2023-cdht-xa';
import { TT44_2014_CDHT_XA } from './rubrics/tt44-2014-cdht-xa';

/**
 * The built-in rubrics, one file per legal basis under ./rubrics: the current ones first
 * (REGULATIONS.md §1: TT 25/2023 and TT 24/2023 from 2024), then the earlier ones kept for records.
 */
export const CATALOG: readonly Rubric[] = [
  TT25_2023_CDHT_XA,
  TT24_2023_DVHT_HUYEN,
  TT24_2023_DVHT_TINH,
  TT22_2020_DVHT,
  TT44_2014_CDHT_XA,
  QD448_2015_GDHT,
];

export const DEFAULT_RUBRIC_ID = TT22_2020_DVHT.id;

export function findRubric(id: string): Rubric | undefined {
  const wanted = id.trim().toUpperCase();
  return CATALOG.find((rubric) => rubric.id === wanted);
}

export function rubricIds(): string[] {
  return CATALOG.map((rubric) => rubric.id);
}
