import { describe, expect, it } from 'vitest'
import { createApplicantAccount, createCompleteDraft } from '../../db/factories'
import { storeStandings } from '../../db/repositories/standings'
import * as ranking from '~/routes/admin.ranking'
import { world } from '../integration/helpers'
import { args, get, respond } from './http'

interface RankingData {
  categories: Array<{
    code: string
    total: number
    from: number
    size: number
    places: number
    ranked: Array<{ rank: number; organisationName: string }>
  }>
}

describe('the ranking page, paged per category', () => {
  it('shows 50 ranks of a category at a time with its places (the quota line), and pages within that category', async () => {
    const w = await world()
    // 60 scored economy entries, their standings stored as the sheets' submissions would have left them.
    const ids: number[] = []
    for (let i = 0; i < 60; i++) {
      const actor = await createApplicantAccount(w.db, {
        n: w.cycle.year * 1000 + 700 + i,
        name: `排名${String(i + 1).padStart(2, '0')}公司`,
        email: `rk${i}-${w.cycle.year}@t.example`,
        password: 'password-123',
      })
      const draft = await createCompleteDraft(w.db, actor, w.cycle.id, { evidence: false })
      await w.db.updateTable('applications').set({ status: 'scored' }).where('id', '=', draft.id).execute()
      ids.push(draft.id)
    }
    await storeStandings(
      w.db,
      w.cycle.id,
      ids.map((id, i) => ({
        applicationId: id,
        score: 90000 - i * 100,
        results: 30000,
        leadership: 9000,
        sheets: 3,
        consensus: null,
      })),
    )
    const open = async (query = '') =>
      (
        (await (
          await respond(async () => ranking.loader(args(await get(`/admin/ranking${query}`, w.admin.userId))))
        ).json()) as RankingData
      ).categories.find((c) => c.code === 'economy')!
    const first = await open()
    // Gold 2 + silver 2 + bronze 6 + nomination 2: twelve places for organisation entries.
    expect(first).toMatchObject({ total: 60, from: 0, size: 50, places: 12 })
    expect(first.ranked.map((r) => r.rank)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
    const second = await open('?category=economy&from=50')
    expect(second.ranked.map((r) => r.organisationName)).toEqual(
      Array.from({ length: 10 }, (_, i) => `排名${51 + i}公司`),
    )
    // Another category's paging leaves this one at its top.
    expect((await open('?category=culture&from=50')).from).toBe(0)
    expect((await open('?category=economy&from=-5')).from).toBe(0)

    // One category is shown at a time; the others carry their counts, a tab away.
    const culture = await createCompleteDraft(w.db, w.otherApplicant, w.cycle.id, {
      categoryCode: 'culture',
      evidence: false,
    })
    await w.db.updateTable('applications').set({ status: 'scored' }).where('id', '=', culture.id).execute()
    await storeStandings(w.db, w.cycle.id, [
      { applicationId: culture.id, score: 70000, results: 20000, leadership: 7000, sheets: 3, consensus: null },
    ])
    const page = async (query: string) =>
      (await (
        await respond(async () => ranking.loader(args(await get(`/admin/ranking${query}`, w.admin.userId))))
      ).json()) as RankingData & { selected: string | null }
    const byDefault = await page('')
    expect(byDefault.selected).toBe('economy')
    expect(byDefault.categories.find((c) => c.code === 'culture')).toMatchObject({ total: 1, ranked: [] })
    const asked = await page('?category=culture')
    expect(asked.selected).toBe('culture')
    expect(asked.categories.find((c) => c.code === 'culture')!.ranked.map((r) => r.organisationName)).toEqual([
      '乙公司',
    ])
    expect(asked.categories.find((c) => c.code === 'economy')).toMatchObject({ total: 60, ranked: [] })
    // A category without entries, or none known, shows the first with entries.
    expect((await page('?category=toString')).selected).toBe('economy')
  })
})
