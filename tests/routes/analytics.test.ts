import { describe, expect, it } from 'vitest'
import * as page from '~/routes/admin.analytics'
import * as distribution from '~/routes/admin.charts.distribution[.]svg'
import * as leniency from '~/routes/admin.charts.leniency[.]svg'
import * as progress from '~/routes/admin.charts.progress[.]svg'
import * as spread from '~/routes/admin.charts.spread[.]svg'
import { inDocumentReview, submitSheet, world } from '../integration/helpers'
import { args, get, respond } from './http'

/** Well-formed, or a browser shows a broken image: every tag is its name and name="value" attributes, nothing else. */
function expectWellFormed(svg: string) {
  expect(svg.startsWith('<svg')).toBe(true)
  expect(svg).not.toContain('<script')
  for (const tag of svg.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').match(/<[^>]+>/g) ?? [])
    expect(tag.replace(/\s[\w:-]+="[^"]*"/g, ''), tag).toMatch(/^<\/?[\w:-]+\s*\/?>$/)
}

/**
 * A known cycle: 甲公司 scored 60 %, 70 % and 80 % by 专家0–2 (totals 600, 700, 800: 200 apart, beyond the
 * 150-point consensus threshold), 乙公司 85 % by all three (850 each); 专家3 holds one open review.
 */
async function knownCycle() {
  const w = await world()
  const a = await inDocumentReview(w, w.applicant)
  const b = await inDocumentReview(w, w.otherApplicant)
  for (const [i, reviewer] of w.reviewers.slice(0, 3).entries()) {
    await submitSheet(w, a.id, reviewer, 60 + i * 10)
    await submitSheet(w, b.id, reviewer, 85)
  }
  return { w, a, b }
}

describe('the secretariat\u2019s analytics', () => {
  it('computes progress, disagreement, leniency and the score distribution from the stored totals', async () => {
    const { w, a, b } = await knownCycle()
    const response = await respond(async () => page.loader(args(await get('/admin/analytics', w.admin.userId))))
    const data = (await response.json()) as Awaited<ReturnType<Awaited<ReturnType<typeof page.loader>>['json']>>
    expect(data.progress).toEqual([
      { name: '专家0', submitted: 2, onTime: 0, overdue: 0 },
      { name: '专家1', submitted: 2, onTime: 0, overdue: 0 },
      { name: '专家2', submitted: 2, onTime: 0, overdue: 0 },
    ])
    expect(
      data.spreads.map((s) => [
        s.applicationId,
        s.min,
        s.max,
        s.spread,
        s.beyondThreshold,
        s.totals.map((x) => x.total),
      ]),
    ).toEqual([
      [a.id, 600, 800, 200, true, [600, 700, 800]],
      [b.id, 850, 850, 0, false, [850, 850, 850]],
    ])
    // Cycle mean (600 + 700 + 800 + 3 × 850) / 6 = 775; 专家0 averages 725 with a standard deviation of 125.
    expect(data.leniency.cycleMean).toBe(775)
    expect(data.leniency.reviewers).toEqual([
      { reviewer: '专家2', sheets: 2, mean: 825, spread: 25, difference: 50 },
      { reviewer: '专家1', sheets: 2, mean: 775, spread: 75, difference: 0 },
      { reviewer: '专家0', sheets: 2, mean: 725, spread: 125, difference: -50 },
    ])
    const economy = data.distribution.categories.find((c) => c.name === '经济')!
    const count = (band: string) => economy.counts[data.distribution.bins.indexOf(band)]
    expect(count('700–750')).toBe(1)
    expect(count('850–900')).toBe(1)
    expect(economy.counts.reduce((x, y) => x + y, 0)).toBe(2)
    expect(data.distribution.bins.at(-1)).toBe('950–1000')
  })

  it('keeps its figures while nothing changes and follows a sheet as it comes in', async () => {
    const w = await world()
    const a = await inDocumentReview(w, w.applicant)
    await submitSheet(w, a.id, w.reviewers[0]!, 60)
    await submitSheet(w, a.id, w.reviewers[1]!, 70)
    const open = async () =>
      (await (await respond(async () => page.loader(args(await get('/admin/analytics', w.admin.userId))))).json()) as {
        spreads: Array<{ min: number; max: number }>
        leniency: { sheets: number }
      }
    expect((await open()).spreads).toMatchObject([{ min: 600, max: 700 }])
    await submitSheet(w, a.id, w.reviewers[2]!, 90)
    const after = await open()
    expect(after.spreads).toMatchObject([{ min: 600, max: 900 }])
    expect(after.leniency.sheets).toBe(3)
  })

  it('draws each chart as an SVG image with its series, for the secretariat only', async () => {
    const { w } = await knownCycle()
    const charts = [
      { route: progress, path: '/admin/charts/progress.svg', expected: ['专家0', '专家2', '已提交', '进行中', '逾期'] },
      { route: spread, path: '/admin/charts/spread.svg', expected: ['甲公司', '乙公司', '最低分至最高分', '专家总分'] },
      { route: leniency, path: '/admin/charts/leniency.svg', expected: ['专家0 (2)', '专家2 (2)', '与年度平均分之差'] },
      { route: distribution, path: '/admin/charts/distribution.svg', expected: ['经济', '700–750', '850–900'] },
    ]
    for (const chart of charts) {
      const response = await respond(async () => chart.route.loader(args(await get(chart.path, w.admin.userId))))
      expect(response.status, chart.path).toBe(200)
      expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8')
      const svg = await response.text()
      expectWellFormed(svg)
      for (const text of chart.expected) expect(svg, `${chart.path}: ${text}`).toContain(text)
      expect(
        (await respond(async () => chart.route.loader(args(await get(chart.path, w.reviewers[0]!.userId))))).status,
      ).toBe(403)
    }
  })

  it('shows an earlier cycle when asked for it, and 404 for a cycle that does not exist', async () => {
    const { w, a } = await knownCycle()
    const newer = await world()
    const open = async (query: string) =>
      respond(async () => page.loader(args(await get(`/admin/analytics${query}`, newer.admin.userId))))
    // The newest cycle by default (nothing scored there); the earlier one on request, its chart too.
    expect(((await (await open('')).json()) as { spreads: unknown[] }).spreads).toEqual([])
    const earlier = (await (await open(`?cycle=${w.cycle.id}`)).json()) as {
      cycle: { id: number }
      spreads: Array<{ applicationId: number }>
    }
    expect(earlier.cycle.id).toBe(w.cycle.id)
    expect(earlier.spreads[0]!.applicationId).toBe(a.id)
    const svg = await (
      await respond(async () =>
        spread.loader(args(await get(`/admin/charts/spread.svg?cycle=${w.cycle.id}`, newer.admin.userId))),
      )
    ).text()
    expect(svg).toContain('甲公司')
    for (const bad of ['?cycle=99999999', '?cycle=abc', '?cycle=-1']) expect((await open(bad)).status, bad).toBe(404)
  })

  it('says what to do next while nothing is scored', async () => {
    const w = await world()
    await inDocumentReview(w, w.applicant)
    const data = (await (
      await respond(async () => page.loader(args(await get('/admin/analytics', w.admin.userId))))
    ).json()) as {
      spreads: unknown[]
      leniency: { sheets: number; cycleMean: number | null }
      distribution: { bins: string[] }
    }
    expect(data.spreads).toEqual([])
    expect(data.leniency).toMatchObject({ sheets: 0, cycleMean: null })
    expect(data.distribution.bins).toEqual([])
  })
})
