import type { ProspectRow } from '../../src/prospect/index.js';

/** A found prospect, as findProspects returns it, for pipeline tests that need no crawl. */
export function row(domain: string, url: string | null, source: ProspectRow['source'] = url === null ? 'gap' : 'broken'): ProspectRow {
  const kinds = { gap: 'link-gap', broken: 'broken-link', lost: 'competitor-lost', mention: 'unlinked-mention', resource: 'resource-page' } as const;
  return {
    source,
    kind: kinds[source],
    domain,
    url,
    title: url === null ? null : `A page on ${domain}`,
    score: 42,
    authority: 30,
    relevance: 0.5,
    toxicity: null,
    explanation: 'why',
    details: url === null ? { competitors: ['rival.example'] } : { deadUrl: 'http://rival.example/gone', anchor: 'old guide' },
    status: null,
    prospectId: null,
    contacts: [{ type: 'email', value: `editor@${domain}`, pageUrl: `http://${domain}/contact`, how: 'mailto' }],
  };
}
