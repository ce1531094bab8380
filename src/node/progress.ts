/**
 * A progress bar on the terminal for long runs: steps of a known count, drawn on stderr and only when
 * stderr is a terminal (a log file or CI gets nothing but the final report on stdout).
 */
export class Progress {
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  private get shown(): boolean {
    return Boolean(this.stream.isTTY) && !process.env.CI;
  }

  /** Marks one step done, naming what comes next. */
  step(label: string): void {
    this.done = Math.min(this.total, this.done + 1);
    if (!this.shown) return;
    const width = 24;
    const filled = Math.round((width * this.done) / this.total);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const percent = String(Math.round((100 * this.done) / this.total)).padStart(3);
    this.stream.write(
      `\r${bar} ${percent}% ${label}`
        .padEnd(this.stream.columns ?? 80)
        .slice(0, (this.stream.columns ?? 80) - 1),
    );
  }

  /** Clears the bar. */
  end(): void {
    if (this.shown) this.stream.write(`\r${' '.repeat((this.stream.columns ?? 80) - 1)}\r`);
  }
}
