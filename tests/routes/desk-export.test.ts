import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { createCompleteDraft } from '../../db/factories'
import * as xlsx from '~/routes/admin.applications[.]xlsx'
import { inDocumentReview, submitSheet, world } from '../integration/helpers'
import { args, get, respond } from './http'

async function rowsOf(response: Response) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]!
  const rows: unknown[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return { sheet, rows }
}

describe('the desk\u2019s list as an Excel workbook', () => {
  it('carries every application the filter matches, with the stored score as a number, in the reader\u2019s language', async () => {
    const w = await world()
    const scored = await inDocumentReview(w, w.applicant)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, scored.id, reviewer, 80)
    const draft = await createCompleteDraft(w.db, w.otherApplicant, w.cycle.id, {
      categoryCode: 'culture',
      evidence: false,
    })
    const open = async (query: string) =>
      respond(async () => xlsx.loader(args(await get(`/admin/applications.xlsx${query}`, w.admin.userId))))
    const all = await rowsOf(await open(''))
    const number = (id: number) => `SZ${w.cycle.year}-${String(id).padStart(4, '0')}`
    expect(all.rows[0]).toEqual([
      '申报编号',
      '申报单位',
      '统一社会信用代码',
      '奖项领域',
      '申报类型',
      '状态',
      '提交时间',
      '材料评审得分',
      '评分情况',
      '审定',
    ])
    expect(all.rows.slice(1).map((r) => [r[0], r[1], r[3], r[5], r[7]])).toEqual([
      [number(scored.id), '甲公司', '经济', '评分完成，待审定', 800],
      [number(draft.id), '乙公司', '文化', '草稿', ''],
    ])
    expect(all.sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    // The desk's filters apply: a category, a status, a search.
    expect((await rowsOf(await open('?category=culture'))).rows.slice(1).map((r) => r[0])).toEqual([number(draft.id)])
    expect((await rowsOf(await open('?status=scored'))).rows.slice(1).map((r) => r[0])).toEqual([number(scored.id)])
    expect((await rowsOf(await open(`?q=${encodeURIComponent('乙')}`))).rows.slice(1).map((r) => r[0])).toEqual([
      number(draft.id),
    ])
    expect(
      (await respond(async () => xlsx.loader(args(await get('/admin/applications.xlsx', w.reviewers[0]!.userId)))))
        .status,
    ).toBe(403)
  })
})

describe('an application\u2019s score matrix as an Excel workbook', () => {
  it('lists the items down and each reviewer\u2019s percentage and points across, with subtotals and totals', async () => {
    const { default: ExcelJSModule } = await import('exceljs')
    const matrix = await import('~/routes/admin.applications.$id.scores[.]xlsx')
    const w = await world()
    const app = await inDocumentReview(w, w.applicant)
    for (const [i, reviewer] of w.reviewers.slice(0, 3).entries()) await submitSheet(w, app.id, reviewer, 60 + i * 10)
    const response = await respond(async () =>
      matrix.loader(
        args(await get(`/admin/applications/${app.id}/scores.xlsx`, w.admin.userId), { id: String(app.id) }),
      ),
    )
    expect(response.status).toBe(200)
    const workbook = new ExcelJSModule.Workbook()
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer)
    const rows: unknown[][] = []
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
    expect(rows[0]).toEqual([
      '评分项',
      '分值',
      '专家0 %',
      '专家0 得分',
      '专家1 %',
      '专家1 得分',
      '专家2 %',
      '专家2 得分',
    ])
    // 23 items, 7 subtotals, the total: 31 rows under the header.
    expect(rows).toHaveLength(32)
    const first = w.tree.categories[0]!.items[0]!
    expect(rows[1]).toEqual([
      `${first.code} ${first.name_zh}`,
      first.points,
      60,
      first.points * 0.6,
      70,
      first.points * 0.7,
      80,
      first.points * 0.8,
    ])
    expect(rows.at(-1)).toEqual(['总分', 1000, '', 600, '', 700, '', 800])
    expect(
      (
        await respond(async () =>
          matrix.loader(
            args(await get(`/admin/applications/${app.id}/scores.xlsx`, w.applicant.userId), { id: String(app.id) }),
          ),
        )
      ).status,
    ).toBe(403)
  })
})
