import { cellText, storedText } from './cells';

/**
 * The seal of the values a level approved («Dấu giá trị đã duyệt»): a SHA-256 of the row's scores,
 * evidence and meeting cells exactly as stored (`storedText`), so a changed date, a line break or a
 * doubled space in the evidence breaks it. Seals written before issue 11 hashed the cells' trimmed text
 * (`cellText`, in which a Date was blank); they still hold until the next approval writes a new one.
 */

type Hex = (text: string) => string;

export function sealOf(values: readonly unknown[], sha256Hex: Hex): string {
  return sha256Hex(JSON.stringify(['v2', ...values.map(storedText)]));
}

function legacySealOf(values: readonly unknown[], sha256Hex: Hex): string {
  return sha256Hex(JSON.stringify(values.map(cellText)));
}

/** Whether `seal` (a cell's text) still seals `values`: this version's seal, or an earlier one's. */
export function sealHolds(seal: string, values: readonly unknown[], sha256Hex: Hex): boolean {
  return seal === sealOf(values, sha256Hex) || seal === legacySealOf(values, sha256Hex);
}
