import { describe, expect, it } from 'vitest'
import { confirmAsRepresentative, createCompleteDraft } from '../../db/factories'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { listAudit } from '../../db/repositories/audit'
import { applyApplicationEvent, submitApplication } from '../../workflows/application/application.server'
import * as adminApplication from '~/routes/admin.applications.$id/route'
import * as applicantView from '~/routes/applicant.applications.$id._index'
import * as applicantEdit from '~/routes/applicant.applications.$id.edit.$step/route'
import * as reviewSheet from '~/routes/review.applications.$id'
import { fullSheet, inDocumentReview, world } from '../integration/helpers'
import { consumeFlash } from '~/utils/flash.server'
import { args, get, post, respond } from './http'

describe('bad input gets a clear answer and changes nothing', () => {
  it('answers 404 for ids and steps that are not numbers or not steps', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    for (const id of ['abc', '1e3', '-1', '99999999999999999999']) {
      const response = await respond(async () =>
        adminApplication.loader(args(await get(`/admin/applications/${id}`, w.admin.userId), { id })),
      )
      expect(response.status, id).toBe(404)
    }
    const step = await respond(async () =>
      applicantEdit.loader(args(await get(`/x`, w.applicant.userId), { id: String(draft.id), step: 'payment' })),
    )
    expect(step.status).toBe(404)
  })

  it('refuses a multipart or JSON post with 415', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const request = await post(
      `/applicant/applications/${draft.id}`,
      { intent: 'withdraw', reason: 'x', version: String(draft.version) },
      { userId: w.applicant.userId },
    )
    const json = new Request(request.url, {
      method: 'POST',
      headers: { ...Object.fromEntries(request.headers), 'content-type': 'application/json' },
      body: '{"intent":"withdraw"}',
    })
    const response = await respond(async () => applicantView.action(args(json, { id: String(draft.id) })))
    expect(response.status).toBe(415)
    expect(await response.json()).toEqual({ messageKey: 'errors.unsupportedForm' })
  })

  it("withdraws an applicant's own application with the reason on the record, and refuses it without a reason", async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const path = `/applicant/applications/${draft.id}`
    const empty = await respond(async () =>
      applicantView.action(
        args(
          await post(
            path,
            { intent: 'withdraw', reason: '  ', version: String(draft.version) },
            { userId: w.applicant.userId },
          ),
          { id: String(draft.id) },
        ),
      ),
    )
    expect(empty.status).toBe(400)
    expect((await loadApplicationForUpdate(w.db, draft.id))?.status).toBe('draft')
    const done = await respond(async () =>
      applicantView.action(
        args(
          await post(
            path,
            { intent: 'withdraw', reason: '今年不参评', version: String(draft.version) },
            { userId: w.applicant.userId },
          ),
          { id: String(draft.id) },
        ),
      ),
    )
    expect(done.status).toBe(302)
    expect((await loadApplicationForUpdate(w.db, draft.id))?.status).toBe('withdrawn')
    expect((await listAudit(w.db, 'application', draft.id)).at(-1)).toMatchObject({
      event: 'WITHDRAW',
      reason: '今年不参评',
    })
  })

  it('refuses percentages off the scale from the sheet form and saves nothing', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    const fields = Object.fromEntries([...fullSheet(w, 50).scores].map(([id, p]) => [`score_${id}`, String(p)]))
    const firstItem = w.tree.categories[0]!.items[0]!.id
    for (const bad of ['105', '52', '-5', 'abc', '5.0']) {
      const request = await post(
        `/review/applications/${app.id}`,
        { ...fields, [`score_${firstItem}`]: bad, intent: 'draft' },
        { userId: w.reviewers[0]!.userId },
      )
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
    const level = await respond(async () =>
      adminApplication.action(
        args(
          await post(
            path,
            { intent: 'decide', levelId: 'gold', version: String(app.version) },
            { userId: w.admin.userId },
          ),
          { id: String(app.id) },
        ),
      ),
    )
    expect(level.status).toBe(400)
    const unknown = await respond(async () =>
      adminApplication.action(
        args(await post(path, { intent: 'delete', version: String(app.version) }, { userId: w.admin.userId }), {
          id: String(app.id),
        }),
      ),
    )
    expect(unknown.status).toBe(400)
    // A decision names its level: nothing chosen is refused, not read as "not awarded".
    const unchosen = await respond(async () =>
      adminApplication.action(
        args(
          await post(path, { intent: 'decide', levelId: '', version: String(app.version) }, { userId: w.admin.userId }),
          { id: String(app.id) },
        ),
      ),
    )
    expect(unchosen.status).toBe(400)
    // Each refusal says which panel's form it answers and which field it is about.
    expect(await unchosen.json()).toMatchObject({ panel: 'decision', fieldErrors: { levelId: 'errors.unknownLevel' } })
    const inherited = await respond(async () =>
      adminApplication.action(
        args(await post(path, { intent: 'toString', version: String(app.version) }, { userId: w.admin.userId }), {
          id: String(app.id),
        }),
      ),
    )
    expect(inherited.status).toBe(400)
    expect(await loadApplicationForUpdate(w.db, app.id)).toMatchObject({
      status: 'documentReview',
      version: app.version,
    })
  })

  it('puts a workflow refusal about one field beside that field, in the panel acted on', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const submitted = await submitApplication(w.db, {
      applicationId: draft.id,
      actor: w.applicant,
      expectedVersion: draft.version,
    })
    await applyApplicationEvent(w.db, {
      applicationId: draft.id,
      actor: w.admin,
      event: { type: 'START_ELIGIBILITY_REVIEW' },
      expectedVersion: submitted.version,
    })
    const app = { id: draft.id, version: submitted.version + 1 }
    const path = `/admin/applications/${app.id}`
    const empty = await respond(async () =>
      adminApplication.action(
        args(
          await post(
            path,
            { intent: 'creditManual', dishonest: 'no', summary: '  ', version: String(app.version) },
            { userId: w.admin.userId },
          ),
          { id: String(app.id) },
        ),
      ),
    )
    expect(empty.status).toBe(400)
    expect(await empty.json()).toEqual({
      messageKey: 'errors.required',
      vars: {},
      fieldErrors: { summary: 'errors.required' },
      panel: 'eligibility',
    })
    const stale = await respond(async () =>
      adminApplication.action(
        args(
          await post(
            path,
            { intent: 'assign', reviewerId: String(w.reviewers[3]!.userId), version: '1' },
            { userId: w.admin.userId },
          ),
          { id: String(app.id) },
        ),
      ),
    )
    expect(await stale.json()).toMatchObject({ panel: 'assignments' })
  })

  it('names what was done and returns to the panel acted on', async () => {
    const w = await world()
    const app = await inDocumentReview(w, w.applicant, [])
    const response = await respond(async () =>
      adminApplication.action(
        args(
          await post(
            `/admin/applications/${app.id}`,
            { intent: 'assign', reviewerId: String(w.reviewers[0]!.userId) },
            { userId: w.admin.userId },
          ),
          { id: String(app.id) },
        ),
      ),
    )
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`/admin/applications/${app.id}#assignments`)
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!
    expect((await consumeFlash(new Request('http://localhost:3000/', { headers: { cookie } }))).flash).toBe(
      'flash.reviewerAssigned',
    )
  })
})

describe('a return for correction (补正)', () => {
  it('needs a due date from today to 60 days ahead, shows it to the applicant, and clears it on resubmission', async () => {
    const { addDays, beijingToday } = await import('#workflows/application/application.schema')
    const { submitApplication, applyApplicationEvent } = await import('../../workflows/application/application.server')
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    let version = (
      await submitApplication(w.db, { applicationId: draft.id, actor: w.applicant, expectedVersion: draft.version })
    ).version
    version = (
      await applyApplicationEvent(w.db, {
        applicationId: draft.id,
        actor: w.admin,
        event: { type: 'START_ELIGIBILITY_REVIEW' },
        expectedVersion: version,
      })
    ).version
    const path = `/admin/applications/${draft.id}`
    const day = (offset: number) => addDays(beijingToday(), offset)
    const returnWith = async (dueDate?: string) =>
      respond(async () =>
        adminApplication.action(
          args(
            await post(
              path,
              { intent: 'return', reason: '请补充信用报告', version: String(version), ...(dueDate ? { dueDate } : {}) },
              { userId: w.admin.userId },
            ),
            { id: String(draft.id) },
          ),
        ),
      )
    for (const bad of [undefined, day(-1), day(61), '2026-02-30']) {
      const refused = await returnWith(bad)
      expect(refused.status, String(bad)).toBe(400)
    }
    expect((await loadApplicationForUpdate(w.db, draft.id))?.status).toBe('eligibilityReview')
    expect((await returnWith(day(14))).status).toBe(302)
    expect(await loadApplicationForUpdate(w.db, draft.id)).toMatchObject({
      status: 'returned',
      correction_due_date: day(14),
    })
    const view = await respond(async () =>
      applicantView.loader(
        args(await get(`/applicant/applications/${draft.id}`, w.applicant.userId), { id: String(draft.id) }),
      ),
    )
    expect(((await view.json()) as { application: { correctionDueDate: string } }).application.correctionDueDate).toBe(
      day(14),
    )
    const row = (await loadApplicationForUpdate(w.db, draft.id))!
    const confirmed = await confirmAsRepresentative(w.db, w.applicant, draft.id, row.version)
    await submitApplication(w.db, { applicationId: draft.id, actor: w.applicant, expectedVersion: confirmed })
    expect(await loadApplicationForUpdate(w.db, draft.id)).toMatchObject({
      status: 'submitted',
      correction_due_date: null,
    })
  })
})
