import { Suspense, lazy, useEffect, useState } from 'react';
import { getToken, onUnauthorized, setToken } from './api/client.js';
import type { Target } from './api/types.js';
import { Link, navigate, usePath } from './components/router.js';
import { Status } from './components/status.js';
import { useApi } from './components/use-api.js';
import { LoginPage } from './pages/login.js';
import { OverviewPage } from './pages/overview.js';

// The overview is in the first bundle; the other pages load when first opened.
const AuditPage = lazy(() => import('./pages/audit.js').then((m) => ({ default: m.AuditPage })));
const BacklinksPage = lazy(() => import('./pages/backlinks.js').then((m) => ({ default: m.BacklinksPage })));
const CompetitorsPage = lazy(() => import('./pages/competitors.js').then((m) => ({ default: m.CompetitorsPage })));
const JobsPage = lazy(() => import('./pages/jobs.js').then((m) => ({ default: m.JobsPage })));
const LinkGraphPage = lazy(() => import('./pages/link-graph.js').then((m) => ({ default: m.LinkGraphPage })));
const ProspectsPage = lazy(() => import('./pages/prospects.js').then((m) => ({ default: m.ProspectsPage })));
const RefDomainsPage = lazy(() => import('./pages/ref-domains.js').then((m) => ({ default: m.RefDomainsPage })));

const TARGET_PAGES = [
  { page: 'overview', title: 'Overview' },
  { page: 'backlinks', title: 'Backlinks' },
  { page: 'refdomains', title: 'Referring domains' },
  { page: 'audit', title: 'Audit' },
  { page: 'competitors', title: 'Competitors' },
  { page: 'graph', title: 'Link graph' },
  { page: 'prospects', title: 'Prospects' },
] as const;
type TargetPage = (typeof TARGET_PAGES)[number]['page'];

/** `/t/acme/backlinks` → { target: 'acme', page: 'backlinks' }; `/jobs` → { page: 'jobs' }. */
function parsePath(path: string): { target: string | null; page: TargetPage | 'jobs' | null } {
  if (path === '/jobs') return { target: null, page: 'jobs' };
  const m = /^\/t\/([^/]+)\/([a-z]+)$/.exec(path);
  if (m && TARGET_PAGES.some((p) => p.page === m[2])) return { target: decodeURIComponent(m[1]!), page: m[2] as TargetPage };
  return { target: null, page: null };
}

export const targetPath = (target: string, page: TargetPage): string => `/t/${encodeURIComponent(target)}/${page}`;

/** Login gate, then the layout: header, target picker, navigation, and the page of the path. */
export function App() {
  const [authed, setAuthed] = useState(getToken() !== null);
  useEffect(() => onUnauthorized(() => {
    setToken(null);
    setAuthed(false);
  }), []);
  if (!authed) return <LoginPage onLogin={() => setAuthed(true)} />;
  return <Dashboard onLogout={() => {
    setToken(null);
    setAuthed(false);
    navigate('/', true);
  }} />;
}

function Dashboard({ onLogout }: { onLogout: () => void }) {
  const path = usePath();
  const targets = useApi<{ targets: Target[] }>('/targets');
  const list = targets.data?.targets ?? [];
  const { target, page } = parsePath(path);
  const fallback = list.find((t) => t.own) ?? list[0];
  // A token revoked since it was stored: back to the login page (also when the refusal came before the listener was in place).
  useEffect(() => {
    if (targets.error?.status === 401) onLogout();
  }, [targets.error, onLogout]);

  useEffect(() => {
    if (page === null && fallback) navigate(targetPath(fallback.name, 'overview'), true);
  }, [page, fallback]);

  const current = target ?? fallback?.name ?? null;
  const pageTitle = page === 'jobs' ? 'Jobs' : TARGET_PAGES.find((p) => p.page === page)?.title ?? 'Vouch';
  useEffect(() => {
    document.title = `${pageTitle}${target ? ` · ${target}` : ''} · Vouch`;
  }, [pageTitle, target]);

  return (
    <div className="layout">
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <span className="brand">Vouch</span>
        <label className="picker">
          <span>Target</span>
          <select value={current ?? ''} disabled={list.length === 0} onChange={(e) => navigate(targetPath(e.target.value, page && page !== 'jobs' ? page : 'overview'))}>
            {list.map((t) => (
              <option key={t.id} value={t.name}>{t.name}{t.own ? '' : ' (competitor)'}</option>
            ))}
          </select>
        </label>
        <button type="button" className="ghost" onClick={onLogout}>Log out</button>
      </header>
      <nav className="side" aria-label="Pages">
        <ul>
          {TARGET_PAGES.map((p) => (
            <li key={p.page}>
              {current ? (
                <Link href={targetPath(current, p.page)} aria-current={page === p.page ? 'page' : undefined}>{p.title}</Link>
              ) : (
                <span className="muted">{p.title}</span>
              )}
            </li>
          ))}
          <li>
            <Link href="/jobs" aria-current={page === 'jobs' ? 'page' : undefined}>Jobs</Link>
          </li>
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <h1>{pageTitle}{target ? <span className="subtitle"> {target}</span> : null}</h1>
        {/* A page whose target is in the address starts at once; it does not wait for the target list. */}
        <Status loading={targets.loading && target === null && page !== 'jobs'} error={targets.error}>
          {targets.data && list.length === 0 && page !== 'jobs' ? (
            <p>No target yet. Add your site with <code>vouch targets add example.com</code> (and competitors with <code>--competitor</code>).</p>
          ) : (
            <Suspense fallback={<p className="muted" role="status">Loading…</p>}>
              <Page page={page} target={target} targets={targets.data ? list : null} />
            </Suspense>
          )}
        </Status>
      </main>
    </div>
  );
}

function Page({ page, target, targets }: { page: TargetPage | 'jobs' | null; target: string | null; targets: Target[] | null }) {
  if (page === 'jobs') return <JobsPage />;
  if (target === null || page === null) return null;
  switch (page) {
    case 'overview':
      return <OverviewPage key={target} target={target} />;
    case 'backlinks':
      return <BacklinksPage key={target} target={target} />;
    case 'refdomains':
      return <RefDomainsPage key={target} target={target} />;
    case 'audit':
      return <AuditPage key={target} target={target} />;
    case 'competitors':
      return targets ? <CompetitorsPage key={target} target={target} targets={targets} /> : <p className="muted" role="status">Loading…</p>;
    case 'graph':
      return targets ? <LinkGraphPage key={target} target={target} targets={targets} /> : <p className="muted" role="status">Loading…</p>;
    case 'prospects':
      return <ProspectsPage key={target} target={target} />;
  }
}
