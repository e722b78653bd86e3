import { describe, expect, it } from 'vitest'
import { createAwardCycle, createStaffAccount } from '../../db/factories'
import { putExpertRating } from '../../db/repositories/performance'
import * as pool from '~/routes/admin.experts._index'
import { world } from '../integration/helpers'
import { args, get, respond } from './http'

interface PoolData {
  experts: Array<{ id: number; user_id: number; lastRating: { rating: number; year: number } | null }>
  page: { total: number; from: number; to: number; previous: string | null; next: string | null }
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

describe('the expert pool in order of the experts\u2019 last rating (issue 23)', () => {
  it('pages through the whole pool best first or weakest first, the never rated last, and back again', async () => {
    const w = await world()
    const experts = [...w.reviewers]
    for (let i = 0; i < 56; i++)
      experts.push(
        await createStaffAccount(w.db, {
          role: 'reviewer',
          name: `评级专家${i}`,
          email: `rated${i}-${w.cycle.year}@t.example`,
          password: 'password-123',
        }),
      )
    // Every sixth never rated; the others 1 to 5, so each rating is shared by many (ties go by number).
    for (const [i, expert] of experts.entries())
      if (i % 6 !== 0)
        await putExpertRating(w.db, {
          cycleId: w.cycle.id,
          expertUserId: expert.userId,
          rating: i % 6,
          note: '',
          ratedBy: w.admin.userId,
          at: '2026-01-01',
        })
    const open = async (query: string) =>
      (await (
        await respond(async () => pool.loader(args(await get(`/admin/experts?${query}`, w.admin.userId))))
      ).json()) as PoolData
    const walk = async (sort: string) => {
      const pages: PoolData[] = [await open(`sort=${sort}`)]
      while (pages.at(-1)!.page.next) pages.push(await open(`sort=${sort}&after=${pages.at(-1)!.page.next}`))
      // And back from the last page by `before`: the same pages in reverse.
      const back: PoolData[] = [pages.at(-1)!]
      while (back.at(-1)!.page.previous) back.push(await open(`sort=${sort}&before=${back.at(-1)!.page.previous}`))
      expect(back.map((p) => p.experts.map((e) => e.id)).reverse()).toEqual(
        pages.map((p) => p.experts.map((e) => e.id)),
      )
      return pages
    }
    const all = (await open('')).page.total
    for (const [sort, better] of [
      ['ratingHigh', (a: number, b: number) => b - a],
      ['ratingLow', (a: number, b: number) => a - b],
    ] as const) {
      const pages = await walk(sort)
      expect(pages.length).toBeGreaterThan(1)
      const rows = pages.flatMap((p) => p.experts)
      expect(rows).toHaveLength(all)
      expect(pages.map((p) => [p.page.from, p.page.to])).toEqual(
        pages.map((_, i) => [i * 50 + 1, Math.min(all, (i + 1) * 50)]),
      )
      const expected = [...rows].sort(
        (a, b) =>
          (a.lastRating === null ? 1 : 0) - (b.lastRating === null ? 1 : 0) ||
          better(a.lastRating?.rating ?? 0, b.lastRating?.rating ?? 0) ||
          a.id - b.id,
      )
      expect(rows.map((e) => e.id)).toEqual(expected.map((e) => e.id))
      expect(rows.at(-1)!.lastRating).toBeNull()
      expect(rows[0]!.lastRating?.rating).toBe(sort === 'ratingHigh' ? 5 : 1)
    }
    // With a filter, the order holds within it; an unknown order is the pool's own.
    const good = await open('sort=ratingLow&rating=atLeast4')
    const ratings = good.experts.map((e) => e.lastRating!.rating)
    expect(ratings.length).toBeGreaterThan(0)
    expect(ratings).toEqual([...ratings].sort((a, b) => a - b))
    expect(Math.min(...ratings)).toBe(4)
    expect((await open('sort=nonsense')).experts.map((e) => e.id)).toEqual((await open('')).experts.map((e) => e.id))
  })
})
