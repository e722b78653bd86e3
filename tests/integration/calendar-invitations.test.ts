import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { deliverOutbox } from '../../workflows/notifications/outbox.server'
import { scheduleDefence } from '../../workflows/stages/defence.server'
import { httpEmailSender } from '~/utils/email.server'
import { type CapturedEmail, emailProvider, emailProviderUrl } from '../msw/email-provider'
import { beforeSlots, inDocumentReview, shortlistEconomy, submitSheet, throughSecondHalf, world } from './helpers'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const calendarOf = (email: CapturedEmail) => {
  const [file] = email.attachments ?? []
  return file ? { ...file, text: Buffer.from(file.content, 'base64').toString('utf8') } : null
}

/** Issue 24: a defence slot reaches the applicant and the panel as a calendar invitation, updated when it moves. */
describe('calendar invitations by e-mail', () => {
  it('sends the slot as an .ics the calendar keeps by its UID, and a moved slot with a higher SEQUENCE', async () => {
    const w = await world()
    await w.db
      .updateTable('cycles')
      .set({ shortlist_size: 1, defence_panel_size: 3 })
      .where('id', '=', w.cycle.id)
      .execute()
    const application = await inDocumentReview(w)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, application.id, reviewer, 80)
    await shortlistEconomy(w, [application.id])
    const captured: CapturedEmail[] = []
    server.use(emailProvider(captured))
    const deliver = async () => {
      captured.length = 0
      await deliverOutbox(w.db, httpEmailSender(emailProviderUrl, 'key-1'), { baseUrl: 'https://award.test' })
      return [...captured]
    }
    await deliver()
    const schedule = async (startsAt: string, place: string) =>
      scheduleDefence(w.db, {
        applicationId: application.id,
        startsAt,
        minutes: 40,
        place,
        actor: w.admin,
        now: beforeSlots,
        expectedVersion: (await loadApplicationForUpdate(w.db, application.id))!.version,
        seed: 5,
      })
    const panel = await schedule('2030-03-02T09:00', '市民中心B区301')
    const emailOf = async (userId: number) =>
      (await w.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email
    const applicantEmail = await emailOf(w.applicant.userId)
    const panelEmails = await Promise.all(panel.map(emailOf))

    const first = await deliver()
    const toApplicant = first.find((e) => e.to === applicantEmail && calendarOf(e))!
    const invitation = calendarOf(toApplicant)!
    expect(invitation).toMatchObject({
      filename: 'defence.ics',
      contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    })
    expect(invitation.text).toContain('METHOD:PUBLISH')
    expect(invitation.text).toContain(`UID:defence-${application.id}@szmqa`)
    expect(invitation.text).toContain('SEQUENCE:0')
    // 09:00 in Beijing is 01:00 UTC.
    expect(invitation.text).toMatch(/DTSTART:20300302T010000Z/)
    expect(invitation.text).toContain('LOCATION:市民中心B区301')
    expect(invitation.text).toContain(`URL:https://award.test/applicant/applications/${application.id}`)
    // Each panel member's e-mail carries it too, linking to their sheet.
    for (const email of panelEmails) {
      const theirs = calendarOf(first.find((e) => e.to === email)!)!
      expect(theirs.text).toContain(`UID:defence-${application.id}@szmqa`)
      expect(theirs.text).toContain(`URL:https://award.test/review/defence/${application.id}`)
    }
    // A message about no slot carries nothing.
    expect(first.filter((e) => !calendarOf(e)).every((e) => !e.text.includes('答辩安排'))).toBe(true)

    // Moved: the same UID, one more SEQUENCE, the new time; the panel, which stays, is told of the move.
    await schedule('2030-03-03T14:00', '市民中心C区105')
    const moved = await deliver()
    const update = calendarOf(moved.find((e) => e.to === applicantEmail && calendarOf(e))!)!
    expect(update.text).toContain(`UID:defence-${application.id}@szmqa`)
    expect(update.text).toContain('SEQUENCE:1')
    expect(update.text).toMatch(/DTSTART:20300303T060000Z/)
    expect(update.text).toContain('LOCATION:市民中心C区105')
    for (const email of panelEmails) {
      const told = moved.find((e) => e.to === email)
      expect(told?.text).toContain('时间或地点已变更')
      expect(calendarOf(told!)!.text).toContain('SEQUENCE:1')
    }
  })

  it('sends a site visit as an all-day event on its Beijing day, to the applicant and the team', async () => {
    const w = await world()
    await w.db.updateTable('cycles').set({ shortlist_size: 1 }).where('id', '=', w.cycle.id).execute()
    const application = await inDocumentReview(w)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, application.id, reviewer, 80)
    await shortlistEconomy(w, [application.id])
    const captured: CapturedEmail[] = []
    server.use(emailProvider(captured))
    await deliverOutbox(w.db, httpEmailSender(emailProviderUrl, 'key-1'), { baseUrl: 'https://award.test' })
    captured.length = 0
    const { team } = await throughSecondHalf(w, application.id, { defence: 80 }, { stopBeforeSiteVisitSheet: true })
    await deliverOutbox(w.db, httpEmailSender(emailProviderUrl, 'key-1'), { baseUrl: 'https://award.test' })
    const visits = captured.map(calendarOf).filter((file) => file?.filename === 'site-visit.ics')
    // The applicant and each member of the team of two.
    expect(visits).toHaveLength(1 + team.length)
    const visit = await w.db
      .selectFrom('site_visits')
      .select('visit_date')
      .where('application_id', '=', application.id)
      .executeTakeFirstOrThrow()
    for (const file of visits) {
      expect(file!.text).toContain(`UID:site-visit-${application.id}@szmqa`)
      expect(file!.text).toContain(`DTSTART;VALUE=DATE:${visit.visit_date.replaceAll('-', '')}`)
    }
  })
})
