/**
 * Issue 24: the award's dates in the reader's own calendar. `/calendar.ics` holds an applicant's defence and site
 * visit, an expert's seats (only the stage of each seat), nobody else's; times in UTC from Beijing's; links from
 * PUBLIC_URL only, whatever Host the request names.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as calendar from '~/routes/calendar[.]ics'
import { resetEnvForTests } from '~/utils/env.server'
import { inDocumentReview, shortlistEconomy, submitSheet, throughSecondHalf, world } from '../integration/helpers'
import { args, get, origin, respond } from './http'

afterEach(() => {
  vi.unstubAllEnvs()
  resetEnvForTests()
})

async function scheduled() {
  const w = await world()
  await w.db.updateTable('cycles').set({ shortlist_size: 1 }).where('id', '=', w.cycle.id).execute()
  const app = await inDocumentReview(w, w.applicant)
  for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 80)
  await shortlistEconomy(w, [app.id])
  const { panel, team } = await throughSecondHalf(w, app.id, { defence: 80 }, { stopBeforeSiteVisitSheet: true })
  return { w, app, panel, team }
}

async function calendarOf(userId: number, headers: Record<string, string> = {}) {
  const request = await get('/calendar.ics', userId)
  for (const [name, value] of Object.entries(headers)) request.headers.set(name, value)
  return respond(async () => calendar.loader(args(request)))
}

describe('the award calendar (.ics)', () => {
  it('gives the applicant its defence and site visit, in UTC from Beijing time, linked from PUBLIC_URL only', async () => {
    vi.stubEnv('PUBLIC_URL', 'https://award.example')
    resetEnvForTests()
    const { w, app } = await scheduled()
    const response = await calendarOf(w.applicant.userId, { host: 'evil.example', 'x-forwarded-host': 'evil.example' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="award-calendar.ics"')
    const text = await response.text()
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2)
    // The defence at 09:00 Beijing time on 2 March 2030 is 01:00 UTC, for 40 minutes.
    expect(text).toContain(`UID:defence-${app.id}@szmqa`)
    expect(text).toContain('DTSTART:20300302T010000Z')
    expect(text).toContain('DURATION:PT40M')
    expect(text).toContain('SUMMARY:集中答辩：甲公司')
    expect(text).toContain('LOCATION:市民中心B区301')
    // The site visit is the whole (Beijing) day.
    expect(text).toContain('DTSTART;VALUE=DATE:20300320')
    expect(text).toContain('DTEND;VALUE=DATE:20300321')
    expect(text).toContain(`URL:https://award.example/applicant/applications/${app.id}`)
    expect(text).not.toContain('evil.example')
    // Another applicant's calendar has none of it.
    expect(await (await calendarOf(w.otherApplicant.userId)).text()).not.toContain('BEGIN:VEVENT')
  })

  it('gives an expert only the stage of each seat, and links nowhere without PUBLIC_URL', async () => {
    const { w, app, panel, team } = await scheduled()
    const onPanelOnly = panel.find((id) => !team.includes(id))
    const text = await (await calendarOf(onPanelOnly!)).text()
    expect(text).toContain(`UID:defence-${app.id}@szmqa`)
    expect(text).not.toContain(`UID:site-visit-${app.id}@szmqa`)
    expect(text).not.toContain('URL:')
    const secretariat = await (await calendarOf(w.admin.userId)).text()
    expect(secretariat).toContain(`UID:defence-${app.id}@szmqa`)
    expect(secretariat).toContain(`UID:site-visit-${app.id}@szmqa`)
  })

  it('asks a stranger to log in', async () => {
    const response = await respond(async () => calendar.loader(args(new Request(`${origin}/calendar.ics`))))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toMatch(/^\/login/)
  })
})
