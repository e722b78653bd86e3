import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { listPublishedWinners } from '#db/repositories/cycles'
import { groupBy } from '#workflows/group-by'
import { useLang, useT } from '~/hooks/use-i18n'
import { formatDate } from '~/utils/format'

/** Public: winners of published cycles only, by year, category and level. */
export async function loader() {
  const winners = await listPublishedWinners(getDb())
  const years = [...groupBy(winners, (winner) => winner.year)].map(([year, rows]) => ({
    year,
    publishedAt: rows[0]!.results_published_at!,
    rows,
  }))
  return json({ years })
}

export default function Results() {
  const { years } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  return (
    <section>
      <h1>{t('results.heading')}</h1>
      {years.length === 0 ? <p>{t('results.none')}</p> : null}
      {years.map((year) => (
        <article key={year.year} className="card">
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
      ))}
    </section>
  )
}
