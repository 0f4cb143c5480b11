export { PolitenessScheduler, POLITENESS_DEFAULTS } from './politeness-scheduler.js';
export type { PolitenessOptions, NextSlot } from './politeness-scheduler.js';
