import type { DemoWebOptions } from './types.js';

/** Defaults of the demo web, kept apart so the CLI can show them without loading the generator. */
export const DEMO_WEB_DEFAULTS = { seed: 1, sites: 60, pages: 3000, day: 1 } satisfies Required<DemoWebOptions>;
