// Compiled with the Apps Script tsconfig only: proves that src/domain, src/sheets and src/gas see
// neither Node nor DOM globals. Each line must stay a type error; if one compiles, tsc reports the
// unused directive and `npm run typecheck` fails.

// @ts-expect-error setTimeout does not exist in Apps Script
setTimeout(() => undefined, 1);
// @ts-expect-error URL does not exist in Apps Script
new URL('https://example.invalid');
// @ts-expect-error TextEncoder does not exist in Apps Script
new TextEncoder();
// @ts-expect-error process is Node only
process.exit(0);
// @ts-expect-error document is DOM only
document.title;

// Apps Script's own services are in scope.
SpreadsheetApp.getActiveSpreadsheet();

export {};
