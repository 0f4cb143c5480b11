/** One comparison: our figure beside its peer's, measured in the same run. */
export interface BenchResult {
  name: string;
  ours: number;
  peer: number;
  unit: string;
  higherIsBetter: boolean;
  note?: string;
}
