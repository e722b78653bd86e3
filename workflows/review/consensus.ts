import { type Hundredths, median, percentageStep } from './scoring'

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
  // The middle of two 5 % steps is a multiple of 2.5, so rounding it to a whole percent first changes nothing.
  const middle = median(percentages)
  return middle === null ? null : Math.ceil(middle / percentageStep) * percentageStep
}
