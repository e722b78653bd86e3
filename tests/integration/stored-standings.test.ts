import { describe, expect, it } from 'vitest'
import { backfillTotals } from '../../db/migrations/0026_stored_sheet_totals'
import { recordConsensus, saveScoreSheet } from '../../workflows/review/review.server'
import {
  cycleStandings,
  recomputedCycleStandings,
  refreshCycleStandings,
} from '../../workflows/review/standings.server'
import type { Aggregation } from '../../workflows/review/scoring'
import { cyclesMissingStandings, listStoredStandings } from '../../db/repositories/standings'
import { acceptInvitation, changeSettings, inDocumentReview, world, type World } from './helpers'
import { createApplicantAccount } from '../../db/factories'

/** A seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Five applications, each scored by three of the four experts item by item at random; one with a consensus. */
async function generated(seed: number): Promise<World> {
  const w = await world()
  const next = random(seed)
  const items = w.tree.categories.flatMap((c) => c.items)
  const ids: number[] = []
  for (let a = 0; a < 5; a++) {
    const actor =
      a === 0
        ? w.applicant
        : a === 1
          ? w.otherApplicant
          : await createApplicantAccount(w.db, {
              n: w.cycle.year * 10 + 2 + a,
              name: `生成${a}公司`,
              email: `g${a}-${w.cycle.year}@t.example`,
              password: 'password-123',
            })
    const reviewers = [0, 1, 2, 3].filter((r) => r !== a % 4).map((r) => w.reviewers[r]!)
    const app = await inDocumentReview(w, actor, reviewers)
    for (const reviewer of reviewers) {
      await acceptInvitation(w, app.id, reviewer)
      const scores = new Map(items.map((item) => [item.id, Math.floor(next() * 21) * 5] as const))
      const comments = new Map(
        w.tree.categories.map((c) => [c.id, { strengths: '方法系统', opportunities: '展开不足' }] as const),
      )
      await saveScoreSheet(w.db, {
        applicationId: app.id,
        actor: reviewer,
        expectedVersion: null,
        scores,
        comments,
        submit: true,
      })
    }
    ids.push(app.id)
  }
  const sheetsOfFirst = await w.db
    .selectFrom('assignments')
    .select('reviewer_id')
    .where('application_id', '=', ids[0]!)
    .execute()
  await recordConsensus(w.db, {
    applicationId: ids[0]!,
    actor: w.admin,
    scores: new Map(items.map((item) => [item.id, Math.floor(next() * 21) * 5] as const)),
    note: '合议',
    agreedBy: sheetsOfFirst.slice(0, 2).map((s) => s.reviewer_id),
    outsideThresholdReason: '生成数据',
  })
  return w
}

describe('standings from stored sheet points', () => {
  for (const [seed, aggregation, normalise] of [
    [1, 'mean', 0],
    [2, 'median', 1],
    [3, 'trimmedMean', 1],
    [4, 'mean', 1],
  ] as const) {
    it(`agree with the recomputation from item rows to the hundredth (${aggregation}${normalise ? ', normalised' : ''})`, async () => {
      const w = await generated(seed)
      // The method changes through the settings, as the secretariat changes it: every stored standing follows.
      await changeSettings(w, { aggregation: aggregation as Aggregation, normaliseReviewers: normalise === 1 })
      const fromPoints = await cycleStandings(w.db, w.cycle.id)
      const recomputed = await recomputedCycleStandings(w.db, w.cycle.id)
      expect(fromPoints.size).toBe(5)
      expect(fromPoints).toEqual(recomputed)
      expect([...fromPoints.values()].filter((s) => s.consensus !== null)).toHaveLength(1)
      // What the ranking reads: the stored row of each application.
      const stored = await listStoredStandings(w.db, w.cycle.id)
      expect(new Map(stored.map((r) => [r.application_id, r]))).toEqual(
        new Map(
          [...recomputed].map(([id, s]) => [
            id,
            {
              application_id: id,
              score: s.score,
              results: s.results,
              leadership: s.leadership,
              sheets: s.sheetTotals.length,
              consensus: s.consensus,
            },
          ]),
        ),
      )
    })
  }

  it('are backfilled by the migration for sheets and consensus rounds written before it', async () => {
    const w = await generated(5)
    const before = await cycleStandings(w.db, w.cycle.id)
    await w.db.updateTable('score_sheets').set({ total: null, results: null, leadership: null }).execute()
    await w.db.updateTable('consensus_rounds').set({ total: null, results: null, leadership: null }).execute()
    expect(await cycleStandings(w.db, w.cycle.id)).not.toEqual(before)
    await backfillTotals(w.db)
    expect(await cycleStandings(w.db, w.cycle.id)).toEqual(before)
  })

  it('are filled at start-up for a cycle scored before standings were stored', async () => {
    const w = await generated(6)
    const before = await listStoredStandings(w.db, w.cycle.id)
    await w.db.deleteFrom('application_standings').where('cycle_id', '=', w.cycle.id).execute()
    expect(await cyclesMissingStandings(w.db)).toContain(w.cycle.id)
    for (const cycleId of await cyclesMissingStandings(w.db))
      await w.db.transaction().execute((trx) => refreshCycleStandings(trx, cycleId))
    expect(await cyclesMissingStandings(w.db)).not.toContain(w.cycle.id)
    expect(await listStoredStandings(w.db, w.cycle.id)).toEqual(before)
  })
})
