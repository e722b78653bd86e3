import { describe, expect, it } from 'vitest'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { decideApplication, applyApplicationEvent } from '../../workflows/application/application.server'
import { updateCycleSettings } from '../../workflows/cycle/cycle.server'
import { cycleRanking, decidedPerCategory } from '../../workflows/review/standings.server'
import { changeSettings, inDocumentReview, submitSheet, world } from './helpers'

describe('the ranking, reused while nothing it depends on has changed', () => {
  it('is recomputed after a sheet, a decision, its retraction and a change of settings, and reused otherwise', async () => {
    const w = await world()
    const a = await inDocumentReview(w, w.applicant)
    const b = await inDocumentReview(w, w.otherApplicant)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, a.id, reviewer, 70)
    for (const reviewer of w.reviewers.slice(0, 2)) await submitSheet(w, b.id, reviewer, 90)
    const order = async () =>
      (await cycleRanking(w.db, w.cycle.id)).get('economy')?.map((r) => [r.applicationId, r.status, r.total]) ?? []
    const first = await cycleRanking(w.db, w.cycle.id)
    expect(await cycleRanking(w.db, w.cycle.id)).toBe(first) // the same object: reused
    expect(await order()).toEqual([[a.id, 'scored', 70000]])
    // B's last sheet: B is scored and ranks first.
    await submitSheet(w, b.id, w.reviewers[2]!, 90)
    expect(await order()).toEqual([
      [b.id, 'scored', 90000],
      [a.id, 'scored', 70000],
    ])
    // A decision shows in the ranking.
    await decideApplication(w.db, {
      applicationId: b.id,
      actor: w.admin,
      expectedVersion: (await loadApplicationForUpdate(w.db, b.id))!.version,
      levelId: null,
      reason: '',
    })
    expect((await order())[0]).toEqual([b.id, 'decided', 90000])
    // The ranking page's count of decided entries per category follows the ranking it was counted on.
    expect(decidedPerCategory(first).get('economy')).toBe(0)
    expect(decidedPerCategory(await cycleRanking(w.db, w.cycle.id)).get('economy')).toBe(1)
    // Any change of the cycle's settings moves its version: the ranking is computed afresh.
    const before = await cycleRanking(w.db, w.cycle.id)
    const { version } = await w.db
      .selectFrom('cycles')
      .select('version')
      .where('id', '=', w.cycle.id)
      .executeTakeFirstOrThrow()
    await expect(
      updateCycleSettings(w.db, {
        cycleId: w.cycle.id,
        actor: w.admin,
        expectedVersion: version,
        settings: {
          deadline: w.cycle.submission_deadline,
          minReviewers: 3,
          aggregation: 'mean',
          noticeWorkingDays: 6,
          normaliseReviewers: false,
          consensusThreshold: 15000,
          quotas: new Map(),
        },
      }),
    ).resolves.toBeDefined()
    expect(await cycleRanking(w.db, w.cycle.id)).not.toBe(before)
    // The secretariat takes B's decision back: it shows at once.
    await applyApplicationEvent(w.db, {
      applicationId: b.id,
      actor: w.admin,
      event: { type: 'RETRACT_DECISION', reason: '重新审定' },
      expectedVersion: (await loadApplicationForUpdate(w.db, b.id))!.version,
    })
    expect((await order())[0]).toEqual([b.id, 'scored', 90000])
  })
})

describe('a cycle\u2019s generation', () => {
  it('changes with every table the ranking reads, only for its own cycle, and a rolled-back change leaves it as it was', async () => {
    const { cycleGeneration } = await import('../../db/repositories/standings')
    const { shortlistCategory } = await import('../../workflows/review/shortlist.server')
    const { throughSecondHalf } = await import('./helpers')
    const other = await world()
    const w = await world()
    await w.db.updateTable('cycles').set({ shortlist_size: 1 }).where('id', '=', w.cycle.id).execute()
    const app = await inDocumentReview(w, w.applicant)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 80)
    await shortlistCategory(w.db, {
      cycleId: w.cycle.id,
      categoryCode: 'economy',
      shortlisted: [app.id],
      reason: '',
      actor: w.admin,
    })
    await throughSecondHalf(w, app.id, { defence: 80 })
    const touches: Array<[string, () => Promise<unknown>]> = [
      [
        'the cycle',
        () => w.db.updateTable('cycles').set({ notice_working_days: 6 }).where('id', '=', w.cycle.id).execute(),
      ],
      [
        'an application',
        () => w.db.updateTable('applications').set({ decision_reason: 'x' }).where('id', '=', app.id).execute(),
      ],
      [
        'a standing',
        () =>
          w.db.updateTable('application_standings').set({ results: 1 }).where('application_id', '=', app.id).execute(),
      ],
      [
        'a defence sheet',
        () => w.db.updateTable('defence_sheets').set({ notes: '改' }).where('application_id', '=', app.id).execute(),
      ],
      [
        'a site visit',
        () => w.db.updateTable('site_visits').set({ address: '改' }).where('application_id', '=', app.id).execute(),
      ],
      [
        'a category',
        () =>
          w.db
            .updateTable('cycle_categories')
            .set({ name_en: 'Economy 2' })
            .where('cycle_id', '=', w.cycle.id)
            .execute(),
      ],
      [
        'an award level',
        () => w.db.updateTable('award_levels').set({ quota: 9 }).where('cycle_id', '=', w.cycle.id).execute(),
      ],
    ]
    for (const [what, touch] of touches) {
      const [before, otherBefore] = [
        await cycleGeneration(w.db, w.cycle.id),
        await cycleGeneration(w.db, other.cycle.id),
      ]
      await touch()
      expect(await cycleGeneration(w.db, w.cycle.id), what).not.toBe(before)
      expect(await cycleGeneration(w.db, other.cycle.id), what).toBe(otherBefore)
    }
    const before = await cycleGeneration(w.db, w.cycle.id)
    await w.db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('applications').set({ decision_reason: 'y' }).where('id', '=', app.id).execute()
        throw new Error('rolled back')
      })
      .catch(() => undefined)
    expect(await cycleGeneration(w.db, w.cycle.id)).toBe(before)
  })
})

describe("a cycle's generation on an update of applications", () => {
  it('moves with a change of status or of cycle (both cycles), and on PostgreSQL not with bookkeeping alone', async () => {
    const { cycleGeneration } = await import('../../db/repositories/standings')
    const { isPostgres } = await import('../../db/sql-dialect')
    const other = await world()
    const w = await world()
    const app = await inDocumentReview(w, w.applicant)
    const generations = async () => [
      await cycleGeneration(w.db, w.cycle.id),
      await cycleGeneration(w.db, other.cycle.id),
    ]

    let before = await generations()
    await w.db
      .updateTable('applications')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date().toISOString() }))
      .where('id', '=', app.id)
      .execute()
    // PostgreSQL's statement trigger leaves out the bookkeeping columns (a draft save moves nothing); SQLite's row
    // trigger moves on any update.
    if (isPostgres(w.db)) expect(await generations()).toEqual(before)

    before = await generations()
    await w.db.updateTable('applications').set({ status: 'scored' }).where('id', '=', app.id).execute()
    const afterStatus = await generations()
    expect(afterStatus[0]).not.toBe(before[0])
    expect(afterStatus[1]).toBe(before[1])

    await w.db.updateTable('applications').set({ cycle_id: other.cycle.id }).where('id', '=', app.id).execute()
    const afterMove = await generations()
    expect(afterMove[0]).not.toBe(afterStatus[0])
    expect(afterMove[1]).not.toBe(afterStatus[1])
  })
})

describe('the pages\u2019 counts of a cycle, kept per generation', () => {
  it('follow every change of status, and are reused while nothing changed', async () => {
    const { cycleCounts, cycleStatusCounts } = await import('~/utils/cycle-counts.server')
    const { createCompleteDraft } = await import('../../db/factories')
    const { submitApplication } = await import('../../workflows/application/application.server')
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id, { evidence: true })
    expect(await cycleStatusCounts(w.db, w.cycle.id)).toEqual({ draft: 1 })
    const first = await cycleCounts(w.db, w.cycle.id)
    expect(await cycleCounts(w.db, w.cycle.id)).toBe(first) // reused
    await submitApplication(w.db, { applicationId: draft.id, actor: w.applicant, expectedVersion: draft.version })
    expect(await cycleStatusCounts(w.db, w.cycle.id)).toEqual({ submitted: 1 })
    await inDocumentReview(w, w.otherApplicant)
    expect(await cycleStatusCounts(w.db, w.cycle.id)).toEqual({ submitted: 1, documentReview: 1 })
  })
})

describe('the desk\u2019s total, taken from the kept counts', () => {
  it('equals a fresh count for every filter without a search, and a search is counted afresh', async () => {
    const { countInFilter, cycleCounts } = await import('~/utils/cycle-counts.server')
    const { deskPage } = await import('../../db/repositories/applications')
    const { createCompleteDraft } = await import('../../db/factories')
    const w = await world()
    await createCompleteDraft(w.db, w.applicant, w.cycle.id, { evidence: true })
    await inDocumentReview(w, w.otherApplicant)
    const counts = await cycleCounts(w.db, w.cycle.id)
    const filters = [
      {},
      { status: 'draft' },
      { status: 'documentReview' },
      { status: 'published' },
      { category: 'economy' },
      { status: 'draft', category: 'culture' },
    ]
    for (const filter of filters) {
      const known = countInFilter(counts, filter)
      expect(known, JSON.stringify(filter)).toBe((await deskPage(w.db, w.cycle.id, filter, {})).total)
      // The page given the known total shows the same rows.
      expect((await deskPage(w.db, w.cycle.id, filter, {}, 'id', known)).rows).toEqual(
        (await deskPage(w.db, w.cycle.id, filter, {})).rows,
      )
    }
    expect(countInFilter(counts, {})).toBe(2)
    expect(countInFilter(counts, { search: 'anything' })).toBeUndefined()
  })
})

describe('a cycle\u2019s categories and award levels on the pages', () => {
  it('are read once per generation, shared frozen, and show a quota changed in the settings at once', async () => {
    const { cycleAwardLevels, cycleCategories } = await import('~/utils/cycle-reference.server')
    const w = await world()
    const levels = await cycleAwardLevels(w.db, w.cycle.id)
    expect(await cycleAwardLevels(w.db, w.cycle.id)).toBe(levels)
    expect(Object.isFrozen(levels[0])).toBe(true)
    expect((await cycleCategories(w.db, w.cycle.id)).map((c) => c.code)).toContain('economy')
    const gold = levels.find((l) => l.category_code === 'economy' && l.code === 'gold')!
    await changeSettings(w, { quotas: new Map([[gold.id, gold.quota + 1]]) })
    const after = await cycleAwardLevels(w.db, w.cycle.id)
    expect(after).not.toBe(levels)
    expect(after.find((l) => l.id === gold.id)!.quota).toBe(gold.quota + 1)
  })
})
