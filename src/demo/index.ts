export { DEMO_WEB_DEFAULTS } from './demo-web-defaults.js';
export { generateDemoWeb, DEMO_MIN_SITES, DEMO_MAX_SITES, DEMO_MIN_PAGES, DEMO_MAX_PAGES } from './generate-demo-web.js';
export { startDemoServer, DEMO_SERVER_DEFAULTS } from './start-demo-server.js';
export type { DemoServer, DemoServerOptions, DemoRequest, DemoFetchResult } from './start-demo-server.js';
export { serveDemo } from './serve-demo.js';
export type { ServeDemoOptions, ServeDemoResult } from './serve-demo.js';
export { writeDemoTruth, readDemoTruth } from './write-demo-truth.js';
export { truthLinkKey } from './internal/diff-truth.js';
export type {
  DemoWebOptions,
  DemoWeb,
  DemoSite,
  DemoResponse,
  DemoRole,
  DemoClass,
  DemoRobotsMode,
  DemoTruth,
  DemoTruthSite,
  DemoTruthDomain,
  DemoTruthPage,
  DemoTruthLink,
  DemoTruthRobots,
  DemoTruthSitemap,
  DemoTruthDiff,
  DemoTruthRemoved,
  DemoTruthPageChange,
  DemoLossReason,
  DemoProspectKind,
  DemoTruthProspect,
  DemoTruthContact,
  DemoUncrawlableReason,
} from './types.js';
