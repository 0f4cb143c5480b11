/**
 * What the API answers, typed from the report functions the server runs (type-only imports: nothing
 * of the server is bundled). JSON turns dates into ISO strings; `Json<T>` says so.
 */
import type {
  AnchorsResult, BacklinkHistoryResult, BacklinksResult, LinkIntersectResult, RefDomainsResult, TargetRecord, TargetSummary,
} from '../../../src/reports/index.js';
import type { JobInfo } from '../../../src/api/routes/jobs.js';
import type { AuditOverride, ScoredMarker, StoredAuditPage, StoredAuditRow, StoredDisavowEntry } from '../../../src/audit/index.js';
import type { Contact, OutreachDraft, ProspectKind, ProspectRecord, ProspectSource, ProspectStatus } from '../../../src/prospect/index.js';

export type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

export type Target = Json<TargetRecord>;
export type Summary = Json<TargetSummary>;
export type History = Json<BacklinkHistoryResult>;
export type Anchors = Json<AnchorsResult>;
export type Backlinks = Json<BacklinksResult>;
export type RefDomains = Json<RefDomainsResult>;
export type Intersect = Json<LinkIntersectResult>;
export type Job = Json<JobInfo>;

export type AuditRow = Json<StoredAuditRow>;
export type AuditMarker = Json<ScoredMarker>;
export type Audit = Json<StoredAuditPage> & { limit: number; offset: number };
export type DisavowEntry = Json<StoredDisavowEntry>;
export type Override = Json<AuditOverride>;

export type Prospect = Json<ProspectRecord>;
export type ProspectContact = Json<Contact>;
export type Draft = Json<OutreachDraft>;
export type { ProspectKind, ProspectSource, ProspectStatus };
