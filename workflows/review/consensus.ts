import type { Hundredths } from './scoring'

/** How far apart the reviewers' totals are: the highest minus the lowest. */
export function totalSpread(totals: readonly Hundredths[]): Hundredths {
  if (totals.length < 2) return 0
  return Math.max(...totals) - Math.min(...totals)
}

/**
 * Reviewers disagree when their totals spread further than the cycle's threshold; the committee then needs a
 * consensus score before it may decide.
 */
export function needsConsensus(totals: readonly Hundredths[], threshold: Hundredths): boolean {
  return totalSpread(totals) > threshold
}

/** A starting point for the consensus sheet: each item's median percentage, on the 5 % grid (rounded up). */
export function suggestedPercentage(percentages: readonly number[]): number | null {
  if (percentages.length === 0) return null
  const sorted = [...percentages].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
  return Math.ceil(median / 5) * 5
}
