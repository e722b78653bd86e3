import type { DB } from '#db/client.server'
import { countInCategory } from '#db/repositories/applications'
import { appendAudit } from '#db/repositories/audit'
import { getCycle, listCycleCategories } from '#db/repositories/cycles'
import { nowIso } from '#db/repositories/types'
import { applyInTransaction } from '../application/application.server'
import type { Actor } from '../application/application.policy'
import { mayAct } from '../account/duties'
import { cycleAuditReason } from '../cycle/cycle-audit'
import { fieldRefusal, forbidden, notFound, WorkflowError } from '../errors'
import { statusesWhere } from '../application/status-facts'
import { expectedShortlist, shortlistDeparts, shortlistPlacesLeft } from './shortlist'
import { needsConsensus } from './consensus'
import { applicationStandings, cycleRanking } from './standings.server'

/** Statuses still before the end of document review: a category is shortlisted only once none is left there. */
const beforeScoring = ['submitted', 'eligibilityReview', 'returned', 'documentReview']

/**
 * Settles a category's shortlist (入围) in one transaction: the chosen applications are shortlisted, every other
 * scored one leaves the process as not shortlisted (its scores kept, its feedback at publication). Refused while an
 * application of the category is still before scoring, past the places the cycle's number leaves (counting those
 * shortlisted in an earlier round), or, departing from the ranking, without a reason. On the record per application and in the cycle's history.
 */
export async function shortlistCategory(
  db: DB,
  input: {
    cycleId: number
    categoryCode: string
    shortlisted: readonly number[]
    reason: string
    actor: Actor
    now?: string
  },
): Promise<{ shortlisted: number; notShortlisted: number }> {
  if (!mayAct(input.actor, 'shortlist')) throw forbidden()
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const cycle = await getCycle(trx, input.cycleId)
    if (!cycle || cycle.results_published_at) throw notFound()
    if (cycle.shortlist_size === null) throw new WorkflowError(409, 'errors.noShortlistStage')
    const category = (await listCycleCategories(trx, cycle.id)).find((c) => c.code === input.categoryCode)
    if (!category) throw fieldRefusal('categoryCode', 400, 'errors.unknownCategory')
    const pending = await countInCategory(trx, cycle.id, category.code, beforeScoring)
    if (pending > 0) throw new WorkflowError(409, 'errors.reviewNotDone', undefined, { count: pending })
    const ranked = (await cycleRanking(trx, cycle.id, category.code)).get(category.code) ?? []
    const scored = ranked.filter((entry) => entry.status === 'scored')
    if (scored.length === 0) throw new WorkflowError(409, 'errors.nothingToShortlist')
    const chosen = [...new Set(input.shortlisted)]
    if (chosen.some((id) => !scored.some((entry) => entry.applicationId === id)))
      throw new WorkflowError(400, 'errors.notScored')
    // The number holds across rounds: entries shortlisted earlier (before a late one was scored) keep their places.
    const already = await countInCategory(trx, cycle.id, category.code, statusesWhere('holdsShortlistPlace'))
    const places = shortlistPlacesLeft(cycle.shortlist_size, already)
    if (chosen.length > places)
      throw fieldRefusal('shortlisted', 400, 'errors.shortlistTooLong', {
        max: cycle.shortlist_size,
        already,
        left: places,
      })
    const reason = input.reason.trim()
    const departs = shortlistDeparts(expectedShortlist(scored, Math.min(places, scored.length)), chosen)
    if (departs && !reason) throw fieldRefusal('reason', 400, 'errors.shortlistNeedsReason')
    // An entry whose reviewers disagreed beyond the threshold goes on only with its consensus round: after the
    // shortlist there is no stage to hold one, and the committee could then never decide on it.
    const consensusOf = new Map<number, { needsConsensus: boolean; hasConsensus: boolean }>()
    for (const id of chosen) {
      const standing = await applicationStandings(trx, id)
      consensusOf.set(id, {
        needsConsensus: needsConsensus(standing.sheetTotals, cycle.consensus_threshold),
        hasConsensus: standing.consensus !== null,
      })
    }
    const withoutConsensus = scored.filter((entry) => {
      const flags = consensusOf.get(entry.applicationId)
      return flags !== undefined && flags.needsConsensus && !flags.hasConsensus
    })
    if (withoutConsensus.length > 0)
      throw fieldRefusal('shortlisted', 409, 'errors.shortlistNeedsConsensus', {
        names: withoutConsensus.map((entry) => entry.organisationName).join('、'),
      })
    for (const entry of scored) {
      const on = chosen.includes(entry.applicationId)
      await applyInTransaction(trx, {
        applicationId: entry.applicationId,
        actor: input.actor,
        event: on ? { type: 'SHORTLIST', ...consensusOf.get(entry.applicationId)! } : { type: 'NOT_SHORTLIST' },
        expectedVersion: entry.version,
        now,
      })
    }
    await appendAudit(trx, {
      entity: 'cycle',
      entityId: cycle.id,
      actorUserId: input.actor.userId,
      at: now,
      fromState: 'open',
      toState: 'open',
      event: 'SHORTLIST',
      reason: cycleAuditReason({
        kind: 'shortlist',
        category_zh: category.name_zh,
        category_en: category.name_en,
        shortlisted: chosen.length,
        notShortlisted: scored.length - chosen.length,
        alreadyShortlisted: already,
        size: cycle.shortlist_size,
        reason: departs ? reason : null,
      }),
    })
    return { shortlisted: chosen.length, notShortlisted: scored.length - chosen.length }
  })
}
