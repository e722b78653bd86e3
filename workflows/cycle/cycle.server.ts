import type { DB } from '#db/client.server'
import { countByStatus, listApplicationsOfCycle } from '#db/repositories/applications'
import { appendAudit } from '#db/repositories/audit'
import { getCycle, markCyclePublished } from '#db/repositories/cycles'
import { nowIso } from '#db/repositories/types'
import { applyInTransaction } from '../application/application.server'
import { type Actor, isAdministrator } from '../application/application.policy'
import { forbidden, notFound, staleVersion, WorkflowError } from '../errors'
import { undecidedBlockingPublication } from './cycle.rules'

/** Publishes every decision of the cycle in one transaction: all become visible at once, or none does. */
export async function publishResults(
  db: DB,
  input: { cycleId: number; actor: Actor; expectedVersion: number; now?: string },
): Promise<{ published: number }> {
  if (!isAdministrator(input.actor)) throw forbidden()
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const cycle = await getCycle(trx, input.cycleId)
    if (!cycle) throw notFound()
    if (cycle.results_published_at) throw new WorkflowError(409, 'errors.alreadyPublished')
    if (cycle.version !== input.expectedVersion) throw staleVersion()
    const undecided = undecidedBlockingPublication(await countByStatus(trx, cycle.id))
    if (undecided > 0) throw new WorkflowError(409, 'errors.undecided', `${undecided} undecided`, { count: undecided })
    const decided = await listApplicationsOfCycle(trx, cycle.id, 'decided')
    for (const application of decided) {
      await applyInTransaction(trx, {
        applicationId: application.id,
        actor: input.actor,
        event: { type: 'PUBLISH' },
        expectedVersion: application.version,
        now,
      })
    }
    if (!(await markCyclePublished(trx, cycle.id, input.expectedVersion, now))) throw staleVersion()
    await appendAudit(trx, {
      entity: 'cycle', entityId: cycle.id, actorUserId: input.actor.userId, at: now,
      fromState: 'open', toState: 'published', event: 'PUBLISH', reason: null,
    })
    return { published: decided.length }
  })
}
