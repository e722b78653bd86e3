import { describe, expect, it } from 'vitest'
import { sendDueReminders } from '../../workflows/review/reminders.server'
import { inDocumentReview, submitSheet, world } from './helpers'

const reminders = (w: Awaited<ReturnType<typeof world>>) =>
  w.db
    .selectFrom('outbox')
    .select(['recipient', 'payload'])
    .where('kind', '=', 'review.REMINDER')
    .orderBy('id')
    .execute()

describe('automatic review reminders before the due date', () => {
  it("reminds each expert with open reviews once, inside the cycle's window, and never twice", async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    await submitSheet(w, app.id, w.reviewers[0]!, 70)
    await w.db.updateTable('assignments').set({ due_date: '2030-06-30' }).where('application_id', '=', app.id).execute()
    const before = (await reminders(w)).length
    // Four days before, with a window of three: nothing yet.
    expect(await sendDueReminders(w.db, { today: '2030-06-26' })).toEqual({ experts: 0, assignments: 0 })
    // Three days before: the two experts still open are reminded; the one who submitted is not.
    expect(await sendDueReminders(w.db, { today: '2030-06-27' })).toEqual({ experts: 2, assignments: 2 })
    const sent = (await reminders(w)).slice(before)
    const emails = await w.db
      .selectFrom('users')
      .select(['id', 'email'])
      .where(
        'id',
        'in',
        w.reviewers.slice(1, 3).map((r) => r.userId),
      )
      .execute()
    expect(sent.map((m) => m.recipient).sort()).toEqual(emails.map((e) => e.email).sort())
    expect(sent.every((m) => JSON.parse(m.payload).reason === '1')).toBe(true)
    // The next run, and a second process running the same job, find them claimed.
    expect(
      await Promise.all([
        sendDueReminders(w.db, { today: '2030-06-28' }),
        sendDueReminders(w.db, { today: '2030-06-28' }),
      ]),
    ).toEqual([
      { experts: 0, assignments: 0 },
      { experts: 0, assignments: 0 },
    ])
    expect((await reminders(w)).length).toBe(before + 2)
  })

  it('leaves alone reviews past their due date, with no due date, or of a published cycle', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    await w.db.updateTable('assignments').set({ due_date: '2030-06-30' }).where('application_id', '=', app.id).execute()
    expect(await sendDueReminders(w.db, { today: '2030-07-01' })).toEqual({ experts: 0, assignments: 0 })
    await w.db.updateTable('assignments').set({ due_date: null }).where('application_id', '=', app.id).execute()
    expect(await sendDueReminders(w.db, { today: '2030-06-29' })).toEqual({ experts: 0, assignments: 0 })
  })
})
