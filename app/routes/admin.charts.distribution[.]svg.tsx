import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '#db/client.server'
import { distributionOf, distributionSvg } from '~/utils/analytics.server'
import { svgResponse } from '~/utils/charts.server'
import { requireRequestedCycle } from '~/utils/current-cycle.server'
import { getLang, getTranslator } from '~/utils/i18n.server'
import { requireUser } from '~/utils/session.server'

/** Document scores per 50-point band and category, as an SVG image (the analytics page has the table). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const cycle = await requireRequestedCycle(request)
  const [lang, t] = await Promise.all([getLang(request), getTranslator(request)])
  return svgResponse(await distributionSvg(await distributionOf(getDb(), cycle.id, lang, t('chart.noCategory')), t))
}
