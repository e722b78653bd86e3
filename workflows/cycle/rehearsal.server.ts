import crypto from 'node:crypto'
import type { DB } from '#db/client.server'
import { appendAudit } from '#db/repositories/audit'
import { getCurrentCycle } from '#db/repositories/cycles'
import type { Executor } from '#db/repositories/types'
import {
  countLiveRehearsals,
  findLiveRehearsal,
  insertRehearsal,
  markRehearsalDeleted,
  setClockIfVersion,
} from '#db/repositories/rehearsals'
import { copyAward, removeCopy } from '#db/rehearsal-storage'
import { currentRehearsal } from '#db/scope'
import { mayAct } from '../account/duties'
import type { Actor } from '../application/application.policy'
import { fieldRefusal, forbidden, notFound, staleVersion, WorkflowError } from '../errors'
import { type CycleAuditDetail, cycleAuditReason } from './cycle-audit'
import { clockAfterMove, type ClockMove, maxLiveRehearsals } from './rehearsal'

/**
 * Rehearsals (演练, issue 24; decision record 0035): the secretariat copies the award as it stands into a sandbox
 * with a clock of its own, walks through what is to come there (the notice period, the approval, publication, the
 * reminders) with the clock moved forward, and removes it. The rehearsal's own record (made, clock moved, removed)
 * is the cycle's history on the award's database; what is done inside it stays in the copy.
 */

function refuseInsideRehearsal(): void {
  // The register is the award's: a rehearsal neither makes nor changes rehearsals (its copy's register is stale).
  if (currentRehearsal()) throw new WorkflowError(409, 'rehearsal.notInside')
}

/** A rehearsal made, its clock moved or its removal, on the history of the cycle it was made from. */
function recordInHistory(
  trx: Executor,
  cycleId: number,
  by: { actor: Actor; now: string },
  detail: Omit<Extract<CycleAuditDetail, { kind: 'rehearsal' }>, 'kind'>,
): Promise<void> {
  return appendAudit(trx, {
    entity: 'cycle',
    entityId: cycleId,
    actorUserId: by.actor.userId,
    at: by.now,
    fromState: 'open',
    toState: 'open',
    event: 'REHEARSAL',
    reason: cycleAuditReason({ kind: 'rehearsal', ...detail }),
  })
}

/** Copies the award into a new rehearsal of the current cycle; its clock starts at the real time. */
export async function createRehearsal(award: DB, input: { actor: Actor; now: string }): Promise<{ id: number }> {
  if (!mayAct(input.actor, 'runCycle')) throw forbidden()
  refuseInsideRehearsal()
  const cycle = await getCurrentCycle(award)
  if (!cycle) throw notFound()
  if (cycle.archived_at) throw new WorkflowError(409, 'rehearsal.archived')
  if ((await countLiveRehearsals(award)) >= maxLiveRehearsals)
    throw new WorkflowError(409, 'rehearsal.tooMany', undefined, { count: maxLiveRehearsals })
  const storage = `rehearsal_${cycle.year}_${crypto.randomBytes(4).toString('hex')}`
  // The copy is made outside any transaction (VACUUM INTO cannot run in one); the register's row follows it, and a
  // copy whose row could not be written is removed again.
  await copyAward(award, storage)
  try {
    return await award.transaction().execute(async (trx) => {
      const id = await insertRehearsal(trx, {
        cycleId: cycle.id,
        storage,
        createdBy: input.actor.userId,
        at: input.now,
      })
      await recordInHistory(trx, cycle.id, input, { rehearsal: id, action: 'created' })
      return { id }
    })
  } catch (error) {
    await removeCopy(award, storage)
    throw error
  }
}

/** Moves a rehearsal's clock forward (never back: what was done at a later time would then lie in the future). */
export async function moveRehearsalClock(
  award: DB,
  input: { actor: Actor; rehearsalId: number; expectedVersion: number; move: ClockMove; now: string },
): Promise<{ clockAt: string }> {
  if (!mayAct(input.actor, 'runCycle')) throw forbidden()
  return award.transaction().execute(async (trx) => {
    const rehearsal = await findLiveRehearsal(trx, input.rehearsalId)
    if (!rehearsal) throw notFound()
    if (rehearsal.version !== input.expectedVersion) throw staleVersion()
    const moved = clockAfterMove(input.now, rehearsal.clock_offset_minutes, input.move)
    if (!moved.ok) throw fieldRefusal(moved.field, 400, moved.messageKey, moved.vars)
    if (!(await setClockIfVersion(trx, rehearsal.id, rehearsal.version, moved.offsetMinutes))) throw staleVersion()
    await recordInHistory(trx, rehearsal.cycle_id, input, {
      rehearsal: rehearsal.id,
      action: 'clockMoved',
      clockAt: moved.clockAt,
    })
    return { clockAt: moved.clockAt }
  })
}

/** Removes a rehearsal: the register keeps that it was, who removed it and when; its copy is deleted. */
export async function deleteRehearsal(
  award: DB,
  input: { actor: Actor; rehearsalId: number; expectedVersion: number; now: string },
): Promise<void> {
  if (!mayAct(input.actor, 'runCycle')) throw forbidden()
  const storage = await award.transaction().execute(async (trx) => {
    const rehearsal = await findLiveRehearsal(trx, input.rehearsalId)
    if (!rehearsal) throw notFound()
    if (!(await markRehearsalDeleted(trx, rehearsal.id, input.expectedVersion, input.actor.userId, input.now)))
      throw staleVersion()
    await recordInHistory(trx, rehearsal.cycle_id, input, { rehearsal: rehearsal.id, action: 'deleted' })
    return rehearsal.storage
  })
  await removeCopy(award, storage)
}
