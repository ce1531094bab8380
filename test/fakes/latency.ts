import type { CallKind, IoCounter } from './spreadsheet';

/**
 * The latency model of issue 12 (docs/PERFORMANCE.md): what each call to a Google service costs in
 * Apps Script, measured once by hand and written down here, so that a figure moves only when the calls
 * or the cells do. Node's CPU time of the use case counts three times (Apps Script's V8 is slower).
 */
export const LATENCY = {
  /** A read of cell data: per call, and per cell moved (a TextFinder: per cell searched). */
  readMs: 80,
  readCellMs: 0.02,
  /** A write of cell data: per call, and per cell. */
  writeMs: 100,
  writeCellMs: 0.05,
  /** getLastRow, getSheetByName, getMaxRows and the like. */
  metadataMs: 40,
  /** Formatting, validation, protection, structure (insert rows, hide…). */
  formatMs: 100,
  /** Document properties: a read, a write. */
  propReadMs: 30,
  propWriteMs: 50,
  /** Taking the document lock. */
  lockMs: 40,
  /** SpreadsheetApp.flush. */
  flushMs: 100,
  /** MailApp.sendEmail. */
  mailMs: 800,
  /** Node CPU time × this. */
  cpuFactor: 3,
} as const;

/** The modelled milliseconds of one call of a kind, moving `cells` cells. */
export function callMs(kind: CallKind, cells = 0): number {
  switch (kind) {
    case 'read':
      return LATENCY.readMs + LATENCY.readCellMs * cells;
    case 'write':
      return LATENCY.writeMs + LATENCY.writeCellMs * cells;
    case 'meta':
      return LATENCY.metadataMs;
    case 'format':
      return LATENCY.formatMs;
    case 'propRead':
      return LATENCY.propReadMs;
    case 'propWrite':
      return LATENCY.propWriteMs;
    case 'lock':
      return LATENCY.lockMs;
    case 'flush':
      return LATENCY.flushMs;
    case 'mail':
      return LATENCY.mailMs;
    case 'free':
      return 0;
  }
}

/** The modelled milliseconds of every call counted since the counter's last reset (CPU apart). */
export function modelledMs(io: IoCounter): number {
  let total = 0;
  for (const kind of io.kinds) {
    const { calls, cells } = io.of(kind);
    const perCell =
      kind === 'read' ? LATENCY.readCellMs : kind === 'write' ? LATENCY.writeCellMs : 0;
    total += calls * callMs(kind) + cells * perCell;
  }
  return total;
}

/** Calls that go to a server (every kind but `free`) and cells moved, since the last reset. */
export function budget(io: IoCounter): { calls: number; cells: number } {
  let calls = 0;
  let cells = 0;
  for (const kind of io.kinds) {
    if (kind === 'free') continue;
    calls += io.of(kind).calls;
    cells += io.of(kind).cells;
  }
  return { calls, cells };
}

/**
 * A clock that advances by the modelled latency of every call the fakes answer: a use case with a
 * time budget sees time pass as it would in Apps Script.
 */
export function latencyClock(io: IoCounter, start: Date): { now(): Date; elapsedMs(): number } {
  let elapsed = 0;
  io.listeners.push((kind, cells) => {
    elapsed += callMs(kind, cells);
  });
  return {
    now: () => new Date(start.getTime() + elapsed),
    elapsedMs: () => elapsed,
  };
}
