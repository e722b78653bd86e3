import type { ApplicationEventType } from './application.machine'

/**
 * Who may do what. Pure predicates, checked in every loader and action and again inside the workflow
 * service, so a route that forgets a check still cannot change another user's data.
 */

export type Role = 'applicant' | 'reviewer' | 'admin'

export interface Actor {
  userId: number
  role: Role
  organisationId: number | null
}

export interface ApplicationRef {
  organisationId: number
}

const applicantEvents: ReadonlySet<ApplicationEventType> = new Set(['EDIT', 'SUBMIT', 'RESUBMIT', 'WITHDRAW'])
const secretariatEvents: ReadonlySet<ApplicationEventType> = new Set([
  'START_ELIGIBILITY_REVIEW', 'ACCEPT_ELIGIBILITY', 'RETURN_FOR_CORRECTION', 'REJECT_INELIGIBLE', 'DECIDE',
  'START_PUBLIC_NOTICE', 'REOPEN_DECISION', 'RETRACT_DECISION', 'PUBLISH',
])

export function ownsApplication(actor: Actor, application: ApplicationRef): boolean {
  return actor.role === 'applicant' && actor.organisationId !== null && actor.organisationId === application.organisationId
}

export function isAdministrator(actor: Actor | null): boolean {
  return actor?.role === 'admin'
}

export function mayReadApplication(actor: Actor, application: ApplicationRef, assignedToActor: boolean): boolean {
  if (actor.role === 'admin') return true
  if (actor.role === 'reviewer') return assignedToActor
  return ownsApplication(actor, application)
}

/**
 * COMPLETE_DOCUMENT_REVIEW is not in either list: it is sent by the review service itself when the last
 * sheet of an application comes in, on behalf of the reviewer who submitted it.
 */
export function maySendApplicationEvent(
  actor: Actor,
  event: ApplicationEventType,
  application: ApplicationRef,
  assignedToActor = false,
): boolean {
  if (applicantEvents.has(event)) return ownsApplication(actor, application)
  if (secretariatEvents.has(event)) return actor.role === 'admin'
  if (event === 'COMPLETE_DOCUMENT_REVIEW') return actor.role === 'admin' || (actor.role === 'reviewer' && assignedToActor)
  return false
}

export function mayStartApplication(actor: Actor): boolean {
  return actor.role === 'applicant' && actor.organisationId !== null
}

export function mayScore(actor: Actor, assignmentReviewerId: number): boolean {
  return actor.role === 'reviewer' && actor.userId === assignmentReviewerId
}

/**
 * What an applicant may see of its own file. The committee's decision is recorded before it is published:
 * until publication the applicant sees neither the decision nor that one was taken (its status reads as
 * "scored, awaiting committee"), and never who in the secretariat or which expert acted.
 */
export function statusShownToApplicant(status: string, proposedForAward: boolean): string {
  if (status === 'decided') return 'scored'
  // Only proposed winners are on the public list; the others must not learn their result from the status.
  if (status === 'publicNotice' && !proposedForAward) return 'scored'
  return status
}

/** Only while an application is in public notice does its proposed result belong to the public. */
export function isOnPublicNotice(status: string): boolean {
  return status === 'publicNotice'
}

/** Moves an applicant does not see before publication: the committee's decision, and notice when not proposed. */
function eventsHiddenFromApplicant(proposedForAward: boolean): ReadonlySet<string> {
  return new Set(['DECIDE', 'REOPEN_DECISION', 'RETRACT_DECISION', ...(proposedForAward ? [] : ['START_PUBLIC_NOTICE'])])
}

export function auditShownToApplicant<T extends { event: string; actor_name: string | null }>(entries: readonly T[], proposedForAward: boolean): T[] {
  const hidden = eventsHiddenFromApplicant(proposedForAward)
  return entries.filter((entry) => !hidden.has(entry.event)).map((entry) => ({ ...entry, actor_name: null }))
}

/**
 * The version an applicant's forms carry: the row's version less the moves hidden from it, so that a version
 * that jumped does not reveal a decision. The workflow service maps it back before its version check.
 */
export function versionShownToApplicant(version: number, audit: ReadonlyArray<{ event: string }>, proposedForAward: boolean): number {
  const hidden = eventsHiddenFromApplicant(proposedForAward)
  return version - audit.filter((entry) => hidden.has(entry.event)).length
}
