import { useEffect, useMemo, useRef } from 'react';
import type { Anchors, History, RefDomains, Summary } from '../api/types.js';
import { Chart } from '../components/chart.js';
import type { EChartsCoreOption } from '../components/echarts.js';
import { Status, formatNumber } from '../components/status.js';
import { useApi } from '../components/use-api.js';
import { overviewRequests } from './overview-requests.js';

declare global {
  interface Window {
    /** performance.now() when every chart of the overview had drawn its data (for load-time checks). */
    __vouchOverviewReadyMs?: number;
  }
}

interface ChartSpec {
  id: string;
  title: string;
  label: string;
  option: EChartsCoreOption;
}

const COLORS = { new: '#2f7d32', lost: '#c62828', follow: '#1565c0', muted: '#78909c' };

const bandLabel = (b: { from: number; to: number }): string => `${b.from}–${b.to === 100 ? 100 : b.to - 1}`;

function barOption(categories: string[], series: { name: string; data: number[]; color: string }[], yName: string): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: series.length > 1 ? { top: 0 } : undefined,
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, fontSize: 10, hideOverlap: true } },
    yAxis: { type: 'value', name: yName, minInterval: 1 },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, itemStyle: { color: s.color } })),
  };
}

/** The profile at a glance: authority, totals, and one chart per question an SEO asks first. */
export function OverviewPage({ target }: { target: string }) {
  const req = overviewRequests(target);
  const summary = useApi<Summary>(req.summary.path, req.summary.query);
  const history = useApi<History>(req.history.path, req.history.query);
  const anchors = useApi<Anchors>(req.anchors.path, req.anchors.query);
  const top = useApi<RefDomains>(req.top.path, req.top.query);
  const s = summary.data;

  // One memo per source, so that each chart is drawn once, when its own data arrives.
  const historyChart = useMemo<ChartSpec[]>(() => {
    if (!history.data) return [];
    const rows = history.data.rows;
    return [{
      id: 'history',
      title: 'New and lost links',
      label: `New and lost backlinks per day over ${rows.length} days`,
      option: barOption(rows.map((r) => r.date.slice(0, 10)), [
        { name: 'New', data: rows.map((r) => r.newBacklinks + r.recoveredBacklinks), color: COLORS.new },
        { name: 'Lost', data: rows.map((r) => r.lostBacklinks), color: COLORS.lost },
      ], 'links'),
    }];
  }, [history.data]);
  const summaryCharts = useMemo<ChartSpec[]>(() => {
    if (!s) return [];
    const out: ChartSpec[] = [
      {
        id: 'authority-bands',
        title: 'Referring domains by authority',
        label: `Histogram of ${s.refDomains} referring domains by authority band`,
        option: barOption(s.authorityBands.map(bandLabel), [{ name: 'Referring domains', data: s.authorityBands.map((b) => b.refDomains), color: COLORS.follow }], 'domains'),
      },
      {
        id: 'rel',
        title: 'Followed and not',
        label: 'Live backlinks by rel: followed, nofollow, ugc, sponsored',
        option: barOption(['followed', 'nofollow', 'ugc', 'sponsored'], [{ name: 'Backlinks', data: [s.rel.follow, s.rel.nofollow, s.rel.ugc, s.rel.sponsored], color: COLORS.follow }], 'links'),
      },
    ];
    if (s.audited > 0) {
      out.push({
        id: 'toxicity',
        title: 'Toxicity',
        label: `Histogram of ${s.audited} audited referring domains by toxicity band`,
        option: barOption(s.toxicityBands.map(bandLabel), [{ name: 'Referring domains', data: s.toxicityBands.map((b) => b.refDomains), color: COLORS.lost }], 'domains'),
      });
    }
    return out;
  }, [s]);
  const anchorChart = useMemo<ChartSpec[]>(() => {
    if (!anchors.data) return [];
    const classes = anchors.data.classes.filter((c) => c.refDomains > 0);
    return [{
      id: 'anchor-classes',
      title: 'Anchors by class',
      label: `Anchor classes: ${classes.map((c) => `${c.class} ${Math.round(c.share * 100)}%`).join(', ')}`,
      option: {
        tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
        legend: { bottom: 0, itemWidth: 12, itemHeight: 10, itemGap: 8, textStyle: { fontSize: 11 } },
        series: [{ type: 'pie', radius: ['30%', '58%'], center: ['50%', '40%'], label: { show: false }, data: classes.map((c) => ({ name: c.class, value: c.refDomains })) }],
      },
    }];
  }, [anchors.data]);
  const charts = useMemo(() => [...historyChart, ...summaryCharts, ...anchorChart], [historyChart, summaryCharts, anchorChart]);

  // Every chart drawn once its data is in: the overview is ready.
  const rendered = useRef(new Set<string>());
  const loaded = summary.data !== null && history.data !== null && anchors.data !== null && top.data !== null;
  const checkReady = (): void => {
    if (loaded && charts.every((c) => rendered.current.has(c.id)) && window.__vouchOverviewReadyMs === undefined) {
      window.__vouchOverviewReadyMs = performance.now();
      document.body.dataset.overviewReady = 'true';
    }
  };
  const onRendered = (id: string): void => {
    rendered.current.add(id);
    checkReady();
  };
  useEffect(checkReady);

  const error = summary.error ?? history.error ?? anchors.error ?? top.error;
  return (
    <Status loading={!s && !error} error={error}>
      {s ? (
        <>
          <section className="kpis" aria-label="Totals">
            <div className="kpi"><span className="kpi-label">Authority</span><span className="kpi-value" data-kpi="authority">{s.authority === null ? 'not ranked' : formatNumber(s.authority)}</span></div>
            <div className="kpi"><span className="kpi-label">Referring domains</span><span className="kpi-value" data-kpi="refDomains">{formatNumber(s.refDomains)}</span></div>
            <div className="kpi"><span className="kpi-label">Backlinks</span><span className="kpi-value" data-kpi="backlinks">{formatNumber(s.backlinks)}</span></div>
            <div className="kpi"><span className="kpi-label">Followed</span><span className="kpi-value">{formatNumber(s.rel.follow)}</span></div>
          </section>
          {anchors.data?.overOptimisation.warning ? <p className="warning" role="note">{anchors.data.overOptimisation.warning}</p> : null}
          <div className="grid">
            {charts.map((c) => (
              <section key={c.id} className="card" aria-labelledby={`h-${c.id}`}>
                <h2 id={`h-${c.id}`}>{c.title}</h2>
                <Chart id={c.id} label={c.label} option={c.option} onRendered={onRendered} />
              </section>
            ))}
            {s.audited === 0 ? (
              <section className="card" aria-labelledby="h-toxicity">
                <h2 id="h-toxicity">Toxicity</h2>
                <p className="muted">Audit not run yet: no referring domain has a toxicity score. Run <code>vouch audit</code>.</p>
              </section>
            ) : null}
            <section className="card" aria-labelledby="h-top">
              <h2 id="h-top">Top referring domains</h2>
              {top.data ? (
                <ol className="top-list">
                  {top.data.rows.map((r) => (
                    <li key={r.domain}>
                      <span className="domain">{r.domain}</span>
                      <span className="num" title="authority">{formatNumber(r.authority)}</span>
                    </li>
                  ))}
                </ol>
              ) : null}
            </section>
          </div>
        </>
      ) : null}
    </Status>
  );
}
