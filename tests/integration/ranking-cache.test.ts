import { describe, expect, it } from 'vitest'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { decideApplication, applyApplicationEvent } from '../../workflows/application/application.server'
import { updateCycleSettings } from '../../workflows/cycle/cycle.server'
import { cycleRanking } from '../../workflows/review/standings.server'
import { inDocumentReview, submitSheet, world } from './helpers'

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
