/**
 * Summary statistics for the bench scripts, so that every "median" in bench-results/
 * and docs/benchmarks.md means the same thing.
 */

/** The median: the middle value, or the mean of the two middle values of an even count; NaN for none. */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** Every value, in the order measured. */
  runs: number[];
}

/** The median, the extremes and the values of several runs. */
export function summary(xs: readonly number[]): Summary {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: [...xs] };
}
