/**
 * The inputs of `vouch ingest --queue FILES|LISTFILE`: WARC/WAT locations given directly, and list
 * files (`*.paths`, `*.txt`, `*.list`, optionally gzipped, as Common Crawl's `warc.paths.gz`) that
 * name one location a line. A line that is neither a URL nor an absolute path is joined to `baseUrl`
 * when given (`https://data.commoncrawl.org/` for Common Crawl's relative keys), else to the list
 * file's folder. Blank lines and `#` comments are skipped.
 */
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { ValidationError } from '../../core/errors.js';
import { fileIdentity } from './file-job-id.js';
import { isUrlLocation } from '../warc/open-byte-source.js';

const LIST_FILE = /\.(paths|txt|list)(\.gz)?$/i;

/** True for a name that `expandLocations` reads as a list of locations. */
export function isLocationList(location: string): boolean {
  return !isUrlLocation(location) && LIST_FILE.test(location);
}

/**
 * Every location named, in order, duplicates dropped, local paths made absolute (workers may run in
 * another folder). Local files must exist when listed directly; a list file's entries are checked by
 * the worker that takes them (a missing one fails its own job, naming the file).
 * @throws ValidationError (INVALID_CONFIG) for a missing file or list.
 */
export async function expandLocations(inputs: readonly string[], options: { baseUrl?: string | null } = {}): Promise<string[]> {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (location: string): void => {
    const identity = fileIdentity(location);
    if (seen.has(identity)) return;
    seen.add(identity);
    out.push(identity);
  };
  for (const input of inputs) {
    if (!isUrlLocation(input) && !existsSync(input)) {
      throw new ValidationError(`${input}: no such file`, [{ where: input, message: 'no such file' }], { code: 'INVALID_CONFIG' });
    }
    if (!isLocationList(input)) {
      add(input);
      continue;
    }
    const stream = createReadStream(input);
    const lines = createInterface({ input: input.toLowerCase().endsWith('.gz') ? stream.pipe(createGunzip()) : stream, crlfDelay: Infinity });
    for await (const raw of lines) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      if (isUrlLocation(line) || path.isAbsolute(line)) add(line);
      else if (options.baseUrl) add(new URL(line, options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`).href);
      else add(path.resolve(path.dirname(input), line));
    }
  }
  return out;
}
