import { formatPoints } from '#workflows/review/scoring'
import { describe, expect, it } from 'vitest'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { getCycle } from '../../db/repositories/cycles'
import * as adminApplication from '~/routes/admin.applications.$id/route'
import * as ranking from '~/routes/admin.ranking'
import * as applicantView from '~/routes/applicant.applications.$id._index'
import * as applicantEdit from '~/routes/applicant.applications.$id.edit.$step/route'
import * as reviewSheet from '~/routes/review.applications.$id'
import { decideLevel, fullSheet, inDocumentReview, rejection, world } from '../integration/helpers'
import { createCompleteDraft } from '../../db/factories'
import { args, get, post, respond } from './http'

describe('who may see and change what', () => {
  it("shows an applicant its own application and answers 404 for another organisation's", async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const own = await respond(async () =>
      applicantView.loader(
        args(await get(`/applicant/applications/${draft.id}`, w.applicant.userId), { id: String(draft.id) }),
      ),
    )
    expect(own.status).toBe(200)
    const body = (await own.json()) as {
      audit: Array<{ actor_name: string | null; actor_role: string }>
      result: unknown
    }
    expect(body.audit[0]).toMatchObject({ actor_role: 'applicant', actor_name: null })
    expect(body.result).toBeNull()
    const other = await respond(async () =>
      applicantView.loader(
        args(await get(`/applicant/applications/${draft.id}`, w.otherApplicant.userId), { id: String(draft.id) }),
      ),
    )
    expect(other.status).toBe(404)
    const edit = await respond(async () =>
      applicantEdit.loader(
        args(await get(`/applicant/applications/${draft.id}/edit/profile`, w.otherApplicant.userId), {
          id: String(draft.id),
          step: 'profile',
        }),
      ),
    )
    expect(edit.status).toBe(404)
  })

  it("refuses another organisation's withdrawal and draft save, changing nothing", async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const withdraw = await respond(async () =>
      applicantView.action(
        args(
          await post(
            `/applicant/applications/${draft.id}`,
            { intent: 'withdraw', reason: '不想参加了', version: String(draft.version) },
            { userId: w.otherApplicant.userId },
          ),
          { id: String(draft.id) },
        ),
      ),
    )
    expect(withdraw.status).toBe(404)
    const save = await respond(async () =>
      applicantEdit.action(
        args(
          await post(
            `/applicant/applications/${draft.id}/edit/category`,
            { intent: 'draft', categoryCode: 'culture', version: String(draft.version) },
            { userId: w.otherApplicant.userId },
          ),
          { id: String(draft.id), step: 'category' },
        ),
      ),
    )
    expect(save.status).toBe(404)
    expect(await loadApplicationForUpdate(w.db, draft.id)).toMatchObject({
      status: 'draft',
      category_code: 'economy',
      version: draft.version,
    })
  })

  it('sends a visitor without a session to the login page, keeping where they were going', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const response = await respond(async () =>
      applicantView.loader(args(await get(`/applicant/applications/${draft.id}`), { id: String(draft.id) })),
    )
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(
      `/login?next=${encodeURIComponent(`/applicant/applications/${draft.id}`)}`,
    )
  })

  it('lets a reviewer open only the applications assigned to it', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    const assigned = await respond(async () =>
      reviewSheet.loader(
        args(await get(`/review/applications/${app.id}`, w.reviewers[0]!.userId), { id: String(app.id) }),
      ),
    )
    expect(assigned.status).toBe(200)
    const unassigned = await respond(async () =>
      reviewSheet.loader(
        args(await get(`/review/applications/${app.id}`, w.reviewers[3]!.userId), { id: String(app.id) }),
      ),
    )
    expect(unassigned.status).toBe(404)
    const fields = Object.fromEntries([...fullSheet(w, 50).scores].map(([id, p]) => [`score_${id}`, String(p)]))
    const posted = await respond(async () =>
      reviewSheet.action(
        args(
          await post(
            `/review/applications/${app.id}`,
            { ...fields, intent: 'draft' },
            { userId: w.reviewers[3]!.userId },
          ),
          { id: String(app.id) },
        ),
      ),
    )
    expect(posted.status).toBe(404)
    const sheets = await w.db.selectFrom('score_sheets').selectAll().execute()
    expect(sheets.filter((s) => s.assignment_id > 0 && s.status === 'draft')).toHaveLength(0)
  })

  it("keeps applicants and reviewers out of the secretariat's pages and actions", async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    for (const actor of [w.applicant, w.reviewers[0]!]) {
      const page = await respond(async () =>
        adminApplication.loader(args(await get(`/admin/applications/${app.id}`, actor.userId), { id: String(app.id) })),
      )
      expect(page.status).toBe(403)
      const assign = await respond(async () =>
        adminApplication.action(
          args(
            await post(
              `/admin/applications/${app.id}`,
              { intent: 'assign', reviewerId: String(w.reviewers[3]!.userId), version: String(app.version) },
              { userId: actor.userId },
            ),
            { id: String(app.id) },
          ),
        ),
      )
      expect(assign.status).toBe(403)
    }
    expect(
      await w.db.selectFrom('assignments').select('id').where('application_id', '=', app.id).execute(),
    ).toHaveLength(3)
  })

  it('refuses publication by anyone but the secretariat, and nothing is published', async () => {
    const w = await world()
    for (const actor of [w.applicant, w.reviewers[0]!]) {
      const response = await respond(async () =>
        ranking.action(
          args(
            await post(
              '/admin/ranking',
              { intent: 'publish', cycleId: String(w.cycle.id), version: '1' },
              { userId: actor.userId },
            ),
          ),
        ),
      )
      expect(response.status).toBe(403)
    }
    expect((await getCycle(w.db, w.cycle.id))?.results_published_at).toBeNull()
  })

  it('answers a stale form with a 409 the user can act on', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const response = await respond(async () =>
      applicantEdit.action(
        args(
          await post(
            `/applicant/applications/${draft.id}/edit/category`,
            {
              intent: 'continue',
              categoryCode: 'culture',
              awardType: 'organisation',
              projectName: '',
              version: String(draft.version - 1),
            },
            { userId: w.applicant.userId },
          ),
          { id: String(draft.id), step: 'category' },
        ),
      ),
    )
    expect(response.status).toBe(409)
    expect(await response.json()).toMatchObject({ messageKey: 'errors.staleVersion' })
    expect((await loadApplicationForUpdate(w.db, draft.id))?.category_code).toBe('economy')
  })
})

describe('what the secretariat sees of the scoring', () => {
  it("shows submitted sheets side by side, never a reviewer's draft", async () => {
    const { saveScoreSheet } = await import('../../workflows/review/review.server')
    const w = await world()
    const app = await inDocumentReview(w)
    const { acceptInvitation } = await import('../integration/helpers')
    for (const reviewer of w.reviewers.slice(0, 2)) await acceptInvitation(w, app.id, reviewer)
    await saveScoreSheet(w.db, {
      applicationId: app.id,
      actor: w.reviewers[0]!,
      expectedVersion: null,
      ...fullSheet(w, 60),
      submit: true,
    })
    await saveScoreSheet(w.db, {
      applicationId: app.id,
      actor: w.reviewers[1]!,
      expectedVersion: null,
      ...fullSheet(w, 90),
      submit: false,
    })
    const response = await respond(async () =>
      adminApplication.loader(args(await get(`/admin/applications/${app.id}`, w.admin.userId), { id: String(app.id) })),
    )
    const body = (await response.json()) as {
      sheets: Array<{ reviewerName: string; total: string }>
      standing: { sheetTotals: string[] }
    }
    expect(body.sheets.map((s) => [s.reviewerName, s.total])).toEqual([['专家0', '600.00']])
    expect(body.standing.sheetTotals).toEqual(['600.00'])
    // Item by item on the sheets' own page: the submitted sheet's percentages, nothing of the draft.
    const { loader } = await import('~/routes/admin.applications.$id_.scores')
    const matrix = (await (
      await respond(async () =>
        loader(args(await get(`/admin/applications/${app.id}/scores`, w.admin.userId), { id: String(app.id) })),
      )
    ).json()) as { matrix: { sheets: Array<{ reviewer_name: string }>; scores: Array<{ percentage: number }> } }
    expect(matrix.matrix.sheets.map((s) => s.reviewer_name)).toEqual(['专家0'])
    expect(new Set(matrix.matrix.scores.map((s) => s.percentage))).toEqual(new Set([60]))
    // Not for a reviewer.
    const refused = await respond(async () =>
      loader(args(await get(`/admin/applications/${app.id}/scores`, w.reviewers[0]!.userId), { id: String(app.id) })),
    )
    expect(refused.status).toBe(403)
  })
})

describe('results stay private until publication', () => {
  it('shows the applicant nothing of a recorded decision before the cycle is published, and the level after', async () => {
    const { startPublicNotice } = await import('../../workflows/cycle/cycle.server')
    const { submitSheet } = await import('../integration/helpers')
    const w = await world()
    const app = await inDocumentReview(w)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 85)
    await decideLevel(w, app.id, 'silver', '委员会审定')

    const page = async () => {
      const response = await respond(async () =>
        applicantView.loader(
          args(await get(`/applicant/applications/${app.id}`, w.applicant.userId), { id: String(app.id) }),
        ),
      )
      return response.text()
    }
    const before = await page()
    expect(before).not.toContain('银奖')
    expect(before).not.toContain('委员会审定')
    expect(JSON.parse(before)).toMatchObject({ result: null, feedback: null, application: { status: 'scored' } })

    await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: '2030-01-07T02:00:00.000Z' })
    expect(JSON.parse(await page()).result).toBeNull() // on notice is not yet published
    const { approveAndPublish } = await import('../integration/helpers')
    await approveAndPublish(w, '2030-01-14T00:00:00.000Z')
    const after = JSON.parse(await page())
    expect(after.result).toEqual({ awarded: true, level: { name_zh: '银奖', name_en: 'Silver award' } })
    // The feedback report arrives with the result: every reviewer's comments per category, unsigned.
    expect(after.feedback).toHaveLength(7)
    expect(after.feedback[0].comments).toEqual([
      { strengths: '方法系统', opportunities: '展开不足' },
      { strengths: '方法系统', opportunities: '展开不足' },
      { strengths: '方法系统', opportunities: '展开不足' },
    ])
    expect(JSON.stringify(after.feedback)).not.toContain('专家')
    // With the category's points (every item at 85 %) and each item's band (70–85 %).
    const first = w.tree.categories[0]!
    expect(after.feedback[0]).toMatchObject({
      points: formatPoints(first.points * 85), // in hundredths of a point: 85 % of the category's points
      maxPoints: first.points,
    })
    expect(after.feedback[0].items).toHaveLength(first.items.length)
    expect(
      new Set(after.feedback.flatMap((c: { items: Array<{ band: string }> }) => c.items.map((i) => i.band))),
    ).toEqual(new Set(['70–85%']))
  })
})

describe('an expert declares conflicts before anything of the application opens', () => {
  it("shows an invited expert only the applicant's name, industry and category, and refuses the sheet", async () => {
    const { saveScoreSheet } = await import('../../workflows/review/review.server')
    const w = await world()
    const app = await inDocumentReview(w)
    const page = await respond(async () =>
      reviewSheet.loader(
        args(await get(`/review/applications/${app.id}`, w.reviewers[0]!.userId), { id: String(app.id) }),
      ),
    )
    const body = (await page.json()) as Record<string, unknown>
    expect(body).toEqual({
      invitation: {
        applicationId: app.id,
        organisationName: '甲公司',
        industry: 'electronics',
        category: { name_zh: '经济', name_en: 'Economy' },
        awardType: 'organisation',
        dueDate: null,
      },
    })
    expect(JSON.stringify(body)).not.toContain('自评')
    const refused = await rejection(
      saveScoreSheet(w.db, {
        applicationId: app.id,
        actor: w.reviewers[0]!,
        expectedVersion: null,
        ...fullSheet(w, 60),
        submit: false,
      }),
    )
    expect(refused.messageKey).toBe('errors.declareFirst')
  })

  it('opens the application once the expert declares no conflict, on the record', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    const accepted = await respond(async () =>
      reviewSheet.action(
        args(await post(`/review/applications/${app.id}`, { intent: 'accept' }, { userId: w.reviewers[0]!.userId }), {
          id: String(app.id),
        }),
      ),
    )
    expect(accepted.status).toBe(302)
    const page = await respond(async () =>
      reviewSheet.loader(
        args(await get(`/review/applications/${app.id}`, w.reviewers[0]!.userId), { id: String(app.id) }),
      ),
    )
    const body = (await page.json()) as { invitation: null; selfAssessment: string[] }
    expect(body.invitation).toBeNull()
    expect(body.selfAssessment).toHaveLength(7)
    const assignment = await w.db
      .selectFrom('assignments')
      .select(['id', 'status', 'responded_at'])
      .where('application_id', '=', app.id)
      .where('reviewer_id', '=', w.reviewers[0]!.userId)
      .executeTakeFirstOrThrow()
    expect(assignment.status).toBe('accepted')
    const audit = await w.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'assignment')
      .where('entity_id', '=', assignment.id)
      .execute()
    expect(audit.map((a) => [a.from_state, a.to_state, a.event, a.actor_user_id])).toEqual([
      ['invited', 'accepted', 'ASSIGNMENT_ACCEPT', w.reviewers[0]!.userId],
    ])
  })

  it('closes the application to an expert who declared a conflict, and asks for the reason beside its field', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    const path = `/review/applications/${app.id}`
    const empty = await respond(async () =>
      reviewSheet.action(
        args(await post(path, { intent: 'conflict', reason: ' ' }, { userId: w.reviewers[1]!.userId }), {
          id: String(app.id),
        }),
      ),
    )
    expect(await empty.json()).toMatchObject({ panel: 'conflict', fieldErrors: { reason: 'errors.required' } })
    const declared = await respond(async () =>
      reviewSheet.action(
        args(
          await post(path, { intent: 'conflict', reason: '曾为其提供咨询服务' }, { userId: w.reviewers[1]!.userId }),
          { id: String(app.id) },
        ),
      ),
    )
    expect(declared.status).toBe(302)
    const page = await respond(async () =>
      reviewSheet.loader(args(await get(path, w.reviewers[1]!.userId), { id: String(app.id) })),
    )
    expect(page.status).toBe(404)
    const row = await w.db
      .selectFrom('assignments')
      .select(['status', 'end_reason'])
      .where('application_id', '=', app.id)
      .where('reviewer_id', '=', w.reviewers[1]!.userId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'recused', end_reason: '曾为其提供咨询服务' })
  })
})
