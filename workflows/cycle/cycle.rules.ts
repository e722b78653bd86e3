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
  const changed = rankingSettingChanges(current, next)
  if ([...next.quotas].some(([levelId, quota]) => current.quotas.get(levelId) !== quota)) changed.push('quotas')
  if (next.weights !== undefined && current.weights !== next.weights) changed.push('weights')
  if (next.specialAward !== undefined && current.specialAward !== next.specialAward) changed.push('specialAward')
  return changed
}

/**
 * Once a shortlist is settled, the ranking it was chosen from may not change under it: the settings among these
 * (how the document review's scores are counted and combined) that a change would alter.
 */
export function rankingSettingChanges(
  current: Pick<ResultSettings, 'minReviewers' | 'aggregation' | 'normaliseReviewers' | 'consensusThreshold'>,
  next: Pick<ResultSettings, 'minReviewers' | 'aggregation' | 'normaliseReviewers' | 'consensusThreshold'>,
): string[] {
  const changed: string[] = []
  if (current.minReviewers !== next.minReviewers) changed.push('minReviewers')
  if (current.aggregation !== next.aggregation) changed.push('aggregation')
  if (current.normaliseReviewers !== next.normaliseReviewers) changed.push('normaliseReviewers')
  if (current.consensusThreshold !== next.consensusThreshold) changed.push('consensusThreshold')
  return changed
}
