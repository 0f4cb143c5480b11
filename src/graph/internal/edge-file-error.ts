import { ValidationError } from '../../core/errors.js';

/** A ValidationError naming the file and line, e.g. `edges.tsv:12: expected 2 or 3 tab-separated fields`. */
export function edgeFileError(path: string, lineNumber: number, message: string, cause?: unknown): ValidationError {
  const where = lineNumber > 0 ? `${path}:${lineNumber}` : path;
  return new ValidationError(`${where}: ${message}`, [{ where, message }], cause === undefined ? {} : { cause });
}

/** Parse a positive finite weight, or return NaN. */
export function parseWeight(text: string): number {
  if (!/^[0-9.eE+]+$/.test(text)) return Number.NaN;
  const value = Number(text);
  return value > 0 && value < Infinity ? value : Number.NaN;
}
