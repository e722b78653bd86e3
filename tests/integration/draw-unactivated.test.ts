/**
 * Issue 17: the draw picked experts who could not log in yet (imported minutes earlier, no password set). The
 * cycle's setting decides: left out of every draw, each named on the draw's record with the reason (and the record
 * still replays, on the public ledger too), or drawn as before with the warning beside them. The change of setting
 * is on the cycle's history.
 */
import { describe, expect, it } from 'vitest'
import { ledgerEntries } from '../../db/repositories/draw-ledger'
import { verifyLedger } from '../../workflows/review/draw-ledger'
import { replayDraw } from '../../workflows/review/draw-replay'
import { drawForCategory } from '../../workflows/review/review.server'
import { noPasswordYet } from '../../workflows/experts/pool.server'
import { changeSettings, inDocumentReview, world } from './helpers'

/** A world whose fourth expert was invited but has not set a password. */
async function withUnactivatedExpert() {
  const w = await world()
  const unactivated = w.reviewers[3]!.userId
  await w.db.updateTable('users').set({ password_hash: noPasswordYet }).where('id', '=', unactivated).execute()
  const application = await inDocumentReview(w, w.applicant, [], { categoryCode: 'economy' })
  return { w, unactivated, application }
}

async function chosenFor(w: Awaited<ReturnType<typeof world>>, applicationId: number): Promise<number[]> {
  const rows = await w.db
    .selectFrom('assignments')
    .select('reviewer_id')
    .where('application_id', '=', applicationId)
    .execute()
  return rows.map((r) => r.reviewer_id)
}

describe('experts who have not activated their account', () => {
  it('are drawn by default, as before (the screens warn beside them)', async () => {
    const { w, unactivated, application } = await withUnactivatedExpert()
    await changeSettings(w, { reviewersPerApplication: 4 })
    await drawForCategory(w.db, { cycleId: w.cycle.id, categoryCode: 'economy', actor: w.admin, seed: 5 })
    expect(await chosenFor(w, application.id)).toContain(unactivated)
  })

  it('are left out of the draw when the cycle says so, named on the record, and the record still replays', async () => {
    const { w, unactivated, application } = await withUnactivatedExpert()
    await changeSettings(w, { reviewersPerApplication: 3, drawOnlyActivated: true })
    const outcome = await drawForCategory(w.db, {
      cycleId: w.cycle.id,
      categoryCode: 'economy',
      actor: w.admin,
      seed: 5,
    })
    const chosen = await chosenFor(w, application.id)
    expect(chosen).toHaveLength(3)
    expect(chosen).not.toContain(unactivated)
    const draw = await w.db.selectFrom('draws').selectAll().where('id', '=', outcome!.drawId).executeTakeFirstOrThrow()
    const entries = await w.db.selectFrom('draw_entries').selectAll().where('draw_id', '=', draw.id).execute()
    expect(JSON.parse(entries[0]!.exclusions)).toContainEqual({ expertId: unactivated, reason: 'notActivated' })
    expect(replayDraw({ ...draw, entries })).toMatchObject({ replayable: true, matches: true })
    const ledger = await ledgerEntries(w.db, w.cycle.id)
    expect(ledger.at(-1)!.record).toContain('"reason":"notActivated"')
    expect((await verifyLedger(ledger)).ok).toBe(true)
    // The setting's change is on the cycle's history.
    const history = await w.db
      .selectFrom('audit_log')
      .select('reason')
      .where('entity', '=', 'cycle')
      .where('entity_id', '=', w.cycle.id)
      .where('event', '=', 'UPDATE_SETTINGS')
      .execute()
    expect(history.map((h) => h.reason).join()).toContain('{"field":"drawOnlyActivated","from":false,"to":true}')
  })

  it('leave the draw short rather than fill it with someone who cannot log in', async () => {
    const { w } = await withUnactivatedExpert()
    await changeSettings(w, { reviewersPerApplication: 4, drawOnlyActivated: true })
    await expect(
      drawForCategory(w.db, { cycleId: w.cycle.id, categoryCode: 'economy', actor: w.admin, seed: 5 }),
    ).rejects.toMatchObject({ messageKey: 'errors.poolTooSmall' })
  })
})
