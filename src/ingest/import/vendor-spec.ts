import type { ImportVendor } from '../../core/types.js';

/** The link facts an export's columns can carry. */
export type ImportField =
  | 'source'
  | 'target'
  | 'site'
  | 'anchor'
  | 'leftContext'
  | 'rightContext'
  | 'type'
  | 'nofollow'
  | 'ugc'
  | 'sponsored'
  | 'image'
  | 'redirect'
  | 'firstSeen'
  | 'lastSeen'
  | 'lost'
  | 'lostReason';

/**
 * One export layout of one vendor, as data: which header names fill which field. A vendor may
 * have several layouts (Search Console's "Latest links" and "Top linking sites").
 */
export interface VendorSpec {
  vendor: ImportVendor;
  /** The export's name in the vendor's UI, for messages and docs. */
  name: string;
  /** Normalised header names (see normalizeHeader) per field, most common spelling first. */
  columns: Partial<Record<ImportField, readonly string[]>>;
  /** Fields without which a row is not a link. */
  required: readonly ImportField[];
  /**
   * Normalised headers that set this vendor's exports apart; detection needs one of them. Empty when
   * the required columns are distinctive enough on their own.
   */
  signature: readonly string[];
  /** The export has no target column: every row links to `--target`. */
  targetFromOption?: boolean;
}

/** `" Referring Page URL "` → `referring page url`: lower case, single spaces, no BOM, no surrounding quotes. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .replace(/:$/, '')
    .trim()
    .toLowerCase();
}

/** Column index of each field the header has, for one spec. */
export type ColumnMap = Partial<Record<ImportField, number>>;

/** Where each of the spec's fields sits in this header (first matching spelling wins). */
export function mapColumns(spec: VendorSpec, headers: readonly string[]): ColumnMap {
  const map: ColumnMap = {};
  for (const [field, names] of Object.entries(spec.columns) as Array<[ImportField, readonly string[]]>) {
    for (const name of names) {
      const index = headers.indexOf(name);
      if (index !== -1) {
        map[field] = index;
        break;
      }
    }
  }
  return map;
}
