import { describe, expect, it } from 'vitest'
import { createCompleteDraft, createStaffAccount } from '../../db/factories'
import { insertObjection } from '../../db/repositories/objections'
import * as experts from '~/routes/admin.experts._index'
import * as objections from '~/routes/admin.objections'
import * as results from '~/routes/results'
import { inDocumentReview, world } from '../integration/helpers'
import { args, get, respond } from './http'

interface Paged<R> {
  page: { total: number; from: number; to: number; previous: number | null; next: number | null }
  rows: R[]
}

describe('the expert pool, paged', () => {
  it('shows 50 experts a page by number with the range, pages both ways, and searches name, e-mail and employer', async () => {
    const w = await world()
    const tag = `p${w.cycle.year}`
    for (let i = 0; i < 60; i++) {
      await createStaffAccount(w.db, {
        role: 'reviewer',
        name: `${tag}专家${String(i).padStart(2, '0')}`,
        email: `${tag}-e${i}@t.example`,
        password: 'password-123',
        employer: i === 7 ? '深圳大学质量研究院' : '',
      })
    }
    const open = async (query: string) => {
      const data = (await (
        await respond(async () => experts.loader(args(await get(`/admin/experts${query}`, w.admin.userId))))
      ).json()) as { experts: Array<{ id: number; display_name: string }>; page: Paged<unknown>['page'] }
      return { page: data.page, names: data.experts.map((e) => e.display_name) }
    }
    const mine = await open(`?q=${tag}`)
    expect(mine.page).toMatchObject({ total: 60, from: 1, to: 50 })
    expect(mine.names).toEqual(Array.from({ length: 50 }, (_, i) => `${tag}专家${String(i).padStart(2, '0')}`))
    const next = await open(`?q=${tag}&after=${mine.page.next}`)
    expect(next.page).toMatchObject({ from: 51, to: 60, next: null })
    expect(next.names.at(-1)).toBe(`${tag}专家59`)
    const back = await open(`?q=${tag}&before=${next.page.previous}`)
    expect(back.names).toEqual(mine.names)
    // By e-mail and by employer; a % is a percent sign, not a wildcard.
    expect((await open(`?q=${tag}-e42@`)).names).toEqual([`${tag}专家42`])
    expect((await open(`?q=${encodeURIComponent('质量研究院')}`)).names).toEqual([`${tag}专家07`])
    expect((await open('?q=%25')).page.total).toBe(0)
    // The whole pool, unfiltered, is paged too.
    expect((await open('')).names).toHaveLength(50)
  })
})

describe('the objections of a cycle', () => {
  it('lists open ones by default, oldest first, each status a tab, for the secretariat only', async () => {
    const w = await world()
    const a = await inDocumentReview(w, w.applicant)
    const file = async (content: string, filedAt: string) =>
      insertObjection(w.db, {
        applicationId: a.id,
        name: '王某',
        organisation: null,
        phone: '13800000000',
        email: 'w@t.example',
        content,
        evidence: '',
        filedAt,
      })
    const first = await file('一', '2030-01-08T02:00:00.000Z')
    const second = await file('二', '2030-01-09T02:00:00.000Z')
    await w.db
      .updateTable('objections')
      .set({
        status: 'dismissed',
        resolution: '不成立',
        resolved_by: w.admin.userId,
        resolved_at: '2030-01-10T02:00:00.000Z',
      })
      .where('id', '=', second)
      .execute()
    const third = await file('三', '2030-01-10T02:00:00.000Z')
    const open = async (query: string, userId = w.admin.userId) =>
      respond(async () => objections.loader(args(await get(`/admin/objections${query}`, userId))))
    const data = async (query: string) =>
      (await (await open(query)).json()) as {
        status: string
        counts: Record<string, number>
        objections: Array<{ id: number; organisation_name: string; reference: string }>
      }
    const byDefault = await data('')
    expect(byDefault.status).toBe('open')
    // Listed under the reference its objector was given, as everywhere else.
    expect(byDefault.objections[0]!.reference).toBe(`GS${w.cycle.year}-${String(first).padStart(5, '0')}`)
    expect(byDefault.objections.map((o) => o.id)).toEqual([first, third])
    expect(byDefault.objections[0]!.organisation_name).toBe('甲公司')
    expect(byDefault.counts).toEqual({ open: 2, dismissed: 1 })
    expect((await data('?status=dismissed')).objections.map((o) => o.id)).toEqual([second])
    expect((await data('?status=all')).objections.map((o) => o.id)).toEqual([first, second, third])
    expect((await data('?status=nonsense')).status).toBe('open')
    expect((await open('', w.reviewers[0]!.userId)).status).toBe(403)
  })
})

describe('the public results', () => {
  it('shows the newest published year unless another is asked for, and never an unpublished one', async () => {
    const w = await world()
    const publish = async (year: number, organisation: 'applicant' | 'otherApplicant') => {
      const cycle = await w.db
        .insertInto('cycles')
        .values({
          ...(await w.db.selectFrom('cycles').selectAll().where('id', '=', w.cycle.id).executeTakeFirstOrThrow()),
          id: undefined as never,
          year,
          name_zh: `${year}年度`,
          name_en: `${year}`,
          // Published once its application is in (a published cycle's intake is over).
          results_published_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await w.db
        .insertInto('cycle_categories')
        .columns(['cycle_id', 'code', 'name_zh', 'name_en', 'position'])
        .expression((eb) =>
          eb
            .selectFrom('cycle_categories')
            .select([eb.val(cycle.id).as('cycle_id'), 'code', 'name_zh', 'name_en', 'position'])
            .where('cycle_id', '=', w.cycle.id),
        )
        .execute()
      const level = await w.db
        .insertInto('award_levels')
        .values({
          ...(await w.db
            .selectFrom('award_levels')
            .selectAll()
            .where('cycle_id', '=', w.cycle.id)
            .where('category_code', '=', 'economy')
            .where('code', '=', 'gold')
            .executeTakeFirstOrThrow()),
          id: undefined as never,
          cycle_id: cycle.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const draft = await createCompleteDraft(w.db, w[organisation], cycle.id, { evidence: false })
      await w.db
        .updateTable('applications')
        .set({ status: 'published', decision_level_id: level.id })
        .where('id', '=', draft.id)
        .execute()
      await w.db
        .updateTable('cycles')
        .set({ results_published_at: `${year}-12-01T02:00:00.000Z` })
        .where('id', '=', cycle.id)
        .execute()
    }
    const base = w.cycle.year + 5000
    await publish(base, 'applicant')
    await publish(base + 1, 'otherApplicant')
    const open = async (query: string) =>
      (await (await respond(async () => results.loader(args(await get(`/results${query}`))))).json()) as {
        years: number[]
        year: { year: number; rows: Array<{ organisation_name: string }> } | null
      }
    const newest = await open('')
    expect(newest.years.slice(0, 2)).toEqual([base + 1, base])
    expect(newest.year).toMatchObject({ year: base + 1, rows: [{ organisation_name: '乙公司' }] })
    expect((await open(`?year=${base}`)).year).toMatchObject({ year: base, rows: [{ organisation_name: '甲公司' }] })
    expect((await open('?year=1999')).year!.year).toBe(base + 1)
    // The world's own cycle is not published: its year is not offered.
    expect(newest.years).not.toContain(w.cycle.year)
  })
})
