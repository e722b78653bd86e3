import { setup } from 'xstate'
import type { AssignmentStatus } from '#db/schema'

/**
 * An expert's assignment to one application. Drawn, the expert is invited and sees only the applicant's name,
 * industry and category; the application, its files and the sheet open only once the expert has declared no
 * conflict of interest (ACCEPT). Declining or declaring a conflict ends the assignment (a redraw follows);
 * the secretariat may remove one, with a reason. The first save of the sheet starts the work; submission
 * finishes it; a consensus round may reopen it.
 */
export type AssignmentEvent =
  | { type: 'ACCEPT' }
  | { type: 'DECLINE'; reason: string }
  | { type: 'RECUSE'; reason: string }
  | { type: 'REMOVE'; reason: string }
  | { type: 'START' }
  | { type: 'SUBMIT' }
  | { type: 'REOPEN' }

export type AssignmentEventType = AssignmentEvent['type']

export const assignmentMachine = setup({
  types: { events: {} as AssignmentEvent },
  guards: {
    hasReason: ({ event }) => 'reason' in event && event.reason.trim().length > 0,
  },
}).createMachine({
  id: 'assignment',
  initial: 'invited',
  states: {
    invited: {
      on: {
        ACCEPT: { target: 'accepted' },
        DECLINE: { target: 'declined', guard: 'hasReason' },
        RECUSE: { target: 'recused', guard: 'hasReason' },
        REMOVE: { target: 'removed', guard: 'hasReason' },
      },
    },
    accepted: {
      on: {
        START: { target: 'inProgress' },
        SUBMIT: { target: 'submitted' },
        RECUSE: { target: 'recused', guard: 'hasReason' },
        REMOVE: { target: 'removed', guard: 'hasReason' },
      },
    },
    inProgress: {
      on: {
        SUBMIT: { target: 'submitted' },
        RECUSE: { target: 'recused', guard: 'hasReason' },
        REMOVE: { target: 'removed', guard: 'hasReason' },
      },
    },
    submitted: {
      on: {
        REOPEN: { target: 'inProgress' },
        // A conflict found after submission: the secretariat takes the sheet out (it stays on the record).
        REMOVE: { target: 'removed', guard: 'hasReason' },
      },
    },
    declined: { type: 'final' },
    recused: { type: 'final' },
    removed: { type: 'final' },
  },
})

export function assignmentSnapshot(status: AssignmentStatus) {
  return assignmentMachine.resolveState({ value: status, context: undefined })
}

/** Still part of the review: counted towards the reviewers an application has (and needs). */
export const activeAssignmentStatuses: readonly AssignmentStatus[] = ['invited', 'accepted', 'inProgress', 'submitted']

/** The expert has declared no conflict: the application, its files and the sheet are open to them. */
export const openingAssignmentStatuses: readonly AssignmentStatus[] = ['accepted', 'inProgress', 'submitted']

export function isActiveAssignment(status: AssignmentStatus): boolean {
  return activeAssignmentStatuses.includes(status)
}

export function opensApplication(status: AssignmentStatus): boolean {
  return openingAssignmentStatuses.includes(status)
}
