import { describe, expect, it } from 'vitest'
import { listAudit } from '../../db/repositories/audit'
import { getCycle } from '../../db/repositories/cycles'
import { confirmAsRepresentative, createApplicantAccount, createCompleteDraft } from '../../db/factories'
import {
  applyApplicationEvent,
  startApplication,
  submitApplication,
} from '../../workflows/application/application.server'
import { readCycleAuditReason } from '../../workflows/cycle/cycle-audit'
import { startPublicNotice } from '../../workflows/cycle/cycle.server'
import { closeIntake } from '../../workflows/cycle/intake.server'
import * as home from '~/routes/_index'
import { respond } from '../routes/http'
import { approveAndPublish, decideLevel, inDocumentReview, rejection, submitSheet, world } from './helpers'

const lastCycleEvent = async (w: Awaited<ReturnType<typeof world>>) =>
  (await listAudit(w.db, 'cycle', w.cycle.id)).at(-1)!

describe('intake (申报受理) as a stage of its own', () => {
  it('ends when the secretariat ends it: a draft can no longer be started or submitted, and says why', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    await closeIntake(w.db, { cycleId: w.cycle.id, actor: w.admin })
    expect(await lastCycleEvent(w)).toMatchObject({ event: 'CLOSE_INTAKE', actor_name: '秘书处' })
    expect(readCycleAuditReason((await lastCycleEvent(w)).reason)).toEqual({ kind: 'intakeClosed', by: 'secretariat' })
    expect(
      await rejection(
        submitApplication(w.db, { applicationId: draft.id, actor: w.applicant, expectedVersion: draft.version }),
      ),
    ).toMatchObject({ status: 409, messageKey: 'errors.intakeClosed' })
    expect((await rejection(startApplication(w.db, w.otherApplicant, w.cycle.id))).messageKey).toBe(
      'errors.intakeClosed',
    )
    // Once only, and only by the secretariat.
    expect((await rejection(closeIntake(w.db, { cycleId: w.cycle.id, actor: w.admin }))).messageKey).toBe(
      'errors.intakeAlreadyClosed',
    )
    expect((await rejection(closeIntake(w.db, { cycleId: w.cycle.id, actor: w.applicant }))).status).toBe(403)
  })

  it('still takes a correction (补正) the secretariat asked for', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    let version = (
      await submitApplication(w.db, { applicationId: draft.id, actor: w.applicant, expectedVersion: draft.version })
    ).version
    for (const event of [
      { type: 'START_ELIGIBILITY_REVIEW' as const },
      { type: 'RETURN_FOR_CORRECTION' as const, reason: '请补充信用报告' },
    ])
      version = (
        await applyApplicationEvent(w.db, { applicationId: draft.id, actor: w.admin, event, expectedVersion: version })
      ).version
    await closeIntake(w.db, { cycleId: w.cycle.id, actor: w.admin })
    version = await confirmAsRepresentative(w.db, w.applicant, draft.id, version)
    const resubmitted = await submitApplication(w.db, {
      applicationId: draft.id,
      actor: w.applicant,
      expectedVersion: version,
    })
    expect(resubmitted.to).toBe('submitted')
  })

  it('ends with the public notice, so a draft of a published cycle can never be submitted into it', async () => {
    const w = await world()
    const winner = await inDocumentReview(w)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, winner.id, reviewer, 85)
    const late = await createApplicantAccount(w.db, {
      n: w.cycle.year * 10 + 5,
      name: '迟到公司',
      email: `late-${w.cycle.year}@t.example`,
      password: 'password-123',
    })
    const lateDraft = await createCompleteDraft(w.db, late, w.cycle.id)
    await decideLevel(w, winner.id, 'gold', '')
    await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: '2030-01-07T02:00:00.000Z' })
    expect(readCycleAuditReason((await listAudit(w.db, 'cycle', w.cycle.id)).at(-2)!.reason)).toEqual({
      kind: 'intakeClosed',
      by: 'notice',
    })
    expect((await getCycle(w.db, w.cycle.id))!.intake_closed_at).toBe('2030-01-07T02:00:00.000Z')
    await approveAndPublish(w, '2030-01-20T02:00:00.000Z')
    expect(
      (
        await rejection(
          submitApplication(w.db, { applicationId: lateDraft.id, actor: late, expectedVersion: lateDraft.version }),
        )
      ).messageKey,
    ).toBe('errors.intakeClosed')
  })

  it('is what the home page invites to: an application while open, nothing once it has ended', async () => {
    const w = await world()
    const open = async () =>
      (await (await respond(async () => home.loader())).json()) as { cycle: { year: number; intakeOpen: boolean } }
    expect(await open()).toMatchObject({ cycle: { year: w.cycle.year, intakeOpen: true } })
    await closeIntake(w.db, { cycleId: w.cycle.id, actor: w.admin })
    expect(await open()).toMatchObject({ cycle: { year: w.cycle.year, intakeOpen: false } })
  })
})
