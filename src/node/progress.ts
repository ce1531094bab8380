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

  /** Starts the next step: the bar shows the steps done so far and what is being done now. */
  step(label: string): void {
    if (this.shown) this.draw(label);
    this.done = Math.min(this.total, this.done + 1);
  }

  private draw(label: string): void {
    const width = 24;
    const filled = Math.round((width * this.done) / this.total);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const percent = String(Math.round((100 * this.done) / this.total)).padStart(3);
    const columns = this.stream.columns ?? 80;
    this.stream.write(`\r${bar} ${percent}% ${label}`.padEnd(columns).slice(0, columns - 1));
  }

  /** Clears the bar. */
  end(): void {
    if (this.shown) this.stream.write(`\r${' '.repeat((this.stream.columns ?? 80) - 1)}\r`);
    this.done = this.total;
  }
}
