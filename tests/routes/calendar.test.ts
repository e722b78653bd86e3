import { describe, expect, it } from 'vitest'
import { listOfficialCalendarDays } from '../../db/repositories/calendar'
import { listAudit } from '../../db/repositories/audit'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { decideApplication } from '../../workflows/application/application.server'
import { startPublicNotice } from '../../workflows/cycle/cycle.server'
import { readCycleAuditReason } from '../../workflows/cycle/cycle-audit'
import * as calendar from '~/routes/admin.calendar'
import { inDocumentReview, rejection, submitSheet, world } from '../integration/helpers'
import { args, get, post, respond } from './http'

/** An application scored by three experts and decided (not awarded): ready for the notice. */
async function decidedApplication(w: Awaited<ReturnType<typeof world>>) {
  const app = await inDocumentReview(w)
  for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 80)
  await decideApplication(w.db, {
    applicationId: app.id,
    actor: w.admin,
    expectedVersion: (await loadApplicationForUpdate(w.db, app.id))!.version,
    levelId: null,
    reason: '',
  })
  return app
}

const enter = async (userId: number, fields: Record<string, string>) =>
  respond(async () => calendar.action(args(await post('/admin/calendar', fields, { userId }))))

describe('the official holiday calendar', () => {
  it('lets the secretariat enter a year the built-in calendar does not know, on the record, and the notice counts by it', async () => {
    const w = await world()
    const page = await respond(async () => calendar.loader(args(await get('/admin/calendar', w.admin.userId))))
    const years = ((await page.json()) as { years: Array<{ year: number; source: string }> }).years
    expect(years.find((y) => y.year === 2026)?.source).toBe('builtIn')

    const saved = await enter(w.admin.userId, {
      year: '2030',
      holidays: '2030-01-01, 2030-01-02、2030-01-03\n2030-01-04',
      workdays: '2030-01-05',
    })
    expect(saved.status).toBe(302)
    expect((await listOfficialCalendarDays(w.db)).filter((d) => d.year === 2030)).toHaveLength(5)
    const row = (await listAudit(w.db, 'cycle', w.cycle.id)).at(-1)!
    expect(row.event).toBe('ENTER_OFFICIAL_CALENDAR')
    expect(readCycleAuditReason(row.reason)).toEqual({ kind: 'calendar', year: 2030, holidays: 4, workdays: 1 })

    // A notice starting on Monday 31 December 2029 skips 1–4 January 2030 and counts Saturday the 5th.
    await decidedApplication(w)
    const notice = await startPublicNotice(w.db, {
      cycleId: w.cycle.id,
      actor: w.admin,
      now: '2029-12-31T02:00:00.000Z',
    })
    // Mon 31 Dec 2029 (2029 as the tests enter it); (1) 31 Dec, (2) Sat 5 Jan, (3) Mon 7, (4) Tue 8, (5) Wed 9.
    expect(notice.endsAt).toBe('2030-01-09T16:00:00.000Z')
    expect(notice.unknownYears).toEqual([])
  })

  it('does not start a notice that would run into a year whose holidays are unknown, until the year is entered', async () => {
    const w = await world()
    const app = await decidedApplication(w)
    // Monday 31 December 2040: five working days run into 2041, and neither year is known.
    const start = () =>
      startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: '2040-12-31T02:00:00.000Z' })
    const refused = await rejection(start())
    expect(refused).toMatchObject({
      status: 409,
      messageKey: 'errors.noticeCalendarUnknown',
      vars: { years: '2040、2041' },
    })
    const unchanged = await loadApplicationForUpdate(w.db, app.id)
    expect(unchanged!.status).toBe('decided')
    expect(unchanged!.notice_ends_at).toBeNull()
    // The secretariat enters both years (as the State Council published them); then the notice starts.
    for (const year of ['2040', '2041'])
      expect((await enter(w.admin.userId, { year, holidays: `${year}-01-01`, workdays: '' })).status).toBe(302)
    const notice = await start()
    expect(notice.unknownYears).toEqual([])
    // (1) Mon 31 Dec, (2) Wed 2 Jan, (3) Thu 3, (4) Fri 4, (5) Mon 7; Tuesday 1 January 2041 is a holiday.
    expect(notice.endsAt).toBe('2041-01-07T16:00:00.000Z')
  })

  it('refuses dates that are not dates of that year, or both off and worked, and changes nothing', async () => {
    const w = await world()
    const before = await listOfficialCalendarDays(w.db)
    const cases: Array<[Record<string, string>, string]> = [
      [{ year: '2031', holidays: '2031-02-30' }, 'errors.calendarDates'],
      [{ year: '2031', holidays: '2032-01-01' }, 'errors.calendarDates'],
      [{ year: '2031', holidays: '2031-01-01', workdays: '2031-01-01' }, 'errors.calendarBoth'],
      [{ year: '2031', holidays: '' }, 'errors.calendarNoHolidays'],
    ]
    for (const [fields, key] of cases) {
      const response = await enter(w.admin.userId, fields)
      expect(response.status, JSON.stringify(fields)).toBe(400)
      expect(await response.json()).toMatchObject({ messageKey: key })
    }
    expect((await enter(w.admin.userId, { year: 'abc', holidays: '2031-01-01' })).status).toBe(400)
    expect((await enter(w.reviewers[0]!.userId, { year: '2031', holidays: '2031-01-01' })).status).toBe(403)
    expect(await listOfficialCalendarDays(w.db)).toEqual(before)
  })

  it('keeps the entries a new entry of the same year replaces', async () => {
    const w = await world()
    await enter(w.admin.userId, { year: '2032', holidays: '2032-01-01' })
    await enter(w.admin.userId, { year: '2032', holidays: '2032-01-01 2032-01-02' })
    expect((await listOfficialCalendarDays(w.db)).filter((d) => d.year === 2032).map((d) => d.date)).toEqual([
      '2032-01-01',
      '2032-01-02',
    ])
    const all = await w.db
      .selectFrom('official_calendar_days')
      .select(['date', 'replaced_at'])
      .where('year', '=', 2032)
      .execute()
    expect(all).toHaveLength(3)
    expect(all.filter((d) => d.replaced_at !== null)).toHaveLength(1)
  })
})
