import type { Rubric } from './rubric';
import { TT22_2020_DVHT } from './rubrics/tt22-2020-dvht';

/** The built-in rubrics, one file per legal basis under ./rubrics. */
export const CATALOG: readonly Rubric[] = [TT22_2020_DVHT];

export const DEFAULT_RUBRIC_ID = TT22_2020_DVHT.id;

export function findRubric(id: string): Rubric | undefined {
  const wanted = id.trim().toUpperCase();
  return CATALOG.find((rubric) => rubric.id === wanted);
}

export function rubricIds(): string[] {
  return CATALOG.map((rubric) => rubric.id);
}
