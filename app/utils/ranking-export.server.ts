import { getDb } from '#db/client.server'
import { listAwardLevels, listCycleCategories } from '#db/repositories/cycles'
import { cycleRanking } from '#workflows/review/standings.server'
import { localName, keyOf } from '~/i18n'
import { carriesDecision } from '#workflows/application/application.queries'
import { cycleWeights, weightsText } from '#workflows/stages/stage-scores'
import { getLang, getTranslator } from './i18n.server'
import { requireRequestedCycle } from './current-cycle.server'

/** A cell of an export: text, or a number of points (hundredths, shown with two decimals). */
export type ExportCell = string | { points: number } | { count: number }

/**
 * The ranking as the committee's papers carry it, in the reader's language: category, rank, organisation, the
 * score (its column names the method), 4.7 and 4.1, sheets, status, decision, consensus flag, reason. The CSV and
 * the XLSX export are both made from this.
 */
export async function rankingTable(request: Request) {
  const db = getDb()
  const cycle = await requireRequestedCycle(request)
  const [lang, t] = await Promise.all([getLang(request), getTranslator(request)])
  const [categories, levels, ranking] = await Promise.all([
    listCycleCategories(db, cycle.id),
    listAwardLevels(db, cycle.id),
    cycleRanking(db, cycle.id),
  ])
  // The second half's terms, in a cycle that has it: each stage's score, the weights, the final score.
  const secondHalf = cycle.shortlist_size !== null
  const weights = weightsText(cycleWeights(cycle))
  const rows: ExportCell[][] = []
  for (const category of categories) {
    for (const entry of ranking.get(category.code) ?? []) {
      const level = levels.find((l) => l.id === entry.decisionLevelId)
      rows.push([
        localName(category, lang),
        { count: entry.rank },
        entry.organisationName,
        { points: entry.total },
        { points: entry.results },
        { points: entry.leadership },
        { count: entry.sheets },
        ...(secondHalf
          ? [
              entry.terms ? { points: entry.terms.document.total } : '',
              entry.terms ? { points: entry.terms.defence.total } : '',
              entry.terms ? { points: entry.terms.siteVisit.total } : '',
              weights,
              entry.terms ? { points: entry.terms.final.total } : '',
            ]
          : []),
        t(keyOf(`status.${entry.status}`)),
        carriesDecision(entry.status) ? (level ? localName(level, lang) : t('admin.notAwarded')) : '',
        entry.consensus === 'outsideThreshold'
          ? t('consensus.flagOutside')
          : entry.consensus === 'recorded'
            ? t('consensus.flagRecorded')
            : '',
        carriesDecision(entry.status) ? (entry.decisionReason ?? '') : '',
      ] satisfies ExportCell[])
    }
  }
  const header = [
    t('applicant.category'),
    t('admin.rank'),
    t('application.organisation'),
    // The score's column names how it was computed, so a printed sheet carries its method.
    t('admin.scoreColumn', {
      method: `${t(`aggregation.${cycle.aggregation}` as 'aggregation.mean')}${cycle.normalise_reviewers ? `${lang === 'en' ? ', ' : '，'}${t('ranking.normalisedShort')}` : ''}`,
    }),
    '4.7',
    '4.1',
    t('admin.sheets'),
    ...(secondHalf
      ? [t('final.document'), t('final.defence'), t('final.siteVisit'), t('final.weightsColumn'), t('final.final')]
      : []),
    t('applicant.status'),
    t('admin.decision'),
    t('admin.consensusColumn'),
    t('admin.reasonColumn'),
  ]
  return { year: cycle.year, header, rows, sheetName: t('admin.ranking') }
}
