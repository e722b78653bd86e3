import { describe, expect, it } from 'vitest'
import { createAwardCycle } from '../../db/factories'
import { putExpertRating } from '../../db/repositories/performance'
import * as pool from '~/routes/admin.experts._index'
import { world } from '../integration/helpers'
import { args, get, respond } from './http'

interface PoolData {
  experts: Array<{ user_id: number; lastRating: { rating: number; year: number } | null }>
}

describe('the expert pool by the experts\u2019 last rating (issue 23)', () => {
  it('shows each expert\u2019s last rating and filters the pool by it', async () => {
    const w = await world()
    const earlier = await createAwardCycle(w.db, w.cycle.year - 700)
    const rate = (cycleId: number, userId: number, rating: number) =>
      putExpertRating(w.db, {
        cycleId,
        expertUserId: userId,
        rating,
        note: '',
        ratedBy: w.admin.userId,
        at: '2026-01-01',
      })
    const [a, b] = w.reviewers.map((r) => r.userId) as [number, number]
    await rate(earlier.id, a, 2)
    // The latest rated cycle counts: 2 then 5 is a 5.
    await rate(w.cycle.id, a, 5)
    await rate(earlier.id, b, 2)
    const open = async (query: string) =>
      (await (
        await respond(async () => pool.loader(args(await get(`/admin/experts${query}`, w.admin.userId))))
      ).json()) as PoolData
    const ids = (data: PoolData) => data.experts.map((e) => e.user_id)

    const all = await open('')
    expect(all.experts.find((e) => e.user_id === a)?.lastRating).toEqual({ rating: 5, year: w.cycle.year })
    expect(all.experts.find((e) => e.user_id === b)?.lastRating).toEqual({ rating: 2, year: earlier.year })
    expect(ids(await open('?rating=atLeast4'))).toEqual([a])
    expect(ids(await open('?rating=below3'))).toEqual([b])
    const unrated = ids(await open('?rating=unrated'))
    expect(unrated).toEqual(expect.arrayContaining(w.reviewers.slice(2).map((r) => r.userId)))
    expect(unrated).not.toContain(a)
    expect(unrated).not.toContain(b)
    // An unknown choice is no filter.
    expect(ids(await open('?rating=drop%20table'))).toEqual(ids(all))
  })
})
