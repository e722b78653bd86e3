import { describe, expect, it } from 'vitest'
import { createApplicantAccount, createCompleteDraft } from '../../db/factories'
import * as desk from '~/routes/admin._index'
import { storeStandings } from '../../db/repositories/standings'
import { world } from '../integration/helpers'
import { args, get, post, respond } from './http'

interface DeskData {
  applications: Array<{ id: number; organisation_name: string; category_code: string | null; status: string }>
  page: {
    total: number
    from: number
    to: number
    hasNext: boolean
    hasPrevious: boolean
    size: number
    next: string | null
    previous: string | null
  }
}

/** 120 drafts in the newest cycle: two categories alternating, names numbered. */
async function manyDrafts() {
  const w = await world()
  const ids: number[] = []
  for (let i = 0; i < 120; i++) {
    const actor = await createApplicantAccount(w.db, {
      n: w.cycle.year * 1000 + i,
      name: `翻页测试${String(i).padStart(3, '0')}公司`,
      email: `p${i}-${w.cycle.year}@t.example`,
      password: 'password-123',
    })
    ids.push(
      (
        await createCompleteDraft(w.db, actor, w.cycle.id, {
          categoryCode: i % 2 === 0 ? 'economy' : 'culture',
          evidence: false,
        })
      ).id,
    )
  }
  const open = async (query: string) =>
    (await (
      await respond(async () => desk.loader(args(await get(`/admin${query}`, w.admin.userId))))
    ).json()) as DeskData
  return { w, ids, open }
}

describe('the desk, paged', () => {
  it('shows 50 rows a page in id order with the range and total, and pages forward and back by id, the filters kept', async () => {
    const { w, ids, open } = await manyDrafts()
    const first = await open('')
    expect(first.applications.map((a) => a.id)).toEqual(ids.slice(0, 50))
    expect(first.page).toMatchObject({ total: 120, from: 1, to: 50, hasNext: true, hasPrevious: false, size: 50 })
    const second = await open(`?after=${ids[49]}`)
    expect(second.applications.map((a) => a.id)).toEqual(ids.slice(50, 100))
    expect(second.page).toMatchObject({ from: 51, to: 100, hasNext: true, hasPrevious: true })
    const last = await open(`?after=${ids[99]}`)
    expect(last.applications.map((a) => a.id)).toEqual(ids.slice(100))
    expect(last.page).toMatchObject({ from: 101, to: 120, hasNext: false, hasPrevious: true })
    const back = await open(`?before=${ids[100]}`)
    expect(back.applications.map((a) => a.id)).toEqual(ids.slice(50, 100))
    expect(back.page).toMatchObject({ from: 51, to: 100, hasNext: true, hasPrevious: true })

    // A category and a search narrow the count and the pages; a nonsense cursor or category is ignored.
    const culture = await open(`?category=culture&after=${ids[1]}`)
    expect(culture.page).toMatchObject({ total: 60, from: 2, to: 51, hasNext: true })
    expect(culture.applications.every((a) => a.category_code === 'culture')).toBe(true)
    const found = await open(`?q=${encodeURIComponent('翻页测试07')}`)
    expect(found.applications.map((a) => a.organisation_name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `翻页测试07${i}公司`),
    )
    expect(found.page).toMatchObject({ total: 10, hasNext: false, hasPrevious: false })
    // An application's number finds it, however it is typed; a number of another cycle finds nothing here.
    const number = `SZ${w.cycle.year}-${String(ids[7]).padStart(4, '0')}`
    for (const typed of [number, number.toLowerCase(), ` ${number.replace('SZ', 'ＳＺ')} `]) {
      const byNumber = await open(`?q=${encodeURIComponent(typed)}`)
      expect(byNumber.applications.map((a) => a.id)).toEqual([ids[7]])
    }
    expect((await open(`?q=SZ${w.cycle.year + 5}-999999`)).applications).toEqual([])
    expect((await open('?after=abc&category=nowhere')).page).toMatchObject({ total: 120, from: 1 })
    expect((await open('?status=documentReview')).page).toMatchObject({ total: 0 })
  })
})

describe('the desk, sorted', () => {
  it('orders by stored score (best first, unscored last) or by sheets in (fewest first), ties by number, and pages both ways in that order', async () => {
    const { w, ids, open } = await manyDrafts()
    // Scores with ties for the first 100 (0 to 600 points), none for the last 20; sheets 0 to 3.
    await storeStandings(
      w.db,
      w.cycle.id,
      ids.slice(0, 100).map((id, i) => ({
        applicationId: id,
        score: (i % 7) * 10_000,
        results: null,
        leadership: null,
        sheets: i % 4,
        consensus: null,
      })),
    )
    const scoreOf = (id: number) => {
      const i = ids.indexOf(id)
      return i < 100 ? (i % 7) * 10_000 : -1
    }
    const byScore = [...ids].sort((a, b) => scoreOf(b) - scoreOf(a) || a - b)
    const sheetsOf = (id: number) => {
      const i = ids.indexOf(id)
      return i < 100 ? i % 4 : 0
    }
    const byProgress = [...ids].sort((a, b) => sheetsOf(a) - sheetsOf(b) || a - b)

    for (const [sort, expected] of [
      ['score', byScore],
      ['progress', byProgress],
    ] as const) {
      const pages: DeskData[] = [await open(`?sort=${sort}`)]
      while (pages.at(-1)!.page.next)
        pages.push(await open(`?sort=${sort}&after=${encodeURIComponent(pages.at(-1)!.page.next!)}`))
      expect(
        pages.flatMap((p) => p.applications.map((a) => a.id)),
        sort,
      ).toEqual(expected)
      expect(pages.map((p) => [p.page.from, p.page.to])).toEqual([
        [1, 50],
        [51, 100],
        [101, 120],
      ])
      // Back from the last page: the middle one again, with its range.
      const back = await open(`?sort=${sort}&before=${encodeURIComponent(pages[2]!.page.previous!)}`)
      expect(back.applications.map((a) => a.id)).toEqual(expected.slice(50, 100))
      expect(back.page).toMatchObject({ from: 51, to: 100, hasNext: true, hasPrevious: true })
    }
    // The score is shown in points; an unscored row shows none.
    const first = (await open('?sort=score')).applications[0] as unknown as { score: string | null }
    expect(first.score).toBe('600.00')
    // A filter keeps the order; a malformed cursor or an unknown order falls back to the first page by number.
    const culture = await open('?sort=score&category=culture')
    expect(culture.applications.map((a) => a.id)).toEqual(
      byScore.filter((id) => ids.indexOf(id) % 2 === 1).slice(0, 50),
    )
    expect((await open('?sort=score&after=1e3:x')).page).toMatchObject({ from: 1 })
    expect((await open('?sort=loudest')).applications.map((a) => a.id)).toEqual(ids.slice(0, 50))
  })

  it('says what to do next when nothing matches, and when the cycle has no applications', async () => {
    const w = await world()
    const open = async (query: string) =>
      (await (await respond(async () => desk.loader(args(await get(`/admin${query}`, w.admin.userId))))).json()) as {
        cycleEmpty: boolean
        page: { total: number }
      }
    expect(await open('')).toMatchObject({ cycleEmpty: true, page: { total: 0 } })
    await createCompleteDraft(w.db, w.applicant, w.cycle.id, { evidence: false })
    expect(await open('?status=scored')).toMatchObject({ cycleEmpty: false, page: { total: 0 } })
  })
})

describe('the desk\u2019s bulk action', () => {
  it('starts eligibility review for the submitted applications ticked, all or none, and says why when one has moved on', async () => {
    const { submitApplication } = await import('../../workflows/application/application.server')
    const w = await world()
    const ids: number[] = []
    for (const actor of [w.applicant, w.otherApplicant]) {
      const draft = await createCompleteDraft(w.db, actor, w.cycle.id)
      await submitApplication(w.db, { applicationId: draft.id, actor, expectedVersion: draft.version })
      ids.push(draft.id)
    }
    const send = async (chosen: number[]) => {
      const body = new URLSearchParams({ intent: 'startReviews' })
      for (const id of chosen) body.append('applicationIds', String(id))
      return respond(async () => desk.action(args(await post('/admin', body, { userId: w.admin.userId }))))
    }
    expect(await (await send([])).json()).toMatchObject({
      panel: 'bulk',
      fieldErrors: { applicationIds: 'errors.chooseApplications' },
    })
    const statuses = async () =>
      (await w.db.selectFrom('applications').select('status').where('id', 'in', ids).orderBy('id').execute()).map(
        (r) => r.status,
      )
    // One of them is not submitted any more (a draft of another applicant is not either): nothing moves.
    const stray = (
      await createCompleteDraft(
        w.db,
        await createApplicantAccount(w.db, {
          n: w.cycle.year * 1000 + 999,
          name: '草稿公司',
          email: `dr-${w.cycle.year}@t.example`,
          password: 'password-123',
        }),
        w.cycle.id,
      )
    ).id
    expect(await (await send([...ids, stray])).json()).toMatchObject({
      panel: 'bulk',
      messageKey: 'errors.notAllSubmitted',
      vars: { count: 1 },
    })
    expect(await statuses()).toEqual(['submitted', 'submitted'])
    const done = await send(ids)
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe('/admin?status=eligibilityReview')
    expect(await statuses()).toEqual(['eligibilityReview', 'eligibilityReview'])
    const audit = await w.db
      .selectFrom('audit_log')
      .select(['entity_id', 'event', 'actor_user_id'])
      .where('event', '=', 'START_ELIGIBILITY_REVIEW')
      .where('entity_id', 'in', ids)
      .execute()
    expect(audit).toHaveLength(2)
    expect(
      (
        await respond(async () =>
          desk.action(
            args(
              await post(
                '/admin',
                { intent: 'startReviews', applicationIds: String(ids[0]) },
                { userId: w.reviewers[0]!.userId },
              ),
            ),
          ),
        )
      ).status,
    ).toBe(403)
  })
})
