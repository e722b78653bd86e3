import { describe, expect, it } from 'vitest'
import { readEligibilityAuditReason } from '../../workflows/application/eligibility-audit'
import { createCompleteDraft } from '../../db/factories'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { listAudit } from '../../db/repositories/audit'
import { auditShownToApplicant } from '../../workflows/application/application.policy'
import {
  applyApplicationEvent,
  openEligibilityProblems,
  submitApplication,
} from '../../workflows/application/application.server'
import { recordManualCreditCheck } from '../../workflows/application/credit.server'
import { confirmEligibilityCondition } from '../../workflows/application/eligibility.server'
import { rejection, world } from './helpers'

async function inEligibilityReview(profile: Record<string, string> = {}) {
  const w = await world()
  const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
  if (Object.keys(profile).length > 0) {
    const row = (await loadApplicationForUpdate(w.db, draft.id))!
    await w.db
      .updateTable('application_texts')
      .set({ profile: JSON.stringify({ ...JSON.parse(row.profile!), ...profile }) })
      .where('application_id', '=', draft.id)
      .execute()
  }
  const submitted = await submitApplication(w.db, {
    applicationId: draft.id,
    actor: w.applicant,
    expectedVersion: draft.version,
  })
  const started = await applyApplicationEvent(w.db, {
    applicationId: draft.id,
    actor: w.admin,
    event: { type: 'START_ELIGIBILITY_REVIEW' },
    expectedVersion: submitted.version,
  })
  const accept = (reason?: string) =>
    applyApplicationEvent(w.db, {
      applicationId: draft.id,
      actor: w.admin,
      event: { type: 'ACCEPT_ELIGIBILITY', reason },
      expectedVersion: started.version,
    })
  const confirmAll = async () => {
    for (const condition of ['registeredThreeYears', 'industryLeader', 'noPenalty', 'noAccident', 'goodCredit']) {
      await confirmEligibilityCondition(w.db, {
        applicationId: draft.id,
        actor: w.admin,
        condition,
        met: true,
        note: '',
      })
    }
  }
  return { w, id: draft.id, accept, confirmAll }
}

describe('eligibility review is a checklist (资格审核)', () => {
  it('passes only when every condition is confirmed as met and a credit check is on record', async () => {
    const { w, id, accept, confirmAll } = await inEligibilityReview()
    expect(await openEligibilityProblems(w.db, id)).toHaveLength(6)
    // No credit check, no pass: not even with a reason.
    expect((await rejection(accept())).messageKey).toBe('errors.creditCheckRequired')
    expect((await rejection(accept('情况特殊'))).messageKey).toBe('errors.creditCheckRequired')
    await recordManualCreditCheck(w.db, { applicationId: id, actor: w.admin, dishonest: false, summary: '无失信记录' })
    expect(await rejection(accept())).toMatchObject({ messageKey: 'errors.eligibilityOpen', vars: { count: 5 } })
    await confirmAll()
    expect(await openEligibilityProblems(w.db, id)).toEqual([])
    expect((await accept()).to).toBe('documentReview')
  })

  it('computes the three years since registration, and lets a failing application pass only with an override on the record', async () => {
    const eightMonthsAgo = new Date(Date.now() - 240 * 24 * 3600_000).toISOString().slice(0, 10)
    const { w, id, accept, confirmAll } = await inEligibilityReview({ registrationDate: eightMonthsAgo })
    await confirmAll()
    await recordManualCreditCheck(w.db, { applicationId: id, actor: w.admin, dishonest: false, summary: '无失信记录' })
    expect(await openEligibilityProblems(w.db, id)).toEqual([{ kind: 'registeredUnderThreeYears', years: 0 }])
    expect((await rejection(accept('  '))).messageKey).toBe('errors.eligibilityOpen')
    expect((await accept('经市政府批准的重组企业，前身注册已满十年')).to).toBe('documentReview')
    const audit = await listAudit(w.db, 'application', id)
    expect(audit.at(-1)).toMatchObject({
      event: 'ACCEPT_ELIGIBILITY',
      reason: '经市政府批准的重组企业，前身注册已满十年',
    })
    // The override's reason is the secretariat's, not shown to the applicant.
    expect(auditShownToApplicant(audit, false).at(-1)).toMatchObject({ event: 'ACCEPT_ELIGIBILITY', reason: null })
  })

  it("shows a credit code failing its check character with the applicant's explanation, and passes it only with a reason", async () => {
    const { w, id, accept, confirmAll } = await inEligibilityReview()
    await w.db
      .updateTable('organisations')
      .set({ uscc: '91440300708461136U', uscc_explanation: '营业执照原件上的代码即为此代码。' })
      .where('id', '=', w.applicant.organisationId!)
      .execute()
    await confirmAll()
    await recordManualCreditCheck(w.db, { applicationId: id, actor: w.admin, dishonest: false, summary: '无失信记录' })
    expect(await openEligibilityProblems(w.db, id)).toEqual([
      { kind: 'usccCheckCharacter', expected: 'T', explanation: '营业执照原件上的代码即为此代码。' },
    ])
    expect((await rejection(accept())).messageKey).toBe('errors.eligibilityOpen')
    expect((await accept('已核对营业执照原件及市场监管局登记信息，代码无误')).to).toBe('documentReview')
    expect((await listAudit(w.db, 'application', id)).at(-1)).toMatchObject({
      event: 'ACCEPT_ELIGIBILITY',
      reason: '已核对营业执照原件及市场监管局登记信息，代码无误',
    })
  })

  it('finds an application registered neither by a Shenzhen credit code nor at a Shenzhen address', async () => {
    const { w, id } = await inEligibilityReview({ registeredAddress: '北京市海淀区中关村大街1号' })
    await w.db
      .updateTable('organisations')
      .set({ uscc: '91110108551385082Q' })
      .where('id', '=', w.applicant.organisationId!)
      .execute()
    expect(await openEligibilityProblems(w.db, id)).toContainEqual({ kind: 'notInShenzhen' })
  })

  it('needs a note for a condition found not met, and records every check in the history', async () => {
    const { w, id, accept } = await inEligibilityReview()
    expect(
      (
        await rejection(
          confirmEligibilityCondition(w.db, {
            applicationId: id,
            actor: w.admin,
            condition: 'noPenalty',
            met: false,
            note: ' ',
          }),
        )
      ).messageKey,
    ).toBe('errors.required')
    expect(
      (
        await rejection(
          confirmEligibilityCondition(w.db, {
            applicationId: id,
            actor: w.admin,
            condition: 'projectInOperation',
            met: true,
            note: '',
          }),
        )
      ).messageKey,
    ).toBe('errors.choose')
    expect(
      (
        await rejection(
          confirmEligibilityCondition(w.db, {
            applicationId: id,
            actor: w.reviewers[0]!,
            condition: 'noPenalty',
            met: true,
            note: '',
          }),
        )
      ).status,
    ).toBe(403)
    await confirmEligibilityCondition(w.db, {
      applicationId: id,
      actor: w.admin,
      condition: 'noPenalty',
      met: false,
      note: '2026年3月受到劳动监察处罚',
    })
    expect(await openEligibilityProblems(w.db, id)).toContainEqual({ kind: 'notMet', condition: 'noPenalty' })
    const row = (await listAudit(w.db, 'application', id)).at(-1)!
    expect(row.event).toBe('CONFIRM_CONDITION')
    // Recorded as data, read in the reader's language with the condition's label (issue 17, finding 7).
    expect(readEligibilityAuditReason(row.reason)).toEqual({
      kind: 'eligibilityCondition',
      condition: 'noPenalty',
      met: false,
      note: '2026年3月受到劳动监察处罚',
    })
    await recordManualCreditCheck(w.db, { applicationId: id, actor: w.admin, dishonest: false, summary: '无失信记录' })
    expect((await rejection(accept())).messageKey).toBe('errors.eligibilityOpen')
  })
})

describe('the checklist on the secretariat page', () => {
  it('confirms a condition and passes with an override through the page', async () => {
    const adminApplication = await import('~/routes/admin.applications.$id/route')
    const { args, post, respond } = await import('../routes/http')
    const { w, id } = await inEligibilityReview()
    const path = `/admin/applications/${id}`
    const act = async (fields: Record<string, string>) =>
      respond(async () =>
        adminApplication.action(
          args(
            await post(
              path,
              { ...fields, version: String((await loadApplicationForUpdate(w.db, id))!.version) },
              { userId: w.admin.userId },
            ),
            { id: String(id) },
          ),
        ),
      )
    expect((await act({ intent: 'confirmCondition', condition: 'goodCredit', met: 'maybe' })).status).toBe(400)
    const confirmed = await act({ intent: 'confirmCondition', condition: 'goodCredit', met: 'yes', note: '' })
    expect(confirmed.headers.get('location')).toBe(`${path}#eligibility`)
    expect(await openEligibilityProblems(w.db, id)).not.toContainEqual({ kind: 'unconfirmed', condition: 'goodCredit' })
    expect((await act({ intent: 'accept', overrideReason: '评审委员会同意破格受理' })).status).toBe(409) // no credit check yet
    await recordManualCreditCheck(w.db, { applicationId: id, actor: w.admin, dishonest: false, summary: '无失信记录' })
    expect((await act({ intent: 'accept' })).status).toBe(409)
    expect((await act({ intent: 'accept', overrideReason: '评审委员会同意破格受理' })).status).toBe(302)
    expect((await loadApplicationForUpdate(w.db, id))!.status).toBe('documentReview')
  })
})
