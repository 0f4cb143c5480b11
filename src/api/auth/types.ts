/** What a token may do: `read` the reports, or also `write` (add and remove targets). */
export type TokenScope = 'read' | 'write';

/** A stored token, without its secret. */
export interface ApiTokenInfo {
  id: number;
  name: string;
  /** The first characters of the token, to tell tokens apart. */
  prefix: string;
  scope: TokenScope;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}
