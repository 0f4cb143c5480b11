/** When the dashboard is (re)built: missing or stale web/dist is, a current one or a build-only install is not. */
import assert from 'node:assert/strict';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { dashboardIsStale, dashboardLoginUrl, ensureDashboardBuilt } from '../../src/cli/internal/ensure-dashboard.js';
import { VouchError } from '../../src/core/errors.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const temps: { cleanup: () => void }[] = [];
after(() => {
  for (const t of temps) t.cleanup();
});

function webDir(files: Record<string, number>): string {
  const t = makeTempDir('vouch-webdir-');
  temps.push(t);
  for (const [name, ageSeconds] of Object.entries(files)) {
    const file = path.join(t.dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, name);
    const at = new Date(Date.now() - ageSeconds * 1000);
    utimesSync(file, at, at);
    utimesSync(path.dirname(file), at, at);
  }
  return t.dir;
}

describe('ensureDashboardBuilt', () => {
  it('rebuilds when web/dist is missing or older than a source', () => {
    assert.equal(dashboardIsStale(webDir({ 'src/main.tsx': 100, 'index.html': 100 })), true, 'no build');
    assert.equal(dashboardIsStale(webDir({ 'src/main.tsx': 100, 'index.html': 100, 'vite.config.ts': 100, 'dist/index.html': 50 })), false, 'build newer than sources');
    assert.equal(dashboardIsStale(webDir({ 'src/pages/overview.tsx': 10, 'index.html': 100, 'dist/index.html': 50 })), true, 'a page changed since');
    assert.equal(dashboardIsStale(webDir({ 'src/main.tsx': 100, 'vite.config.ts': 10, 'dist/index.html': 50 })), true, 'the config changed since');
    assert.equal(dashboardIsStale(webDir({ 'dist/index.html': 50 })), false, 'an installed package ships the build only');
  });

  it('returns a current build without building, and says what to do when there is nothing to serve', async () => {
    const current = webDir({ 'src/main.tsx': 100, 'dist/index.html': 50 });
    assert.equal(await ensureDashboardBuilt({ webDir: current }), path.join(current, 'dist'));
    await assert.rejects(ensureDashboardBuilt({ webDir: webDir({ 'README.md': 1 }) }), (err: unknown) => err instanceof VouchError && err.code === 'USAGE');
  });

  it('builds the one-click sign-in link with the token in the fragment', () => {
    assert.equal(dashboardLoginUrl('http://127.0.0.1:8080/', 'vouch_a+b/c'), 'http://127.0.0.1:8080/#token=vouch_a%2Bb%2Fc');
  });
});
