import { inject } from 'vitest'
import { demoPassword } from '../../db/seed'

/**
 * A client of the production server without a browser: keeps its cookies, reads the CSRF token from the page
 * as a browser's form would, and posts forms the way a browser does (same-origin headers).
 */
export class HttpClient {
  constructor(readonly baseUrl: string = inject('baseUrl')) {}
  private cookies = new Map<string, string>()
  private csrf = ''

  /** The same browser (its cookies and CSRF token) talking to another server, e.g. a second app process. */
  via(baseUrl: string): HttpClient {
    const other = new HttpClient(baseUrl)
    other.cookies = this.cookies
    other.csrf = this.csrf
    return other
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair!.indexOf('=')
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1))
    }
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(this.baseUrl + path, {
      headers: { cookie: this.cookieHeader, ...headers },
      redirect: 'manual',
    })
    this.remember(response)
    return response
  }

  /** A page, with the CSRF token its forms carry remembered for the next post. */
  async page(path: string): Promise<{ status: number; html: string }> {
    const response = await this.get(path)
    const html = await response.text()
    const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1]
    if (token) this.csrf = token
    return { status: response.status, html }
  }

  async post(
    path: string,
    fields: Record<string, string> | string,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    if (!this.csrf) await this.page('/login')
    const body =
      typeof fields === 'string'
        ? `csrf=${encodeURIComponent(this.csrf)}&${fields}`
        : new URLSearchParams({ csrf: this.csrf, ...fields }).toString()
    const response = await fetch(this.baseUrl + path, {
      method: 'POST',
      body,
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: this.cookieHeader,
        origin: this.baseUrl,
        'sec-fetch-site': 'same-origin',
        ...headers,
      },
    })
    this.remember(response)
    return response
  }

  /** A form with a file, as a browser sends it (multipart, the CSRF token among the fields). */
  async postFile(
    path: string,
    fields: Record<string, string>,
    file: { field: string; name: string; type: string; bytes: Uint8Array<ArrayBuffer> },
  ): Promise<Response> {
    if (!this.csrf) await this.page('/login')
    const body = new FormData()
    body.set('csrf', this.csrf)
    for (const [name, value] of Object.entries(fields)) body.set(name, value)
    body.set(file.field, new Blob([file.bytes], { type: file.type }), file.name)
    const response = await fetch(this.baseUrl + path, {
      method: 'POST',
      body,
      redirect: 'manual',
      headers: { cookie: this.cookieHeader, origin: this.baseUrl, 'sec-fetch-site': 'same-origin' },
    })
    this.remember(response)
    return response
  }

  async login(email: string, password = demoPassword): Promise<this> {
    await this.page('/login')
    const response = await this.post('/login', { email, password })
    if (response.status !== 302) throw new Error(`login of ${email} answered ${response.status}`)
    await this.page('/')
    return this
  }
}
