import { TIME_ZONE } from '../sheets/set-up';

/**
 * Runs `work` in Hà Nội time (the workbook's zone, set by set-up), then restores the process's own:
 * log times, «today» and dates typed day/month/year read the same on a computer set to another zone.
 */
export function inHanoiTime<T>(work: () => T): T {
  const zone = process.env.TZ;
  process.env.TZ = TIME_ZONE;
  try {
    return work();
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
}
