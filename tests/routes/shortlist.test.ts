import { describe, expect, it } from 'vitest'
import { getCycle } from '../../db/repositories/cycles'
import { isoToBeijingLocal } from '~/forms/cycle'
import * as cycleRoute from '~/routes/admin.cycle'
import * as ranking from '~/routes/admin.ranking'
import { inDocumentReview, submitSheet, world } from '../integration/helpers'
import { args, post, respond } from './http'

describe('the shortlist on the ranking page and in the settings', () => {
  it('sets the places per category in the settings, then settles a category\\u2019s shortlist with the reason beside its field', async () => {
    const w = await world()
    const fields = {
      deadline: isoToBeijingLocal(w.cycle.submission_deadline),
      minReviewers: '3',
      aggregation: 'mean',
      noticeDays: '5',
      consensusThreshold: '150',
    }
    const saved = await respond(async () =>
      cycleRoute.action(
        args(await post('/admin/cycle', { ...fields, version: '1', shortlistSize: '1' }, { userId: w.admin.userId })),
      ),
    )
    expect(saved.status).toBe(302)
    expect((await getCycle(w.db, w.cycle.id))?.shortlist_size).toBe(1)

    const higher = await inDocumentReview(w, w.applicant)
    const lower = await inDocumentReview(w, w.otherApplicant)
    for (const reviewer of w.reviewers.slice(0, 3)) {
      await submitSheet(w, higher.id, reviewer, 80)
      await submitSheet(w, lower.id, reviewer, 40)
    }
    const send = async (shortlisted: number[], reason: string) => {
      const body = new URLSearchParams({
        intent: 'shortlist',
        cycleId: String(w.cycle.id),
        categoryCode: 'economy',
        reason,
      })
      for (const id of shortlisted) body.append('shortlisted', String(id))
      return respond(async () => ranking.action(args(await post('/admin/ranking', body, { userId: w.admin.userId }))))
    }
    const departs = await send([lower.id], '')
    expect(await departs.json()).toMatchObject({
      panel: 'shortlist-economy',
      fieldErrors: { reason: 'errors.shortlistNeedsReason' },
    })
    const settled = await send([higher.id], '')
    expect(settled.status).toBe(302)
    expect(settled.headers.get('location')).toBe('/admin/ranking?category=economy#category-economy')
    // Once a shortlist is settled, the number of places is fixed.
    const changed = await respond(async () =>
      cycleRoute.action(
        args(await post('/admin/cycle', { ...fields, version: '2', shortlistSize: '2' }, { userId: w.admin.userId })),
      ),
    )
    expect(await changed.json()).toMatchObject({ fieldErrors: { shortlistSize: 'errors.shortlistSettled' } })
  })
})
