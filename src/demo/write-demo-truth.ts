/**
 * The ground truth as a JSON file, for tests and tools outside the process that generated it.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ValidationError } from '../core/errors.js';
import type { DemoTruth, DemoWeb } from './types.js';

/**
 * Write `web.truth` to `file` (parent folders are created). One JSON document; links are the bulk.
 * @example await writeDemoTruth(generateDemoWeb(), 'vouch-data/demo/demo-truth-day1.json');
 */
export async function writeDemoTruth(web: DemoWeb | DemoTruth, file: string): Promise<void> {
  const truth = 'truth' in web ? web.truth : web;
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, JSON.stringify(truth) + '\n', 'utf8');
}

/**
 * Read a truth file written by writeDemoTruth.
 * @throws ValidationError when the file is not a demo truth of a known version.
 */
export async function readDemoTruth(file: string): Promise<DemoTruth> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<DemoTruth>;
  if (parsed.version !== 1 || !Array.isArray(parsed.links) || !Array.isArray(parsed.pages)) {
    throw new ValidationError(`${file} is not a demo truth file (version 1)`, [{ where: file, message: 'expected { version: 1, pages: [...], links: [...] }' }]);
  }
  return parsed as DemoTruth;
}
