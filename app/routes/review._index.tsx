import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { listAssignmentsOfReviewer } from '#db/repositories/review'
import { StatusBadge } from '~/components/status-badge'
import { useT } from '~/hooks/use-i18n'
import { requireUser } from '~/utils/session.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request, 'reviewer')
  return json({ assignments: await listAssignmentsOfReviewer(getDb(), actor.userId) })
}

export default function Assignments() {
  const { assignments } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <section>
      <h1>{t('review.heading')}</h1>
      {assignments.length === 0 ? <p>{t('review.none')}</p> : null}
      <table>
        <thead>
          <tr>
            <th>{t('applicant.cycle')}</th>
            <th>{t('application.organisation')}</th>
            <th>{t('applicant.status')}</th>
            <th>{t('review.sheet')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {assignments.map((a) => (
            <tr key={a.id}>
              <td>{a.year}</td>
              <td>{a.organisation_name}</td>
              <td>
                <StatusBadge status={a.status} />
              </td>
              <td>{a.recused_at ? t('review.sheetStatus.recused') : t(`review.sheetStatus.${a.sheet_status ?? 'none'}`)}</td>
              <td>
                <Link to={`/review/applications/${a.application_id}`}>{t('review.open')}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
