// Regenerates the CLI reference in README.md from the commander definitions.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createProgram } from '../src/cli/program.js';
import { renderCliReference, spliceCliReference } from '../src/cli/internal/render-cli-reference.js';

const readmePath = path.resolve(import.meta.dirname, '../README.md');
const next = spliceCliReference(readFileSync(readmePath, 'utf8'), renderCliReference(createProgram()));
writeFileSync(readmePath, next);
console.log('README.md CLI reference updated');
