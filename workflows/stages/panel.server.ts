import { listApplicationsForDraw } from '#db/repositories/applications'
import { enqueueNotifications } from '#db/repositories/outbox'
import { declaredConflictsWith } from '#db/repositories/review'
import { getDefence, getSiteVisit, insertPanel, insertPanelDraw, listPanel, panelLoads } from '#db/repositories/stages'
import { unavailableOn } from '#db/repositories/unavailability'
import { appendDrawToLedger } from '#workflows/review/draw-ledger.server'
import type { Executor } from '#db/repositories/types'
import type { Cycle, PanelStage } from '#db/schema'
import { readDraftProfile } from '#workflows/application/application-draft.schema'
import type { Actor } from '../application/application.policy'
import { notFound } from '../errors'
import { beijingDate } from '../time'
import { drawReviewers, drawSeed } from '../review/draw'
import {
  drawCandidates,
  leftOutBelowRating,
  leftOutUnactivated,
  poolAndConflicts,
  poolTooSmall,
} from '../review/draw.server'

/**
 * The experts who said they cannot attend on the day of the application's defence or site visit (its Beijing date),
 * as scheduled before the draw; none when it has no date yet.
 */
async function unavailableOnTheDay(trx: Executor, stage: PanelStage, applicationId: number): Promise<Set<number>> {
  const day =
    stage === 'defence'
      ? await getDefence(trx, applicationId).then((defence) => (defence ? beijingDate(defence.starts_at) : null))
      : await getSiteVisit(trx, applicationId).then((visit) => visit?.visit_date ?? null)
  return day ? unavailableOn(trx, day) : new Set()
}

/** What every panel or team draw is given. */
interface PanelDrawInput {
  stage: PanelStage
  cycle: Cycle
  applicationId: number
  actor: Actor
  now: string
  seed?: number
  /** Experts sitting on another panel at the same time: never drawn for this one. */
  busy?: ReadonlySet<number>
}

/**
 * Draws a defence panel or a site-visit team for one application, the way the document review's experts are
 * drawn: never an expert in conflict with the applicant (computed from the pool's ties, or declared by the expert
 * when recusing from the applicant's document review), the least loaded first (seats on panels and teams in the
 * cycle), the applicant's industry before others, chance between equals; a pool too small refuses, naming how
 * many are missing. The draw is recorded (seed, candidates, exclusions, choice) and each expert is told. A panel
 * already drawn is kept: moving a slot does not change who sits on it, and its members are told of the move.
 */
export async function drawPanelInTransaction(trx: Executor, input: PanelDrawInput): Promise<number[]> {
  const existing = await listPanel(trx, input.stage, input.applicationId)
  if (existing.length > 0) {
    // The slot moved: those who sit on it are told, with the new slot as a calendar invitation (issue 24).
    await enqueueNotifications(
      trx,
      existing.map((member) => ({
        kind: `panel.${input.stage}Moved`,
        recipient: member.email,
        payload: { applicationId: input.applicationId, reason: null },
        at: input.now,
      })),
    )
    return existing.map((member) => member.expert_user_id)
  }
  const size = input.stage === 'defence' ? input.cycle.defence_panel_size : input.cycle.site_visit_team_size
  return drawSeats(trx, { ...input, needed: size, sitting: [], leads: input.stage === 'siteVisit' })
}

/**
 * One seat drawn again after its member left with a declared conflict: the same rules as the first draw, never
 * one who already sits on the panel, never one who left it (their conflict is declared). Recorded as a draw of
 * its own. Returns the expert drawn.
 */
export async function drawReplacementInTransaction(
  trx: Executor,
  input: PanelDrawInput & {
    /** The one who left led the site-visit team: the replacement leads it. */
    leads: boolean
  },
): Promise<number> {
  const sitting = (await listPanel(trx, input.stage, input.applicationId)).map((member) => member.expert_user_id)
  const [chosen] = await drawSeats(trx, { ...input, needed: 1, sitting })
  return chosen!
}

async function drawSeats(
  trx: Executor,
  input: PanelDrawInput & { needed: number; sitting: readonly number[]; leads: boolean },
): Promise<number[]> {
  const [application] = await listApplicationsForDraw(trx, input.cycle.id, [input.applicationId])
  if (!application) throw notFound()
  const { experts, conflicts } = await poolAndConflicts(trx, [application], input.now)
  const seed = input.seed ?? drawSeed()
  const industry = readDraftProfile(application.profile).industry
  const loads = await panelLoads(trx, input.cycle.id)
  const result = drawReviewers({
    applications: [
      {
        id: application.id,
        industry,
        needed: input.needed,
        excluded: new Set(input.sitting),
        declaredConflicts: await declaredConflictsWith(trx, application.id),
        busy: input.busy,
        unavailable: await unavailableOnTheDay(trx, input.stage, application.id),
      },
    ],
    experts: experts.map((e) => ({ id: e.user_id, industries: e.industries })),
    conflictsOf: (id) => conflicts.get(id)!,
    loads,
    cap: input.cycle.expert_load_cap,
    notActivated: leftOutUnactivated(input.cycle, experts),
    belowRating: await leftOutBelowRating(trx, input.cycle, experts),
    seed,
  })
  if (!result.ok) {
    throw poolTooSmall(
      result.shortages.map((s) => ({
        applicationId: s.applicationId,
        organisationName: application.organisation_name,
        missing: s.missing,
      })),
    )
  }
  const draw = result.draws[0]!
  const candidates = drawCandidates(experts, loads)
  await insertPanelDraw(trx, {
    stage: input.stage,
    applicationId: application.id,
    seed,
    candidates,
    exclusions: draw.exclusions,
    chosen: draw.chosen,
    actorUserId: input.actor.userId,
    at: input.now,
    loadCap: input.cycle.expert_load_cap,
    industry,
    needed: input.needed,
  })
  await appendDrawToLedger(trx, input.cycle.id, {
    year: input.cycle.year,
    kind: input.stage,
    at: input.now,
    seed,
    cap: input.cycle.expert_load_cap,
    candidates,
    entries: [
      {
        applicationId: application.id,
        industry,
        needed: input.needed,
        exclusions: draw.exclusions,
        chosen: draw.chosen,
      },
    ],
  })
  await insertPanel(trx, input.stage, application.id, draw.chosen, input.leads)
  const emails = new Map(experts.map((e) => [e.user_id, e.email]))
  await enqueueNotifications(
    trx,
    draw.chosen.map((id) => ({
      kind: `panel.${input.stage}`,
      recipient: emails.get(id)!,
      payload: { applicationId: application.id, reason: null },
      at: input.now,
    })),
  )
  return draw.chosen
}
