import type { DB } from '#db/client.server'
import { appendAudit } from '#db/repositories/audit'
import { getCurrentCycle } from '#db/repositories/cycles'
import { listOpenAssignmentsOfReviewer } from '#db/repositories/review'
import {
  type ExpertRecord,
  type ExpertRelation,
  getExpert,
  insertExpert,
  replaceRelations,
  updateExpertIfVersion,
} from '#db/repositories/experts'
import { type Executor, nowIso } from '#db/repositories/types'
import { createUser, findUserByEmail } from '#db/repositories/users'
import { issuePasswordLink } from '../account/password-link.server'
import type { Actor } from '../application/application.policy'
import { mayAct } from '../account/duties'
import { forbidden, notFound, staleVersion, WorkflowError } from '../errors'
import { applyAssignmentEvent } from '../review/assignment.server'
import { drawInTransaction } from '../review/draw.server'
import { beijingDate } from '../time'
import { conflictsOf } from './conflicts'
import { storedOrganisationKeys } from './organisation-keys'

/** A password hash no password matches: an invited expert logs in only after setting one through the link. */
export const noPasswordYet = '!invited'

export interface ExpertInput {
  name: string
  email: string
  record: ExpertRecord
  relations: readonly ExpertRelation[]
}

/**
 * Adds an expert to the pool, in the caller's transaction: a reviewer account without a password, the expert's
 * record and ties, an invitation e-mail with a link to set the password, and an audit row. Nobody but the expert
 * ever knows the password.
 */
export async function addExpertInTransaction(
  trx: Executor,
  input: ExpertInput & { actor: Actor; now: string },
): Promise<number> {
  if (await findUserByEmail(trx, input.email)) throw new WorkflowError(409, 'auth.emailTaken', undefined, {}, 'email')
  const userId = await createUser(trx, {
    email: input.email,
    passwordHash: noPasswordYet,
    role: 'reviewer',
    displayName: input.name,
    organisationId: null,
    expertise: input.record.fields,
  })
  const expertId = await insertExpert(trx, userId, input.record, input.now)
  await replaceRelations(trx, expertId, input.relations)
  await issuePasswordLink(trx, { userId, email: input.email, purpose: 'invitation', now: input.now })
  await appendAudit(trx, {
    entity: 'expert',
    entityId: expertId,
    actorUserId: input.actor.userId,
    at: input.now,
    fromState: null,
    toState: input.record.active ? 'active' : 'inactive',
    event: 'ADD_EXPERT',
    reason: null,
  })
  return expertId
}

export async function addExpert(db: DB, input: ExpertInput & { actor: Actor; now?: string }): Promise<number> {
  if (!mayAct(input.actor, 'manageExperts')) throw forbidden()
  const now = input.now ?? nowIso()
  return db.transaction().execute((trx) => addExpertInTransaction(trx, { ...input, now }))
}

/**
 * Edits an expert's record and ties. Where the new data puts the expert in conflict with an application of the
 * current cycle they are still reviewing, that assignment is taken off (on the record, naming the conflict) and
 * a replacement is drawn, in the same transaction.
 */
export async function updateExpert(
  db: DB,
  input: {
    expertId: number
    expectedVersion: number
    record: ExpertRecord
    relations: readonly ExpertRelation[]
    actor: Actor
    now?: string
  },
): Promise<{ replaced: number }> {
  if (!mayAct(input.actor, 'manageExperts')) throw forbidden()
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const before = await getExpert(trx, input.expertId)
    if (!before) throw notFound()
    if (!(await updateExpertIfVersion(trx, input.expertId, input.expectedVersion, input.record, now)))
      throw staleVersion()
    await replaceRelations(trx, input.expertId, input.relations)
    await appendAudit(trx, {
      entity: 'expert',
      entityId: input.expertId,
      actorUserId: input.actor.userId,
      at: now,
      fromState: before.active ? 'active' : 'inactive',
      toState: input.record.active ? 'active' : 'inactive',
      event: 'UPDATE_EXPERT',
      reason: null,
    })
    const cycle = await getCurrentCycle(trx)
    if (!cycle) return { replaced: 0 }
    const ties = {
      id: before.user_id,
      employerName: input.record.employerName,
      employerUscc: input.record.employerUscc,
      relations: input.relations,
    }
    const open = await listOpenAssignmentsOfReviewer(trx, before.user_id, cycle.id)
    let replaced = 0
    for (const assignment of open) {
      const applicant = {
        name: assignment.name,
        uscc: assignment.uscc,
        keys: storedOrganisationKeys(assignment.name_key, assignment.uscc_key),
      }
      const conflicts = conflictsOf(ties, applicant, beijingDate(now))
      if (conflicts.length === 0) continue
      const reason = `专家资料更新后发现利益冲突 / conflict found after the expert's record changed: ${conflicts.map((c) => `${c.kind} ${c.name}`).join('; ')}`
      await applyAssignmentEvent(trx, {
        assignmentId: assignment.id,
        actor: input.actor,
        event: { type: 'REMOVE', reason },
        now,
      })
      await drawInTransaction(trx, {
        cycle,
        applicationIds: [assignment.application_id],
        actor: input.actor,
        kind: 'redraw',
        now,
      })
      replaced++
    }
    return { replaced }
  })
}

/** Adds many experts at once, all or nothing: each invited as if added on the page. */
export async function importExperts(
  db: DB,
  input: { experts: readonly ExpertInput[]; actor: Actor; now?: string },
): Promise<number> {
  if (!mayAct(input.actor, 'manageExperts')) throw forbidden()
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    for (const expert of input.experts) await addExpertInTransaction(trx, { ...expert, actor: input.actor, now })
    return input.experts.length
  })
}
