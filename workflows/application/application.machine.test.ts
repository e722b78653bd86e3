import { describe, expect, it } from 'vitest'
import { transition } from 'xstate'
import {
  type ApplicationEvent,
  type ApplicationStatus,
  applicationMachine,
  applicationStatuses,
} from './application.machine'
import { initialApplicationSnapshot, restoreSnapshot, serialiseSnapshot, statusOf } from './application.snapshot'

const reason = '材料不全 / documents missing'
const complete = {
  type: 'COMPLETE_DOCUMENT_REVIEW',
  submittedSheets: 3,
  assignedReviewers: 3,
  minReviewers: 3,
} as const

/** Every event the machine knows, with a payload that satisfies its guard. */
const allEvents: ApplicationEvent[] = [
  { type: 'EDIT' },
  { type: 'SUBMIT' },
  { type: 'START_ELIGIBILITY_REVIEW' },
  { type: 'ACCEPT_ELIGIBILITY' },
  { type: 'RETURN_FOR_CORRECTION', reason },
  { type: 'REJECT_INELIGIBLE', reason },
  { type: 'RESUBMIT' },
  complete,
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
  { type: 'REOPEN_DOCUMENT_REVIEW', reason },
]

/** The legal steps, written out as the award rules state them: state -> event -> next state. */
const legal: Record<ApplicationStatus, Partial<Record<ApplicationEvent['type'], ApplicationStatus>>> = {
  draft: { EDIT: 'draft', SUBMIT: 'submitted', WITHDRAW: 'withdrawn' },
  submitted: { START_ELIGIBILITY_REVIEW: 'eligibilityReview', WITHDRAW: 'withdrawn' },
  eligibilityReview: {
    ACCEPT_ELIGIBILITY: 'documentReview',
    RETURN_FOR_CORRECTION: 'returned',
    REJECT_INELIGIBLE: 'ineligible',
    WITHDRAW: 'withdrawn',
  },
  returned: { EDIT: 'returned', RESUBMIT: 'submitted', WITHDRAW: 'withdrawn' },
  ineligible: {},
  documentReview: { COMPLETE_DOCUMENT_REVIEW: 'scored', WITHDRAW: 'withdrawn' },
  scored: {
    DECIDE: 'decided',
    SHORTLIST: 'shortlisted',
    NOT_SHORTLIST: 'notShortlisted',
    REOPEN_DOCUMENT_REVIEW: 'documentReview',
  },
  shortlisted: { SCHEDULE_DEFENCE: 'defenceScheduled', WITHDRAW: 'withdrawn' },
  defenceScheduled: { SCHEDULE_DEFENCE: 'defenceScheduled', COMPLETE_DEFENCE: 'defenceScored', WITHDRAW: 'withdrawn' },
  defenceScored: { SCHEDULE_SITE_VISIT: 'siteVisitScheduled', WITHDRAW: 'withdrawn' },
  siteVisitScheduled: {
    SCHEDULE_SITE_VISIT: 'siteVisitScheduled',
    RECORD_SITE_VISIT: 'siteVisitScored',
    WITHDRAW: 'withdrawn',
  },
  siteVisitScored: { DECIDE: 'decided', WITHDRAW: 'withdrawn' },
  notShortlisted: { PUBLISH: 'published' },
  decided: { DECIDE: 'decided', START_PUBLIC_NOTICE: 'publicNotice', RETRACT_DECISION: 'scored' },
  publicNotice: { APPROVE: 'approved', REOPEN_DECISION: 'decided' },
  approved: { PUBLISH: 'published' },
  published: {},
  withdrawn: {},
}

function snapshotIn(status: ApplicationStatus) {
  return applicationMachine.resolveState({ value: status, context: { corrections: 0, awarded: null } })
}

describe('application machine', () => {
  it('starts as a draft', () => {
    expect(statusOf(initialApplicationSnapshot())).toBe('draft')
  })

  for (const status of applicationStatuses) {
    for (const event of allEvents) {
      const expected = legal[status][event.type]
      if (expected) {
        it(`${status} --${event.type}--> ${expected}`, () => {
          const snapshot = snapshotIn(status)
          expect(snapshot.can(event)).toBe(true)
          const [next] = transition(applicationMachine, snapshot, event)
          expect(statusOf(next)).toBe(expected)
        })
      } else {
        it(`${status} refuses ${event.type}`, () => {
          const snapshot = snapshotIn(status)
          expect(snapshot.can(event)).toBe(false)
          const [next] = transition(applicationMachine, snapshot, event)
          expect(statusOf(next)).toBe(status)
        })
      }
    }
  }

  it('refuses a return, a rejection or a withdrawal without a reason', () => {
    expect(snapshotIn('eligibilityReview').can({ type: 'RETURN_FOR_CORRECTION', reason: '  ' })).toBe(false)
    expect(snapshotIn('eligibilityReview').can({ type: 'REJECT_INELIGIBLE', reason: '' })).toBe(false)
    expect(snapshotIn('draft').can({ type: 'WITHDRAW', reason: '' })).toBe(false)
  })

  it('completes document review only when every assigned reviewer, and at least the minimum, has submitted', () => {
    const review = snapshotIn('documentReview')
    expect(review.can({ ...complete, submittedSheets: 2 })).toBe(false)
    expect(review.can({ ...complete, assignedReviewers: 2, submittedSheets: 2 })).toBe(false)
    expect(review.can({ ...complete, assignedReviewers: 5, submittedSheets: 4 })).toBe(false)
    expect(review.can({ ...complete, assignedReviewers: 5, submittedSheets: 5 })).toBe(true)
  })

  it('lets the committee decide on disagreeing sheets only once a consensus is recorded', () => {
    const scored = snapshotIn('scored')
    expect(scored.can({ type: 'DECIDE', awarded: true, needsConsensus: true, hasConsensus: false })).toBe(false)
    expect(scored.can({ type: 'DECIDE', awarded: true, needsConsensus: true, hasConsensus: true })).toBe(true)
    expect(
      snapshotIn('decided').can({ type: 'DECIDE', awarded: false, needsConsensus: true, hasConsensus: false }),
    ).toBe(false)
  })

  it('refuses eligibility to an applicant whose latest credit check found it on a dishonesty list', () => {
    const review = snapshotIn('eligibilityReview')
    expect(review.can({ type: 'ACCEPT_ELIGIBILITY', creditBlocked: true })).toBe(false)
    expect(review.can({ type: 'ACCEPT_ELIGIBILITY', creditBlocked: false })).toBe(true)
  })

  it('is approved only when the notice period is over and no objection is open, and published only once approved', () => {
    const notice = snapshotIn('publicNotice')
    expect(notice.can({ type: 'APPROVE', openObjections: 1, noticeOver: true })).toBe(false)
    expect(notice.can({ type: 'APPROVE', openObjections: 0, noticeOver: false })).toBe(false)
    expect(notice.can({ type: 'APPROVE', openObjections: 0, noticeOver: true })).toBe(true)
    expect(notice.can({ type: 'PUBLISH' })).toBe(false)
    expect(snapshotIn('approved').can({ type: 'PUBLISH' })).toBe(true)
    expect(notice.can({ type: 'REOPEN_DECISION', reason: '' })).toBe(false)
  })

  it('decides straight from the scores only in a cycle without a shortlist stage', () => {
    const decide = { type: 'DECIDE' as const, awarded: true, needsConsensus: false, hasConsensus: false }
    expect(snapshotIn('scored').can({ ...decide, shortlistRequired: true })).toBe(false)
    expect(snapshotIn('scored').can({ ...decide, shortlistRequired: false })).toBe(true)
    expect(snapshotIn('shortlisted').can({ ...decide, shortlistRequired: true })).toBe(false)
    expect(snapshotIn('siteVisitScored').can({ ...decide, shortlistRequired: true })).toBe(true)
    expect(snapshotIn('siteVisitScored').can({ ...decide, needsConsensus: true })).toBe(false)
  })

  it('completes the defence only when every panel member has scored it', () => {
    const defence = snapshotIn('defenceScheduled')
    expect(defence.can({ type: 'COMPLETE_DEFENCE', submittedSheets: 4, panelSize: 5 })).toBe(false)
    expect(defence.can({ type: 'COMPLETE_DEFENCE', submittedSheets: 0, panelSize: 0 })).toBe(false)
    expect(defence.can({ type: 'COMPLETE_DEFENCE', submittedSheets: 5, panelSize: 5 })).toBe(true)
  })

  it('records the site visit only when the team verified every item', () => {
    const visit = snapshotIn('siteVisitScheduled')
    expect(visit.can({ type: 'RECORD_SITE_VISIT', itemsVerified: 22, itemsTotal: 23 })).toBe(false)
    expect(visit.can({ type: 'RECORD_SITE_VISIT', itemsVerified: 0, itemsTotal: 0 })).toBe(false)
    expect(visit.can({ type: 'RECORD_SITE_VISIT', itemsVerified: 23, itemsTotal: 23 })).toBe(true)
  })

  it('takes a retracted decision back to the committee after the site visit where there was a shortlist', () => {
    const [toCommittee] = transition(applicationMachine, snapshotIn('decided'), {
      type: 'RETRACT_DECISION',
      reason: '改用中位数',
      shortlisted: true,
    })
    expect(toCommittee.value).toBe('siteVisitScored')
    const [toScored] = transition(applicationMachine, snapshotIn('decided'), {
      type: 'RETRACT_DECISION',
      reason: '改用中位数',
    })
    expect(toScored.value).toBe('scored')
  })

  it('counts corrections and records the decision in the context', () => {
    let snapshot = snapshotIn('eligibilityReview')
    ;[snapshot] = transition(applicationMachine, snapshot, { type: 'RETURN_FOR_CORRECTION', reason })
    ;[snapshot] = transition(applicationMachine, snapshot, { type: 'RESUBMIT' })
    ;[snapshot] = transition(applicationMachine, snapshot, { type: 'START_ELIGIBILITY_REVIEW' })
    ;[snapshot] = transition(applicationMachine, snapshot, { type: 'RETURN_FOR_CORRECTION', reason })
    expect(snapshot.context.corrections).toBe(2)
    const [decided] = transition(applicationMachine, snapshotIn('scored'), {
      type: 'DECIDE',
      awarded: false,
      needsConsensus: false,
      hasConsensus: false,
    })
    expect(decided.context.awarded).toBe(false)
  })

  it('survives a round trip through its persisted form', () => {
    const [returned] = transition(applicationMachine, snapshotIn('eligibilityReview'), {
      type: 'RETURN_FOR_CORRECTION',
      reason,
    })
    const restored = restoreSnapshot(serialiseSnapshot(returned))
    expect(statusOf(restored)).toBe('returned')
    expect(restored.context.corrections).toBe(1)
    expect(restored.can({ type: 'RESUBMIT' })).toBe(true)
  })
})
