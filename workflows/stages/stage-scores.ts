import { groupBy } from '../group-by'
import {
  type Hundredths,
  mean,
  type PointRow,
  pointsOf,
  type StagePoints,
  type StageScores,
  type StageWeights,
  weightedScore,
} from '../review/scoring'

export { type PointRow, pointsOf, type StagePoints } from '../review/scoring'

/**
 * The defence score: the plain mean of the panel members' sheet totals, rounded once (each member scores the
 * seven categories; no normalisation, a panel sits together and hears the same defence). Tie-breakers likewise.
 */
export function defencePoints(sheets: ReadonlyArray<readonly PointRow[]>): StagePoints | null {
  if (sheets.length === 0) return null
  const each = sheets.map(pointsOf)
  return {
    total: mean(each.map((p) => p.total))!,
    results: mean(each.map((p) => p.results))!,
    leadership: mean(each.map((p) => p.leadership))!,
  }
}

/** Per application, its defence points from every submitted sheet's category rows. */
export function defencePointsByApplication(
  rows: ReadonlyArray<PointRow & { application_id: number; sheet_id: number }>,
): Map<number, StagePoints> {
  const result = new Map<number, StagePoints>()
  for (const [applicationId, own] of groupBy(rows, (r) => r.application_id)) {
    const points = defencePoints([...groupBy(own, (r) => r.sheet_id).values()])
    if (points) result.set(applicationId, points)
  }
  return result
}

/** Per application, the site-visit points of the team's recorded sheet (one agreed sheet: no aggregation). */
export function siteVisitPointsByApplication(
  rows: ReadonlyArray<PointRow & { application_id: number }>,
): Map<number, StagePoints> {
  return new Map(
    [...groupBy(rows, (r) => r.application_id)].map(([applicationId, own]) => [applicationId, pointsOf(own)]),
  )
}

export interface FinalTerms {
  document: StagePoints
  defence: StagePoints
  siteVisit: StagePoints
  /** The weighted final score and its tie-breakers, each weighted the same way. */
  final: StagePoints
}

/** The final score term by term; null until all three stages have a score. */
export function finalTerms(
  document: StagePoints | null,
  defence: StagePoints | null,
  siteVisit: StagePoints | null,
  weights: StageWeights,
): FinalTerms | null {
  if (!document || !defence || !siteVisit) return null
  const weigh = (pick: (p: StagePoints) => Hundredths) =>
    weightedScore(
      { document: pick(document), defence: pick(defence), siteVisit: pick(siteVisit) } satisfies StageScores,
      weights,
    )
  return {
    document,
    defence,
    siteVisit,
    final: { total: weigh((p) => p.total), results: weigh((p) => p.results), leadership: weigh((p) => p.leadership) },
  }
}

/** The final score's weights of a cycle, as the scoring module takes them. */
export function cycleWeights(cycle: {
  weight_document: number
  weight_defence: number
  weight_site_visit: number
}): StageWeights {
  return { document: cycle.weight_document, defence: cycle.weight_defence, siteVisit: cycle.weight_site_visit }
}

/** Document review's points of a standing (computed or stored); null without a score. */
export function documentPoints(
  standing: { score: Hundredths | null; results: Hundredths | null; leadership: Hundredths | null } | undefined,
): StagePoints | null {
  return standing?.score == null
    ? null
    : { total: standing.score, results: standing.results ?? 0, leadership: standing.leadership ?? 0 }
}

/** One application's stage terms so far and, once all three stages are in, its final score term by term. */
export interface ApplicationTerms {
  document: StagePoints | null
  defence: StagePoints | null
  siteVisit: StagePoints | null
  final: FinalTerms | null
  weights: StageWeights
}

/** An application's terms from what a page has already read: its cycle, its standing and the stages' score rows. */
export function termsOf(
  applicationId: number,
  cycle: Parameters<typeof cycleWeights>[0],
  standing: Parameters<typeof documentPoints>[0],
  defenceRows: Parameters<typeof defencePointsByApplication>[0],
  visitRows: Parameters<typeof siteVisitPointsByApplication>[0],
): ApplicationTerms {
  const weights = cycleWeights(cycle)
  const document = documentPoints(standing)
  const defence = defencePointsByApplication(defenceRows).get(applicationId) ?? null
  const siteVisit = siteVisitPointsByApplication(visitRows).get(applicationId) ?? null
  return { document, defence, siteVisit, final: finalTerms(document, defence, siteVisit, weights), weights }
}

/** The weights as the settings history and the exports write them: "40/20/40" (document/defence/site visit). */
export function weightsText(weights: StageWeights): string {
  return `${weights.document}/${weights.defence}/${weights.siteVisit}`
}
