/**
 * A command to type next, as a new officer can run it: `npx xhht …` (xhht is not on their PATH), with
 * every argument that holds a space or a shell character in quotes.
 */
export function hint(...args: readonly string[]): string {
  return ['npx xhht', ...args.map(quoted)].join(' ');
}

/** An argument as a shell reads it back: plain when safe, else in double quotes. */
export function quoted(arg: string): string {
  if (/^[\p{L}\p{N}_./:@=,+-]+$/u.test(arg)) return arg;
  return `"${arg.replace(/(["\\$`])/g, '\\$1')}"`;
}
