import { describe, expect, it } from 'vitest'
import { createCompleteDraft } from '../../db/factories'
import * as chart from '~/routes/admin.charts.pipeline[.]svg'
import * as desk from '~/routes/admin._index'
import { pipelineOf } from '~/utils/charts.server'
import { inDocumentReview, world } from '../integration/helpers'
import { args, get, respond } from './http'

describe('the desk\u2019s pipeline chart', () => {
  it('counts applications per category and stage, from statuses', () => {
    const pipeline = pipelineOf(
      [
        { category: 'economy', status: 'draft', count: 2 },
        { category: 'economy', status: 'scored', count: 3 },
        { category: 'economy', status: 'documentReview', count: 1 },
        { category: 'culture', status: 'siteVisitScored', count: 4 },
        { category: null, status: 'draft', count: 5 },
      ],
      [
        { code: 'economy', name: '经济' },
        { code: 'culture', name: '文化' },
      ],
      (key) => key,
      '未选领域',
    )
    expect(pipeline.categories.map((c) => c.name)).toEqual(['经济', '文化', '未选领域'])
    expect(Object.fromEntries(pipeline.stages.map((s) => [s.key, s.counts]))).toEqual({
      application: [2, 0, 5],
      eligibility: [0, 0, 0],
      documentReview: [4, 0, 0],
      secondHalf: [0, 4, 0],
      committee: [0, 0, 0],
      out: [0, 0, 0],
    })
    // Without drafts lacking a category, no such column.
    expect(
      pipelineOf(
        [{ category: 'economy', status: 'draft', count: 1 }],
        [{ code: 'economy', name: '经济' }],
        (k) => k,
        '—',
      ).categories,
    ).toHaveLength(1)
  })

  it('is an SVG image with one series per stage and the categories, for the secretariat only, and the desk carries its table', async () => {
    const w = await world()
    await inDocumentReview(w, w.applicant)
    await createCompleteDraft(w.db, w.otherApplicant, w.cycle.id, { categoryCode: 'culture', evidence: false })
    const response = await respond(async () =>
      chart.loader(args(await get('/admin/charts/pipeline.svg', w.admin.userId))),
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8')
    const svg = await response.text()
    expect(svg.startsWith('<svg')).toBe(true)
    for (const text of ['申报', '资格审核', '材料评审', '答辩与现场核查', '审定与公布', '退出', '经济', '文化'])
      expect(svg).toContain(text)
    expect(svg).not.toContain('<script')
    // Well-formed, or a browser shows a broken image: every tag is its name and name="value" attributes, nothing else.
    for (const tag of svg.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').match(/<[^>]+>/g) ?? [])
      expect(tag.replace(/\s[\w:-]+="[^"]*"/g, ''), tag).toMatch(/^<\/?[\w:-]+\s*\/?>$/)
    const table = (await (
      await respond(async () => desk.loader(args(await get('/admin', w.admin.userId))))
    ).json()) as { pipeline: ReturnType<typeof pipelineOf> }
    const economy = table.pipeline.categories.findIndex((c) => c.name === '经济')
    expect(table.pipeline.stages.find((s) => s.key === 'documentReview')!.counts[economy]).toBe(1)
    expect(
      (await respond(async () => chart.loader(args(await get('/admin/charts/pipeline.svg', w.reviewers[0]!.userId)))))
        .status,
    ).toBe(403)
  })
})
