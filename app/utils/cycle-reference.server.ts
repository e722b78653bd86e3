import { deepFreeze } from '#db/deep-freeze'
import { listAwardLevels, listCycleCategories } from '#db/repositories/cycles'
import type { Executor } from '#db/repositories/types'
import { byGeneration } from './generation-cache.server'

/**
 * A cycle's categories and award levels for the pages that show them (the desk, the ranking, an application's
 * page), kept while the cycle's generation stays the same: triggers move it on any change to either (migration
 * 0035), so a quota changed in the settings shows at once. Frozen, since every page view shares them.
 */
export function cycleCategories(db: Executor, cycleId: number) {
  return byGeneration(db, cycleId, 'categories', async () => deepFreeze(await listCycleCategories(db, cycleId)))
}

export function cycleAwardLevels(db: Executor, cycleId: number) {
  return byGeneration(db, cycleId, 'levels', async () => deepFreeze(await listAwardLevels(db, cycleId)))
}
