import { transition } from 'xstate'
import type { DB } from '#db/client.server'
import { appendAudit, appendAudits, listAudit } from '#db/repositories/audit'
import { listCreditChecks } from '#db/repositories/credit-checks'
import { listEligibilityConfirmations } from '#db/repositories/eligibility'
import { readDraftProfile, readDraftSelfAssessment } from '#workflows/application/application-draft.schema'
import { getCriteriaTree } from '#db/repositories/criteria'
import { putSelfTotal } from '#db/repositories/self-totals'
import {
  countLevelHolders,
  insertApplication,
  listForCycleStep,
  loadApplicationForUpdate,
  updateApplicationIfVersion,
  updateManyInStatus,
} from '#db/repositories/applications'
import { getAwardLevel, getCycle, listAwardLevels, listRequiredEvidence } from '#db/repositories/cycles'
import { listSocialAnswers } from '#db/repositories/social'
import { recordDraftEdit } from '#db/repositories/team'
import { listAttachments } from '#db/repositories/attachments'
import { getLegalConfirmation } from '#db/repositories/legal-confirmations'
import { getOrganisation } from '#db/repositories/organisations'
import { enqueueNotification, enqueueNotifications } from '#db/repositories/outbox'
import { type Executor, nowIso } from '#db/repositories/types'
import type { ApplicationUpdate } from '#db/schema'
import { forbidden, notAllowedNow, notFound, staleVersion, WorkflowError, fieldRefusal } from '../errors'
import { type ApplicationEvent, applicationMachine } from './application.machine'
import {
  type Actor,
  editsAsMember,
  maySendApplicationEvent,
  mayStartApplication,
  ownsApplication,
  statusShownToApplicant,
  versionShownToApplicant,
} from './application.policy'
import {
  type EligibilityProblem,
  eligibilityProblems,
  levelHasRoom,
  levelRefusal,
  missingEvidence,
  missingSteps,
} from './application.rules'
import { carriesDecision } from './application.queries'
import { confirmationStanding } from './legal-confirmation'
import { needsConsensus } from '../review/consensus'
import { groupBy } from '../group-by'
import { tellSecretariat } from '../notifications/secretariat.server'
import { departsFromRanking } from '../review/ranking'
import { selfTotal } from '../review/self-scoring'
import { applicationStandings, cycleRanking } from '../review/standings.server'
import { beijingToday } from '../time'
import { intakeRefusalKey, intakeState } from '../cycle/intake'
import { initialApplicationSnapshot, restoreSnapshot, serialiseSnapshot, statusOf } from './application.snapshot'

/**
 * The one way an application changes state: load the snapshot and its version, ask the machine, compute the
 * next snapshot with the pure `transition`, write it only if the version is unchanged, append the audit row
 * and the notification, all in one transaction. Callers already inside a transaction use `applyInTransaction`.
 */

export interface ApplyEventInput {
  applicationId: number
  actor: Actor
  event: ApplicationEvent
  expectedVersion: number
  /** Other columns written in the same versioned update (the decision level, the submission time). */
  changes?: ApplicationUpdate
  /** Whether the actor is the expert whose sheet completes a stage (a reviewer, panel member or team leader). */
  assignedToActor?: boolean
  /** A line for the history and the applicant's message where the event carries no reason (the slot set). */
  note?: string
  now?: string
}

export interface ApplyEventResult {
  from: string
  to: string
  version: number
}

const notifiedEvents = new Set([
  'SUBMIT',
  'RESUBMIT',
  'ACCEPT_ELIGIBILITY',
  'RETURN_FOR_CORRECTION',
  'REJECT_INELIGIBLE',
  'SHORTLIST',
  'NOT_SHORTLIST',
  'SCHEDULE_DEFENCE',
  'SCHEDULE_SITE_VISIT',
  'PUBLISH',
])

type ApplicationRow = NonNullable<Awaited<ReturnType<typeof loadApplicationForUpdate>>>

/** Facts a guard needs that only the database knows are put on the event here, whatever the caller sent. */
async function withFacts(trx: Executor, row: ApplicationRow, event: ApplicationEvent): Promise<ApplicationEvent> {
  if (event.type === 'ACCEPT_ELIGIBILITY') {
    const checks = await listCreditChecks(trx, row.id)
    const problems = await eligibilityProblemsOf(trx, row, checks.length)
    return {
      type: 'ACCEPT_ELIGIBILITY',
      creditBlocked: checks.at(-1)?.dishonest === 1,
      creditMissing: checks.length === 0,
      openProblems: problems.length,
      reason: event.reason,
    }
  }
  return event
}

async function eligibilityProblemsOf(
  db: Executor,
  row: ApplicationRow,
  creditChecks: number,
): Promise<EligibilityProblem[]> {
  const [organisation, confirmations] = await Promise.all([
    getOrganisation(db, row.organisation_id),
    listEligibilityConfirmations(db, row.id),
  ])
  return eligibilityProblemsFrom({
    awardType: row.award_type,
    profile: readDraftProfile(row.profile),
    uscc: organisation?.uscc ?? '',
    usccExplanation: organisation?.uscc_explanation ?? null,
    confirmations,
    creditChecks,
  })
}

/** The checklist's open problems from what a page has already read: the application's profile, its organisation's code, the confirmations and the credit checks. */
export function eligibilityProblemsFrom(input: {
  awardType: string | null
  /** The profile as read from its stored JSON (readDraftProfile). */
  profile: { registrationDate: string; registeredAddress: string }
  uscc: string
  usccExplanation: string | null
  confirmations: ReadonlyArray<{ condition_key: string; met: number }>
  creditChecks: number
}): EligibilityProblem[] {
  return eligibilityProblems({
    awardType: input.awardType,
    registrationDate: input.profile.registrationDate,
    registeredAddress: input.profile.registeredAddress,
    uscc: input.uscc,
    usccExplanation: input.usccExplanation,
    confirmations: input.confirmations,
    creditChecks: input.creditChecks,
    today: beijingToday(),
  })
}

/** The eligibility checklist's open problems for an application, from what the database holds. */
export async function openEligibilityProblems(db: Executor, applicationId: number): Promise<EligibilityProblem[]> {
  const row = await loadApplicationForUpdate(db, applicationId)
  if (!row) throw notFound()
  return eligibilityProblemsOf(db, row, (await listCreditChecks(db, row.id)).length)
}

/**
 * The version the actor's form carried, in the row's terms. An applicant's forms carry the version shown to
 * it (versionShownToApplicant), which leaves out the moves hidden from it.
 */
export async function expectedRowVersion(
  trx: Executor,
  actor: Actor,
  row: ApplicationRow,
  expected: number,
): Promise<number> {
  if (actor.role !== 'applicant') return expected
  const audit = await listAudit(trx, 'application', row.id)
  return expected + row.version - versionShownToApplicant(row.version, audit, row.decision_level_id !== null)
}

/** "Not allowed now", naming the status as the actor may see it: an applicant never learns of a hidden step. */
export function refusedIn(actor: Actor, eventType: string, row: ApplicationRow): WorkflowError {
  return notAllowedNow(
    eventType,
    actor.role === 'applicant' ? statusShownToApplicant(row.status, row.decision_level_id !== null) : row.status,
  )
}

export async function applyInTransaction(trx: Executor, input: ApplyEventInput): Promise<ApplyEventResult> {
  const now = input.now ?? nowIso()
  const row = await loadApplicationForUpdate(trx, input.applicationId)
  if (!row) throw notFound()
  const ref = { organisationId: row.organisation_id }
  if (!maySendApplicationEvent(input.actor, input.event.type, ref, input.assignedToActor)) {
    // An applicant probing someone else's application learns nothing about it, not even that it exists.
    throw input.actor.role === 'applicant' ? notFound() : forbidden()
  }
  const expectedVersion = await expectedRowVersion(trx, input.actor, row, input.expectedVersion)
  if (row.version !== expectedVersion) throw staleVersion()
  const event = await withFacts(trx, row, input.event)
  const snapshot = restoreSnapshot(row.snapshot)
  if (!snapshot.can(event)) {
    // Where the stage is right and only a guard refused, say which rule: a credit block, or checks still open.
    if (event.type === 'ACCEPT_ELIGIBILITY' && row.status === 'eligibilityReview') {
      if (event.creditBlocked) throw new WorkflowError(409, 'errors.creditBlocked')
      if (event.creditMissing) throw new WorkflowError(409, 'errors.creditCheckRequired')
      throw fieldRefusal('overrideReason', 409, 'errors.eligibilityOpen', { count: event.openProblems ?? 0 })
    }
    throw refusedIn(input.actor, event.type, row)
  }
  const [next] = transition(applicationMachine, snapshot, event)
  const from = statusOf(snapshot)
  const to = statusOf(next)
  const written = await updateApplicationIfVersion(trx, row.id, expectedVersion, {
    ...input.changes,
    snapshot: serialiseSnapshot(next),
    status: to,
    updated_at: now,
  })
  if (!written) throw staleVersion()
  const reason =
    'reason' in input.event && typeof input.event.reason === 'string'
      ? input.event.reason.trim()
      : (input.note ?? input.changes?.decision_reason ?? null)
  await appendAudit(trx, {
    entity: 'application',
    entityId: row.id,
    actorUserId: input.actor.userId,
    at: now,
    fromState: from,
    toState: to,
    event: input.event.type,
    reason: reason || null,
  })
  if (notifiedEvents.has(input.event.type)) {
    const organisation = await getOrganisation(trx, row.organisation_id)
    if (organisation) {
      await enqueueNotification(trx, {
        kind: `application.${input.event.type}`,
        recipient: organisation.email,
        payload: { applicationId: row.id, from, to, reason: reason || null },
        at: now,
      })
    }
  }
  return { from, to, version: input.expectedVersion + 1 }
}

/**
 * One machine event applied to many applications of a cycle at once (the notice, publication): for events whose
 * guards read nothing from the database. The machine is asked once per distinct snapshot, not once per row; each
 * group is written with a few statements, every row's version moved on; the audit rows and the notifications are
 * written in bulk. In the caller's transaction: all rows move, or none does.
 */
export async function applyToMany(
  trx: Executor,
  input: {
    rows: ReadonlyArray<{ id: number; status: string; snapshot: string; organisation_email: string }>
    actor: Actor
    event: Extract<ApplicationEvent, { type: 'START_PUBLIC_NOTICE' | 'PUBLISH' | 'START_ELIGIBILITY_REVIEW' }>
    changes?: ApplicationUpdate
    now: string
  },
): Promise<number> {
  if (!maySendApplicationEvent(input.actor, input.event.type, { organisationId: -1 })) throw forbidden()
  for (const [json, rows] of groupBy(input.rows, (row) => row.snapshot)) {
    const snapshot = restoreSnapshot(json)
    if (!snapshot.can(input.event)) throw notAllowedNow(input.event.type, rows[0]!.status)
    const [next] = transition(applicationMachine, snapshot, input.event)
    const from = statusOf(snapshot)
    const to = statusOf(next)
    const ids = rows.map((r) => r.id)
    const changed = await updateManyInStatus(trx, ids, from, {
      ...input.changes,
      snapshot: serialiseSnapshot(next),
      status: to,
      updated_at: input.now,
    })
    if (changed !== ids.length) throw staleVersion()
    await appendAudits(
      trx,
      ids.map((id) => ({
        entity: 'application' as const,
        entityId: id,
        actorUserId: input.actor.userId,
        at: input.now,
        fromState: from,
        toState: to,
        event: input.event.type,
        reason: null,
      })),
    )
    if (notifiedEvents.has(input.event.type)) {
      await enqueueNotifications(
        trx,
        rows.map((r) => ({
          kind: `application.${input.event.type}`,
          recipient: r.organisation_email,
          payload: { applicationId: r.id, from, to, reason: null },
          at: input.now,
        })),
      )
    }
  }
  return input.rows.length
}

/**
 * The secretariat starts eligibility review for many submitted applications at once (a bulk action of the desk):
 * one transaction, the applications chosen that are still submitted; any other is refused and nothing moves.
 */
export async function startEligibilityReviews(
  db: DB,
  input: { cycleId: number; applicationIds: readonly number[]; actor: Actor; now?: string },
): Promise<number> {
  const now = input.now ?? nowIso()
  const wanted = [...new Set(input.applicationIds)]
  if (wanted.length === 0) throw fieldRefusal('applicationIds', 400, 'errors.chooseApplications')
  return db.transaction().execute(async (trx) => {
    const rows = (await listForCycleStep(trx, input.cycleId, ['submitted'])).filter((r) => wanted.includes(r.id))
    if (rows.length !== wanted.length)
      throw new WorkflowError(409, 'errors.notAllSubmitted', undefined, { count: wanted.length - rows.length })
    return applyToMany(trx, { rows, actor: input.actor, event: { type: 'START_ELIGIBILITY_REVIEW' }, now })
  })
}

/** The actor's own application (as an applicant); anyone else's, like a missing one, is not found. */
export async function loadOwnApplication(db: Executor, actor: Actor, applicationId: number) {
  const row = await loadApplicationForUpdate(db, applicationId)
  if (!row || !ownsApplication(actor, { organisationId: row.organisation_id })) throw notFound()
  return row
}

/** The actor's own application, to change it: a colleague who only reads (a viewer) is refused. */
export async function loadOwnApplicationToEdit(db: Executor, actor: Actor, applicationId: number) {
  const row = await loadOwnApplication(db, actor, applicationId)
  if (!editsAsMember(actor)) throw forbidden()
  return row
}

export function applyApplicationEvent(db: DB, input: ApplyEventInput): Promise<ApplyEventResult> {
  return db.transaction().execute((trx) => applyInTransaction(trx, input))
}

/** Creates the draft for the organisation in a cycle; a second one for the same cycle is refused. */
export async function startApplication(db: DB, actor: Actor, cycleId: number, now = nowIso()): Promise<number> {
  if (!mayStartApplication(actor) || actor.organisationId === null) throw forbidden()
  const organisationId = actor.organisationId
  return db.transaction().execute(async (trx) => {
    const cycle = await getCycle(trx, cycleId)
    if (!cycle) throw notFound()
    const intake = intakeState(cycle, now)
    if (intake !== 'open') throw new WorkflowError(409, intakeRefusalKey(intake))
    const existing = await trx
      .selectFrom('applications')
      .select('id')
      .where('cycle_id', '=', cycleId)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst()
    if (existing) throw new WorkflowError(409, 'errors.alreadyApplied')
    const snapshot = initialApplicationSnapshot()
    const id = await insertApplication(trx, {
      cycle_id: cycleId,
      organisation_id: organisationId,
      status: statusOf(snapshot),
      snapshot: serialiseSnapshot(snapshot),
      category_code: null,
      award_type: null,
      project_name: null,
      profile: null,
      declarations: null,
      self_assessment: null,
      last_step: 'profile',
      submitted_at: null,
      decision_level_id: null,
      decision_reason: null,
      created_at: now,
      updated_at: now,
    })
    await appendAudit(trx, {
      entity: 'application',
      entityId: id,
      actorUserId: actor.userId,
      at: now,
      fromState: null,
      toState: statusOf(snapshot),
      event: 'CREATE',
      reason: null,
    })
    return id
  })
}

/**
 * Saves one step of the draft. Not a change of state, so no audit row, but still versioned: two tabs saving
 * the same step cannot silently overwrite each other. The machine says whether editing is allowed now.
 */
export async function saveDraftStep(
  db: DB,
  input: {
    applicationId: number
    actor: Actor
    expectedVersion: number
    changes: ApplicationUpdate
    step: string
    now?: string
  },
): Promise<number> {
  const now = input.now ?? nowIso()
  // The one transaction not run SERIALIZABLE on PostgreSQL (decision record 0028): everything it decides is in the
  // version predicate of one UPDATE, which takes the row's lock and re-reads the version under it, so READ
  // COMMITTED keeps it exact. Serialisable, the deadline rush's saves of different applications conflicted with
  // each other through the small tables' index pages. SQLite ignores the level (one writer at a time).
  return db
    .transaction()
    .setIsolationLevel('read committed')
    .execute(async (trx) => {
      const row = await loadOwnApplicationToEdit(trx, input.actor, input.applicationId)
      const expectedVersion = await expectedRowVersion(trx, input.actor, row, input.expectedVersion)
      if (row.version !== expectedVersion) throw staleVersion()
      if (!restoreSnapshot(row.snapshot).can({ type: 'EDIT' })) throw refusedIn(input.actor, 'EDIT', row)
      const written = await updateApplicationIfVersion(trx, row.id, expectedVersion, {
        ...input.changes,
        last_step: input.step,
        updated_at: now,
      })
      if (!written) throw staleVersion()
      // Each save is attributed: a team edits one application (issue 22).
      await recordDraftEdit(trx, { applicationId: row.id, userId: input.actor.userId, step: input.step, at: now })
      return input.expectedVersion + 1
    })
}

/** Submits a draft (by the deadline) or resubmits a corrected one; refuses an incomplete application. */
export async function submitApplication(
  db: DB,
  input: { applicationId: number; actor: Actor; expectedVersion: number; now?: string },
): Promise<ApplyEventResult> {
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const row = await loadOwnApplication(trx, input.actor, input.applicationId)
    const cycle = await getCycle(trx, row.cycle_id)
    if (!cycle) throw notFound()
    const categories = await trx
      .selectFrom('criteria_categories')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('edition_id', '=', cycle.edition_id)
      .executeTakeFirstOrThrow()
    const missing = missingSteps(row, Number(categories.n))
    if (missing.length > 0) throw new WorkflowError(400, 'errors.incomplete', missing.join(','))
    const categoryKnown = await trx
      .selectFrom('cycle_categories')
      .select('code')
      .where('cycle_id', '=', row.cycle_id)
      .where('code', '=', row.category_code ?? '')
      .executeTakeFirst()
    if (!categoryKnown) throw new WorkflowError(400, 'errors.unknownCategory')
    const [required, evidence] = await Promise.all([
      listRequiredEvidence(trx, row.cycle_id),
      listAttachments(trx, row.id),
    ])
    const withoutEvidence = missingEvidence(required, row.award_type, evidence)
    if (withoutEvidence.length > 0) throw new WorkflowError(400, 'errors.evidenceMissing', withoutEvidence.join(','))
    // The legal representative confirms the application as it is submitted, not as it was before a change.
    const standing = confirmationStanding(await getLegalConfirmation(trx, row.id), row.version)
    if (standing !== 'current')
      throw new WorkflowError(400, standing === 'none' ? 'legal.confirmationMissing' : 'legal.confirmationBehind')
    const event: ApplicationEvent = row.status === 'returned' ? { type: 'RESUBMIT' } : { type: 'SUBMIT' }
    // A first submission only while intake is open; a correction (补正) the secretariat asked for may come later.
    const intake = intakeState(cycle, now)
    if (event.type === 'SUBMIT' && intake !== 'open') throw new WorkflowError(409, intakeRefusalKey(intake))
    const result = await applyInTransaction(trx, {
      applicationId: row.id,
      actor: input.actor,
      event,
      expectedVersion: input.expectedVersion,
      // A resubmission answers the correction request: its due date no longer stands.
      changes: { submitted_at: now, correction_due_date: null },
      now,
    })
    if (event.type === 'RESUBMIT') await tellSecretariat(trx, 'secretariat.RESUBMITTED', row.id, now)
    // The self-assessed total as submitted, for the cycle's analytics (issue 23).
    const items = (await getCriteriaTree(trx, cycle.edition_id)).categories.flatMap((category) => category.items)
    const total = selfTotal(readDraftSelfAssessment(row.self_assessment).selfScores, items)
    await putSelfTotal(trx, { applicationId: row.id, ...total })
    return result
  })
}

/** Whether this decision would put the application out of its ranking's order among those already decided. */
async function decisionDepartsFromRanking(
  trx: Executor,
  row: ApplicationRow,
  levelId: number | null,
  cycle: Awaited<ReturnType<typeof getCycle>>,
): Promise<boolean> {
  // The application's own category is all the rule compares: only its rows are ranked.
  const [ranking, levels] = await Promise.all([
    cycleRanking(trx, row.cycle_id, row.category_code ?? '', { cycle, names: false }),
    listAwardLevels(trx, row.cycle_id),
  ])
  const order = (id: number | null) => (id === null ? null : (levels.find((level) => level.id === id)?.rank ?? null))
  const special = new Set(levels.filter((level) => level.outside_quota === 1).map((level) => level.id))
  // Compared with the entries of the same award type only (project entries compete for 项目奖 among themselves), and
  // never with a 特别贡献奖, which lies outside the ranking.
  const places = (ranking.get(row.category_code ?? '') ?? [])
    .filter((entry) => (entry.awardType ?? 'organisation') === (row.award_type ?? 'organisation'))
    .filter((entry) => entry.decisionLevelId === null || !special.has(entry.decisionLevelId))
    .map((entry) => ({
      applicationId: entry.applicationId,
      rank: entry.rank,
      levelOrder: carriesDecision(entry.status) ? order(entry.decisionLevelId) : undefined,
    }))
  return departsFromRanking(places, row.id, order(levelId))
}

export interface DecisionInput {
  applicationId: number
  actor: Actor
  expectedVersion: number
  levelId: number | null
  reason: string
  now?: string
}

/**
 * Records the committee's decision: a level of the application's category, or not awarded (null). Where the cycle
 * has the committee decide by vote (issue 22), a decision is recorded only from a vote that carried
 * (workflows/committee/committee.server.ts), never by one member alone.
 */
export async function decideApplication(db: DB, input: DecisionInput): Promise<ApplyEventResult> {
  return db.transaction().execute(async (trx) => {
    const row = await loadApplicationForUpdate(trx, input.applicationId)
    if (!row) throw notFound()
    const cycle = await getCycle(trx, row.cycle_id)
    if (cycle?.committee_vote === 1) throw new WorkflowError(409, 'committee.voteRequired')
    return decideInTransaction(trx, row, cycle, input)
  })
}

/** The decision's rules and event, in the caller's transaction (a member's record, or a carried vote's). */
export async function decideInTransaction(
  trx: Executor,
  row: NonNullable<Awaited<ReturnType<typeof loadApplicationForUpdate>>>,
  cycle: Awaited<ReturnType<typeof getCycle>>,
  input: DecisionInput,
): Promise<ApplyEventResult> {
  let outsideQuota = false
  if (input.levelId !== null) {
    const level = await getAwardLevel(trx, row.cycle_id, input.levelId)
    if (!level || level.category_code !== row.category_code) throw new WorkflowError(400, 'errors.unknownLevel')
    const refusal = levelRefusal(level, row.award_type, cycle?.special_award_enabled === 1)
    if (refusal) throw fieldRefusal('levelId', 409, refusal)
    outsideQuota = level.outside_quota === 1
    const holders = await countLevelHolders(trx, level.id, row.id)
    if (!outsideQuota && !levelHasRoom(level.quota, holders))
      throw fieldRefusal('levelId', 409, 'errors.quotaFull', { quota: level.quota })
  }
  // 特别贡献奖 is given outside the ranking and the quota: always with the committee's reason.
  if (outsideQuota && !input.reason.trim()) throw fieldRefusal('reason', 400, 'errors.specialNeedsReason')
  // A department's adverse record (社会评价) stops an award unless the committee says why it awards all the same.
  if (input.levelId !== null && !input.reason.trim()) {
    const answers = await listSocialAnswers(trx, [row.id])
    if (answers.some((answer) => answer.answer === 'adverse'))
      throw fieldRefusal('reason', 400, 'social.adverseNeedsReason')
  }
  if (!outsideQuota && !input.reason.trim() && (await decisionDepartsFromRanking(trx, row, input.levelId, cycle))) {
    throw fieldRefusal('reason', 400, 'errors.departureNeedsReason')
  }
  const standing = await applicationStandings(trx, row.id, cycle)
  const event = {
    type: 'DECIDE' as const,
    awarded: input.levelId !== null,
    needsConsensus: needsConsensus(standing.sheetTotals, cycle?.consensus_threshold ?? Number.POSITIVE_INFINITY),
    hasConsensus: standing.consensus !== null,
    shortlistRequired: (cycle?.shortlist_size ?? null) !== null,
  }
  // Said plainly here; the machine's guard would refuse it anyway.
  if (event.needsConsensus && !event.hasConsensus) throw new WorkflowError(409, 'errors.consensusRequired')
  return applyInTransaction(trx, {
    applicationId: row.id,
    actor: input.actor,
    event,
    expectedVersion: input.expectedVersion,
    changes: { decision_level_id: input.levelId, decision_reason: input.reason.trim() || null },
    now: input.now,
  })
}
