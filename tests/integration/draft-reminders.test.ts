import { describe, expect, it } from 'vitest'
import { createApplicantAccount, createCompleteDraft } from '../../db/factories'
import { sendDraftReminders } from '../../workflows/application/draft-reminders.server'
import { submitApplication } from '../../workflows/application/application.server'
import { world } from './helpers'

/** A cycle whose deadline is 10 March 2030, 23:59:59 Beijing time, with two drafts started on 1 March. */
async function beforeDeadline() {
  const w = await world()
  await w.db
    .updateTable('cycles')
    .set({ submission_deadline: '2030-03-10T15:59:59.999Z' })
    .where('id', '=', w.cycle.id)
    .execute()
  const started = '2030-03-01T02:00:00.000Z'
  const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id, { now: started })
  const other = await createCompleteDraft(w.db, w.otherApplicant, w.cycle.id, { now: started })
  const told = async (applicationId: number) =>
    (
      await w.db
        .selectFrom('outbox')
        .select(['recipient', 'payload'])
        .where('kind', '=', 'application.DRAFT_REMINDER')
        .execute()
    ).filter((m) => JSON.parse(m.payload).applicationId === applicationId)
  return { w, draft, other, told }
}

describe('deadline reminders to applicants with a draft', () => {
  it('reminds 7 days and 1 day before the deadline, each once, even when two schedulers race', async () => {
    const { w, draft, other, told } = await beforeDeadline()
    // 2 March (Beijing): 8 days left, nothing yet.
    expect(await sendDraftReminders(w.db, { now: '2030-03-02T02:00:00.000Z' })).toBe(0)
    // 3 March: a week left. Two processes run the job at the same moment: one reminder per draft.
    const [a, b] = await Promise.all([
      sendDraftReminders(w.db, { now: '2030-03-03T02:00:00.000Z' }),
      sendDraftReminders(w.db, { now: '2030-03-03T02:00:00.000Z' }),
    ])
    expect(a + b).toBe(2)
    expect(await told(draft.id)).toEqual([
      {
        recipient: `a-${w.cycle.year}@t.example`,
        payload: JSON.stringify({ applicationId: draft.id, reason: '2030-03-10 23:59' }),
      },
    ])
    expect(await sendDraftReminders(w.db, { now: '2030-03-05T02:00:00.000Z' })).toBe(0)
    // One of them submits; on 9 March only the other is reminded again.
    await submitApplication(w.db, {
      applicationId: other.id,
      actor: w.otherApplicant,
      expectedVersion: other.version,
      now: '2030-03-06T02:00:00.000Z',
    })
    expect(await sendDraftReminders(w.db, { now: '2030-03-09T02:00:00.000Z' })).toBe(1)
    expect(await told(draft.id)).toHaveLength(2)
    expect(await told(other.id)).toHaveLength(1)
    expect(await sendDraftReminders(w.db, { now: '2030-03-09T12:00:00.000Z' })).toBe(0)
    // After the deadline, nothing.
    expect(await sendDraftReminders(w.db, { now: '2030-03-11T02:00:00.000Z' })).toBe(0)
  })

  it('sends one reminder, not two, for a draft first seen on the last day', async () => {
    const { w } = await beforeDeadline()
    const late = await createApplicantAccount(w.db, {
      n: w.cycle.year * 10 + 5,
      name: '迟到公司',
      email: `late-${w.cycle.year}@t.example`,
      password: 'password-123',
    })
    const draft = await createCompleteDraft(w.db, late, w.cycle.id, { now: '2030-03-09T01:00:00.000Z' })
    await sendDraftReminders(w.db, { now: '2030-03-09T02:00:00.000Z' })
    const messages = await w.db
      .selectFrom('outbox')
      .select('payload')
      .where('kind', '=', 'application.DRAFT_REMINDER')
      .where('recipient', '=', `late-${w.cycle.year}@t.example`)
      .execute()
    expect(messages.map((m) => JSON.parse(m.payload).applicationId)).toEqual([draft.id])
  })
})
