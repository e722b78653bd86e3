/**
 * Issue 23: an expert's review record for the cycle, computed from the sheets: on the expert's page for the
 * secretariat, and on the expert's own page for the expert (theirs only).
 */
import { describe, expect, it } from 'vitest'
import * as expertPage from '~/routes/admin.experts.$id'
import * as ownRecord from '~/routes/review.record'
import { inDocumentReview, submitSheet, world } from '../integration/helpers'
import { args, get, post, respond } from './http'

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
      rating: null,
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
        performance: { record: Record<string, unknown>; rating: unknown }
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

  it('lets the secretariat rate the expert with a note the expert reads, once per cycle, on the history', async () => {
    const w = await world()
    const expert = w.reviewers[0]!
    const expertId = (
      await w.db.selectFrom('experts').select('id').where('user_id', '=', expert.userId).executeTakeFirstOrThrow()
    ).id
    const rate = (fields: Record<string, string>, userId = w.admin.userId) =>
      respond(async () =>
        expertPage.action(
          args(await post(`/admin/experts/${expertId}`, { intent: 'rate', ...fields }, { userId }), {
            id: String(expertId),
          }),
        ),
      )
    const noNote = await rate({ rating: '4', note: ' ' })
    expect(noNote.status).toBe(400)
    expect(await noNote.json()).toMatchObject({ fieldErrors: { note: 'errors.required' } })
    expect((await rate({ rating: '9', note: '认真负责' })).status).toBe(400)
    expect((await rate({ rating: '4', note: '认真负责，按期提交。' }, expert.userId)).status).toBe(403)
    expect((await rate({ rating: '3', note: '初评。' })).status).toBe(302)
    expect((await rate({ rating: '4', note: '认真负责，按期提交。' })).status).toBe(302)
    const own = (await (
      await respond(async () => ownRecord.loader(args(await get('/review/record', expert.userId))))
    ).json()) as { performance: { rating: { rating: number; note: string } } }
    expect(own.performance.rating).toMatchObject({ rating: 4, note: '认真负责，按期提交。' })
    const history = await w.db
      .selectFrom('audit_log')
      .select(['event', 'reason'])
      .where('entity', '=', 'expert')
      .where('entity_id', '=', expertId)
      .where('event', '=', 'RATE_EXPERT')
      .execute()
    expect(history.map((h) => h.reason)).toEqual(['3/5 初评。', '4/5 认真负责，按期提交。'])
  })
})
