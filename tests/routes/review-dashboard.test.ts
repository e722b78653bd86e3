import { describe, expect, it } from 'vitest'
import { createApplicantAccount, createAwardCycle, createCompleteDraft } from '../../db/factories'
import * as dashboard from '~/routes/review._index'
import { world } from '../integration/helpers'
import { args, get, respond } from './http'

interface DashboardData {
  past: boolean
  rows: Array<{ id: number; year: number; assignment_status: string }>
  more: number | null
  total: number
  invited: number
  otherTotal: number
}

/** An expert invited to 60 applications this year and 3 in an earlier cycle (rows written directly: the list is under test). */
async function busyExpert() {
  const w = await world()
  const expert = w.reviewers[0]!
  const earlier = await createAwardCycle(w.db, w.cycle.year - 500, { deadline: '2999-12-31T00:00:00.000Z' })
  const assign = async (cycleId: number, i: number) => {
    const actor = await createApplicantAccount(w.db, {
      n: w.cycle.year * 1000 + cycleId * 100 + i,
      name: `评审页${cycleId}-${i}`,
      email: `rv${cycleId}-${i}-${w.cycle.year}@t.example`,
      password: 'password-123',
    })
    const draft = await createCompleteDraft(w.db, actor, cycleId, { evidence: false })
    await w.db.updateTable('applications').set({ status: 'documentReview' }).where('id', '=', draft.id).execute()
    const row = await w.db
      .insertInto('assignments')
      .values({
        application_id: draft.id,
        reviewer_id: expert.userId,
        assigned_by: w.admin.userId,
        assigned_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }
  const current: number[] = []
  for (let i = 0; i < 60; i++) current.push(await assign(w.cycle.id, i))
  const past: number[] = []
  for (let i = 0; i < 3; i++) past.push(await assign(earlier.id, i))
  const open = async (query = '') =>
    (await (
      await respond(async () => dashboard.loader(args(await get(`/review${query}`, expert.userId))))
    ).json()) as DashboardData
  return { w, current, past, open }
}

describe('the expert\u2019s dashboard, paged', () => {
  it('shows this year\u2019s reviews newest first, 50 a page, with the total and the invitations waiting; past years on their own page', async () => {
    const { current, past, open } = await busyExpert()
    const first = await open()
    expect(first).toMatchObject({ past: false, total: 60, invited: 60, otherTotal: 3 })
    expect(first.rows.map((r) => r.id)).toEqual([...current].reverse().slice(0, 50))
    expect(first.more).toBe(current[10])
    const second = await open(`?before=${first.more}`)
    expect(second.rows.map((r) => r.id)).toEqual([...current].reverse().slice(50))
    expect(second.more).toBeNull()
    expect((await open('?before=nonsense')).rows).toHaveLength(50)
    const earlier = await open('?past=1')
    expect(earlier).toMatchObject({ past: true, total: 3, otherTotal: 60, invited: 60, more: null })
    expect(earlier.rows.map((r) => r.id)).toEqual([...past].reverse())
  })
})
