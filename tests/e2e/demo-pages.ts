import { sharedDatabase } from './demo-db'

/** The demo data's pages, as each role reaches them: for the tests that visit every page. */
const steps = ['profile', 'category', 'eligibility', 'selfAssessment', 'summary']

const rows = <T>(sql: string, ...params: unknown[]): Promise<T[]> => sharedDatabase().all<T>(sql, ...params)

const ids = async (sql: string, ...params: unknown[]) => (await rows<{ id: number }>(sql, ...params)).map((r) => r.id)

export async function pagesOf(email: string | null, role: string | null): Promise<string[]> {
  const common = [
    '/',
    '/notice',
    '/results',
    '/draws',
    ...(
      await rows<{ year: number }>('select distinct c.year from cycles c join draw_ledger d on d.cycle_id = c.id')
    ).map((r) => `/draws?year=${r.year}`),
    ...(await ids('select id from applications where status = ?', 'publicNotice')).map((id) => `/notice/${id}`),
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
      ...(await ids('select id from experts order by id limit 1')).map((id) => `/admin/experts/${id}`),
      '/inbox',
      '/account',
      ...(await ids('select id from applications')).map((id) => `/admin/applications/${id}`),
      ...(await ids('select id from applications')).map((id) => `/admin/applications/${id}/self-assessment`),
    ]
  if (role === 'reviewer') {
    const assigned = await ids(
      'select a.application_id as id from assignments a join users u on u.id = a.reviewer_id where u.email = ?',
      email,
    )
    const seats = (
      await rows<{ stage: string; id: number }>(
        'select p.stage, p.application_id as id from panel_members p join users u on u.id = p.expert_user_id where u.email = ?',
        email,
      )
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
  const own = await ids(
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
