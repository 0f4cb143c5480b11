/**
 * Run every `test/**\/*.test.ts` through node:test. Node 20's `--test` takes no glob, so the files
 * are listed here. Extra arguments narrow the run to files whose path contains any of them.
 * The browser tests (test/e2e) run last and alone: they measure the dashboard's load time, which
 * means nothing while other test files load both cores.
 * @example node --import tsx scripts/run-tests.ts test/store
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...testFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.test.ts')) out.push(full);
  }
  return out.sort();
}

const filters = process.argv.slice(2);
const files = testFiles('test').filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (files.length === 0) {
  process.stderr.write(`no test files match ${filters.join(' ')}\n`);
  process.exit(1);
}
function runNodeTest(list: readonly string[], concurrency: string): number {
  if (list.length === 0) return 0;
  return spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...list], { stdio: 'inherit' }).status ?? 1;
}

const isBrowserTest = (f: string): boolean => f.startsWith(path.join('test', 'e2e') + path.sep);
const unit = runNodeTest(files.filter((f) => !isBrowserTest(f)), process.env.VOUCH_TEST_CONCURRENCY ?? '2');
const browser = runNodeTest(files.filter(isBrowserTest), '1');
process.exit(unit !== 0 ? unit : browser);
