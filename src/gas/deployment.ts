/**
 * Which deployment this bundle is: build.mjs replaces XHHT_DEPLOYMENT by 'bound' (a script bound to
 * the spreadsheet, dist/) or 'addon' (an Editor add-on, build/addon/). Everything else is the same code.
 */
declare const XHHT_DEPLOYMENT: string | undefined;

export type Deployment = 'bound' | 'addon';

export function deployment(): Deployment {
  // Not replaced (TypeScript run directly, as in tests of the adapters): the bound script.
  return typeof XHHT_DEPLOYMENT !== 'undefined' && XHHT_DEPLOYMENT === 'addon' ? 'addon' : 'bound';
}
