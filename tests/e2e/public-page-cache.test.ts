import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HttpClient } from './client'
import { copyOfSharedDatabase } from './demo-db'
import { spawnServer } from './spawn'

/**
 * The public pages served to visitors who are not signed in from a kept copy (app/page-cache.mjs, decision record
 * 0029), on a production server of its own over a copy of the demo database. Its time to live is an hour here, so
 * whether a copy is served depends on the database alone, never on how busy the machine is.
 */
let server: { url: string; stop: () => void }
let database: Awaited<ReturnType<typeof copyOfSharedDatabase>>

beforeAll(async () => {
  database = await copyOfSharedDatabase('award-page-cache-')
  server = await spawnServer({ ...database.env, PAGE_CACHE_TTL_MS: String(60 * 60 * 1000) })
})

afterAll(async () => {
  server?.stop()
  await database?.remove()
})

/** The token a signed `__csrf` cookie carries (Remix's signed cookies: base64 of the JSON value, a dot, the signature). */
function tokenOfCookie(setCookie: string): string {
  const value = decodeURIComponent(/__csrf=([^;]+)/.exec(setCookie)![1]!)
  return JSON.parse(Buffer.from(value.slice(0, value.lastIndexOf('.')), 'base64').toString('utf8')) as string
}

async function visit(client: HttpClient, path = '/', headers: Record<string, string> = {}) {
  const response = await client.get(path, headers)
  const html = await response.text()
  return {
    status: response.status,
    state: response.headers.get('x-page-cache'),
    csp: response.headers.get('content-security-policy') ?? '',
    setCookies: response.headers.getSetCookie(),
    html,
    nonces: [...new Set([...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]))],
    csrf: /"csrf":"([^"]+)"/.exec(html)?.[1],
  }
}

describe('the public page cache', () => {
  it('renders a public page once and serves copies, each with its own nonce and its visitor’s own CSRF token', async () => {
    const first = await visit(new HttpClient(server.url))
    expect(first.status).toBe(200)
    expect(first.state).toBe('miss')
    const second = await visit(new HttpClient(server.url))
    expect(second.state).toBe('hit')
    // The same page, but nothing secret shared: a nonce per response, in the policy and on every script.
    expect(second.html.replaceAll(second.nonces[0]!, '').replaceAll(second.csrf!, '')).toBe(
      first.html.replaceAll(first.nonces[0]!, '').replaceAll(first.csrf!, ''),
    )
    for (const visit of [first, second]) {
      expect(visit.nonces).toHaveLength(1)
      expect(visit.csp).toContain(`'nonce-${visit.nonces[0]}'`)
      // A new visitor gets a token and the cookie that carries that very token (double-submit holds).
      expect(visit.setCookies).toHaveLength(1)
      expect(tokenOfCookie(visit.setCookies[0]!)).toBe(visit.csrf)
    }
    expect(second.nonces[0]).not.toBe(first.nonces[0])
    expect(second.csrf).not.toBe(first.csrf)
    // The security headers come with the copy too.
    expect(second.csp).toContain("frame-ancestors 'none'")
  })

  it('gives a returning visitor the token of their own cookie, and that token signs them in', async () => {
    const visitor = new HttpClient(server.url)
    const first = await visit(visitor)
    const again = await visit(visitor)
    expect(again.state).toBe('hit')
    expect(again.setCookies).toEqual([])
    expect(again.csrf).toBe(first.csrf)
    // The token from the copy is the one the sign-in form's post must carry with the cookie.
    const signIn = await visitor.post('/login', { email: 'secretariat@award.example', password: 'award-demo-2026' })
    expect(signIn.status).toBe(302)
  })

  it('renders anew after any write to the database, here by another process', async () => {
    const visitor = new HttpClient(server.url)
    await visit(visitor)
    expect((await visit(visitor)).state).toBe('hit')
    // Another process's write (a connection of this test's own): on PostgreSQL too, seen at once.
    await database.run("update cycles set name_zh = name_zh || '（缓存测试）'")
    const after = await visit(visitor)
    expect(after.state).toBe('miss')
    expect(after.html).toContain('（缓存测试）')
    expect((await visit(visitor)).state).toBe('hit')
  })

  it('keeps a copy per language and per address of the page', async () => {
    const zh = await visit(new HttpClient(server.url), '/results')
    expect(zh.html).toContain('lang="zh-CN"')
    const en = await visit(new HttpClient(server.url), '/results', { 'accept-language': 'en-GB,en;q=0.9' })
    expect(en.state).toBe('miss')
    expect(en.html).toContain('lang="en"')
    expect((await visit(new HttpClient(server.url), '/results', { 'accept-language': 'en' })).html).toContain(
      'lang="en"',
    )
    expect((await visit(new HttpClient(server.url), '/results')).html).toContain('lang="zh-CN"')
    const otherYear = await visit(new HttpClient(server.url), '/results?year=1999')
    expect(otherYear.state).toBe('miss')
    // The index pages of a folder (the notice, the draw ledger) are kept under their own path, not the home page's.
    for (const path of ['/notice', '/draws']) {
      const page = await visit(new HttpClient(server.url), path)
      expect(page.state).toBe('miss')
      const again = await visit(new HttpClient(server.url), path)
      expect(again.state).toBe('hit')
      const bare = (v: typeof page) => v.html.replaceAll(v.nonces[0]!, '').replaceAll(v.csrf!, '')
      expect(bare(again)).toBe(bare(page))
    }
  })

  it('never serves a copy to a signed-in visitor, with a message waiting, or for a page not declared public', async () => {
    const secretariat = await new HttpClient(server.url).login('secretariat@award.example')
    const home = await visit(secretariat)
    expect(home.state).toBeNull()
    expect(home.html).toContain('href="/admin"')
    const withFlash = await visit(new HttpClient(server.url), '/', { cookie: '__flash=x' })
    expect(withFlash.state).toBeNull()
    const login = await visit(new HttpClient(server.url), '/login')
    expect(login.state).toBeNull()
  })
})

/**
 * The signed-in pages that only read, kept for the one session that asked (decision record 0036). Whose page it is
 * shows in it: the navigation names the account.
 */
describe('the signed-in page cache', () => {
  const nameOf = (html: string) => /class="who"[^>]*>([\s\S]*?)<\/a>/.exec(html)?.[1]

  it('renders a signed-in page once for a session and serves it copies, each with its own nonce and the session’s token', async () => {
    const secretariat = await new HttpClient(server.url).login('secretariat@award.example')
    const first = await visit(secretariat, '/admin')
    expect(first.status).toBe(200)
    expect(first.state).toBe('miss')
    const second = await visit(secretariat, '/admin')
    expect(second.state).toBe('hit')
    expect(second.html.replaceAll(second.nonces[0]!, '')).toBe(first.html.replaceAll(first.nonces[0]!, ''))
    expect(second.nonces[0]).not.toBe(first.nonces[0])
    expect(second.csp).toContain(`'nonce-${second.nonces[0]}'`)
    // The session's own token, as its forms need it; the header that let the page be kept is not sent on.
    expect(second.csrf).toBe(first.csrf)
    expect(second.setCookies).toEqual([])
    const raw = await secretariat.get('/admin')
    expect(raw.headers.get('x-kept-until')).toBeNull()
    expect(raw.headers.get('x-page-cache')).toBe('hit')
  })

  it('never serves one session’s copy to another, of another user or of the same user', async () => {
    const reviewer1 = await new HttpClient(server.url).login('reviewer1@award.example')
    const reviewer2 = await new HttpClient(server.url).login('reviewer2@award.example')
    const one = await visit(reviewer1, '/review')
    expect((await visit(reviewer1, '/review')).state).toBe('hit')
    const two = await visit(reviewer2, '/review')
    expect(two.state).toBe('miss')
    expect(nameOf(one.html)).toBeTruthy()
    expect(nameOf(two.html)).not.toBe(nameOf(one.html))
    const reviewer1Again = await new HttpClient(server.url).login('reviewer1@award.example')
    expect((await visit(reviewer1Again, '/review')).state).toBe('miss')
  })

  it('renders anew after any write to the database, and not at all once the session has ended', async () => {
    const secretariat = await new HttpClient(server.url).login('secretariat@award.example')
    await visit(secretariat, '/admin/ranking')
    expect((await visit(secretariat, '/admin/ranking')).state).toBe('hit')
    await database.run("update cycles set name_zh = name_zh || '（签入缓存）'")
    const after = await visit(secretariat, '/admin/ranking')
    expect(after.state).toBe('miss')
    expect(after.html).toContain('（签入缓存）')
    expect((await visit(secretariat, '/admin/ranking')).state).toBe('hit')
    // Signed out: the old cookie, sent again, is sent to sign in, not given the copy it had a moment ago.
    const oldCookie = secretariat.cookieHeader
    expect((await secretariat.post('/logout', {})).status).toBe(302)
    const stale = await new HttpClient(server.url).get('/admin/ranking', { cookie: oldCookie })
    expect(stale.status).toBe(302)
    expect(stale.headers.get('location')).toContain('/login')
  })

  it('renders every time a page not declared to only read, or a request with a message waiting', async () => {
    const secretariat = await new HttpClient(server.url).login('secretariat@award.example')
    await visit(secretariat, '/admin/cycle')
    expect((await visit(secretariat, '/admin/cycle')).state).toBeNull()
    await visit(secretariat, '/admin')
    const withFlash = await visit(secretariat, '/admin', { cookie: `${secretariat.cookieHeader}; __flash=x` })
    expect(withFlash.state).toBeNull()
    // An applicant's pages are not kept: none is declared.
    const applicant = await new HttpClient(server.url).login('apply@pengcheng-electronics.example')
    await visit(applicant, '/applicant')
    expect((await visit(applicant, '/applicant')).state).toBeNull()
  })
})
