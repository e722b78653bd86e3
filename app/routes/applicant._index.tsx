import { applicationNumber } from '#workflows/application/application-number'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { intakeOpen } from '#workflows/cycle/intake'
import { listApplicationsOfOrganisation } from '#db/repositories/applications'
import { getCurrentCycle } from '#db/repositories/cycles'
import { statusShownToApplicant } from '#workflows/application/application.policy'
import { mayBeEdited } from '#workflows/application/application.queries'
import { startApplication } from '#workflows/application/application.server'
import { CsrfInput } from '~/components/csrf-input'
import { FormError } from '~/components/form-error'
import { StatusBadge } from '~/components/status-badge'
import { useLang, useT } from '~/hooks/use-i18n'
import { formatDateTime } from '~/utils/format'
import { httpError, workflowFailure } from '~/utils/http.server'
import { readForm } from '~/utils/request.server'
import { requireUser } from '~/utils/session.server'
import { awardNow } from '#workflows/time'

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request, 'applicant')
  const db = getDb()
  const [applications, cycle] = await Promise.all([
    listApplicationsOfOrganisation(db, actor.organisationId!),
    getCurrentCycle(db),
  ])
  const canStart =
    cycle !== undefined &&
    !applications.some((a) => a.cycle_id === cycle.id) &&
    intakeOpen(cycle, awardNow().toISOString())
  return json({
    // The decision itself never leaves the server before publication; only the status it allows is shown.
    applications: applications.map(({ decision_level_id: level, ...a }) => ({
      ...a,
      status: statusShownToApplicant(a.status, level !== null, a.shortlist_size !== null),
      editable: mayBeEdited(a.status),
    })),
    cycle: cycle ? { id: cycle.id, year: cycle.year } : null,
    canStart,
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireUser(request, 'applicant')
  await readForm(request)
  const db = getDb()
  const cycle = await getCurrentCycle(db)
  if (!cycle) return httpError(404, 'home.noCycle')
  try {
    const id = await startApplication(db, actor, cycle.id)
    return redirect(`/applicant/applications/${id}/edit/profile`)
  } catch (error) {
    return workflowFailure(error)
  }
}

export default function MyApplications() {
  const { applications, cycle, canStart } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  return (
    <section>
      <h1>{t('applicant.heading')}</h1>
      <p>
        <Link to="/applicant/team">{t('team.link')}</Link>
      </p>
      <FormError />
      {canStart && cycle ? (
        <Form method="post">
          <CsrfInput />
          <button type="submit">{t('applicant.start', { year: cycle.year })}</button>
        </Form>
      ) : null}
      {applications.length === 0 ? (
        <p>{t('applicant.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              {/* The number names the cycle's year (SZ2026-0006): no column of its own for the year. */}
              <th>{t('application.number')}</th>
              <th>{t('applicant.status')}</th>
              <th>{t('applicant.updated')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {applications.map((application) => (
              <tr key={application.id}>
                <td className="nowrap">{applicationNumber(application.year, application.id)}</td>
                <td>
                  <StatusBadge status={application.status} />
                </td>
                <td>{formatDateTime(application.updated_at, lang)}</td>
                <td className="actions">
                  {application.editable ? (
                    <Link to={`/applicant/applications/${application.id}/edit/${application.last_step}`}>
                      {t('applicant.continue')}
                    </Link>
                  ) : null}
                  <Link to={`/applicant/applications/${application.id}`}>{t('applicant.view')}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
