import { listConsensusFlags, listConsensusScores } from '#db/repositories/consensus'
import type { Executor } from '#db/repositories/types'
import { findCycleOfApplication, listApplicationsOfCycle } from '#db/repositories/applications'
import { getCycle } from '#db/repositories/cycles'
import { listSubmittedScores } from '#db/repositories/review'
import { groupBy } from '../group-by'
import { type RankedEntry, rankCategory } from './ranking'
import { type Aggregation, aggregate, categoryTotals, type Hundredths, normaliseByReviewer, sheetTotal } from './scoring'

/** The leadership and results categories used to break ties (GB/T 19580 codes). */
const leadershipCode = '4.1'
const resultsCode = '4.7'

type ScoreRow = Awaited<ReturnType<typeof listSubmittedScores>>[number]

interface SheetSummary {
  sheetId: number
  applicationId: number
  reviewerId: number
  total: Hundredths
  results: Hundredths
  leadership: Hundredths
}

/** Total and tie-breaker points of one sheet (independent or consensus) from its item rows. */
function pointsOf(items: ReadonlyArray<{ category_code: string; max_points: number; percentage: number }>) {
  const scored = items.map((r) => ({ categoryCode: r.category_code, maxPoints: r.max_points, percentage: r.percentage }))
  const categories = categoryTotals(scored)
  return { total: sheetTotal(scored), results: categories.get(resultsCode) ?? 0, leadership: categories.get(leadershipCode) ?? 0 }
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
  sheets: number
  /** The committee's level, once decided (null before the decision and for "not awarded"). */
  decisionLevelId: number | null
  /** The committee's reason, where it gave one (required where the decision departs from the ranking). */
  decisionReason: string | null
  /** Whether a consensus sheet stands for the application, and whether it was recorded outside the threshold. */
  consensus: 'none' | 'recorded' | 'outsideThreshold'
}

function consensusFlagOf(flag: { outsideThreshold: boolean } | undefined): RankedApplication['consensus'] {
  return flag === undefined ? 'none' : flag.outsideThreshold ? 'outsideThreshold' : 'recorded'
}

/** Per category, the applications whose document review is complete, ranked by the cycle's combined score. */
export async function cycleRanking(db: Executor, cycleId: number): Promise<Map<string, RankedApplication[]>> {
  const [applications, standings, consensusFlags] = await Promise.all([listApplicationsOfCycle(db, cycleId), cycleStandings(db, cycleId), listConsensusFlags(db, cycleId)])
  const rankable = applications.filter((a) => ['scored', 'shortlisted', 'notShortlisted', 'decided', 'publicNotice', 'approved', 'published'].includes(a.status) && a.category_code)
  const byCategory = groupBy(rankable, (a) => a.category_code!)
  const ranked = new Map<string, RankedApplication[]>()
  for (const [category, entries] of byCategory) {
    const order = rankCategory(
      entries.map((a) => {
        const s = standings.get(a.id) ?? noSheets
        return { applicationId: a.id, total: s.score ?? 0, results: s.results ?? 0, leadership: s.leadership ?? 0 }
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
          sheets: (standings.get(entry.applicationId) ?? noSheets).sheetTotals.length,
          decisionLevelId: application.decision_level_id,
          decisionReason: application.decision_reason,
          consensus: consensusFlagOf(consensusFlags.get(entry.applicationId)),
        }
      }),
    )
  }
  return ranked
}
