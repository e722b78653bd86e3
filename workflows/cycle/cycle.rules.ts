/**
 * Results go out for the whole cycle at once. Before the public notice every application that reached the
 * committee must be decided; before publication every decision must have been on notice, the notices must
 * be over and every objection resolved. Publishing with a file still open would let that file change after
 * the public has seen the others.
 */
export function undecidedBlockingPublication(statusCounts: Record<string, number>): number {
  return statusCounts.scored ?? 0
}

export function decidedNotYetOnNotice(statusCounts: Record<string, number>): number {
  return statusCounts.decided ?? 0
}
