/** Helpers of the browser tests: reading chart options, parsing CSV. */
import assert from 'node:assert/strict';

/** The budget for the overview: navigation start to every chart drawn. */
export const OVERVIEW_BUDGET_MS = 1000;

export type ChartOption = Record<string, unknown>;

// What the dashboard exposes on window for these tests (see web/src/components/chart.tsx and pages/overview.tsx).
declare global {
  interface Window {
    __vouchCharts?: Record<string, { option: unknown; renderedAt: number | null }>;
    __vouchOverviewReadyMs?: number;
  }
}

export const sum = (xs: unknown[]): number => xs.reduce<number>((a, b) => a + Number(b), 0);

export function chartOption(charts: Record<string, unknown>, id: string): ChartOption {
  const option = charts[id];
  assert.ok(option && typeof option === 'object', `chart ${id} is drawn (have: ${Object.keys(charts).join(', ')})`);
  return option as ChartOption;
}

export function seriesData(option: ChartOption, index: number): unknown[] {
  const series = option.series as { data: unknown[] }[] | undefined;
  assert.ok(series?.[index], `series ${index}`);
  return series[index].data;
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks); a BOM is dropped. */
export function toCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || (ch === '\r' && body[i + 1] === '\n')) {
      if (ch === '\r') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
