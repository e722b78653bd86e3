import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { getCurrentCycle } from '#db/repositories/cycles'
import { listAssignmentsOfReviewer } from '#db/repositories/review'
import { opensApplication } from '#workflows/review/assignment.machine'
import { StatusBadge } from '~/components/status-badge'
import { useLang, useT } from '~/hooks/use-i18n'
import { formatDay } from '~/utils/format'
import { requireUser } from '~/utils/session.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request, 'reviewer')
  const db = getDb()
  const [assignments, cycle] = await Promise.all([listAssignmentsOfReviewer(db, actor.userId), getCurrentCycle(db)])
  return json({
    current: assignments.filter((a) => a.cycle_id === cycle?.id),
    past: assignments.filter((a) => a.cycle_id !== cycle?.id),
    year: cycle?.year ?? null,
  })
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['current'][number]

function AssignmentTable({ rows }: { rows: Row[] }) {
  const t = useT()
  const lang = useLang()
  return (
    <div className="scroll">
      <table>
        <thead>
          <tr>
            <th>{t('application.organisation')}</th>
            <th>{t('review.stage')}</th>
            <th>{t('review.myTask')}</th>
            <th>{t('invitation.due')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id} data-status={a.assignment_status}>
              <td>{a.organisation_name}</td>
              <td>
                <StatusBadge status={a.status} />
              </td>
              <td>{a.assignment_status === 'inProgress' || a.assignment_status === 'submitted' ? t(`review.sheetStatus.${a.sheet_status ?? 'none'}`) : t(`assignment.status.${a.assignment_status}`)}</td>
              <td>{a.due_date ? formatDay(a.due_date, lang) : '—'}</td>
              <td>
                {a.assignment_status === 'invited' ? (
                  <Link to={`/review/applications/${a.application_id}`}>{t('review.respond')}</Link>
                ) : opensApplication(a.assignment_status) ? (
                  <Link to={`/review/applications/${a.application_id}`}>{t('review.open')}</Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** An expert's reviews: this year's with their state and due date first; past years' apart, folded. */
export default function Assignments() {
  const { current, past, year } = useLoaderData<typeof loader>()
  const t = useT()
  const invited = current.filter((a) => a.assignment_status === 'invited').length
  return (
    <section>
      <h1>{t('review.heading')}</h1>
      {invited > 0 ? <p className="alert">{t('review.invitationsWaiting', { count: invited })}</p> : null}
      {current.length === 0 ? <p>{t('review.none')}</p> : null}
      {current.length > 0 ? (
        <>
          <h2>{t('review.thisYear', { year: year ?? '' })}</h2>
          <AssignmentTable rows={current} />
        </>
      ) : null}
      {past.length > 0 ? (
        <details>
          <summary>{t('review.pastYears', { count: past.length })}</summary>
          <AssignmentTable rows={past} />
        </details>
      ) : null}
    </section>
  )
}
