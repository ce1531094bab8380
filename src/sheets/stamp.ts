import { formatDate } from '../domain/recognition';

/** «dd/mm/yyyy hh:mm:ss», the time a log row carries. */
export function stamp(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${formatDate(at)} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}
