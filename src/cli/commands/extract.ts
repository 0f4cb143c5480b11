import type { Command } from 'commander';
import { globalsOf } from '../globals.js';
import { printReport } from '../output.js';

interface ExtractCliOptions {
  base: string;
  contentType?: string;
  csv?: boolean;
}

/** `vouch extract FILE --base URL`: the links of one saved HTML page, as the crawler would record them. */
export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('list the links of a saved HTML page (use - for stdin), with kind, anchor, rel flags, position and context')
    .argument('<file>', 'HTML file to read, or - for stdin')
    .requiredOption('--base <url>', 'the URL the page was fetched from; relative links resolve against it')
    .option('--content-type <value>', 'the Content-Type header the page came with (for its charset)')
    .option('--csv', 'print CSV')
    .action(async (file: string, options: ExtractCliOptions, command: Command) => {
      const globals = globalsOf(command);
      const { extractFile } = await import('../../extract/index.js');
      const result = await extractFile(file, { url: options.base, contentType: options.contentType ?? null });
      const { page, skipped } = result;
      if (!globals.json && !options.csv && !globals.quiet) {
        const robots = [page.noindex ? 'noindex' : '', page.nofollow ? 'nofollow' : ''].filter(Boolean).join(', ') || '-';
        const skippedTotal = Object.values(skipped).reduce((a, b) => a + b, 0);
        process.stdout.write(
          `page      ${page.url}\ntitle     ${page.title ?? '-'}\nlang      ${page.lang ?? '-'}\ncanonical ${page.canonical ?? '-'}\n` +
            `robots    ${robots}\ncharset   ${page.charset ?? '-'} (${page.charsetSource})\nlinks     ${result.links.length}, skipped ${skippedTotal} ${JSON.stringify(skipped)}\n`,
        );
      }
      const rows = result.links.map((l) => ({
        kind: l.kind,
        dstUrl: l.dstUrl,
        anchor: l.anchor,
        rel: [l.nofollow ? 'nofollow' : '', l.ugc ? 'ugc' : '', l.sponsored ? 'sponsored' : '', l.metaNofollow ? 'meta-nofollow' : ''].filter(Boolean).join(' '),
        position: l.position,
        hidden: l.hidden,
        context: l.context,
      }));
      printReport(
        rows,
        [
          { key: 'kind', header: 'kind' },
          { key: 'dstUrl', header: 'url' },
          { key: 'anchor', header: 'anchor', format: (v) => truncate(String(v), 40) },
          { key: 'rel', header: 'rel' },
          { key: 'position', header: 'position' },
          { key: 'hidden', header: 'hidden' },
          ...(options.csv ? [{ key: 'context' as const, header: 'context' }] : []),
        ],
        { format: globals.json ? 'json' : options.csv ? 'csv' : 'table', payload: result },
      );
    });
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}
