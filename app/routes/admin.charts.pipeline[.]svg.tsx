import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '#db/client.server'
import { pipelineSvg, svgResponse } from '~/utils/charts.server'
import { requireRequestedCycle } from '~/utils/current-cycle.server'
import { getLang, getTranslator } from '~/utils/i18n.server'
import { cyclePipeline } from '~/utils/pipeline.server'
import { requireUser } from '~/utils/session.server'

/** The desk's pipeline chart as an SVG image (the desk shows the same figures in a table beside it). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const cycle = await requireRequestedCycle(request)
  const [lang, t] = await Promise.all([getLang(request), getTranslator(request)])
  return svgResponse(await pipelineSvg(await cyclePipeline(getDb(), cycle.id, lang, t)))
}
