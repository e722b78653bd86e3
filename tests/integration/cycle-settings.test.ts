import { describe, expect, it } from 'vitest'
import { listAudit } from '../../db/repositories/audit'
import { getCycle, listAwardLevels, listRequiredEvidence } from '../../db/repositories/cycles'
import { decideApplication } from '../../workflows/application/application.server'
import { retractDecisions, startPublicNotice, updateCycleSettings } from '../../workflows/cycle/cycle.server'
import { isoToBeijingLocal } from '~/forms/cycle'
import { readCycleAuditReason } from '../../workflows/cycle/cycle-audit'
import * as cycleRoute from '~/routes/admin.cycle'
import { args, post, respond } from '../routes/http'
import { approveAndPublish, inDocumentReview, rejection, submitSheet, world } from './helpers'
import { drawForApplication } from '../../workflows/review/review.server'

async function goldOf(w: Awaited<ReturnType<typeof world>>) {
  return (await listAwardLevels(w.db, w.cycle.id)).find((l) => l.category_code === 'economy' && l.code === 'gold')!
}

/** One application of the cycle scored and given gold: the cycle now has a decision on record. */
async function decidedWithGold() {
  const w = await world()
  const app = await inDocumentReview(w)
  for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 90)
  const gold = await goldOf(w)
  const row = await w.db.selectFrom('applications').select('version').where('id', '=', app.id).executeTakeFirstOrThrow()
  await decideApplication(w.db, {
    applicationId: app.id,
    actor: w.admin,
    expectedVersion: row.version,
    levelId: gold.id,
    reason: '',
  })
  return { w, app, gold }
}

/** The cycle's settings as a world creates them: saving these changes nothing. */
const unchangedSettings = (w: Awaited<ReturnType<typeof world>>) => ({
  deadline: w.cycle.submission_deadline,
  minReviewers: 3,
  aggregation: 'mean' as const,
  noticeWorkingDays: 5,
  normaliseReviewers: false,
  consensusThreshold: 15000,
  quotas: new Map<number, number>(),
})

describe('cycle settings', () => {
  it('changes deadline, minimum reviewers, aggregation and quotas in one versioned, audited write', async () => {
    const w = await world()
    const gold = await goldOf(w)
    const version = await updateCycleSettings(w.db, {
      cycleId: w.cycle.id,
      actor: w.admin,
      expectedVersion: 1,
      settings: {
        deadline: '2999-06-30T16:00:00.000Z',
        minReviewers: 5,
        aggregation: 'trimmedMean',
        noticeWorkingDays: 7,
        normaliseReviewers: true,
        consensusThreshold: 20000,
        quotas: new Map([[gold.id, 1]]),
      },
    })
    expect(version).toBe(2)
    expect(await getCycle(w.db, w.cycle.id)).toMatchObject({
      submission_deadline: '2999-06-30T16:00:00.000Z',
      min_reviewers: 5,
      aggregation: 'trimmedMean',
      normalise_reviewers: 1,
      notice_working_days: 7,
      consensus_threshold: 20000,
      version: 2,
    })
    expect((await goldOf(w)).quota).toBe(1)
    const audit = await listAudit(w.db, 'cycle', w.cycle.id)
    expect(audit.at(-1)).toMatchObject({ event: 'UPDATE_SETTINGS', actor_role: 'admin' })
    // The history row records each change as data, for the page to show in the reader's language.
    expect(readCycleAuditReason(audit.at(-1)!.reason)).toEqual({
      kind: 'settings',
      changes: expect.arrayContaining([
        {
          field: 'quota',
          category_zh: '经济',
          category_en: 'Economy',
          level_zh: '金奖',
          level_en: 'Gold award',
          from: 2,
          to: 1,
        },
        { field: 'aggregation', from: 'mean', to: 'trimmedMean' },
        { field: 'deadline', from: '2999-12-31T00:00:00.000Z', to: '2999-06-30T16:00:00.000Z' },
      ]),
    })

    const stale = await rejection(
      updateCycleSettings(w.db, {
        cycleId: w.cycle.id,
        actor: w.admin,
        expectedVersion: 1,
        settings: {
          deadline: '2999-01-01T00:00:00.000Z',
          minReviewers: 3,
          aggregation: 'mean',
          noticeWorkingDays: 5,
          normaliseReviewers: false,
          consensusThreshold: 15000,
          quotas: new Map(),
        },
      }),
    )
    expect(stale.messageKey).toBe('errors.staleVersion')
  })

  it('locks the settings that decide results once a decision is recorded, until the decisions are taken back with a reason', async () => {
    const { w, app, gold } = await decidedWithGold()
    const settings = unchangedSettings(w)
    for (const change of [
      { aggregation: 'median' as const },
      { minReviewers: 5 },
      { normaliseReviewers: true },
      { consensusThreshold: 5000 },
      { quotas: new Map([[gold.id, 3]]) },
    ]) {
      const refused = await rejection(
        updateCycleSettings(w.db, {
          cycleId: w.cycle.id,
          actor: w.admin,
          expectedVersion: 1,
          settings: { ...settings, ...change },
        }),
      )
      expect(refused.messageKey, JSON.stringify(change)).toBe('errors.settingsLockedByDecisions')
    }
    // The deadline and the notice length do not decide results.
    expect(
      await updateCycleSettings(w.db, {
        cycleId: w.cycle.id,
        actor: w.admin,
        expectedVersion: 1,
        settings: { ...settings, noticeWorkingDays: 7 },
      }),
    ).toBe(2)

    expect(
      (await rejection(retractDecisions(w.db, { cycleId: w.cycle.id, actor: w.admin, reason: '  ' }))).messageKey,
    ).toBe('errors.required')
    expect(
      await retractDecisions(w.db, { cycleId: w.cycle.id, actor: w.admin, reason: '评审委员会决定改用中位数汇总' }),
    ).toEqual({ retracted: 1 })
    expect(
      await w.db
        .selectFrom('applications')
        .select(['status', 'decision_level_id'])
        .where('id', '=', app.id)
        .executeTakeFirst(),
    ).toEqual({ status: 'scored', decision_level_id: null })
    expect((await listAudit(w.db, 'application', app.id)).at(-1)).toMatchObject({
      event: 'RETRACT_DECISION',
      reason: '评审委员会决定改用中位数汇总',
    })
    expect((await listAudit(w.db, 'cycle', w.cycle.id)).at(-1)).toMatchObject({ event: 'RETRACT_DECISIONS' })
    expect(
      await updateCycleSettings(w.db, {
        cycleId: w.cycle.id,
        actor: w.admin,
        expectedVersion: 2,
        settings: { ...settings, aggregation: 'median' },
      }),
    ).toBe(3)
  })

  it('takes back no decision once the notice has started, and changes nothing after publication', async () => {
    const { w } = await decidedWithGold()
    await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: '2030-01-07T02:00:00.000Z' })
    expect(
      (await rejection(retractDecisions(w.db, { cycleId: w.cycle.id, actor: w.admin, reason: '改设置' }))).messageKey,
    ).toBe('errors.noticeStarted')
    await approveAndPublish(w, '2030-01-14T00:00:00.000Z')
    const settings = unchangedSettings(w)
    const locked = await rejection(
      updateCycleSettings(w.db, { cycleId: w.cycle.id, actor: w.admin, expectedVersion: 2, settings }),
    )
    expect(locked.messageKey).toBe('admin.settingsLocked')
  })

  it('keeps the deadline to the second when the page is saved without changing it', async () => {
    const w = await world()
    const before = (await getCycle(w.db, w.cycle.id))!.submission_deadline
    expect(before).toBe('2999-12-31T00:00:00.000Z')
    await w.db
      .updateTable('cycles')
      .set({ submission_deadline: '2999-12-31T15:59:59.999Z' })
      .where('id', '=', w.cycle.id)
      .execute()
    const fields = {
      deadline: isoToBeijingLocal('2999-12-31T15:59:59.999Z'),
      minReviewers: '3',
      aggregation: 'mean',
      noticeDays: '5',
      consensusThreshold: '150',
      version: '1',
    }
    expect(fields.deadline).toBe('2999-12-31T23:59')
    expect(
      (
        await respond(async () =>
          cycleRoute.action(args(await post('/admin/cycle', fields, { userId: w.admin.userId }))),
        )
      ).status,
    ).toBe(302)
    expect((await getCycle(w.db, w.cycle.id))!.submission_deadline).toBe('2999-12-31T15:59:59.999Z')
  })

  it('refuses fewer than 3 reviewers and a notice shorter than 5 working days, with the reason', async () => {
    const w = await world()
    const fields = {
      deadline: '2030-03-31T18:00',
      minReviewers: '3',
      aggregation: 'mean',
      noticeDays: '5',
      consensusThreshold: '150',
      version: '1',
    }
    const two = await respond(async () =>
      cycleRoute.action(args(await post('/admin/cycle', { ...fields, minReviewers: '2' }, { userId: w.admin.userId }))),
    )
    expect(two.status).toBe(400)
    expect(await two.json()).toMatchObject({ fieldErrors: { minReviewers: 'errors.minReviewers' } })
    const four = await respond(async () =>
      cycleRoute.action(args(await post('/admin/cycle', { ...fields, noticeDays: '4' }, { userId: w.admin.userId }))),
    )
    expect(await four.json()).toMatchObject({ fieldErrors: { noticeDays: 'errors.noticeAtLeast' } })
    expect(await getCycle(w.db, w.cycle.id)).toMatchObject({ min_reviewers: 3, version: 1 })
  })

  it('is saved from the settings form, with quotas per level and the deadline in Beijing time', async () => {
    const w = await world() // the newest cycle, which the page edits
    const gold = await goldOf(w)
    const fields = {
      deadline: '2030-03-31T18:00',
      minReviewers: '4',
      aggregation: 'median',
      noticeDays: '5',
      consensusThreshold: '120',
      version: '1',
      [`quota_${gold.id}`]: '3',
    }
    const response = await respond(async () =>
      cycleRoute.action(args(await post('/admin/cycle', fields, { userId: w.admin.userId }))),
    )
    expect(response.status).toBe(302)
    expect(await getCycle(w.db, w.cycle.id)).toMatchObject({
      submission_deadline: '2030-03-31T10:00:00.000Z',
      min_reviewers: 4,
      aggregation: 'median',
      notice_working_days: 5,
      consensus_threshold: 12000,
    })
    expect((await goldOf(w)).quota).toBe(3)

    const bad = await respond(async () =>
      cycleRoute.action(
        args(
          await post(
            '/admin/cycle',
            { ...fields, version: '2', [`quota_${gold.id}`]: 'many' },
            { userId: w.admin.userId },
          ),
        ),
      ),
    )
    expect(bad.status).toBe(400)
    expect((await goldOf(w)).quota).toBe(3)
  })

  it('sets the evidence required per award type from the form, records each change, and keeps the list when the form leaves it out', async () => {
    const w = await world()
    const fields = {
      deadline: isoToBeijingLocal(w.cycle.submission_deadline),
      minReviewers: '3',
      aggregation: 'mean',
      noticeDays: '5',
      consensusThreshold: '150',
    }
    const body = new URLSearchParams({ ...fields, version: '1', requiredEvidenceListed: '1' })
    for (const value of ['organisation/registeredThreeYears', 'organisation/goodCredit', 'project/projectInOperation'])
      body.append('evidence', value)
    expect(
      (await respond(async () => cycleRoute.action(args(await post('/admin/cycle', body, { userId: w.admin.userId })))))
        .status,
    ).toBe(302)
    const expected = [
      { awardType: 'organisation', condition: 'goodCredit' },
      { awardType: 'organisation', condition: 'registeredThreeYears' },
      { awardType: 'project', condition: 'projectInOperation' },
    ]
    expect(await listRequiredEvidence(w.db, w.cycle.id)).toEqual(expected)
    const history = readCycleAuditReason((await listAudit(w.db, 'cycle', w.cycle.id)).at(-1)!.reason)
    expect(history).toEqual({
      kind: 'settings',
      changes: [
        { field: 'requiredEvidence', awardType: 'organisation', condition: 'goodCredit', to: true },
        { field: 'requiredEvidence', awardType: 'organisation', condition: 'industryLeader', to: false },
        { field: 'requiredEvidence', awardType: 'project', condition: 'industryLeader', to: false },
        { field: 'requiredEvidence', awardType: 'project', condition: 'registeredThreeYears', to: false },
      ],
    })
    // A form without the grid (an older page) leaves the list alone; a pair that does not go together is refused.
    expect(
      (
        await respond(async () =>
          cycleRoute.action(args(await post('/admin/cycle', { ...fields, version: '2' }, { userId: w.admin.userId }))),
        )
      ).status,
    ).toBe(302)
    expect(await listRequiredEvidence(w.db, w.cycle.id)).toEqual(expected)
    const bad = new URLSearchParams({
      ...fields,
      version: '3',
      requiredEvidenceListed: '1',
      evidence: 'organisation/projectInOperation',
    })
    const refused = await respond(async () =>
      cycleRoute.action(args(await post('/admin/cycle', bad, { userId: w.admin.userId }))),
    )
    expect(refused.status).toBe(400)
    expect(await listRequiredEvidence(w.db, w.cycle.id)).toEqual(expected)
  })

  it('sets the draw: experts per application (not under the minimum), the cap per expert and the due date the drawn experts get', async () => {
    const w = await world()
    const fields = {
      deadline: isoToBeijingLocal(w.cycle.submission_deadline),
      minReviewers: '3',
      aggregation: 'mean',
      noticeDays: '5',
      consensusThreshold: '150',
    }
    const saved = await respond(async () =>
      cycleRoute.action(
        args(
          await post(
            '/admin/cycle',
            { ...fields, version: '1', reviewersPerApplication: '4', expertLoadCap: '12', reviewDueDate: '2999-06-30' },
            { userId: w.admin.userId },
          ),
        ),
      ),
    )
    expect(saved.status).toBe(302)
    expect(await getCycle(w.db, w.cycle.id)).toMatchObject({
      reviewers_per_application: 4,
      expert_load_cap: 12,
      review_due_date: '2999-06-30',
    })
    expect(readCycleAuditReason((await listAudit(w.db, 'cycle', w.cycle.id)).at(-1)!.reason)).toEqual({
      kind: 'settings',
      changes: [
        { field: 'reviewersPerApplication', from: 5, to: 4 },
        { field: 'expertLoadCap', from: 20, to: 12 },
        { field: 'reviewDueDate', from: null, to: '2999-06-30' },
      ],
    })
    const below = await respond(async () =>
      cycleRoute.action(
        args(
          await post(
            '/admin/cycle',
            { ...fields, version: '2', minReviewers: '5', reviewersPerApplication: '4' },
            { userId: w.admin.userId },
          ),
        ),
      ),
    )
    expect(await below.json()).toMatchObject({
      fieldErrors: { reviewersPerApplication: 'errors.drawBelowMinimum' },
      vars: { min: 5 },
    })
    const app = await inDocumentReview(w, w.applicant, [])
    await drawForApplication(w.db, { applicationId: app.id, actor: w.admin })
    const due = await w.db.selectFrom('assignments').select('due_date').where('application_id', '=', app.id).execute()
    expect(due).toEqual([
      { due_date: '2999-06-30' },
      { due_date: '2999-06-30' },
      { due_date: '2999-06-30' },
      { due_date: '2999-06-30' },
    ])
  })

  it('sets the final score\u2019s weights (whole percentages summing to 100), the defence length and the panel and team sizes; weights lock with the first decision', async () => {
    const w = await world()
    const fields = {
      deadline: isoToBeijingLocal(w.cycle.submission_deadline),
      minReviewers: '3',
      aggregation: 'mean',
      noticeDays: '5',
      consensusThreshold: '150',
    }
    const stages = {
      weightDocument: '50',
      weightDefence: '20',
      weightSiteVisit: '30',
      defenceMinutes: '45',
      defencePanelSize: '7',
      siteVisitTeamSize: '4',
    }
    const save = async (body: Record<string, string>) =>
      respond(async () => cycleRoute.action(args(await post('/admin/cycle', body, { userId: w.admin.userId }))))
    const off = await save({ ...fields, ...stages, weightSiteVisit: '40', version: '1' })
    expect(off.status).toBe(400)
    expect(await off.json()).toMatchObject({ fieldErrors: { weightDocument: 'errors.weightsSum' } })
    expect((await save({ ...fields, ...stages, defencePanelSize: '0', version: '1' })).status).toBe(400)
    expect(await getCycle(w.db, w.cycle.id)).toMatchObject({
      weight_document: 40,
      weight_defence: 20,
      weight_site_visit: 40,
      defence_panel_size: 5,
    })

    expect(
      (
        await save({
          ...fields,
          ...stages,
          specialAwardListed: '1',
          specialAward: 'on',
          drawOnlyActivatedListed: '1',
          drawOnlyActivated: 'on',
          version: '1',
        })
      ).status,
    ).toBe(302)
    expect(await getCycle(w.db, w.cycle.id)).toMatchObject({
      weight_document: 50,
      weight_defence: 20,
      weight_site_visit: 30,
      defence_minutes: 45,
      defence_panel_size: 7,
      site_visit_team_size: 4,
      special_award_enabled: 1,
      draw_only_activated: 1,
    })
    expect(readCycleAuditReason((await listAudit(w.db, 'cycle', w.cycle.id)).at(-1)!.reason)).toEqual({
      kind: 'settings',
      changes: [
        { field: 'weights', from: '40/20/40', to: '50/20/30' },
        { field: 'defenceMinutes', from: 40, to: 45 },
        { field: 'defencePanelSize', from: 5, to: 7 },
        { field: 'siteVisitTeamSize', from: 3, to: 4 },
        { field: 'drawOnlyActivated', from: false, to: true },
        { field: 'specialAward', from: false, to: true },
      ],
    })
    // Once the committee has decided, the weights are locked like the other settings that decide results.
    const app = await inDocumentReview(w)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 90)
    const row = await w.db
      .selectFrom('applications')
      .select('version')
      .where('id', '=', app.id)
      .executeTakeFirstOrThrow()
    await decideApplication(w.db, {
      applicationId: app.id,
      actor: w.admin,
      expectedVersion: row.version,
      levelId: (await goldOf(w)).id,
      reason: '',
    })
    const locked = await save({ ...fields, ...stages, weightDocument: '40', weightSiteVisit: '40', version: '2' })
    expect(locked.status).toBe(409)
    expect(await getCycle(w.db, w.cycle.id)).toMatchObject({ weight_document: 50 })
  })

  it('is refused to anyone but the secretariat', async () => {
    const w = await world()
    const settings = {
      deadline: w.cycle.submission_deadline,
      minReviewers: 1,
      aggregation: 'mean' as const,
      noticeWorkingDays: 5,
      normaliseReviewers: false,
      consensusThreshold: 15000,
      quotas: new Map<number, number>(),
    }
    expect(
      (
        await rejection(
          updateCycleSettings(w.db, { cycleId: w.cycle.id, actor: w.reviewers[0]!, expectedVersion: 1, settings }),
        )
      ).status,
    ).toBe(403)
    const response = await respond(async () =>
      cycleRoute.action(
        args(
          await post(
            '/admin/cycle',
            { deadline: '2030-01-01T00:00', minReviewers: '1', aggregation: 'mean', version: '1' },
            { userId: w.applicant.userId },
          ),
        ),
      ),
    )
    expect(response.status).toBe(403)
    expect((await getCycle(w.db, w.cycle.id))?.min_reviewers).toBe(3)
  })
})
