import { describe, expect, it } from 'vitest'
import { startPublicNotice } from '../../workflows/cycle/cycle.server'
import * as login from '~/routes/login'
import * as noticeForm from '~/routes/notice.$id'
import * as register from '~/routes/register'
import { rateLimits } from '~/utils/rate-limits.server'
import { decideLevel, inDocumentReview, submitSheet, world } from '../integration/helpers'
import { args, post, respond } from './http'

const attemptLogin = async (email: string, password: string, address: string) =>
  respond(async () => login.action(args(await post('/login', { email, password }), {}, address)))

describe('floods from one client', () => {
  it('slows a password spray across many accounts from one address, and only that address', async () => {
    const w = await world()
    const spray = '192.0.2.10'
    for (let i = 0; i < rateLimits.loginFailuresPerAddress.points; i++) {
      expect((await attemptLogin(`nobody${i}-${w.cycle.year}@t.example`, 'Summer2026!', spray)).status).toBe(400)
    }
    const refused = await attemptLogin(`r0-${w.cycle.year}@t.example`, 'password-123', spray)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60)
    expect((await attemptLogin(`r0-${w.cycle.year}@t.example`, 'password-123', '192.0.2.11')).status).toBe(302)
  })

  it('locks one account that many addresses guess at for 5 minutes at most', async () => {
    const w = await world()
    const email = `r2-${w.cycle.year}@t.example`
    for (let i = 0; i < rateLimits.loginFailuresPerAccount.points; i++) {
      expect((await attemptLogin(email, `guess-${i}`, `10.9.0.${i}`)).status).toBe(400)
    }
    const owner = await attemptLogin(email, 'password-123', '198.51.100.50')
    expect(owner.status).toBe(429)
    expect(Number(owner.headers.get('retry-after'))).toBeLessThanOrEqual(5 * 60)
    expect(await owner.json()).toEqual({ messageKey: 'errors.tooManyRequests', vars: { minutes: 5 } })
    // Another account is not affected.
    expect((await attemptLogin(`r3-${w.cycle.year}@t.example`, 'password-123', '198.51.100.50')).status).toBe(302)
  })

  it('checks no more passwords than the limit allows when 100 guesses arrive at the same moment', async () => {
    const w = await world()
    const email = `r1-${w.cycle.year}@t.example`
    const address = '192.0.2.40'
    // Requests (sessions and CSRF cookies) made first, then all 100 actions started together.
    const requests = await Promise.all(
      Array.from({ length: 100 }, (_, i) => post('/login', { email, password: `guess-${i}` })),
    )
    const statuses = await Promise.all(
      requests.map((request) => respond(async () => login.action(args(request, {}, address))).then((r) => r.status)),
    )
    // Only the per-account-and-address limit's worth were checked (400); every other guess was refused unchecked.
    expect(statuses.filter((status) => status === 400)).toHaveLength(
      rateLimits.loginFailuresPerAccountAndAddress.points,
    )
    expect(statuses.filter((status) => status === 429)).toHaveLength(
      100 - rateLimits.loginFailuresPerAccountAndAddress.points,
    )
    // The right password from this address is refused too until the window passes; from elsewhere it works.
    expect((await attemptLogin(email, 'password-123', address)).status).toBe(429)
    expect((await attemptLogin(email, 'password-123', '192.0.2.41')).status).toBe(302)
  })

  it('counts a right password as no failure: an owner who logs in often is never locked out by it', async () => {
    const w = await world()
    const email = `r0-${w.cycle.year}@t.example`
    const address = '192.0.2.50'
    for (let i = 0; i < rateLimits.loginFailuresPerAccountAndAddress.points + 3; i++) {
      expect((await attemptLogin(email, 'password-123', address)).status).toBe(302)
    }
  })

  it('limits registrations from one address', async () => {
    await world()
    const address = '192.0.2.20'
    for (let i = 0; i < rateLimits.registrationsPerAddress.points; i++) {
      const response = await respond(async () =>
        register.action(args(await post('/register', { organisationName: '', email: `x${i}@t.example` }), {}, address)),
      )
      expect(response.status).toBe(400)
    }
    const refused = await respond(async () =>
      register.action(args(await post('/register', { organisationName: '', email: 'y@t.example' }), {}, address)),
    )
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBeTruthy()
    expect(
      (
        await respond(async () =>
          register.action(args(await post('/register', { organisationName: '' }), {}, '192.0.2.21')),
        )
      ).status,
    ).toBe(400)
  })

  it('limits objections from one address, whatever e-mail each gives', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 85)
    await decideLevel(w, app.id, 'gold', '')
    await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin })
    const objection = (i: number) => ({
      name: `林某${i}`,
      organisation: '',
      phone: '13700001111',
      email: `lin${i}@example.com`,
      content: '申报材料与事实不符。',
      evidence: '审计报告第3页',
    })
    const address = '192.0.2.30'
    for (let i = 0; i < rateLimits.objectionsPerAddress.points; i++) {
      expect(
        (
          await respond(async () =>
            noticeForm.action(args(await post(`/notice/${app.id}`, objection(i)), { id: String(app.id) }, address)),
          )
        ).status,
      ).toBe(302)
    }
    const refused = await respond(async () =>
      noticeForm.action(args(await post(`/notice/${app.id}`, objection(99)), { id: String(app.id) }, address)),
    )
    expect(refused.status).toBe(429)
    const filed = await w.db.selectFrom('objections').select('id').where('application_id', '=', app.id).execute()
    expect(filed).toHaveLength(rateLimits.objectionsPerAddress.points)
  })
})
