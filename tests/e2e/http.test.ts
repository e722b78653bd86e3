import { describe, expect, inject, it } from 'vitest'
import { onPostgres } from './demo-db'

/** What any client sees of the running production server, without a browser. */
const baseUrl = inject('baseUrl')

describe('the production server', () => {
  it('sends the security headers on every page', async () => {
    const response = await fetch(`${baseUrl}/`)
    expect(response.status).toBe(200)
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(response.headers.get('referrer-policy')).toBe('same-origin')
  })

  it('lets only scripts with this response’s nonce run, and gives each response a new one', async () => {
    const nonceOf = async () => {
      const response = await fetch(`${baseUrl}/login`)
      const policy = response.headers.get('content-security-policy') ?? ''
      const nonce = /script-src 'nonce-([^']+)'/.exec(policy)?.[1]
      const html = await response.text()
      expect(nonce).toBeDefined()
      // Every inline script on the page carries it; none goes without.
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
      expect(scripts.length).toBeGreaterThan(0)
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
      return nonce
    }
    expect(await nonceOf()).not.toBe(await nonceOf())
  })

  it('logs a password link without its token', async () => {
    const fs = await import('node:fs')
    const path = await import('node:path')
    const token = `LogProbe${Date.now().toString(36)}AbcdefghijklmnopqrstuvwxyZ`
    expect((await fetch(`${baseUrl}/password/${token}`)).status).toBeLessThan(500)
    const log = path.resolve('test-results/e2e-server.log')
    // The log is written by the server process; wait until this request's line is in it.
    await expect
      .poll(() => fs.readFileSync(log, 'utf8').match(/GET \/password\/\[redacted\] \d{3}/g)?.length ?? 0, {
        timeout: 30_000,
      })
      .toBeGreaterThan(0)
    expect(fs.readFileSync(log, 'utf8')).not.toContain(token)
  })

  it('answers an unknown page with the generic 404 page in Chinese, without a stack trace', async () => {
    const response = await fetch(`${baseUrl}/no-such-page`)
    expect(response.status).toBe(404)
    const html = await response.text()
    expect(html).toContain('找不到该页面或记录。')
    expect(html).not.toMatch(/at .*\.(js|ts):\d+/)
  })

  it('refuses cross-site and oversized form posts and stays up', async () => {
    // A browser marks a cross-site post; the server refuses it before the application reads it.
    const forged = await fetch(`${baseUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      body: 'email=a%40b.c&password=x',
    })
    expect(forged.status).toBe(403)
    expect(await forged.text()).toContain('表单来源不明')
    // With a foreign Origin the server refuses it before Remix would abort it (with a 500).
    const foreign = await fetch(`${baseUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'email=a%40b.c&password=x',
    })
    expect(foreign.status).toBe(403)
    expect(await foreign.text()).toContain('表单来源不明')
    const huge = await fetch(`${baseUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=${'a'.repeat(2 * 1024 * 1024)}`,
    })
    expect(huge.status).toBe(413)
    // The server is still there.
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200)
  })

  it('takes a 2 MB presentation to the page that reads it, and answers a file past 10 MB with a 413 the client reads', async () => {
    // A server of its own: connections a refused upload leaves closing cannot reach the other tests' pool.
    const { spawnServer } = await import('./spawn')
    const own = await spawnServer({})
    const { HttpClient } = await import('./client')
    const applicant = await new HttpClient(own.url).login('apply@shenzhenbay-instruments.example')
    // Each upload on a connection of its own, as a browser's is: the answer must arrive, never a reset.
    const http = await import('node:http')
    const postOnNewConnection = (body: Buffer, headers: Record<string, string>) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const request = http.request(
          `${own.url}/applicant/applications/999999/presentation`,
          { method: 'POST', agent: false, headers: { 'content-length': String(body.byteLength), ...headers } },
          (response) => {
            let text = ''
            response.setEncoding('utf8')
            response.on('data', (chunk: string) => (text += chunk))
            response.on('end', () => resolve({ status: response.statusCode ?? 0, text }))
          },
        )
        request.on('error', reject)
        request.end(body)
      })
    // 2 MB: past the 1 MB form limit, within the presentation's 10 MB: the page answers (the application is not
    // this user's), not the server's refusal.
    const boundary = 'presentation-boundary'
    const twoMegabytes = await postOnNewConnection(
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        Buffer.alloc(2 * 1024 * 1024),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        cookie: applicant.cookieHeader,
        origin: own.url,
        'sec-fetch-site': 'same-origin',
      },
    )
    expect(twoMegabytes.status).toBe(404)
    // 12 MB declared: refused before it is read, and the refusal reaches the client, three times over.
    for (let i = 0; i < 3; i++) {
      const tooLarge = await postOnNewConnection(Buffer.alloc(12 * 1024 * 1024), {
        'content-type': 'multipart/form-data; boundary=x',
      })
      expect(tooLarge.status).toBe(413)
      expect(tooLarge.text).toContain('提交的内容过大')
    }
    expect((await fetch(`${own.url}/healthz`)).status).toBe(200)
    own.stop()
  })

  it('answers a Host header no URL can hold with 400, never a 5xx, with or without the rehearsal cookie', async () => {
    const http = await import('node:http')
    const answer = (headers: Record<string, string>) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const request = http.request(`${baseUrl}/`, { agent: false, headers }, (response) => {
          let text = ''
          response.setEncoding('utf8')
          response.on('data', (chunk: string) => (text += chunk))
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }))
        })
        request.on('error', reject)
        request.end()
      })
    const refusedHeaders: Array<Record<string, string>> = [{ host: 'a b' }, { host: 'a b', cookie: '__rehearsal=1' }]
    for (const headers of refusedHeaders) {
      const refused = await answer(headers)
      expect(refused.status).toBe(400)
      expect(refused.text).toContain('请求的主机名无效')
    }
    // The same cookie with an ordinary Host: it names no rehearsal of this visitor, and the page is served.
    expect((await answer({ cookie: '__rehearsal=1' })).status).toBe(200)
  })

  it('caches fingerprinted assets for good and the stylesheet for an hour', async () => {
    const html = await (await fetch(`${baseUrl}/`)).text()
    const asset = /\/assets\/[\w.-]+\.js/.exec(html)?.[0]
    expect(asset).toBeDefined()
    expect((await fetch(`${baseUrl}${asset}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect((await fetch(`${baseUrl}/styles.css`)).headers.get('cache-control')).toBe('public, max-age=3600')
  })

  it('reports its health and the kind of its database', async () => {
    const response = await fetch(`${baseUrl}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(onPostgres() ? 'ok (postgres)' : 'ok (sqlite)')
  })
})

describe('starting with a database that cannot be used', () => {
  it('refuses to start, says why, and exits non-zero', async () => {
    const { spawnSync } = await import('node:child_process')
    const fs = await import('node:fs')
    const os = await import('node:os')
    const path = await import('node:path')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'award-bad-start-'))
    const file = path.join(dir, 'award.sqlite')
    fs.writeFileSync(file, 'not a database '.repeat(500))
    const { childEnv } = await import('./server')
    const env = childEnv({ DATABASE_PATH: file, PORT: '0', NODE_ENV: 'production' })
    const server = spawnSync('node', ['app/production-server.mjs'], { env, encoding: 'utf8', timeout: 20_000 })
    expect(server.status).toBe(1)
    expect(server.stderr).toContain('Cannot start: cannot open the database')
    expect(server.stderr).toContain('file is not a database')
    const setup = spawnSync('npx', ['tsx', 'db/setup.ts'], { env, encoding: 'utf8', timeout: 30_000 })
    expect(setup.status).toBe(1)
    expect(setup.stderr).toContain('Cannot start: cannot open the database')
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('refuses to start on invalid configuration with one line naming the variable', async () => {
    const { execFile } = await import('node:child_process')
    const { childEnv } = await import('./server')
    // Asynchronously: a worker blocked for seconds misses its idle connections closing, and the next test's
    // request would go out on one of them.
    const start = (extra: Record<string, string>) =>
      new Promise<{ status: number; stderr: string }>((resolve) =>
        execFile(
          'node',
          ['app/production-server.mjs'],
          { env: childEnv({ PORT: '0', NODE_ENV: 'production', ...extra }), encoding: 'utf8', timeout: 60_000 },
          (error, _stdout, stderr) =>
            resolve({ status: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stderr }),
        ),
      )
    const invalid = await start({ PUBLIC_URL: 'award.example' })
    expect(invalid.status).toBe(1)
    expect(invalid.stderr.trim()).toBe('Cannot start: Invalid configuration: PUBLIC_URL: Invalid URL')
    // E-mail without the address its links point to: links would otherwise have to come from request headers.
    const withoutAddress = await start({ EMAIL_API_URL: 'https://mail-provider.example/v1/send', PUBLIC_URL: '' })
    expect(withoutAddress.status).toBe(1)
    expect(withoutAddress.stderr).toContain(
      'Cannot start: Invalid configuration: PUBLIC_URL: required when EMAIL_API_URL',
    )
  })
})

describe('headers on every response, HTTPS and slow clients', () => {
  const securityHeaders = [
    'x-content-type-options',
    'x-frame-options',
    'referrer-policy',
    'content-security-policy',
    'permissions-policy',
  ]

  it('sends the security headers on health checks, static files, assets, errors and downloads', async () => {
    const { HttpClient } = await import('./client')
    const admin = await new HttpClient().login('secretariat@award.example')
    const html = await (await fetch(`${baseUrl}/`)).text()
    const asset = /\/assets\/[\w.-]+\.js/.exec(html)![0]
    const responses = {
      healthz: await fetch(`${baseUrl}/healthz`),
      stylesheet: await fetch(`${baseUrl}/styles.css`),
      favicon: await fetch(`${baseUrl}/favicon.svg`),
      // Browsers without SVG icons (Safari) ask for /favicon.ico whatever the page links.
      faviconIco: await fetch(`${baseUrl}/favicon.ico`),
      asset: await fetch(`${baseUrl}${asset}`),
      missing: await fetch(`${baseUrl}/no-such-page`),
      download: await admin.get('/admin/ranking.csv'),
    }
    for (const [name, response] of Object.entries(responses)) {
      for (const header of securityHeaders) expect(response.headers.get(header), `${name}: ${header}`).toBeTruthy()
      expect(response.headers.get('x-content-type-options'), name).toBe('nosniff')
    }
    expect(responses.download.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(responses.faviconIco.status).toBe(200)
    expect(responses.faviconIco.headers.get('content-type')).toMatch(/icon/)
    // A page keeps its own policy (with the script nonce), not the default one beside it.
    const page = await fetch(`${baseUrl}/`)
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'nonce-/)
    expect(page.headers.get('content-security-policy')!.split(',')).toHaveLength(1)
  })

  it('sends Strict-Transport-Security only when the trusted proxy says the client came over HTTPS', async () => {
    expect((await fetch(`${baseUrl}/healthz`)).headers.get('strict-transport-security')).toBeNull()
    const viaHttps = await fetch(`${baseUrl}/`, { headers: { 'x-forwarded-proto': 'https' } })
    expect(viaHttps.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    // Without TRUST_PROXY nobody's X-Forwarded-Proto is believed.
    const { spawnServer } = await import('./spawn')
    const untrusting = await spawnServer({})
    try {
      const claimed = await fetch(`${untrusting.url}/`, { headers: { 'x-forwarded-proto': 'https' } })
      expect(claimed.status).toBe(200)
      expect(claimed.headers.get('strict-transport-security')).toBeNull()
    } finally {
      untrusting.stop()
    }
  })

  it('closes a connection whose headers never finish', async () => {
    const { spawnServer } = await import('./spawn')
    const net = await import('node:net')
    const server = await spawnServer({ SERVER_HEADERS_TIMEOUT_MS: '1000', SERVER_REQUEST_TIMEOUT_MS: '2000' })
    try {
      const { port } = new URL(server.url)
      const answer = await new Promise<string>((resolve) => {
        let received = ''
        const socket = net.connect(Number(port), '127.0.0.1', () =>
          socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: '),
        )
        socket.on('data', (chunk) => (received += chunk.toString()))
        socket.on('close', () => resolve(received))
        // Our own give-up, far past the server's: a 408 can only come from the server's timeout.
        setTimeout(() => socket.destroy(), 30_000)
      })
      expect(answer).toMatch(/^HTTP\/1\.1 408/)
    } finally {
      server.stop()
    }
  })
})

describe('the client address behind a proxy', () => {
  async function failedLogins(url: string, count: number, forwardedFor: (i: number) => string): Promise<number[]> {
    const { HttpClient } = await import('./client')
    const client = new HttpClient(url)
    await client.page('/login')
    const statuses: number[] = []
    for (let i = 0; i < count; i++) {
      const response = await client.post(
        '/login',
        { email: `spray${i}@nobody.example`, password: 'Autumn-2026!' },
        { 'x-forwarded-for': forwardedFor(i) },
      )
      statuses.push(response.status)
    }
    return statuses
  }

  it('counts login failures per address named by the trusted proxy', async () => {
    const statuses = await failedLogins(baseUrl, 31, () => '203.0.113.77')
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true)
    expect(statuses[30]).toBe(429)
    expect(await failedLogins(baseUrl, 1, () => '203.0.113.78')).toEqual([400])
  })

  it('ignores X-Forwarded-For when no proxy is trusted, so rotating it does not escape the limit', async () => {
    const { spawnServer } = await import('./spawn')
    const { copyOfSharedDatabase } = await import('./demo-db')
    const database = await copyOfSharedDatabase('award-untrusted-')
    const server = await spawnServer({ ...database.env })
    try {
      const statuses = await failedLogins(server.url, 31, (i) => `198.18.0.${i}`)
      expect(statuses[30]).toBe(429)
    } finally {
      server.stop()
      await database.remove()
    }
  })
})
