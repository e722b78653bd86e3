import { describe, expect, it } from 'vitest'
import { listObjectionsOfApplication } from '../../db/repositories/objections'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { decideApplication } from '../../workflows/application/application.server'
import { startPublicNotice } from '../../workflows/cycle/cycle.server'
import * as applicantList from '~/routes/applicant._index'
import * as noticeForm from '~/routes/notice.$id'
import * as noticeList from '~/routes/notice._index'
import { inDocumentReview, submitSheet, world } from '../integration/helpers'
import { args, get, post, respond } from './http'

async function onNotice() {
  const w = await world() // the newest cycle is the one on the public pages
  const app = await inDocumentReview(w)
  for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 85)
  const gold = await w.db.selectFrom('award_levels').select('id').where('cycle_id', '=', w.cycle.id).where('category_code', '=', 'economy').where('code', '=', 'gold').executeTakeFirstOrThrow()
  await decideApplication(w.db, { applicationId: app.id, actor: w.admin, expectedVersion: (await loadApplicationForUpdate(w.db, app.id))!.version, levelId: gold.id, reason: '' })
  await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin })
  return { w, app }
}

const objection = { name: '林某', organisation: '', phone: '13700001111', email: 'lin@example.com', content: '申报材料与事实不符。', evidence: '2029年度审计报告第3页' }

describe('public notice pages', () => {
  it('lists the proposed winner for everyone, without logging in', async () => {
    const { app } = await onNotice()
    const response = await respond(async () => noticeList.loader(args(await get('/notice'))))
    const body = (await response.json()) as { rows: Array<{ id: number; organisation_name: string; level_zh: string; open: boolean }> }
    expect(body.rows).toEqual([expect.objectContaining({ id: app.id, organisation_name: '甲公司', level_zh: '金奖', open: true })])
  })

  it('takes a named objection with evidence from a visitor, and refuses an anonymous one', async () => {
    const { w, app } = await onNotice()
    const anonymous = await respond(async () => noticeForm.action(args(await post(`/notice/${app.id}`, { ...objection, name: '' }), { id: String(app.id) })))
    expect(anonymous.status).toBe(400)
    expect(await anonymous.json()).toMatchObject({ fieldErrors: { name: 'errors.required' } })
    const filed = await respond(async () => noticeForm.action(args(await post(`/notice/${app.id}`, objection), { id: String(app.id) })))
    expect(filed.status).toBe(302)
    const [stored] = await listObjectionsOfApplication(w.db, app.id)
    expect(stored).toEqual(expect.objectContaining({ objector_name: '林某', status: 'open', evidence: '2029年度审计报告第3页' }))
    // The objector lands on the notice page with the reference of the objection.
    const location = filed.headers.get('location')!
    expect(location).toBe(`/notice?objection=GS${w.cycle.year}-${String(stored!.id).padStart(5, '0')}`)
    const page = await respond(async () => noticeList.loader(args(await get(location))))
    expect(((await page.json()) as { reference: string }).reference).toBe(`GS${w.cycle.year}-${String(stored!.id).padStart(5, '0')}`)
  })

  it('refuses an objection under a stand-in name such as 匿名 or 某某, and files nothing', async () => {
    const { w, app } = await onNotice()
    for (const name of ['匿名', '某某某', '知情人', 'Anonymous', 'xxx', '12345', '——']) {
      const response = await respond(async () => noticeForm.action(args(await post(`/notice/${app.id}`, { ...objection, name }), { id: String(app.id) })))
      expect(response.status, name).toBe(400)
      expect(await response.json(), name).toMatchObject({ fieldErrors: { name: 'errors.realName' } })
    }
    expect(await listObjectionsOfApplication(w.db, app.id)).toEqual([])
    const page = await respond(async () => noticeList.loader(args(await get('/notice?objection=<script>'))))
    expect(((await page.json()) as { reference: unknown }).reference).toBeNull()
  })

  it('does not accept objections to an application that is not on notice', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    const response = await respond(async () => noticeForm.action(args(await post(`/notice/${app.id}`, objection), { id: String(app.id) })))
    expect(response.status).toBe(404)
    expect(await listObjectionsOfApplication(w.db, app.id)).toEqual([])
  })

  it('never sends an applicant its decision level before publication', async () => {
    const { w } = await onNotice()
    const response = await respond(async () => applicantList.loader(args(await get('/applicant', w.applicant.userId))))
    const text = await response.text()
    expect(text).not.toContain('decision_level_id')
    expect(JSON.parse(text).applications[0].status).toBe('publicNotice')
  })
})
