import { describe, expect, it } from 'vitest'
import * as page from '~/routes/admin.applications.$id'
import { inDocumentReview, submitSheet, world } from '../integration/helpers'
import { args, get, respond } from './http'

describe('the secretariat\u2019s application page', () => {
  it('offers experts to add by hand only while the application is in document review', async () => {
    const w = await world()
    const app = await inDocumentReview(w, w.applicant, w.reviewers.slice(0, 2))
    const open = async () =>
      (await (
        await respond(async () =>
          page.loader(args(await get(`/admin/applications/${app.id}`, w.admin.userId), { id: String(app.id) })),
        )
      ).json()) as { reviewers: Array<{ id: number }> }
    // In document review: the experts not on it yet.
    expect((await open()).reviewers.map((r) => r.id)).toEqual(
      expect.arrayContaining(w.reviewers.slice(2).map((r) => r.userId)),
    )
    for (const reviewer of w.reviewers.slice(0, 2)) await submitSheet(w, app.id, reviewer, 70)
    await w.db.updateTable('applications').set({ status: 'scored' }).where('id', '=', app.id).execute()
    expect((await open()).reviewers).toEqual([])
  })
})
