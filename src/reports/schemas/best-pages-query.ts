import { z } from 'zod';
import { REL_CLASSES } from './backlinks-query.js';
import { choiceField, enumListField, integerField, limitField, offsetField, orderField, targetField } from './fields.js';

/** How a page answered when last crawled; `unknown` when it was never fetched. */
export const CRAWL_STATUSES = ['ok', 'redirect', 'client-error', 'server-error', 'failed', 'unknown'] as const;
export type CrawlStatus = (typeof CRAWL_STATUSES)[number];

/** `vouch pages` and `GET /api/v1/targets/:target/pages`. */
export const bestPagesQuery = z.strictObject({
  target: targetField,
  rel: enumListField(REL_CLASSES, 'count only links of these rel classes').optional(),
  crawlStatus: enumListField(CRAWL_STATUSES, 'keep pages whose last crawl answered so').optional(),
  minRefDomains: integerField(0, 1_000_000_000, 'at least this many referring domains').optional(),
  sort: choiceField(['refDomains', 'backlinks', 'url', 'status', 'firstSeen', 'lastSeen'], 'sort column').default('refDomains'),
  order: orderField.default('desc'),
  limit: limitField(100, 1000),
  offset: offsetField,
});
export type BestPagesQuery = z.input<typeof bestPagesQuery>;
