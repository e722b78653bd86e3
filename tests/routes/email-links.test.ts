import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import * as forgot from '~/routes/password.forgot'
import { resetEnvForTests } from '~/utils/env.server'
import { type CapturedEmail, emailProvider, emailProviderUrl } from '../msw/email-provider'
import { world } from '../integration/helpers'
import { args, csrfCookieHeader, csrfToken, respond } from './http'

/**
 * A reset link mailed to an account is the key to it. The link's address comes from PUBLIC_URL alone: a request
 * sent with a forged Host or X-Forwarded-Host (the attacker asks a reset for the victim's account) must not put
 * the attacker's site into the victim's e-mail.
 */
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  vi.unstubAllEnvs()
  resetEnvForTests()
})
afterAll(() => server.close())

/** A reset request as an attacker would send it: every host header names their site, and so does the URL. */
async function forgedResetRequest(email: string): Promise<Request> {
  const evil = 'http://evil.example'
  return new Request(`${evil}/password/forgot`, {
    method: 'POST',
    body: new URLSearchParams({ email, csrf: csrfToken }),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: await csrfCookieHeader(),
      host: 'evil.example',
      'x-forwarded-host': 'evil.example',
      origin: evil,
      'sec-fetch-site': 'same-origin',
    },
  })
}

describe('links in e-mails', () => {
  it('point at PUBLIC_URL whatever Host or X-Forwarded-Host the request claims', async () => {
    const w = await world()
    const captured: CapturedEmail[] = []
    server.use(emailProvider(captured))
    vi.stubEnv('EMAIL_API_URL', emailProviderUrl)
    vi.stubEnv('PUBLIC_URL', 'https://award.example')
    resetEnvForTests()
    const email = (
      await w.db.selectFrom('users').select('email').where('id', '=', w.admin.userId).executeTakeFirstOrThrow()
    ).email

    const response = await respond(async () => forgot.action(args(await forgedResetRequest(email))))
    expect(response.status).toBe(200)
    // Delivery runs after the answer; wait for the secretariat's reset e-mail to reach the provider.
    await vi.waitFor(() => expect(captured.find((m) => m.to === email)).toBeDefined(), { timeout: 30_000 })
    const text = captured.find((m) => m.to === email)!.text
    expect(text).toMatch(/https:\/\/award\.example\/password\/[A-Za-z0-9_-]{20,}/)
    expect(text).not.toContain('evil.example')
  })

  it('have one slash between PUBLIC_URL and the path when PUBLIC_URL ends with one', async () => {
    vi.stubEnv('PUBLIC_URL', 'https://award.example/')
    resetEnvForTests()
    const { env } = await import('~/utils/env.server')
    expect(env().PUBLIC_URL).toBe('https://award.example')
    const { renderEmail } = await import('../../workflows/notifications/messages')
    const mail = renderEmail(
      'account.RESET',
      'a@t.example',
      JSON.stringify({ applicationId: 0, reason: null, token: 'abc' }),
      env().PUBLIC_URL!,
    )
    expect(mail!.text).toContain('https://award.example/password/abc')
    expect(mail!.text).not.toContain('example//')
  })

  it('are not sent at all when e-mail is configured without PUBLIC_URL: the configuration is refused', async () => {
    vi.stubEnv('EMAIL_API_URL', emailProviderUrl)
    vi.stubEnv('PUBLIC_URL', '')
    resetEnvForTests()
    const { env } = await import('~/utils/env.server')
    expect(() => env()).toThrow(/^Invalid configuration: PUBLIC_URL: required when EMAIL_API_URL is set/)
  })
})
