import { describe, expect, it } from 'vitest'
import * as page from '~/routes/admin.applications.$id/route'
import { declareConflict } from '../../workflows/review/review.server'
import { advisedUntilLastYear, inDocumentReview, submitSheet, world } from '../integration/helpers'
import { args, get, post, respond } from './http'

describe('the secretariat\u2019s application page', () => {
  it('offers experts to add by hand only while the application is in document review', async () => {
    const w = await world()
    const app = await inDocumentReview(w, w.applicant, w.reviewers.slice(0, 2))
    const open = async () =>
      (await (
        await respond(async () =>
          page.loader(args(await get(`/admin/applications/${app.id}`, w.admin.userId), { id: String(app.id) })),
        )
      ).json()) as { reviewers: Array<{ id: number }> }
    // In document review: the experts not on it yet.
    expect((await open()).reviewers.map((r) => r.id)).toEqual(
      expect.arrayContaining(w.reviewers.slice(2).map((r) => r.userId)),
    )
    for (const reviewer of w.reviewers.slice(0, 2)) await submitSheet(w, app.id, reviewer, 70)
    await w.db.updateTable('applications').set({ status: 'scored' }).where('id', '=', app.id).execute()
    expect((await open()).reviewers).toEqual([])
  })

  it('warns beside a drawn expert who has not set a password yet and so cannot log in to answer', async () => {
    const w = await world()
    const app = await inDocumentReview(w, w.applicant, w.reviewers.slice(0, 2))
    // As an imported expert is until the invitation is used: no usable password hash.
    await w.db.updateTable('users').set({ password_hash: 'invited' }).where('id', '=', w.reviewers[1]!.userId).execute()
    const data = (await (
      await respond(async () =>
        page.loader(args(await get(`/admin/applications/${app.id}`, w.admin.userId), { id: String(app.id) })),
      )
    ).json()) as { assignments: Array<{ reviewer_name: string; canLogIn: boolean }> }
    expect(data.assignments.map((a) => [a.reviewer_name, a.canLogIn])).toEqual([
      ['专家0', true],
      ['专家1', false],
    ])
  })
})

describe('the self-assessment on the secretariat\u2019s page', () => {
  it('shows each section\u2019s length there and the full text on its own page', async () => {
    const fullText = await import('~/routes/admin.applications.$id_.self-assessment')
    const w = await world()
    const app = await inDocumentReview(w, w.applicant)
    const data = (await (
      await respond(async () =>
        page.loader(args(await get(`/admin/applications/${app.id}`, w.admin.userId), { id: String(app.id) })),
      )
    ).json()) as { values: { selfAssessment: { sections: string[] } }; sectionCharacters: number[] }
    const stored = await w.db
      .selectFrom('application_texts')
      .select('self_assessment')
      .where('application_id', '=', app.id)
      .executeTakeFirstOrThrow()
    const sections = (JSON.parse(stored.self_assessment!) as { sections: string[] }).sections
    expect(data.values.selfAssessment.sections).toEqual([])
    expect(data.sectionCharacters).toHaveLength(7)
    expect(data.sectionCharacters[0]).toBeGreaterThan(0)
    const full = (await (
      await respond(async () =>
        fullText.loader(
          args(await get(`/admin/applications/${app.id}/self-assessment`, w.admin.userId), { id: String(app.id) }),
        ),
      )
    ).json()) as { sections: Array<{ code: string; text: string }> }
    expect(full.sections.map((s) => s.text)).toEqual(sections.slice(0, 7))
    expect(full.sections[0]!.code).toBe('4.1')
    const other = await respond(async () =>
      fullText.loader(
        args(await get(`/admin/applications/${app.id}/self-assessment`, w.applicant.userId), { id: String(app.id) }),
      ),
    )
    expect(other.status).toBe(403)
  })
})

describe('the consensus sheet within the threshold', () => {
  it('is drawn only when asked for', async () => {
    const w = await world()
    const app = await inDocumentReview(w, w.applicant)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 70)
    const open = async (query: string) =>
      (await (
        await respond(async () =>
          page.loader(args(await get(`/admin/applications/${app.id}${query}`, w.admin.userId), { id: String(app.id) })),
        )
      ).json()) as {
        consensusFormAsked: boolean
        consensus: { required: boolean; items: unknown[]; suggested: Record<string, number> }
        stages: { shown: boolean; view: unknown }
      }
    const plain = await open('')
    expect(plain).toMatchObject({ consensusFormAsked: false, consensus: { required: false } })
    // Not drawn, so neither its 23 items nor the suggestions (read from every item score) are sent.
    expect(plain.consensus.items).toEqual([])
    // Scored and not yet shortlisted: the second half's panel is neither shown nor read.
    expect(plain.stages).toMatchObject({ shown: false, view: null })
    const asked = await open('?consensus=1')
    expect(asked.consensusFormAsked).toBe(true)
    expect(asked.consensus.items).toHaveLength(w.tree.categories.flatMap((c) => c.items).length)
    expect(new Set(Object.values(asked.consensus.suggested))).toEqual(new Set([70]))
  })

  it('lists the experts to name by hand with their load against the cap, their conflicts and whether they can log in', async () => {
    const w = await world()
    // 专家0 and 专家1 drawn; 专家1 then declares a conflict with the applicant.
    const app = await inDocumentReview(w, w.applicant, w.reviewers.slice(0, 2))
    await declareConflict(w.db, { applicationId: app.id, actor: w.reviewers[1]!, reason: '亲属在该单位任职' })
    // 专家2 advised the applicant until last year; 专家3 has not set a password; the cap is 1 this cycle.
    await advisedUntilLastYear(w, w.reviewers[2]!)
    await w.db.updateTable('users').set({ password_hash: 'invited' }).where('id', '=', w.reviewers[3]!.userId).execute()
    await w.db.updateTable('cycles').set({ expert_load_cap: 1 }).where('id', '=', w.cycle.id).execute()
    const data = (await (
      await respond(async () =>
        page.loader(args(await get(`/admin/applications/${app.id}`, w.admin.userId), { id: String(app.id) })),
      )
    ).json()) as {
      reviewers: Array<{
        id: number
        load: number
        cap: number
        conflicts: Array<{ kind: string; name: string }>
        declaredConflict: boolean
        canLogIn: boolean
      }>
    }
    const of = (i: number) => data.reviewers.find((r) => r.id === w.reviewers[i]!.userId)
    // 专家0 is on the application: not offered again.
    expect(of(0)).toBeUndefined()
    expect(of(1)).toMatchObject({ declaredConflict: true, conflicts: [] })
    expect(of(2)).toMatchObject({ conflicts: [{ kind: 'consultingClient', name: '甲公司' }], load: 0, cap: 1 })
    expect(of(3)).toMatchObject({ canLogIn: false, conflicts: [], declaredConflict: false, load: 0 })
    // The load counts the expert's active reviews in this cycle: 专家0 has one, at the cap of 1.
    const other = await inDocumentReview(w, w.otherApplicant, [w.reviewers[3]!])
    const onOther = (await (
      await respond(async () =>
        page.loader(args(await get(`/admin/applications/${other.id}`, w.admin.userId), { id: String(other.id) })),
      )
    ).json()) as { reviewers: Array<{ id: number; load: number; cap: number }> }
    expect(onOther.reviewers.find((r) => r.id === w.reviewers[0]!.userId)).toMatchObject({ load: 1, cap: 1 })
  })

  it("does not take an expert off another application than the page's (404, nothing changed)", async () => {
    const w = await world()
    const mine = await inDocumentReview(w, w.applicant, w.reviewers.slice(0, 2))
    const other = await inDocumentReview(w, w.otherApplicant, w.reviewers.slice(2, 4))
    const elsewhere = await w.db
      .selectFrom('assignments')
      .select(['id', 'status'])
      .where('application_id', '=', other.id)
      .executeTakeFirstOrThrow()
    const response = await respond(async () =>
      page.action(
        args(
          await post(
            `/admin/applications/${mine.id}`,
            {
              intent: 'removeAssignment',
              assignmentId: String(elsewhere.id),
              reason: '不可用',
              redraw: 'no',
              version: String(mine.version),
            },
            { userId: w.admin.userId },
          ),
          { id: String(mine.id) },
        ),
      ),
    )
    expect(response.status).toBe(404)
    const after = await w.db
      .selectFrom('assignments')
      .select('status')
      .where('id', '=', elsewhere.id)
      .executeTakeFirstOrThrow()
    expect(after.status).toBe(elsewhere.status)
  })
})
