import { describe, expect, it } from 'vitest'
import { getDb } from '#db/client.server'
import { createCompleteDraft } from '#db/factories'
import { applyApplicationEvent, submitApplication } from '#workflows/application/application.server'
import { sendDueReminders } from '#workflows/review/reminders.server'
import { drawForApplication } from '#workflows/review/review.server'
import { acceptInvitation, inDocumentReview, submitSheet, world } from '../integration/helpers'

/**
 * On PostgreSQL transactions really run in parallel (issue 20): the invariants SQLite keeps by running one writer at a
 * time must hold when the requests that test them arrive at the same moment, on connections of their own.
 */
describe('concurrent requests on PostgreSQL', () => {
  it('really run side by side on this database (a pool of several connections)', async () => {
    const { sql } = await import('kysely')
    const db = getDb()
    // Two transactions each waiting for the other to have started: only possible with two connections at once.
    const started: string[] = []
    const both = Promise.all(
      ['a', 'b'].map((name) =>
        db.transaction().execute(async (trx) => {
          started.push(name)
          for (let i = 0; i < 50 && started.length < 2; i++) await sql`select pg_sleep(0.02)`.execute(trx)
          return started.length
        }),
      ),
    )
    expect(await both).toEqual([2, 2])
  })

  it('gives one winner when the same step is posted twice with the same version', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const { version } = await submitApplication(w.db, {
      applicationId: draft.id,
      actor: w.applicant,
      expectedVersion: draft.version,
    })
    const outcomes = await Promise.allSettled(
      [1, 2].map(() =>
        applyApplicationEvent(w.db, {
          applicationId: draft.id,
          actor: w.admin,
          event: { type: 'START_ELIGIBILITY_REVIEW' },
          expectedVersion: version,
        }),
      ),
    )
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected'])
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult
    expect(refused.reason).toMatchObject({ status: 409 })
    const returns = await w.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'application')
      .where('entity_id', '=', draft.id)
      .where('event', '=', 'START_ELIGIBILITY_REVIEW')
      .execute()
    expect(returns).toHaveLength(1)
  })

  it('completes the document review exactly once when the last sheets arrive at the same moment', async () => {
    const w = await world()
    const reviewers = w.reviewers.slice(0, 3)
    const app = await inDocumentReview(w, w.applicant, reviewers)
    for (const reviewer of reviewers) await acceptInvitation(w, app.id, reviewer)
    await submitSheet(w, app.id, reviewers[0]!, 70)
    await Promise.all([submitSheet(w, app.id, reviewers[1]!, 75), submitSheet(w, app.id, reviewers[2]!, 80)])
    const application = await w.db
      .selectFrom('applications')
      .select('status')
      .where('id', '=', app.id)
      .executeTakeFirstOrThrow()
    expect(application.status).toBe('scored')
    const completions = await w.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'application')
      .where('entity_id', '=', app.id)
      .where('to_state', '=', 'scored')
      .execute()
    expect(completions).toHaveLength(1)
    const sheets = await w.db
      .selectFrom('application_standings')
      .select('sheets')
      .where('application_id', '=', app.id)
      .executeTakeFirstOrThrow()
    expect(sheets.sheets).toBe(3)
  })

  it('sends each review reminder once when two processes run the job at the same moment', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    await w.db.updateTable('assignments').set({ due_date: '2030-06-30' }).where('application_id', '=', app.id).execute()
    const runs = await Promise.all([1, 2, 3].map(() => sendDueReminders(w.db, { today: '2030-06-28' })))
    expect(runs.reduce((sum, run) => sum + run.assignments, 0)).toBe(3)
    const sent = await w.db.selectFrom('outbox').select('recipient').where('kind', '=', 'review.REMINDER').execute()
    expect(sent).toHaveLength(3)
    expect(new Set(sent.map((m) => m.recipient)).size).toBe(3)
  })

  it('never gives an expert more places than the cap when two draws run at the same moment', async () => {
    const w = await world()
    await w.db
      .updateTable('cycles')
      .set({ reviewers_per_application: 2, expert_load_cap: 1 })
      .where('id', '=', w.cycle.id)
      .execute()
    const first = await inDocumentReview(w, w.applicant, [])
    const second = await inDocumentReview(w, w.otherApplicant, [])
    // Four experts, a cap of one each, two places per application: exactly enough, if neither draw sees stale loads.
    const draws = await Promise.allSettled([
      drawForApplication(w.db, { applicationId: first.id, actor: w.admin, seed: 1 }),
      drawForApplication(w.db, { applicationId: second.id, actor: w.admin, seed: 1 }),
    ])
    expect(draws.map((d) => d.status)).toEqual(['fulfilled', 'fulfilled'])
    const places = await w.db
      .selectFrom('assignments')
      .select(['reviewer_id', 'application_id'])
      .where('application_id', 'in', [first.id, second.id])
      .where('ended_at', 'is', null)
      .execute()
    const perExpert = new Map<number, number>()
    for (const place of places) perExpert.set(place.reviewer_id, (perExpert.get(place.reviewer_id) ?? 0) + 1)
    expect(Math.max(...perExpert.values())).toBe(1)
    expect(places).toHaveLength(4)
  })
})
