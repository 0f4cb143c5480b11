/**
 * One CSV row of a vendor export → the link it describes, or the reason it cannot be one. Every
 * vendor goes through this one mapping; the vendors differ only in their column tables
 * (vendors/*.ts).
 */
import { tryCanonicalizeUrlWithHost } from '../../core/canonicalize-url.js';
import { ValidationError } from '../../core/errors.js';
import type { LinkKind } from '../../core/types.js';
import { parseFlag } from './parse-flag.js';
import { parseImportDate } from './parse-import-date.js';
import type { DateOrder } from './parse-import-date.js';
import { parseLinkType } from './parse-link-type.js';
import { mapColumns } from './vendor-spec.js';
import type { ImportField, VendorSpec } from './vendor-spec.js';

/** A mapped row: canonical URLs, flags and dates, before the importer fills in defaults. */
export interface LinkDraft {
  srcUrl: string;
  srcHost: string;
  dstUrl: string;
  dstHost: string;
  kind: LinkKind;
  anchor: string;
  context: string;
  nofollow: boolean;
  ugc: boolean;
  sponsored: boolean;
  httpStatus: number | null;
  firstSeen: Date | null;
  lastSeen: Date | null;
  /** The export says the link is gone. */
  lost: boolean;
  /** When it went, if the export says; otherwise the importer uses last seen. */
  lostAt: Date | null;
  lostReason: string | null;
}

export type MappedRow = { link: LinkDraft; error?: undefined } | { error: string; link?: undefined };

export interface RowMapperOptions {
  /** The page every row links to when the export has no target column (Search Console). */
  target?: string | null;
  /** Reading of `a/b/yyyy` dates; shared across the file's rows. */
  dateOrder?: DateOrder;
}

const ANCHOR_MAX_CHARS = 500;
const CONTEXT_SIDE_CHARS = 50;
const FLAG_WORD = /^(true|false|yes|no|y|n|x|[01])$/i;

/**
 * Build the row mapper for one file: the column positions are looked up once.
 * @throws ValidationError (USAGE) when the export has no target column and no `target` was given, or the target is not a URL.
 */
export function createRowMapper(spec: VendorSpec, headers: readonly string[], options: RowMapperOptions = {}): (fields: readonly string[]) => MappedRow {
  const columns = mapColumns(spec, headers);
  const dateOrder = options.dateOrder ?? { order: 'auto' };
  // Exports repeat the same few hundred dates: parse each spelling once (a/b/yyyy ones excepted,
  // since how they read can change once the file settles the order).
  const dates = new Map<string, Date | null | { error: string }>();
  const dateOf = (text: string): Date | null | { error: string } => {
    let d = dates.get(text);
    if (d === undefined) {
      d = parseImportDate(text, dateOrder);
      if (!text.includes('/') || dateOrder.order !== 'auto' || dateOrder.locked !== undefined) {
        if (dates.size >= 10_000) dates.clear();
        dates.set(text, d);
      }
    }
    return d;
  };
  let fixedTarget: { url: string; host: string } | null = null;
  if (spec.targetFromOption === true || columns.target === undefined) {
    fixedTarget = options.target == null ? null : tryCanonicalizeUrlWithHost(withScheme(options.target));
    if (fixedTarget === null) {
      const why = options.target == null ? `the ${spec.name} names no target page; give the page or site it links to with --target URL` : `--target ${options.target} is not an http(s) URL`;
      throw new ValidationError(why, [{ where: '--target', message: why }], { code: 'USAGE' });
    }
  }
  /** The file's own header of a field, for messages. */
  const headerOf = (field: ImportField): string => {
    const index = columns[field];
    return `"${index === undefined ? (spec.columns[field]?.[0] ?? field) : headers[index]}"`;
  };
  const cell = (fields: readonly string[], field: ImportField): string => {
    const index = columns[field];
    return index === undefined ? '' : (fields[index] ?? '');
  };

  return (fields) => {
    if (fields.length > headers.length && fields.slice(headers.length).some((f) => f.trim() !== '')) {
      return { error: `${fields.length} fields, but the header has ${headers.length}` };
    }
    let src: { url: string; host: string } | null;
    if (columns.site !== undefined) {
      const site = cell(fields, 'site').trim();
      if (site === '') return { error: 'empty site' };
      src = /^[^/:?#\s]+$/.test(site) ? tryCanonicalizeUrlWithHost(`http://${site}/`) : null;
      if (src === null) return { error: `site ${JSON.stringify(site.slice(0, 100))} is not a host name` };
    } else {
      const text = cell(fields, 'source').trim();
      if (text === '') return { error: `empty ${headerOf('source')}` };
      src = tryCanonicalizeUrlWithHost(withScheme(text));
      if (src === null) return { error: `${headerOf('source')} is not an http(s) URL: ${JSON.stringify(text.slice(0, 100))}` };
    }
    let dst = fixedTarget;
    if (dst === null) {
      const text = cell(fields, 'target').trim();
      if (text === '') return { error: `empty ${headerOf('target')}` };
      dst = tryCanonicalizeUrlWithHost(withScheme(text));
      if (dst === null) return { error: `${headerOf('target')} is not an http(s) URL: ${JSON.stringify(text.slice(0, 100))}` };
    }

    const type = parseLinkType(cell(fields, 'type'));
    let kind = type.kind;
    const flags = { nofollow: type.nofollow, ugc: type.ugc, sponsored: type.sponsored, image: false, redirect: false };
    for (const field of ['nofollow', 'ugc', 'sponsored', 'image', 'redirect'] as const) {
      if (columns[field] === undefined) continue;
      const value = parseFlag(cell(fields, field));
      if (value === null) return { error: `${headerOf(field)} is not a yes/no value: ${JSON.stringify(cell(fields, field).slice(0, 40))}` };
      flags[field] ||= value;
    }
    if (flags.redirect) kind = 'redirect';
    else if (flags.image && kind === 'a') kind = 'img';

    const dates: Partial<Record<'firstSeen' | 'lastSeen', Date | null>> = {};
    for (const field of ['firstSeen', 'lastSeen'] as const) {
      const value = dateOf(cell(fields, field));
      if (value !== null && !(value instanceof Date)) return { error: `${headerOf(field)}: ${value.error}` };
      dates[field] = value;
    }
    let lost = false;
    let lostAt: Date | null = null;
    const lostText = cell(fields, 'lost').trim();
    if (lostText !== '') {
      if (FLAG_WORD.test(lostText)) lost = parseFlag(lostText) === true;
      else {
        const value = dateOf(lostText);
        if (value !== null && !(value instanceof Date)) return { error: `${headerOf('lost')}: ${value.error}` };
        lost = value !== null;
        lostAt = value;
      }
    }

    const anchor = collapse(cell(fields, 'anchor')).slice(0, ANCHOR_MAX_CHARS);
    const left = collapse(cell(fields, 'leftContext'));
    const right = collapse(cell(fields, 'rightContext'));
    // Vendors cut the context at the anchor; rejoin with a space unless punctuation follows.
    const after = right.slice(0, CONTEXT_SIDE_CHARS);
    const context = left === '' && right === '' ? '' : `${left.slice(-CONTEXT_SIDE_CHARS)} ${anchor}${/^[,.;:!?)]/.test(after) ? '' : ' '}${after}`.trim();
    const reason = collapse(cell(fields, 'lostReason'));
    return {
      link: {
        srcUrl: src.url,
        srcHost: src.host,
        dstUrl: dst.url,
        dstHost: dst.host,
        kind,
        anchor,
        context,
        nofollow: flags.nofollow,
        ugc: flags.ugc,
        sponsored: flags.sponsored,
        httpStatus: kind === 'redirect' ? type.httpStatus : null,
        firstSeen: dates.firstSeen ?? null,
        lastSeen: dates.lastSeen ?? null,
        lost,
        lostAt,
        lostReason: reason === '' ? null : reason.slice(0, 200),
      },
    };
  };
}

/** Exports drop the scheme now and then (`example.com/page`); such a value is read as http. */
function withScheme(text: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('//') ? text : `http://${text}`;
}

function collapse(text: string): string {
  // Most cells have single inner spaces and no edges to trim: skip the regex then.
  return /\s\s|[^ \S]|^\s|\s$/.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

