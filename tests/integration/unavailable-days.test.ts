/**
 * Issue 24: an expert marks the days they cannot attend; a defence panel or site-visit team drawn for that day
 * leaves them out, named on the draw's record with the reason, and the record replays.
 */
import { describe, expect, it } from 'vitest'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { listPanelDraws } from '../../db/repositories/stages'
import { listUnavailableDays } from '../../db/repositories/unavailability'
import { markUnavailable, unmarkUnavailable } from '../../workflows/experts/availability.server'
import { replayPanelDraw } from '../../workflows/review/draw-replay'
import { scheduleDefence } from '../../workflows/stages/defence.server'
import { beforeSlots, inDocumentReview, rejection, shortlistEconomy, submitSheet, world } from './helpers'

describe('days an expert cannot attend', () => {
  it('keep the expert off a panel or team for a defence or visit on that day, with the reason on the record', async () => {
    const w = await world()
    await w.db
      .updateTable('cycles')
      .set({ shortlist_size: 1, defence_panel_size: 3, site_visit_team_size: 3 })
      .where('id', '=', w.cycle.id)
      .execute()
    const application = await inDocumentReview(w, w.applicant, w.reviewers.slice(0, 3))
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, application.id, reviewer, 80)
    await shortlistEconomy(w, [application.id])
    const away = w.reviewers[1]!
    const now = new Date(beforeSlots)
    await markUnavailable(w.db, { actor: away, day: '2030-03-02', now })
    await markUnavailable(w.db, { actor: away, day: '2030-03-20', now })
    // Marked twice is marked once; the list is the expert's own.
    await markUnavailable(w.db, { actor: away, day: '2030-03-02', now })
    expect(await listUnavailableDays(w.db, away.userId, '2029-06-01')).toEqual(['2030-03-02', '2030-03-20'])
    expect(await listUnavailableDays(w.db, w.reviewers[0]!.userId, '2029-06-01')).toEqual([])

    const version = async () => (await loadApplicationForUpdate(w.db, application.id))!.version
    const panel = await scheduleDefence(w.db, {
      applicationId: application.id,
      startsAt: '2030-03-02T09:00',
      minutes: 40,
      place: '市民中心B区301',
      actor: w.admin,
      now: beforeSlots,
      seed: 4,
      expectedVersion: await version(),
    })
    expect(panel).not.toContain(away.userId)
    const [draw] = await listPanelDraws(w.db, application.id)
    expect(JSON.parse(draw!.exclusions)).toEqual([{ expertId: away.userId, reason: 'unavailable' }])
    expect(replayPanelDraw(draw!)).toMatchObject({ replayable: true, matches: true })
  })

  it('are refused in the past or beyond two years, and only an expert marks them', async () => {
    const w = await world()
    const now = new Date('2029-06-01T02:00:00.000Z')
    const expert = w.reviewers[0]!
    expect(await rejection(markUnavailable(w.db, { actor: expert, day: '2029-05-31', now }))).toMatchObject({
      messageKey: 'errors.dayInPast',
      field: 'day',
    })
    expect(await rejection(markUnavailable(w.db, { actor: expert, day: '2031-07-01', now }))).toMatchObject({
      messageKey: 'errors.dayTooFar',
    })
    expect(await rejection(markUnavailable(w.db, { actor: expert, day: '2029-09-31', now }))).toMatchObject({
      messageKey: 'errors.date',
    })
    expect(await rejection(markUnavailable(w.db, { actor: w.admin, day: '2029-07-01', now }))).toMatchObject({
      status: 403,
    })
    await markUnavailable(w.db, { actor: expert, day: '2029-06-01', now })
    await unmarkUnavailable(w.db, { actor: expert, day: '2029-06-01' })
    expect(await listUnavailableDays(w.db, expert.userId, '2029-01-01')).toEqual([])
  })
})
