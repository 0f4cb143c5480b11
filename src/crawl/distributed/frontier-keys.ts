/**
 * Key layout of the Redis frontier. A job's frontier is split into shards; a host belongs to one
 * shard (a stable hash of its name), and every key of a shard carries the same hash tag, so that
 * on a Redis Cluster a shard lives in one slot and each Lua script touches one slot only.
 *
 * - `vouch:jobs`: set of the job keys of running jobs (workers look for work there);
 * - `vouch:job:<jobKey>`: hash with the job's config (JSON) and state;
 * - `vouch:{<job>.s<N>}:<name>`: shard N's keys (see internal/frontier-scripts.ts).
 */

export const JOBS_KEY = 'vouch:jobs';

export function jobKeyOf(jobKey: string): string {
  return `vouch:job:${jobKey}`;
}

/** Prefix of shard `n`'s keys; the tag mixes in the job so that jobs spread over a cluster's slots. */
export function shardPrefix(jobKey: string, n: number): string {
  const id = jobKey.replace(/^crawl:/, '').replace(/[{}]/g, '').slice(0, 16);
  return `vouch:{${id}.s${n}}:`;
}

/**
 * The shard of a host: FNV-1a (32 bit) of its name, modulo the shard count. Stable across
 * processes and versions, so every worker agrees where a host lives.
 */
export function shardOf(host: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < host.length; i++) {
    h ^= host.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shards;
}
