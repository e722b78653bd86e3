/**
 * Results are published for the whole cycle at once, and only when the committee has decided every
 * application that reached it: publishing with a file still open would let that file be decided after the
 * public has seen the others.
 */
export function undecidedBlockingPublication(statusCounts: Record<string, number>): number {
  return statusCounts.scored ?? 0
}
