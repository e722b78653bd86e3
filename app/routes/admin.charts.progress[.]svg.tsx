import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '#db/client.server'
import { beijingToday } from '#workflows/application/application.schema'
import { progressOf, progressSvg } from '~/utils/analytics.server'
import { svgResponse } from '~/utils/charts.server'
import { requireRequestedCycle } from '~/utils/current-cycle.server'
import { getTranslator } from '~/utils/i18n.server'
import { requireUser } from '~/utils/session.server'

/** Reviewers' progress this cycle as an SVG image (the analytics page has the table). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const cycle = await requireRequestedCycle(request)
  return svgResponse(
    await progressSvg(await progressOf(getDb(), cycle.id, beijingToday()), await getTranslator(request)),
  )
}
