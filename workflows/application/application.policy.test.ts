import { describe, expect, it } from 'vitest'
import {
  type Actor,
  auditShownToApplicant,
  versionShownToApplicant,
  isAdministrator,
  mayReadApplication,
  mayScore,
  maySendApplicationEvent,
  mayStartApplication,
  statusShownToApplicant,
} from './application.policy'

const owner: Actor = { userId: 1, role: 'applicant', organisationId: 10 }
const stranger: Actor = { userId: 2, role: 'applicant', organisationId: 11 }
const reviewer: Actor = { userId: 3, role: 'reviewer', organisationId: null }
const admin: Actor = { userId: 4, role: 'admin', organisationId: null, offices: ['secretariat', 'agency', 'committee'] }
const application = { organisationId: 10 }

describe('who may read an application', () => {
  it('is its organisation, an assigned reviewer, or the secretariat', () => {
    expect(mayReadApplication(owner, application, false)).toBe(true)
    expect(mayReadApplication(stranger, application, false)).toBe(false)
    expect(mayReadApplication(reviewer, application, true)).toBe(true)
    expect(mayReadApplication(reviewer, application, false)).toBe(false)
    expect(mayReadApplication(admin, application, false)).toBe(true)
  })
})

describe('who may send which event', () => {
  it('lets only the owning applicant edit, submit, resubmit and withdraw', () => {
    for (const event of ['EDIT', 'SUBMIT', 'RESUBMIT', 'WITHDRAW'] as const) {
      expect(maySendApplicationEvent(owner, event, application)).toBe(true)
      for (const actor of [stranger, reviewer, admin])
        expect(maySendApplicationEvent(actor, event, application, true)).toBe(false)
    }
  })

  it('lets only the secretariat review eligibility, decide and publish', () => {
    for (const event of [
      'START_ELIGIBILITY_REVIEW',
      'ACCEPT_ELIGIBILITY',
      'RETURN_FOR_CORRECTION',
      'REJECT_INELIGIBLE',
      'DECIDE',
      'PUBLISH',
    ] as const) {
      expect(maySendApplicationEvent(admin, event, application)).toBe(true)
      for (const actor of [owner, reviewer])
        expect(maySendApplicationEvent(actor, event, application, true)).toBe(false)
    }
  })

  it('lets an assigned reviewer complete document review, not an unassigned one', () => {
    expect(maySendApplicationEvent(reviewer, 'COMPLETE_DOCUMENT_REVIEW', application, true)).toBe(true)
    expect(maySendApplicationEvent(reviewer, 'COMPLETE_DOCUMENT_REVIEW', application, false)).toBe(false)
    expect(maySendApplicationEvent(owner, 'COMPLETE_DOCUMENT_REVIEW', application, true)).toBe(false)
  })

  it('lets applicants start applications, reviewers score only their own assignment, admins administer', () => {
    expect(mayStartApplication(owner)).toBe(true)
    expect(mayStartApplication(admin)).toBe(false)
    expect(mayScore(reviewer, 3)).toBe(true)
    expect(mayScore(reviewer, 99)).toBe(false)
    expect(mayScore(admin, 4)).toBe(false)
    expect(isAdministrator(admin)).toBe(true)
    expect(isAdministrator(null)).toBe(false)
  })
})

describe('what an applicant sees of its own file', () => {
  it('hides a decision until publication, and every staff or expert name', () => {
    expect(statusShownToApplicant('decided', true)).toBe('scored')
    expect(statusShownToApplicant('published', false)).toBe('published')
    const entries = [
      { event: 'SUBMIT', actor_name: '王经理' },
      { event: 'COMPLETE_DOCUMENT_REVIEW', actor_name: '陈静' },
      { event: 'DECIDE', actor_name: '秘书处' },
      { event: 'START_PUBLIC_NOTICE', actor_name: '秘书处' },
    ]
    expect(auditShownToApplicant(entries, false)).toEqual([
      { event: 'SUBMIT', actor_name: null },
      { event: 'COMPLETE_DOCUMENT_REVIEW', actor_name: null },
    ])
    expect(auditShownToApplicant(entries, true).map((e) => e.event)).toEqual([
      'SUBMIT',
      'COMPLETE_DOCUMENT_REVIEW',
      'START_PUBLIC_NOTICE',
    ])
  })

  it('never shows consensus rounds, decisions taken back, or any move not on its list', () => {
    const entries = [
      { event: 'SUBMIT', actor_name: null },
      { event: 'RECORD_CONSENSUS', actor_name: '秘书处' },
      { event: 'RETRACT_DECISION', actor_name: '秘书处' },
      { event: 'SOMETHING_NEW', actor_name: '秘书处' },
    ]
    expect(auditShownToApplicant(entries, true).map((e) => e.event)).toEqual(['SUBMIT'])
  })

  it('counts only hidden moves of the machine out of the version it shows', () => {
    // Version 1 at creation; SUBMIT, DECIDE and RETRACT_DECISION each moved it on; a consensus round did not.
    const audit = [
      { event: 'CREATE' },
      { event: 'SUBMIT' },
      { event: 'RECORD_CONSENSUS' },
      { event: 'DECIDE' },
      { event: 'RETRACT_DECISION' },
    ]
    expect(versionShownToApplicant(4, audit, false)).toBe(2)
  })

  it('shows a public notice only to an applicant proposed for an award, as the public list does', () => {
    expect(statusShownToApplicant('publicNotice', true)).toBe('publicNotice')
    expect(statusShownToApplicant('publicNotice', false)).toBe('scored')
    // Approved by the city but not yet published: the applicant's file reads as it did on notice.
    expect(statusShownToApplicant('approved', true)).toBe('publicNotice')
    expect(statusShownToApplicant('approved', false)).toBe('scored')
  })

  it('keeps "site visit scored" through the committee in a cycle with a shortlist, so no decision shows early', () => {
    expect(statusShownToApplicant('siteVisitScored', false, true)).toBe('siteVisitScored')
    expect(statusShownToApplicant('decided', true, true)).toBe('siteVisitScored')
    expect(statusShownToApplicant('decided', false, true)).toBe('siteVisitScored')
    expect(statusShownToApplicant('publicNotice', false, true)).toBe('siteVisitScored')
    expect(statusShownToApplicant('approved', false, true)).toBe('siteVisitScored')
    expect(statusShownToApplicant('publicNotice', true, true)).toBe('publicNotice')
  })
})
