import type { ApplicationStatus } from './application.machine'

/**
 * 申报进度: where an application stands among the award's stages, as its applicant may know it. It is computed
 * from the status the applicant is shown (statusShownToApplicant), never the real one, so the tracker cannot tell
 * what the status may not (a decision before publication). A cycle without a shortlist has no second half.
 */

export type TrackerStage =
  | 'submitted'
  | 'eligibility'
  | 'documentReview'
  | 'shortlist'
  | 'defence'
  | 'siteVisit'
  | 'committee'
  | 'notice'
  | 'published'

export type TrackerState = 'done' | 'current' | 'upcoming' | 'stopped'

/**
 * For each status: the stage it is at, and whether the application stopped there. Every status is listed, so a
 * status added to the machine fails to compile here until its place is decided.
 */
const position: Record<ApplicationStatus, { at: TrackerStage; stopped?: true; passed?: true } | null> = {
  draft: null,
  withdrawn: null,
  submitted: { at: 'submitted' },
  eligibilityReview: { at: 'eligibility' },
  returned: { at: 'eligibility' },
  ineligible: { at: 'eligibility', stopped: true },
  documentReview: { at: 'documentReview' },
  // Scored: document review is done; next comes the shortlist (or, without a second half, the committee).
  scored: { at: 'documentReview', passed: true },
  notShortlisted: { at: 'shortlist', stopped: true },
  shortlisted: { at: 'shortlist', passed: true },
  defenceScheduled: { at: 'defence' },
  defenceScored: { at: 'defence', passed: true },
  siteVisitScheduled: { at: 'siteVisit' },
  siteVisitScored: { at: 'siteVisit', passed: true },
  // Never shown as such (statusShownToApplicant reads them as awaiting the committee); were they passed here, the
  // tracker would still say no more than that.
  decided: { at: 'committee' },
  approved: { at: 'committee' },
  publicNotice: { at: 'notice' },
  published: { at: 'published', passed: true },
}

export function trackerStages(secondHalf: boolean): TrackerStage[] {
  return [
    'submitted',
    'eligibility',
    'documentReview',
    ...(secondHalf ? (['shortlist', 'defence', 'siteVisit'] as const) : []),
    'committee',
    'notice',
    'published',
  ]
}

/** Each stage with its state; null when there is nothing to track (a draft, a withdrawn application). */
export function stageTracker(
  shownStatus: string,
  secondHalf: boolean,
): Array<{ stage: TrackerStage; state: TrackerState }> | null {
  const where = position[shownStatus as ApplicationStatus]
  if (!where) return null
  const stages = trackerStages(secondHalf)
  // A not-shortlisted entry's results are published with everyone's; the stages between are not its own.
  if (shownStatus === 'published') return stages.map((stage) => ({ stage, state: 'done' as const }))
  const at = stages.indexOf(where.at)
  const current = where.passed ? at + 1 : at
  return stages.map((stage, i) => ({
    stage,
    state: i < current ? 'done' : i === current ? (where.stopped ? 'stopped' : 'current') : 'upcoming',
  }))
}
