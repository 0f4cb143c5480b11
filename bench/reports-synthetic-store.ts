/**
 * A synthetic store for the report benchmarks, built by DuckDB itself (`INSERT … SELECT FROM range()`),
 * so that 10M links take seconds, not a JS loop's minutes.
 *
 * Shape, for `links` rows in total (default 10M): one target (target.test) gets links/10 backlinks
 * from links/200 referring domains (1M from 50k at the default size); three competitors share
 * links/10 more, from a domain range twice as wide (half overlapping the target's referrers); the
 * remaining 80% go between 200k other domains. Rows are in generation order, so every destination is
 * spread across the whole table the way a crawl writes it (no zone map can skip the target's rows).
 * 90% of source domains have an authority; 10% of links are lost.
 */
import { openStore } from '../src/store/index.js';
import type { DuckDbStore } from '../src/store/index.js';

export interface SyntheticReportStore {
  store: DuckDbStore;
  links: number;
  targetBacklinks: number;
  targetDomains: number;
  buildMs: number;
}

const KEYWORDS = ['buy cheap widgets', 'cheap widgets', 'best widgets online', 'widgets for sale'];

export async function buildSyntheticReportStore(dataDir: string, links: number): Promise<SyntheticReportStore> {
  const started = performance.now();
  const store = await openStore({ dataDir });
  const targetDomains = Math.max(10, Math.floor(links / 200));
  const otherDomains = Math.max(100, Math.floor(links / 50));
  const destinations = Math.max(100, Math.floor(links / 100));
  const keywordList = `[${KEYWORDS.map((k) => `'${k}'`).join(', ')}]`;
  await store.run(`INSERT INTO links (id, link_key, src_url, dst_url, src_host, src_domain, dst_host, dst_domain, kind, anchor, nofollow, ugc,
      sponsored, meta_nofollow, hidden, position, context, http_status, first_seen, last_seen, lost_at, lost_reason, source)
    WITH s AS (
      SELECT i, h, h2,
        CASE WHEN i % 10 = 0 THEN 0 WHEN i % 10 = 1 THEN 1 + (h2 % 3)::INTEGER ELSE 4 END AS c,
        TIMESTAMP '2024-01-01' + to_days(((h >> 44) % 700)::INTEGER) AS seen
      FROM (SELECT range AS i, hash(range) AS h, hash(range + 2654435761) AS h2 FROM range(${links}))
    ), t AS (
      SELECT *,
        'site' || CASE c WHEN 0 THEN h % ${targetDomains} WHEN 4 THEN h % ${otherDomains} ELSE h % ${targetDomains * 2} END || '.test' AS src_domain,
        CASE c WHEN 0 THEN 'target.test' WHEN 1 THEN 'rival1.test' WHEN 2 THEN 'rival2.test' WHEN 3 THEN 'rival3.test'
          ELSE 'dest' || (h2 % ${destinations}) || '.test' END AS dst_domain
      FROM s
    )
    SELECT i + 1, i::UHUGEINT,
      'http://www.' || src_domain || '/post/' || ((h2 >> 8) % 200),
      'http://www.' || dst_domain || '/p/' || ((h2 >> 16) % 20000),
      'www.' || src_domain, src_domain, 'www.' || dst_domain, dst_domain,
      CASE WHEN (h >> 20) % 100 < 5 THEN 'img' WHEN (h >> 20) % 100 = 5 THEN 'redirect' ELSE 'a' END,
      CASE WHEN (h2 >> 24) % 20 < 4 THEN ${keywordList}[((h2 >> 24) % 4 + 1)::INTEGER]
           WHEN (h2 >> 24) % 20 < 7 THEN 'Target Shop' WHEN (h2 >> 24) % 20 < 9 THEN 'click here'
           WHEN (h2 >> 24) % 20 = 9 THEN '' WHEN (h2 >> 24) % 20 = 10 THEN 'http://www.target.test/'
           ELSE 'an article about topic ' || ((h2 >> 32) % 300) END,
      (h >> 24) % 100 < 15, (h >> 28) % 100 < 3, (h >> 32) % 100 < 2, (h >> 36) % 100 < 1, false,
      ['header', 'nav', 'main', 'aside', 'footer', 'body'][((h >> 40) % 6 + 1)::INTEGER], '', NULL,
      seen, seen + to_days(((h2 >> 44) % 60)::INTEGER),
      CASE WHEN (h2 >> 50) % 10 = 0 THEN seen + to_days(61) END, CASE WHEN (h2 >> 50) % 10 = 0 THEN 'link-removed' END, 'crawl'
    FROM t ORDER BY i`);
  const domainCount = Math.max(otherDomains, targetDomains * 2);
  await store.run(`INSERT INTO domains (domain, authority)
    SELECT 'site' || range || '.test', CASE WHEN hash(range) % 10 = 0 THEN NULL ELSE (hash(range) >> 8) % 10000 / 100.0 END FROM range(${domainCount})`);
  await store.run(`INSERT INTO targets (name, value, scope, own, brand_terms, keywords, created_at) VALUES
    ('target', 'target.test', 'domain', true, ['target shop'], ${keywordList}, now()::TIMESTAMP),
    ('rival1', 'rival1.test', 'domain', false, [], [], now()::TIMESTAMP),
    ('rival2', 'rival2.test', 'domain', false, [], [], now()::TIMESTAMP),
    ('rival3', 'rival3.test', 'domain', false, [], [], now()::TIMESTAMP)`);
  await store.run(`CHECKPOINT`);
  const row = await store.one<{ n: bigint; d: bigint }>(`SELECT count(*) AS n, count(DISTINCT src_domain) AS d FROM links WHERE dst_domain = 'target.test'`);
  return { store, links, targetBacklinks: Number(row?.n ?? 0), targetDomains: Number(row?.d ?? 0), buildMs: performance.now() - started };
}
