import { describe, expect, it } from 'vitest'
import { createCompleteDraft, createStaffAccount } from '../../db/factories'
import { listDrawsOfApplication, replaceRelations } from '../../db/repositories/experts'
import { applyApplicationEvent, submitApplication } from '../../workflows/application/application.server'
import { drawReviewers } from '../../workflows/review/draw'
import {
  drawForApplication,
  drawForCategory,
  removeAssignment,
  respondToAssignment,
} from '../../workflows/review/review.server'
import { completeEligibilityChecks } from '../../db/factories'
import type { Actor } from '../../workflows/application/application.policy'
import { rejection, submitSheet, world, type World } from './helpers'

/** The world's four reviewers are the pool (see world()); reviewers drawn per application as given. */
async function poolOfFour(perApplication = 3) {
  const w = await world()
  await w.db
    .updateTable('cycles')
    .set({ reviewers_per_application: perApplication })
    .where('id', '=', w.cycle.id)
    .execute()
  return w
}

/** Submitted and accepted: in document review, nobody assigned yet. */
async function accepted(w: World, actor: Actor = w.applicant) {
  const draft = await createCompleteDraft(w.db, actor, w.cycle.id)
  let version = (await submitApplication(w.db, { applicationId: draft.id, actor, expectedVersion: draft.version }))
    .version
  version = (
    await applyApplicationEvent(w.db, {
      applicationId: draft.id,
      actor: w.admin,
      event: { type: 'START_ELIGIBILITY_REVIEW' },
      expectedVersion: version,
    })
  ).version
  await completeEligibilityChecks(w.db, w.admin, draft.id)
  await applyApplicationEvent(w.db, {
    applicationId: draft.id,
    actor: w.admin,
    event: { type: 'ACCEPT_ELIGIBILITY' },
    expectedVersion: version,
  })
  return draft.id
}

const statuses = (w: World, applicationId: number) =>
  w.db
    .selectFrom('assignments')
    .select(['reviewer_id', 'status', 'draw_id'])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute()

describe('drawing reviewers from the expert pool', () => {
  it("draws the cycle's number, never a conflicted expert, and records a draw that replays to the same choice", async () => {
    const w = await poolOfFour()
    const id = await accepted(w)
    // 专家3 advised the applicant until last year: a conflict for three years.
    const conflicted = await w.db
      .selectFrom('experts')
      .select('id')
      .where('user_id', '=', w.reviewers[3]!.userId)
      .executeTakeFirstOrThrow()
    await replaceRelations(w.db, conflicted.id, [
      { kind: 'consultingClient', name: '甲公司', uscc: null, endedOn: '2025-12-31' },
    ])
    const outcome = await drawForApplication(w.db, { applicationId: id, actor: w.admin, seed: 77 })
    expect([...outcome!.chosen.get(id)!].sort()).toEqual(
      w.reviewers
        .slice(0, 3)
        .map((r) => r.userId)
        .sort(),
    )
    const rows = await statuses(w, id)
    expect(rows.map((r) => r.status)).toEqual(['invited', 'invited', 'invited'])
    expect(new Set(rows.map((r) => r.draw_id))).toEqual(new Set([outcome!.drawId]))

    const [record] = await listDrawsOfApplication(w.db, id)
    expect(record).toMatchObject({ kind: 'draw', seed: 77, per_application: 3 })
    expect(JSON.parse(record!.exclusions)).toEqual([
      {
        expertId: w.reviewers[3]!.userId,
        reason: 'conflict',
        conflicts: [{ kind: 'consultingClient', name: '甲公司' }],
      },
    ])
    expect(
      JSON.parse(record!.candidates)
        .map((c: { id: number }) => c.id)
        .sort(),
    ).toEqual(w.reviewers.map((r) => r.userId).sort())
    // Replayed from the record alone: the same seed, candidates and exclusions give the same choice.
    const excluded = new Set<number>([w.reviewers[3]!.userId])
    const replay = drawReviewers({
      applications: [{ id, industry: 'electronics', needed: 3, excluded: new Set() }],
      experts: JSON.parse(record!.candidates).map((c: { id: number }) => ({ id: c.id, industries: [] })),
      conflictsOf: () =>
        new Map([...excluded].map((e) => [e, [{ kind: 'consultingClient' as const, name: '甲公司' }]])),
      loads: new Map(),
      cap: record!.load_cap,
      seed: record!.seed,
    })
    expect(replay.ok && replay.draws[0]!.chosen).toEqual(JSON.parse(record!.chosen))
    const audit = await w.db
      .selectFrom('audit_log')
      .select(['event', 'reason'])
      .where('entity', '=', 'application')
      .where('entity_id', '=', id)
      .where('event', '=', 'DRAW_REVIEWERS')
      .execute()
    expect(audit).toHaveLength(1)
  })

  it('compares organisations on the keys stored beside the text: as typed with other spacing and forms, and as stored', async () => {
    const w = await poolOfFour()
    const id = await accepted(w)
    const expertOf = async (i: number) =>
      (
        await w.db
          .selectFrom('experts')
          .select('id')
          .where('user_id', '=', w.reviewers[i]!.userId)
          .executeTakeFirstOrThrow()
      ).id
    // 专家3 typed the client with a full-width space and stop: the same key as 甲公司.
    await replaceRelations(w.db, await expertOf(3), [
      { kind: 'consultingClient', name: '甲\u3000公司。', uscc: null, endedOn: null },
    ])
    // 专家2's tie reads as another name, but its stored key is the applicant's: the stored key is what counts.
    await replaceRelations(w.db, await expertOf(2), [{ kind: 'competitor', name: '丙公司', uscc: null, endedOn: null }])
    await w.db
      .updateTable('expert_relations')
      .set({ name_key: '甲公司' })
      .where('expert_id', '=', await expertOf(2))
      .execute()
    await w.db.updateTable('cycles').set({ reviewers_per_application: 2 }).where('id', '=', w.cycle.id).execute()
    const outcome = await drawForApplication(w.db, { applicationId: id, actor: w.admin, seed: 5 })
    expect([...outcome!.chosen.get(id)!].sort()).toEqual(
      w.reviewers
        .slice(0, 2)
        .map((r) => r.userId)
        .sort(),
    )
    const [record] = await listDrawsOfApplication(w.db, id)
    expect(
      JSON.parse(record!.exclusions)
        .map((e: { expertId: number }) => e.expertId)
        .sort(),
    ).toEqual([w.reviewers[2]!.userId, w.reviewers[3]!.userId].sort())
  })

  it('refuses a pool too small, naming how many experts are missing, and writes nothing', async () => {
    const w = await poolOfFour(5)
    const id = await accepted(w)
    const refusal = await rejection(drawForApplication(w.db, { applicationId: id, actor: w.admin }))
    expect(refusal).toMatchObject({
      status: 409,
      messageKey: 'errors.poolTooSmall',
      vars: { missing: 1, applications: '甲公司（1）' },
    })
    expect(await statuses(w, id)).toEqual([])
    expect(await w.db.selectFrom('draws').select('id').where('cycle_id', '=', w.cycle.id).execute()).toEqual([])
  })

  it('redraws at once when an expert declines or declares a conflict, never the same expert again', async () => {
    const w = await poolOfFour()
    const id = await accepted(w)
    const outcome = await drawForApplication(w.db, { applicationId: id, actor: w.admin, seed: 5 })
    const [first] = outcome!.chosen.get(id)!
    const leaver = w.reviewers.find((r) => r.userId === first)!
    const answer = await respondToAssignment(w.db, {
      applicationId: id,
      actor: leaver,
      answer: 'conflict',
      reason: '其配偶在该单位任职',
    })
    expect(answer).toEqual({ to: 'recused', redrawn: true })
    const rows = await statuses(w, id)
    expect(rows.filter((r) => r.status === 'invited')).toHaveLength(3)
    expect(rows.find((r) => r.reviewer_id === first)!.status).toBe('recused')
    const records = await listDrawsOfApplication(w.db, id)
    expect(records.map((r) => r.kind)).toEqual(['draw', 'redraw'])
    // The pool is now used up: the next refusal leaves the application short, and says so, rather than failing.
    const second = w.reviewers.find((r) => r.userId === rows.find((x) => x.status === 'invited')!.reviewer_id)!
    expect(
      await respondToAssignment(w.db, { applicationId: id, actor: second, answer: 'decline', reason: '出国访学' }),
    ).toEqual({ to: 'declined', redrawn: false })
    expect((await statuses(w, id)).filter((r) => r.status === 'invited')).toHaveLength(2)
  })

  it('completes document review only when every active assignment is submitted and the minimum is reached', async () => {
    const w = await poolOfFour()
    const id = await accepted(w)
    const outcome = await drawForApplication(w.db, { applicationId: id, actor: w.admin, seed: 11 })
    const drawn = outcome!.chosen.get(id)!.map((userId) => w.reviewers.find((r) => r.userId === userId)!)
    await submitSheet(w, id, drawn[0]!, 70)
    await submitSheet(w, id, drawn[1]!, 75)
    expect(
      (await w.db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
    ).toBe('documentReview')
    // The secretariat takes the third off (no redraw): two submitted is under the minimum of three.
    const third = await w.db
      .selectFrom('assignments')
      .select('id')
      .where('application_id', '=', id)
      .where('reviewer_id', '=', drawn[2]!.userId)
      .executeTakeFirstOrThrow()
    await removeAssignment(w.db, { assignmentId: third.id, actor: w.admin, reason: '专家因病无法评审', redraw: false })
    expect(
      (await w.db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
    ).toBe('documentReview')
    // The fourth expert is drawn in their place and submits: now it completes.
    await drawForApplication(w.db, { applicationId: id, actor: w.admin })
    const fourth = w.reviewers.find((r) => !drawn.includes(r))!
    await submitSheet(w, id, fourth, 80)
    expect(
      (await w.db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
    ).toBe('scored')
  })

  it('draws for every application of a category in one draw, balancing the load', async () => {
    const w = await poolOfFour(2)
    const first = await accepted(w)
    const second = await accepted(w, w.otherApplicant)
    const outcome = await drawForCategory(w.db, {
      cycleId: w.cycle.id,
      categoryCode: 'economy',
      actor: w.admin,
      seed: 3,
    })
    expect([...outcome!.chosen.keys()].sort()).toEqual([first, second].sort())
    const all = [...outcome!.chosen.values()].flat()
    expect(new Set(all).size).toBe(4) // four places, four experts: nobody twice
    // Nothing left to draw: a second press draws nobody.
    expect(await drawForCategory(w.db, { cycleId: w.cycle.id, categoryCode: 'economy', actor: w.admin })).toBeNull()
  })

  it("is the secretariat's alone", async () => {
    const w = await poolOfFour()
    const id = await accepted(w)
    expect((await rejection(drawForApplication(w.db, { applicationId: id, actor: w.reviewers[0]! }))).status).toBe(403)
    const extra = await createStaffAccount(w.db, {
      role: 'reviewer',
      name: '专家X',
      email: `x-${w.cycle.year}@t.example`,
      password: 'password-123',
    })
    expect((await rejection(drawForApplication(w.db, { applicationId: id, actor: extra }))).status).toBe(403)
  })
})
