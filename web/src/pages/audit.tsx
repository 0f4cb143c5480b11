import { useCallback, useEffect, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { ApiError, download, getJson, sendJson } from '../api/client.js';
import { hasRoute } from '../api/capabilities.js';
import type { Audit, AuditMarker, DisavowEntry, Override } from '../api/types.js';
import { Status, formatNumber } from '../components/status.js';

function markerTitle(m: AuditMarker): string {
  return `${m.marker} (weight ${formatNumber(m.weight, 2)}, strength ${formatNumber(m.strength, 2)})`;
}

function evidenceText(e: unknown): string {
  if (e === null || e === undefined) return '';
  if (typeof e === 'string') return e;
  if (typeof e === 'number' || typeof e === 'boolean') return String(e);
  if (Array.isArray(e)) return e.slice(0, 5).map(evidenceText).filter(Boolean).join(', ') + (e.length > 5 ? `, … (${e.length})` : '');
  if (typeof e === 'object') return Object.entries(e as Record<string, unknown>).map(([k, v]) => `${k}: ${evidenceText(v)}`).join('; ');
  return String(e);
}

interface AuditState {
  auditRoute: boolean;
  disavowRoute: boolean;
  whitelistRoute: boolean;
  audit: Audit | null;
  disavow: DisavowEntry[];
  whitelist: string[];
}

/** Toxic domains with their markers and evidence; select some and disavow them, keep a whitelist, download disavow.txt. */
export function AuditPage({ target }: { target: string }) {
  const base = `/targets/${encodeURIComponent(target)}`;
  const [state, setState] = useState<AuditState | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [note, setNote] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const reload = useCallback(() => setNonce((n) => n + 1), []);

  useEffect(() => {
    let stale = false;
    (async () => {
      const [auditRoute, disavowRoute, whitelistRoute] = await Promise.all([hasRoute('/targets/{target}/audit'), hasRoute('/targets/{target}/disavow'), hasRoute('/targets/{target}/whitelist')]);
      let audit: Audit | null = null;
      if (auditRoute) {
        try {
          audit = await getJson<Audit>(`${base}/audit`, { limit: 200 });
        } catch (err) {
          // A 404 here means the audit has not run for this target yet (older servers answered so).
          if (!(err instanceof ApiError && err.status === 404)) throw err;
        }
      }
      const disavow = disavowRoute ? (await getJson<{ entries: DisavowEntry[] }>(`${base}/disavow`)).entries : [];
      const whitelist = whitelistRoute ? (await getJson<{ overrides: Override[] }>(`${base}/whitelist`, { list: 'whitelist' })).overrides.map((o) => o.domain) : [];
      if (!stale) setState({ auditRoute, disavowRoute, whitelistRoute, audit, disavow, whitelist });
    })().catch((err: unknown) => {
      if (!stale) setError(err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err)));
    });
    return () => {
      stale = true;
    };
  }, [base, nonce]);

  const act = async (what: string, run: () => Promise<unknown>): Promise<void> => {
    try {
      await run();
      setNote(what);
      setSelected(new Set());
      reload();
    } catch (err) {
      setNote(`Failed: ${(err as Error).message}`);
    }
  };
  const change = (list: 'disavow' | 'whitelist', method: 'POST' | 'DELETE', domains: string[], what: string, urls: string[] = []): Promise<void> =>
    act(what, () => sendJson(method, `${base}/${list}`, list === 'disavow' ? { domains, urls } : { domains }));
  const runAudit = (): Promise<void> => act('Audit done.', () => sendJson('POST', `${base}/audit`, {}));

  if (!state) return <Status loading={!error} error={error} />;
  const rows = state.audit?.rows ?? [];
  const disavowed = new Set(state.disavow.filter((e) => e.kind === 'domain').map((e) => e.value));
  const whitelisted = new Set(state.whitelist);
  const toggle = (domain: string, on: boolean): void => {
    const next = new Set(selected);
    if (on) next.add(domain);
    else next.delete(domain);
    setSelected(next);
  };

  return (
    <>
      {note ? <p role="status" className="note">{note}</p> : null}
      <section aria-labelledby="h-toxic">
        <h2 id="h-toxic">Toxic domains</h2>
        {state.auditRoute ? (
          <div className="actions">
            <button type="button" className="ghost" onClick={() => void runAudit()}>{state.audit?.computedAt ? 'Run the audit again' : 'Run the audit now'}</button>
            {state.audit?.computedAt ? <span className="muted">Last audit {state.audit.computedAt.replace('T', ' ').slice(0, 16)} UTC; {formatNumber(state.audit.total)} referring domains scored.</span> : null}
          </div>
        ) : null}
        {!state.auditRoute ? (
          <p>This server has no audit API yet.</p>
        ) : rows.length === 0 ? (
          <p data-testid="audit-empty">Audit not run yet: run it above, or with <code>vouch audit {target}</code>, to score the referring domains.</p>
        ) : (
          <>
            <div className="actions">
              <button type="button" disabled={selected.size === 0 || !state.disavowRoute} onClick={() => void change('disavow', 'POST', [...selected], `Added ${selected.size} domain(s) to the disavow list.`)}>
                Add selected to disavow ({selected.size})
              </button>
              <button type="button" className="ghost" disabled={selected.size === 0 || !state.whitelistRoute} onClick={() => void change('whitelist', 'POST', [...selected], `Whitelisted ${selected.size} domain(s).`)}>
                Whitelist selected
              </button>
            </div>
            <div className="table-wrap">
              <table>
                <caption className="sr-only">Referring domains by toxicity, with the markers behind each score</caption>
                <thead>
                  <tr>
                    <th scope="col"><span className="sr-only">Select</span></th>
                    <th scope="col">Domain</th>
                    <th scope="col" className="num">Toxicity</th>
                    <th scope="col" className="num">Links</th>
                    <th scope="col">Markers and evidence</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.domain} data-domain={r.domain}>
                      <td><input type="checkbox" aria-label={`Select ${r.domain}`} checked={selected.has(r.domain)} onChange={(e) => toggle(r.domain, e.target.checked)} /></td>
                      <td>{r.domain}</td>
                      <td className="num">{formatNumber(r.toxicity)}</td>
                      <td className="num">{formatNumber(r.links)}</td>
                      <td>
                        <ul className="markers">
                          {r.markers.map((m) => {
                            const evidence = evidenceText(m.evidence);
                            return (
                              <li key={m.marker}>
                                {evidence ? (
                                  <details>
                                    <summary><span className="badge" title={markerTitle(m)}>{m.marker}</span></summary>
                                    <p className="evidence">{evidence}</p>
                                  </details>
                                ) : (
                                  <span className="badge" title={markerTitle(m)}>{m.marker}</span>
                                )}
                              </li>
                            );
                          })}
                        </ul>
                      </td>
                      <td>{[disavowed.has(r.domain) ? 'disavowed' : '', whitelisted.has(r.domain) || r.override === 'whitelist' ? 'whitelisted' : '', r.override === 'blacklist' ? 'blacklisted' : ''].filter(Boolean).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      <DomainList
        id="disavow"
        title="Disavow list"
        available={state.disavowRoute}
        domains={state.disavow.map((e) => (e.kind === 'domain' ? e.value : `${e.value} (URL)`))}
        onAdd={(d) => (/^https?:\/\//i.test(d) ? change('disavow', 'POST', [], `Added ${d} to the disavow list.`, [d]) : change('disavow', 'POST', [d], `Added ${d} to the disavow list.`))}
        onRemove={(d) => (d.endsWith(' (URL)') ? change('disavow', 'DELETE', [], `Removed ${d} from the disavow list.`, [d.slice(0, -6)]) : change('disavow', 'DELETE', [d], `Removed ${d} from the disavow list.`))}
      >
        <button type="button" disabled={!state.disavowRoute} onClick={() => void download(`${base}/disavow.txt`, {}, 'disavow.txt').catch((err: Error) => setNote(`Download failed: ${err.message}`))}>
          Download disavow.txt
        </button>
      </DomainList>
      <DomainList
        id="whitelist"
        title="Whitelist"
        available={state.whitelistRoute}
        domains={state.whitelist}
        onAdd={(d) => change('whitelist', 'POST', [d], `Whitelisted ${d}.`)}
        onRemove={(d) => change('whitelist', 'DELETE', [d], `Removed ${d} from the whitelist.`)}
      />
    </>
  );
}

interface DomainListProps {
  id: string;
  title: string;
  available: boolean;
  domains: string[];
  onAdd: (domain: string) => Promise<void>;
  onRemove: (domain: string) => Promise<void>;
  children?: ReactNode;
}

function DomainList({ id, title, available, domains, onAdd, onRemove, children }: DomainListProps) {
  const [value, setValue] = useState('');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const d = /^https?:\/\//i.test(value.trim()) ? value.trim() : value.trim().toLowerCase();
    if (d) void onAdd(d).then(() => setValue(''));
  };
  return (
    <section aria-labelledby={`h-${id}`} data-list={id}>
      <h2 id={`h-${id}`}>{title}</h2>
      {!available ? (
        <p className="muted">This server has no {title.toLowerCase()} API yet.</p>
      ) : (
        <>
          {domains.length === 0 ? <p className="muted">Empty.</p> : (
            <ul className="domain-list">
              {domains.map((d) => (
                <li key={d}>
                  <span>{d}</span>
                  <button type="button" className="ghost small" onClick={() => void onRemove(d)} aria-label={`Remove ${d} from the ${title.toLowerCase()}`}>Remove</button>
                </li>
              ))}
            </ul>
          )}
          <form className="inline" onSubmit={submit}>
            <label htmlFor={`add-${id}`}>Add a domain</label>
            <input id={`add-${id}`} type="text" inputMode="url" placeholder="spam.example" value={value} onChange={(e) => setValue(e.target.value)} />
            <button type="submit">Add</button>
          </form>
        </>
      )}
      {children}
    </section>
  );
}
