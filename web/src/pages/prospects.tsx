import { Fragment, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, sendJson } from '../api/client.js';
import { hasRoute } from '../api/capabilities.js';
import type { Prospect, ProspectContact, ProspectKind, ProspectSource } from '../api/types.js';
import { Status, formatNumber } from '../components/status.js';
import { useApi } from '../components/use-api.js';
import { ProspectPanel, STATUSES } from './prospect-panel.js';
import './prospects.css';

/** The sources, as the find route takes them, and the kind each stores (SOURCE_KIND in src/prospect). */
const SOURCES: Readonly<Record<ProspectSource, { kind: ProspectKind; label: string }>> = {
  gap: { kind: 'link-gap', label: 'Link gap' },
  broken: { kind: 'broken-link', label: 'Broken link' },
  lost: { kind: 'competitor-lost', label: "Competitor's lost link" },
  mention: { kind: 'unlinked-mention', label: 'Unlinked mention' },
  resource: { kind: 'resource-page', label: 'Resource page' },
};
const SOURCE_KEYS = Object.keys(SOURCES) as ProspectSource[];
const KIND_LABEL = new Map<string, string>(SOURCE_KEYS.map((s) => [SOURCES[s].kind, SOURCES[s].label]));
const COLUMNS = 9;

function contactLabel(c: ProspectContact): string {
  if (c.type === 'email') return c.value;
  if (c.type === 'social') return `${c.network ?? 'profile'}: ${c.value.replace(/^https?:\/\//, '')}`;
  return `contact page: ${c.value.replace(/^https?:\/\/[^/]+/, '') || '/'}`;
}

function Contacts({ contacts }: { contacts: ProspectContact[] }) {
  if (contacts.length === 0) return <span className="muted">–</span>;
  const shown = contacts.slice(0, 3);
  return (
    <ul className="contacts">
      {shown.map((c) => (
        <li key={`${c.type} ${c.value}`}>
          {c.type === 'email' ? <a href={`mailto:${c.value}`}>{c.value}</a> : <a href={c.value} target="_blank" rel="noreferrer noopener">{contactLabel(c)}</a>}
          {c.how === 'obfuscated' ? <span className="muted"> (obfuscated)</span> : null}
        </li>
      ))}
      {contacts.length > shown.length ? <li className="muted">and {contacts.length - shown.length} more</li> : null}
    </ul>
  );
}

/** Find and save new prospects for the target: which sources, extra keywords, contacts or not. */
function FindForm({ target, onSaved }: { target: string; onSaved: (text: string, error: boolean) => void }) {
  const [sources, setSources] = useState<ProspectSource[]>([]);
  const [keywords, setKeywords] = useState('');
  const [contacts, setContacts] = useState(true);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    const words = keywords.split(',').map((w) => w.trim()).filter(Boolean);
    try {
      const saved = await sendJson<{ prospects: Prospect[] }>('POST', `/targets/${encodeURIComponent(target)}/prospects`, { ...(sources.length > 0 ? { source: sources } : {}), ...(words.length > 0 ? { keywords: words } : {}), contacts });
      const fresh = saved.prospects.filter((p) => p.createdAt === p.updatedAt).length;
      onSaved(`Found and saved ${formatNumber(saved.prospects.length)} prospect${saved.prospects.length === 1 ? '' : 's'} (${formatNumber(fresh)} new to the pipeline; the others keep their status and notes).`, false);
    } catch (err) {
      onSaved(`Could not find prospects: ${(err as Error).message}`, true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="filters" aria-label="Find prospects" onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>Sources (none ticked: all)</legend>
        {SOURCE_KEYS.map((s) => (
          <label key={s} className="check">
            <input type="checkbox" checked={sources.includes(s)} onChange={(e) => setSources(e.target.checked ? [...sources, s] : sources.filter((x) => x !== s))} />
            {SOURCES[s].label}
          </label>
        ))}
      </fieldset>
      <label>
        Extra keywords (comma separated)
        <input type="text" value={keywords} onChange={(e) => setKeywords(e.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" checked={contacts} onChange={(e) => setContacts(e.target.checked)} />
        Look up contacts
      </label>
      <button type="submit" disabled={busy}>{busy ? 'Finding…' : 'Find and save prospects'}</button>
    </form>
  );
}

/** The outreach pipeline of a target: its saved prospects, filtered, each opened to move it along, note it and draft the email. */
export function ProspectsPage({ target }: { target: string }) {
  const [available, setAvailable] = useState<boolean | null>(null);
  const [routeError, setRouteError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  const [kind, setKind] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  useEffect(() => {
    hasRoute('/targets/{target}/prospects').then(setAvailable, (err: unknown) => setRouteError(err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err))));
  }, []);
  const list = useApi<{ prospects: Prospect[] }>(available ? '/prospects' : null, { target, status: status || undefined, kind: kind || undefined });

  if (available === null) return <Status loading={!routeError} error={routeError} />;
  if (!available) return <p>This server has no prospect API yet.</p>;
  const rows = list.data?.prospects ?? [];
  const filtered = status !== '' || kind !== '';
  return (
    <>
      <section aria-labelledby="h-find">
        <h2 id="h-find">Find prospects</h2>
        <FindForm target={target} onSaved={(text, error) => { setMessage({ text, error }); if (!error) list.reload(); }} />
        {message ? <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'note'} data-testid="find-message">{message.text}</p> : null}
      </section>
      <section aria-labelledby="h-pipeline">
        <h2 id="h-pipeline">Pipeline</h2>
        <form className="filters" aria-label="Prospect filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            Status
            <select value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">All statuses</option>
              {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </label>
          <label>
            Source
            <select value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="">All sources</option>
              {SOURCE_KEYS.map((s) => <option key={s} value={SOURCES[s].kind}>{SOURCES[s].label}</option>)}
            </select>
          </label>
        </form>
        <Status loading={list.loading && !list.data} error={list.error}>
          <p className="muted" data-testid="prospects-total" aria-live="polite">{formatNumber(rows.length)} prospect{rows.length === 1 ? '' : 's'}{filtered ? ` match${rows.length === 1 ? 'es' : ''} the filters` : ' in the pipeline'}</p>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">Saved prospects, best score first</caption>
              <thead>
                <tr>
                  <th scope="col">Source</th>
                  <th scope="col">Site</th>
                  <th scope="col" className="num">Score</th>
                  <th scope="col">Why</th>
                  <th scope="col">Status</th>
                  <th scope="col">Follow-up</th>
                  <th scope="col">Tags</th>
                  <th scope="col">Contacts</th>
                  <th scope="col">Notes</th>
                </tr>
              </thead>
              <tbody>
                {rows.length === 0 ? (
                  <tr><td colSpan={COLUMNS} className="muted">{filtered ? 'No prospect matches.' : 'No prospect saved yet: find some above, or with vouch prospects --save.'}</td></tr>
                ) : rows.map((p) => (
                  <Fragment key={p.id}>
                    <tr data-prospect-id={p.id} data-domain={p.domain} data-status={p.status}>
                      <td><span className="badge">{KIND_LABEL.get(p.kind) ?? p.kind}</span></td>
                      <td className="site">
                        <strong>{p.domain}</strong>
                        {/^https?:\/\//.test(p.url) ? <><br /><a href={p.url} target="_blank" rel="noreferrer noopener" className="url">{p.url}</a></> : null}
                        <div className="open">
                          <button type="button" className="ghost small" aria-expanded={open === p.id} aria-controls={open === p.id ? `panel-${p.id}` : undefined} aria-label={`${open === p.id ? 'Close' : 'Open'} prospect ${p.domain}${/^https?:\/\//.test(p.url) ? ` (${p.url})` : ''}`} onClick={() => setOpen(open === p.id ? null : p.id)}>
                            {open === p.id ? 'Close' : 'Open'}
                          </button>
                        </div>
                      </td>
                      <td className="num">{formatNumber(p.score, 1)}</td>
                      <td className="why">{p.explanation ?? <span className="muted">–</span>}</td>
                      <td><span className={`badge status-${p.status}`}>{p.status}</span></td>
                      <td>{p.followUp ?? <span className="muted">–</span>}</td>
                      <td>{p.tags.length > 0 ? p.tags.map((t) => <span key={t} className="badge tag">{t}</span>) : <span className="muted">–</span>}</td>
                      <td><Contacts contacts={p.contacts} /></td>
                      <td className="num">{p.notes.length}</td>
                    </tr>
                    {open === p.id ? (
                      <tr className="panel-row" id={`panel-${p.id}`}>
                        <td colSpan={COLUMNS}><ProspectPanel prospect={p} onChanged={list.reload} /></td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        </Status>
      </section>
    </>
  );
}
