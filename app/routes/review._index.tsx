import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { getCurrentCycle } from '#db/repositories/cycles'
import { countReviewerAssignments, reviewerAssignmentPage, reviewerPageSize } from '#db/repositories/review'
import { listPanelSeatsOfExpert } from '#db/repositories/stages'
import { DefenceSlot, SiteVisitDate } from '~/components/stage-slot'
import { opensApplication } from '#workflows/review/assignment.machine'
import { ListLink, useListLinks } from '~/components/list-link'
import { StatusBadge } from '~/components/status-badge'
import { useLang, useT } from '~/hooks/use-i18n'
import { formatDay } from '~/utils/format'
import { requireUser } from '~/utils/session.server'
import { signedInPage } from '~/utils/public-page'

/** Kept for a session while the database is unchanged (app/page-cache.mjs): the loader only reads. */
export const handle = signedInPage

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request, 'reviewer')
  const db = getDb()
  const params = new URL(request.url).searchParams
  const past = params.get('past') === '1'
  const before = Number(params.get('before'))
  const [cycle, seats] = await Promise.all([getCurrentCycle(db), listPanelSeatsOfExpert(db, actor.userId)])
  const cycleId = cycle?.id ?? -1
  // This year's reviews first, a page of 50 at a time (newest first); past years' on a page of their own.
  const [page, counts] = await Promise.all([
    reviewerAssignmentPage(db, actor.userId, {
      cycleId,
      past,
      before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
    }),
    countReviewerAssignments(db, actor.userId, cycleId),
  ])
  const [shown, other] = past ? [counts.past, counts.current] : [counts.current, counts.past]
  return json({
    past,
    rows: page.rows,
    more: page.hasMore ? page.rows.at(-1)!.id : null,
    total: shown.total,
    // Invitations waiting are this year's, on either page.
    invited: counts.current.invited,
    otherTotal: other.total,
    size: reviewerPageSize,
    seats: seats.map((seat) => ({
      stage: seat.stage,
      applicationId: seat.application_id,
      organisationName: seat.organisation_name,
      status: seat.status,
      leader: seat.is_leader === 1,
      defence:
        seat.stage === 'defence' && seat.starts_at
          ? { startsAt: seat.starts_at, minutes: seat.minutes ?? 0, place: seat.place ?? '' }
          : null,
      visit:
        seat.stage === 'siteVisit' && seat.visit_date ? { date: seat.visit_date, address: seat.address ?? '' } : null,
      // A seat not yet declared on shows that first: nothing of the file opens before.
      task:
        seat.declared_at === null
          ? 'declare'
          : seat.stage === 'defence'
            ? (seat.defence_sheet_status ?? 'none')
            : seat.recorded_at
              ? 'submitted'
              : seat.is_leader === 1
                ? 'none'
                : 'team',
    })),
    year: cycle?.year ?? null,
  })
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['rows'][number]

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
              <td>
                {a.assignment_status === 'inProgress' || a.assignment_status === 'submitted'
                  ? t(`review.sheetStatus.${a.sheet_status ?? 'none'}`)
                  : t(`assignment.status.${a.assignment_status}`)}
              </td>
              <td>{a.due_date ? formatDay(a.due_date, lang) : '—'}</td>
              <td>
                {a.assignment_status === 'invited' ? (
                  <ListLink to={`/review/applications/${a.application_id}`}>{t('review.respond')}</ListLink>
                ) : opensApplication(a.assignment_status) ? (
                  <ListLink to={`/review/applications/${a.application_id}`}>{t('review.open')}</ListLink>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** An expert's reviews: this year's with their state and due date first, 50 a page; past years' on their own page. */
export default function Assignments() {
  const { past, rows, more, total, invited, otherTotal, size, year, seats } = useLoaderData<typeof loader>()
  const t = useT()
  const table = rows.length > 0 ? <AssignmentTable rows={rows} /> : null
  const next =
    more === null ? null : (
      <p>
        <ListLink rel="next" to={`/review?${past ? 'past=1&' : ''}before=${more}`}>
          {t('review.morePage', { size })}
        </ListLink>
      </p>
    )
  const lists = useListLinks<HTMLElement>()
  return (
    <section ref={lists}>
      <h1>{t('review.heading')}</h1>
      <p>
        <Link to="/review/record">{t('performance.link')}</Link> ·{' '}
        <Link to="/review/availability">{t('availability.link')}</Link>
      </p>
      {invited > 0 ? <p className="alert">{t('review.invitationsWaiting', { count: invited })}</p> : null}
      {past ? (
        <>
          <p>
            <Link to="/review">{t('review.backToThisYear', { year: year ?? '' })}</Link>
          </p>
          <h2>{t('review.pastYears', { count: total })}</h2>
          {table}
          {next}
        </>
      ) : (
        <>
          {total === 0 && seats.length === 0 ? <p>{t('review.none')}</p> : null}
          {total > 0 ? (
            <>
              <h2>
                {t('review.thisYear', { year: year ?? '' })} · {t('review.count', { count: total })}
              </h2>
              {table}
              {next}
            </>
          ) : null}
          {seats.length > 0 ? <PanelSeats seats={seats} /> : null}
          {otherTotal > 0 ? (
            <p>
              <Link to="/review?past=1">{t('review.pastYears', { count: otherTotal })}</Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  )
}

type Seat = ReturnType<typeof useLoaderData<typeof loader>>['seats'][number]

/** The defences and site visits the expert sits on. */
function PanelSeats({ seats }: { seats: Seat[] }) {
  const t = useT()
  return (
    <>
      <h2>{t('review.panelSeats')}</h2>
      <p>
        <a href="/calendar.ics" download>
          {t('calendar.download')}
        </a>
      </p>
      <div className="scroll">
        <table data-testid="panel-seats">
          <thead>
            <tr>
              <th>{t('application.organisation')}</th>
              <th>{t('review.stage')}</th>
              <th>{t('stages.date')}</th>
              <th>{t('review.myTask')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {seats.map((seat) => (
              <tr key={`${seat.stage}-${seat.applicationId}`}>
                <td>{seat.organisationName}</td>
                <td>
                  {t(`stages.${seat.stage}`)}
                  {seat.leader ? `（${t('stages.leader')}）` : ''}
                </td>
                <td>
                  {seat.defence ? (
                    <DefenceSlot slot={seat.defence} />
                  ) : seat.visit ? (
                    <SiteVisitDate visit={seat.visit} />
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  {seat.task === 'team' ? t('review.readOnlyTeam') : t(`review.sheetStatus.${seat.task as 'none'}`)}
                </td>
                <td>
                  <Link
                    to={
                      seat.stage === 'defence'
                        ? `/review/defence/${seat.applicationId}`
                        : `/review/site-visit/${seat.applicationId}`
                    }
                  >
                    {t('review.openSheet')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
