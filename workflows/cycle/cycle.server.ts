import type { DB } from '#db/client.server'
import { countByStatus, listApplicationsOfCycle } from '#db/repositories/applications'
import { appendAudit } from '#db/repositories/audit'
import { getCycle, listAwardLevels, markCyclePublished, updateCycleSettingsIfVersion, updateLevelQuota } from '#db/repositories/cycles'
import { countLevelHolders } from '#db/repositories/applications'
import type { Aggregation } from '../review/scoring'
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

export interface CycleSettings {
  deadline: string
  minReviewers: number
  aggregation: Aggregation
  /** Award level id to its number of places. */
  quotas: ReadonlyMap<number, number>
}

/**
 * The secretariat's settings for a cycle: deadline, minimum reviewers per application, how scores are
 * combined, and each level's places. Versioned and audited like any state change; frozen once published,
 * and a quota cannot drop below the decisions already holding that level.
 */
export async function updateCycleSettings(
  db: DB,
  input: { cycleId: number; actor: Actor; expectedVersion: number; settings: CycleSettings; now?: string },
): Promise<number> {
  if (!isAdministrator(input.actor)) throw forbidden()
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const cycle = await getCycle(trx, input.cycleId)
    if (!cycle) throw notFound()
    if (cycle.results_published_at) throw new WorkflowError(409, 'admin.settingsLocked')
    if (cycle.version !== input.expectedVersion) throw staleVersion()
    const levels = await listAwardLevels(trx, cycle.id)
    const changes: string[] = []
    for (const [levelId, quota] of input.settings.quotas) {
      const level = levels.find((l) => l.id === levelId)
      if (!level) throw new WorkflowError(400, 'errors.unknownLevel')
      if (level.quota === quota) continue
      const holders = await countLevelHolders(trx, level.id, 0)
      if (quota < holders) throw new WorkflowError(409, 'errors.quotaBelowHolders', `${level.code} ${holders}`, { count: holders })
      await updateLevelQuota(trx, level.id, quota)
      changes.push(`${level.category_code}.${level.code} quota ${level.quota}→${quota}`)
    }
    if (cycle.submission_deadline !== input.settings.deadline) changes.push(`deadline ${cycle.submission_deadline}→${input.settings.deadline}`)
    if (cycle.min_reviewers !== input.settings.minReviewers) changes.push(`minReviewers ${cycle.min_reviewers}→${input.settings.minReviewers}`)
    if (cycle.aggregation !== input.settings.aggregation) changes.push(`aggregation ${cycle.aggregation}→${input.settings.aggregation}`)
    const written = await updateCycleSettingsIfVersion(trx, cycle.id, input.expectedVersion, {
      submission_deadline: input.settings.deadline,
      min_reviewers: input.settings.minReviewers,
      aggregation: input.settings.aggregation,
    })
    if (!written) throw staleVersion()
    await appendAudit(trx, {
      entity: 'cycle', entityId: cycle.id, actorUserId: input.actor.userId, at: now,
      fromState: 'open', toState: 'open', event: 'UPDATE_SETTINGS', reason: changes.join('; ') || null,
    })
    return input.expectedVersion + 1
  })
}
