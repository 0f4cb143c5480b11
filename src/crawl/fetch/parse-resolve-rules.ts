import { isIP } from 'node:net';
import { ValidationError } from '../../core/errors.js';

/** One `--resolve host=ip[:port]` rule. */
export interface ResolveRule {
  /** Lower-case host name, or `*.suffix` (any subdomain of suffix), or `*` (every host). */
  host: string;
  address: string;
  family: 4 | 6;
  /** Connect to this port whatever the URL's port; null keeps the URL's. */
  port: number | null;
}

/**
 * Parse `--resolve` values: `host=ip`, `host=ip:port`, `host=[v6]`, `host=[v6]:port`, with
 * wildcards `*.test=127.0.0.1` and `*=...`. Throws ValidationError naming the bad value.
 * @example parseResolveRules(['*.test=127.0.0.2:8080']) // [{ host: '*.test', address: '127.0.0.2', family: 4, port: 8080 }]
 */
export function parseResolveRules(specs: readonly string[]): ResolveRule[] {
  return specs.map(parseResolveRule);
}

function parseResolveRule(spec: string): ResolveRule {
  const fail = (why: string): never => {
    throw new ValidationError(`bad --resolve value "${spec}": ${why}`, [{ where: '--resolve', message: why }]);
  };
  const eq = spec.indexOf('=');
  if (eq <= 0) fail('expected host=ip[:port]');
  const host = spec.slice(0, eq).trim().toLowerCase().replace(/\.$/, '');
  if (!/^(\*|(\*\.)?[a-z0-9_-]+(\.[a-z0-9_-]+)*)$/.test(host)) fail(`"${host}" is not a host name or *.suffix`);
  let target = spec.slice(eq + 1).trim();
  let portText: string | null = null;
  if (target.startsWith('[')) {
    const close = target.indexOf(']');
    if (close === -1) fail('unclosed [');
    const rest = target.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) fail('expected :port after ]');
    portText = rest === '' ? null : rest.slice(1);
    target = target.slice(1, close);
  } else if (isIP(target) !== 6) {
    const colon = target.lastIndexOf(':');
    if (colon !== -1) {
      portText = target.slice(colon + 1);
      target = target.slice(0, colon);
    }
  }
  const family = isIP(target);
  if (family === 0) fail(`"${target}" is not an IP address`);
  let port: number | null = null;
  if (portText !== null) {
    port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 1 && port <= 65535)) fail(`"${portText}" is not a port`);
  }
  return { host, address: target, family: family as 4 | 6, port };
}

/** The rule for a host: an exact one first, else the wildcard with the longest suffix, else `*`. */
export function findResolveRule(rules: readonly ResolveRule[], hostname: string): ResolveRule | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  let best: ResolveRule | null = null;
  for (const rule of rules) {
    if (rule.host === host) return rule;
    const matches = rule.host === '*' || (rule.host.startsWith('*.') && host.endsWith(rule.host.slice(1)));
    if (matches && (best === null || rule.host.length > best.host.length)) best = rule;
  }
  return best;
}
