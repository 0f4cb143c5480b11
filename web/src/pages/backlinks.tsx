import { useState } from 'react';
import type { FormEvent } from 'react';
import { download } from '../api/client.js';
import type { Query } from '../api/client.js';
import type { Backlinks } from '../api/types.js';
import { DataTable, Pager } from '../components/data-table.js';
import type { Column } from '../components/data-table.js';
import { Status, formatDate, formatNumber } from '../components/status.js';
import { useApi } from '../components/use-api.js';

type Row = Backlinks['rows'][number];
const REL = ['follow', 'nofollow', 'ugc', 'sponsored'] as const;
const PAGE = 50;

interface Filters {
  rel: string[];
  state: string;
  anchor: string;
  sourceDomain: string;
  minAuthority: string;
  onePerDomain: boolean;
}
const EMPTY: Filters = { rel: [], state: 'live', anchor: '', sourceDomain: '', minAuthority: '', onePerDomain: false };

function filterQuery(f: Filters): Query {
  return { rel: f.rel.length > 0 ? f.rel : undefined, state: f.state, anchor: f.anchor.trim(), sourceDomain: f.sourceDomain.trim(), minAuthority: f.minAuthority.trim(), onePerDomain: f.onePerDomain || undefined };
}

function relLabel(r: Row): string {
  const flags = [r.nofollow || r.metaNofollow ? 'nofollow' : '', r.ugc ? 'ugc' : '', r.sponsored ? 'sponsored' : ''].filter(Boolean);
  return flags.length === 0 ? 'follow' : flags.join(', ');
}

const COLUMNS: Column<Row>[] = [
  { key: 'source', header: 'Source', sort: 'sourceUrl', render: (r) => <a href={r.sourceUrl} target="_blank" rel="noreferrer noopener" className="url">{r.sourceUrl}</a> },
  { key: 'authority', header: 'Authority', sort: 'authority', numeric: true, render: (r) => formatNumber(r.authority) },
  { key: 'target', header: 'Target', sort: 'targetUrl', render: (r) => <span className="url">{r.targetUrl}</span> },
  { key: 'anchor', header: 'Anchor', sort: 'anchor', render: (r) => r.anchor || <span className="muted">(none)</span> },
  { key: 'kind', header: 'Kind', render: (r) => r.kind },
  { key: 'rel', header: 'Rel', render: relLabel },
  { key: 'firstSeen', header: 'First seen', sort: 'firstSeen', render: (r) => formatDate(r.firstSeen) },
  { key: 'toxicity', header: 'Toxicity', sort: 'toxicity', numeric: true, render: (r) => formatNumber(r.toxicity) },
];

/** Every backlink, filtered, sorted and paged by the server; the CSV export takes the same filters. */
export function BacklinksPage({ target }: { target: string }) {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [sort, setSort] = useState<{ sort: string; order: 'asc' | 'desc' }>({ sort: 'authority', order: 'desc' });
  const [offset, setOffset] = useState(0);
  const [exporting, setExporting] = useState<string | null>(null);
  const path = `/targets/${encodeURIComponent(target)}/backlinks`;
  const result = useApi<Backlinks>(path, { ...filterQuery(applied), ...sort, limit: PAGE, offset });

  const apply = (e: FormEvent): void => {
    e.preventDefault();
    setApplied(draft);
    setOffset(0);
  };
  const exportCsv = async (): Promise<void> => {
    setExporting('Exporting…');
    try {
      await download(`${path}.csv`, { ...filterQuery(applied), sort: sort.sort, order: sort.order }, `backlinks-${target}.csv`);
      setExporting(null);
    } catch (err) {
      setExporting(`Export failed: ${(err as Error).message}`);
    }
  };

  return (
    <>
      <form className="filters" onSubmit={apply} aria-label="Backlink filters">
        <fieldset>
          <legend>Rel</legend>
          {REL.map((r) => (
            <label key={r} className="check">
              <input type="checkbox" name="rel" value={r} checked={draft.rel.includes(r)} onChange={(e) => setDraft({ ...draft, rel: e.target.checked ? [...draft.rel, r] : draft.rel.filter((x) => x !== r) })} />
              {r}
            </label>
          ))}
        </fieldset>
        <label>
          State
          <select name="state" value={draft.state} onChange={(e) => setDraft({ ...draft, state: e.target.value })}>
            <option value="live">live</option>
            <option value="lost">lost</option>
            <option value="all">all</option>
          </select>
        </label>
        <label>
          Anchor contains
          <input name="anchor" type="search" value={draft.anchor} onChange={(e) => setDraft({ ...draft, anchor: e.target.value })} />
        </label>
        <label>
          Source domain
          <input name="sourceDomain" type="search" value={draft.sourceDomain} onChange={(e) => setDraft({ ...draft, sourceDomain: e.target.value })} />
        </label>
        <label>
          Min. authority
          <input name="minAuthority" type="number" min={0} max={100} step="any" inputMode="decimal" value={draft.minAuthority} onChange={(e) => setDraft({ ...draft, minAuthority: e.target.value })} />
        </label>
        <label className="check">
          <input type="checkbox" name="onePerDomain" checked={draft.onePerDomain} onChange={(e) => setDraft({ ...draft, onePerDomain: e.target.checked })} />
          One per domain
        </label>
        <div className="actions">
          <button type="submit">Apply filters</button>
          <button type="button" className="ghost" onClick={() => { setDraft(EMPTY); setApplied(EMPTY); setOffset(0); }}>Reset</button>
          <button type="button" className="ghost" onClick={() => void exportCsv()}>Export CSV</button>
        </div>
      </form>
      {exporting ? <p role="status">{exporting}</p> : null}
      <Status loading={result.loading && !result.data} error={result.error}>
        {result.data ? (
          <>
            <p className="muted" data-testid="backlinks-total">{formatNumber(result.data.total)} backlinks from {formatNumber(result.data.refDomains)} domains</p>
            <DataTable caption="Backlinks" columns={COLUMNS} rows={result.data.rows} rowKey={(r) => String(r.id)} sort={sort.sort} order={sort.order} onSort={(s, o) => { setSort({ sort: s, order: o }); setOffset(0); }} />
            <Pager offset={offset} limit={PAGE} total={result.data.total} onOffset={setOffset} />
          </>
        ) : null}
      </Status>
    </>
  );
}
