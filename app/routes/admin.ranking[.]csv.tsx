import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '#db/client.server'
import { getCurrentCycle, listAwardLevels, listCycleCategories } from '#db/repositories/cycles'
import { formatPoints } from '#workflows/review/scoring'
import { cycleRanking } from '#workflows/review/standings.server'
import { localName } from '~/i18n'
import { toCsv } from '~/utils/csv.server'
import { httpError } from '~/utils/http.server'
import { getLang, getTranslator } from '~/utils/i18n.server'
import { requireUser } from '~/utils/session.server'

/** The ranking as a spreadsheet for the committee's meeting papers (toCsv: BOM first, no live formulas). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, 'admin')
  const db = getDb()
  const cycle = await getCurrentCycle(db)
  if (!cycle) throw httpError(404, 'home.noCycle')
  const [lang, t] = await Promise.all([getLang(request), getTranslator(request)])
  const [categories, levels, ranking] = await Promise.all([
    listCycleCategories(db, cycle.id),
    listAwardLevels(db, cycle.id),
    cycleRanking(db, cycle.id),
  ])
  const rows: string[][] = []
  for (const category of categories) {
    for (const entry of ranking.get(category.code) ?? []) {
      const level = levels.find((l) => l.id === entry.decisionLevelId)
      rows.push([
        localName(category, lang),
        String(entry.rank),
        entry.organisationName,
        formatPoints(entry.total),
        formatPoints(entry.results),
        formatPoints(entry.leadership),
        String(entry.sheets),
        t(`status.${entry.status}`),
        entry.status === 'scored' ? '' : level ? localName(level, lang) : t('admin.notAwarded'),
        entry.consensus === 'outsideThreshold' ? t('consensus.flagOutside') : entry.consensus === 'recorded' ? t('consensus.flagRecorded') : '',
        entry.status === 'scored' ? '' : (entry.decisionReason ?? ''),
      ])
    }
  }
  const header = [
    t('applicant.category'), t('admin.rank'), t('application.organisation'),
    // The score's column names how it was computed, so a printed sheet carries its method.
    t('admin.scoreColumn', {
      method: `${t(`aggregation.${cycle.aggregation}` as 'aggregation.mean')}${cycle.normalise_reviewers ? `${lang === 'en' ? ', ' : '，'}${t('ranking.normalisedShort')}` : ''}`,
    }),
    '4.7', '4.1',
    t('admin.sheets'), t('applicant.status'), t('admin.decision'), t('admin.consensusColumn'), t('admin.reasonColumn'),
  ]
  const csv = toCsv([header, ...rows])
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="ranking-${cycle.year}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
