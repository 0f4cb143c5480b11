import type { Store } from '../store/index.js';
import { resolveTarget } from '../reports/index.js';
import { DEFAULT_TEMPLATES } from './default-templates.js';
import { findContacts } from './find-contacts.js';
import { getProspect } from './get-prospect.js';
import type { ProspectRecord } from './internal/prospect-row.js';
import type { ProspectKind } from './prospect-defaults.js';
import { renderTemplate, type MergeFields, type OutreachTemplate, type RenderedEmail } from './render-template.js';

export interface DraftOptions {
  /** The template (default: the built-in one for the prospect's kind). */
  template?: OutreachTemplate;
  /** The page you want linked; default: the target's URL. */
  yourUrl?: string;
  senderName?: string;
  /** Recipient; default: the first email found on the prospect's site. Never guessed. */
  to?: string;
  /** More merge fields, or overrides. */
  fields?: Record<string, string>;
}

export interface OutreachDraft extends RenderedEmail {
  prospectId: number;
  /** null when no address was given or found: the draft can be read, not sent. */
  to: string | null;
  fields: Record<string, string>;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(String).join(', ');
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** The merge fields a prospect offers. */
export function prospectFields(p: ProspectRecord, yourSite: string, yourUrl: string | undefined, senderName: string | undefined, to: string | null): Record<string, string> {
  const d = p.details;
  const all: Record<string, string | undefined> = {
    site: p.domain,
    domain: p.domain,
    page_url: p.kind === 'link-gap' ? undefined : p.url,
    page_title: str(d.pageTitle),
    dead_url: str(d.deadUrl),
    anchor: str(d.anchor),
    competitor_url: str(d.competitorUrl),
    competitor: str(d.competitors),
    term: str(d.term),
    your_site: yourSite,
    your_url: yourUrl,
    sender_name: senderName,
    contact_email: to ?? undefined,
  };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined && e[1].trim() !== ''));
}

/**
 * Render the outreach email for a prospect. Nothing is sent.
 * @throws NotFoundError for an unknown prospect; ValidationError when a merge field the template uses has no value.
 */
export async function draftOutreach(store: Store, prospectId: number, options: DraftOptions = {}): Promise<OutreachDraft> {
  const p = await getProspect(store, prospectId);
  let yourSite = p.domain;
  let yourUrl = options.yourUrl;
  if (p.targetId !== null) {
    const t = await resolveTarget(store, String(p.targetId));
    yourSite = t.name;
    yourUrl ??= t.scope === 'domain' || t.scope === 'host' ? `https://${t.value}/` : t.value;
  }
  let to = options.to?.trim().toLowerCase() ?? null;
  if (to === null) {
    const contacts = p.contacts.length > 0 ? p.contacts : await findContacts(store, p.domain);
    to = contacts.find((c) => c.type === 'email')?.value ?? null;
  }
  const fields = { ...prospectFields(p, yourSite, yourUrl, options.senderName, to), ...(options.fields ?? {}) };
  const template = options.template ?? DEFAULT_TEMPLATES[p.kind as ProspectKind] ?? DEFAULT_TEMPLATES['link-gap'];
  return { prospectId, to, fields, ...renderTemplate(template, fields as MergeFields) };
}
