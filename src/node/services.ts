import { createHash } from 'node:crypto';
import type { ClockPort, HasherPort, LockPort, MenuItem, UiPort } from '../sheets/ports';

/** Offline adapters: one process owns the file, dialogs become printed notices. */

export class ConsoleUi implements UiPort {
  readonly notices: { title: string; message: string }[] = [];

  constructor(
    private readonly print: (text: string) => void = () => {},
    private readonly answers: string[] = [],
  ) {}

  alert(title: string, message: string): void {
    this.notices.push({ title, message });
    this.print(message);
  }

  /** Offline, the answer comes from the command line (e.g. --rubric); none means the default. */
  prompt(_title: string, _message: string): string | null {
    return this.answers.shift() ?? '';
  }

  addMenu(_title: string, _items: readonly (MenuItem | null)[]): void {
    // The command line is the menu offline.
  }

  showSidebar(_file: string, title: string): void {
    this.alert(title, 'The sidebar opens in Google Sheets only.');
  }

  showDialog(title: string, _html: string): void {
    this.alert(
      title,
      'Dialogs open in Google Sheets only; offline, `xhht report` writes the report.',
    );
  }
}

export const processLock: LockPort = { withLock: (work) => work() };

/** The machine's clock: the only place offline code reads the current time. */
export const systemClock: ClockPort = { now: () => new Date() };

let fixedNow: Date | undefined;

/**
 * The clock of the `xhht` commands: the machine's, unless a caller fixed it (the tests do, so that
 * no test reads the wall clock; `xhht demo` passes its own day).
 */
export const commandClock: ClockPort = {
  now: () => (fixedNow ? new Date(fixedNow.getTime()) : systemClock.now()),
};

/** Fixes the commands' clock at `at`, or gives it back to the machine with undefined. */
export function fixCommandClock(at: Date | undefined): void {
  fixedNow = at;
}

export function fixedClock(at: Date): ClockPort {
  return { now: () => new Date(at.getTime()) };
}

export const nodeHasher: HasherPort = {
  sha256Hex: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
};
