import type { DB } from '#db/client.server'
import { listCycleCategories } from '#db/repositories/cycles'
import { localName, type Lang } from '~/i18n'
import { type Pipeline, pipelineOf } from './charts.server'
import { cycleCounts } from './cycle-counts.server'
import type { translator } from '~/i18n'

/** The cycle's pipeline (applications per category and stage) in the reader's language. */
export async function cyclePipeline(
  db: DB,
  cycleId: number,
  lang: Lang,
  t: ReturnType<typeof translator>,
): Promise<Pipeline> {
  const [counts, categories] = await Promise.all([cycleCounts(db, cycleId), listCycleCategories(db, cycleId)])
  return pipelineOf(
    counts,
    categories.map((c) => ({ code: c.code, name: localName(c, lang) })),
    (key) => t(`chart.stage.${key}`),
    t('chart.noCategory'),
  )
}
