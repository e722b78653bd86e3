import { describe, expect, it } from 'vitest'
import * as lang from '~/routes/lang'
import * as login from '~/routes/login'
import { world } from '../integration/helpers'
import { args, origin, post, respond } from './http'

/** Each of these, followed by a browser, leaves the site or breaks the Location header. */
const offSite = [
  '//evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/\u0000/evil.example',
  'https://evil.example',
  'javascript:alert(1)',
  ' /x',
  'evil.example',
  '/\\/evil.example',
  '///evil.example',
  '/\u007f/evil.example',
  `/${'a'.repeat(3000)}`,
  // Dot segments a browser resolves before it reads the host: each ends as the path `//evil.example`.
  '/.//evil.example',
  '/%2e//evil.example',
  '/%2E//evil.example',
  '/a/..//evil.example',
  '/a/%2e%2e//evil.example',
  '/././/evil.example',
]

async function langRedirect(next: string): Promise<string | null> {
  const url = `${origin}/lang?to=en&next=${encodeURIComponent(next)}`
  const response = await respond(async () => lang.loader(args(new Request(url))))
  expect(response.status).toBe(302)
  return response.headers.get('location')
}

describe('redirects after a language switch or a login stay on this site', () => {
  it('refuses every known off-site trick and falls back to the home page', async () => {
    for (const next of offSite) expect(await langRedirect(next), JSON.stringify(next)).toBe('/')
    // The finding as reported: %09 arrives decoded as a tab.
    const raw = await respond(async () => lang.loader(args(new Request(`${origin}/lang?to=en&next=/%09/evil.example`))))
    expect(raw.headers.get('location')).toBe('/')
    const crlf = await respond(async () =>
      lang.loader(args(new Request(`${origin}/lang?to=en&next=/%0D%0ASet-Cookie:x=1`))),
    )
    expect(crlf.status).toBe(302)
    expect(crlf.headers.get('location')).toBe('/')
  })

  it('keeps a path on this site, with its query and fragment', async () => {
    expect(await langRedirect('/notice')).toBe('/notice')
    expect(await langRedirect('/admin?q=%E6%B7%B1%E5%9C%B3#list')).toBe('/admin?q=%E6%B7%B1%E5%9C%B3#list')
    expect(await langRedirect('/results?year=2025')).toBe('/results?year=2025')
  })

  it('sends a user who logs in through a crafted link to their own start page, not off-site', async () => {
    const w = await world()
    const email = (
      await w.db.selectFrom('users').select('email').where('id', '=', w.admin.userId).executeTakeFirstOrThrow()
    ).email
    for (const next of [
      '/%09/evil.example',
      '//evil.example',
      '/\\evil.example',
      '/%0D%0A/evil',
      '/.//evil.example',
      '/%2e//evil.example',
    ]) {
      const request = await post(`/login?next=${next}`, { email, password: 'password-123' })
      const response = await respond(async () => login.action(args(request)))
      expect(response.status, next).toBe(302)
      expect(response.headers.get('location'), next).toBe('/admin')
    }
    const kept = await respond(async () =>
      login.action(
        args(await post(`/login?next=${encodeURIComponent('/admin/ranking')}`, { email, password: 'password-123' })),
      ),
    )
    expect(kept.headers.get('location')).toBe('/admin/ranking')
  })
})
