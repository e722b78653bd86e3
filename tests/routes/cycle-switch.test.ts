/**
 * Issue 17, finding 4: after next year's cycle opened, an application submitted into last year's cycle was on no
 * page the secretariat could reach. The desk, the ranking (and its exports) and the analytics show the current
 * cycle and switch to any earlier one with ?cycle=<id>; an id that names no cycle is 404.
 */
import { describe, expect, it } from 'vitest'
import { createAwardCycle, createCompleteDraft } from '../../db/factories'
import { submitApplication } from '../../workflows/application/application.server'
import * as desk from '~/routes/admin._index'
import * as ranking from '~/routes/admin.ranking'
import * as analytics from '~/routes/admin.analytics'
import * as rankingCsv from '~/routes/admin.ranking[.]csv'
import { world } from '../integration/helpers'
import { args, get, post, respond } from './http'

interface CycleName {
  id: number
  name_zh: string
}
interface SwitchData {
  cycle: CycleName
  current: CycleName
  cycles: CycleName[]
  cycleQuery: string
}

async function lastYearsSubmission() {
  const w = await world()
  const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
  await submitApplication(w.db, { applicationId: draft.id, actor: w.applicant, expectedVersion: draft.version })
  // Next year's cycle, opened after the submission: it is now the current one.
  const next = await createAwardCycle(w.db, w.cycle.year + 500)
  const open = async <T>(module: { loader: (a: never) => unknown }, path: string) =>
    (await (await respond(async () => module.loader(args(await get(path, w.admin.userId)) as never))).json()) as T
  return { w, id: draft.id, next, open }
}

describe('pages about one cycle switch between cycles', () => {
  it('shows the current cycle on the desk by default, and last year with ?cycle=, where its submission waits', async () => {
    const { w, id, next, open } = await lastYearsSubmission()
    type Desk = SwitchData & { applications: Array<{ id: number; status: string }> }
    const now = await open<Desk>(desk, '/admin')
    expect(now.cycle.id).toBe(next.id)
    expect(now.applications.map((a) => a.id)).not.toContain(id)
    expect(now.cycleQuery).toBe('')
    const earlier = await open<Desk>(desk, `/admin?cycle=${w.cycle.id}`)
    expect(earlier.cycle.id).toBe(w.cycle.id)
    expect(earlier.current.id).toBe(next.id)
    expect(earlier.cycles.map((c) => c.id)).toEqual(expect.arrayContaining([w.cycle.id, next.id]))
    expect(earlier.cycleQuery).toBe(`cycle=${w.cycle.id}`)
    expect(earlier.applications).toContainEqual(expect.objectContaining({ id, status: 'submitted' }))
    // The filters keep the cycle: the submitted tab of last year.
    const submitted = await open<Desk>(desk, `/admin?cycle=${w.cycle.id}&status=submitted`)
    expect(submitted.applications.map((a) => a.id)).toEqual([id])
  })

  it("starts last year's eligibility reviews from last year's desk and comes back to it", async () => {
    const { w, id } = await lastYearsSubmission()
    const response = await respond(async () =>
      desk.action(
        args(
          await post(
            `/admin?cycle=${w.cycle.id}`,
            { intent: 'startReviews', applicationIds: String(id) },
            { userId: w.admin.userId },
          ),
        ),
      ),
    )
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`/admin?status=eligibilityReview&cycle=${w.cycle.id}`)
    const row = await w.db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.status).toBe('eligibilityReview')
  })

  it('shows the ranking, its export and the analytics of the cycle asked for', async () => {
    const { w, next, open } = await lastYearsSubmission()
    const current = await open<SwitchData>(ranking, '/admin/ranking')
    expect(current.cycle.id).toBe(next.id)
    const earlier = await open<SwitchData>(ranking, `/admin/ranking?cycle=${w.cycle.id}`)
    expect(earlier.cycle.id).toBe(w.cycle.id)
    expect(earlier.cycleQuery).toBe(`cycle=${w.cycle.id}`)
    const stats = await open<SwitchData>(analytics, `/admin/analytics?cycle=${w.cycle.id}`)
    expect(stats.cycle.id).toBe(w.cycle.id)
    expect(stats.current.id).toBe(next.id)
    const csv = await respond(async () =>
      rankingCsv.loader(args(await get(`/admin/ranking.csv?cycle=${w.cycle.id}`, w.admin.userId))),
    )
    expect(csv.status).toBe(200)
  })

  it('answers 404 for a cycle that does not exist, never silently the current one', async () => {
    const { w } = await lastYearsSubmission()
    for (const path of ['/admin?cycle=999999', '/admin/ranking?cycle=abc', '/admin/ranking.csv?cycle=-1']) {
      const module = path.startsWith('/admin/ranking.csv')
        ? rankingCsv
        : path.startsWith('/admin/ranking')
          ? ranking
          : desk
      const response = await respond(async () => module.loader(args(await get(path, w.admin.userId))))
      expect(response.status, path).toBe(404)
    }
  })
})
