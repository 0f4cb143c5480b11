import { useEffect, useRef } from 'react';
import { echarts } from './echarts.js';
import type { EChartsCoreOption } from './echarts.js';

/** Each chart's option and when it was last drawn, by id: the end-to-end tests read it, and anyone can inspect it. */
export interface ChartRegistry {
  [id: string]: { option: EChartsCoreOption; renderedAt: number | null };
}

declare global {
  interface Window {
    __vouchCharts?: ChartRegistry;
  }
}

function registry(): ChartRegistry {
  return (window.__vouchCharts ??= {});
}

interface ChartProps {
  /** Stable id (also the key in window.__vouchCharts). */
  id: string;
  /** What the chart shows, for screen readers (the canvas itself is not readable). */
  label: string;
  option: EChartsCoreOption;
  height?: number;
  /** Called once the chart has finished drawing this option. */
  onRendered?: (id: string) => void;
  onClick?: (params: { name?: string; dataType?: string; data?: unknown }) => void;
}

/** One ECharts chart, resized with its box, with its option kept in the registry. */
export function Chart({ id, label, option, height = 280, onRendered, onClick }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const rendered = useRef(onRendered);
  rendered.current = onRendered;
  const clicked = useRef(onClick);
  clicked.current = onClick;

  useEffect(() => {
    const instance = echarts.init(box.current!, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (p) => clicked.current?.(p as never));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
      delete registry()[id];
    };
  }, [id]);

  useEffect(() => {
    const instance = chart.current!;
    const entry = { option, renderedAt: null as number | null };
    registry()[id] = entry;
    const finished = (): void => {
      instance.off('finished', finished);
      entry.renderedAt = performance.now();
      rendered.current?.(id);
    };
    instance.on('finished', finished);
    performance.mark(`vouch:chart:${id}`);
    instance.setOption({ aria: { enabled: true }, animation: false, ...option }, { notMerge: true });
    return () => {
      instance.off('finished', finished);
    };
  }, [id, option]);

  return <div ref={box} className="chart" role="img" aria-label={label} data-chart-id={id} style={{ height }} />;
}
