import { useState } from 'react';
import type { Intersect, Target } from '../api/types.js';
import { DataTable, Pager } from '../components/data-table.js';
import type { Column } from '../components/data-table.js';
import { Status, formatNumber } from '../components/status.js';
import { useApi } from '../components/use-api.js';

type Row = Intersect['rows'][number];
const PAGE = 50;

const COLUMNS: Column<Row>[] = [
  { key: 'domain', header: 'Domain', sort: 'domain', render: (r) => r.domain },
  { key: 'authority', header: 'Authority', sort: 'authority', numeric: true, render: (r) => formatNumber(r.authority) },
  { key: 'competitorCount', header: 'Competitors', sort: 'competitors', numeric: true, render: (r) => r.competitorCount },
  { key: 'competitors', header: 'Links to', render: (r) => r.competitors.join(', ') },
  { key: 'links', header: 'Links', sort: 'links', numeric: true, render: (r) => formatNumber(r.links) },
];

/** Link intersect: domains that link to competitors but not to the target, the first prospects to approach. */
export function CompetitorsPage({ target, targets }: { target: string; targets: Target[] }) {
  const others = targets.filter((t) => t.name !== target && !t.own);
  const [chosen, setChosen] = useState<string[]>([]);
  const [min, setMin] = useState(1);
  const [sort, setSort] = useState<{ sort: string; order: 'asc' | 'desc' }>({ sort: 'competitors', order: 'desc' });
  const [offset, setOffset] = useState(0);
  const minAsked = Math.min(min, Math.max(1, chosen.length > 0 ? chosen.length : others.length));
  const result = useApi<Intersect>(others.length > 0 ? `/targets/${encodeURIComponent(target)}/intersect` : null, { competitor: chosen.length > 0 ? chosen : undefined, min: minAsked, ...sort, limit: PAGE, offset });
  const count = chosen.length > 0 ? chosen.length : others.length;

  if (others.length === 0) return <p>No competitor yet. Add one with <code>vouch targets add rival.com --competitor</code>.</p>;
  return (
    <>
      <form className="filters" aria-label="Intersect options" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>Competitors (none ticked: all)</legend>
          {others.map((t) => (
            <label key={t.id} className="check">
              <input type="checkbox" checked={chosen.includes(t.name)} onChange={(e) => { setChosen(e.target.checked ? [...chosen, t.name] : chosen.filter((x) => x !== t.name)); setOffset(0); }} />
              {t.name}
            </label>
          ))}
        </fieldset>
        <label>
          Links to at least
          <select value={minAsked} onChange={(e) => { setMin(Number(e.target.value)); setOffset(0); }}>
            {Array.from({ length: Math.max(1, count) }, (_, i) => i + 1).map((n) => <option key={n} value={n}>{n} competitor{n > 1 ? 's' : ''}</option>)}
          </select>
        </label>
      </form>
      <Status loading={result.loading && !result.data} error={result.error}>
        {result.data ? (
          <>
            <p className="muted" data-testid="intersect-total">{formatNumber(result.data.total)} domains link to {result.data.min > 1 ? `${result.data.min} or more of` : 'at least one of'} {result.data.competitors.map((c) => c.name).join(', ')} but not to {target}</p>
            <DataTable caption="Link intersect" columns={COLUMNS} rows={result.data.rows} rowKey={(r) => r.domain} sort={sort.sort} order={sort.order} onSort={(s, o) => { setSort({ sort: s, order: o }); setOffset(0); }} />
            <Pager offset={offset} limit={PAGE} total={result.data.total} onOffset={setOffset} />
          </>
        ) : null}
      </Status>
    </>
  );
}
