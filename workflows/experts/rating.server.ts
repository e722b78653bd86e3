import type { DB } from '#db/client.server'
import { appendAudit } from '#db/repositories/audit'
import { getExpert } from '#db/repositories/experts'
import { putExpertRating } from '#db/repositories/performance'
import { nowIso } from '#db/repositories/types'
import type { Actor } from '../application/application.policy'
import { assertNotArchived } from '../cycle/archive.server'
import { mayAct } from '../account/duties'
import { fieldRefusal, forbidden, notFound } from '../errors'

/**
 * The secretariat rates an expert's work in a cycle (1–5) with a note the expert will read: one rating per cycle,
 * replaced when rated again, each one on the expert's history with its rating and note.
 */
export async function rateExpert(
  db: DB,
  input: { expertId: number; cycleId: number; rating: number; note: string; actor: Actor; now?: string },
): Promise<void> {
  if (!mayAct(input.actor, 'manageExperts')) throw forbidden()
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5)
    throw fieldRefusal('rating', 400, 'errors.choose')
  const note = input.note.trim()
  if (!note) throw fieldRefusal('note', 400, 'errors.required')
  if (note.length > 2000) throw fieldRefusal('note', 400, 'errors.tooLong')
  const now = input.now ?? nowIso()
  await db.transaction().execute(async (trx) => {
    await assertNotArchived(trx, input.cycleId)
    const expert = await getExpert(trx, input.expertId)
    if (!expert) throw notFound()
    await putExpertRating(trx, {
      cycleId: input.cycleId,
      expertUserId: expert.user_id,
      rating: input.rating,
      note,
      ratedBy: input.actor.userId,
      at: now,
    })
    const state = expert.active ? 'active' : 'inactive'
    await appendAudit(trx, {
      entity: 'expert',
      entityId: expert.id,
      actorUserId: input.actor.userId,
      at: now,
      fromState: state,
      toState: state,
      event: 'RATE_EXPERT',
      reason: `${input.rating}/5 ${note}`,
    })
  })
}
