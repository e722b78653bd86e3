import { countByCategoryAndStatus } from '#db/repositories/applications'
import type { Executor } from '#db/repositories/types'
import { byGeneration } from './generation-cache.server'

type Counts = Awaited<ReturnType<typeof countByCategoryAndStatus>>

/**
 * A cycle's applications counted per category and status, for the pages that show them (the desk's status list
 * and pipeline, the ranking's publication checks). Counting 10,000 rows takes about 3 ms; the count is kept
 * while the cycle's generation (moved by triggers on any change to its applications) stays the same, so a page
 * view costs one row read. Workflows count inside their own transactions and never use this.
 */
export function cycleCounts(db: Executor, cycleId: number): Promise<Counts> {
  return byGeneration(db, cycleId, 'counts', () => countByCategoryAndStatus(db, cycleId))
}

/** The same counts per status alone, as countByStatus gives them. */
export async function cycleStatusCounts(db: Executor, cycleId: number): Promise<Record<string, number>> {
  const byStatus: Record<string, number> = {}
  for (const row of await cycleCounts(db, cycleId)) byStatus[row.status] = (byStatus[row.status] ?? 0) + row.count
  return byStatus
}
