import { json } from '@remix-run/node'
import { publicPage } from '~/utils/public-page'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { getCurrentCycle } from '#db/repositories/cycles'
import { intakeOpen } from '#workflows/cycle/intake'
import { useLang, useRootData, useT } from '~/hooks/use-i18n'
import { localName } from '~/i18n'
import { formatDateTime } from '~/utils/format'
import { awardNow } from '#workflows/time'

export const handle = publicPage

export async function loader() {
  const cycle = await getCurrentCycle(getDb())
  return json({
    cycle: cycle
      ? {
          year: cycle.year,
          name_zh: cycle.name_zh,
          name_en: cycle.name_en,
          deadline: cycle.submission_deadline,
          published: cycle.results_published_at,
          // Applications are invited only while intake is open, not through the notice and publication.
          intakeOpen: intakeOpen(cycle, awardNow().toISOString()),
        }
      : null,
  })
}

export default function Home() {
  const { cycle } = useLoaderData<typeof loader>()
  const { user } = useRootData()
  const t = useT()
  const lang = useLang()
  return (
    <section className="home">
      <h1>{t('home.heading')}</h1>
      <p>{t('home.intro')}</p>
      {cycle ? (
        <div className="card">
          <h2>{localName(cycle, lang)}</h2>
          <p>
            {cycle.intakeOpen
              ? t('home.deadline', { date: formatDateTime(cycle.deadline, lang) })
              : t('home.intakeClosed')}
          </p>
          <p>{t('home.stages')}</p>
          {!user && cycle.intakeOpen ? (
            <Link className="button" to="/register">
              {t('home.applyNow')}
            </Link>
          ) : null}
          {cycle.published ? <Link to="/results">{t('nav.results')}</Link> : null}
        </div>
      ) : (
        <p>{t('home.noCycle')}</p>
      )}
    </section>
  )
}
