import Database from 'better-sqlite3'
import { inject } from 'vitest'

/** The demo data's pages, as each role reaches them: for the tests that visit every page. */
const steps = ['profile', 'category', 'eligibility', 'selfAssessment', 'summary']

function rows<T>(sql: string, ...params: unknown[]): T[] {
  const sqlite = new Database(inject('databasePath'), { readonly: true })
  try {
    return sqlite.prepare(sql).all(...params) as T[]
  } finally {
    sqlite.close()
  }
}

const ids = (sql: string, ...params: unknown[]) => rows<{ id: number }>(sql, ...params).map((r) => r.id)

export function pagesOf(email: string | null, role: string | null): string[] {
  const common = [
    '/',
    '/notice',
    '/results',
    '/draws',
    ...rows<{ year: number }>('select distinct c.year from cycles c join draw_ledger d on d.cycle_id = c.id').map(
      (r) => `/draws?year=${r.year}`,
    ),
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
      '/admin/rehearsals',
      '/admin/analytics',
      '/admin/objections?status=all',
      '/admin/experts',
      '/admin/experts/progress',
      ...ids('select id from experts order by id limit 1').map((id) => `/admin/experts/${id}`),
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
    const seats = rows<{ stage: string; id: number }>(
      'select p.stage, p.application_id as id from panel_members p join users u on u.id = p.expert_user_id where u.email = ?',
      email,
    ).map((seat) => `/review/${seat.stage === 'defence' ? 'defence' : 'site-visit'}/${seat.id}`)
    return [
      ...common,
      '/review',
      '/review/record',
      '/account',
      '/inbox',
      ...assigned.map((id) => `/review/applications/${id}`),
      ...seats,
    ]
  }
  const own = ids(
    'select a.id from applications a join users u on u.organisation_id = a.organisation_id where u.email = ?',
    email,
  )
  return [
    ...common,
    '/applicant',
    '/account',
    '/inbox',
    ...own.flatMap((id) => [
      `/applicant/applications/${id}`,
      ...steps.map((step) => `/applicant/applications/${id}/edit/${step}`),
    ]),
  ]
}

/** One page of each kind: the same route with another id shows nothing new to a test of the page's make. */
export function onePerKind(paths: readonly string[]): string[] {
  const seen = new Set<string>()
  return paths.filter((path) => {
    const kind = path.replace(/\d+/g, ':id')
    if (seen.has(kind)) return false
    seen.add(kind)
    return true
  })
}
