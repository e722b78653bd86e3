import { describe, expect, it } from 'vitest'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { decideApplication } from '../../workflows/application/application.server'
import * as applicantView from '~/routes/applicant.applications.$id._index'
import { recordConsensus } from '../../workflows/review/review.server'
import { fullSheet, inDocumentReview, submitSheet, world } from '../integration/helpers'
import { args, get, post, respond } from './http'

describe('what an applicant learns before publication', () => {
  it('learns nothing of a decision from a refused withdrawal or from the version its forms carry', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 70)
    const view = async () => {
      const response = await respond(async () =>
        applicantView.loader(
          args(await get(`/applicant/applications/${app.id}`, w.applicant.userId), { id: String(app.id) }),
        ),
      )
      return (
        (await response.json()) as {
          application: {
            status: string
            version: number
            number: string
            tracker: Array<{ stage: string; state: string }>
          }
        }
      ).application
    }
    const beforeDecision = await view()
    expect(beforeDecision.status).toBe('scored')
    // Its number, and the tracker: document review done, the committee under way (this cycle has no shortlist).
    expect(beforeDecision.number).toBe(`SZ${w.cycle.year}-${String(app.id).padStart(4, '0')}`)
    expect(beforeDecision.tracker.filter((s) => s.state === 'current').map((s) => s.stage)).toEqual(['committee'])

    const row = (await loadApplicationForUpdate(w.db, app.id))!
    await decideApplication(w.db, {
      applicationId: app.id,
      actor: w.admin,
      expectedVersion: row.version,
      levelId: null,
      reason: '',
    })
    expect((await loadApplicationForUpdate(w.db, app.id))!.status).toBe('decided')
    // The page reads the same as before the committee met: same status, same version, same tracker.
    expect(await view()).toEqual(beforeDecision)

    const request = await post(
      `/applicant/applications/${app.id}`,
      { intent: 'withdraw', reason: '撤回', version: String(beforeDecision.version) },
      { userId: w.applicant.userId },
    )
    const refused = await respond(async () => applicantView.action(args(request, { id: String(app.id) })))
    expect(refused.status).toBe(409)
    const text = await refused.text()
    expect(JSON.parse(text)).toEqual({ messageKey: 'errors.notAllowedNow', vars: {} })
    expect(text).not.toMatch(/decided|DECIDE/)
  })

  it('never sees the consensus note, the names of reviewers or staff, or internal moves in its history', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    for (const [i, percentage] of [40, 60, 85].entries()) await submitSheet(w, app.id, w.reviewers[i]!, percentage)
    await recordConsensus(w.db, {
      applicationId: app.id,
      actor: w.admin,
      scores: fullSheet(w, 60).scores,
      note: '内部合议记录：甲专家偏严',
      agreedBy: w.reviewers.slice(0, 3).map((r) => r.userId),
    })
    const response = await respond(async () =>
      applicantView.loader(
        args(await get(`/applicant/applications/${app.id}`, w.applicant.userId), { id: String(app.id) }),
      ),
    )
    const text = await response.text()
    expect(text).not.toContain('内部合议记录')
    expect(text).not.toContain('RECORD_CONSENSUS')
    expect(text).not.toContain('专家0')
    expect(text).not.toContain('秘书处')
  })

  it('still refuses a stale form of the applicant after a change it can see', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    const stale = await post(
      `/applicant/applications/${app.id}`,
      { intent: 'withdraw', reason: '撤回', version: String(app.version - 1) },
      { userId: w.applicant.userId },
    )
    expect((await respond(async () => applicantView.action(args(stale, { id: String(app.id) })))).status).toBe(409)
    const current = await post(
      `/applicant/applications/${app.id}`,
      { intent: 'withdraw', reason: '撤回', version: String(app.version) },
      { userId: w.applicant.userId },
    )
    expect((await respond(async () => applicantView.action(args(current, { id: String(app.id) })))).status).toBe(302)
  })
})
