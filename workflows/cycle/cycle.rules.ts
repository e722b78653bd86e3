/**
 * Results go out for the whole cycle at once. Before the public notice every application still in the process
 * (submitted, in review, returned for correction, scored) must be decided or have left it; before publication every decision must have been on notice, the notices must
 * be over and every objection resolved. Publishing with a file still open would let that file change after
 * the public has seen the others.
 */
/** Still in the process: submitted and not yet decided (a draft never submitted, an ineligible or withdrawn one is out). */
const inProcess = [
  'submitted',
  'eligibilityReview',
  'returned',
  'documentReview',
  'scored',
  'shortlisted',
  'defenceScheduled',
  'defenceScored',
  'siteVisitScheduled',
  'siteVisitScored',
] as const

export function undecidedBlockingPublication(statusCounts: Record<string, number>): number {
  return inProcess.reduce((sum, status) => sum + (statusCounts[status] ?? 0), 0)
}

export function decidedNotYetOnNotice(statusCounts: Record<string, number>): number {
  return statusCounts.decided ?? 0
}

/** How many applications carry a committee decision (decided, on notice, or published). */
export function decisionsRecorded(statusCounts: Record<string, number>): number {
  return (
    (statusCounts.decided ?? 0) +
    (statusCounts.publicNotice ?? 0) +
    (statusCounts.approved ?? 0) +
    (statusCounts.published ?? 0)
  )
}

/** The settings that decide results; the deadline and the notice length do not. */
export interface ResultSettings {
  minReviewers: number
  aggregation: string
  normaliseReviewers: boolean
  /** Hundredths of a point. */
  consensusThreshold: number
  quotas: ReadonlyMap<number, number>
  /** The final score's weights as "40/20/40"; absent where the form left them as they are. */
  weights?: string
  specialAward?: boolean
}

/**
 * Once the committee has decided on the numbers, the numbers may not change under its decisions: the
 * settings among these that a change would alter. (The decisions must be taken back first, with a reason.)
 */
export function lockedSettingChanges(current: ResultSettings, next: ResultSettings): string[] {
  const changed: string[] = []
  if (current.minReviewers !== next.minReviewers) changed.push('minReviewers')
  if (current.aggregation !== next.aggregation) changed.push('aggregation')
  if (current.normaliseReviewers !== next.normaliseReviewers) changed.push('normaliseReviewers')
  if (current.consensusThreshold !== next.consensusThreshold) changed.push('consensusThreshold')
  if ([...next.quotas].some(([levelId, quota]) => current.quotas.get(levelId) !== quota)) changed.push('quotas')
  if (next.weights !== undefined && current.weights !== next.weights) changed.push('weights')
  if (next.specialAward !== undefined && current.specialAward !== next.specialAward) changed.push('specialAward')
  return changed
}
