import { sql } from 'kysely'
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
  return db
    .selectFrom('application_standings')
    .select(['application_id', 'score', 'results', 'leadership', 'sheets', 'consensus'])
    .where('cycle_id', '=', cycleId)
    .execute()
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
 * What a cycle's ranking is computed from, summed up in one string: the cycle's version (its settings, weights
 * included), every application's status, version and update time (decisions, withdrawals, the second half's
 * steps), the stored standings (every sheet or consensus moves a score or a sheet count), consensus rounds,
 * defence sheets and recorded site visits. Each part is read from an index or a narrow table (a few ms at 10,000
 * applications): much less than ranking them.
 */
export async function rankingFingerprint(db: Executor, cycleId: number): Promise<string> {
  const row = await sql<Record<string, number | string | null>>`
    select
      (select version from cycles where id = ${cycleId}) as cycle_version,
      (select count(*) || ':' || coalesce(sum(version), 0) || ':' || coalesce(max(updated_at), '') from applications where cycle_id = ${cycleId}) as applications,
      (select count(*) || ':' || coalesce(sum(score), 0) || ':' || coalesce(sum(sheets), 0) || ':' || coalesce(sum(results), 0) || ':' || count(consensus)
         from application_standings where cycle_id = ${cycleId}) as standings,
      (select count(*) from consensus_rounds c join applications a on a.id = c.application_id where a.cycle_id = ${cycleId}) as consensus,
      (select count(*) || ':' || coalesce(max(d.id), 0) from defence_sheets d join applications a on a.id = d.application_id where a.cycle_id = ${cycleId} and d.status = 'submitted') as defence,
      (select count(*) || ':' || coalesce(max(v.recorded_at), '') from site_visits v join applications a on a.id = v.application_id where a.cycle_id = ${cycleId} and v.recorded_at is not null) as visits
  `.execute(db)
  return JSON.stringify(row.rows[0])
}
