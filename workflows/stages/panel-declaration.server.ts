import type { DB } from '#db/client.server'
import { loadApplicationForUpdate } from '#db/repositories/applications'
import { appendAudit } from '#db/repositories/audit'
import { getCycle } from '#db/repositories/cycles'
import { findPanelMember, getDefence, recordPanelDeclaration } from '#db/repositories/stages'
import { type Executor, nowIso } from '#db/repositories/types'
import type { PanelStage } from '#db/schema'
import type { Actor } from '../application/application.policy'
import { fieldRefusal, forbidden, notAllowedNow, notFound, WorkflowError } from '../errors'
import { tellSecretariat } from '../notifications/secretariat.server'
import { overlappingDefences } from './defence.server'
import { drawReplacementInTransaction } from './panel.server'

export const recusalReasonLimit = 500

/** The stage's state in which its panel or team sits: declarations are made then, not after. */
const sittingStatus = { defence: 'defenceScheduled', siteVisit: 'siteVisitScheduled' } as const

/** The audit's events for a panel seat (labelled in the catalogues as event.*). */
export const panelEvents = {
  noConflict: 'PANEL_NO_CONFLICT',
  recused: 'PANEL_RECUSE',
  replaced: 'PANEL_REPLACE',
  unfilled: 'PANEL_UNFILLED',
} as const

export type PanelDeclaration = { conflict: false } | { conflict: true; reason: string }

/**
 * 回避声明 on a defence panel or site-visit team, as document reviewers make it: before the member sees anything
 * of the applicant beyond its name, they declare no conflict (the file opens) or a conflict with a reason (they
 * leave the panel, the conflict follows them to every later draw for this applicant, and a replacement is drawn
 * for the seat, leading the team if they led it). One transaction, audited; the secretariat is told of a conflict,
 * and of a seat left empty when the pool has nobody left to draw.
 */
export async function declarePanelSeat(
  db: DB,
  input: {
    stage: PanelStage
    applicationId: number
    actor: Actor
    declaration: PanelDeclaration
    now?: string
    seed?: number
  },
): Promise<{ replacedBy: number | null }> {
  if (input.actor.role !== 'reviewer') throw forbidden()
  const now = input.now ?? nowIso()
  const reason = input.declaration.conflict ? input.declaration.reason.trim() : null
  if (input.declaration.conflict && !reason) throw fieldRefusal('reason', 400, 'errors.required')
  if (reason && reason.length > recusalReasonLimit) throw fieldRefusal('reason', 400, 'errors.tooLong')
  return db.transaction().execute(async (trx) => {
    const seat = await findPanelMember(trx, input.stage, input.applicationId, input.actor.userId)
    if (!seat) throw notFound()
    if (seat.declared_at !== null) throw new WorkflowError(409, 'errors.alreadyDeclared')
    const application = (await loadApplicationForUpdate(trx, input.applicationId))!
    if (application.status !== sittingStatus[input.stage])
      throw notAllowedNow(panelEvents.noConflict, application.status)
    if (!(await recordPanelDeclaration(trx, seat.id, { at: now, conflictReason: reason })))
      throw new WorkflowError(409, 'errors.alreadyDeclared')
    const audit = (event: string, note: string | null, actorUserId: number | null = input.actor.userId) =>
      appendAudit(trx, {
        entity: 'application',
        entityId: application.id,
        actorUserId,
        at: now,
        fromState: application.status,
        toState: application.status,
        event,
        reason: note,
      })
    if (!reason) {
      await audit(panelEvents.noConflict, input.stage)
      return { replacedBy: null }
    }
    await audit(panelEvents.recused, `${input.stage}: ${reason}`)
    await tellSecretariat(trx, 'secretariat.CONFLICT', application.id, now, reason)
    const cycle = (await getCycle(trx, application.cycle_id))!
    try {
      const replacedBy = await drawReplacementInTransaction(trx, {
        stage: input.stage,
        cycle,
        applicationId: application.id,
        actor: input.actor,
        now,
        seed: input.seed,
        busy: input.stage === 'defence' ? await sittingAtTheSameTime(trx, application.id, cycle.id) : undefined,
        leads: seat.is_leader === 1,
      })
      await audit(panelEvents.replaced, input.stage, null)
      return { replacedBy }
    } catch (error) {
      // The pool has nobody left to draw: the recusal stands, the seat stays empty, the secretariat names one.
      if (!(error instanceof WorkflowError) || error.messageKey !== 'errors.poolTooSmall') throw error
      await audit(panelEvents.unfilled, input.stage, null)
      return { replacedBy: null }
    }
  })
}

/** Experts on another defence panel whose slot overlaps this application's: not free to replace a member. */
async function sittingAtTheSameTime(trx: Executor, applicationId: number, cycleId: number) {
  const defence = await getDefence(trx, applicationId)
  if (!defence) return new Set<number>()
  const slot = { startsAt: defence.starts_at, minutes: defence.minutes }
  const others = await overlappingDefences(trx, cycleId, applicationId, slot)
  return new Set(others.flatMap((other) => other.panel.map((member) => member.expert_user_id)))
}
