import { carriesDecision } from '#workflows/application/application.queries'
import { listConsensusFlags, listConsensusScores, listConsensusTotals } from '#db/repositories/consensus'
import type { Executor } from '#db/repositories/types'
import type { Cycle } from '#db/schema'
import { findCycleOfApplication, listRankingRows } from '#db/repositories/applications'
import { cycleGeneration, type StoredStanding, storeStandings } from '#db/repositories/standings'
import { getCycle } from '#db/repositories/cycles'
import { listSubmittedScores, listSubmittedSheetTotals } from '#db/repositories/review'
import { groupBy } from '../group-by'
import { type RankedEntry, rankCategory } from './ranking'
import {
  type Aggregation,
  aggregate,
  defaultStageWeights,
  type Hundredths,
  normaliseByReviewer,
  pointsOf,
} from './scoring'
import { listRecordedSiteVisitScores, listSubmittedDefenceScores } from '#db/repositories/stages'
import {
  cycleWeights,
  defencePointsByApplication,
  documentPoints,
  type FinalTerms,
  finalTerms,
  siteVisitPointsByApplication,
} from '../stages/stage-scores'
import { currentRehearsal } from '#db/scope'

type ScoreRow = Awaited<ReturnType<typeof listSubmittedScores>>[number]

interface SheetSummary {
  sheetId: number
  applicationId: number
  reviewerId: number
  total: Hundredths
  results: Hundredths
  leadership: Hundredths
}

/** Sheets totalled from their item rows: only for the independent recomputation below. */
function summariseSheets(rows: readonly ScoreRow[]): SheetSummary[] {
  return [...groupBy(rows, (row) => row.sheet_id).values()].map((items) => {
    const first = items[0]!
    return {
      sheetId: first.sheet_id,
      applicationId: first.application_id,
      reviewerId: first.reviewer_id,
      ...pointsOf(items),
    }
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
 * Standings from sheet points: the cycle's aggregate of each application's sheets (normalised per reviewer if the
 * cycle says so; normalisation needs every reviewer's sheets across the cycle), or its consensus where one stands.
 * Tie-breakers (4.7, 4.1) stay raw: the per-reviewer rescaling is defined on totals only.
 */
function standingsFrom(
  sheets: readonly SheetSummary[],
  consensus: ReadonlyMap<number, { total: Hundredths; results: Hundredths; leadership: Hundredths }>,
  method: Aggregation,
  normalise: boolean,
): Map<number, Standing> {
  const totals = normalise ? normaliseByReviewer(sheets) : new Map(sheets.map((s) => [s.sheetId, s.total]))
  const standings = new Map<number, Standing>()
  for (const [applicationId, own] of groupBy(sheets, (sheet) => sheet.applicationId)) {
    const agreed = consensus.get(applicationId)
    if (agreed) {
      // The consensus is one agreed sheet: it replaces the aggregate, and the independent totals stay beside it.
      standings.set(applicationId, {
        sheetTotals: own.map((s) => s.total),
        consensus: agreed.total,
        score: agreed.total,
        results: agreed.results,
        leadership: agreed.leadership,
      })
      continue
    }
    standings.set(applicationId, {
      sheetTotals: own.map((s) => s.total),
      consensus: null,
      score: aggregate(
        method,
        own.map((s) => totals.get(s.sheetId)!),
      ),
      results: aggregate(
        method,
        own.map((s) => s.results),
      ),
      leadership: aggregate(
        method,
        own.map((s) => s.leadership),
      ),
    })
  }
  return standings
}

/** Stored points as the scoring module takes them (a submitted sheet always has them). */
function pointsOfRow(row: { total: number | null; results: number | null; leadership: number | null }) {
  return { total: row.total ?? 0, results: row.results ?? 0, leadership: row.leadership ?? 0 }
}

function sheetOf(row: {
  sheet_id: number
  application_id: number
  reviewer_id: number
  total: number | null
  results: number | null
  leadership: number | null
}): SheetSummary {
  return { sheetId: row.sheet_id, applicationId: row.application_id, reviewerId: row.reviewer_id, ...pointsOfRow(row) }
}

/**
 * Every application's standing in a cycle, from the points each sheet and consensus round stored when it was
 * written: one row per sheet (50,000 at 10,000 applications), never the item rows (1.15 million).
 */
export async function cycleStandings(db: Executor, cycleId: number): Promise<Map<number, Standing>> {
  const [cycle, sheetRows, consensusRows] = await Promise.all([
    getCycle(db, cycleId),
    listSubmittedSheetTotals(db, { cycleId }),
    listConsensusTotals(db, { cycleId }),
  ])
  const sheets = sheetRows.map(sheetOf)
  const consensus = new Map(consensusRows.map((r) => [r.application_id, pointsOfRow(r)]))
  return standingsFrom(sheets, consensus, cycle?.aggregation ?? 'mean', Boolean(cycle?.normalise_reviewers))
}

/**
 * The same standings recomputed from the raw item rows, independently of the stored points: for checks (a test
 * compares the two on generated data), never for a page.
 */
export async function recomputedCycleStandings(db: Executor, cycleId: number): Promise<Map<number, Standing>> {
  const cycle = await getCycle(db, cycleId)
  const sheets = summariseSheets(await listSubmittedScores(db, { cycleId }))
  const consensus = new Map(
    [...groupBy(await listConsensusScores(db, { cycleId }), (row) => row.application_id)].map(([id, rows]) => [
      id,
      pointsOf(rows),
    ]),
  )
  return standingsFrom(sheets, consensus, cycle?.aggregation ?? 'mean', Boolean(cycle?.normalise_reviewers))
}

const noSheets: Standing = { sheetTotals: [], consensus: null, score: null, results: null, leadership: null }

/**
 * One application's standing. Without normalisation it depends on its own sheets only (a few rows); with it,
 * on every reviewer's sheets of the cycle, so the whole cycle's sheet points are read.
 */
export async function applicationStandings(
  db: Executor,
  applicationId: number,
  /** The application's cycle, when the caller has it already read: not read again. */
  known?: Cycle,
): Promise<Standing> {
  const cycle = known ?? (await cycleOfApplication(db, applicationId))
  if (!cycle) return noSheets
  if (cycle.normalise_reviewers) return (await cycleStandings(db, cycle.id)).get(applicationId) ?? noSheets
  const [sheetRows, consensusRows] = await Promise.all([
    listSubmittedSheetTotals(db, { applicationId }),
    listConsensusTotals(db, { applicationId }),
  ])
  const sheets = sheetRows.map(sheetOf)
  const consensus = new Map(consensusRows.map((r) => [r.application_id, pointsOfRow(r)]))
  return standingsFrom(sheets, consensus, cycle.aggregation, false).get(applicationId) ?? noSheets
}

async function cycleOfApplication(db: Executor, applicationId: number): Promise<Cycle | undefined> {
  const cycleId = await findCycleOfApplication(db, applicationId)
  return cycleId === undefined ? undefined : getCycle(db, cycleId)
}

/** A standing as stored for the ranking. */
function stored(applicationId: number, standing: Standing): StoredStanding {
  return {
    applicationId,
    score: standing.score,
    results: standing.results,
    leadership: standing.leadership,
    sheets: standing.sheetTotals.length,
    consensus: standing.consensus,
  }
}

/** Recomputes and stores every application's standing in a cycle (after a setting that changes them all). */
export async function refreshCycleStandings(trx: Executor, cycleId: number): Promise<void> {
  const standings = await cycleStandings(trx, cycleId)
  await storeStandings(
    trx,
    cycleId,
    [...standings].map(([id, standing]) => stored(id, standing)),
  )
}

/**
 * Stores the standing of an application whose sheets or consensus just changed, in the caller's transaction. With
 * per-reviewer normalisation one sheet moves every application of the cycle, so then the whole cycle is stored.
 */
export async function refreshStanding(trx: Executor, application: { id: number; cycle_id: number }): Promise<void> {
  const cycle = await getCycle(trx, application.cycle_id)
  if (cycle?.normalise_reviewers) return refreshCycleStandings(trx, application.cycle_id)
  await storeStandings(trx, application.cycle_id, [
    stored(application.id, await applicationStandings(trx, application.id)),
  ])
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
  'scored',
  'shortlisted',
  'notShortlisted',
  'defenceScheduled',
  'defenceScored',
  'siteVisitScheduled',
  'siteVisitScored',
  'decided',
  'publicNotice',
  'approved',
  'published',
])

/**
 * Per category, the applications whose document review is complete, ranked. Where an application has all three
 * scores (document review, defence, site visit), the cycle's weighted final score ranks it, ahead of those ranked
 * on document review alone (the applications that did not go on, or have not finished the second half yet).
 */
/**
 * The last ranking computed per cycle and category, with the generation of the data it was computed from. A view
 * of the ranking page (or a decision) whose generation is unchanged reuses it instead of ranking 10,000
 * applications again; any write that moves a rank moves the cycle's generation (see cycleGeneration).
 */
const rankingCache = new Map<string, { generation: number; ranking: Map<string, RankedApplication[]> }>()

export async function cycleRanking(
  db: Executor,
  cycleId: number,
  categoryCode?: string,
  options: RankingOptions = {},
): Promise<Map<string, RankedApplication[]>> {
  // Kept apart per rehearsal (decision record 0035): a copy's cycle has the award's id.
  const key = `${currentRehearsal()?.rehearsalId ?? 'award'}/${cycleId}/${categoryCode ?? '*'}${options.names === false ? '/unnamed' : ''}`
  const generation = await cycleGeneration(db, cycleId)
  const cached = rankingCache.get(key)
  if (cached && cached.generation === generation) return cached.ranking
  const ranking = await computeRanking(db, cycleId, categoryCode, options)
  rankingCache.set(key, { generation, ranking })
  return ranking
}

/** How many entries of each category carry a decision: counted once per ranking object (kept per generation). */
const decidedCounts = new WeakMap<Map<string, RankedApplication[]>, Map<string, number>>()

export function decidedPerCategory(ranking: Map<string, RankedApplication[]>): Map<string, number> {
  let counts = decidedCounts.get(ranking)
  if (!counts) {
    counts = new Map(
      [...ranking].map(([code, entries]) => [code, entries.filter((entry) => carriesDecision(entry.status)).length]),
    )
    decidedCounts.set(ranking, counts)
  }
  return counts
}

export interface RankingOptions {
  /** The cycle's row, when the caller has read it already in its transaction: not read again. */
  cycle?: Cycle
  /**
   * false: the entries without their organisations' names (''), for a rule that compares places only (a decision's
   * departure from the ranking): its transaction then never reads the organisations, which it does not need, and
   * which a registration or a profile change writing meanwhile would otherwise put in conflict with it.
   */
  names?: boolean
}

/** The ranking computed from the database, never from the cache (`cycleRanking` is what pages and rules use). */
export async function computeRanking(
  db: Executor,
  cycleId: number,
  categoryCode?: string,
  options: RankingOptions = {},
): Promise<Map<string, RankedApplication[]>> {
  const [applications, consensusFlags, cycle, defenceRows, visitRows] = await Promise.all([
    listRankingRows(db, cycleId, [...rankedStatuses], { categoryCode, names: options.names ?? true }),
    listConsensusFlags(db, cycleId),
    options.cycle?.id === cycleId ? options.cycle : getCycle(db, cycleId),
    listSubmittedDefenceScores(db, { cycleId }),
    listRecordedSiteVisitScores(db, { cycleId }),
  ])
  const standings = new Map(applications.map((r) => [r.id, r]))
  const weights = cycle ? cycleWeights(cycle) : defaultStageWeights
  const defence = defencePointsByApplication(defenceRows)
  const siteVisit = siteVisitPointsByApplication(visitRows)
  const rankable = applications.filter((a) => rankedStatuses.has(a.status) && a.category_code)
  // Final terms only where a defence score exists (the second half); computed once per application.
  const terms = new Map<number, FinalTerms | null>()
  for (const a of rankable)
    if (defence.has(a.id))
      terms.set(
        a.id,
        finalTerms(documentPoints(standings.get(a.id)), defence.get(a.id)!, siteVisit.get(a.id) ?? null, weights),
      )
  const termsOf = (id: number) => terms.get(id) ?? null
  const byCategory = groupBy(rankable, (a) => a.category_code!)
  const ranked = new Map<string, RankedApplication[]>()
  for (const [category, entries] of byCategory) {
    const byId = new Map(entries.map((a) => [a.id, a]))
    const order = rankCategory(
      entries.map((a) => {
        const final = termsOf(a.id)?.final
        if (final)
          return {
            applicationId: a.id,
            tier: 1,
            total: final.total,
            results: final.results,
            leadership: final.leadership,
          }
        const s = standings.get(a.id)
        return {
          applicationId: a.id,
          tier: 0,
          total: s?.score ?? 0,
          results: s?.results ?? 0,
          leadership: s?.leadership ?? 0,
        }
      }),
    )
    ranked.set(
      category,
      order.map((entry) => {
        const application = byId.get(entry.applicationId)!
        // Spelled out rather than spread (`...entry`): 8,000 entries at 10,000 applications.
        return {
          applicationId: entry.applicationId,
          tier: entry.tier,
          total: entry.total,
          results: entry.results,
          leadership: entry.leadership,
          rank: entry.rank,
          organisationName: application.organisation_name,
          status: application.status,
          version: application.version,
          awardType: application.award_type,
          sheets: standings.get(entry.applicationId)?.sheets ?? 0,
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
