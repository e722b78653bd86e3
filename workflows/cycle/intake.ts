import type { Cycle } from '#db/schema'

/**
 * 申报受理 (intake): applications are started and submitted while it is open. It ends at the deadline (Beijing
 * time, to the second, as stored) or when it is closed: by the secretariat, or by the first of the cycle-wide
 * stages that starts (the public notice, the approval, publication), so that nothing can enter a cycle whose
 * results are going out. A correction (补正) asked for by the secretariat may still be resubmitted. (A shortlist
 * is per category and does not end intake: its number counts the places taken in earlier rounds instead.)
 */
export type IntakeState = 'open' | 'deadlinePassed' | 'closed'

export function intakeState(
  cycle: Pick<Cycle, 'submission_deadline' | 'intake_closed_at' | 'results_published_at'>,
  now: string,
): IntakeState {
  if (cycle.intake_closed_at !== null || cycle.results_published_at !== null) return 'closed'
  return now <= cycle.submission_deadline ? 'open' : 'deadlinePassed'
}

export function intakeOpen(
  cycle: Pick<Cycle, 'submission_deadline' | 'intake_closed_at' | 'results_published_at'>,
  now: string,
): boolean {
  return intakeState(cycle, now) === 'open'
}

/** The message for a draft that can no longer go in, by why intake is over. */
export function intakeRefusalKey(state: Exclude<IntakeState, 'open'>): 'errors.deadlinePassed' | 'errors.intakeClosed' {
  return state === 'deadlinePassed' ? 'errors.deadlinePassed' : 'errors.intakeClosed'
}

/** What closed intake early, as the cycle's history says it. */
export type IntakeClosedBy = 'secretariat' | 'notice' | 'approval' | 'publication'
