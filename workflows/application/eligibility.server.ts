import type { DB } from '#db/client.server'
import { loadApplicationForUpdate } from '#db/repositories/applications'
import { appendAudit } from '#db/repositories/audit'
import { saveEligibilityConfirmation } from '#db/repositories/eligibility'
import { nowIso } from '#db/repositories/types'
import { forbidden, notAllowedNow, notFound, WorkflowError } from '../errors'
import type { Actor } from './application.policy'
import { mayAct } from '../account/duties'
import { applicableConditions } from './application.rules'
import { eligibilityAuditReason } from './eligibility-audit'

/**
 * The secretariat confirms one eligibility condition of an application in eligibility review: met, or not met
 * with a note saying why. Recorded in the application's (internal) history.
 */
export async function confirmEligibilityCondition(
  db: DB,
  input: { applicationId: number; actor: Actor; condition: string; met: boolean; note: string; now?: string },
): Promise<void> {
  if (!mayAct(input.actor, 'eligibility')) throw forbidden()
  const now = input.now ?? nowIso()
  const note = input.note.trim()
  if (!input.met && !note) throw new WorkflowError(400, 'errors.required')
  await db.transaction().execute(async (trx) => {
    const application = await loadApplicationForUpdate(trx, input.applicationId)
    if (!application) throw notFound()
    if (application.status !== 'eligibilityReview') throw notAllowedNow('CONFIRM_CONDITION', application.status)
    const condition = applicableConditions(application.award_type).find((key) => key === input.condition)
    if (!condition) throw new WorkflowError(400, 'errors.choose')
    await saveEligibilityConfirmation(trx, {
      applicationId: application.id,
      conditionKey: condition,
      met: input.met,
      note: note || null,
      confirmedBy: input.actor.userId,
      confirmedAt: now,
    })
    await appendAudit(trx, {
      entity: 'application',
      entityId: application.id,
      actorUserId: input.actor.userId,
      at: now,
      fromState: application.status,
      toState: application.status,
      event: 'CONFIRM_CONDITION',
      reason: eligibilityAuditReason({ condition, met: input.met, note: note || null }),
    })
  })
}
