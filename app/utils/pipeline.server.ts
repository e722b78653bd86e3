import type { DB } from '#db/client.server'
import { listCycleCategories } from '#db/repositories/cycles'
import { localName, type Lang } from '~/i18n'
import { type Pipeline, pipelineOf } from './charts.server'
import { type Counts, cycleCounts } from './cycle-counts.server'
import type { translator } from '~/i18n'

type Category = Awaited<ReturnType<typeof listCycleCategories>>[number]

/** The pipeline (applications per category and stage) from counts and categories already read, in the reader's language. */
export function pipelineFrom(
  counts: Counts,
  categories: readonly Category[],
  lang: Lang,
  t: ReturnType<typeof translator>,
): Pipeline {
  return pipelineOf(
    counts,
    categories.map((c) => ({ code: c.code, name: localName(c, lang) })),
    (key) => t(`chart.stage.${key}`),
    t('chart.noCategory'),
  )
}

/** The cycle's pipeline (applications per category and stage) in the reader's language. */
export async function cyclePipeline(
  db: DB,
  cycleId: number,
  lang: Lang,
  t: ReturnType<typeof translator>,
): Promise<Pipeline> {
  const [counts, categories] = await Promise.all([cycleCounts(db, cycleId), listCycleCategories(db, cycleId)])
  return pipelineFrom(counts, categories, lang, t)
}
