import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createProgram } from '../../src/cli/program.js';
import { renderCliReference, spliceCliReference } from '../../src/cli/internal/render-cli-reference.js';
import { REPO_ROOT } from '../helpers/run-cli.js';

describe('README', () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

  it('has exactly the two quick-start commands', () => {
    const quick = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 5));
    const commands = [...quick.matchAll(/^npm .*$/gm)].map((m) => m[0]);
    assert.deepEqual(commands, ['npm ci && npm run demo', 'npm ci && npm test']);
  });

  it('keeps the CLI reference in step with --help (run `npm run docs:cli` after changing a command)', () => {
        const expected = spliceCliReference(readme, renderCliReference(createProgram()));
    assert.equal(readme, expected);
  });
});
