/**
 * Issue 24: two-step sign-in. An account turns it on with an authenticator app's code, gets ten recovery codes
 * (shown once, kept as hashes), and from then on a right password leads to a second step, not to a session: the
 * app's code (good once) or an unused recovery code. Where the deployment requires it, staff are sent to set it up.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as login from '~/routes/login'
import * as loginCode from '~/routes/login_.code'
import * as twoFactor from '~/routes/account_.two-factor'
import * as desk from '~/routes/admin._index'
import * as applicantHome from '~/routes/applicant._index'
import { resetEnvForTests } from '~/utils/env.server'
import { getSessionUser } from '~/utils/session.server'
import { codeAt } from '../../workflows/account/two-factor'
import { world, type World } from '../integration/helpers'
import { args, get, origin, post, respond } from './http'

afterEach(() => {
  vi.unstubAllEnvs()
  resetEnvForTests()
})

const emailOf = async (w: World, userId: number) =>
  (await w.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email

/** Turns two-step sign-in on for the account through its page; returns the secret and the recovery codes. */
async function turnOn(w: World, userId: number) {
  const page = (await (
    await respond(async () => twoFactor.loader(args(await get('/account/two-factor', userId))))
  ).json()) as {
    on: boolean
    key: string
  }
  expect(page.on).toBe(false)
  const secret = page.key.replace(/ /g, '')
  const wrong = await respond(async () =>
    twoFactor.action(args(await post('/account/two-factor', { intent: 'enable', code: '000000' }, { userId }))),
  )
  expect(wrong.status).toBe(400)
  expect(await wrong.json()).toMatchObject({ fieldErrors: { code: 'errors.codeWrong' } })
  const right = await respond(async () =>
    twoFactor.action(
      args(await post('/account/two-factor', { intent: 'enable', code: codeAt(secret, Date.now()) }, { userId })),
    ),
  )
  expect(right.status).toBe(200)
  const { recoveryCodes } = (await right.json()) as { recoveryCodes: string[] }
  expect(recoveryCodes).toHaveLength(10)
  // As if the app's code had been used a minute ago: the next step's code is the one a login now types.
  await w.db
    .updateTable('users')
    .set((eb) => ({ totp_last_step: eb('totp_last_step', '-', 2) }))
    .where('id', '=', userId)
    .execute()
  return { secret, recoveryCodes }
}

/** The password step: its answer, and the second step's cookie it set. */
async function password(email: string) {
  const response = await respond(async () =>
    login.action(args(await post('/login?next=/review', { email, password: 'password-123' }), {}, '198.51.100.7')),
  )
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? ''
  return { response, cookie }
}

async function secondStep(stepCookie: string, code: string) {
  const request = await post('/login/code?next=/review', { code })
  request.headers.set('cookie', `${request.headers.get('cookie')}; ${stepCookie}`)
  return respond(async () => loginCode.action(args(request, {}, '198.51.100.7')))
}

describe('two-step sign-in', () => {
  it('asks a right password for the app\u2019s code before any session, and takes each code once', async () => {
    const w = await world()
    const expert = w.reviewers[0]!
    const { secret } = await turnOn(w, expert.userId)
    const row = await w.db
      .selectFrom('users')
      .select(['totp_secret', 'totp_enabled_at'])
      .where('id', '=', expert.userId)
      .executeTakeFirstOrThrow()
    expect(row.totp_secret).toBe(secret)
    expect(
      (await w.db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', expert.userId).execute())
        .length,
    ).toBe(10)

    const { response, cookie } = await password(await emailOf(w, expert.userId))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/login/code?next=%2Freview')
    expect(cookie).toMatch(/^__login2=/)
    expect(response.headers.get('set-cookie')).not.toContain('__session')

    const wrong = await secondStep(cookie, '123456')
    expect(wrong.status).toBe(400)
    const code = codeAt(secret, Date.now())
    const right = await secondStep(cookie, code)
    expect(right.status).toBe(302)
    expect(right.headers.get('location')).toBe('/review')
    const session = right.headers.get('set-cookie')!.split(';')[0]!
    expect(session).toMatch(/^__session=/)
    expect((await getSessionUser(new Request(`${origin}/review`, { headers: { cookie: session } })))?.id).toBe(
      expert.userId,
    )

    // The same code again, on a new login: refused (it was used).
    const again = await password(await emailOf(w, expert.userId))
    expect((await secondStep(again.cookie, code)).status).toBe(400)
  })

  it('lets a recovery code in once, and sends the login back to the password after five wrong codes', async () => {
    const w = await world()
    const expert = w.reviewers[1]!
    const { recoveryCodes } = await turnOn(w, expert.userId)
    const email = await emailOf(w, expert.userId)

    const first = await password(email)
    expect((await secondStep(first.cookie, recoveryCodes[3]!.toUpperCase())).status).toBe(302)
    const second = await password(email)
    expect((await secondStep(second.cookie, recoveryCodes[3]!)).status).toBe(400)
    const events = await w.db
      .selectFrom('account_events')
      .select('event')
      .where('user_id', '=', expert.userId)
      .execute()
    expect(events.map((e) => e.event)).toEqual(['twoFactorOn', 'recoveryCodesMade', 'recoveryCodeUsed'])

    // Four more wrong codes make five: a sixth try is refused, even with a right code.
    for (let i = 0; i < 4; i++) expect((await secondStep(second.cookie, `00000${i}`)).status).toBe(400)
    expect((await secondStep(second.cookie, recoveryCodes[4]!)).status).toBe(429)
    // A second step left open past its five minutes sends the login back to the password.
    const third = await password(email)
    await w.db.updateTable('login_challenges').set({ expires_at: '2000-01-01T00:00:00.000Z' }).execute()
    const late = await secondStep(third.cookie, recoveryCodes[5]!)
    expect(late.status).toBe(302)
    expect(late.headers.get('location')).toBe('/login?next=%2Freview')
    // Without the step's cookie the code page goes back to the password too.
    const page = await respond(async () => loginCode.loader(args(new Request(`${origin}/login/code`))))
    expect(page.headers.get('location')).toBe('/login')
  })

  it('sends staff without a second factor to set one up where the deployment requires it, and lets nobody turn it off there', async () => {
    vi.stubEnv('TWO_FACTOR', 'staff')
    resetEnvForTests()
    const w = await world()
    const sent = await respond(async () => desk.loader(args(await get('/admin', w.admin.userId))))
    expect(sent.status).toBe(302)
    expect(sent.headers.get('location')).toBe('/account/two-factor')
    const { secret } = await turnOn(w, w.admin.userId)
    expect((await respond(async () => desk.loader(args(await get('/admin', w.admin.userId))))).status).toBe(200)
    const off = await respond(async () =>
      twoFactor.action(
        args(
          await post(
            '/account/two-factor',
            { intent: 'disable', code: codeAt(secret, Date.now()) },
            { userId: w.admin.userId },
          ),
        ),
      ),
    )
    expect(off.status).toBe(409)
    expect(await off.json()).toMatchObject({ messageKey: 'errors.twoFactorRequired' })
    expect(
      (await w.db.selectFrom('users').select('totp_secret').where('id', '=', w.admin.userId).executeTakeFirstOrThrow())
        .totp_secret,
    ).toBe(secret)
    // Applicants are not staff: their pages stay open without it.
    expect(
      (await respond(async () => applicantHome.loader(args(await get('/applicant', w.applicant.userId))))).status,
    ).toBe(200)
  })

  it('turns off, where allowed, only with a right code, and the password alone then signs in', async () => {
    const w = await world()
    const expert = w.reviewers[2]!
    const { secret } = await turnOn(w, expert.userId)
    const act = async (code: string) =>
      respond(async () =>
        twoFactor.action(
          args(await post('/account/two-factor', { intent: 'disable', code }, { userId: expert.userId })),
        ),
      )
    expect((await act('111111')).status).toBe(400)
    expect((await act(codeAt(secret, Date.now()))).status).toBe(200)
    const { response } = await password(await emailOf(w, expert.userId))
    expect(response.headers.get('location')).toBe('/review')
    expect(response.headers.get('set-cookie')).toContain('__session')
  })
})
