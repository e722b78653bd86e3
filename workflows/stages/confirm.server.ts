import type { DB } from '#db/client.server'
import { appendActOnApplication } from '#db/repositories/audit'
import { confirmStage, getDefence, getSiteVisit } from '#db/repositories/stages'
import { nowIso } from '#db/repositories/types'
import type { PanelStage } from '#db/schema'
import { loadOwnApplication } from '../application/application.server'
import type { Actor } from '../application/application.policy'
import { notAllowedNow, WorkflowError } from '../errors'

/** The stage an applicant's confirmation belongs to, and the status in which it can be given. */
const confirmable: Record<PanelStage, { status: string; event: string }> = {
  defence: { status: 'defenceScheduled', event: 'CONFIRM_DEFENCE' },
  siteVisit: { status: 'siteVisitScheduled', event: 'CONFIRM_SITE_VISIT' },
}

/**
 * The applicant confirms its defence slot or site-visit date (it will attend, receive the team). Only its own
 * application, only while that stage is scheduled; confirming again changes nothing. On the history.
 */
export async function confirmSchedule(
  db: DB,
  input: { applicationId: number; stage: PanelStage; actor: Actor; now?: string },
): Promise<void> {
  const now = input.now ?? nowIso()
  const rule = confirmable[input.stage]
  await db.transaction().execute(async (trx) => {
    const row = await loadOwnApplication(trx, input.actor, input.applicationId)
    if (row.status !== rule.status) throw notAllowedNow(rule.event, row.status)
    const slot = input.stage === 'defence' ? await getDefence(trx, row.id) : await getSiteVisit(trx, row.id)
    if (!slot) throw new WorkflowError(409, 'errors.nothingToConfirm')
    if (slot.confirmed_at) return
    await confirmStage(trx, input.stage, row.id, now)
    await appendActOnApplication(trx, {
      applicationId: row.id,
      status: row.status,
      actorUserId: input.actor.userId,
      event: rule.event,
      reason: null,
      at: now,
    })
  })
}
