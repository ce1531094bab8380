import { inForceFor, type Rubric } from './rubric';
import { QD448_2015_GDHT } from './rubrics/qd448-2015-gdht';
import { TT22_2020_DVHT } from './rubrics/tt22-2020-dvht';
import { TT24_2023_DVHT_HUYEN, TT24_2023_DVHT_TINH } from './rubrics/tt24-2023-dvht';
import { TT25_2023_CDHT_XA } from './rubrics/tt25-2023-cdht-xa';
import { TT44_2014_CDHT_XA } from './rubrics/tt44-2014-cdht-xa';

/**
 * The built-in rubrics, one file per legal basis under ./rubrics: the ones in force (TT 25/2023 and
 * TT 24/2023 from 2024, REGULATIONS-2026 §1.6, §4.2), then the repealed ones kept for records.
 */
export const CATALOG: readonly Rubric[] = [
  TT25_2023_CDHT_XA,
  TT24_2023_DVHT_HUYEN,
  TT24_2023_DVHT_TINH,
  TT22_2020_DVHT,
  TT44_2014_CDHT_XA,
  QD448_2015_GDHT,
];

/** The year the texts of 2023 (TT 24, TT 25) took over from TT 22/2020 and TT 44/2014. */
export const REFORM_YEAR = 2024;

/**
 * The default rubric for an assessment year: Đơn vị học tập (the title of the earlier default), under
 * TT 24/2023 (district level) from 2024 on and TT 22/2020 before.
 */
export function defaultRubricId(year: number): string {
  return year >= REFORM_YEAR ? TT24_2023_DVHT_HUYEN.id : TT22_2020_DVHT.id;
}

/** The earlier versions' default, for a workbook whose year cannot be read. */
export const DEFAULT_RUBRIC_ID = TT22_2020_DVHT.id;

/** The rubrics in force for the assessment year first, each group in catalog order. */
export function rubricsForYear<R extends Rubric>(rubrics: readonly R[], year: number): R[] {
  return [
    ...rubrics.filter((rubric) => inForceFor(rubric, year)),
    ...rubrics.filter((rubric) => !inForceFor(rubric, year)),
  ];
}

/** The built-in rubric of the same title in force for the year, when `id` is not. */
export function inForceInstead(id: string, year: number): Rubric | undefined {
  const rubric = findRubric(id);
  if (!rubric?.titleKey || inForceFor(rubric, year)) return undefined;
  return CATALOG.find(
    (other) =>
      other.titleKey !== undefined &&
      inForceFor(other, year) &&
      (other.titleKey === rubric.titleKey || other.titleKey.startsWith(`${rubric.titleKey}_`)),
  );
}

export function findRubric(id: string): Rubric | undefined {
  const wanted = id.trim().toUpperCase();
  return CATALOG.find((rubric) => rubric.id === wanted);
}

export function rubricIds(): string[] {
  return CATALOG.map((rubric) => rubric.id);
}
