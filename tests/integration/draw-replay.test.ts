/**
 * Issue 17: a draw's record is enough to replay it. A category draw over applicants with a conflicted expert, an
 * expert already on one application and unequal loads is re-run from the `draws` and `draw_entries` rows alone
 * (no other table) and chooses the same experts; a record changed after the fact does not replay to what it
 * claims; a record made before the inputs were stored says it cannot be replayed.
 */
import { describe, expect, it } from 'vitest'
import { createApplicantAccount } from '../../db/factories'
import { replayDraw, type DrawRecord } from '../../workflows/review/draw-replay'
import { assignReviewer, drawForCategory } from '../../workflows/review/review.server'
import { advisedUntilLastYear, inDocumentReview, world } from './helpers'

async function recordOf(db: Awaited<ReturnType<typeof world>>['db'], drawId: number): Promise<DrawRecord> {
  const draw = await db.selectFrom('draws').selectAll().where('id', '=', drawId).executeTakeFirstOrThrow()
  const entries = await db.selectFrom('draw_entries').selectAll().where('draw_id', '=', drawId).execute()
  return { ...draw, entries }
}

async function drawnCategory() {
  const w = await world()
  await w.db.updateTable('cycles').set({ reviewers_per_application: 2 }).where('id', '=', w.cycle.id).execute()
  // Four applicants of one category, none with experts yet but the first (专家0 named by hand).
  const applicants = [w.applicant, w.otherApplicant]
  for (let i = 0; i < 2; i++)
    applicants.push(
      await createApplicantAccount(w.db, {
        n: w.cycle.year * 10 + 5 + i,
        name: `丙${i}公司`,
        email: `c${i}-${w.cycle.year}@t.example`,
        password: 'password-123',
      }),
    )
  const ids: number[] = []
  for (const applicant of applicants)
    ids.push((await inDocumentReview(w, applicant, [], { categoryCode: 'economy' })).id)
  await assignReviewer(w.db, { applicationId: ids[0]!, reviewerId: w.reviewers[0]!.userId, actor: w.admin })
  // 专家3 advised 甲公司 until last year: in conflict with the first applicant.
  await advisedUntilLastYear(w, w.reviewers[3]!)
  const outcome = await drawForCategory(w.db, {
    cycleId: w.cycle.id,
    categoryCode: 'economy',
    actor: w.admin,
    seed: 20261202,
  })
  return { w, ids, drawId: outcome!.drawId }
}

describe('a draw replayed from its record alone', () => {
  it('chooses the same experts from the stored inputs, exclusions and seed', async () => {
    const { w, ids, drawId } = await drawnCategory()
    const record = await recordOf(w.db, drawId)
    expect(record.entries.map((e) => e.application_id).sort()).toEqual([...ids].sort())
    const replay = replayDraw(record)
    expect(replay.replayable).toBe(true)
    if (!replay.replayable) return
    expect(replay.matches).toBe(true)
    expect(replay.chosen).toEqual(replay.recorded)
    // The record holds what the draw weighed: the conflict with its reason, the expert already on the first.
    const first = JSON.parse(record.entries.find((e) => e.application_id === ids[0])!.exclusions) as Array<{
      expertId: number
      reason: string
    }>
    expect(first).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ expertId: w.reviewers[0]!.userId, reason: 'alreadyOnApplication' }),
        expect.objectContaining({ expertId: w.reviewers[3]!.userId, reason: 'conflict' }),
      ]),
    )
  })

  it('does not replay to what a changed record claims', async () => {
    const { w, drawId } = await drawnCategory()
    const record = await recordOf(w.db, drawId)
    // The chosen experts changed after the fact.
    const swapped = replayDraw({
      ...record,
      entries: record.entries.map((e, i) =>
        i === 0
          ? { ...e, chosen: JSON.stringify([...(JSON.parse(e.chosen) as number[])].reverse().map((id) => id + 100000)) }
          : e,
      ),
    })
    expect(swapped).toMatchObject({ replayable: true, matches: false })
  })

  it('says a record made before the inputs were stored cannot be replayed', async () => {
    const { w, drawId } = await drawnCategory()
    const record = await recordOf(w.db, drawId)
    const old = {
      ...record,
      candidates: JSON.stringify(
        (JSON.parse(record.candidates) as Array<{ id: number; name: string }>).map(({ id, name }) => ({ id, name })),
      ),
      entries: record.entries.map((e) => ({ ...e, industry: null, needed: null })),
    }
    expect(replayDraw(old)).toEqual({ replayable: false })
  })
})
