export { ingestCcGraph, INGEST_CC_GRAPH_DEFAULTS } from './ingest-cc-graph.js';
export type { CcGraphLevel, CcGraphSummary, IngestCcGraphOptions } from './ingest-cc-graph.js';
