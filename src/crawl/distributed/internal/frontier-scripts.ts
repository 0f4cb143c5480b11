/**
 * The frontier's Lua scripts. Each runs atomically on the server and touches only keys of one
 * shard (one hash tag, `{…:s<N>}`), so every script works on a Redis Cluster. KEYS[1] is the
 * shard's `conf` key (it routes the call); ARGV[1] is the shard's key prefix.
 *
 * Time is the server's (`TIME`, in ms), never a worker's: every worker on every machine compares
 * against one clock. Scripts are replicated by effects (Redis 7), so a replica holds the same state.
 *
 * Per-shard keys (P = prefix):
 * - `conf` hash: perHost, delay, slack, lease (ms) — the job's politeness, set once by the coordinator;
 * - `seen` set: every URL ever added (dedupe); `meta` hash: url → {"h":host,"d":depth,"a":attempts,"c":chain};
 * - `q:<host>` zset: queued URLs of a host, scored by depth (breadth first);
 * - `ready` zset: hosts with queued URLs and a free slot, scored by when they may next start;
 * - `active`, `last`, `cdelay`, `block` hashes by host: leases held, last request start,
 *   robots.txt Crawl-delay (ms), Retry-After hold (until ms);
 * - `leases` zset: url → expiry; `lease` hash: url → token;
 * - `retry` zset: url → when it is due again;
 * - `out` stream: one entry per recorded URL (its page, links and followed URLs) for the store owner;
 * - `stats` hash: queued, leased, retrying, done, failed, seen, reclaimed counters.
 */

const COMMON = `
local P = ARGV[1]
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local conf = redis.call('HMGET', P .. 'conf', 'perHost', 'delay', 'slack', 'lease')
local perHost = tonumber(conf[1] or '1')
local delay = tonumber(conf[2] or '0')
local slack = tonumber(conf[3] or '0')
local leaseMs = tonumber(conf[4] or '60000')
local function num(v, d) if v then return tonumber(v) end return d end
local function gapOf(h)
  local g = math.max(delay, num(redis.call('HGET', P .. 'cdelay', h), 0))
  if g > 0 then g = g + slack end
  return g
end
local function nextAt(h)
  local last = num(redis.call('HGET', P .. 'last', h), -1)
  local at = 0
  if last >= 0 then at = last + gapOf(h) end
  local block = num(redis.call('HGET', P .. 'block', h), 0)
  if block > at then at = block end
  return at
end
local function ready(h)
  if num(redis.call('HGET', P .. 'active', h), 0) < perHost and redis.call('EXISTS', P .. 'q:' .. h) == 1 then
    redis.call('ZADD', P .. 'ready', nextAt(h), h)
  else
    redis.call('ZREM', P .. 'ready', h)
  end
end
local function release(url, h)
  redis.call('ZREM', P .. 'leases', url)
  redis.call('HDEL', P .. 'lease', url)
  if redis.call('HINCRBY', P .. 'active', h, -1) <= 0 then redis.call('HDEL', P .. 'active', h) end
  redis.call('HINCRBY', P .. 'stats', 'leased', -1)
end
`;

/**
 * Add URLs the shard has never seen. ARGV: P, then (url, host, depth, meta JSON) per URL.
 * Returns how many were new.
 */
export const PUSH = `${COMMON}
local added = 0
for i = 2, #ARGV, 4 do
  local url, h = ARGV[i], ARGV[i + 1]
  if redis.call('SADD', P .. 'seen', url) == 1 then
    redis.call('HSET', P .. 'meta', url, ARGV[i + 3])
    redis.call('ZADD', P .. 'q:' .. h, tonumber(ARGV[i + 2]), url)
    ready(h)
    added = added + 1
  end
end
if added > 0 then
  redis.call('HINCRBY', P .. 'stats', 'queued', added)
  redis.call('HINCRBY', P .. 'stats', 'seen', added)
end
return added
`;

/**
 * Lease up to `limit` URLs whose host may start a request now, reserving that start.
 * ARGV: P, limit, worker id. First puts back expired leases and due retries.
 * Returns { waitMs, url1, meta1, token1, ... }: waitMs (when nothing was leased) is how soon
 * something may be due, or -1 when the shard holds no work at all.
 */
export const CLAIM = `${COMMON}
local limit = tonumber(ARGV[2])
local worker = ARGV[3]
local now = nowMs()
local expired = redis.call('ZRANGEBYSCORE', P .. 'leases', '-inf', now, 'LIMIT', 0, 500)
for _, url in ipairs(expired) do
  local m = cjson.decode(redis.call('HGET', P .. 'meta', url))
  release(url, m.h)
  redis.call('ZADD', P .. 'q:' .. m.h, m.d, url)
  redis.call('HINCRBY', P .. 'stats', 'queued', 1)
  redis.call('HINCRBY', P .. 'stats', 'reclaimed', 1)
  ready(m.h)
end
local due = redis.call('ZRANGEBYSCORE', P .. 'retry', '-inf', now, 'LIMIT', 0, 500)
for _, url in ipairs(due) do
  local m = cjson.decode(redis.call('HGET', P .. 'meta', url))
  redis.call('ZREM', P .. 'retry', url)
  redis.call('ZADD', P .. 'q:' .. m.h, m.d, url)
  redis.call('HINCRBY', P .. 'stats', 'retrying', -1)
  redis.call('HINCRBY', P .. 'stats', 'queued', 1)
  ready(m.h)
end
local out = { 0 }
local n = 0
while n < limit do
  local hs = redis.call('ZRANGEBYSCORE', P .. 'ready', '-inf', now, 'LIMIT', 0, 1)
  if #hs == 0 then break end
  local h = hs[1]
  local popped = redis.call('ZPOPMIN', P .. 'q:' .. h)
  if #popped == 0 then
    redis.call('ZREM', P .. 'ready', h)
  else
    local url = popped[1]
    local token = worker .. ':' .. redis.call('HINCRBY', P .. 'stats', 'tokens', 1)
    redis.call('ZADD', P .. 'leases', now + leaseMs, url)
    redis.call('HSET', P .. 'lease', url, token)
    redis.call('HINCRBY', P .. 'active', h, 1)
    redis.call('HSET', P .. 'last', h, now)
    redis.call('HINCRBY', P .. 'stats', 'queued', -1)
    redis.call('HINCRBY', P .. 'stats', 'leased', 1)
    ready(h)
    out[#out + 1] = url
    out[#out + 1] = redis.call('HGET', P .. 'meta', url)
    out[#out + 1] = token
    n = n + 1
  end
end
if n == 0 then
  local soonest = -1
  local function consider(key)
    local first = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    if #first == 2 then
      local w = math.max(0, tonumber(first[2]) - now)
      if soonest < 0 or w < soonest then soonest = w end
    end
  end
  consider(P .. 'ready')
  consider(P .. 'retry')
  consider(P .. 'leases')
  if soonest < 0 and num(redis.call('HGET', P .. 'stats', 'leased'), 0) > 0 then soonest = 100 end
  out[1] = soonest
end
return out
`;

/**
 * Reserve one more request start under a lease (the page after its host's robots.txt).
 * ARGV: P, url, token. Returns 0 (reserved, lease renewed), ms to wait, or -1 (lease lost).
 */
export const START = `${COMMON}
local url, token = ARGV[2], ARGV[3]
if redis.call('HGET', P .. 'lease', url) ~= token then return -1 end
local h = cjson.decode(redis.call('HGET', P .. 'meta', url)).h
local now = nowMs()
local at = nextAt(h)
if now < at then return at - now end
redis.call('HSET', P .. 'last', h, now)
redis.call('ZADD', P .. 'leases', now + leaseMs, url)
ready(h)
return 0
`;

/**
 * Record a leased URL: release the lease and append its result to the shard's stream, in one
 * step. ARGV: P, url, token, 'done'|'failed', payload. Returns 1, or 0 when the lease was lost
 * (expired and taken again): the caller drops its result.
 */
export const COMPLETE = `${COMMON}
local url, token = ARGV[2], ARGV[3]
if redis.call('HGET', P .. 'lease', url) ~= token then return 0 end
local h = cjson.decode(redis.call('HGET', P .. 'meta', url)).h
release(url, h)
redis.call('HDEL', P .. 'meta', url)
redis.call('HINCRBY', P .. 'stats', ARGV[4], 1)
redis.call('XADD', P .. 'out', '*', 'r', ARGV[5])
ready(h)
return 1
`;

/**
 * Put a leased URL back for a later attempt. ARGV: P, url, token, attempts, retry in (ms),
 * Retry-After hold of its host (ms, 0 = none). Returns 1, or 0 when the lease was lost.
 */
export const RETRY = `${COMMON}
local url, token = ARGV[2], ARGV[3]
if redis.call('HGET', P .. 'lease', url) ~= token then return 0 end
local m = cjson.decode(redis.call('HGET', P .. 'meta', url))
local now = nowMs()
release(url, m.h)
m.a = tonumber(ARGV[4])
redis.call('HSET', P .. 'meta', url, cjson.encode(m))
redis.call('ZADD', P .. 'retry', now + tonumber(ARGV[5]), url)
redis.call('HINCRBY', P .. 'stats', 'retrying', 1)
local hold = tonumber(ARGV[6])
if hold > 0 then
  local until_ = now + hold
  if until_ > num(redis.call('HGET', P .. 'block', m.h), 0) then redis.call('HSET', P .. 'block', m.h, until_) end
end
ready(m.h)
return 1
`;

/**
 * Reserve a request start on a host without a lease: a robots.txt redirect that leads to another
 * host (or path). ARGV: P, host. Returns 0 (reserved) or ms to wait.
 */
export const RESERVE = `${COMMON}
local h = ARGV[2]
local now = nowMs()
local at = nextAt(h)
if now < at then return at - now end
redis.call('HSET', P .. 'last', h, now)
ready(h)
return 0
`;

/**
 * A request to a host has just gone out (its headers were written): count the gap from now if
 * that is later than its reservation, so a request that left late still gets the whole gap
 * before the next. ARGV: P, host.
 */
export const SENT = `${COMMON}
local h = ARGV[2]
local now = nowMs()
if now > num(redis.call('HGET', P .. 'last', h), -1) then
  redis.call('HSET', P .. 'last', h, now)
  ready(h)
end
return 0
`;

/** Set a host's robots.txt Crawl-delay. ARGV: P, host, ms (0 clears it). */
export const CRAWL_DELAY = `${COMMON}
local h, ms = ARGV[2], tonumber(ARGV[3])
if ms > 0 then redis.call('HSET', P .. 'cdelay', h, ms) else redis.call('HDEL', P .. 'cdelay', h) end
ready(h)
return 1
`;

/** The shard's counters and its stream length, read together. ARGV: P. */
export const COUNTS = `${COMMON}
local s = redis.call('HGETALL', P .. 'stats')
s[#s + 1] = 'out'
s[#s + 1] = tostring(redis.call('XLEN', P .. 'out'))
return s
`;
