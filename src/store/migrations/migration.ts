/** One numbered schema change. Statements must be idempotent (`IF NOT EXISTS`) so a re-run is harmless. */
export interface Migration {
  /** Strictly increasing, starting at 1; never reuse or renumber a shipped version. */
  version: number;
  name: string;
  statements: readonly string[];
}
