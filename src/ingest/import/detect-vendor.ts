import { ValidationError } from '../../core/errors.js';
import type { ImportVendor } from '../../core/types.js';
import { mapColumns, normalizeHeader } from './vendor-spec.js';
import type { ImportField, VendorSpec } from './vendor-spec.js';
import { VENDOR_SPECS } from './vendors/index.js';

export interface DetectedVendor {
  spec: VendorSpec;
  /** The header, normalised (see normalizeHeader). */
  headers: string[];
}

/**
 * Which export layout a header row is. Each layout whose required columns are all present scores
 * ten points per signature column it has (headers only that vendor writes) plus one per column it
 * recognises; the best score wins. Without `vendor`, a layout with no signature column never wins,
 * and a tie between two vendors is an error that asks for `--from`.
 * @throws ValidationError (INVALID_INPUT) naming the file, the header and what was expected.
 */
export function detectVendor(header: readonly string[], options: { vendor?: ImportVendor | null; file?: string } = {}): DetectedVendor {
  const headers = header.map(normalizeHeader);
  const where = `${options.file ?? 'input'}:1`;
  const candidates = VENDOR_SPECS.filter((s) => options.vendor == null || s.vendor === options.vendor);
  const scored = candidates
    .map((spec) => ({ spec, score: score(spec, headers, options.vendor != null) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (best === undefined) {
    const shown = header.slice(0, 12).map((h) => JSON.stringify(h)).join(', ');
    if (options.vendor != null) {
      const missing = candidates.map((s) => `${s.name}: needs ${missingColumns(s, headers).join(' and ')}`).join('; ');
      throw new ValidationError(`${where}: the header is not a ${options.vendor} export (${missing}). Header: ${shown}`, [{ where, message: missing }]);
    }
    throw new ValidationError(
      `${where}: cannot tell which vendor wrote this export (header: ${shown}). Give --from gsc|ahrefs|semrush|majestic|moz; docs/imports/ lists each vendor's columns.`,
      [{ where, message: 'unknown header' }],
    );
  }
  const runnerUp = scored[1];
  if (runnerUp !== undefined && runnerUp.score === best.score && runnerUp.spec.vendor !== best.spec.vendor) {
    throw new ValidationError(`${where}: the header fits both ${best.spec.vendor} and ${runnerUp.spec.vendor}; say which with --from`, [
      { where, message: 'ambiguous header' },
    ]);
  }
  return { spec: best.spec, headers };
}

function score(spec: VendorSpec, headers: readonly string[], vendorGiven: boolean): number {
  const columns = mapColumns(spec, headers);
  if (!spec.required.every((f) => columns[f] !== undefined)) return 0;
  const signatureHits = spec.signature.filter((h) => headers.includes(h)).length;
  if (signatureHits === 0 && spec.signature.length > 0 && !vendorGiven) return 0;
  return 10 * signatureHits + Object.keys(columns).length;
}

function missingColumns(spec: VendorSpec, headers: readonly string[]): string[] {
  const columns = mapColumns(spec, headers);
  return spec.required.filter((f: ImportField) => columns[f] === undefined).map((f) => `"${spec.columns[f]?.[0] ?? f}"`);
}
