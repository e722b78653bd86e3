import { cycleGeneration } from '#db/repositories/standings'
import type { Executor } from '#db/repositories/types'
import { currentRehearsal } from '#db/scope'

/**
 * Figures of a cycle computed from its applications, standings and sheets, kept while the cycle's generation
 * (moved by triggers in the transaction of any change to them; decision record 0015) stays the same: a page view
 * then costs one row read instead of the computation. Only for pages; workflows compute inside their own
 * transactions and never read from here. One entry per cycle and name; an old generation's value is replaced.
 */
const cache = new Map<string, { generation: number; value: unknown }>()

export async function byGeneration<T>(
  db: Executor,
  cycleId: number,
  name: string,
  compute: () => Promise<T>,
): Promise<T> {
  const generation = await cycleGeneration(db, cycleId)
  // A rehearsal's copy has the same cycle ids and, at first, the same generations as the award: its figures are
  // kept apart, or a page of the award could show the rehearsal's (decision record 0035).
  const key = `${currentRehearsal()?.rehearsalId ?? 'award'}/${cycleId}/${name}`
  const hit = cache.get(key)
  if (hit && hit.generation === generation) return hit.value as T
  const value = await compute()
  cache.set(key, { generation, value })
  return value
}
