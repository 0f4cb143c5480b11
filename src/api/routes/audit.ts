import { z } from 'zod';
import type { Context } from 'hono';
import {
  addDisavowEntries,
  auditQuery,
  auditTarget,
  buildDisavow,
  disavowBody,
  disavowFileQuery,
  disavowListQuery,
  listDisavowEntries,
  listOverrides,
  overrideBody,
  overrideListQuery,
  removeDisavowEntries,
  removeOverrides,
  runAuditBody,
  setOverrides,
  storedAudit,
} from '../../audit/index.js';
import type { DisavowEntry } from '../../audit/index.js';
import { ValidationError } from '../../core/errors.js';
import { parseReportInput, resolveTarget } from '../../reports/index.js';
import type { TargetRecord } from '../../reports/index.js';
import type { Store } from '../../store/index.js';
import type { ApiEnv, ApiRoute } from './api-route.js';

const targetOnly = z.strictObject({ target: z.string().trim().min(1).max(2000) });

/**
 * The target and the JSON body of a write, validated; query parameters other than the path's are
 * refused. An unknown target is a 404 before the body is looked at.
 */
async function jsonBody<S extends z.ZodType>(c: Context<ApiEnv>, store: Store, input: Record<string, unknown>, schema: S): Promise<{ target: TargetRecord; body: z.output<S> }> {
  const target = await resolveTarget(store, parseReportInput(targetOnly, input).target);
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ValidationError('Invalid parameter body: expected a JSON object', [{ where: 'body', message: 'expected a JSON object' }]);
  }
  return { target, body: parseReportInput(schema, raw) };
}

function entriesOf(body: { domains?: string[] | undefined; urls?: string[] | undefined; comment?: string | undefined }): (DisavowEntry & { comment: string | null })[] {
  const comment = body.comment ?? null;
  return [...(body.domains ?? []).map((value) => ({ kind: 'domain' as const, value, comment })), ...(body.urls ?? []).map((value) => ({ kind: 'url' as const, value, comment }))];
}

/** The link audit (toxicity, markers, evidence), the disavow list and file, and the whitelist/blacklist of a target. */
export const auditRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/targets/:target/audit',
    operationId: 'getAudit',
    summary: 'The last audit of a target: referring domains with toxicity 0-100, the markers that fired and their evidence',
    description: 'Most toxic first. Run an audit with POST (or `vouch audit`); before the first one, rows is empty and computedAt null.',
    tag: 'audit',
    params: auditQuery,
    notFound: true,
    success: { status: 200, contentType: 'application/json', description: 'one page of audited domains, with link scores' },
    handle: async ({ c, store, input }) => {
      const { target: ref, ...q } = parseReportInput(auditQuery, input);
      const target = await resolveTarget(store, ref);
      const page = await storedAudit(store, target.id, q);
      return c.json({ target: { id: target.id, name: target.name, value: target.value, scope: target.scope }, limit: q.limit, offset: q.offset, ...page });
    },
  },
  {
    method: 'post',
    path: '/targets/:target/audit',
    operationId: 'runAudit',
    summary: 'Audit a target now and store the result',
    tag: 'audit',
    params: targetOnly,
    body: runAuditBody,
    write: true,
    notFound: true,
    success: { status: 200, contentType: 'application/json', description: 'the summary of the new audit' },
    handle: async ({ c, store, input }) => {
      const { target, body } = await jsonBody(c, store, input, runAuditBody);
      const result = await auditTarget(store, String(target.id), { keywords: body.keywords ?? null, ...(body.threshold === undefined ? {} : { threshold: body.threshold }) });
      return c.json({ target: result.target, computedAt: result.computedAt, threshold: result.threshold, keywords: result.keywords, summary: result.summary });
    },
  },
  {
    method: 'get',
    path: '/targets/:target/disavow',
    operationId: 'listDisavow',
    summary: 'The disavow entries kept for a target (yours, and those the last disavow run generated)',
    tag: 'audit',
    params: disavowListQuery,
    notFound: true,
    success: { status: 200, contentType: 'application/json', description: 'the entries' },
    handle: async ({ c, store, input }) => {
      const q = parseReportInput(disavowListQuery, input);
      const target = await resolveTarget(store, q.target);
      return c.json({ entries: await listDisavowEntries(store, target.id, q.source === 'all' ? undefined : q.source) });
    },
  },
  {
    method: 'post',
    path: '/targets/:target/disavow',
    operationId: 'addDisavow',
    summary: 'Add domains or URLs to the target\'s disavow list',
    description: 'Body: {"domains": [...]} and/or {"urls": [...]}, with an optional comment. Entries already there are skipped.',
    tag: 'audit',
    params: targetOnly,
    body: disavowBody,
    write: true,
    notFound: true,
    success: { status: 201, contentType: 'application/json', description: 'the entries added' },
    handle: async ({ c, store, input }) => {
      const { target, body } = await jsonBody(c, store, input, disavowBody);
      return c.json({ added: await addDisavowEntries(store, target.id, entriesOf(body), 'user') }, 201);
    },
  },
  {
    method: 'delete',
    path: '/targets/:target/disavow',
    operationId: 'removeDisavow',
    summary: 'Remove domains or URLs from the target\'s disavow list',
    description: 'Body: {"domains": [...]} and/or {"urls": [...]}.',
    tag: 'audit',
    params: targetOnly,
    body: disavowBody,
    write: true,
    notFound: true,
    success: { status: 200, contentType: 'application/json', description: 'how many entries were removed' },
    handle: async ({ c, store, input }) => {
      const { target, body } = await jsonBody(c, store, input, disavowBody);
      return c.json({ removed: await removeDisavowEntries(store, target.id, entriesOf(body)) });
    },
  },
  {
    method: 'get',
    path: '/targets/:target/disavow.txt',
    operationId: 'getDisavowFile',
    summary: 'The disavow file for Google Search Console, from the last audit, the blacklist and your entries',
    description: 'UTF-8 (ASCII) text, Google\'s rules checked. Reads the stored audit; nothing is written.',
    tag: 'audit',
    params: disavowFileQuery,
    notFound: true,
    success: { status: 200, contentType: 'text/plain', description: 'the disavow file, as an attachment' },
    handle: async ({ c, store, input }) => {
      const q = parseReportInput(disavowFileQuery, input);
      const target = await resolveTarget(store, q.target);
      const built = await buildDisavow(store, q.target, { threshold: q.threshold, level: q.level, audit: 'never', save: false });
      const name = `disavow-${target.name.replace(/[^A-Za-z0-9._-]+/g, '_')}.txt`;
      return c.body(built.text, 200, { 'content-type': 'text/plain; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
    },
  },
  {
    method: 'get',
    path: '/targets/:target/whitelist',
    operationId: 'listOverrides',
    summary: 'The target\'s whitelist (domains never toxic) or blacklist (always toxic)',
    tag: 'audit',
    params: overrideListQuery,
    notFound: true,
    success: { status: 200, contentType: 'application/json', description: 'the overrides' },
    handle: async ({ c, store, input }) => {
      const q = parseReportInput(overrideListQuery, input);
      const target = await resolveTarget(store, q.target);
      return c.json({ overrides: await listOverrides(store, target.id, q.list === 'all' ? undefined : q.list) });
    },
  },
  {
    method: 'post',
    path: '/targets/:target/whitelist',
    operationId: 'addOverrides',
    summary: 'Put domains on the target\'s whitelist (default) or blacklist',
    description: 'Body: {"domains": [...], "list": "whitelist" | "blacklist"}. A domain moves off the other list. Takes effect in the next audit and disavow file.',
    tag: 'audit',
    params: targetOnly,
    body: overrideBody,
    write: true,
    notFound: true,
    success: { status: 201, contentType: 'application/json', description: 'the stored overrides' },
    handle: async ({ c, store, input }) => {
      const { target, body } = await jsonBody(c, store, input, overrideBody);
      return c.json({ overrides: await setOverrides(store, target.id, body.list, body.domains, body.comment ?? null) }, 201);
    },
  },
  {
    method: 'delete',
    path: '/targets/:target/whitelist',
    operationId: 'removeOverrides',
    summary: 'Take domains off the target\'s whitelist (default) or blacklist',
    tag: 'audit',
    params: targetOnly,
    body: overrideBody,
    write: true,
    notFound: true,
    success: { status: 200, contentType: 'application/json', description: 'how many were removed' },
    handle: async ({ c, store, input }) => {
      const { target, body } = await jsonBody(c, store, input, overrideBody);
      return c.json({ removed: await removeOverrides(store, target.id, body.domains, body.list) });
    },
  },
];
