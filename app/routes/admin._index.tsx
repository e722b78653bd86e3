import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { countByStatus, listApplicationsOfCycle } from '#db/repositories/applications'
import { listCycleCategories } from '#db/repositories/cycles'
import { activeAssignmentCounts } from '#db/repositories/review'
import { applicationStatuses } from '#workflows/application/application.machine'
import { StatusBadge } from '~/components/status-badge'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import { formatDateTime, formatDay } from '~/utils/format'
import { requireUser } from '~/utils/session.server'
import { requireCurrentCycle } from '~/utils/current-cycle.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const db = getDb()
  const cycle = await requireCurrentCycle()
  const status = new URL(request.url).searchParams.get('status')
  const filter = status && applicationStatuses.includes(status as never) ? status : undefined
  const search = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 100)
  const [applications, counts, categories, assigned] = await Promise.all([
    listApplicationsOfCycle(db, cycle.id, filter, search || undefined),
    countByStatus(db, cycle.id),
    listCycleCategories(db, cycle.id),
    activeAssignmentCounts(db, cycle.id),
  ])
  // An application in document review short of experts (never drawn, or an expert left and the pool had nobody).
  const expertsMissing = Object.fromEntries(
    [...assigned].map(([id, n]) => [id, Math.max(0, cycle.reviewers_per_application - n)] as const).filter(([, missing]) => missing > 0),
  )
  return json({ cycle: { year: cycle.year, name_zh: cycle.name_zh, name_en: cycle.name_en }, applications, counts, categories, filter: filter ?? null, search, expertsMissing })
}

export default function AdminDesk() {
  const { cycle, applications, counts, categories, filter, search, expertsMissing } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const [params] = useSearchParams()
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  return (
    <section>
      <h1>
        {t('admin.heading')} · {localName(cycle, lang)}
      </h1>
      <h2>{t('admin.byStatus')}</h2>
      <ul className="steps">
        <li className={filter === null ? 'current' : ''}>
          <Link to="/admin">
            {t('admin.all')} ({total})
          </Link>
        </li>
        {applicationStatuses.map((status) => (
          <li key={status} className={params.get('status') === status ? 'current' : ''}>
            <Link to={`/admin?status=${status}`}>
              {t(`status.${status}`)} ({counts[status] ?? 0})
            </Link>
          </li>
        ))}
      </ul>
      <Form method="get" className="actions" role="search">
        {filter ? <input type="hidden" name="status" value={filter} /> : null}
        <label>
          {t('admin.search')}
          <input type="search" name="q" defaultValue={search} />
        </label>
        <button type="submit" className="secondary">
          {t('admin.searchButton')}
        </button>
      </Form>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>{t('application.organisation')}</th>
            <th>{t('applicant.category')}</th>
            <th>{t('applicant.status')}</th>
            <th>{t('applicant.updated')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {applications.map((a) => (
            <tr key={a.id}>
              <td>{a.id}</td>
              <td>{a.organisation_name}</td>
              <td>{(() => {
                const category = categories.find((c) => c.code === a.category_code)
                return category ? localName(category, lang) : ''
              })()}</td>
              <td>
                <StatusBadge status={a.status} />
                {expertsMissing[a.id] ? (
                  <small className="error" data-testid="experts-missing">
                    {' '}
                    {t('draw.short', { count: expertsMissing[a.id]! })}
                  </small>
                ) : null}
                {a.status === 'returned' && a.correction_due_date ? (
                  <small className="guide" data-testid="correction-due">
                    {' '}
                    {t('admin.correctionDueOn', { date: formatDay(a.correction_due_date, lang) })}
                  </small>
                ) : null}
              </td>
              <td>{formatDateTime(a.updated_at, lang)}</td>
              <td>
                <Link to={`/admin/applications/${a.id}`}>{t('admin.open')}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
