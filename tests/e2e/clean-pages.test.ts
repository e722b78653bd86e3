import Database from 'better-sqlite3'
import { describe, expect, inject, it } from 'vitest'
import { demoLogins } from '../../db/seed'
import { HttpClient } from './client'

/** Every page of the demo data, as every role sees it, arrives as clean UTF-8 with no zero byte. */
const sqlite = new Database(inject('databasePath'), { readonly: true })
const ids = (sql: string, ...params: unknown[]) =>
  (sqlite.prepare(sql).all(...params) as Array<{ id: number }>).map((r) => r.id)
const steps = ['profile', 'category', 'eligibility', 'selfAssessment', 'summary']

function pagesOf(email: string | null, role: string | null): string[] {
  const common = [
    '/',
    '/notice',
    '/results',
    ...ids('select id from applications where status = ?', 'publicNotice').map((id) => `/notice/${id}`),
  ]
  if (role === null) return [...common, '/login', '/register']
  if (role === 'admin')
    return [
      ...common,
      '/admin',
      '/admin/ranking',
      '/admin/reviewers',
      '/admin/cycle',
      '/admin/analytics',
      '/admin/objections?status=all',
      '/admin/experts',
      '/admin/experts/progress',
      '/inbox',
      '/account',
      ...ids('select id from applications').map((id) => `/admin/applications/${id}`),
      ...ids('select id from applications').map((id) => `/admin/applications/${id}/self-assessment`),
    ]
  if (role === 'reviewer') {
    const assigned = ids(
      'select a.application_id as id from assignments a join users u on u.id = a.reviewer_id where u.email = ?',
      email,
    )
    return [...common, '/review', '/account', ...assigned.map((id) => `/review/applications/${id}`)]
  }
  const own = ids(
    'select a.id from applications a join users u on u.organisation_id = a.organisation_id where u.email = ?',
    email,
  )
  return [
    ...common,
    '/applicant',
    '/account',
    ...own.flatMap((id) => [
      `/applicant/applications/${id}`,
      ...steps.map((step) => `/applicant/applications/${id}/edit/${step}`),
    ]),
  ]
}

describe('every page in clean Chinese', () => {
  it('has no zero byte, decodes as UTF-8 and shows no raw ISO time, for the public and for every demo login', async () => {
    const visitors: Array<[string | null, string | null]> = [
      [null, null],
      ...demoLogins.map((login) => [login.email, login.role] as [string, string]),
    ]
    let checked = 0
    for (const [email, role] of visitors) {
      const client = email ? await new HttpClient().login(email) : new HttpClient()
      for (const path of pagesOf(email, role)) {
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
