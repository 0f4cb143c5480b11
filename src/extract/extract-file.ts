import { createReadStream } from 'node:fs';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { tryCanonicalizeUrl } from '../core/canonicalize-url.js';
import { createLinkExtractor } from './create-link-extractor.js';
import type { ExtractOptions, ExtractResult } from './types.js';

/**
 * Stream a saved HTML file (or stdin for `-`) through the link extractor.
 * @throws ValidationError INVALID_URL for a bad `options.url`, NotFoundError for a missing file.
 * @example const { links } = await extractFile('page.html', { url: 'https://blog.test/post' });
 */
export async function extractFile(file: string, options: ExtractOptions): Promise<ExtractResult> {
  if (tryCanonicalizeUrl(options.url) === null) {
    throw new ValidationError(`--base is not an http(s) URL: ${JSON.stringify(options.url)}`, [{ where: '--base', message: options.url }], { code: 'INVALID_URL' });
  }
  const extractor = createLinkExtractor(options);
  const stream = file === '-' ? process.stdin : createReadStream(file);
  try {
    for await (const chunk of stream) extractor.write(chunk as Buffer);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError(`no such file: ${file}`, { cause: err });
    throw err;
  }
  return extractor.end();
}
