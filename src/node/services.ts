import type { ClockPort, LockPort, MenuItem, UiPort } from '../sheets/ports';

/** Offline adapters: one process owns the file, dialogs become printed notices. */

export class ConsoleUi implements UiPort {
  readonly notices: { title: string; message: string }[] = [];

  constructor(private readonly print: (text: string) => void = () => {}) {}

  alert(title: string, message: string): void {
    this.notices.push({ title, message });
    this.print(message);
  }

  addMenu(_title: string, _items: readonly (MenuItem | null)[]): void {
    // The command line is the menu offline.
  }
}

export const processLock: LockPort = { withLock: (work) => work() };

export function fixedClock(at: Date): ClockPort {
  return { now: () => new Date(at.getTime()) };
}
