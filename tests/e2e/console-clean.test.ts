import { describe, expect, it } from 'vitest'
import { demoLogins } from '../../db/seed'
import { browserSession, openReady } from './browser'
import { onePerKind, pagesOf } from './demo-pages'

const session = browserSession()

/**
 * Every kind of page, as the public and as one login of each role sees it, in Chromium: hydration takes the page
 * over without an error (a mismatch between the server's HTML and the first render is logged to the console),
 * and no resource the page asks for is missing (the favicon included).
 */
describe('the browser console on every kind of page', () => {
  it('stays free of errors and missing resources', async () => {
    const visitors: Array<[string | null, string | null]> = [[null, null]]
    for (const role of ['admin', 'reviewer', 'applicant'])
      for (const login of demoLogins.filter((l) => l.role === role).slice(0, role === 'applicant' ? 2 : 1))
        visitors.push([login.email, login.role])
    const problems: string[] = []
    let visited = 0
    for (const [email, role] of visitors) {
      const { page, context } = await session.as(email)
      let current = ''
      page.on('console', (message) => {
        if (message.type() === 'error')
          problems.push(`${email ?? 'public'} ${current}: ${message.text().slice(0, 200)}`)
      })
      page.on('response', (response) => {
        if (response.status() === 404) problems.push(`${email ?? 'public'} ${current}: 404 ${response.url()}`)
      })
      for (const path of onePerKind(await pagesOf(email, role))) {
        current = path
        await openReady(page, path)
        visited++
      }
      await context.close()
    }
    expect(problems).toEqual([])
    expect(visited).toBeGreaterThan(25)
  })
})
