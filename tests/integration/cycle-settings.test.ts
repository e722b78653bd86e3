import { describe, expect, it } from 'vitest'
import { listAudit } from '../../db/repositories/audit'
import { getCycle, listAwardLevels } from '../../db/repositories/cycles'
import { decideApplication } from '../../workflows/application/application.server'
import { publishResults, startPublicNotice, updateCycleSettings } from '../../workflows/cycle/cycle.server'
import * as cycleRoute from '~/routes/admin.cycle'
import { args, post, respond } from '../routes/http'
import { inDocumentReview, rejection, submitSheet, world } from './helpers'

async function goldOf(w: Awaited<ReturnType<typeof world>>) {
  return (await listAwardLevels(w.db, w.cycle.id)).find((l) => l.category_code === 'economy' && l.code === 'gold')!
}

describe('cycle settings', () => {
  it('changes deadline, minimum reviewers, aggregation and quotas in one versioned, audited write', async () => {
    const w = await world()
    const gold = await goldOf(w)
    const version = await updateCycleSettings(w.db, {
      cycleId: w.cycle.id,
      actor: w.admin,
      expectedVersion: 1,
      settings: { deadline: '2999-06-30T16:00:00.000Z', minReviewers: 5, aggregation: 'trimmedMean', noticeWorkingDays: 7, normaliseReviewers: true, consensusThreshold: 20000, quotas: new Map([[gold.id, 1]]) },
    })
    expect(version).toBe(2)
    expect(await getCycle(w.db, w.cycle.id)).toMatchObject({ submission_deadline: '2999-06-30T16:00:00.000Z', min_reviewers: 5, aggregation: 'trimmedMean', normalise_reviewers: 1, notice_working_days: 7, consensus_threshold: 20000, version: 2 })
    expect((await goldOf(w)).quota).toBe(1)
    const audit = await listAudit(w.db, 'cycle', w.cycle.id)
    expect(audit.at(-1)).toMatchObject({ event: 'UPDATE_SETTINGS', actor_role: 'admin' })
    expect(audit.at(-1)?.reason).toContain('economy.gold quota 2→1')
    expect(audit.at(-1)?.reason).toContain('aggregation mean→trimmedMean')

    const stale = await rejection(updateCycleSettings(w.db, { cycleId: w.cycle.id, actor: w.admin, expectedVersion: 1, settings: { deadline: '2999-01-01T00:00:00.000Z', minReviewers: 3, aggregation: 'mean', noticeWorkingDays: 5, normaliseReviewers: false, consensusThreshold: 15000, quotas: new Map() } }))
    expect(stale.messageKey).toBe('errors.staleVersion')
  })

  it('refuses a quota below the decisions already holding the level, and any change after publication', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 90)
    const gold = await goldOf(w)
    const row = await w.db.selectFrom('applications').select('version').where('id', '=', app.id).executeTakeFirstOrThrow()
    await decideApplication(w.db, { applicationId: app.id, actor: w.admin, expectedVersion: row.version, levelId: gold.id, reason: '' })
    const settings = { deadline: w.cycle.submission_deadline, minReviewers: 3, aggregation: 'mean' as const, noticeWorkingDays: 5, normaliseReviewers: false, consensusThreshold: 15000, quotas: new Map([[gold.id, 0]]) }
    const below = await rejection(updateCycleSettings(w.db, { cycleId: w.cycle.id, actor: w.admin, expectedVersion: 1, settings }))
    expect(below).toMatchObject({ messageKey: 'errors.quotaBelowHolders', vars: { count: 1 } })
    expect((await goldOf(w)).quota).toBe(2)

    await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: '2030-01-07T02:00:00.000Z' })
    await publishResults(w.db, { cycleId: w.cycle.id, actor: w.admin, expectedVersion: 1, now: '2030-01-14T00:00:00.000Z' })
    const locked = await rejection(updateCycleSettings(w.db, { cycleId: w.cycle.id, actor: w.admin, expectedVersion: 2, settings: { ...settings, quotas: new Map() } }))
    expect(locked.messageKey).toBe('admin.settingsLocked')
  })

  it('is saved from the settings form, with quotas per level and the deadline in Beijing time', async () => {
    const w = await world() // the newest cycle, which the page edits
    const gold = await goldOf(w)
    const fields = { deadline: '2030-03-31T18:00', minReviewers: '4', aggregation: 'median', noticeDays: '0', consensusThreshold: '120', version: '1', [`quota_${gold.id}`]: '3' }
    const response = await respond(async () => cycleRoute.action(args(await post('/admin/cycle', fields, { userId: w.admin.userId }))))
    expect(response.status).toBe(302)
    expect(await getCycle(w.db, w.cycle.id)).toMatchObject({ submission_deadline: '2030-03-31T10:00:00.000Z', min_reviewers: 4, aggregation: 'median', notice_working_days: 0, consensus_threshold: 12000 })
    expect((await goldOf(w)).quota).toBe(3)

    const bad = await respond(async () => cycleRoute.action(args(await post('/admin/cycle', { ...fields, version: '2', [`quota_${gold.id}`]: 'many' }, { userId: w.admin.userId }))))
    expect(bad.status).toBe(400)
    expect((await goldOf(w)).quota).toBe(3)
  })

  it('is refused to anyone but the secretariat', async () => {
    const w = await world()
    const settings = { deadline: w.cycle.submission_deadline, minReviewers: 1, aggregation: 'mean' as const, noticeWorkingDays: 5, normaliseReviewers: false, consensusThreshold: 15000, quotas: new Map<number, number>() }
    expect((await rejection(updateCycleSettings(w.db, { cycleId: w.cycle.id, actor: w.reviewers[0]!, expectedVersion: 1, settings }))).status).toBe(403)
    const response = await respond(async () =>
      cycleRoute.action(args(await post('/admin/cycle', { deadline: '2030-01-01T00:00', minReviewers: '1', aggregation: 'mean', version: '1' }, { userId: w.applicant.userId }))),
    )
    expect(response.status).toBe(403)
    expect((await getCycle(w.db, w.cycle.id))?.min_reviewers).toBe(3)
  })
})
