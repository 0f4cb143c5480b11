import type { Context } from 'hono';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import {
  addNoteBody,
  draftBody,
  draftOutreach,
  findProspects,
  findProspectsQuery,
  getProspect,
  listProspects,
  listProspectsInput,
  prospectIdParam,
  saveProspects,
  updateProspect,
  updateProspectBody,
} from '../../prospect/index.js';
import { parseReportInput, resolveTarget } from '../../reports/index.js';
import type { Store } from '../../store/index.js';
import type { ApiRoute } from './api-route.js';

/** The JSON body of a POST, validated; an empty body is an empty object. */
async function jsonBody(c: Context, input: Record<string, unknown>, pathKeys: readonly string[]): Promise<Record<string, unknown>> {
  const extra = Object.keys(input).filter((k) => !pathKeys.includes(k));
  if (extra.length > 0) throw new ValidationError('Invalid parameter: this operation takes a JSON body, not query parameters', extra.map((k) => ({ where: k, message: 'unknown parameter' })));
  const text = await c.req.text();
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ValidationError('Invalid parameter body: expected a JSON object', [{ where: 'body', message: 'expected a JSON object' }]);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ValidationError('Invalid parameter body: expected a JSON object', [{ where: 'body', message: 'expected a JSON object' }]);
  return body as Record<string, unknown>;
}

/** The prospect named in the path; a malformed id is as unknown as a missing one. */
async function existingId(store: Store, input: Record<string, unknown>): Promise<number> {
  const { id } = parseReportInput(prospectIdParam, { id: input.id });
  if (!/^\d{1,15}$/.test(id)) throw new NotFoundError(`No prospect with id ${JSON.stringify(id)}`);
  return (await getProspect(store, Number(id))).id;
}

/** Prospecting and the outreach pipeline. The API renders drafts but never sends mail (the CLI does, with --send). */
export const prospectRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/targets/:target/prospects',
    operationId: 'findProspects',
    summary: 'Rank link prospects for a target: link gap, broken links, lost competitor links, unlinked mentions, resource pages',
    tag: 'prospects',
    params: findProspectsQuery,
    notFound: true,
    success: { status: 200, contentType: 'application/json', description: 'the prospects, best first, each with its source, explanation and score' },
    handle: async ({ c, store, input }) => c.json(await findProspects(store, input as never)),
  },
  {
    method: 'post',
    path: '/targets/:target/prospects',
    operationId: 'saveProspects',
    summary: 'Find prospects (body: the same parameters as the GET) and put them into the pipeline as new',
    tag: 'prospects',
    body: findProspectsQuery.omit({ target: true }),
    write: true,
    notFound: true,
    success: { status: 201, contentType: 'application/json', description: 'the saved prospects' },
    handle: async ({ c, store, input }) => {
      const target = await resolveTarget(store, String(input.target));
      const body = await jsonBody(c, input, ['target']);
      const found = await findProspects(store, { ...body, target: String(target.id) } as never);
      return c.json({ prospects: await saveProspects(store, target.id, found.rows) }, 201);
    },
  },
  {
    method: 'get',
    path: '/prospects',
    operationId: 'listProspects',
    summary: 'The outreach pipeline, filtered by target, status, kind, tag or follow-up date',
    tag: 'prospects',
    params: listProspectsInput,
    success: { status: 200, contentType: 'application/json', description: 'the prospects, with notes' },
    handle: async ({ c, store, input }) => {
      const q = parseReportInput(listProspectsInput, input);
      let targetId: number | undefined;
      if (q.target !== undefined) {
        try {
          targetId = (await resolveTarget(store, q.target)).id;
        } catch (err) {
          // A filter naming no target is a bad parameter, as an unknown competitor is in the reports.
          if (err instanceof NotFoundError) throw new ValidationError(`Invalid parameter target: no target named ${JSON.stringify(q.target)}`, [{ where: 'target', message: 'no such target' }]);
          throw err;
        }
      }
      const prospects = await listProspects(store, { ...(targetId === undefined ? {} : { targetId }), ...(q.status ? { status: q.status } : {}), ...(q.kind ? { kind: q.kind } : {}), ...(q.tag ? { tag: q.tag } : {}), ...(q.dueBy ? { dueBy: q.dueBy } : {}) });
      return c.json({ prospects });
    },
  },
  {
    method: 'post',
    path: '/prospects/:id',
    operationId: 'updateProspect',
    summary: 'Change a prospect: status (along the allowed transitions), follow-up date, tags, and a note',
    tag: 'prospects',
    params: prospectIdParam,
    body: updateProspectBody,
    write: true,
    notFound: true,
    success: { status: 200, contentType: 'application/json', description: 'the prospect after the change' },
    handle: async ({ c, store, input }) => {
      const id = await existingId(store, input);
      const change = parseReportInput(updateProspectBody, await jsonBody(c, input, ['id']));
      return c.json(await updateProspect(store, id, change));
    },
  },
  {
    method: 'post',
    path: '/prospects/:id/notes',
    operationId: 'addProspectNote',
    summary: 'Add a note to a prospect',
    tag: 'prospects',
    params: prospectIdParam,
    body: addNoteBody,
    write: true,
    notFound: true,
    success: { status: 201, contentType: 'application/json', description: 'the prospect with its notes' },
    handle: async ({ c, store, input }) => {
      const id = await existingId(store, input);
      const { text } = parseReportInput(addNoteBody, await jsonBody(c, input, ['id']));
      return c.json(await updateProspect(store, id, { note: text }), 201);
    },
  },
  {
    method: 'post',
    path: '/prospects/:id/draft',
    operationId: 'draftOutreach',
    summary: 'Render the outreach email of a prospect (never sent by the API)',
    tag: 'prospects',
    params: prospectIdParam,
    body: draftBody,
    notFound: true,
    success: { status: 200, contentType: 'application/json', description: 'the rendered subject and body, and the recipient found (or null)' },
    handle: async ({ c, store, input }) => {
      const id = await existingId(store, input);
      const o = parseReportInput(draftBody, await jsonBody(c, input, ['id']));
      const template = o.template === undefined ? undefined : { subject: o.template.subject, ...(o.template.text === undefined ? {} : { text: o.template.text }), ...(o.template.html === undefined ? {} : { html: o.template.html }) };
      return c.json(await draftOutreach(store, id, { ...(template ? { template } : {}), ...(o.yourUrl ? { yourUrl: o.yourUrl } : {}), ...(o.senderName ? { senderName: o.senderName } : {}), ...(o.to ? { to: o.to } : {}), ...(o.fields ? { fields: o.fields } : {}) }));
    },
  },
];
