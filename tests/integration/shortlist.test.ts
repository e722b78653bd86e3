import { describe, expect, it } from 'vitest'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { listAudit } from '../../db/repositories/audit'
import { applyApplicationEvent, decideApplication } from '../../workflows/application/application.server'
import { createApplicantAccount } from '../../db/factories'
import { readCycleAuditReason } from '../../workflows/cycle/cycle-audit'
import { retractDecisions, startPublicNotice } from '../../workflows/cycle/cycle.server'
import { shortlistCategory } from '../../workflows/review/shortlist.server'
import {
  approveAndPublish,
  changeSettings,
  inDocumentReview,
  rejection,
  shortlistEconomy,
  submitSheet,
  throughSecondHalf,
  world,
} from './helpers'

/** Two economy entries scored 800 and 400, in a cycle that shortlists one per category. */
async function twoScored() {
  const w = await world()
  await w.db.updateTable('cycles').set({ shortlist_size: 1 }).where('id', '=', w.cycle.id).execute()
  const higher = await inDocumentReview(w, w.applicant)
  const lower = await inDocumentReview(w, w.otherApplicant)
  for (const reviewer of w.reviewers.slice(0, 3)) {
    await submitSheet(w, higher.id, reviewer, 80)
    await submitSheet(w, lower.id, reviewer, 40)
  }
  const status = async (id: number) => (await loadApplicationForUpdate(w.db, id))!.status
  const shortlist = (shortlisted: number[], reason = '') =>
    shortlistCategory(w.db, { cycleId: w.cycle.id, categoryCode: 'economy', shortlisted, reason, actor: w.admin })
  return { w, higher, lower, status, shortlist }
}

describe('the shortlist after document review (入围)', () => {
  it('holds its number across rounds: an entry scored after the first round cannot take a place that is gone', async () => {
    const { w, higher, lower, status, shortlist } = await twoScored()
    expect(await shortlist([higher.id])).toEqual({ shortlisted: 1, notShortlisted: 1 })
    // A late entry, scored after the first round, ranks above the one shortlisted.
    const late = await createApplicantAccount(w.db, {
      n: w.cycle.year * 10 + 8,
      name: '丁公司',
      email: `d-${w.cycle.year}@t.example`,
      password: 'password-123',
    })
    const lateEntry = await inDocumentReview(w, late)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, lateEntry.id, reviewer, 90)
    for (const reason of ['', '该单位评分最高']) {
      expect(await rejection(shortlist([lateEntry.id], reason))).toMatchObject({
        messageKey: 'errors.shortlistTooLong',
        field: 'shortlisted',
        vars: { max: 1, already: 1, left: 0 },
      })
    }
    expect([await status(higher.id), await status(lower.id), await status(lateEntry.id)]).toEqual([
      'shortlisted',
      'notShortlisted',
      'scored',
    ])
    // Settled with no place left: it is not shortlisted, and the record says why the count is what it is.
    expect(await shortlist([])).toEqual({ shortlisted: 0, notShortlisted: 1 })
    expect(readCycleAuditReason((await listAudit(w.db, 'cycle', w.cycle.id)).at(-1)!.reason)).toMatchObject({
      shortlisted: 0,
      notShortlisted: 1,
      alreadyShortlisted: 1,
      size: 1,
    })
  })

  it('refuses an entry whose reviewers disagreed beyond the threshold until its consensus round is held', async () => {
    const w = await world()
    await w.db.updateTable('cycles').set({ shortlist_size: 1 }).where('id', '=', w.cycle.id).execute()
    const split = await inDocumentReview(w, w.applicant)
    for (const [i, reviewer] of w.reviewers.slice(0, 3).entries())
      await submitSheet(w, split.id, reviewer, i === 2 ? 30 : 90)
    const refused = await rejection(shortlistEconomy(w, [split.id]))
    expect(refused).toMatchObject({ messageKey: 'errors.shortlistNeedsConsensus', vars: { names: '甲公司' } })
    expect((await loadApplicationForUpdate(w.db, split.id))!.status).toBe('scored')
  })

  it('locks how the ranking is counted from the first shortlist on', async () => {
    const { w, higher, shortlist } = await twoScored()
    await shortlist([higher.id])
    for (const change of [
      { aggregation: 'median' as const },
      { minReviewers: 2 },
      { normaliseReviewers: true },
      { consensusThreshold: 100 },
    ]) {
      expect((await rejection(changeSettings(w, change))).messageKey, JSON.stringify(change)).toBe(
        'errors.settingsLockedByShortlist',
      )
    }
    // What does not decide the ranking still changes.
    await changeSettings(w, { noticeWorkingDays: 7 })
  })

  it('sends the top of each category on, the others out with their scores, and the committee decides on the shortlisted only', async () => {
    const { w, higher, lower, status, shortlist } = await twoScored()
    const gold = await w.db
      .selectFrom('award_levels')
      .select('id')
      .where('cycle_id', '=', w.cycle.id)
      .where('category_code', '=', 'economy')
      .where('code', '=', 'gold')
      .executeTakeFirstOrThrow()
    // Before the shortlist the committee cannot decide: the cycle has the stage.
    expect(
      (
        await rejection(
          decideApplication(w.db, {
            applicationId: higher.id,
            actor: w.admin,
            expectedVersion: (await loadApplicationForUpdate(w.db, higher.id))!.version,
            levelId: gold.id,
            reason: '',
          }),
        )
      ).messageKey,
    ).toBe('errors.notAllowedNow')
    expect((await rejection(shortlist([higher.id, lower.id]))).messageKey).toBe('errors.shortlistTooLong')
    expect(await shortlist([higher.id])).toEqual({ shortlisted: 1, notShortlisted: 1 })
    expect([await status(higher.id), await status(lower.id)]).toEqual(['shortlisted', 'notShortlisted'])
    const history = (await listAudit(w.db, 'cycle', w.cycle.id)).at(-1)!
    expect(readCycleAuditReason(history.reason)).toEqual({
      kind: 'shortlist',
      category_zh: '经济',
      category_en: 'Economy',
      shortlisted: 1,
      notShortlisted: 1,
      alreadyShortlisted: 0,
      size: 1,
      reason: null,
    })
    const told = await w.db
      .selectFrom('outbox')
      .select('kind')
      .where('kind', 'in', ['application.SHORTLIST', 'application.NOT_SHORTLIST'])
      .where((eb) => eb.or([higher.id, lower.id].map((id) => eb('payload', 'like', `{"applicationId":${id},%`))))
      .execute()
    expect(told.map((m) => m.kind).sort()).toEqual(['application.NOT_SHORTLIST', 'application.SHORTLIST'])

    // Shortlisted is not yet before the committee: the defence and the site visit come first.
    expect(
      (
        await rejection(
          decideApplication(w.db, {
            applicationId: higher.id,
            actor: w.admin,
            expectedVersion: (await loadApplicationForUpdate(w.db, higher.id))!.version,
            levelId: gold.id,
            reason: '',
          }),
        )
      ).messageKey,
    ).toBe('errors.notAllowedNow')
    await throughSecondHalf(w, higher.id, { defence: 70 })
    await decideApplication(w.db, {
      applicationId: higher.id,
      actor: w.admin,
      expectedVersion: (await loadApplicationForUpdate(w.db, higher.id))!.version,
      levelId: gold.id,
      reason: '',
    })
    // A decision taken back returns to the committee's table after the site visit, not before it.
    await retractDecisions(w.db, { cycleId: w.cycle.id, actor: w.admin, reason: '改用中位数汇总' })
    expect(await status(higher.id)).toBe('siteVisitScored')
    await decideApplication(w.db, {
      applicationId: higher.id,
      actor: w.admin,
      expectedVersion: (await loadApplicationForUpdate(w.db, higher.id))!.version,
      levelId: gold.id,
      reason: '',
    })
    // The one left out does not hold the notice, and its result goes out with the others.
    await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: '2030-01-07T02:00:00.000Z' })
    await approveAndPublish(w, '2030-01-20T02:00:00.000Z')
    expect([await status(higher.id), await status(lower.id)]).toEqual(['published', 'published'])
  })

  it('waits for the category\u2019s document review to end, and asks for a reason when the shortlist departs from the ranking', async () => {
    const { w, higher, lower, status, shortlist } = await twoScored()
    const late = await createApplicantAccount(w.db, {
      n: w.cycle.year * 10 + 7,
      name: '丙公司',
      email: `c-${w.cycle.year}@t.example`,
      password: 'password-123',
    })
    const pending = await inDocumentReview(w, late)
    expect(await rejection(shortlist([higher.id]))).toMatchObject({
      messageKey: 'errors.reviewNotDone',
      vars: { count: 1 },
    })
    await applyApplicationEvent(w.db, {
      applicationId: pending.id,
      actor: late,
      event: { type: 'WITHDRAW', reason: '本年度暂不参评' },
      expectedVersion: pending.version,
    })

    expect((await rejection(shortlist([lower.id]))).messageKey).toBe('errors.shortlistNeedsReason')
    expect(await status(lower.id)).toBe('scored')
    expect(await shortlist([lower.id], '排名第一的单位近期发生重大质量事故')).toEqual({
      shortlisted: 1,
      notShortlisted: 1,
    })
    expect([await status(higher.id), await status(lower.id)]).toEqual(['notShortlisted', 'shortlisted'])
    expect(readCycleAuditReason((await listAudit(w.db, 'cycle', w.cycle.id)).at(-1)!.reason)).toMatchObject({
      reason: '排名第一的单位近期发生重大质量事故',
    })
    expect((await rejection(shortlist([lower.id], '再来一次'))).messageKey).toBe('errors.nothingToShortlist')
    expect(
      (
        await rejection(
          shortlistCategory(w.db, {
            cycleId: w.cycle.id,
            categoryCode: 'economy',
            shortlisted: [],
            reason: '',
            actor: w.reviewers[0]!,
          }),
        )
      ).status,
    ).toBe(403)
  })
})
