import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { listUnsent } from '../../db/repositories/outbox'
import { createCompleteDraft } from '../../db/factories'
import { applyApplicationEvent, submitApplication } from '../../workflows/application/application.server'
import { deliverOutbox } from '../../workflows/notifications/outbox.server'
import { httpEmailSender } from '~/utils/email.server'
import { type CapturedEmail, emailProvider, emailProviderUrl } from '../msw/email-provider'
import { world } from './helpers'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

describe('notifications from the outbox', () => {
  it('e-mails the applicant after submission and after a return for correction, with the reason, once each', async () => {
    const w = await world()
    const captured: CapturedEmail[] = []
    server.use(emailProvider(captured))
    await deliverOutbox(w.db, httpEmailSender(emailProviderUrl, 'key-1'), { baseUrl: 'http://award.test' }) // rows left by earlier tests in this file
    captured.length = 0

    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    let version = (
      await submitApplication(w.db, { applicationId: draft.id, actor: w.applicant, expectedVersion: draft.version })
    ).version
    version = (
      await applyApplicationEvent(w.db, {
        applicationId: draft.id,
        actor: w.admin,
        event: { type: 'START_ELIGIBILITY_REVIEW' },
        expectedVersion: version,
      })
    ).version
    await applyApplicationEvent(w.db, {
      applicationId: draft.id,
      actor: w.admin,
      event: { type: 'RETURN_FOR_CORRECTION', reason: '请补充信用报告' },
      expectedVersion: version,
    })

    const result = await deliverOutbox(w.db, httpEmailSender(emailProviderUrl, 'key-1'), {
      baseUrl: 'http://award.test',
    })
    expect(result).toEqual({ sent: 2, failed: 0 })
    const applicantEmail = (
      await w.db
        .selectFrom('organisations')
        .select('email')
        .where('id', '=', w.applicant.organisationId!)
        .executeTakeFirstOrThrow()
    ).email
    expect(captured.map((m) => m.to)).toEqual([applicantEmail, applicantEmail])
    expect(captured[0]!.text).toContain('您的申报已提交')
    expect(captured[0]!.text).toContain('Your application has been submitted')
    expect(captured[1]!.text).toContain('请补充信用报告')
    expect(captured[1]!.text).toContain(`http://award.test/applicant/applications/${draft.id}`)
    expect(captured[0]!.authorization).toBe('Bearer key-1')

    expect(
      await deliverOutbox(w.db, httpEmailSender(emailProviderUrl, 'key-1'), { baseUrl: 'http://award.test' }),
    ).toEqual({ sent: 0, failed: 0 })
  })

  it('invites a drawn expert, asking for the conflict declaration first, with a link to the invitation', async () => {
    const { inDocumentReview } = await import('./helpers')
    const w = await world()
    const captured: CapturedEmail[] = []
    server.use(emailProvider(captured))
    await deliverOutbox(w.db, httpEmailSender(emailProviderUrl, undefined), { baseUrl: 'http://award.test' })
    captured.length = 0
    const app = await inDocumentReview(w, w.applicant, [w.reviewers[2]!])
    await deliverOutbox(w.db, httpEmailSender(emailProviderUrl, undefined), { baseUrl: 'http://award.test' })
    const reviewerEmail = (
      await w.db.selectFrom('users').select('email').where('id', '=', w.reviewers[2]!.userId).executeTakeFirstOrThrow()
    ).email
    const toReviewer = captured.filter((m) => m.to === reviewerEmail)
    expect(toReviewer).toHaveLength(1)
    expect(toReviewer[0]!.text).toContain('先声明与申报单位是否存在利益冲突')
    expect(toReviewer[0]!.text).toContain(`http://award.test/review/applications/${app.id}`)
  })

  it('keeps a message the provider refuses and sends it on the next pass, without holding up the others', async () => {
    const w = await world()
    const captured: CapturedEmail[] = []
    server.use(emailProvider(captured))
    await deliverOutbox(w.db, httpEmailSender(emailProviderUrl, undefined), { baseUrl: 'http://award.test' })
    captured.length = 0

    const first = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    await submitApplication(w.db, { applicationId: first.id, actor: w.applicant, expectedVersion: first.version })
    const second = await createCompleteDraft(w.db, w.otherApplicant, w.cycle.id)
    await submitApplication(w.db, {
      applicationId: second.id,
      actor: w.otherApplicant,
      expectedVersion: second.version,
    })
    const refused = (
      await w.db
        .selectFrom('organisations')
        .select('email')
        .where('id', '=', w.applicant.organisationId!)
        .executeTakeFirstOrThrow()
    ).email

    server.use(emailProvider(captured, { failFor: refused }))
    expect(
      await deliverOutbox(w.db, httpEmailSender(emailProviderUrl, undefined), { baseUrl: 'http://award.test' }),
    ).toEqual({ sent: 1, failed: 1 })
    expect((await listUnsent(w.db)).map((m) => m.recipient)).toEqual([refused])

    server.use(emailProvider(captured))
    expect(
      await deliverOutbox(w.db, httpEmailSender(emailProviderUrl, undefined), { baseUrl: 'http://award.test' }),
    ).toEqual({ sent: 1, failed: 0 })
    expect(captured.map((m) => m.to)).toContain(refused)
    expect(await listUnsent(w.db)).toEqual([])
  })

  it('sends each message once when two passes run at the same moment (two server processes), and none is left', async () => {
    const w = await world()
    const captured: CapturedEmail[] = []
    server.use(emailProvider(captured))
    await deliverOutbox(w.db, httpEmailSender(emailProviderUrl, undefined), { baseUrl: 'http://award.test' })
    captured.length = 0
    for (const applicant of [w.applicant, w.otherApplicant]) {
      const draft = await createCompleteDraft(w.db, applicant, w.cycle.id)
      await submitApplication(w.db, { applicationId: draft.id, actor: applicant, expectedVersion: draft.version })
    }
    const waiting = (await listUnsent(w.db)).length
    expect(waiting).toBeGreaterThanOrEqual(2)

    // On PostgreSQL the two passes run on two connections at once; on SQLite one after the other through the lock.
    const sender = httpEmailSender(emailProviderUrl, undefined)
    const passes = await Promise.all(
      [1, 2, 3].map(() => deliverOutbox(w.db, sender, { baseUrl: 'http://award.test', limit: waiting })),
    )
    expect(passes.reduce((sum, pass) => sum + pass.sent, 0)).toBe(waiting)
    expect(captured).toHaveLength(waiting)
    expect(new Set(captured.map((m) => `${m.to}|${m.subject}`)).size).toBe(waiting)
    expect(await listUnsent(w.db)).toEqual([])
  })
})
