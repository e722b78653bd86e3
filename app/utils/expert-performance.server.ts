import { getCurrentCycle } from '#db/repositories/cycles'
import { cycleMeanSheetTotal, getExpertRating, reviewsOfExpertInCycle } from '#db/repositories/performance'
import type { Executor } from '#db/repositories/types'
import { groupBy } from '#workflows/group-by'
import { expertPerformance, type ReviewOfExpert } from '#workflows/experts/performance'
import { beijingDate } from '#workflows/time'

/** An expert's record for a cycle, as the secretariat and the expert see it (issue 23). */
export async function performanceOf(
  db: Executor,
  expertUserId: number,
  cycle: { id: number; review_due_date: string | null },
) {
  const [{ assignments, itemsByApplication }, cycleMeanTotal] = await Promise.all([
    reviewsOfExpertInCycle(db, expertUserId, cycle.id),
    cycleMeanSheetTotal(db, cycle.id),
  ])
  const reviews: ReviewOfExpert[] = assignments.map((a) => {
    if (a.sheet_status !== 'submitted' || a.total === null || a.submitted_at === null)
      return { status: a.status, dueDate: a.due_date, sheet: null }
    const items = itemsByApplication.get(a.application_id) ?? []
    const byItem = groupBy(items, (i) => i.item_id)
    return {
      status: a.status,
      dueDate: a.due_date,
      sheet: {
        total: a.total,
        submittedOn: beijingDate(a.submitted_at),
        items: items
          .filter((i) => i.sheet_id === a.sheet_id)
          .map((i) => ({ percentage: i.percentage, all: byItem.get(i.item_id)!.map((x) => x.percentage) })),
      },
    }
  })
  return expertPerformance({ reviews, cycleMeanTotal, dueDate: cycle.review_due_date })
}

/** The current cycle's record and the secretariat's rating of one expert: what their card shows, or null. */
export async function currentPerformance(db: Executor, expertUserId: number) {
  const cycle = await getCurrentCycle(db)
  if (!cycle) return null
  const [record, rating] = await Promise.all([
    performanceOf(db, expertUserId, cycle),
    getExpertRating(db, cycle.id, expertUserId),
  ])
  return { year: cycle.year, record, rating: rating ?? null }
}
