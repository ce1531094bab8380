import type { ParseArgsConfig } from 'node:util';
import type { Progress } from '../progress';

/** One subcommand of `xhht`: its synopsis and options for --help, and what it does. */
export interface Command {
  readonly name: string;
  /** One line: the command and its arguments. */
  readonly synopsis: string;
  /** What it does, in the chosen language. */
  readonly summary: () => string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Steps of its progress bar, for the commands that draw one. */
  readonly steps?: number;
  run(
    parsed: { positionals: string[]; values: Record<string, unknown> },
    print: (text: string) => void,
    progress?: Progress,
  ): Promise<number>;
}
