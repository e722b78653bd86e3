import { transition } from 'xstate'
import type { DB } from '#db/client.server'
import { appendAudit } from '#db/repositories/audit'
import { type CriteriaTree, getCriteriaTree } from '#db/repositories/criteria'
import { getCycle } from '#db/repositories/cycles'
import { getConsensusRound, replaceConsensus } from '#db/repositories/consensus'
import {
  countSheets,
  findAssignment,
  findSheet,
  insertAssignment,
  insertSheet,
  listSubmittedSheetsOfApplication,
  replaceSheetContent,
  updateSheetIfVersion,
} from '#db/repositories/review'
import { type Executor, nowIso } from '#db/repositories/types'
import { getUserById, isReviewer } from '#db/repositories/users'
import { enqueueNotification } from '#db/repositories/outbox'
import { applyInTransaction } from '../application/application.server'
import { tellSecretariat } from '../notifications/secretariat.server'
import { type Actor, mayScore } from '../application/application.policy'
import { mayAct } from '../account/duties'
import { forbidden, notAllowedNow, notFound, staleVersion, WorkflowError, fieldRefusal } from '../errors'
import { acceptsReviewWork } from './review.rules'
import { needsConsensus } from './consensus'
import { isValidPercentage, type PointRow, pointsOf } from './scoring'
import { applicationStandings, refreshStanding } from './standings.server'
import { sheetMachine, sheetSnapshot } from './sheet.machine'
import { opensApplication } from './assignment.machine'
import { applyAssignmentEvent } from './assignment.server'
import { type DrawOutcome, type DrawRefusal, drawInTransaction, poolTooSmall } from './draw.server'
import { conflictsOf } from '../experts/conflicts'
import { storedOrganisationKeys } from '../experts/organisation-keys'
import { beijingDate } from '../time'
import { getExpertOfUser, tiesOf } from '#db/repositories/experts'
import { getOrganisation } from '#db/repositories/organisations'
import { listApplicationIdsInReview, loadApplicationForUpdate } from '#db/repositories/applications'

/** A sheet's item percentages as rows the scoring module totals: each item's points and category. */
function pointRows(tree: CriteriaTree, scores: ReadonlyMap<number, number>): PointRow[] {
  return tree.categories.flatMap((category) =>
    category.items
      .filter((item) => scores.has(item.id))
      .map((item) => ({ category_code: category.code, max_points: item.points, percentage: scores.get(item.id)! })),
  )
}

/**
 * Document review is complete when every reviewer still assigned (not recused) has submitted and there are
 * at least the cycle's minimum: then the application moves on, in the caller's transaction.
 */
async function completeIfAllSheetsIn(
  trx: Executor,
  application: { id: number; version: number; status: string },
  minReviewers: number,
  actor: Actor,
  now: string,
): Promise<string> {
  const counts = await countSheets(trx, application.id)
  if (counts.submitted !== counts.assigned || counts.assigned < minReviewers) return application.status
  const result = await applyInTransaction(trx, {
    applicationId: application.id,
    actor,
    event: {
      type: 'COMPLETE_DOCUMENT_REVIEW',
      submittedSheets: counts.submitted,
      assignedReviewers: counts.assigned,
      minReviewers,
    },
    expectedVersion: application.version,
    assignedToActor: true,
    now,
  })
  await tellSecretariat(trx, 'secretariat.REVIEW_COMPLETE', application.id, now)
  return result.to
}

/**
 * The secretariat names one expert for an application (the draw is the usual way; this is for a named panel
 * member). Never a conflicted expert: the same rules as the draw decide. The expert is invited like a drawn one.
 */
export async function assignReviewer(
  db: DB,
  input: { applicationId: number; reviewerId: number; actor: Actor; now?: string },
): Promise<number> {
  if (!mayAct(input.actor, 'assignExperts')) throw forbidden()
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const application = await loadApplicationForUpdate(trx, input.applicationId)
    if (!application) throw notFound()
    if (!acceptsReviewWork(application.status)) throw notAllowedNow('ASSIGN', application.status)
    if (!(await isReviewer(trx, input.reviewerId))) throw new WorkflowError(400, 'errors.notReviewer')
    const existing = await findAssignment(trx, application.id, input.reviewerId)
    if (existing)
      throw new WorkflowError(409, existing.status === 'recused' ? 'errors.recused' : 'errors.alreadyAssigned')
    const [expert, organisation] = await Promise.all([
      getExpertOfUser(trx, input.reviewerId),
      getOrganisation(trx, application.organisation_id),
    ])
    if (expert && organisation) {
      const applicant = {
        name: organisation.name,
        uscc: organisation.uscc,
        keys: storedOrganisationKeys(organisation.name_key, organisation.uscc_key),
      }
      const conflicts = conflictsOf(tiesOf(expert), applicant, beijingDate(now))
      if (conflicts.length > 0)
        throw new WorkflowError(409, 'errors.expertConflicted', undefined, {
          kinds: conflicts.map((c) => c.kind).join(','),
        })
    }
    const id = await insertAssignment(trx, {
      applicationId: application.id,
      reviewerId: input.reviewerId,
      assignedBy: input.actor.userId,
      at: now,
    })
    const reviewer = await getUserById(trx, input.reviewerId)
    if (reviewer) {
      await enqueueNotification(trx, {
        kind: 'review.INVITED',
        recipient: reviewer.email,
        payload: { applicationId: application.id, reason: null },
        at: now,
      })
      await appendAudit(trx, {
        entity: 'application',
        entityId: application.id,
        actorUserId: input.actor.userId,
        at: now,
        fromState: application.status,
        toState: application.status,
        event: 'ASSIGN_REVIEWER',
        reason: reviewer.display_name,
      })
    }
    return id
  })
}

export interface SheetInput {
  applicationId: number
  actor: Actor
  /** The sheet version the reviewer's form was rendered from; null for a sheet not saved before. */
  expectedVersion: number | null
  /** Item id to percentage; items left out are not scored yet. */
  scores: ReadonlyMap<number, number>
  comments: ReadonlyMap<number, { strengths: string; opportunities: string }>
  submit: boolean
  now?: string
}

/**
 * Saves or submits a reviewer's sheet. When the last assigned sheet of an application comes in, the
 * application leaves document review in the same transaction.
 */
export async function saveScoreSheet(
  db: DB,
  input: SheetInput,
): Promise<{ sheetId: number; version: number; applicationStatus: string }> {
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const application = await loadApplicationForUpdate(trx, input.applicationId)
    if (!application) throw notFound()
    const assignment = await findAssignment(trx, application.id, input.actor.userId)
    if (!assignment || !mayScore(input.actor, assignment.reviewer_id)) throw notFound()
    if (!acceptsReviewWork(application.status)) throw notAllowedNow('SCORE', application.status)
    if (assignment.status === 'recused') throw new WorkflowError(409, 'errors.recused')
    // The sheet opens only once the expert has declared no conflict of interest.
    if (!opensApplication(assignment.status)) throw new WorkflowError(409, 'errors.declareFirst')

    const cycle = await getCycle(trx, application.cycle_id)
    if (!cycle) throw notFound()
    const tree = await getCriteriaTree(trx, cycle.edition_id)
    const items = tree.categories.flatMap((category) => category.items)
    for (const [itemId, percentage] of input.scores) {
      if (!items.some((item) => item.id === itemId) || !isValidPercentage(percentage))
        throw new WorkflowError(400, 'errors.percentage')
    }
    const categoryIds = new Set(tree.categories.map((category) => category.id))
    for (const categoryId of input.comments.keys())
      if (!categoryIds.has(categoryId)) throw new WorkflowError(400, 'errors.notFound')

    let sheet = await findSheet(trx, assignment.id)
    if (!sheet) {
      if (input.expectedVersion !== null) throw staleVersion()
      await insertSheet(trx, assignment.id, now)
      sheet = await findSheet(trx, assignment.id)
      if (!sheet) throw notFound()
    } else if (input.expectedVersion !== sheet.version) {
      throw staleVersion()
    }

    const commented = [...input.comments.values()].filter((c) => c.strengths.trim() && c.opportunities.trim()).length
    const event = input.submit
      ? {
          type: 'SUBMIT' as const,
          scoredItems: input.scores.size,
          totalItems: items.length,
          commentedCategories: commented,
          totalCategories: tree.categories.length,
        }
      : { type: 'SAVE' as const }
    const current = sheetSnapshot(sheet.status)
    if (!current.can(event)) {
      if (sheet.status === 'submitted') throw notAllowedNow(event.type, 'submitted')
      throw new WorkflowError(400, 'errors.sheetIncomplete')
    }
    const [next] = transition(sheetMachine, current, event)
    const nextStatus = next.value as 'draft' | 'submitted'

    await replaceSheetContent(
      trx,
      sheet.id,
      [...input.scores].map(([itemId, percentage]) => ({ itemId, percentage })),
      [...input.comments].map(([categoryId, c]) => ({
        categoryId,
        strengths: c.strengths.trim(),
        opportunities: c.opportunities.trim(),
      })),
    )
    const written = await updateSheetIfVersion(trx, sheet.id, sheet.version, {
      status: nextStatus,
      updatedAt: now,
      submittedAt: nextStatus === 'submitted' ? now : null,
      // The standings read these, never the item rows: written once, with the sheet that can no longer change.
      points: nextStatus === 'submitted' ? pointsOf(pointRows(tree, input.scores)) : null,
    })
    if (!written) throw staleVersion()

    // The assignment follows its sheet: the first save starts the work, submission finishes it.
    if (assignment.status === 'accepted' && nextStatus === 'draft') {
      await applyAssignmentEvent(trx, {
        assignmentId: assignment.id,
        actor: input.actor,
        event: { type: 'START' },
        now,
      })
    }
    if (nextStatus === 'submitted') {
      await applyAssignmentEvent(trx, {
        assignmentId: assignment.id,
        actor: input.actor,
        event: { type: 'SUBMIT' },
        now,
      })
    }
    let applicationStatus = application.status
    if (nextStatus === 'submitted') {
      await appendAudit(trx, {
        entity: 'score_sheet',
        entityId: sheet.id,
        actorUserId: input.actor.userId,
        at: now,
        fromState: 'draft',
        toState: 'submitted',
        event: 'SUBMIT_SHEET',
        reason: null,
      })
      await refreshStanding(trx, application)
      applicationStatus = await completeIfAllSheetsIn(trx, application, cycle.min_reviewers, input.actor, now)
    }
    return { sheetId: sheet.id, version: sheet.version + 1, applicationStatus }
  })
}

/**
 * An expert's answer to an invitation, before anything of the application opens: no conflict (and accepts), a
 * conflict of interest with its reason (回避), or declines with a reason. A conflict declared later, while
 * scoring, ends the assignment the same way. An ended assignment is redrawn at once in the same transaction; where
 * the pool has nobody left, the application stays short and the desk shows it.
 */
export async function respondToAssignment(
  db: DB,
  input: {
    applicationId: number
    actor: Actor
    answer: 'accept' | 'conflict' | 'decline'
    reason?: string
    now?: string
  },
): Promise<{ to: string; redrawn: boolean }> {
  const now = input.now ?? nowIso()
  const reason = (input.reason ?? '').trim()
  if (input.answer !== 'accept' && !reason) throw fieldRefusal('reason', 400, 'errors.required')
  return db.transaction().execute(async (trx) => {
    const application = await loadApplicationForUpdate(trx, input.applicationId)
    if (!application) throw notFound()
    const assignment = await findAssignment(trx, application.id, input.actor.userId)
    if (!assignment || !mayScore(input.actor, assignment.reviewer_id)) throw notFound()
    if (!acceptsReviewWork(application.status)) throw notAllowedNow('RESPOND', application.status)
    const event =
      input.answer === 'accept'
        ? { type: 'ACCEPT' as const }
        : input.answer === 'conflict'
          ? { type: 'RECUSE' as const, reason }
          : { type: 'DECLINE' as const, reason }
    const { to } = await applyAssignmentEvent(trx, { assignmentId: assignment.id, actor: input.actor, event, now })
    if (to === 'accepted') return { to, redrawn: false }
    if (to === 'recused') await tellSecretariat(trx, 'secretariat.CONFLICT', application.id, now, reason)
    const redrawn = await redrawAfterEnd(
      trx,
      application.cycle_id,
      application.id,
      input.actor,
      assignment.assigned_by,
      now,
    )
    const cycle = await getCycle(trx, application.cycle_id)
    if (cycle) await completeIfAllSheetsIn(trx, application, cycle.min_reviewers, input.actor, now)
    return { to, redrawn }
  })
}

/** A conflict declared while scoring (the sheet not yet submitted): the same as declaring it on the invitation. */
export function declareConflict(db: DB, input: { applicationId: number; actor: Actor; reason: string; now?: string }) {
  return respondToAssignment(db, { ...input, answer: 'conflict' })
}

/** The replacement for an expert who left: a redraw on the system's behalf, or nothing when the pool is short. */
async function redrawAfterEnd(
  trx: Executor,
  cycleId: number,
  applicationId: number,
  actor: Actor,
  assignedBy: number,
  now: string,
): Promise<boolean> {
  const cycle = await getCycle(trx, cycleId)
  if (!cycle) return false
  const result = await drawInTransaction(trx, {
    cycle,
    applicationIds: [applicationId],
    actor,
    kind: 'redraw',
    now,
    assignedBy,
  })
  return result.ok && result.outcome !== null
}

/**
 * A conflict found after the expert submitted (issue 17): the sheet is taken out of the standing, kept on the record
 * with its assignment marked removed and the reason, and the review waits for the replacement's sheet (a scored
 * application goes back to document review). Only before the score has been used: not once a consensus was
 * recorded, the shortlist settled or a decision made on it.
 */
async function takeSheetOut<A extends { id: number; cycle_id: number; version: number; status: string }>(
  trx: Executor,
  application: A,
  actor: Actor,
  reason: string,
  now: string,
): Promise<A> {
  if (application.status !== 'documentReview' && application.status !== 'scored')
    throw new WorkflowError(409, 'errors.sheetAlreadyUsed')
  if (await getConsensusRound(trx, application.id)) throw new WorkflowError(409, 'errors.sheetAlreadyUsed')
  let status = application.status
  let version = application.version
  if (status === 'scored') {
    const reopened = await applyInTransaction(trx, {
      applicationId: application.id,
      actor,
      event: { type: 'REOPEN_DOCUMENT_REVIEW', reason },
      expectedVersion: application.version,
      now,
    })
    status = reopened.to
    version = reopened.version
  }
  await refreshStanding(trx, application)
  return { ...application, status, version }
}

/**
 * The secretariat takes an expert off an application with a reason (unavailable, a conflict found later), and
 * by default draws a replacement at once; a removal is on the record like every other step.
 */
export async function removeAssignment(
  db: DB,
  input: {
    assignmentId: number
    actor: Actor
    reason: string
    redraw: boolean
    /** The application whose page the form was on: an assignment of another application is not found. */
    applicationId?: number
    now?: string
  },
): Promise<{ redrawn: boolean; shortages: DrawRefusal[] }> {
  if (!mayAct(input.actor, 'assignExperts')) throw forbidden()
  const now = input.now ?? nowIso()
  if (!input.reason.trim()) throw fieldRefusal('reason', 400, 'errors.required')
  return db.transaction().execute(async (trx) => {
    const { applicationId, from } = await applyAssignmentEvent(trx, {
      assignmentId: input.assignmentId,
      actor: input.actor,
      event: { type: 'REMOVE', reason: input.reason },
      now,
    })
    if (input.applicationId !== undefined && input.applicationId !== applicationId) throw notFound()
    let application = await loadApplicationForUpdate(trx, applicationId)
    if (!application) throw notFound()
    const cycle = await getCycle(trx, application.cycle_id)
    if (!cycle) throw notFound()
    if (from === 'submitted') application = await takeSheetOut(trx, application, input.actor, input.reason, now)
    if (!input.redraw) {
      await completeIfAllSheetsIn(trx, application, cycle.min_reviewers, input.actor, now)
      return { redrawn: false, shortages: [] }
    }
    const result = await drawInTransaction(trx, {
      cycle,
      applicationIds: [applicationId],
      actor: input.actor,
      kind: 'redraw',
      now,
    })
    if (!result.ok) throw poolTooSmall(result.shortages)
    return { redrawn: result.outcome !== null, shortages: [] }
  })
}

/** Draws the reviewers one application still needs. */
export async function drawForApplication(
  db: DB,
  input: { applicationId: number; actor: Actor; seed?: number; now?: string },
): Promise<DrawOutcome | null> {
  if (!mayAct(input.actor, 'assignExperts')) throw forbidden()
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const application = await loadApplicationForUpdate(trx, input.applicationId)
    if (!application) throw notFound()
    if (!acceptsReviewWork(application.status)) throw notAllowedNow('DRAW', application.status)
    const cycle = await getCycle(trx, application.cycle_id)
    if (!cycle) throw notFound()
    const result = await drawInTransaction(trx, {
      cycle,
      applicationIds: [application.id],
      actor: input.actor,
      kind: 'draw',
      seed: input.seed,
      now,
    })
    if (!result.ok) throw poolTooSmall(result.shortages)
    return result.outcome
  })
}

/** Draws for every application of a category in document review, in one draw with one seed. */
export async function drawForCategory(
  db: DB,
  input: { cycleId: number; categoryCode: string; actor: Actor; seed?: number; now?: string },
): Promise<DrawOutcome | null> {
  if (!mayAct(input.actor, 'assignExperts')) throw forbidden()
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const cycle = await getCycle(trx, input.cycleId)
    if (!cycle) throw notFound()
    const ids = await listApplicationIdsInReview(trx, cycle.id, input.categoryCode)
    const result = await drawInTransaction(trx, {
      cycle,
      applicationIds: ids,
      actor: input.actor,
      kind: 'draw',
      seed: input.seed,
      now,
    })
    if (!result.ok) throw poolTooSmall(result.shortages)
    return result.outcome
  })
}

/**
 * The panel's consensus sheet for an application whose reviewers disagreed: every item agreed, with a note of
 * how. Recorded beside the independent sheets, which stay as they were; the ranking then uses the consensus.
 */
export async function recordConsensus(
  db: DB,
  input: {
    applicationId: number
    actor: Actor
    scores: ReadonlyMap<number, number>
    note: string
    /** The reviewers (user ids) who agreed the consensus: at least two of those whose sheets are in. */
    agreedBy: readonly number[]
    /** Why a consensus is recorded although the totals did not spread beyond the threshold. */
    outsideThresholdReason?: string
    now?: string
  },
): Promise<void> {
  if (!mayAct(input.actor, 'conductReview')) throw forbidden()
  const now = input.now ?? nowIso()
  const note = input.note.trim()
  if (!note) throw fieldRefusal('note', 400, 'errors.required')
  const agreedBy = [...new Set(input.agreedBy)]
  await db.transaction().execute(async (trx) => {
    const application = await loadApplicationForUpdate(trx, input.applicationId)
    if (!application) throw notFound()
    // Only between scoring and the committee's decision: a decided file is reopened by the committee first.
    if (application.status !== 'scored') throw notAllowedNow('RECORD_CONSENSUS', application.status)
    const cycle = await getCycle(trx, application.cycle_id)
    if (!cycle) throw notFound()
    const tree = await getCriteriaTree(trx, cycle.edition_id)
    const items = tree.categories.flatMap((c) => c.items)
    if (
      items.length !== input.scores.size ||
      items.some((item) => !isValidPercentage(input.scores.get(item.id) ?? -1))
    ) {
      throw new WorkflowError(400, 'errors.sheetIncomplete')
    }
    const sheets = await listSubmittedSheetsOfApplication(trx, application.id)
    const scorers = new Set(sheets.map((sheet) => sheet.reviewer_id))
    if (agreedBy.length < 2 || agreedBy.some((id) => !scorers.has(id)))
      throw fieldRefusal('agreedBy', 400, 'errors.consensusReviewers')
    // Consensus belongs where the reviewers disagreed beyond the threshold; anywhere else it needs its reason.
    const standing = await applicationStandings(trx, application.id)
    const outsideThresholdReason = needsConsensus(standing.sheetTotals, cycle.consensus_threshold)
      ? null
      : (input.outsideThresholdReason ?? '').trim()
    if (outsideThresholdReason === '')
      throw fieldRefusal('outsideThresholdReason', 400, 'errors.consensusOutsideThreshold')
    await replaceConsensus(
      trx,
      {
        applicationId: application.id,
        recordedBy: input.actor.userId,
        recordedAt: now,
        note,
        outsideThresholdReason,
        agreedBy,
        points: pointsOf(pointRows(tree, input.scores)),
      },
      [...input.scores].map(([itemId, percentage]) => ({ itemId, percentage })),
    )
    await refreshStanding(trx, application)
    await appendAudit(trx, {
      entity: 'application',
      entityId: application.id,
      actorUserId: input.actor.userId,
      at: now,
      fromState: application.status,
      toState: application.status,
      event: 'RECORD_CONSENSUS',
      reason: outsideThresholdReason ? `${note} (outside the threshold: ${outsideThresholdReason})` : note,
    })
  })
}
