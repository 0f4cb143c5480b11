export { canonicalizeUrl, tryCanonicalizeUrl, tryCanonicalizeUrlWithHost, normalizePercentEncoding } from './canonicalize-url.js';
export { registrableDomain, hostOf, domainOf } from './registrable-domain.js';
export {
  VouchError,
  RetryableError,
  NonRetryableError,
  CriticalError,
  NotFoundError,
  ValidationError,
  toVouchError,
} from './errors.js';
export type { VouchErrorCode, VouchErrorOptions, ValidationIssue } from './errors.js';
export { LINK_KINDS, LINK_POSITIONS } from './types.js';
export type {
  LinkKind,
  LinkPosition,
  ImportVendor,
  RecordSource,
  LinkRecord,
  PageRecord,
  TargetScope,
  Target,
} from './types.js';
