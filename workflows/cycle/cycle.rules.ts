import { countWhere } from '../application/status-facts'

/**
 * Results go out for the whole cycle at once. Before the public notice every application still in the process
 * (submitted, in review, returned for correction, scored) must be decided or have left it; before publication every decision must have been on notice, the notices must
 * be over and every objection resolved. Publishing with a file still open would let that file change after
 * the public has seen the others.
 */
export function undecidedBlockingPublication(statusCounts: Record<string, number>): number {
  return countWhere(statusCounts, 'inProcess')
}

export function decidedNotYetOnNotice(statusCounts: Record<string, number>): number {
  return statusCounts.decided ?? 0
}

/** How many applications carry a committee decision (decided, on notice, or published). */
export function decisionsRecorded(statusCounts: Record<string, number>): number {
  return countWhere(statusCounts, 'carriesDecision')
}

/** How many applications a shortlist has settled (shortlisted or not): the ranking's settings lock from the first. */
export function shortlistsSettled(statusCounts: Record<string, number>): number {
  return countWhere(statusCounts, 'pastShortlist')
}

// Which settings lock at the first shortlist and at the first decision is declared with each setting
// (./cycle-settings.ts, locksAt).
