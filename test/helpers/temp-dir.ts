import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temp directory, removed by the returned cleanup. */
export function makeTempDir(prefix = 'vouch-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Absolute path of the shared test data folder (../shared/testdata from the repo root). */
export const SHARED_TESTDATA = path.resolve(import.meta.dirname, '../../../shared/testdata');
