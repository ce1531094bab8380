import { accessSync, constants, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { delimiter, join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core, for the HTML the product shows. Needs the system package
 * `chromium` (installed by .ci/run); tests skip without it, and CI counts a skip as a failure.
 */

/** The chromium executable on PATH, if the package is installed. */
export function chromiumPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'chromium');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export async function launch(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/** Serves one HTML file of the script project on localhost, as HtmlService would serve it. */
export async function serveHtml(file: string): Promise<{ url: string; server: Server }> {
  const html = readFileSync(file);
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, server };
}

export type ServerFunctions = Record<string, (...args: unknown[]) => unknown>;

/**
 * Replaces `google.script.run` in the page by a stub that calls `functions` here, in Node, with
 * arguments and results passed through JSON as Apps Script passes them; a thrown error reaches the
 * failure handler.
 */
export async function stubScriptRun(page: Page, functions: ServerFunctions): Promise<void> {
  await page.exposeFunction('__xhhtServer', (name: string, args: unknown[]) => {
    const fn = functions[name];
    if (!fn) throw new Error(`${name} is not a global function of the script`);
    // A function may answer later (a Promise), as a slow server call does.
    return Promise.resolve(fn(...JSON.parse(JSON.stringify(args)))).then((value) =>
      JSON.parse(JSON.stringify(value ?? null)),
    );
  });
  await page.addInitScript(() => {
    const runner = (onSuccess?: (value: unknown) => void, onFailure?: (error: Error) => void) =>
      new Proxy(
        {},
        {
          get(_target, property: string) {
            if (property === 'withSuccessHandler')
              return (handler: (value: unknown) => void) => runner(handler, onFailure);
            if (property === 'withFailureHandler')
              return (handler: (error: Error) => void) => runner(onSuccess, handler);
            return (...args: unknown[]) => {
              const server = (globalThis as unknown as Record<string, unknown>).__xhhtServer as (
                name: string,
                args: unknown[],
              ) => Promise<unknown>;
              server(property, args).then(
                (value) => onSuccess?.(value),
                (error: unknown) =>
                  onFailure?.(new Error(String((error as Error)?.message ?? error))),
              );
            };
          },
        },
      );
    (globalThis as unknown as Record<string, unknown>).google = {
      script: {
        get run() {
          return runner();
        },
      },
    };
  });
}
