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
  | {
      type: 'ACCEPT_ELIGIBILITY'
      creditBlocked?: boolean
      creditMissing?: boolean
      openProblems?: number
      reason?: string
    }
  | { type: 'RETURN_FOR_CORRECTION'; reason: string }
  | { type: 'REJECT_INELIGIBLE'; reason: string }
  | { type: 'RESUBMIT' }
  | { type: 'COMPLETE_DOCUMENT_REVIEW'; submittedSheets: number; assignedReviewers: number; minReviewers: number }
  /** A sheet taken out after submission (a conflict found later): the review waits for the replacement's sheet. */
  | { type: 'REOPEN_DOCUMENT_REVIEW'; reason: string }
  /** shortlistRequired: the cycle has a shortlist stage, so the committee decides on shortlisted applications only. */
  | { type: 'DECIDE'; awarded: boolean; needsConsensus: boolean; hasConsensus: boolean; shortlistRequired?: boolean }
  /** 入围: the application goes on to the committee; or, not shortlisted, it leaves the process with its scores. */
  /**
   * needsConsensus and hasConsensus are filled in by the shortlist service from the sheets: an application whose
   * reviewers disagreed beyond the threshold goes on only with its consensus round, which cannot be held later.
   */
  | { type: 'SHORTLIST'; needsConsensus?: boolean; hasConsensus?: boolean }
  | { type: 'NOT_SHORTLIST' }
  /** 集中答辩: the slot set (or moved) and the panel drawn. */
  | { type: 'SCHEDULE_DEFENCE' }
  /** Sent by the defence service when the last panel member's sheet comes in; the counts are the database's. */
  | { type: 'COMPLETE_DEFENCE'; submittedSheets: number; panelSize: number }
  /** 现场核查: the visit set (or moved) and the team drawn. */
  | { type: 'SCHEDULE_SITE_VISIT' }
  /** The team leader records the team's agreed site-visit sheet; the counts are the database's. */
  | { type: 'RECORD_SITE_VISIT'; itemsVerified: number; itemsTotal: number }
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
    creditClear: ({ event }) =>
      event.type === 'ACCEPT_ELIGIBILITY' && event.creditBlocked !== true && event.creditMissing !== true,
    // Every condition confirmed and computed as met, or an override with its reason on the record.
    eligibilitySettled: ({ event }) =>
      event.type === 'ACCEPT_ELIGIBILITY' &&
      ((event.openProblems ?? 0) === 0 || (event.reason ?? '').trim().length > 0),
    hasReason: ({ event }) => 'reason' in event && (event.reason ?? '').trim().length > 0,
    // Where reviewers disagreed beyond the cycle's threshold, the committee decides on a consensus score only.
    // The same before the shortlist: consensus is held in document review, so nothing may pass on without it.
    consensusSettled: ({ event }) =>
      (event.type === 'DECIDE' || event.type === 'SHORTLIST') && (!event.needsConsensus || event.hasConsensus === true),
    noShortlistStage: ({ event }) => event.type === 'DECIDE' && event.shortlistRequired !== true,
    wasShortlisted: ({ event }) => event.type === 'RETRACT_DECISION' && event.shortlisted === true,
    // Every panel member has scored the defence (a panel of at least one).
    panelSheetsIn: ({ event }) =>
      event.type === 'COMPLETE_DEFENCE' && event.panelSize > 0 && event.submittedSheets === event.panelSize,
    // Every item of the criteria verified on site, confirmed or adjusted.
    siteVisitComplete: ({ event }) =>
      event.type === 'RECORD_SITE_VISIT' && event.itemsTotal > 0 && event.itemsVerified === event.itemsTotal,
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
        SHORTLIST: { target: 'shortlisted', guard: 'consensusSettled' },
        NOT_SHORTLIST: { target: 'notShortlisted' },
        // Before the shortlist or a decision only: once either has used the score, a sheet is no longer taken out.
        REOPEN_DOCUMENT_REVIEW: { target: 'documentReview', guard: 'hasReason' },
      },
    },
    // 入围: on to the defence, then the site visit; the applicant may still withdraw until the committee decides.
    shortlisted: {
      on: {
        SCHEDULE_DEFENCE: { target: 'defenceScheduled' },
        WITHDRAW: { target: 'withdrawn', guard: 'hasReason' },
      },
    },
    defenceScheduled: {
      on: {
        // Moving the slot keeps the stage; the applicant confirms the new one.
        SCHEDULE_DEFENCE: { target: 'defenceScheduled' },
        COMPLETE_DEFENCE: { target: 'defenceScored', guard: 'panelSheetsIn' },
        WITHDRAW: { target: 'withdrawn', guard: 'hasReason' },
      },
    },
    defenceScored: {
      on: {
        SCHEDULE_SITE_VISIT: { target: 'siteVisitScheduled' },
        WITHDRAW: { target: 'withdrawn', guard: 'hasReason' },
      },
    },
    siteVisitScheduled: {
      on: {
        SCHEDULE_SITE_VISIT: { target: 'siteVisitScheduled' },
        RECORD_SITE_VISIT: { target: 'siteVisitScored', guard: 'siteVisitComplete' },
        WITHDRAW: { target: 'withdrawn', guard: 'hasReason' },
      },
    },
    // All three scores in: the committee (审定) decides on the final score.
    siteVisitScored: {
      on: {
        DECIDE: { target: 'decided', guard: 'consensusSettled', actions: 'recordDecision' },
        WITHDRAW: { target: 'withdrawn', guard: 'hasReason' },
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
          { target: 'siteVisitScored', guard: and(['hasReason', 'wasShortlisted']), actions: 'forgetDecision' },
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
  | 'defenceScheduled'
  | 'defenceScored'
  | 'siteVisitScheduled'
  | 'siteVisitScored'
  | 'decided'
  | 'publicNotice'
  | 'approved'
  | 'published'
  | 'withdrawn'

export const applicationStatuses: readonly ApplicationStatus[] = [
  'draft',
  'submitted',
  'eligibilityReview',
  'returned',
  'ineligible',
  'documentReview',
  'scored',
  'shortlisted',
  'notShortlisted',
  'defenceScheduled',
  'defenceScored',
  'siteVisitScheduled',
  'siteVisitScored',
  'decided',
  'publicNotice',
  'approved',
  'published',
  'withdrawn',
]
