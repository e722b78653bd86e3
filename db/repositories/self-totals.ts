import type { Executor } from './types'

/** An application's self-assessed total as submitted (a resubmission replaces it). */
export async function putSelfTotal(
  db: Executor,
  row: { applicationId: number; itemsScored: number; points: number | null },
): Promise<void> {
  await db
    .insertInto('application_self_totals')
    .values({ application_id: row.applicationId, items_scored: row.itemsScored, points: row.points })
    .onConflict((oc) => oc.column('application_id').doUpdateSet({ items_scored: row.itemsScored, points: row.points }))
    .execute()
}

/**
 * The cycle's applications with a whole self-assessed total and the experts' document-review score (stored standing),
 * and how many submitted applications self-scored only some items or none.
 */
export async function selfJudgementRows(db: Executor, cycleId: number) {
  const rows = await db
    .selectFrom('application_self_totals')
    .innerJoin('applications', 'applications.id', 'application_self_totals.application_id')
    .leftJoin('application_standings', 'application_standings.application_id', 'applications.id')
    .select([
      'applications.category_code',
      'application_self_totals.points as self_points',
      'application_self_totals.items_scored',
      'application_standings.score',
    ])
    .where('applications.cycle_id', '=', cycleId)
    .execute()
  const compared = rows.flatMap((row) =>
    row.self_points !== null && row.score !== null && row.score !== undefined && row.category_code !== null
      ? [{ categoryCode: row.category_code, selfPoints: row.self_points, expertPoints: row.score }]
      : [],
  )
  return {
    compared,
    partly: rows.filter((row) => row.self_points === null && row.items_scored > 0).length,
    none: rows.filter((row) => row.items_scored === 0).length,
  }
}
