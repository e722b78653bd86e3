import type { DB } from '#db/client.server'
import { appendAudit } from '#db/repositories/audit'
import { findExpertByUser } from '#db/repositories/experts'
import { enqueueNotification } from '#db/repositories/outbox'
import { nowIso } from '#db/repositories/types'
import { getUserById } from '#db/repositories/users'
import { type Actor, isAdministrator } from '../application/application.policy'
import { forbidden, notFound, WorkflowError } from '../errors'

/**
 * The secretariat reminds an expert of the reviews still open this cycle (invitations to answer, sheets to
 * submit): one e-mail naming how many, on the expert's record. Refused when nothing is open.
 */
export async function remindExpert(db: DB, input: { reviewerId: number; cycleId: number; actor: Actor; now?: string }): Promise<number> {
  if (!isAdministrator(input.actor)) throw forbidden()
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const [user, expert] = await Promise.all([getUserById(trx, input.reviewerId), findExpertByUser(trx, input.reviewerId)])
    if (!user || !expert) throw notFound()
    const open = await trx
      .selectFrom('assignments')
      .innerJoin('applications', 'applications.id', 'assignments.application_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('assignments.reviewer_id', '=', input.reviewerId)
      .where('applications.cycle_id', '=', input.cycleId)
      .where('assignments.status', 'in', ['invited', 'accepted', 'inProgress'])
      .executeTakeFirstOrThrow()
    const count = Number(open.n)
    if (count === 0) throw new WorkflowError(409, 'errors.nothingToRemind')
    await enqueueNotification(trx, { kind: 'review.REMINDER', recipient: user.email, payload: { applicationId: 0, reason: String(count) }, at: now })
    await appendAudit(trx, { entity: 'expert', entityId: expert.id, actorUserId: input.actor.userId, at: now, fromState: null, toState: expert.active ? 'active' : 'inactive', event: 'REMIND_EXPERT', reason: String(count) })
    return count
  })
}
