import type { ApplicationEventType } from './application.machine'
import { type Duty, mayAct, type Office } from '../account/duties'
import type { MemberRole } from '#db/schema'

/**
 * Who may do what. Pure predicates, checked in every loader and action and again inside the workflow
 * service, so a route that forgets a check still cannot change another user's data.
 */

export type Role = 'applicant' | 'reviewer' | 'admin'

export interface Actor {
  userId: number
  role: Role
  organisationId: number | null
  /** A staff account's offices (secretariat, agency, committee, supervisor): what it may do (../account/duties.ts). */
  offices?: readonly Office[]
  /** An applicant's place in its organisation's team; absent or null: the owner (accounts made before teams). */
  memberRole?: MemberRole | null
}

/** The organisation's owner, who manages its team: the account it registered with (or one made owner). */
export function isOrganisationOwner(actor: Actor): boolean {
  return actor.role === 'applicant' && actor.organisationId !== null && (actor.memberRole ?? 'owner') === 'owner'
}

/** A colleague who may only read (a viewer), or was removed, changes nothing of the organisation's. */
export function editsAsMember(actor: Actor): boolean {
  return actor.memberRole !== 'viewer' && actor.memberRole !== 'removed'
}

export interface ApplicationRef {
  organisationId: number
}

const applicantEvents: ReadonlySet<ApplicationEventType> = new Set(['EDIT', 'SUBMIT', 'RESUBMIT', 'WITHDRAW'])
/** The staff's events, each with the duty it needs (../account/duties.ts). */
const staffEvents: ReadonlyMap<ApplicationEventType, Duty> = new Map<ApplicationEventType, Duty>([
  ['START_ELIGIBILITY_REVIEW', 'eligibility'],
  ['ACCEPT_ELIGIBILITY', 'eligibility'],
  ['RETURN_FOR_CORRECTION', 'eligibility'],
  ['REJECT_INELIGIBLE', 'eligibility'],
  ['REOPEN_DOCUMENT_REVIEW', 'conductReview'],
  ['SHORTLIST', 'shortlist'],
  ['NOT_SHORTLIST', 'shortlist'],
  ['SCHEDULE_DEFENCE', 'schedule'],
  ['SCHEDULE_SITE_VISIT', 'schedule'],
  ['DECIDE', 'decide'],
  ['REOPEN_DECISION', 'decide'],
  ['RETRACT_DECISION', 'decide'],
  ['START_PUBLIC_NOTICE', 'runNotice'],
  ['APPROVE', 'recordApproval'],
  ['PUBLISH', 'publish'],
])
/** Sent by the stage services on behalf of the panel member or team leader whose sheet completes the stage. */
const panelEvents: ReadonlySet<string> = new Set(['COMPLETE_DOCUMENT_REVIEW', 'COMPLETE_DEFENCE', 'RECORD_SITE_VISIT'])
/** The machine's events: each one that is applied moves the application's version on by one. */
const versionedEvents: ReadonlySet<string> = new Set([...applicantEvents, ...staffEvents.keys(), ...panelEvents])

export function ownsApplication(actor: Actor, application: ApplicationRef): boolean {
  return (
    actor.role === 'applicant' &&
    actor.memberRole !== 'removed' &&
    actor.organisationId !== null &&
    actor.organisationId === application.organisationId
  )
}

/** A staff account of any office: may read the back office's records (what it may change: mayAct). */
export function isAdministrator(actor: Actor | null): boolean {
  return actor?.role === 'admin'
}

/** The duty a staff event needs, for the pages that offer it. */
export function dutyOfEvent(event: ApplicationEventType): Duty | undefined {
  return staffEvents.get(event)
}

export function mayReadApplication(actor: Actor, application: ApplicationRef, assignedToActor: boolean): boolean {
  if (actor.role === 'admin') return true
  if (actor.role === 'reviewer') return assignedToActor
  return ownsApplication(actor, application)
}

/**
 * The panel events are in neither list: the review, defence and site-visit services send them when the last
 * sheet of a stage comes in, on behalf of the expert who submitted it.
 */
export function maySendApplicationEvent(
  actor: Actor,
  event: ApplicationEventType,
  application: ApplicationRef,
  assignedToActor = false,
): boolean {
  if (applicantEvents.has(event)) return ownsApplication(actor, application) && editsAsMember(actor)
  const duty = staffEvents.get(event)
  if (duty) return mayAct(actor, duty)
  // The stage services send these for the expert whose sheet completes the stage, or for the agency's consensus.
  if (panelEvents.has(event)) return mayAct(actor, 'conductReview') || (actor.role === 'reviewer' && assignedToActor)
  return false
}

export function mayStartApplication(actor: Actor): boolean {
  return actor.role === 'applicant' && actor.organisationId !== null && editsAsMember(actor)
}

export function mayScore(actor: Actor, assignmentReviewerId: number): boolean {
  return actor.role === 'reviewer' && actor.userId === assignmentReviewerId
}

/**
 * What an applicant may see of its own file. The committee's decision is recorded before it is published:
 * until publication the applicant sees neither the decision nor that one was taken (its status reads as
 * "scored, awaiting committee"), and never who in the secretariat or which expert acted.
 */
export function statusShownToApplicant(status: string, proposedForAward: boolean, secondHalf = false): string {
  // Before the committee the file read "scored" (document review) or, in a cycle with a shortlist, "site visit
  // scored": the decision must not change what the applicant sees until publication.
  const beforeCommittee = secondHalf ? 'siteVisitScored' : 'scored'
  if (status === 'decided') return beforeCommittee
  // Only proposed winners are on the public list; the others must not learn their result from the status.
  if (status === 'publicNotice' && !proposedForAward) return beforeCommittee
  // The approval is the city's act before publication: until then the applicant's file reads as it did.
  if (status === 'approved') return proposedForAward ? 'publicNotice' : beforeCommittee
  return status
}

/** Only while an application is in public notice does its proposed result belong to the public. */
export function isOnPublicNotice(status: string): boolean {
  return status === 'publicNotice'
}

/**
 * The moves an applicant sees in its history: its own, the secretariat's answers to it, and the stages it is told
 * of. Everything else (the committee's decision before publication, consensus rounds and their notes, decisions
 * taken back, notice for an application not proposed for an award) stays internal. A list of what is shown, so
 * that a move added later is hidden until someone decides the applicant may see it.
 */
const shownToApplicant: ReadonlySet<string> = new Set([
  'CREATE',
  'LEGAL_CONFIRMATION',
  'SUBMIT',
  'RESUBMIT',
  'WITHDRAW',
  'START_ELIGIBILITY_REVIEW',
  'ACCEPT_ELIGIBILITY',
  'RETURN_FOR_CORRECTION',
  'REJECT_INELIGIBLE',
  'COMPLETE_DOCUMENT_REVIEW',
  'SHORTLIST',
  'NOT_SHORTLIST',
  'SCHEDULE_DEFENCE',
  'COMPLETE_DEFENCE',
  'SCHEDULE_SITE_VISIT',
  'RECORD_SITE_VISIT',
  'CONFIRM_DEFENCE',
  'CONFIRM_SITE_VISIT',
  'UPLOAD_PRESENTATION',
  'PUBLISH',
])

function isShownToApplicant(event: string, proposedForAward: boolean): boolean {
  return shownToApplicant.has(event) || (proposedForAward && event === 'START_PUBLIC_NOTICE')
}

/** The reasons addressed to the applicant; any other reason (a secretariat's override, say) stays internal. */
const reasonsShownToApplicant: ReadonlySet<string> = new Set([
  'LEGAL_CONFIRMATION',
  'RETURN_FOR_CORRECTION',
  'REJECT_INELIGIBLE',
  'WITHDRAW',
  'SCHEDULE_DEFENCE',
  'SCHEDULE_SITE_VISIT',
])

export function auditShownToApplicant<T extends { event: string; actor_name: string | null; reason?: string | null }>(
  entries: readonly T[],
  proposedForAward: boolean,
): T[] {
  return entries
    .filter((entry) => isShownToApplicant(entry.event, proposedForAward))
    .map((entry) => ({
      ...entry,
      actor_name: null,
      ...('reason' in entry && !reasonsShownToApplicant.has(entry.event) ? { reason: null } : {}),
    }))
}

/**
 * The version an applicant's forms carry: the row's version less the moves hidden from it, so that a version
 * that jumped does not reveal a decision. The workflow service maps it back before its version check.
 */
export function versionShownToApplicant(
  version: number,
  audit: ReadonlyArray<{ event: string }>,
  proposedForAward: boolean,
): number {
  // Only moves that changed the row's version count (a consensus round does not): the machine's events.
  return (
    version -
    audit.filter((entry) => versionedEvents.has(entry.event) && !isShownToApplicant(entry.event, proposedForAward))
      .length
  )
}
