import { listConsensusFlags, listConsensusScores } from '#db/repositories/consensus'
import type { Executor } from '#db/repositories/types'
import { findCycleOfApplication, listApplicationsOfCycle } from '#db/repositories/applications'
import { getCycle } from '#db/repositories/cycles'
import { listSubmittedScores } from '#db/repositories/review'
import { groupBy } from '../group-by'
import { type RankedEntry, rankCategory } from './ranking'
import { type Aggregation, aggregate, type Hundredths, normaliseByReviewer } from './scoring'
import { listRecordedSiteVisitScores, listSubmittedDefenceScores } from '#db/repositories/stages'
import { defencePointsByApplication, type FinalTerms, finalTerms, pointsOf, siteVisitPointsByApplication, type StagePoints } from '../stages/stage-scores'

type ScoreRow = Awaited<ReturnType<typeof listSubmittedScores>>[number]

interface SheetSummary {
  sheetId: number
  applicationId: number
  reviewerId: number
  total: Hundredths
  results: Hundredths
  leadership: Hundredths
}

function summariseSheets(rows: readonly ScoreRow[]): SheetSummary[] {
  return [...groupBy(rows, (row) => row.sheet_id).values()].map((items) => {
    const first = items[0]!
    return { sheetId: first.sheet_id, applicationId: first.application_id, reviewerId: first.reviewer_id, ...pointsOf(items) }
  })
}

export interface Standing {
  sheetTotals: Hundredths[]
  /** The consensus total where the panel recorded one; it then stands for the application. */
  consensus: Hundredths | null
  /** The cycle's aggregate of the sheet totals (mean, median or trimmed mean, normalised if the cycle says so). */
  score: Hundredths | null
  results: Hundredths | null
  leadership: Hundredths | null
}

/**
 * Every application's standing in a cycle. Normalisation needs every reviewer's sheets across the cycle, so
 * standings are always computed for the whole cycle from one query. Tie-breakers (4.7, 4.1) stay raw: the
 * per-reviewer rescaling is defined on totals only.
 */
export async function cycleStandings(db: Executor, cycleId: number): Promise<Map<number, Standing>> {
  const cycle = await getCycle(db, cycleId)
  const method: Aggregation = cycle?.aggregation ?? 'mean'
  const sheets = summariseSheets(await listSubmittedScores(db, { cycleId }))
  const totals = cycle?.normalise_reviewers ? normaliseByReviewer(sheets) : new Map(sheets.map((s) => [s.sheetId, s.total]))
  const consensusByApplication = groupBy(await listConsensusScores(db, { cycleId }), (row) => row.application_id)
  const standings = new Map<number, Standing>()
  for (const [applicationId, own] of groupBy(sheets, (sheet) => sheet.applicationId)) {
    const agreed = consensusByApplication.get(applicationId)
    if (agreed) {
      // The consensus is one agreed sheet: it replaces the aggregate, and the independent totals stay beside it.
      const consensus = pointsOf(agreed)
      standings.set(applicationId, {
        sheetTotals: own.map((s) => s.total),
        consensus: consensus.total,
        score: consensus.total,
        results: consensus.results,
        leadership: consensus.leadership,
      })
      continue
    }
    standings.set(applicationId, {
      sheetTotals: own.map((s) => s.total),
      consensus: null,
      score: aggregate(method, own.map((s) => totals.get(s.sheetId)!)),
      results: aggregate(method, own.map((s) => s.results)),
      leadership: aggregate(method, own.map((s) => s.leadership)),
    })
  }
  return standings
}

const noSheets: Standing = { sheetTotals: [], consensus: null, score: null, results: null, leadership: null }

export async function applicationStandings(db: Executor, applicationId: number): Promise<Standing> {
  const cycleId = await findCycleOfApplication(db, applicationId)
  if (cycleId === undefined) return noSheets
  return (await cycleStandings(db, cycleId)).get(applicationId) ?? noSheets
}

export interface RankedApplication extends RankedEntry {
  organisationName: string
  status: string
  version: number
  /** organisation or project entry (null before the applicant chose). */
  awardType: string | null
  sheets: number
  /** The committee's level, once decided (null before the decision and for "not awarded"). */
  decisionLevelId: number | null
  /** The committee's reason, where it gave one (required where the decision departs from the ranking). */
  decisionReason: string | null
  /** Whether a consensus sheet stands for the application, and whether it was recorded outside the threshold. */
  consensus: 'none' | 'recorded' | 'outsideThreshold'
  /** After defence and site visit: the three stages' scores, the weights' result, term by term; null before. */
  terms: FinalTerms | null
}

function consensusFlagOf(flag: { outsideThreshold: boolean } | undefined): RankedApplication['consensus'] {
  return flag === undefined ? 'none' : flag.outsideThreshold ? 'outsideThreshold' : 'recorded'
}

/** Statuses after document review: the application has a place in its category's ranking. */
const rankedStatuses: ReadonlySet<string> = new Set([
  'scored', 'shortlisted', 'notShortlisted', 'defenceScheduled', 'defenceScored', 'siteVisitScheduled', 'siteVisitScored', 'decided', 'publicNotice', 'approved', 'published',
])

/** The document-review points of a standing, for the final score's first term. */
function documentPoints(standing: Standing): StagePoints | null {
  return standing.score === null ? null : { total: standing.score, results: standing.results ?? 0, leadership: standing.leadership ?? 0 }
}

/**
 * Per category, the applications whose document review is complete, ranked. Where an application has all three
 * scores (document review, defence, site visit), the cycle's weighted final score ranks it, ahead of those ranked
 * on document review alone (the applications that did not go on, or have not finished the second half yet).
 */
export async function cycleRanking(db: Executor, cycleId: number): Promise<Map<string, RankedApplication[]>> {
  const [applications, standings, consensusFlags, cycle, defenceRows, visitRows] = await Promise.all([
    listApplicationsOfCycle(db, cycleId),
    cycleStandings(db, cycleId),
    listConsensusFlags(db, cycleId),
    getCycle(db, cycleId),
    listSubmittedDefenceScores(db, { cycleId }),
    listRecordedSiteVisitScores(db, { cycleId }),
  ])
  const weights = { document: cycle?.weight_document ?? 40, defence: cycle?.weight_defence ?? 20, siteVisit: cycle?.weight_site_visit ?? 40 }
  const defence = defencePointsByApplication(defenceRows)
  const siteVisit = siteVisitPointsByApplication(visitRows)
  const termsOf = (id: number) => finalTerms(documentPoints(standings.get(id) ?? noSheets), defence.get(id) ?? null, siteVisit.get(id) ?? null, weights)
  const rankable = applications.filter((a) => rankedStatuses.has(a.status) && a.category_code)
  const byCategory = groupBy(rankable, (a) => a.category_code!)
  const ranked = new Map<string, RankedApplication[]>()
  for (const [category, entries] of byCategory) {
    const order = rankCategory(
      entries.map((a) => {
        const s = standings.get(a.id) ?? noSheets
        const final = termsOf(a.id)?.final
        if (final) return { applicationId: a.id, tier: 1, ...final }
        return { applicationId: a.id, tier: 0, total: s.score ?? 0, results: s.results ?? 0, leadership: s.leadership ?? 0 }
      }),
    )
    ranked.set(
      category,
      order.map((entry) => {
        const application = entries.find((a) => a.id === entry.applicationId)!
        return {
          ...entry,
          organisationName: application.organisation_name,
          status: application.status,
          version: application.version,
          awardType: application.award_type,
          sheets: (standings.get(entry.applicationId) ?? noSheets).sheetTotals.length,
          decisionLevelId: application.decision_level_id,
          decisionReason: application.decision_reason,
          consensus: consensusFlagOf(consensusFlags.get(entry.applicationId)),
          terms: termsOf(entry.applicationId),
        }
      }),
    )
  }
  return ranked
}
