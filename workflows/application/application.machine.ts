import { and, assign, setup } from 'xstate'

/**
 * The life of one application, from draft to published result. The machine is data: no promises, no
 * children, no timers, so a snapshot saved in SQLite is the whole truth and the server can compute the next
 * snapshot with XState's pure `transition`. Guards read only the event, which the workflow service fills from
 * the database inside the same transaction.
 */

export type ApplicationEvent =
  | { type: 'EDIT' }
  | { type: 'SUBMIT' }
  | { type: 'START_ELIGIBILITY_REVIEW' }
  /**
   * creditBlocked and openProblems are filled in by the workflow service from the database (the latest credit
   * check; the eligibility checklist), never by a caller. With problems open, passing needs the override's reason.
   */
  | { type: 'ACCEPT_ELIGIBILITY'; creditBlocked?: boolean; creditMissing?: boolean; openProblems?: number; reason?: string }
  | { type: 'RETURN_FOR_CORRECTION'; reason: string }
  | { type: 'REJECT_INELIGIBLE'; reason: string }
  | { type: 'RESUBMIT' }
  | { type: 'COMPLETE_DOCUMENT_REVIEW'; submittedSheets: number; assignedReviewers: number; minReviewers: number }
  /** shortlistRequired: the cycle has a shortlist stage, so the committee decides on shortlisted applications only. */
  | { type: 'DECIDE'; awarded: boolean; needsConsensus: boolean; hasConsensus: boolean; shortlistRequired?: boolean }
  /** 入围: the application goes on to the committee; or, not shortlisted, it leaves the process with its scores. */
  | { type: 'SHORTLIST' }
  | { type: 'NOT_SHORTLIST' }
  | { type: 'START_PUBLIC_NOTICE' }
  | { type: 'REOPEN_DECISION'; reason: string }
  /** The committee's decision taken back before the notice, so that the cycle's scoring settings can change. */
  | { type: 'RETRACT_DECISION'; reason: string; shortlisted?: boolean }
  /** The city's approval (批准) of the cycle's results, once the notice is over with no objection open. */
  | { type: 'APPROVE'; openObjections: number; noticeOver: boolean }
  | { type: 'PUBLISH' }
  | { type: 'WITHDRAW'; reason: string }

export type ApplicationEventType = ApplicationEvent['type']

export interface ApplicationContext {
  /** How many times the secretariat returned the application for correction (补正). */
  corrections: number
  /** Set when decided; the level itself lives in the applications table, where the ranking reads it. */
  awarded: boolean | null
}

export const applicationMachine = setup({
  types: {
    context: {} as ApplicationContext,
    events: {} as ApplicationEvent,
  },
  guards: {
    // A good credit record is an eligibility condition: an applicant on a dishonesty list cannot pass.
    // A credit check must be on record, and the latest must find no dishonesty entry: no override passes either.
    creditClear: ({ event }) => event.type === 'ACCEPT_ELIGIBILITY' && event.creditBlocked !== true && event.creditMissing !== true,
    // Every condition confirmed and computed as met, or an override with its reason on the record.
    eligibilitySettled: ({ event }) =>
      event.type === 'ACCEPT_ELIGIBILITY' && ((event.openProblems ?? 0) === 0 || (event.reason ?? '').trim().length > 0),
    hasReason: ({ event }) => 'reason' in event && (event.reason ?? '').trim().length > 0,
    // Where reviewers disagreed beyond the cycle's threshold, the committee decides on a consensus score only.
    consensusSettled: ({ event }) => event.type === 'DECIDE' && (!event.needsConsensus || event.hasConsensus),
    noShortlistStage: ({ event }) => event.type === 'DECIDE' && event.shortlistRequired !== true,
    wasShortlisted: ({ event }) => event.type === 'RETRACT_DECISION' && event.shortlisted === true,
    noticeCleared: ({ event }) => event.type === 'APPROVE' && event.openObjections === 0 && event.noticeOver,
    allSheetsIn: ({ event }) =>
      event.type === 'COMPLETE_DOCUMENT_REVIEW' &&
      event.assignedReviewers >= event.minReviewers &&
      event.submittedSheets === event.assignedReviewers,
  },
  actions: {
    countCorrection: assign({ corrections: ({ context }) => context.corrections + 1 }),
    recordDecision: assign({ awarded: ({ event }) => (event.type === 'DECIDE' ? event.awarded : null) }),
    forgetDecision: assign({ awarded: null }),
  },
}).createMachine({
  id: 'application',
  initial: 'draft',
  context: { corrections: 0, awarded: null },
  states: {
    draft: {
      on: {
        EDIT: { target: 'draft' },
        SUBMIT: { target: 'submitted' },
        WITHDRAW: { target: 'withdrawn', guard: 'hasReason' },
      },
    },
    submitted: {
      on: {
        START_ELIGIBILITY_REVIEW: { target: 'eligibilityReview' },
        WITHDRAW: { target: 'withdrawn', guard: 'hasReason' },
      },
    },
    eligibilityReview: {
      on: {
        ACCEPT_ELIGIBILITY: { target: 'documentReview', guard: and(['creditClear', 'eligibilitySettled']) },
        RETURN_FOR_CORRECTION: {
          target: 'returned',
          guard: 'hasReason',
          actions: 'countCorrection',
        },
        REJECT_INELIGIBLE: { target: 'ineligible', guard: 'hasReason' },
        WITHDRAW: { target: 'withdrawn', guard: 'hasReason' },
      },
    },
    returned: {
      on: {
        EDIT: { target: 'returned' },
        RESUBMIT: { target: 'submitted' },
        WITHDRAW: { target: 'withdrawn', guard: 'hasReason' },
      },
    },
    ineligible: { type: 'final' },
    documentReview: {
      on: {
        COMPLETE_DOCUMENT_REVIEW: { target: 'scored', guard: 'allSheetsIn' },
        WITHDRAW: { target: 'withdrawn', guard: 'hasReason' },
      },
    },
    // From here on the committee holds the file: the applicant can no longer withdraw.
    scored: {
      on: {
        // Straight to the committee only in a cycle without a shortlist stage.
        DECIDE: { target: 'decided', guard: and(['consensusSettled', 'noShortlistStage']), actions: 'recordDecision' },
        SHORTLIST: { target: 'shortlisted' },
        NOT_SHORTLIST: { target: 'notShortlisted' },
      },
    },
    shortlisted: {
      on: {
        DECIDE: { target: 'decided', guard: 'consensusSettled', actions: 'recordDecision' },
      },
    },
    // Out of the process with its scores kept; its feedback report goes out with the cycle's results.
    notShortlisted: {
      on: {
        PUBLISH: { target: 'published' },
      },
    },
    decided: {
      on: {
        // The committee may revise its decision until the public notice starts.
        DECIDE: { target: 'decided', guard: 'consensusSettled', actions: 'recordDecision' },
        START_PUBLIC_NOTICE: { target: 'publicNotice' },
        RETRACT_DECISION: [
          { target: 'shortlisted', guard: and(['hasReason', 'wasShortlisted']), actions: 'forgetDecision' },
          { target: 'scored', guard: 'hasReason', actions: 'forgetDecision' },
        ],
      },
    },
    // 公示: approved only when the notice period is over and every objection is resolved; an upheld objection
    // sends the decision back to the committee.
    publicNotice: {
      on: {
        APPROVE: { target: 'approved', guard: 'noticeCleared' },
        REOPEN_DECISION: { target: 'decided', guard: 'hasReason' },
      },
    },
    // 批准: the city has approved the cycle's results (document number and date on the cycle); they may now go out.
    approved: {
      on: {
        PUBLISH: { target: 'published' },
      },
    },
    published: { type: 'final' },
    withdrawn: { type: 'final' },
  },
})

export type ApplicationStatus =
  | 'draft'
  | 'submitted'
  | 'eligibilityReview'
  | 'returned'
  | 'ineligible'
  | 'documentReview'
  | 'scored'
  | 'shortlisted'
  | 'notShortlisted'
  | 'decided'
  | 'publicNotice'
  | 'approved'
  | 'published'
  | 'withdrawn'

export const applicationStatuses: readonly ApplicationStatus[] = [
  'draft', 'submitted', 'eligibilityReview', 'returned', 'ineligible', 'documentReview', 'scored', 'shortlisted', 'notShortlisted', 'decided',
  'publicNotice', 'approved', 'published', 'withdrawn',
]
