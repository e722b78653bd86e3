import { describe, expect, it } from 'vitest'
import { demoLogins } from '../../db/seed'
import { HttpClient } from './client'
import { pagesOf } from './demo-pages'

/** Every page of the demo data, as every role sees it, arrives as clean UTF-8 with no zero byte. */
describe('every page in clean Chinese', () => {
  it('has no zero byte, decodes as UTF-8 and shows no raw ISO time, for the public and for every demo login', async () => {
    const visitors: Array<[string | null, string | null]> = [
      [null, null],
      ...demoLogins.map((login) => [login.email, login.role] as [string, string]),
    ]
    let checked = 0
    for (const [email, role] of visitors) {
      const client = email ? await new HttpClient().login(email) : new HttpClient()
      for (const path of await pagesOf(email, role)) {
        const response = await client.get(path)
        if (response.status >= 300 && response.status < 400) continue // an edit step of a submitted application
        expect(response.status, `${email ?? 'public'} ${path}`).toBe(200)
        const bytes = Buffer.from(await response.arrayBuffer())
        expect(bytes.includes(0), `${email ?? 'public'} ${path}`).toBe(false)
        const html = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
        // Times are shown in Beijing time in the reader's format: no raw ISO time outside the page's data script.
        const shown = html.replace(/<script\b[\s\S]*?<\/script>/g, '')
        expect(shown, `${email ?? 'public'} ${path}`).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(40)
  })
})
