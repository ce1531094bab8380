import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAppsScript } from '../../build.mjs';

describe('clasp pushes the built project and nothing else', () => {
  it('the .claspignore allow-list keeps only Code.js, the manifest and HTML', async () => {
    // clasp wants the pushed folder inside the project's folder, as dist/ is in the repository.
    const root = mkdtempSync(join(tmpdir(), 'xhht-clasp-'));
    const dir = join(root, 'dist');
    await buildAppsScript(dir);
    writeFileSync(join(dir, 'notes.md'), 'not for Apps Script');
    writeFileSync(join(dir, 'stray.ts'), 'export {};');
    writeFileSync(join(dir, 'other.html'), '<p>x</p>');
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(join(dir, 'node_modules', 'x.js'), '');
    const project = join(root, '.clasp.json');
    writeFileSync(project, JSON.stringify({ scriptId: 'offline-test', rootDir: 'dist' }));

    const status = JSON.parse(
      execFileSync(
        process.execPath,
        [
          'node_modules/@google/clasp/build/src/index.js',
          '-P',
          project,
          '-I',
          '.claspignore',
          'status',
          '--json',
        ],
        {
          encoding: 'utf8',
        },
      ),
    ) as { filesToPush: string[] };
    expect(status.filesToPush.map((f) => f.split('/').at(-1)).sort()).toEqual([
      'Code.js',
      'Sidebar.html',
      'appsscript.json',
      'other.html',
    ]);
  });

  it('the manifest is V8, Asia/Ho_Chi_Minh, with exactly the scopes of DESIGN.md', () => {
    const manifest = JSON.parse(readFileSync('appsscript.json', 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect([...manifest.oauthScopes].sort()).toEqual(
      [
        'https://www.googleapis.com/auth/script.container.ui',
        'https://www.googleapis.com/auth/script.scriptapp',
        'https://www.googleapis.com/auth/script.send_mail',
        'https://www.googleapis.com/auth/spreadsheets.currentonly',
        'https://www.googleapis.com/auth/userinfo.email',
      ].sort(),
    );
    for (const file of ['.clasp.json', '.clasp.prod.json']) {
      expect(JSON.parse(readFileSync(file, 'utf8')).rootDir).toBe('dist');
    }
    // The Editor add-on is its own Apps Script project, pushed from what `npm run build` writes there.
    expect(JSON.parse(readFileSync('.clasp.addon.json', 'utf8'))).toEqual({
      scriptId: 'REPLACE_WITH_ADDON_SCRIPT_ID',
      rootDir: 'build/addon',
    });
  });
});
