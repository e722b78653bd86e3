import { describe, expect, it } from 'vitest'
import * as progress from '~/routes/admin.experts.progress'
import * as desk from '~/routes/admin._index'
import { respondToAssignment } from '../../workflows/review/review.server'
import { inDocumentReview, submitSheet, world } from '../integration/helpers'
import { args, get, post, respond } from './http'

interface Row {
  reviewerId: number
  invited: number
  accepted: number
  inProgress: number
  submitted: number
  overdue: number
}

describe('review progress', () => {
  it("counts each expert's reviews by state, marks the overdue ones, and sends a reminder only where something is open", async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    await submitSheet(w, app.id, w.reviewers[0]!, 70)
    await w.db.updateTable('assignments').set({ due_date: '2000-01-01' }).where('application_id', '=', app.id).execute()
    const page = await respond(async () => progress.loader(args(await get('/admin/experts/progress', w.admin.userId))))
    const rows = ((await page.json()) as { progress: Row[] }).progress
    const of = (i: number) => rows.find((r) => r.reviewerId === w.reviewers[i]!.userId)!
    expect(of(0)).toMatchObject({ submitted: 1, overdue: 0 })
    expect(of(1)).toMatchObject({ invited: 1, overdue: 1 })

    const reminded = await respond(async () =>
      progress.action(
        args(
          await post(
            '/admin/experts/progress',
            { intent: 'remind', reviewerId: String(w.reviewers[1]!.userId) },
            { userId: w.admin.userId },
          ),
        ),
      ),
    )
    expect(reminded.status).toBe(302)
    const email = (
      await w.db.selectFrom('users').select('email').where('id', '=', w.reviewers[1]!.userId).executeTakeFirstOrThrow()
    ).email
    expect(
      await w.db
        .selectFrom('outbox')
        .select(['kind', 'payload'])
        .where('recipient', '=', email)
        .where('kind', '=', 'review.REMINDER')
        .execute(),
    ).toEqual([{ kind: 'review.REMINDER', payload: JSON.stringify({ applicationId: 0, reason: '1' }) }])
    const nothing = await respond(async () =>
      progress.action(
        args(
          await post(
            '/admin/experts/progress',
            { intent: 'remind', reviewerId: String(w.reviewers[0]!.userId) },
            { userId: w.admin.userId },
          ),
        ),
      ),
    )
    expect(await nothing.json()).toMatchObject({ messageKey: 'errors.nothingToRemind', panel: 'progress' })
  })

  it('reminds every overdue expert at once, each once and on the record, and says when nobody is overdue', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    await submitSheet(w, app.id, w.reviewers[0]!, 70)
    const remindAll = async () =>
      respond(async () =>
        progress.action(
          args(await post('/admin/experts/progress', { intent: 'remindOverdue' }, { userId: w.admin.userId })),
        ),
      )
    // Nothing overdue yet: refused in the panel, nothing sent.
    const early = await remindAll()
    expect(await early.json()).toMatchObject({ messageKey: 'errors.nobodyOverdue', panel: 'progress' })
    await w.db.updateTable('assignments').set({ due_date: '2000-01-01' }).where('application_id', '=', app.id).execute()
    expect((await remindAll()).status).toBe(302)
    const emails = await w.db
      .selectFrom('users')
      .select(['id', 'email'])
      .where(
        'id',
        'in',
        w.reviewers.slice(0, 3).map((r) => r.userId),
      )
      .execute()
    const reminders = await w.db
      .selectFrom('outbox')
      .select(['recipient', 'payload'])
      .where('kind', '=', 'review.REMINDER')
      .where(
        'recipient',
        'in',
        emails.map((e) => e.email),
      )
      .execute()
    // 专家1 and 专家2 are overdue (one review each); 专家0 submitted and is not reminded.
    const email = (i: number) => emails.find((e) => e.id === w.reviewers[i]!.userId)!.email
    expect(reminders.map((r) => r.recipient).sort()).toEqual([email(1), email(2)].sort())
    expect(new Set(reminders.map((r) => r.payload))).toEqual(
      new Set([JSON.stringify({ applicationId: 0, reason: '1' })]),
    )
    expect(
      await w.db
        .selectFrom('audit_log')
        .select('entity_id')
        .where('event', '=', 'REMIND_EXPERT')
        .where('actor_user_id', '=', w.admin.userId)
        .execute(),
    ).toHaveLength(2)
    // A reviewer may not.
    const reviewer = await respond(async () =>
      progress.action(
        args(await post('/admin/experts/progress', { intent: 'remindOverdue' }, { userId: w.reviewers[3]!.userId })),
      ),
    )
    expect(reviewer.status).toBe(403)
  })

  it('draws for a whole category from the page, and says when the pool is too small', async () => {
    const w = await world()
    await w.db.updateTable('cycles').set({ reviewers_per_application: 3 }).where('id', '=', w.cycle.id).execute()
    const first = await inDocumentReview(w, w.applicant, [])
    const second = await inDocumentReview(w, w.otherApplicant, [])
    const post$ = async (fields: Record<string, string>) =>
      respond(async () =>
        progress.action(args(await post('/admin/experts/progress', fields, { userId: w.admin.userId }))),
      )
    const drawn = await post$({ intent: 'drawCategory', categoryCode: 'economy' })
    expect(drawn.status).toBe(302)
    for (const id of [first.id, second.id]) {
      expect(await w.db.selectFrom('assignments').select('id').where('application_id', '=', id).execute()).toHaveLength(
        3,
      )
    }
    // Five per application from a pool of four: refused, naming how many are missing, nothing drawn.
    await w.db.updateTable('cycles').set({ reviewers_per_application: 5 }).where('id', '=', w.cycle.id).execute()
    const short = await post$({ intent: 'drawCategory', categoryCode: 'economy' })
    expect(short.status).toBe(409)
    expect(await short.json()).toMatchObject({
      messageKey: 'errors.poolTooSmall',
      vars: { missing: 2, applications: '甲公司（1）、乙公司（1）' },
      panel: 'category-draw',
    })
    expect(
      await w.db.selectFrom('assignments').select('id').where('application_id', 'in', [first.id, second.id]).execute(),
    ).toHaveLength(6)
    const unknown = await post$({ intent: 'drawCategory', categoryCode: 'toString' })
    expect(await unknown.json()).toMatchObject({ fieldErrors: { categoryCode: 'errors.unknownCategory' } })
  })

  it('marks on the desk an application left short of experts by a conflict the pool could not replace', async () => {
    const w = await world()
    await w.db.updateTable('cycles').set({ reviewers_per_application: 4 }).where('id', '=', w.cycle.id).execute()
    const app = await inDocumentReview(w, w.applicant, w.reviewers)
    const missing = async () =>
      (
        (await (await respond(async () => desk.loader(args(await get('/admin', w.admin.userId))))).json()) as {
          expertsMissing: Record<string, number>
        }
      ).expertsMissing
    expect(await missing()).toEqual({})
    await respondToAssignment(w.db, {
      applicationId: app.id,
      actor: w.reviewers[2]!,
      answer: 'conflict',
      reason: '近亲属在该单位任职',
    })
    expect(await missing()).toEqual({ [app.id]: 1 })
  })
})
