import type { DB } from '#db/client.server'
import { appendAudit } from '#db/repositories/audit'
import { getCycle, markIntakeClosed } from '#db/repositories/cycles'
import { type Executor, nowIso } from '#db/repositories/types'
import type { Cycle } from '#db/schema'
import type { Actor } from '../application/application.policy'
import { mayAct } from '../account/duties'
import { forbidden, notFound, WorkflowError } from '../errors'
import { cycleAuditReason } from './cycle-audit'
import type { IntakeClosedBy } from './intake'

/**
 * Ends the cycle's intake in the caller's transaction, if it still runs, with a line in the cycle's history saying
 * what ended it. The cycle-wide stages call this first, so that no application can be started or submitted into a
 * cycle whose notice, approval or publication has begun.
 */
export async function closeIntakeInTransaction(
  trx: Executor,
  input: { cycle: Pick<Cycle, 'id'>; actorUserId: number | null; by: IntakeClosedBy; now: string },
): Promise<boolean> {
  const closed = await markIntakeClosed(trx, input.cycle.id, input.now)
  if (closed)
    await appendAudit(trx, {
      entity: 'cycle',
      entityId: input.cycle.id,
      actorUserId: input.actorUserId,
      at: input.now,
      fromState: 'open',
      toState: 'open',
      event: 'CLOSE_INTAKE',
      reason: cycleAuditReason({ kind: 'intakeClosed', by: input.by }),
    })
  return closed
}

/** The secretariat ends intake before its deadline (申报受理结束). Refused where it has already ended. */
export async function closeIntake(db: DB, input: { cycleId: number; actor: Actor; now?: string }): Promise<void> {
  if (!mayAct(input.actor, 'runCycle')) throw forbidden()
  const now = input.now ?? nowIso()
  await db.transaction().execute(async (trx) => {
    const cycle = await getCycle(trx, input.cycleId)
    if (!cycle) throw notFound()
    const closed = await closeIntakeInTransaction(trx, {
      cycle,
      actorUserId: input.actor.userId,
      by: 'secretariat',
      now,
    })
    if (!closed) throw new WorkflowError(409, 'errors.intakeAlreadyClosed')
  })
}
