import { completeEligibilityChecks } from '../../db/factories'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { listCreditChecks } from '../../db/repositories/credit-checks'
import { applyApplicationEvent, submitApplication } from '../../workflows/application/application.server'
import { checkCredit, recordManualCreditCheck } from '../../workflows/application/credit.server'
import { createCompleteDraft } from '../../db/factories'
import { httpCreditService } from '~/utils/credit-service.server'
import { creditService, creditServiceDown, creditServiceGarbled, creditServiceUrl } from '../msw/credit-service'
import { rejection, world } from './helpers'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

async function inEligibilityReview() {
  const w = await world()
  const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
  const submitted = await submitApplication(w.db, {
    applicationId: draft.id,
    actor: w.applicant,
    expectedVersion: draft.version,
  })
  await applyApplicationEvent(w.db, {
    applicationId: draft.id,
    actor: w.admin,
    event: { type: 'START_ELIGIBILITY_REVIEW' },
    expectedVersion: submitted.version,
  })
  const uscc = (
    await w.db
      .selectFrom('organisations')
      .select('uscc')
      .where('id', '=', w.applicant.organisationId!)
      .executeTakeFirstOrThrow()
  ).uscc
  return { w, id: draft.id, uscc }
}

const service = httpCreditService(creditServiceUrl, 'credit-key')

describe('credit check in eligibility review (信用核查)', () => {
  it('records a clean record from the credit service', async () => {
    const { w, id } = await inEligibilityReview()
    server.use(creditService({}))
    expect(await checkCredit(w.db, { applicationId: id, actor: w.admin, service })).toEqual({
      dishonest: false,
      summary: '无失信记录 / no dishonesty record',
    })
    expect(await listCreditChecks(w.db, id)).toEqual([
      expect.objectContaining({ source: 'service', dishonest: 0, checked_by: w.admin.userId }),
    ])
  })

  it('records a dishonesty entry with what it was and who listed it', async () => {
    const { w, id, uscc } = await inEligibilityReview()
    server.use(
      creditService({
        [uscc]: {
          dishonest: true,
          records: [{ type: '严重违法失信名单', date: '2026-03-01', authority: '深圳市市场监督管理局' }],
        },
      }),
    )
    const record = await checkCredit(w.db, { applicationId: id, actor: w.admin, service })
    expect(record).toEqual({ dishonest: true, summary: '2026-03-01 严重违法失信名单（深圳市市场监督管理局）' })
    expect((await listCreditChecks(w.db, id))[0]).toMatchObject({ dishonest: 1 })
  })

  it('keeps an applicant found on a dishonesty list from passing eligibility review, until a later check clears it', async () => {
    const { w, id } = await inEligibilityReview()
    await recordManualCreditCheck(w.db, {
      applicationId: id,
      actor: w.admin,
      dishonest: true,
      summary: '列入严重违法失信名单',
    })
    const version = (
      await w.db.selectFrom('applications').select('version').where('id', '=', id).executeTakeFirstOrThrow()
    ).version
    const refused = await rejection(
      applyApplicationEvent(w.db, {
        applicationId: id,
        actor: w.admin,
        event: { type: 'ACCEPT_ELIGIBILITY', creditBlocked: false },
        expectedVersion: version,
      }),
    )
    expect(refused.messageKey).toBe('errors.creditBlocked')
    await recordManualCreditCheck(w.db, {
      applicationId: id,
      actor: w.admin,
      dishonest: false,
      summary: '已移出失信名单（信用修复）',
    })
    await completeEligibilityChecks(w.db, w.admin, id)
    expect(
      (
        await applyApplicationEvent(w.db, {
          applicationId: id,
          actor: w.admin,
          event: { type: 'ACCEPT_ELIGIBILITY' },
          expectedVersion: version,
        })
      ).to,
    ).toBe('documentReview')
  })

  it('records nothing and says so when the service is down or answers nonsense', async () => {
    const { w, id } = await inEligibilityReview()
    for (const handler of [creditServiceDown, creditServiceGarbled]) {
      server.use(handler)
      expect((await rejection(checkCredit(w.db, { applicationId: id, actor: w.admin, service }))).messageKey).toBe(
        'errors.creditServiceDown',
      )
    }
    expect(await listCreditChecks(w.db, id)).toEqual([])
  })

  it('takes a check entered by hand, only from the secretariat and only during eligibility review', async () => {
    const { w, id } = await inEligibilityReview()
    await recordManualCreditCheck(w.db, {
      applicationId: id,
      actor: w.admin,
      dishonest: false,
      summary: '信用深圳网站查询截图存档',
    })
    expect(await listCreditChecks(w.db, id)).toEqual([
      expect.objectContaining({ source: 'manual', summary: '信用深圳网站查询截图存档' }),
    ])
    expect(
      (
        await rejection(
          recordManualCreditCheck(w.db, { applicationId: id, actor: w.reviewers[0]!, dishonest: false, summary: 'x' }),
        )
      ).status,
    ).toBe(403)
    const draft = await createCompleteDraft(w.db, w.otherApplicant, w.cycle.id)
    expect(
      (
        await rejection(
          recordManualCreditCheck(w.db, { applicationId: draft.id, actor: w.admin, dishonest: false, summary: 'x' }),
        )
      ).messageKey,
    ).toBe('errors.notAllowedNow')
  })
})
