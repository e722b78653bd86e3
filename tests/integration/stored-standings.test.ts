import { describe, expect, it } from 'vitest'
import { backfillTotals } from '../../db/migrations/0026_stored_sheet_totals'
import { recordConsensus, saveScoreSheet } from '../../workflows/review/review.server'
import { cycleStandings, recomputedCycleStandings } from '../../workflows/review/standings.server'
import type { Aggregation } from '../../workflows/review/scoring'
import { acceptInvitation, inDocumentReview, world, type World } from './helpers'
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
    const actor = a === 0 ? w.applicant : a === 1 ? w.otherApplicant : await createApplicantAccount(w.db, { n: w.cycle.year * 10 + 2 + a, name: `生成${a}公司`, email: `g${a}-${w.cycle.year}@t.example`, password: 'password-123' })
    const reviewers = [0, 1, 2, 3].filter((r) => r !== a % 4).map((r) => w.reviewers[r]!)
    const app = await inDocumentReview(w, actor, reviewers)
    for (const reviewer of reviewers) {
      await acceptInvitation(w, app.id, reviewer)
      const scores = new Map(items.map((item) => [item.id, Math.floor(next() * 21) * 5] as const))
      const comments = new Map(w.tree.categories.map((c) => [c.id, { strengths: '方法系统', opportunities: '展开不足' }] as const))
      await saveScoreSheet(w.db, { applicationId: app.id, actor: reviewer, expectedVersion: null, scores, comments, submit: true })
    }
    ids.push(app.id)
  }
  const sheetsOfFirst = await w.db.selectFrom('assignments').select('reviewer_id').where('application_id', '=', ids[0]!).execute()
  await recordConsensus(w.db, {
    applicationId: ids[0]!, actor: w.admin, scores: new Map(items.map((item) => [item.id, Math.floor(next() * 21) * 5] as const)), note: '合议',
    agreedBy: sheetsOfFirst.slice(0, 2).map((s) => s.reviewer_id), outsideThresholdReason: '生成数据',
  })
  return w
}

describe('standings from stored sheet points', () => {
  for (const [seed, aggregation, normalise] of [[1, 'mean', 0], [2, 'median', 1], [3, 'trimmedMean', 1], [4, 'mean', 1]] as const) {
    it(`agree with the recomputation from item rows to the hundredth (${aggregation}${normalise ? ', normalised' : ''})`, async () => {
      const w = await generated(seed)
      await w.db.updateTable('cycles').set({ aggregation: aggregation as Aggregation, normalise_reviewers: normalise }).where('id', '=', w.cycle.id).execute()
      const stored = await cycleStandings(w.db, w.cycle.id)
      expect(stored.size).toBe(5)
      expect(stored).toEqual(await recomputedCycleStandings(w.db, w.cycle.id))
      expect([...stored.values()].filter((s) => s.consensus !== null)).toHaveLength(1)
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
})
