import { describe, expect, it } from 'vitest'
import { createCompleteDraft } from '../../db/factories'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { listAudit } from '../../db/repositories/audit'
import * as adminApplication from '~/routes/admin.applications.$id'
import * as applicantView from '~/routes/applicant.applications.$id._index'
import * as applicantEdit from '~/routes/applicant.applications.$id.edit.$step'
import * as reviewSheet from '~/routes/review.applications.$id'
import { fullSheet, inDocumentReview, world } from '../integration/helpers'
import { consumeFlash } from '~/utils/flash.server'
import { args, get, post, respond } from './http'

describe('bad input gets a clear answer and changes nothing', () => {
  it('answers 404 for ids and steps that are not numbers or not steps', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    for (const id of ['abc', '1e3', '-1', '99999999999999999999']) {
      const response = await respond(async () => adminApplication.loader(args(await get(`/admin/applications/${id}`, w.admin.userId), { id })))
      expect(response.status, id).toBe(404)
    }
    const step = await respond(async () => applicantEdit.loader(args(await get(`/x`, w.applicant.userId), { id: String(draft.id), step: 'payment' })))
    expect(step.status).toBe(404)
  })

  it('refuses a multipart or JSON post with 415', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const request = await post(`/applicant/applications/${draft.id}`, { intent: 'withdraw', reason: 'x', version: String(draft.version) }, { userId: w.applicant.userId })
    const json = new Request(request.url, { method: 'POST', headers: { ...Object.fromEntries(request.headers), 'content-type': 'application/json' }, body: '{"intent":"withdraw"}' })
    const response = await respond(async () => applicantView.action(args(json, { id: String(draft.id) })))
    expect(response.status).toBe(415)
    expect(await response.json()).toEqual({ messageKey: 'errors.unsupportedForm' })
  })

  it('withdraws an applicant\'s own application with the reason on the record, and refuses it without a reason', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const path = `/applicant/applications/${draft.id}`
    const empty = await respond(async () => applicantView.action(args(await post(path, { intent: 'withdraw', reason: '  ', version: String(draft.version) }, { userId: w.applicant.userId }), { id: String(draft.id) })))
    expect(empty.status).toBe(400)
    expect((await loadApplicationForUpdate(w.db, draft.id))?.status).toBe('draft')
    const done = await respond(async () => applicantView.action(args(await post(path, { intent: 'withdraw', reason: '今年不参评', version: String(draft.version) }, { userId: w.applicant.userId }), { id: String(draft.id) })))
    expect(done.status).toBe(302)
    expect((await loadApplicationForUpdate(w.db, draft.id))?.status).toBe('withdrawn')
    expect((await listAudit(w.db, 'application', draft.id)).at(-1)).toMatchObject({ event: 'WITHDRAW', reason: '今年不参评' })
  })

  it('refuses percentages off the scale from the sheet form and saves nothing', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    const fields = Object.fromEntries([...fullSheet(w, 50).scores].map(([id, p]) => [`score_${id}`, String(p)]))
    const firstItem = w.tree.categories[0]!.items[0]!.id
    for (const bad of ['105', '52', '-5', 'abc', '5.0']) {
      const request = await post(`/review/applications/${app.id}`, { ...fields, [`score_${firstItem}`]: bad, intent: 'draft' }, { userId: w.reviewers[0]!.userId })
      const response = await respond(async () => reviewSheet.action(args(request, { id: String(app.id) })))
      expect(response.status, bad).toBe(400)
      expect(await response.json()).toEqual({ messageKey: 'errors.percentage' })
    }
    expect(await w.db.selectFrom('score_sheets').select('id').execute()).toEqual([])
  })

  it('refuses a decision with a level that is not a level, and an unknown intent', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    const path = `/admin/applications/${app.id}`
    const level = await respond(async () => adminApplication.action(args(await post(path, { intent: 'decide', levelId: 'gold', version: String(app.version) }, { userId: w.admin.userId }), { id: String(app.id) })))
    expect(level.status).toBe(400)
    const unknown = await respond(async () => adminApplication.action(args(await post(path, { intent: 'delete', version: String(app.version) }, { userId: w.admin.userId }), { id: String(app.id) })))
    expect(unknown.status).toBe(400)
    // A decision names its level: nothing chosen is refused, not read as "not awarded".
    const unchosen = await respond(async () => adminApplication.action(args(await post(path, { intent: 'decide', levelId: '', version: String(app.version) }, { userId: w.admin.userId }), { id: String(app.id) })))
    expect(unchosen.status).toBe(400)
    const inherited = await respond(async () => adminApplication.action(args(await post(path, { intent: 'toString', version: String(app.version) }, { userId: w.admin.userId }), { id: String(app.id) })))
    expect(inherited.status).toBe(400)
    expect(await loadApplicationForUpdate(w.db, app.id)).toMatchObject({ status: 'documentReview', version: app.version })
  })

  it('names what was done and returns to the panel acted on', async () => {
    const w = await world()
    const app = await inDocumentReview(w, w.applicant, [])
    const response = await respond(async () => adminApplication.action(args(await post(`/admin/applications/${app.id}`, { intent: 'assign', reviewerId: String(w.reviewers[0]!.userId) }, { userId: w.admin.userId }), { id: String(app.id) })))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`/admin/applications/${app.id}#assignments`)
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!
    expect((await consumeFlash(new Request('http://localhost:3000/', { headers: { cookie } }))).flash).toBe('flash.reviewerAssigned')
  })
})
