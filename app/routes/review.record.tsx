import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDb } from '#db/client.server'
import { getCurrentCycle } from '#db/repositories/cycles'
import { ExpertPerformanceCard } from '~/components/expert-performance'
import { useT } from '~/hooks/use-i18n'
import { performanceOf } from '~/utils/expert-performance.server'
import { getExpertRating } from '#db/repositories/performance'
import { requireUser } from '~/utils/session.server'

/** The expert's own review record for this year (issue 23): the same figures the secretariat sees, theirs only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request, 'reviewer')
  const db = getDb()
  const cycle = await getCurrentCycle(db)
  return json({
    performance: cycle
      ? {
          year: cycle.year,
          record: await performanceOf(db, actor.userId, cycle),
          rating: (await getExpertRating(db, cycle.id, actor.userId)) ?? null,
        }
      : null,
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
