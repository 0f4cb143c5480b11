import { parseLocaleNumber } from './parse-locale-number.js';

const TRUE = new Set(['true', 'yes', 'y', 'x', '✓', '✔', '+', 'on', 'wahr', 'ja', 'oui', 'vrai', 'sí', 'si', 'да']);
const FALSE = new Set(['false', 'no', 'n', '-', 'off', 'falsch', 'nein', 'non', 'faux', 'нет']);

/**
 * A yes/no cell: `true`/`false` (any case), `yes`/`no`, `1`/`0` (`1,0` too), `x`, `✓`, and the
 * localised words spreadsheets write. An empty cell is false: exports leave flags blank when unset.
 * @returns the flag, or null when the text is not a yes/no value.
 */
export function parseFlag(text: string): boolean | null {
  if (text === '0' || text === '') return false;
  if (text === '1') return true;
  const t = text.trim().toLowerCase();
  if (t === '') return false;
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  const n = parseLocaleNumber(t);
  return n === null ? null : n !== 0;
}
