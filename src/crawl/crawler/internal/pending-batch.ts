import type { LinkRecord, PageRecord } from '../../../core/types.js';
import type { DiscoveredUrl, SettledEntry } from '../../frontier/types.js';

/** What the crawl recorded since the last commit. */
export class PendingBatch {
  pages: PageRecord[] = [];
  links: LinkRecord[] = [];
  discovered: DiscoveredUrl[] = [];
  settled: SettledEntry[] = [];

  isEmpty(): boolean {
    return this.pages.length === 0 && this.discovered.length === 0 && this.settled.length === 0;
  }

  /** Hand the contents over for a commit and start empty. */
  take(): { pages: PageRecord[]; links: LinkRecord[]; discovered: DiscoveredUrl[]; settled: SettledEntry[] } {
    const taken = { pages: this.pages, links: this.links, discovered: this.discovered, settled: this.settled };
    this.pages = [];
    this.links = [];
    this.discovered = [];
    this.settled = [];
    return taken;
  }
}
