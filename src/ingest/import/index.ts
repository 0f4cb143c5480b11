export { importFile, IMPORT_DEFAULTS } from './import-file.js';
export type { ImportOptions, ImportProgress, ImportSummary } from './import-file.js';
export { CsvParser, CSV_PARSER_DEFAULTS } from './csv-parser.js';
export type { CsvRecord, CsvIssue, CsvParserOptions } from './csv-parser.js';
export { decodeText, detectTextEncoding, DETECT_PREFIX_BYTES, TEXT_ENCODINGS } from './decode-text.js';
export type { DecodedText, DetectedEncoding, TextEncodingName } from './decode-text.js';
export { sniffDelimiter, CSV_DELIMITERS } from './sniff-delimiter.js';
export type { CsvDelimiter, SniffedDelimiter } from './sniff-delimiter.js';
export { detectVendor } from './detect-vendor.js';
export type { DetectedVendor } from './detect-vendor.js';
export { createRowMapper } from './map-row.js';
export type { LinkDraft, MappedRow, RowMapperOptions } from './map-row.js';
export { parseImportDate } from './parse-import-date.js';
export type { DateOrder } from './parse-import-date.js';
export { parseLocaleNumber } from './parse-locale-number.js';
export { parseFlag } from './parse-flag.js';
export { parseLinkType } from './parse-link-type.js';
export type { LinkTypeFacts } from './parse-link-type.js';
export { normalizeHeader, mapColumns } from './vendor-spec.js';
export type { VendorSpec, ImportField, ColumnMap } from './vendor-spec.js';
export {
  VENDOR_SPECS,
  AHREFS_BACKLINKS,
  SEMRUSH_BACKLINKS,
  MAJESTIC_BACKLINKS,
  MOZ_INBOUND_LINKS,
  GSC_LATEST_LINKS,
  GSC_TOP_LINKING_SITES,
} from './vendors/index.js';
