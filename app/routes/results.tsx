import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { publicPage } from '~/utils/public-page'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { listPublishedWinners, listPublishedYears } from '#db/repositories/cycles'
import { YearTabs } from '~/components/year-tabs'
import { useLang, useT } from '~/hooks/use-i18n'
import { formatDate } from '~/utils/format'

/**
 * Public: the winners of published cycles only, one year at a time (the newest unless another is asked for), by
 * category and level; the other published years are a link away.
 */
export const handle = publicPage

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb()
  const years = await listPublishedYears(db)
  const asked = Number(new URL(request.url).searchParams.get('year'))
  const shown = years.find((y) => y.year === asked) ?? years[0]
  const rows = shown ? await listPublishedWinners(db, shown.year) : []
  return json({
    years: years.map((y) => y.year),
    year: shown ? { year: shown.year, publishedAt: shown.results_published_at!, rows } : null,
  })
}

export default function Results() {
  const { years, year } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  return (
    <section>
      <h1>{t('results.heading')}</h1>
      {year === null ? <p>{t('results.none')}</p> : null}
      <p>
        <Link to={year ? `/draws?year=${year.year}` : '/draws'}>{t('ledger.link')}</Link>
      </p>
      <YearTabs years={years} shown={year?.year} hrefOf={(y) => `/results?year=${y}`} />
      {year ? (
        <article className="card">
          <h2>{t('results.year', { year: year.year })}</h2>
          <p>{t('results.publishedOn', { date: formatDate(year.publishedAt, lang) })}</p>
          <table>
            <thead>
              <tr>
                <th>{t('applicant.category')}</th>
                <th>{t('admin.level')}</th>
                <th>{t('application.organisation')}</th>
              </tr>
            </thead>
            <tbody>
              {year.rows.map((row) => (
                <tr key={row.id}>
                  <td>{lang === 'en' ? row.category_en : row.category_zh}</td>
                  <td>{lang === 'en' ? row.level_en : row.level_zh}</td>
                  <td>{row.organisation_name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      ) : null}
    </section>
  )
}
