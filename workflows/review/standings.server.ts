import type { DB } from '#db/client.server'
import { listApplicationsOfCycle } from '#db/repositories/applications'
import { listSubmittedScores } from '#db/repositories/review'
import { type RankedEntry, rankCategory } from './ranking'
import { type Aggregation, aggregate, categoryTotals, type Hundredths, sheetTotal } from './scoring'
import { getCycle } from '#db/repositories/cycles'

/** The leadership and results categories used to break ties (GB/T 19580 codes). */
const leadershipCode = '4.1'
const resultsCode = '4.7'

interface ScoreRow {
  sheet_id: number
  percentage: number
  max_points: number
  category_code: string
}

function bySheet(rows: readonly ScoreRow[]) {
  const sheets = new Map<number, ScoreRow[]>()
  for (const row of rows) sheets.set(row.sheet_id, [...(sheets.get(row.sheet_id) ?? []), row])
  return [...sheets.values()].map((items) => {
    const scored = items.map((r) => ({ categoryCode: r.category_code, maxPoints: r.max_points, percentage: r.percentage }))
    const categories = categoryTotals(scored)
    return { total: sheetTotal(scored), results: categories.get(resultsCode) ?? 0, leadership: categories.get(leadershipCode) ?? 0 }
  })
}

export interface Standing {
  sheetTotals: Hundredths[]
  /** The cycle's aggregate of the sheet totals (mean, median or trimmed mean). */
  score: Hundredths | null
  results: Hundredths | null
  leadership: Hundredths | null
}

/** Totals and tie-breakers aggregated the same way, so a tie is broken on the same footing as the total. */
function standingOf(rows: readonly ScoreRow[], method: Aggregation): Standing {
  const sheets = bySheet(rows)
  return {
    sheetTotals: sheets.map((s) => s.total),
    score: aggregate(method, sheets.map((s) => s.total)),
    results: aggregate(method, sheets.map((s) => s.results)),
    leadership: aggregate(method, sheets.map((s) => s.leadership)),
  }
}

async function aggregationOfCycle(db: DB, cycleId: number): Promise<Aggregation> {
  return (await getCycle(db, cycleId))?.aggregation ?? 'mean'
}

export async function applicationStandings(db: DB, applicationId: number): Promise<Standing> {
  const application = await db.selectFrom('applications').select('cycle_id').where('id', '=', applicationId).executeTakeFirst()
  const method = application ? await aggregationOfCycle(db, application.cycle_id) : 'mean'
  return standingOf(await listSubmittedScores(db, { applicationId }), method)
}

export interface RankedApplication extends RankedEntry {
  organisationName: string
  status: string
  version: number
  sheets: number
}

/** Per category, the applications whose document review is complete, ranked by the cycle's aggregate of submitted sheets. */
export async function cycleRanking(db: DB, cycleId: number): Promise<Map<string, RankedApplication[]>> {
  const [applications, scores, method] = await Promise.all([
    listApplicationsOfCycle(db, cycleId),
    listSubmittedScores(db, { cycleId }),
    aggregationOfCycle(db, cycleId),
  ])
  const rowsByApplication = new Map<number, ScoreRow[]>()
  for (const row of scores) rowsByApplication.set(row.application_id, [...(rowsByApplication.get(row.application_id) ?? []), row])
  const ranked = new Map<string, RankedApplication[]>()
  const rankable = applications.filter((a) => ['scored', 'decided', 'publicNotice', 'published'].includes(a.status) && a.category_code)
  const byCategory = new Map<string, typeof rankable>()
  for (const a of rankable) byCategory.set(a.category_code!, [...(byCategory.get(a.category_code!) ?? []), a])
  for (const [category, entries] of byCategory) {
    const standings = new Map(entries.map((a) => [a.id, standingOf(rowsByApplication.get(a.id) ?? [], method)]))
    const order = rankCategory(
      entries.map((a) => {
        const s = standings.get(a.id)!
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
          sheets: standings.get(entry.applicationId)!.sheetTotals.length,
        }
      }),
    )
  }
  return ranked
}
