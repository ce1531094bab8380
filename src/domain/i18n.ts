/**
 * The interface language: Vietnamese first, English selectable in the settings. Each message is
 * written where it is said, in both languages: tr('…', '…'). The language is chosen once at the start
 * of an execution (a menu action, a formula call); Apps Script starts every execution afresh, so the
 * choice never leaks from one officer's run into another's. Sheet headers and official labels (bands,
 * levels, the criteria) stay Vietnamese: columns are found by their header text, and the labels are
 * the regulations' own words.
 */

export type Language = 'vi' | 'en';

let active: Language = 'vi';

export function useLanguage(language: Language): void {
  active = language;
}

export function currentLanguage(): Language {
  return active;
}

export function tr(vi: string, en: string): string {
  return active === 'en' ? en : vi;
}

/** Runs `work` speaking `language` (for what the sheet records, which stays Vietnamese), then restores. */
export function inLanguage<T>(language: Language, work: () => T): T {
  const before = active;
  active = language;
  try {
    return work();
  } finally {
    active = before;
  }
}

/** An English count with its noun: «1 unit», «3 units» (Vietnamese nouns do not change: «1 đơn vị»). */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
