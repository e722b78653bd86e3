import { getCycle } from '#db/repositories/cycles'
import { listRecordedSiteVisitScores, listSubmittedDefenceScores } from '#db/repositories/stages'
import type { Executor } from '#db/repositories/types'
import type { StageWeights } from '../review/scoring'
import { applicationStandings } from '../review/standings.server'
import {
  cycleWeights,
  defencePointsByApplication,
  documentPoints,
  type FinalTerms,
  finalTerms,
  type StagePoints,
  siteVisitPointsByApplication,
} from './stage-scores'

/** One application's stage scores so far and, once all three are in, its final score term by term. */
export async function applicationTerms(
  db: Executor,
  application: { id: number; cycle_id: number },
): Promise<{
  document: StagePoints | null
  defence: StagePoints | null
  siteVisit: StagePoints | null
  final: FinalTerms | null
  weights: StageWeights
}> {
  const [cycle, standing, defenceRows, visitRows] = await Promise.all([
    getCycle(db, application.cycle_id),
    applicationStandings(db, application.id),
    listSubmittedDefenceScores(db, { applicationId: application.id }),
    listRecordedSiteVisitScores(db, { applicationId: application.id }),
  ])
  const weights = cycleWeights(cycle!)
  const document = documentPoints(standing)
  const defence = defencePointsByApplication(defenceRows).get(application.id) ?? null
  const siteVisit = siteVisitPointsByApplication(visitRows).get(application.id) ?? null
  return { document, defence, siteVisit, final: finalTerms(document, defence, siteVisit, weights), weights }
}
