import { useState } from 'react';
import type { FormEvent } from 'react';
import { download } from '../api/client.js';
import type { Query } from '../api/client.js';
import type { RefDomains } from '../api/types.js';
import { DataTable, Pager } from '../components/data-table.js';
import type { Column } from '../components/data-table.js';
import { Status, formatDate, formatNumber } from '../components/status.js';
import { useApi } from '../components/use-api.js';

type Row = RefDomains['rows'][number];
const PAGE = 50;

interface Filters {
  state: string;
  search: string;
  minAuthority: string;
  maxToxicity: string;
}
const EMPTY: Filters = { state: 'live', search: '', minAuthority: '', maxToxicity: '' };

const filterQuery = (f: Filters): Query => ({ state: f.state, search: f.search.trim(), minAuthority: f.minAuthority.trim(), maxToxicity: f.maxToxicity.trim() });

const COLUMNS: Column<Row>[] = [
  { key: 'domain', header: 'Domain', sort: 'domain', render: (r) => r.domain },
  { key: 'authority', header: 'Authority', sort: 'authority', numeric: true, render: (r) => formatNumber(r.authority) },
  { key: 'liveLinks', header: 'Live links', sort: 'liveLinks', numeric: true, render: (r) => formatNumber(r.liveLinks) },
  { key: 'followedLinks', header: 'Followed', sort: 'followedLinks', numeric: true, render: (r) => formatNumber(r.followedLinks) },
  { key: 'links', header: 'All links', sort: 'links', numeric: true, render: (r) => formatNumber(r.links) },
  { key: 'firstSeen', header: 'First seen', sort: 'firstSeen', render: (r) => formatDate(r.firstSeen) },
  { key: 'lastSeen', header: 'Last seen', sort: 'lastSeen', render: (r) => formatDate(r.lastSeen) },
  { key: 'toxicity', header: 'Toxicity', sort: 'toxicity', numeric: true, render: (r) => formatNumber(r.toxicity) },
];

/** Referring domains, filtered, sorted and paged by the server, with a CSV export of the same filters. */
export function RefDomainsPage({ target }: { target: string }) {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [sort, setSort] = useState<{ sort: string; order: 'asc' | 'desc' }>({ sort: 'liveLinks', order: 'desc' });
  const [offset, setOffset] = useState(0);
  const [note, setNote] = useState<string | null>(null);
  const path = `/targets/${encodeURIComponent(target)}/refdomains`;
  const result = useApi<RefDomains>(path, { ...filterQuery(applied), ...sort, limit: PAGE, offset });

  const apply = (e: FormEvent): void => {
    e.preventDefault();
    setApplied(draft);
    setOffset(0);
  };
  const exportCsv = async (): Promise<void> => {
    try {
      await download(`${path}.csv`, { ...filterQuery(applied), ...sort }, `refdomains-${target}.csv`);
      setNote(null);
    } catch (err) {
      setNote(`Export failed: ${(err as Error).message}`);
    }
  };

  return (
    <>
      <form className="filters" onSubmit={apply} aria-label="Referring domain filters">
        <label>
          State
          <select name="state" value={draft.state} onChange={(e) => setDraft({ ...draft, state: e.target.value })}>
            <option value="live">live</option>
            <option value="lost">lost</option>
            <option value="all">all</option>
          </select>
        </label>
        <label>
          Domain contains
          <input name="search" type="search" value={draft.search} onChange={(e) => setDraft({ ...draft, search: e.target.value })} />
        </label>
        <label>
          Min. authority
          <input name="minAuthority" type="number" min={0} max={100} step="any" value={draft.minAuthority} onChange={(e) => setDraft({ ...draft, minAuthority: e.target.value })} />
        </label>
        <label>
          Max. toxicity
          <input name="maxToxicity" type="number" min={0} max={100} step="any" value={draft.maxToxicity} onChange={(e) => setDraft({ ...draft, maxToxicity: e.target.value })} />
        </label>
        <div className="actions">
          <button type="submit">Apply filters</button>
          <button type="button" className="ghost" onClick={() => { setDraft(EMPTY); setApplied(EMPTY); setOffset(0); }}>Reset</button>
          <button type="button" className="ghost" onClick={() => void exportCsv()}>Export CSV</button>
        </div>
      </form>
      {note ? <p role="alert" className="error">{note}</p> : null}
      <Status loading={result.loading && !result.data} error={result.error}>
        {result.data ? (
          <>
            <p className="muted" data-testid="refdomains-total">{formatNumber(result.data.total)} referring domains</p>
            <DataTable caption="Referring domains" columns={COLUMNS} rows={result.data.rows} rowKey={(r) => r.domain} sort={sort.sort} order={sort.order} onSort={(s, o) => { setSort({ sort: s, order: o }); setOffset(0); }} />
            <Pager offset={offset} limit={PAGE} total={result.data.total} onOffset={setOffset} />
          </>
        ) : null}
      </Status>
    </>
  );
}
