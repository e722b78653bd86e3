import type { Executor } from './types'

export interface WeeklyFigures {
  submittedThisWeek: number
  awaitingEligibility: number
  inDocumentReview: number
  overdueReviews: number
  overdueExperts: number
  awaitingCommittee: number
  openObjections: number
}

/** What the secretariat's weekly digest reports of a cycle: the week's submissions and what waits on whom. */
export async function weeklyFigures(
  db: Executor,
  cycleId: number,
  input: { since: string; today: string },
): Promise<WeeklyFigures> {
  const [statuses, overdue, objections] = await Promise.all([
    db
      .selectFrom('applications')
      .select((eb) => [
        eb.fn.sum<number>(eb.case().when('submitted_at', '>=', input.since).then(1).else(0).end()).as('submitted'),
        eb.fn
          .sum<number>(eb.case().when('status', 'in', ['submitted', 'eligibilityReview']).then(1).else(0).end())
          .as('eligibility'),
        eb.fn.sum<number>(eb.case().when('status', '=', 'documentReview').then(1).else(0).end()).as('review'),
        eb.fn
          .sum<number>(eb.case().when('status', 'in', ['scored', 'siteVisitScored']).then(1).else(0).end())
          .as('committee'),
      ])
      .where('cycle_id', '=', cycleId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('assignments')
      .innerJoin('applications', 'applications.id', 'assignments.application_id')
      .select((eb) => [
        eb.fn.countAll<number>().as('reviews'),
        eb.fn.count<number>('assignments.reviewer_id').distinct().as('experts'),
      ])
      .where('applications.cycle_id', '=', cycleId)
      .where('assignments.status', 'in', ['invited', 'accepted', 'inProgress'])
      .where('assignments.due_date', '<', input.today)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('objections')
      .innerJoin('applications', 'applications.id', 'objections.application_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('applications.cycle_id', '=', cycleId)
      .where('objections.status', '=', 'open')
      .executeTakeFirstOrThrow(),
  ])
  return {
    submittedThisWeek: Number(statuses.submitted ?? 0),
    awaitingEligibility: Number(statuses.eligibility ?? 0),
    inDocumentReview: Number(statuses.review ?? 0),
    overdueReviews: Number(overdue.reviews),
    overdueExperts: Number(overdue.experts),
    awaitingCommittee: Number(statuses.committee ?? 0),
    openObjections: Number(objections.n),
  }
}

/** Claims the digest of the week starting `weekOf`; false when it was already claimed (by any process). */
export async function claimDigest(db: Executor, weekOf: string, at: string): Promise<boolean> {
  const result = await db
    .insertInto('digests')
    .values({ week_of: weekOf, claimed_at: at })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst()
  return result.numInsertedOrUpdatedRows === 1n
}
