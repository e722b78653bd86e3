import { getDb } from '#db/client.server'
import { listAwardLevels, listCycleCategories } from '#db/repositories/cycles'
import { cycleRanking } from '#workflows/review/standings.server'
import { localName } from '~/i18n'
import { getLang, getTranslator } from './i18n.server'
import { requireCurrentCycle } from './current-cycle.server'

/** A cell of an export: text, or a number of points (hundredths, shown with two decimals). */
export type ExportCell = string | { points: number } | { count: number }

/**
 * The ranking as the committee's papers carry it, in the reader's language: category, rank, organisation, the
 * score (its column names the method), 4.7 and 4.1, sheets, status, decision, consensus flag, reason. The CSV and
 * the XLSX export are both made from this.
 */
export async function rankingTable(request: Request) {
  const db = getDb()
  const cycle = await requireCurrentCycle()
  const [lang, t] = await Promise.all([getLang(request), getTranslator(request)])
  const [categories, levels, ranking] = await Promise.all([listCycleCategories(db, cycle.id), listAwardLevels(db, cycle.id), cycleRanking(db, cycle.id)])
  const undecided = new Set(['scored', 'shortlisted', 'notShortlisted'])
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
        t(`status.${entry.status}`),
        undecided.has(entry.status) ? '' : level ? localName(level, lang) : t('admin.notAwarded'),
        entry.consensus === 'outsideThreshold' ? t('consensus.flagOutside') : entry.consensus === 'recorded' ? t('consensus.flagRecorded') : '',
        undecided.has(entry.status) ? '' : (entry.decisionReason ?? ''),
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
  return { year: cycle.year, header, rows, sheetName: t('admin.ranking') }
}
