/**
 * 入围 as a rule: the applications of a category ranked after document review, the top ones up to the cycle's
 * number go on. Where the secretariat's list differs from that (a higher-ranked entry left out, a lower one taken),
 * it departs from the ranking and needs a reason, as a decision does.
 */
export function expectedShortlist(
  ranked: ReadonlyArray<{ applicationId: number; rank: number }>,
  size: number,
): number[] {
  return [...ranked]
    .sort((a, b) => a.rank - b.rank || a.applicationId - b.applicationId)
    .slice(0, size)
    .map((entry) => entry.applicationId)
}

export function shortlistDeparts(expected: readonly number[], chosen: readonly number[]): boolean {
  const wanted = new Set(expected)
  return chosen.length !== expected.length || chosen.some((id) => !wanted.has(id))
}

/**
 * The places a category's shortlist still has: its number less the applications already holding one (an earlier
 * round, before a late entry was scored). Never below zero.
 */
export function shortlistPlacesLeft(size: number, alreadyHolding: number): number {
  return Math.max(0, size - alreadyHolding)
}
