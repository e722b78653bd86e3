import { describe, expect, it } from 'vitest'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { getCycle } from '../../db/repositories/cycles'
import { startPublicNotice } from '../../workflows/cycle/cycle.server'
import * as ranking from '~/routes/admin.ranking'
import * as applicantView from '~/routes/applicant.applications.$id._index'
import { decideLevel, inDocumentReview, submitSheet, world } from '../integration/helpers'
import { args, get, post, respond } from './http'

describe("the city's approval on the ranking page", () => {
  it("records the approval beside its fields, keeps the applicant's file as on notice, and only then publishes", async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 85)
    await decideLevel(w, app.id, 'gold', '')
    await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: '2020-01-06T02:00:00.000Z' })
    const send = async (fields: Record<string, string>) =>
      respond(async () =>
        ranking.action(
          args(await post('/admin/ranking', { cycleId: String(w.cycle.id), ...fields }, { userId: w.admin.userId })),
        ),
      )

    const publishFirst = await send({ intent: 'publish', version: '1' })
    expect(await publishFirst.json()).toMatchObject({ messageKey: 'errors.notApproved' })
    const empty = await send({ intent: 'approve', version: '1', documentNumber: ' ', approvedOn: '2020-01-20' })
    expect(await empty.json()).toMatchObject({
      panel: 'approval-form',
      fieldErrors: { documentNumber: 'errors.required' },
    })
    const future = await send({
      intent: 'approve',
      version: '1',
      documentNumber: '深府函〔2020〕9号',
      approvedOn: '2999-01-01',
    })
    expect(await future.json()).toMatchObject({ fieldErrors: { approvedOn: 'errors.dateNotPast' } })
    expect(
      (await send({ intent: 'approve', version: '1', documentNumber: '深府函〔2020〕9号', approvedOn: '2020-01-20' }))
        .status,
    ).toBe(302)
    expect(await getCycle(w.db, w.cycle.id)).toMatchObject({
      approval_document: '深府函〔2020〕9号',
      approved_on: '2020-01-20',
      version: 2,
    })

    // Approved but not published: the applicant still reads "on public notice", and no result.
    const view = await respond(async () =>
      applicantView.loader(
        args(await get(`/applicant/applications/${app.id}`, w.applicant.userId), { id: String(app.id) }),
      ),
    )
    const body = (await view.json()) as { application: { status: string } }
    expect(body.application.status).toBe('publicNotice')
    expect(JSON.stringify(body)).not.toContain('金奖')

    expect((await send({ intent: 'publish', version: '2' })).status).toBe(302)
    expect((await loadApplicationForUpdate(w.db, app.id))?.status).toBe('published')
  })
})
