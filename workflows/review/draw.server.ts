import { listApplicationsForDraw } from '#db/repositories/applications'
import { appendAudits } from '#db/repositories/audit'
import { lastRatings } from '#db/repositories/performance'
import { type ExpertRow, insertDraw, listExperts, tiesOf } from '#db/repositories/experts'
import { appendDrawToLedger } from './draw-ledger.server'
import { enqueueNotifications } from '#db/repositories/outbox'
import { assignedExperts, expertLoads, insertAssignments } from '#db/repositories/review'
import type { Executor } from '#db/repositories/types'
import type { Cycle } from '#db/schema'
import { readDraftProfile } from '#workflows/application/application-draft.schema'
import { type Actor, isAdministrator } from '../application/application.policy'
import { mayAct } from '../account/duties'
import { forbidden, WorkflowError } from '../errors'
import { conflictIndex } from '../experts/conflicts'
import { storedOrganisationKeys } from '../experts/organisation-keys'
import { drawReviewers, drawSeed, type Exclusion } from './draw'
import { beijingDate } from '../time'
import { acceptsReviewWork } from './review.rules'

/**
 * The active pool, and per applicant the experts in conflict with it as of the day of `now`: what every draw (the
 * document review's, a defence panel's, a site-visit team's) starts from.
 */
export async function poolAndConflicts(
  trx: Executor,
  applicants: ReadonlyArray<{
    id: number
    organisation_name: string
    uscc: string
    name_key: string | null
    uscc_key: string | null
  }>,
  now: string,
) {
  const experts = await listExperts(trx, { activeOnly: true })
  const conflictsWith = conflictIndex(experts.map(tiesOf), beijingDate(now))
  const conflicts = new Map(
    applicants.map((a) => [
      a.id,
      conflictsWith({ name: a.organisation_name, uscc: a.uscc, keys: storedOrganisationKeys(a.name_key, a.uscc_key) }),
    ]),
  )
  return { experts, conflicts }
}

/**
 * The experts a cycle's draws leave out for not having activated their account (no password yet: they could not
 * log in to declare or score), when the cycle's setting says so; otherwise none, and the screens warn instead.
 */
export function leftOutUnactivated(
  cycle: Pick<Cycle, 'draw_only_activated'>,
  experts: ReadonlyArray<Pick<ExpertRow, 'user_id' | 'passwordSet'>>,
): ReadonlySet<number> {
  return new Set(cycle.draw_only_activated === 1 ? experts.filter((e) => !e.passwordSet).map((e) => e.user_id) : [])
}

/**
 * The experts a cycle's draws leave out for their last rating (the secretariat's, 1–5) being below the cycle's
 * threshold; none when the cycle has no threshold. An expert never rated is not left out.
 */
export async function leftOutBelowRating(
  trx: Executor,
  cycle: Pick<Cycle, 'year' | 'draw_min_rating'>,
  experts: ReadonlyArray<Pick<ExpertRow, 'user_id'>>,
): Promise<ReadonlySet<number>> {
  const threshold = cycle.draw_min_rating
  if (threshold === null) return new Set()
  const ratings = await lastRatings(trx, { beforeYear: cycle.year })
  return new Set(experts.map((e) => e.user_id).filter((id) => (ratings.get(id)?.rating ?? threshold) < threshold))
}

/**
 * The candidates as a draw's record keeps them: in the order the draw saw them, with every input it used of each
 * (industries, load), so that the record alone replays the draw (workflows/review/draw-replay.ts); the name for
 * the secretariat's page.
 */
export function drawCandidates(experts: readonly ExpertRow[], loads: ReadonlyMap<number, number>) {
  return experts.map((e) => ({
    id: e.user_id,
    name: e.display_name,
    industries: e.industries,
    load: loads.get(e.user_id) ?? 0,
  }))
}

export interface DrawOutcome {
  drawId: number
  /** Application id to the experts (user ids) invited. */
  chosen: Map<number, number[]>
}

export type DrawRefusal = { applicationId: number; organisationName: string; missing: number }

/**
 * Draws the experts that the given applications still need (the cycle's number per application, less the active
 * assignments each has), in the caller's transaction: a draw record with its seed, the candidates, and per
 * application every exclusion with its reason and the experts chosen; an invitation per chosen expert; a line in
 * each application's history. A pool too small for any of them refuses the whole draw (no partial draw), naming
 * how many experts each is missing. Applications that need nobody are left out; with none left, nothing is drawn.
 */
export async function drawInTransaction(
  trx: Executor,
  input: {
    cycle: Cycle
    applicationIds: readonly number[]
    actor: Actor
    kind: 'draw' | 'redraw'
    seed?: number
    now: string
    /** For a redraw on the system's behalf (an expert declined): the secretariat member the new assignment is under. */
    assignedBy?: number
  },
): Promise<{ ok: true; outcome: DrawOutcome | null } | { ok: false; shortages: DrawRefusal[] }> {
  if (!mayAct(input.actor, 'assignExperts') && input.kind === 'draw') throw forbidden()
  // A redraw that follows an expert's answer is the system's act, not the expert's: it is recorded without an actor.
  const recordedActor = isAdministrator(input.actor) ? input.actor.userId : null
  const assignedBy = input.assignedBy ?? input.actor.userId
  const applications = (await listApplicationsForDraw(trx, input.cycle.id, input.applicationIds)).filter((a) =>
    acceptsReviewWork(a.status),
  )
  const assigned = await assignedExperts(
    trx,
    applications.map((a) => a.id),
  )
  const wanting = applications
    .map((a) => ({ ...a, needed: input.cycle.reviewers_per_application - assigned.get(a.id)!.active }))
    .filter((a) => a.needed > 0)
  if (wanting.length === 0) return { ok: true, outcome: null }
  const { experts, conflicts } = await poolAndConflicts(trx, wanting, input.now)
  const seed = input.seed ?? drawSeed()
  const loads = await expertLoads(trx, input.cycle.id)
  const drawApplications = wanting.map((a) => ({
    id: a.id,
    industry: readDraftProfile(a.profile).industry,
    needed: a.needed,
    excluded: assigned.get(a.id)!.all,
  }))
  const result = drawReviewers({
    applications: drawApplications,
    experts: experts.map((e) => ({ id: e.user_id, industries: e.industries })),
    conflictsOf: (id) => conflicts.get(id)!,
    loads,
    cap: input.cycle.expert_load_cap,
    notActivated: leftOutUnactivated(input.cycle, experts),
    belowRating: await leftOutBelowRating(trx, input.cycle, experts),
    seed,
  })
  if (!result.ok) {
    const names = new Map(wanting.map((a) => [a.id, a.organisation_name]))
    return {
      ok: false,
      shortages: result.shortages.map((s) => ({
        applicationId: s.applicationId,
        organisationName: names.get(s.applicationId) ?? '',
        missing: s.missing,
      })),
    }
  }
  const candidates = drawCandidates(experts, loads)
  const entries = result.draws.map((d) => {
    const application = drawApplications.find((a) => a.id === d.applicationId)!
    return {
      applicationId: d.applicationId,
      industry: application.industry,
      needed: application.needed,
      exclusions: d.exclusions,
      chosen: d.chosen,
    }
  })
  const drawId = await insertDraw(trx, {
    cycleId: input.cycle.id,
    kind: input.kind,
    seed,
    perApplication: input.cycle.reviewers_per_application,
    loadCap: input.cycle.expert_load_cap,
    candidates,
    entries,
    actorUserId: recordedActor,
    at: input.now,
  })
  await appendDrawToLedger(trx, input.cycle.id, {
    year: input.cycle.year,
    kind: input.kind,
    at: input.now,
    seed,
    cap: input.cycle.expert_load_cap,
    candidates,
    entries,
  })
  const byUser = new Map<number, ExpertRow>(experts.map((e) => [e.user_id, e]))
  const statusOf = new Map(wanting.map((a) => [a.id, a.status]))
  const chosen = new Map(result.draws.map((draw) => [draw.applicationId, draw.chosen]))
  // A category's draw writes thousands of rows: as a few multi-row statements, not one statement each.
  await insertAssignments(
    trx,
    result.draws.flatMap((draw) =>
      draw.chosen.map((expertUserId) => ({
        applicationId: draw.applicationId,
        reviewerId: expertUserId,
        assignedBy,
        at: input.now,
        drawId,
        dueDate: input.cycle.review_due_date,
        cycleId: input.cycle.id,
      })),
    ),
  )
  await enqueueNotifications(
    trx,
    result.draws.flatMap((draw) =>
      draw.chosen.map((expertUserId) => ({
        kind: 'review.INVITED',
        recipient: byUser.get(expertUserId)!.email,
        payload: { applicationId: draw.applicationId, reason: null },
        at: input.now,
      })),
    ),
  )
  await appendAudits(
    trx,
    result.draws.map((draw) => ({
      entity: 'application' as const,
      entityId: draw.applicationId,
      actorUserId: recordedActor,
      at: input.now,
      fromState: statusOf.get(draw.applicationId)!,
      toState: statusOf.get(draw.applicationId)!,
      event: input.kind === 'draw' ? 'DRAW_REVIEWERS' : 'REDRAW_REVIEWER',
      reason: draw.chosen.map((id) => byUser.get(id)!.display_name).join('、'),
    })),
  )
  return { ok: true, outcome: { drawId, chosen } }
}

/** The refusal of a draw whose pool is too small: 409, naming the applications and how many experts each lacks. */
export function poolTooSmall(shortages: readonly DrawRefusal[]): WorkflowError {
  const missing = shortages.reduce((sum, s) => sum + s.missing, 0)
  return new WorkflowError(409, 'errors.poolTooSmall', undefined, {
    missing,
    applications: shortages.map((s) => `${s.organisationName}（${s.missing}）`).join('、'),
  })
}

/** What a draw record says of one application, for its page: exclusions as stored. */
export type StoredExclusion = Exclusion
