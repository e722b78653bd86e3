import { describe, expect, it } from 'vitest'
import { getShortestPaths, getSimplePaths } from 'xstate/graph'
import { type ApplicationEvent, type ApplicationStatus, applicationMachine, applicationStatuses } from './application.machine'

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

  it('never publishes a result that skipped eligibility review, document review, scoring, the decision or the public notice', () => {
    const toPublished = getSimplePaths(applicationMachine, options).filter((path) => valueOf(path.state) === 'published')
    expect(toPublished.length).toBeGreaterThan(0)
    const stages: ApplicationStatus[] = ['submitted', 'eligibilityReview', 'documentReview', 'scored', 'decided', 'publicNotice', 'approved', 'published']
    for (const path of toPublished) {
      const visited = [...path.steps.map((step) => valueOf(step.state)), 'published']
      const positions = stages.map((stage) => visited.indexOf(stage))
      expect(positions.every((p) => p >= 0)).toBe(true)
      expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    }
  })

  it('offers no way out of a final status', () => {
    for (const status of ['ineligible', 'published', 'withdrawn'] as const) {
      const snapshot = applicationMachine.resolveState({ value: status, context: { corrections: 0, awarded: null } })
      expect(events.filter((event) => snapshot.can(event))).toEqual([])
    }
  })
})
