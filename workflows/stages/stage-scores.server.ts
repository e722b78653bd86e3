import { getCycle } from '#db/repositories/cycles'
import { listRecordedSiteVisitScores, listSubmittedDefenceScores } from '#db/repositories/stages'
import type { Executor } from '#db/repositories/types'
import type { Cycle } from '#db/schema'
import type { StageWeights } from '../review/scoring'
import { applicationStandings, type Standing } from '../review/standings.server'
import {
  cycleWeights,
  defencePointsByApplication,
  documentPoints,
  type FinalTerms,
  finalTerms,
  type StagePoints,
  siteVisitPointsByApplication,
} from './stage-scores'

type DefenceRows = Awaited<ReturnType<typeof listSubmittedDefenceScores>>
type VisitRows = Awaited<ReturnType<typeof listRecordedSiteVisitScores>>

export interface ApplicationTerms {
  document: StagePoints | null
  defence: StagePoints | null
  siteVisit: StagePoints | null
  final: FinalTerms | null
  weights: StageWeights
}

/** One application's stage scores so far and, once all three are in, its final score term by term. */
export async function applicationTerms(
  db: Executor,
  application: { id: number; cycle_id: number },
): Promise<ApplicationTerms> {
  const [cycle, defenceRows, visitRows] = await Promise.all([
    getCycle(db, application.cycle_id),
    listSubmittedDefenceScores(db, { applicationId: application.id }),
    listRecordedSiteVisitScores(db, { applicationId: application.id }),
  ])
  return termsOf(application.id, cycle!, await applicationStandings(db, application.id, cycle), defenceRows, visitRows)
}

/** The same terms from what a page has already read (its cycle, standing and stage score rows). */
export function termsOf(
  applicationId: number,
  cycle: Cycle,
  standing: Standing,
  defenceRows: DefenceRows,
  visitRows: VisitRows,
): ApplicationTerms {
  const weights = cycleWeights(cycle)
  const document = documentPoints(standing)
  const defence = defencePointsByApplication(defenceRows).get(applicationId) ?? null
  const siteVisit = siteVisitPointsByApplication(visitRows).get(applicationId) ?? null
  return { document, defence, siteVisit, final: finalTerms(document, defence, siteVisit, weights), weights }
}
