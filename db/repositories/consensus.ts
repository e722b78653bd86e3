import type { Executor } from './types'

export function getConsensusRound(db: Executor, applicationId: number) {
  return db
    .selectFrom('consensus_rounds')
    .leftJoin('users', 'users.id', 'consensus_rounds.recorded_by')
    .selectAll('consensus_rounds')
    .select('users.display_name as recorder_name')
    .where('consensus_rounds.application_id', '=', applicationId)
    .executeTakeFirst()
}

/** The reviewers who agreed to an application's consensus, by name. */
export function listConsensusAgreement(db: Executor, applicationId: number) {
  return db
    .selectFrom('consensus_agreements')
    .innerJoin('users', 'users.id', 'consensus_agreements.reviewer_id')
    .select(['users.id', 'users.display_name'])
    .where('consensus_agreements.application_id', '=', applicationId)
    .orderBy('users.id')
    .execute()
}

/** Which applications of a cycle have a consensus round recorded outside the threshold (flagged in the ranking). */
export async function listConsensusFlags(
  db: Executor,
  cycleId: number,
): Promise<Map<number, { outsideThreshold: boolean }>> {
  const rows = await db
    .selectFrom('consensus_rounds')
    .innerJoin('applications', 'applications.id', 'consensus_rounds.application_id')
    .select(['consensus_rounds.application_id', 'consensus_rounds.outside_threshold_reason'])
    .where('applications.cycle_id', '=', cycleId)
    .execute()
  return new Map(rows.map((row) => [row.application_id, { outsideThreshold: row.outside_threshold_reason !== null }]))
}

/** Records (or re-records) the consensus sheet of an application; the independent sheets are not touched. */
export async function replaceConsensus(
  db: Executor,
  round: {
    applicationId: number
    recordedBy: number
    recordedAt: string
    note: string
    outsideThresholdReason: string | null
    agreedBy: readonly number[]
    /** The agreed sheet's points in hundredths. */
    points: { total: number; results: number; leadership: number }
  },
  scores: ReadonlyArray<{ itemId: number; percentage: number }>,
): Promise<void> {
  await db.deleteFrom('consensus_scores').where('application_id', '=', round.applicationId).execute()
  await db.deleteFrom('consensus_agreements').where('application_id', '=', round.applicationId).execute()
  await db.deleteFrom('consensus_rounds').where('application_id', '=', round.applicationId).execute()
  await db
    .insertInto('consensus_rounds')
    .values({
      application_id: round.applicationId,
      recorded_by: round.recordedBy,
      recorded_at: round.recordedAt,
      note: round.note,
      outside_threshold_reason: round.outsideThresholdReason,
      total: round.points.total,
      results: round.points.results,
      leadership: round.points.leadership,
    })
    .execute()
  await db
    .insertInto('consensus_agreements')
    .values(round.agreedBy.map((reviewerId) => ({ application_id: round.applicationId, reviewer_id: reviewerId })))
    .execute()
  await db
    .insertInto('consensus_scores')
    .values(scores.map((s) => ({ application_id: round.applicationId, item_id: s.itemId, percentage: s.percentage })))
    .execute()
}

/** The stored points of the consensus sheets of a cycle (or one application). */
export function listConsensusTotals(db: Executor, scope: { cycleId: number } | { applicationId: number }) {
  let query = db
    .selectFrom('consensus_rounds')
    .select([
      'consensus_rounds.application_id',
      'consensus_rounds.total',
      'consensus_rounds.results',
      'consensus_rounds.leadership',
    ])
  query =
    'cycleId' in scope
      ? query
          .innerJoin('applications', 'applications.id', 'consensus_rounds.application_id')
          .where('applications.cycle_id', '=', scope.cycleId)
      : query.where('consensus_rounds.application_id', '=', scope.applicationId)
  return query.execute()
}

/** Consensus item scores of a cycle (or one application), with what the scoring module needs. */
export function listConsensusScores(db: Executor, scope: { cycleId: number } | { applicationId: number }) {
  let query = db
    .selectFrom('consensus_scores')
    .innerJoin('applications', 'applications.id', 'consensus_scores.application_id')
    .innerJoin('criteria_items', 'criteria_items.id', 'consensus_scores.item_id')
    .innerJoin('criteria_categories', 'criteria_categories.id', 'criteria_items.category_id')
    .select([
      'consensus_scores.application_id',
      'consensus_scores.item_id',
      'consensus_scores.percentage',
      'criteria_items.points as max_points',
      'criteria_categories.code as category_code',
    ])
  query =
    'cycleId' in scope
      ? query.where('applications.cycle_id', '=', scope.cycleId)
      : query.where('applications.id', '=', scope.applicationId)
  return query.execute()
}
