import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VouchError } from '../../core/errors.js';
import type * as ViteModule from 'vite';

/** The dashboard's sources (web/) and its build (web/dist), in the package. */
export const WEB_DIR = fileURLToPath(new URL('../../../web/', import.meta.url));
export const DASHBOARD_DIST = path.join(WEB_DIR, 'dist');

export interface EnsureDashboardOptions {
  /** Build even when web/dist looks current. */
  force?: boolean;
  /** Where the sources are (tests); web/ by default. */
  webDir?: string;
}

/** Newest modification time under `p` (files and folders), 0 when missing. */
function newestMtimeMs(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtimeMs(path.join(p, entry)));
  return newest;
}

/** True when web/dist is missing or older than any source it is built from. */
export function dashboardIsStale(webDir = WEB_DIR): boolean {
  const index = path.join(webDir, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  if (!existsSync(path.join(webDir, 'src'))) return false; // an installed package ships the build only
  const sources = Math.max(newestMtimeMs(path.join(webDir, 'src')), newestMtimeMs(path.join(webDir, 'index.html')), newestMtimeMs(path.join(webDir, 'vite.config.ts')));
  return sources > statSync(index).mtimeMs;
}

/**
 * Make sure the dashboard is built, building web/ with Vite when web/dist is missing or older than
 * its sources, and return the folder to serve. The build goes to a temporary folder that replaces
 * web/dist only once complete, so a server never sees half a build.
 * @throws VouchError USAGE when there is neither a build nor the sources and Vite to make one.
 * @example const staticDir = await ensureDashboardBuilt(); createApp({ store, staticDir });
 */
export async function ensureDashboardBuilt(options: EnsureDashboardOptions = {}): Promise<string> {
  const webDir = options.webDir ?? WEB_DIR;
  const dist = path.join(webDir, 'dist');
  if (options.force !== true && !dashboardIsStale(webDir)) return dist;
  if (!existsSync(path.join(webDir, 'src'))) throw new VouchError('USAGE', `The dashboard is not built and its sources are missing (${webDir}); reinstall Vouch.`);
  let vite: typeof ViteModule;
  try {
    vite = await import('vite');
  } catch (err) {
    throw new VouchError('USAGE', 'Building the dashboard needs Vite (a dev dependency): run npm install, then npm run build:web.', { cause: err });
  }
  const tmp = path.join(webDir, `.dist-${process.pid}-${Date.now()}`);
  try {
    await vite.build({ configFile: path.join(webDir, 'vite.config.ts'), root: webDir, logLevel: 'warn', build: { outDir: tmp, emptyOutDir: true } });
    // Another process (a parallel test, a second `vouch demo`) may have finished the same build meanwhile.
    if (options.force === true || dashboardIsStale(webDir)) {
      rmSync(dist, { recursive: true, force: true });
      renameSync(tmp, dist);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return dist;
}

/**
 * The one-click sign-in link to print next to a running server: the dashboard takes the token from
 * the fragment (never sent to the server, so it stays out of access logs) and drops it from the address.
 * @example dashboardLoginUrl('http://127.0.0.1:8080', token) // http://127.0.0.1:8080/#token=vouch_…
 */
export function dashboardLoginUrl(serverUrl: string, token: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/#token=${encodeURIComponent(token)}`;
}
