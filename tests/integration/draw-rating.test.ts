/**
 * Issue 23: the cycle's draws may leave out experts whose last rating by the secretariat is below a chosen threshold,
 * each named on the draw's record with the reason; the record still replays (and the public ledger verifies). An
 * expert never rated, or rated in this same cycle only, is not left out.
 */
import { describe, expect, it } from 'vitest'
import { createAwardCycle } from '../../db/factories'
import { ledgerEntries } from '../../db/repositories/draw-ledger'
import { putExpertRating } from '../../db/repositories/performance'
import { verifyLedger } from '../../workflows/review/draw-ledger'
import { replayDraw } from '../../workflows/review/draw-replay'
import { drawForCategory } from '../../workflows/review/review.server'
import { changeSettings, inDocumentReview, world, type World } from './helpers'

async function rate(w: World, cycleId: number, expertUserId: number, rating: number) {
  await putExpertRating(w.db, { cycleId, expertUserId, rating, note: '', ratedBy: w.admin.userId, at: '2026-01-01' })
}

describe('a draw threshold on the experts\u2019 ratings', () => {
  it('leaves out an expert rated below it last cycle, names the reason on the record, and the record replays', async () => {
    const w = await world()
    const lastYear = await createAwardCycle(w.db, w.cycle.year - 500)
    const [a, b, c, d] = w.reviewers.map((r) => r.userId) as [number, number, number, number]
    await rate(w, lastYear.id, a, 5)
    await rate(w, lastYear.id, b, 3)
    await rate(w, lastYear.id, d, 2)
    // A rating given in the cycle being drawn does not count (ratings come after a cycle).
    await rate(w, w.cycle.id, c, 1)
    const application = await inDocumentReview(w, w.applicant, [], { categoryCode: 'economy' })
    await changeSettings(w, { reviewersPerApplication: 3, drawMinRating: 3 })
    const outcome = await drawForCategory(w.db, {
      cycleId: w.cycle.id,
      categoryCode: 'economy',
      actor: w.admin,
      seed: 9,
    })
    const chosen = (
      await w.db.selectFrom('assignments').select('reviewer_id').where('application_id', '=', application.id).execute()
    ).map((r) => r.reviewer_id)
    expect(chosen.sort()).toEqual([a, b, c].sort())
    const draw = await w.db.selectFrom('draws').selectAll().where('id', '=', outcome!.drawId).executeTakeFirstOrThrow()
    const entries = await w.db.selectFrom('draw_entries').selectAll().where('draw_id', '=', draw.id).execute()
    expect(JSON.parse(entries[0]!.exclusions)).toEqual([{ expertId: d, reason: 'belowRating' }])
    expect(replayDraw({ ...draw, entries })).toMatchObject({ replayable: true, matches: true })
    expect((await verifyLedger(await ledgerEntries(w.db, w.cycle.id))).ok).toBe(true)
    const history = await w.db
      .selectFrom('audit_log')
      .select('reason')
      .where('entity', '=', 'cycle')
      .where('entity_id', '=', w.cycle.id)
      .where('event', '=', 'UPDATE_SETTINGS')
      .execute()
    expect(history.map((h) => h.reason).join()).toContain('{"field":"drawMinRating","from":null,"to":3}')
  })

  it('draws everyone without a threshold, and leaves the draw short rather than go below it', async () => {
    const w = await world()
    const lastYear = await createAwardCycle(w.db, w.cycle.year - 500)
    await rate(w, lastYear.id, w.reviewers[0]!.userId, 1)
    await inDocumentReview(w, w.applicant, [], { categoryCode: 'economy' })
    await changeSettings(w, { reviewersPerApplication: 4, drawMinRating: 2 })
    await expect(
      drawForCategory(w.db, { cycleId: w.cycle.id, categoryCode: 'economy', actor: w.admin, seed: 3 }),
    ).rejects.toMatchObject({ messageKey: 'errors.poolTooSmall' })
    await changeSettings(w, { reviewersPerApplication: 4, drawMinRating: null })
    const outcome = await drawForCategory(w.db, {
      cycleId: w.cycle.id,
      categoryCode: 'economy',
      actor: w.admin,
      seed: 3,
    })
    expect(outcome!.chosen.size).toBe(1)
  })
})
