import { describe, expect, it } from 'vitest'
import { getShortestPaths, getSimplePaths } from 'xstate/graph'
import {
  type ApplicationEvent,
  type ApplicationStatus,
  applicationMachine,
  applicationStatuses,
} from './application.machine'

const reason = '说明'
const events: ApplicationEvent[] = [
  { type: 'SUBMIT' },
  { type: 'START_ELIGIBILITY_REVIEW' },
  { type: 'ACCEPT_ELIGIBILITY' },
  { type: 'RETURN_FOR_CORRECTION', reason },
  { type: 'REJECT_INELIGIBLE', reason },
  { type: 'RESUBMIT' },
  { type: 'COMPLETE_DOCUMENT_REVIEW', submittedSheets: 3, assignedReviewers: 3, minReviewers: 3 },
  { type: 'DECIDE', awarded: true, needsConsensus: false, hasConsensus: false },
  { type: 'SHORTLIST' },
  { type: 'NOT_SHORTLIST' },
  { type: 'SCHEDULE_DEFENCE' },
  { type: 'COMPLETE_DEFENCE', submittedSheets: 5, panelSize: 5 },
  { type: 'SCHEDULE_SITE_VISIT' },
  { type: 'RECORD_SITE_VISIT', itemsVerified: 23, itemsTotal: 23 },
  { type: 'START_PUBLIC_NOTICE' },
  { type: 'REOPEN_DECISION', reason },
  { type: 'RETRACT_DECISION', reason },
  { type: 'APPROVE', openObjections: 0, noticeOver: true },
  { type: 'PUBLISH' },
  { type: 'WITHDRAW', reason },
]
// States are compared by value: the correction counter would otherwise make the graph infinite.
const options = { events, serializeState: (snapshot: { value: unknown }) => JSON.stringify(snapshot.value) }
const valueOf = (snapshot: { value: unknown }) => snapshot.value as ApplicationStatus

describe('application machine as a graph', () => {
  it('reaches every status from a draft', () => {
    const reached = new Set(getShortestPaths(applicationMachine, options).map((path) => valueOf(path.state)))
    expect([...reached].sort()).toEqual([...applicationStatuses].sort())
  })

  it('never publishes a result that skipped eligibility review, document review, scoring, and then either the decision (after defence and site visit where shortlisted), the public notice and the approval, or the shortlist that left it out', () => {
    const toPublished = getSimplePaths(applicationMachine, options).filter(
      (path) => valueOf(path.state) === 'published',
    )
    expect(toPublished.length).toBeGreaterThan(0)
    const inOrder = (visited: string[], stages: ApplicationStatus[]) => {
      const positions = stages.map((stage) => visited.indexOf(stage))
      return positions.every((p) => p >= 0) && [...positions].sort((a, b) => a - b).join() === positions.join()
    }
    const base: ApplicationStatus[] = ['submitted', 'eligibilityReview', 'documentReview', 'scored']
    let leftOut = 0
    for (const path of toPublished) {
      const visited = [...path.steps.map((step) => valueOf(step.state)), 'published']
      const decided = inOrder(visited, [...base, 'decided', 'publicNotice', 'approved', 'published'])
      // A shortlisted application reaches the committee only through the defence and the site visit, in order.
      const secondHalf: ApplicationStatus[] = [
        'shortlisted',
        'defenceScheduled',
        'defenceScored',
        'siteVisitScheduled',
        'siteVisitScored',
        'decided',
      ]
      if (visited.includes('shortlisted')) expect(inOrder(visited, secondHalf), visited.join(' > ')).toBe(true)
      const notShortlisted =
        inOrder(visited, [...base, 'notShortlisted', 'published']) &&
        visited[visited.indexOf('published') - 1] === 'notShortlisted'
      expect(decided || notShortlisted, visited.join(' > ')).toBe(true)
      if (notShortlisted) leftOut++
    }
    expect(leftOut).toBeGreaterThan(0)
  })

  it('leaves no dead end: an application whose reviewers disagreed, with no consensus yet, can still reach a result without withdrawing', () => {
    // The worst case held fixed: consensus needed and not recorded, whatever the stage; withdrawal not an option.
    const stuck = events
      .filter((event) => event.type !== 'WITHDRAW')
      .map((event) =>
        event.type === 'DECIDE' || event.type === 'SHORTLIST'
          ? { ...event, needsConsensus: true, hasConsensus: false }
          : event,
      )
    const graph = { ...options, events: stuck }
    const finals = new Set<ApplicationStatus>(['ineligible', 'published'])
    const reachable = getShortestPaths(applicationMachine, graph).map((path) => path.state)
    expect(reachable.length).toBeGreaterThan(5)
    for (const state of reachable) {
      if (finals.has(valueOf(state))) continue
      const ends = getShortestPaths(applicationMachine, { ...graph, fromState: state }).filter((path) =>
        finals.has(valueOf(path.state)),
      )
      expect(ends.length, `${valueOf(state)} has no way to a result`).toBeGreaterThan(0)
    }
  })

  it('offers no way out of a final status', () => {
    for (const status of ['ineligible', 'published', 'withdrawn'] as const) {
      const snapshot = applicationMachine.resolveState({ value: status, context: { corrections: 0, awarded: null } })
      expect(events.filter((event) => snapshot.can(event))).toEqual([])
    }
  })
})
