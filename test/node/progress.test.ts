import { afterEach, describe, expect, it } from 'vitest';
import { Progress } from '../../src/node/progress';

function terminal(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, columns: 60, write: (text: string) => written.push(text) > 0 };
  return { written, stream: stream as unknown as NodeJS.WriteStream };
}

describe('the progress bar of long commands', () => {
  const ci = process.env.CI;
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  });

  it('draws the steps done and the one under way on a terminal, then clears itself', () => {
    delete process.env.CI;
    const { written, stream } = terminal(true);
    const progress = new Progress(2, stream);
    progress.step('đang chấm…');
    progress.step('đang ghi tệp…');
    progress.end();
    expect(written[0]).toMatch(/^\r░{24}\s+0% đang chấm…\s*$/);
    expect(written[1]).toMatch(/^\r█{12}░{12}\s+50% đang ghi tệp…\s*$/);
    expect(written.every((line) => line.replace(/\r/g, '').length < 60)).toBe(true);
    expect(written[2]?.trim()).toBe('');
  });

  it('writes nothing into a file, a pipe or a CI log', () => {
    delete process.env.CI;
    const piped = terminal(false);
    new Progress(2, piped.stream).step('đang chấm…');
    expect(piped.written).toEqual([]);
    process.env.CI = 'true';
    const underCi = terminal(true);
    new Progress(2, underCi.stream).step('đang chấm…');
    expect(underCi.written).toEqual([]);
  });
});
