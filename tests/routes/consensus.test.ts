import { describe, expect, it } from 'vitest'
import * as adminApplication from '~/routes/admin.applications.$id/route'
import { applicationStandings } from '../../workflows/review/standings.server'
import { inDocumentReview, submitSheet, world } from '../integration/helpers'
import { args, get, post, respond } from './http'

describe('consensus on the secretariat page', () => {
  it('offers the consensus form prefilled with medians when reviewers disagree, and records it', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    for (const [i, percentage] of [40, 55, 80].entries()) await submitSheet(w, app.id, w.reviewers[i]!, percentage)
    const page = await respond(async () =>
      adminApplication.loader(args(await get(`/admin/applications/${app.id}`, w.admin.userId), { id: String(app.id) })),
    )
    const data = (await page.json()) as {
      consensus: { required: boolean; spread: string; suggested: Record<string, number> }
    }
    expect(data.consensus).toMatchObject({ required: true, spread: '400.00' })
    expect(new Set(Object.values(data.consensus.suggested))).toEqual(new Set([55]))

    const fields = Object.fromEntries(
      w.tree.categories.flatMap((c) => c.items).map((item) => [`consensus_${item.id}`, '60']),
    )
    const bad = await respond(async () =>
      adminApplication.action(
        args(
          await post(
            `/admin/applications/${app.id}`,
            {
              ...fields,
              [`consensus_${w.tree.categories[0]!.items[0]!.id}`]: '61',
              intent: 'consensus',
              note: '合议',
              agreedBy: String(w.reviewers[0]!.userId),
            },
            { userId: w.admin.userId },
          ),
          { id: String(app.id) },
        ),
      ),
    )
    expect(bad.status).toBe(400)
    const agreed = new URLSearchParams({ ...fields, intent: 'consensus', note: '合议后一致同意' })
    for (const reviewer of w.reviewers.slice(0, 3)) agreed.append('agreedBy', String(reviewer.userId))
    const saved = await respond(async () =>
      adminApplication.action(
        args(await post(`/admin/applications/${app.id}`, agreed, { userId: w.admin.userId }), { id: String(app.id) }),
      ),
    )
    expect(saved.status).toBe(302)
    expect((await applicationStandings(w.db, app.id)).consensus).toBe(60000)
  })
})
