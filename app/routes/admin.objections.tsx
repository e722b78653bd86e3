import { objectionReference } from '#workflows/objection/objection.rules'
import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { countObjectionsByStatus, objectionPageSize, objectionsPage } from '#db/repositories/objections'
import { idCursorOf } from '#db/repositories/paging'
import { pageHref, Pager } from '~/components/pager'
import { useLang, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import { requireRequestedCycle } from '~/utils/current-cycle.server'
import { formatDateTime } from '~/utils/format'
import { requireUser } from '~/utils/session.server'

const statuses = ['open', 'upheld', 'dismissed'] as const

/**
 * 异议处理: the cycle's objections, open ones first by default, oldest first, 50 a page; each is dealt with on its
 * application's page, where its content, evidence and resolution are.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const db = getDb()
  const cycle = await requireRequestedCycle(request)
  const params = new URL(request.url).searchParams
  const asked = params.get('status')
  // Open ones unless another status (or all) is asked for.
  const status = asked === 'all' ? undefined : (statuses.find((s) => s === asked) ?? 'open')
  const [page, counts] = await Promise.all([
    objectionsPage(db, { cycleId: cycle.id, status, cursor: idCursorOf(params) }),
    countObjectionsByStatus(db, cycle.id),
  ])
  return json({
    cycle: { name_zh: cycle.name_zh, name_en: cycle.name_en },
    status: status ?? 'all',
    counts,
    // Each under the reference its objector was given (GS2026-00001), the one way it is named everywhere.
    objections: page.rows.map((row) => ({ ...row, reference: objectionReference(cycle.year, row.id) })),
    page: {
      total: page.total,
      from: page.earlier + 1,
      to: page.earlier + page.rows.length,
      size: objectionPageSize,
      previous: page.hasPrevious ? page.rows[0]!.id : null,
      next: page.hasNext ? page.rows.at(-1)!.id : null,
    },
  })
}

export default function Objections() {
  const { cycle, status, counts, objections, page } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const [params] = useSearchParams()
  const all = Object.values(counts).reduce((sum, n) => sum + n, 0)
  return (
    <section>
      <h1>
        {t('objections.heading')} · {localName(cycle, lang)}
      </h1>
      <ul className="steps">
        {statuses.map((s) => (
          <li key={s} className={status === s ? 'current' : ''}>
            <Link to={`/admin/objections?status=${s}`}>
              {t(`objection.status.${s}`)} ({counts[s] ?? 0})
            </Link>
          </li>
        ))}
        <li className={status === 'all' ? 'current' : ''}>
          <Link to="/admin/objections?status=all">
            {t('admin.all')} ({all})
          </Link>
        </li>
      </ul>
      {objections.length === 0 ? (
        <p className="card">{status === 'open' || all === 0 ? t('objections.noneOpen') : t('objections.none')}</p>
      ) : (
        <div className="scroll">
          <table data-testid="objections">
            <thead>
              <tr>
                <th>{t('objections.reference')}</th>
                <th>{t('objections.filedAt')}</th>
                <th>{t('application.organisation')}</th>
                <th>{t('objection.filedBy')}</th>
                <th>{t('applicant.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {objections.map((o) => (
                <tr key={o.id}>
                  <td>{o.reference}</td>
                  <td>{formatDateTime(o.filed_at, lang)}</td>
                  <td>{o.organisation_name}</td>
                  <td>
                    {o.objector_name}
                    {o.objector_organisation ? <div className="guide">{o.objector_organisation}</div> : null}
                  </td>
                  <td>{t(`objection.status.${o.status}`)}</td>
                  <td>
                    <Link to={`/admin/applications/${o.application_id}#objections`}>{t('admin.open')}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        page={page}
        previous={page.previous ? pageHref('/admin/objections', params, { before: page.previous }) : null}
        next={page.next ? pageHref('/admin/objections', params, { after: page.next }) : null}
      />
    </section>
  )
}
