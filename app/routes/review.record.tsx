import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { ExpertPerformanceCard } from '~/components/expert-performance'
import { useT } from '~/hooks/use-i18n'
import { currentPerformance } from '~/utils/expert-performance.server'
import { requireUser } from '~/utils/session.server'

/** The expert's own review record for this year (issue 23): the same figures the secretariat sees, theirs only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request, 'reviewer')
  const db = getDb()
  return json({
    performance: await currentPerformance(db, actor.userId),
  })
}

export default function ReviewRecord() {
  const { performance } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <section>
      <h1>{t('performance.link')}</h1>
      <p>
        <Link to="/review">{t('nav.assignments')}</Link>
      </p>
      {performance ? (
        <ExpertPerformanceCard record={performance.record} year={performance.year} rating={performance.rating} />
      ) : (
        <p>{t('review.none')}</p>
      )}
    </section>
  )
}
