// Builds the Apps Script project (dist/), the same project packaged as an Editor add-on (build/addon/)
// and the offline command line (build/).
//
// Apps Script loads every file of a project as one global script and calls menu handlers, triggers and
// custom formulas by their global names, so the bundle is an IIFE and each export of src/gas/index.ts
// gets a real top-level function that forwards to it, with the export's JSDoc copied above (Sheets
// reads @customfunction there for autocomplete; esbuild drops comments).
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import * as esbuild from 'esbuild';
import ts from 'typescript';

const root = dirname(fileURLToPath(import.meta.url));
const ENTRY = join(root, 'src/gas/index.ts');
const HTML_DIR = join(root, 'src/gas/html');
const DIST = join(root, 'dist');
const ADDON_DIST = join(root, 'build/addon');
/**
 * The deployments one bundle serves: a script bound to the spreadsheet, or an Editor add-on (its menu
 * under Extensions, built by onOpen honouring e.authMode). src/gas/deployment.ts reads the constant.
 */
const DEPLOYMENTS = ['bound', 'addon'];
const GLOBAL_NAME = 'XHHT';
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// Names an export must not take: ECMAScript globals and Apps Script's own services and globals.
const APPS_SCRIPT_GLOBALS = [
  'AdminDirectory',
  'AdminReports',
  'Analytics',
  'BigQuery',
  'Calendar',
  'Docs',
  'Gmail',
  'People',
  'Sheets',
  'Slides',
  'Tasks',
  'YouTube',
  'Browser',
  'CacheService',
  'CalendarApp',
  'CardService',
  'Charts',
  'ContactsApp',
  'ContentService',
  'DataStudioApp',
  'DocumentApp',
  'Drive',
  'DriveApp',
  'FormApp',
  'GmailApp',
  'GroupsApp',
  'HtmlService',
  'Jdbc',
  'LanguageApp',
  'LockService',
  'Logger',
  'MailApp',
  'Maps',
  'MimeType',
  'PropertiesService',
  'ScriptApp',
  'Session',
  'SitesApp',
  'SlidesApp',
  'SpreadsheetApp',
  'UrlFetchApp',
  'Utilities',
  'XmlService',
  'console',
  'google',
  GLOBAL_NAME,
];
const RESERVED = new Set([
  ...vm.runInNewContext('Object.getOwnPropertyNames(globalThis)'),
  ...APPS_SCRIPT_GLOBALS,
]);

/** The exported functions of the entry with their JSDoc; anything else exported fails the build. */
export function readExports(file = ENTRY) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2020, true);
  const exports = [];
  const problems = [];
  for (const statement of source.statements) {
    const exported =
      ts.canHaveModifiers(statement) &&
      ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) {
      problems.push(`${file}: only "export function NAME" is allowed in the Apps Script entry`);
      continue;
    }
    if (!exported) continue;
    if (!ts.isFunctionDeclaration(statement) || !statement.name) {
      problems.push(
        `${file}: export "${statement.getText().slice(0, 40)}…" is not a function declaration`,
      );
      continue;
    }
    // Apps Script calls a global by name and uses what it returns at once.
    const modifiers = new Set(ts.getModifiers(statement)?.map((m) => m.kind));
    const unusable = [
      [modifiers.has(ts.SyntaxKind.DefaultKeyword), 'a default export has no name to call'],
      [
        modifiers.has(ts.SyntaxKind.DeclareKeyword) || !statement.body,
        'has no body (declare or overload)',
      ],
      [
        modifiers.has(ts.SyntaxKind.AsyncKeyword),
        'is async: Apps Script cannot wait for a Promise',
      ],
      [statement.asteriskToken !== undefined, 'is a generator'],
    ].filter(([bad]) => bad);
    if (unusable.length > 0) {
      for (const [, why] of unusable) problems.push(`export ${statement.name.text}: ${why}`);
      continue;
    }
    const name = statement.name.text;
    const docs = (ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? [])
      .map((range) => text.slice(range.pos, range.end))
      .filter((comment) => comment.startsWith('/**'));
    const jsdoc = docs.at(-1) ?? '';
    if (name.endsWith('_'))
      problems.push(
        `export ${name}: a name ending in "_" is private in Apps Script and cannot be called`,
      );
    if (RESERVED.has(name))
      problems.push(`export ${name}: shadows a built-in global of JavaScript or Apps Script`);
    if (/^[A-Z0-9_]+$/.test(name) && !jsdoc.includes('@customfunction')) {
      problems.push(`export ${name}: a custom formula needs a JSDoc comment with @customfunction`);
    }
    exports.push({ name, jsdoc });
  }
  if (problems.length > 0)
    throw new Error(`Apps Script entry rejected:\n- ${problems.join('\n- ')}`);
  return exports;
}

function stubs(exports) {
  return exports
    .map(
      ({ name, jsdoc }) =>
        `${jsdoc ? `${jsdoc}\n` : ''}function ${name}(...args) {\n  return ${GLOBAL_NAME}.${name}(...args);\n}\n`,
    )
    .join('\n');
}

/**
 * The manifest of a deployment. An Editor add-on's is the bound script's: the `addOns` section belongs
 * to Google Workspace add-ons (cards, no custom functions), so it is never written there.
 */
export function manifestFor(
  deployment,
  manifest = JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8')),
) {
  if (deployment !== 'addon') return manifest;
  const { addOns: _workspaceAddOn, ...editorAddOn } = manifest;
  return editorAddOn;
}

/**
 * Writes Code.js, appsscript.json and the HTML files into `outDir`; returns the global names.
 * `deployment` is 'bound' (dist/) or 'addon' (build/addon/): the same code, one constant apart.
 */
export async function buildAppsScript(outDir = DIST, { deployment = 'bound' } = {}) {
  if (!DEPLOYMENTS.includes(deployment)) throw new Error(`unknown deployment ${deployment}`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const exports = readExports();
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL_NAME,
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    charset: 'utf8',
    legalComments: 'none',
    treeShaking: true,
    define: { XHHT_DEPLOYMENT: JSON.stringify(deployment) },
    write: false,
    logLevel: 'warning',
  });
  const bundle = result.outputFiles[0].text;
  const header =
    '// XHHT Sheets. Generated by build.mjs from src/ — edit the TypeScript, not this file.\n';
  writeFileSync(join(outDir, 'Code.js'), `${header}${bundle}\n${stubs(exports)}`);
  writeFileSync(
    join(outDir, 'appsscript.json'),
    `${JSON.stringify(manifestFor(deployment), null, 2)}\n`,
  );
  if (existsSync(HTML_DIR)) {
    for (const file of readdirSync(HTML_DIR).filter((f) => f.endsWith('.html'))) {
      copyFileSync(join(HTML_DIR, file), join(outDir, file));
    }
  }
  return exports.map((e) => e.name);
}

async function buildCli() {
  await esbuild.build({
    entryPoints: [join(root, 'src/node/cli.ts')],
    outfile: join(root, 'build/xhht.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // zod/mini is bundled in: as a package it is dozens of ES modules that Node resolves and loads
    // one by one at every start (about 0.1 s). The other dependencies stay outside, each required
    // on first use by the command that needs it (exceljs, echarts, resvg, nodemailer).
    external: Object.keys(pkg.dependencies).filter((name) => name !== 'zod'),
    charset: 'utf8',
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // `--cli` builds the command line alone (tests use it so as not to race on dist/).
  if (!process.argv.includes('--cli')) {
    const names = await buildAppsScript();
    const size = (dir, file) => `${(statSync(join(dir, file)).size / 1024).toFixed(1)} KiB`;
    console.log(`dist/Code.js ${size(DIST, 'Code.js')}, globals: ${names.join(', ')}`);
    await buildAppsScript(ADDON_DIST, { deployment: 'addon' });
    console.log(`build/addon/Code.js ${size(ADDON_DIST, 'Code.js')} (Editor add-on)`);
  }
  await buildCli();
}
