import type { Executor } from './types'

export interface StoredStanding {
  applicationId: number
  score: number | null
  results: number | null
  leadership: number | null
  sheets: number
  consensus: number | null
}

/** Writes the standings given (an application's, or a cycle's), replacing what was stored for them. */
export async function storeStandings(
  db: Executor,
  cycleId: number,
  standings: readonly StoredStanding[],
): Promise<void> {
  for (let i = 0; i < standings.length; i += 100) {
    await db
      .insertInto('application_standings')
      .values(
        standings.slice(i, i + 100).map((s) => ({
          application_id: s.applicationId,
          cycle_id: cycleId,
          score: s.score,
          results: s.results,
          leadership: s.leadership,
          sheets: s.sheets,
          consensus: s.consensus,
        })),
      )
      .onConflict((oc) =>
        oc.column('application_id').doUpdateSet((eb) => ({
          score: eb.ref('excluded.score'),
          results: eb.ref('excluded.results'),
          leadership: eb.ref('excluded.leadership'),
          sheets: eb.ref('excluded.sheets'),
          consensus: eb.ref('excluded.consensus'),
        })),
      )
      .execute()
  }
}

/** The stored standings of a cycle, or of one category of it. */
export function listStoredStandings(db: Executor, cycleId: number) {
  return (
    db
      .selectFrom('application_standings')
      .select(['application_id', 'score', 'results', 'leadership', 'sheets', 'consensus'])
      .where('cycle_id', '=', cycleId)
      // In id order on every database (PostgreSQL returns rows in no particular order without one).
      .orderBy('application_id')
      .execute()
  )
}

/** Cycles with submitted sheets but no stored standing for some application: filled when the server starts. */
export async function cyclesMissingStandings(db: Executor): Promise<number[]> {
  const rows = await db
    .selectFrom('score_sheets')
    .innerJoin('assignments', 'assignments.id', 'score_sheets.assignment_id')
    .innerJoin('applications', 'applications.id', 'assignments.application_id')
    .leftJoin('application_standings', 'application_standings.application_id', 'applications.id')
    .select('applications.cycle_id')
    .distinct()
    .where('score_sheets.status', '=', 'submitted')
    .where('application_standings.application_id', 'is', null)
    .execute()
  return rows.map((r) => r.cycle_id)
}

/**
 * A cycle's generation: a counter that triggers move in the transaction of any change to what its ranking and its
 * counts are computed from (the cycle's settings, its applications, their stored standings, consensus rounds,
 * defence sheets and recorded site visits; migration 0033). Equal generations mean nothing of that changed. One
 * row read, where recomputing the ranking reads 10,000.
 */
export async function cycleGeneration(db: Executor, cycleId: number): Promise<number> {
  const row = await db
    .selectFrom('cycle_generations')
    .select('generation')
    .where('cycle_id', '=', cycleId)
    .executeTakeFirst()
  return row?.generation ?? 0
}
