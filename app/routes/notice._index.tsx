import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { publicPage } from '~/utils/public-page'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { getCurrentCycle } from '#db/repositories/cycles'
import { listApplicationsOnNotice } from '#db/repositories/objections'
import { isNoticeOver } from '#workflows/cycle/notice'
import { objectionReferencePattern } from '#workflows/objection/objection.rules'
import { useLang, useT } from '~/hooks/use-i18n'
import { formatLastDay } from '~/utils/format'
import { awardNow } from '#workflows/time'

/** Public: the proposed winners while they are on notice, with a way to object. */
export const handle = publicPage

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb()
  // After filing, the objector lands here with the reference of their objection (it is also e-mailed to them).
  const reference = new URL(request.url).searchParams.get('objection')
  const cycle = await getCurrentCycle(db)
  const rows = cycle ? await listApplicationsOnNotice(db, cycle.id) : []
  const now = awardNow().toISOString()
  return json({
    rows: rows.map((row) => ({ ...row, open: !isNoticeOver(row.notice_ends_at, now) })),
    reference: reference && objectionReferencePattern.test(reference) ? reference : null,
  })
}

export default function Notice() {
  const { rows, reference } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  return (
    <section>
      <h1>{t('notice.heading')}</h1>
      {reference ? (
        <p className="flash" role="status">
          {t('objection.reference', { reference })}
        </p>
      ) : null}
      <p>{t('notice.intro')}</p>
      {rows.length === 0 ? (
        <p>{t('notice.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('applicant.category')}</th>
              <th>{t('admin.level')}</th>
              <th>{t('application.organisation')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>{lang === 'en' ? row.category_en : row.category_zh}</td>
                <td>{lang === 'en' ? row.level_en : row.level_zh}</td>
                <td>{row.organisation_name}</td>
                <td>
                  {row.notice_ends_at ? t('notice.until', { date: formatLastDay(row.notice_ends_at, lang) }) : ''}{' '}
                  {row.open ? <Link to={`/notice/${row.id}`}>{t('notice.object')}</Link> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
