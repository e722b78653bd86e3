import { describe, expect, it } from 'vitest'
import { createCompleteDraft } from '../../db/factories'
import { listAdministratorEmails } from '../../db/repositories/users'
import { submitApplication } from '../../workflows/application/application.server'
import { digestWeek, sendWeeklyDigest } from '../../workflows/notifications/digest.server'
import { inboxMessage } from '../../workflows/notifications/messages'
import { inDocumentReview, submitSheet, world } from './helpers'

// 4 March 2030 is a Monday; times are UTC, Beijing is 8 hours ahead.
const mondayBefore9 = '2030-03-04T00:30:00.000Z' // 08:30 Beijing
const monday915 = '2030-03-04T01:15:00.000Z' // 09:15 Beijing
const thursday = '2030-03-07T06:00:00.000Z'
const nextMonday = '2030-03-11T01:15:00.000Z'

describe('the week of a digest', () => {
  it('is the Beijing Monday, due from 09:00 that day until the week ends', () => {
    expect(digestWeek(mondayBefore9)).toEqual({ weekOf: '2030-03-04', due: false })
    expect(digestWeek(monday915)).toEqual({ weekOf: '2030-03-04', due: true })
    // Sunday 23:30 Beijing is still the week of 4 March, though it is Sunday 15:30 in UTC.
    expect(digestWeek('2030-03-10T15:30:00.000Z')).toEqual({ weekOf: '2030-03-04', due: true })
    // Monday 07:00 Beijing is Sunday 23:00 UTC: the new week, not yet due.
    expect(digestWeek('2030-03-10T23:00:00.000Z')).toEqual({ weekOf: '2030-03-11', due: false })
  })
})

describe('the secretariat\u2019s weekly digest', () => {
  it('goes to every secretariat member once a week from Monday 09:00, even with two schedulers racing, with the cycle\u2019s figures', async () => {
    const w = await world()
    await w.db.deleteFrom('digests').execute()
    // One application in document review with a review past its due date and two sheets in; one submitted this week.
    const reviewed = await inDocumentReview(w, w.applicant)
    await w.db
      .updateTable('assignments')
      .set({ due_date: '2030-03-01' })
      .where('application_id', '=', reviewed.id)
      .execute()
    for (const reviewer of w.reviewers.slice(0, 2)) await submitSheet(w, reviewed.id, reviewer, 70)
    const draft = await createCompleteDraft(w.db, w.otherApplicant, w.cycle.id, {
      categoryCode: 'culture',
      evidence: true,
    })
    await submitApplication(w.db, {
      applicationId: draft.id,
      actor: w.otherApplicant,
      expectedVersion: draft.version,
      now: '2030-03-02T02:00:00.000Z',
    })

    expect(await sendWeeklyDigest(w.db, { now: mondayBefore9 })).toBe(0)
    const admins = await listAdministratorEmails(w.db)
    const [a, b] = await Promise.all([
      sendWeeklyDigest(w.db, { now: monday915 }),
      sendWeeklyDigest(w.db, { now: monday915 }),
    ])
    expect(a + b).toBe(admins.length)
    expect(await sendWeeklyDigest(w.db, { now: thursday })).toBe(0)

    const digests = await w.db
      .selectFrom('outbox')
      .select(['recipient', 'payload'])
      .where('kind', '=', 'secretariat.DIGEST')
      .execute()
    expect(digests.map((d) => d.recipient).sort()).toEqual([...admins].sort())
    const mine = digests.find((d) => d.recipient === `admin${w.cycle.year}@t.example`)!
    // Each language on its own: the inbox shows the reader's, the e-mail both, never one line mixing the two.
    expect(JSON.parse(mine.payload).reason).toEqual({
      zh: [
        '过去7天新提交：1',
        '待资格审核：1',
        '材料评审中：1',
        '逾期未完成的评审：1（1 位专家）',
        '待委员会审定：0',
        '待处理的异议：0',
      ].join('\n'),
      en: [
        'Submitted in the last 7 days: 1',
        'Awaiting the eligibility review: 1',
        'In document review: 1',
        'Overdue reviews: 1 (experts: 1)',
        'Awaiting the committee: 0',
        'Open objections: 0',
      ].join('\n'),
    })
    // The inbox shows it with a link to the desk.
    expect(inboxMessage('secretariat.DIGEST', mine.payload)).toMatchObject({
      link: '/admin',
      detail: { zh: '本周概况', en: 'This week' },
    })

    // The next week, again once.
    expect(await sendWeeklyDigest(w.db, { now: nextMonday })).toBe(admins.length)
    expect(
      await w.db.selectFrom('outbox').select('id').where('kind', '=', 'secretariat.DIGEST').execute(),
    ).toHaveLength(admins.length * 2)
  })
})
