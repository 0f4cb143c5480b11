import { useEffect, useMemo, useState } from 'react';
import { getJson } from '../api/client.js';
import type { RefDomains, Target } from '../api/types.js';
import { GraphChart } from 'echarts/charts';
import { Chart } from '../components/chart.js';
import { echarts } from '../components/echarts.js';
import type { EChartsCoreOption } from '../components/echarts.js';
import { Status } from '../components/status.js';
import type { ApiError } from '../api/client.js';

echarts.use([GraphChart]);

/** Referring domains per site drawn (the strongest first): enough to read, few enough to lay out fast. */
const PER_SITE = 60;

interface Neighbourhood {
  site: string;
  own: boolean;
  rows: RefDomains['rows'];
}

/** Green (0) to red (100); grey when the audit has not scored the domain. */
export function toxicityColor(toxicity: number | null | undefined): string {
  if (toxicity === null || toxicity === undefined) return '#90a4ae';
  const t = Math.max(0, Math.min(100, toxicity)) / 100;
  const hue = Math.round(120 * (1 - t));
  return `hsl(${hue}, 65%, 42%)`;
}

const SITE_COLORS = { target: '#1565c0', competitor: '#6a1b9a' };

export const authoritySize = (authority: number | null | undefined): number => 8 + ((authority ?? 0) / 100) * 32;

function graphOption(target: string, sites: Neighbourhood[]): EChartsCoreOption {
  const nodes = new Map<string, { name: string; value: number | null; symbolSize: number; category: number; itemStyle: { color: string }; toxicity: number | null; label?: { show: boolean } }>();
  const links: { source: string; target: string }[] = [];
  for (const s of sites) {
    nodes.set(s.site, { name: s.site, value: null, symbolSize: s.site === target ? 46 : 36, category: s.site === target ? 0 : 1, itemStyle: { color: s.site === target ? SITE_COLORS.target : SITE_COLORS.competitor }, toxicity: null, label: { show: true } });
  }
  for (const s of sites) {
    for (const r of s.rows) {
      if (!nodes.has(r.domain)) {
        nodes.set(r.domain, { name: r.domain, value: r.authority, symbolSize: authoritySize(r.authority), category: 2, itemStyle: { color: toxicityColor(r.toxicity) }, toxicity: r.toxicity });
      }
      links.push({ source: r.domain, target: s.site });
    }
  }
  return {
    tooltip: { formatter: (p: { dataType?: string; data?: { name?: string; value?: number | null; toxicity?: number | null } }) => (p.dataType === 'node' ? `${p.data?.name ?? ''}<br/>authority ${p.data?.value ?? '–'}, toxicity ${p.data?.toxicity ?? '–'}` : '') },
    legend: { data: ['target', 'competitor', 'referring domain'], top: 0 },
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        draggable: true,
        categories: [
          { name: 'target', itemStyle: { color: SITE_COLORS.target } },
          { name: 'competitor', itemStyle: { color: SITE_COLORS.competitor } },
          { name: 'referring domain', itemStyle: { color: toxicityColor(null) } },
        ],
        data: [...nodes.values()],
        links,
        force: { repulsion: 320, edgeLength: [60, 200], gravity: 0.04, layoutAnimation: false },
        label: { show: false, position: 'right', fontSize: 12 },
        emphasis: { focus: 'adjacency', label: { show: true } },
        lineStyle: { color: 'source', opacity: 0.35, curveness: 0.05 },
      },
    ],
  };
}

/** The target's neighbourhood: its referring domains and its competitors', sized by authority and coloured by toxicity. */
export function LinkGraphPage({ target, targets }: { target: string; targets: Target[] }) {
  const sites = useMemo(() => [target, ...targets.filter((t) => t.name !== target && !t.own).map((t) => t.name)], [target, targets]);
  const [data, setData] = useState<Neighbourhood[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    Promise.all(sites.map(async (site) => ({
      site,
      own: site === target,
      rows: (await getJson<RefDomains>(`/targets/${encodeURIComponent(site)}/refdomains`, { sort: 'authority', order: 'desc', limit: PER_SITE }, controller.signal)).rows,
    }))).then(setData, (err: ApiError) => { if (!controller.signal.aborted) setError(err); });
    return () => controller.abort();
  }, [sites, target]);
  const option = useMemo(() => (data ? graphOption(target, data) : null), [data, target]);
  const shared = data ? new Set(data.slice(1).flatMap((d) => d.rows.map((r) => r.domain))) : new Set<string>();
  const common = data ? data[0]!.rows.filter((r) => shared.has(r.domain)).length : 0;

  return (
    <Status loading={!data && !error} error={error}>
      {option && data ? (
        <>
          <p className="muted">
            {target} and {data.length - 1} competitor{data.length === 2 ? '' : 's'}, with up to {PER_SITE} referring domains each (strongest first); {common} of {target}'s also link to a competitor.
            Node size: authority. Colour: toxicity, green to red; grey when not audited. Drag to move, scroll to zoom.
          </p>
          <Chart id="link-graph" label={`Link graph of ${target}: ${data.reduce((n, d) => n + d.rows.length, 0)} links from referring domains to ${data.length} sites`} option={option} height={560} />
          <details>
            <summary>The graph as a list</summary>
            <ul>
              {data.map((d) => (
                <li key={d.site}>
                  <strong>{d.site}</strong>{d.own ? ' (target)' : ' (competitor)'}: {d.rows.map((r) => `${r.domain} (authority ${r.authority ?? '–'}, toxicity ${r.toxicity ?? '–'})`).join(', ') || 'no referring domain'}
                </li>
              ))}
            </ul>
          </details>
          <p className="legend-scale" aria-hidden="true"><span style={{ background: toxicityColor(0) }} /> low toxicity <span style={{ background: toxicityColor(50) }} /> <span style={{ background: toxicityColor(100) }} /> high <span style={{ background: toxicityColor(null) }} /> not audited</p>
        </>
      ) : null}
    </Status>
  );
}
