/**
 * Issue 23: an expert's review record for the cycle, computed from the sheets: on the expert's page for the
 * secretariat, and on the expert's own page for the expert (theirs only).
 */
import { describe, expect, it } from 'vitest'
import * as expertPage from '~/routes/admin.experts.$id'
import * as ownRecord from '~/routes/review.record'
import { inDocumentReview, submitSheet, world } from '../integration/helpers'
import { args, get, respond } from './http'

describe("an expert's review record", () => {
  it('shows the secretariat and the expert the same figures, and the expert only their own', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    // Three sheets: 80 %, 70 % and 60 % on every item; the cycle's mean is the middle one.
    for (const [i, percentage] of [80, 70, 60].entries()) await submitSheet(w, app.id, w.reviewers[i]!, percentage)
    const lenient = w.reviewers[0]!
    const expertId = (
      await w.db.selectFrom('experts').select('id').where('user_id', '=', lenient.userId).executeTakeFirstOrThrow()
    ).id
    const seenBySecretariat = (await (
      await respond(async () =>
        expertPage.loader(args(await get(`/admin/experts/${expertId}`, w.admin.userId), { id: String(expertId) })),
      )
    ).json()) as { performance: { year: number; record: Record<string, unknown> } }
    const total = w.tree.categories.reduce((sum, c) => sum + c.points, 0)
    expect(seenBySecretariat.performance).toEqual({
      year: w.cycle.year,
      record: {
        reviews: 1,
        submitted: 1,
        onTime: 1,
        late: 0,
        open: 0,
        declined: 0,
        recused: 0,
        // 80 % of the total against the cycle's mean of 70 %: 10 % of the points higher.
        leniency: `+${((total * 10) / 100).toFixed(2)}`,
        // Every item 10 percentage points above the application's median (70 %).
        deviation: 10,
      },
    })
    const ownPage = async (userId: number) =>
      (await (await respond(async () => ownRecord.loader(args(await get('/review/record', userId))))).json()) as {
        performance: { record: Record<string, unknown> }
      }
    expect((await ownPage(lenient.userId)).performance).toEqual(seenBySecretariat.performance)
    // The middle expert's record is their own: as lenient as the year, as far from the median as nobody.
    expect((await ownPage(w.reviewers[1]!.userId)).performance.record).toMatchObject({
      leniency: '+0.00',
      deviation: 0,
    })
    // The secretariat's page is not an expert's.
    const refused = await respond(async () =>
      expertPage.loader(args(await get(`/admin/experts/${expertId}`, lenient.userId), { id: String(expertId) })),
    )
    expect(refused.status).toBe(403)
  })
})
