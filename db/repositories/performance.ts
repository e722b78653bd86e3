import { groupBy } from '#workflows/group-by'
import type { Executor } from './types'

/**
 * What an expert's record for a cycle is computed from: each of the expert's assignments with its sheet, and for
 * each submitted one the item percentages of every submitted sheet of that application (by application and item).
 */
export async function reviewsOfExpertInCycle(db: Executor, expertUserId: number, cycleId: number) {
  const assignments = await db
    .selectFrom('assignments')
    .leftJoin('score_sheets', 'score_sheets.assignment_id', 'assignments.id')
    .select([
      'assignments.application_id',
      'assignments.status',
      'assignments.due_date',
      'score_sheets.id as sheet_id',
      'score_sheets.status as sheet_status',
      'score_sheets.total',
      'score_sheets.submitted_at',
    ])
    .where('assignments.reviewer_id', '=', expertUserId)
    .where('assignments.cycle_id', '=', cycleId)
    .execute()
  const scored = assignments.filter((a) => a.sheet_status === 'submitted').map((a) => a.application_id)
  const items =
    scored.length === 0
      ? []
      : await db
          .selectFrom('item_scores')
          .innerJoin('score_sheets', 'score_sheets.id', 'item_scores.sheet_id')
          .innerJoin('assignments', 'assignments.id', 'score_sheets.assignment_id')
          .select([
            'assignments.application_id',
            'item_scores.sheet_id',
            'item_scores.item_id',
            'item_scores.percentage',
          ])
          .where('assignments.application_id', 'in', scored)
          .where('score_sheets.status', '=', 'submitted')
          .execute()
  return { assignments, itemsByApplication: groupBy(items, (i) => i.application_id) }
}

/** The mean total of the cycle's submitted sheets (hundredths), or null when none is submitted. */
export async function cycleMeanSheetTotal(db: Executor, cycleId: number): Promise<number | null> {
  const row = await db
    .selectFrom('score_sheets')
    .innerJoin('assignments', 'assignments.id', 'score_sheets.assignment_id')
    .select((eb) => eb.fn.avg<number>('score_sheets.total').as('mean'))
    .where('assignments.cycle_id', '=', cycleId)
    .where('score_sheets.status', '=', 'submitted')
    .executeTakeFirst()
  return row?.mean === null || row?.mean === undefined ? null : Number(row.mean)
}

/**
 * Experts' ratings in their last rated cycle (each expert's latest, with that cycle's year): of the given experts, and
 * of cycles before the given year (the draw's threshold reads those: the cycle being drawn has no ratings yet).
 */
export async function lastRatings(
  db: Executor,
  filter: { expertUserIds?: readonly number[]; beforeYear?: number },
): Promise<Map<number, { rating: number; year: number }>> {
  if (filter.expertUserIds?.length === 0) return new Map()
  let query = db
    .selectFrom('expert_ratings')
    .innerJoin('cycles', 'cycles.id', 'expert_ratings.cycle_id')
    .select(['expert_ratings.expert_user_id', 'expert_ratings.rating', 'cycles.year'])
  if (filter.expertUserIds) query = query.where('expert_ratings.expert_user_id', 'in', filter.expertUserIds)
  if (filter.beforeYear !== undefined) query = query.where('cycles.year', '<', filter.beforeYear)
  // Ascending by year: a later cycle's rating replaces an earlier one's.
  const rows = await query.orderBy('cycles.year', 'asc').execute()
  return new Map(rows.map((row) => [row.expert_user_id, { rating: row.rating, year: row.year }]))
}

export function getExpertRating(db: Executor, cycleId: number, expertUserId: number) {
  return db
    .selectFrom('expert_ratings')
    .select(['rating', 'note', 'rated_at'])
    .where('cycle_id', '=', cycleId)
    .where('expert_user_id', '=', expertUserId)
    .executeTakeFirst()
}

/** One rating per expert and cycle: a new one replaces the last (the history keeps each). */
export async function putExpertRating(
  db: Executor,
  row: { cycleId: number; expertUserId: number; rating: number; note: string; ratedBy: number; at: string },
): Promise<void> {
  await db
    .insertInto('expert_ratings')
    .values({
      cycle_id: row.cycleId,
      expert_user_id: row.expertUserId,
      rating: row.rating,
      note: row.note,
      rated_by: row.ratedBy,
      rated_at: row.at,
    })
    .onConflict((oc) =>
      oc.columns(['cycle_id', 'expert_user_id']).doUpdateSet({
        rating: row.rating,
        note: row.note,
        rated_by: row.ratedBy,
        rated_at: row.at,
      }),
    )
    .execute()
}
