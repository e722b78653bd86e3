import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '#db/client.server'
import { leniencyOf, leniencySvg } from '~/utils/analytics.server'
import { svgResponse } from '~/utils/charts.server'
import { requireRequestedCycle } from '~/utils/current-cycle.server'
import { getTranslator } from '~/utils/i18n.server'
import { requireUser } from '~/utils/session.server'

/** Each reviewer's mean total against the cycle's, as an SVG image (the analytics page has the table). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const cycle = await requireRequestedCycle(request)
  return svgResponse(await leniencySvg(await leniencyOf(getDb(), cycle.id), await getTranslator(request)))
}
