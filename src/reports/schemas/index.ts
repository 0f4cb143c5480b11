// The filter schemas alone, for faces that declare options up front (CLI flags) without loading the reports.
export { backlinksQuery, backlinksExportQuery, REL_CLASSES, LINK_STATES, BACKLINK_SORTS } from './backlinks-query.js';
export { refDomainsQuery, REF_DOMAIN_SORTS } from './ref-domains-query.js';
export { anchorsQuery } from './anchors-query.js';
export { bestPagesQuery, CRAWL_STATUSES } from './best-pages-query.js';
export { brokenBacklinksQuery } from './broken-backlinks-query.js';
export { linkIntersectQuery, MAX_COMPETITORS } from './link-intersect-query.js';
export { backlinkHistoryQuery } from './backlink-history-query.js';
export { outlinksQuery } from './outlinks-query.js';
export { addTargetInput, listTargetsInput, targetRefInput } from './target-input.js';
export { fieldShape, booleanField } from './fields.js';
export type { FieldShape } from './fields.js';
export { describeFilters } from '../describe-filters.js';
export type { FilterSpec } from '../describe-filters.js';
