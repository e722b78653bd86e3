import type { ApplicationStatus } from './application.machine'

/**
 * What each status means for the rules that count applications, in one table: adding a status to the machine
 * fails to compile here until each fact is decided for it.
 */
export interface StatusFacts {
  /** Submitted and not yet decided nor out: blocks the public notice and publication. */
  inProcess: boolean
  /** Past the shortlist (入围) and holding one of its places: counts against the cycle's shortlist number. */
  holdsShortlistPlace: boolean
  /** Past the shortlist either way (shortlisted or not): the ranking that chose it must not change under it. */
  pastShortlist: boolean
  /** Carries a committee decision (decided, on notice, approved, published with one). */
  carriesDecision: boolean
}

const no: StatusFacts = { inProcess: false, holdsShortlistPlace: false, pastShortlist: false, carriesDecision: false }
const inProcess: StatusFacts = { ...no, inProcess: true }
const onShortlist: StatusFacts = {
  inProcess: true,
  holdsShortlistPlace: true,
  pastShortlist: true,
  carriesDecision: false,
}
const decided: StatusFacts = { inProcess: false, holdsShortlistPlace: true, pastShortlist: true, carriesDecision: true }

export const statusFacts: Record<ApplicationStatus, StatusFacts> = {
  draft: no,
  submitted: inProcess,
  eligibilityReview: inProcess,
  returned: inProcess,
  ineligible: no,
  documentReview: inProcess,
  scored: inProcess,
  shortlisted: onShortlist,
  defenceScheduled: onShortlist,
  defenceScored: onShortlist,
  siteVisitScheduled: onShortlist,
  siteVisitScored: onShortlist,
  notShortlisted: { ...no, pastShortlist: true },
  decided,
  publicNotice: decided,
  approved: decided,
  // Published: an awarded or not-awarded decision, or a not-shortlisted entry's scores; only the cycle's
  // publication leads here, after every shortlist and decision was settled.
  published: decided,
  withdrawn: no,
}

/** The statuses that have a fact, for a count in SQL (`status in (...)`). */
export function statusesWhere(fact: keyof StatusFacts): ApplicationStatus[] {
  return (Object.keys(statusFacts) as ApplicationStatus[]).filter((status) => statusFacts[status][fact])
}

/** How many of a per-status count have a fact. */
export function countWhere(statusCounts: Readonly<Record<string, number>>, fact: keyof StatusFacts): number {
  return statusesWhere(fact).reduce((sum, status) => sum + (statusCounts[status] ?? 0), 0)
}
