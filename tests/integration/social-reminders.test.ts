import { describe, expect, it } from 'vitest'
import { createStaffAccount } from '../../db/factories'
import { diskStore } from '#db/attachment-store.server'
import { recordSocialAnswer } from '../../workflows/social/social-evaluation.server'
import { sendSocialReminders, socialReminderKind } from '../../workflows/social/social-reminders.server'
import { socialDepartments } from '../../workflows/social/departments'
import { changeSettings, inDocumentReview, submitSheet, world } from './helpers'

/** 社会评价's due date (issue 22): the review agency is reminded of outstanding answers, once before and once after. */
describe('the social evaluation’s reminders', () => {
  it('fall in the reminder window before the due date, and once after it', () => {
    expect(socialReminderKind('2030-03-01', '2030-03-10', 3)).toBeNull()
    expect(socialReminderKind('2030-03-07', '2030-03-10', 3)).toBe('beforeDue')
    expect(socialReminderKind('2030-03-10', '2030-03-10', 3)).toBe('beforeDue')
    expect(socialReminderKind('2030-03-11', '2030-03-10', 3)).toBe('overdue')
  })

  it('reach the agency once each, naming the answers outstanding, and stop when all are in', async () => {
    const w = await world()
    const agency = await createStaffAccount(w.db, {
      role: 'admin',
      name: '评审机构',
      email: `agency-reminders-${w.cycle.year}@t.example`,
      password: 'password-123',
      offices: ['agency'],
    })
    const app = await inDocumentReview(w)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 80)
    await changeSettings(w, { socialDueDate: '2030-03-10', reminderDaysBefore: 3 })
    await recordSocialAnswer(
      w.db,
      {
        actor: agency,
        applicationId: app.id,
        department: 'tax',
        answer: 'clear',
        note: '',
        letterRef: '',
        letter: { filename: '复函.pdf', bytes: new TextEncoder().encode('%PDF-1.7\n% tax\n') },
      },
      diskStore,
    )
    const reminders = () =>
      w.db
        .selectFrom('outbox')
        .select(['kind', 'payload'])
        .where('recipient', '=', `agency-reminders-${w.cycle.year}@t.example`)
        .where('kind', '=', 'social.REMINDER')
        .execute()

    await sendSocialReminders(w.db, { today: '2030-03-01' })
    expect(await reminders()).toEqual([])
    await sendSocialReminders(w.db, { today: '2030-03-08' })
    await sendSocialReminders(w.db, { today: '2030-03-09' })
    const before = await reminders()
    expect(before).toHaveLength(1)
    expect(before[0]!.kind).toBe('social.REMINDER')
    expect(JSON.parse(before[0]!.payload)).toMatchObject({ reason: String(socialDepartments.length - 1) })
    await sendSocialReminders(w.db, { today: '2030-03-11' })
    await sendSocialReminders(w.db, { today: '2030-03-12' })
    expect(await reminders()).toHaveLength(2)

    // Every answer in: a cycle owing nothing is not reminded (a fresh cycle past its date, to show it).
    const w2 = await world()
    const app2 = await inDocumentReview(w2)
    for (const reviewer of w2.reviewers.slice(0, 3)) await submitSheet(w2, app2.id, reviewer, 80)
    await changeSettings(w2, { socialDueDate: '2030-03-10' })
    for (const department of socialDepartments)
      await recordSocialAnswer(
        w2.db,
        {
          actor: agency,
          applicationId: app2.id,
          department,
          answer: 'clear',
          note: '',
          letterRef: '',
          letter: { filename: '复函.pdf', bytes: new TextEncoder().encode(`%PDF-1.7\n% ${department}\n`) },
        },
        diskStore,
      )
    await sendSocialReminders(w2.db, { today: '2030-03-20' })
    expect(
      await w2.db.selectFrom('social_reminders').selectAll().where('cycle_id', '=', w2.cycle.id).execute(),
    ).toEqual([])
  })
})
