import type { DB } from '#db/client.server'
import { loadApplicationForUpdate } from '#db/repositories/applications'
import { appendActOnApplication } from '#db/repositories/audit'
import { getCriteriaTree } from '#db/repositories/criteria'
import { getCycle } from '#db/repositories/cycles'
import {
  countDefenceSheets,
  findDefenceSheet,
  findPanelMember,
  getDefence,
  listDefenceSlotsOfCycle,
  listPanel,
  saveDefenceSheet as writeDefenceSheet,
  upsertDefence,
} from '#db/repositories/stages'
import { type Executor, nowIso } from '#db/repositories/types'
import { applyInTransaction } from '../application/application.server'
import type { Actor } from '../application/application.policy'
import { mayAct } from '../account/duties'
import { fieldRefusal, forbidden, notAllowedNow, notFound, staleVersion, WorkflowError } from '../errors'
import { isValidPercentage } from '../review/scoring'
import { drawPanelInTransaction } from './panel.server'
import { defenceLine, isAhead, samePlace, sheetClosedKey, sheetOpening, slotsOverlap } from './stage-slots'

export const notesLimit = 5000

/**
 * 集中答辩: the secretariat sets a shortlisted application's slot (Beijing date and time, minutes, room or video
 * link) and, the first time, the panel is drawn. Moving the slot keeps the panel and asks the applicant to
 * confirm again. One transaction: the machine's step (version checked, audited, the applicant told), the slot,
 * the draw. A slot in the past, or a pool too small for the panel, refuses the whole.
 */
export async function scheduleDefence(
  db: DB,
  input: {
    applicationId: number
    startsAt: string
    minutes: number
    place: string
    actor: Actor
    expectedVersion: number
    now?: string
    seed?: number
  },
): Promise<number[]> {
  if (!mayAct(input.actor, 'schedule')) throw forbidden()
  const now = input.now ?? nowIso()
  if (!isAhead(input.startsAt, now)) throw fieldRefusal('date', 400, 'errors.slotInPast')
  const place = input.place.trim()
  if (!place) throw fieldRefusal('place', 400, 'errors.required')
  return db.transaction().execute(async (trx) => {
    const row = await loadApplicationForUpdate(trx, input.applicationId)
    if (!row) throw notFound()
    const cycle = (await getCycle(trx, row.cycle_id))!
    // No two defences in one room at once, and no expert on two panels at once.
    const slot = { startsAt: input.startsAt, minutes: input.minutes }
    const overlapping = await overlappingDefences(trx, row.cycle_id, row.id, slot)
    const roomTaken = overlapping.find((other) => samePlace(other.place, place))
    if (roomTaken)
      throw fieldRefusal('place', 409, 'errors.roomClash', {
        name: roomTaken.organisation_name,
        slot: defenceLine(roomTaken.starts_at, roomTaken.minutes, roomTaken.place),
      })
    const sittingElsewhere = new Map(
      overlapping.flatMap((other) => other.panel.map((m) => [m.expert_user_id, { ...m, other }] as const)),
    )
    // A panel already drawn stays with a moved slot: one of its members busy then is a clash to resolve by hand.
    const kept = (await listPanel(trx, 'defence', row.id)).find((m) => sittingElsewhere.has(m.expert_user_id))
    if (kept)
      throw fieldRefusal('date', 409, 'errors.expertClash', {
        expert: kept.display_name,
        name: sittingElsewhere.get(kept.expert_user_id)!.other.organisation_name,
      })
    await applyInTransaction(trx, {
      applicationId: row.id,
      actor: input.actor,
      event: { type: 'SCHEDULE_DEFENCE' },
      expectedVersion: input.expectedVersion,
      now,
      note: defenceLine(input.startsAt, input.minutes, place),
    })
    await upsertDefence(trx, {
      applicationId: row.id,
      startsAt: input.startsAt,
      minutes: input.minutes,
      place,
      at: now,
    })
    return drawPanelInTransaction(trx, {
      stage: 'defence',
      cycle,
      applicationId: row.id,
      actor: input.actor,
      now,
      seed: input.seed,
      busy: new Set(sittingElsewhere.keys()),
    })
  })
}

/** The cycle's other scheduled defences whose slot overlaps this one, each with its panel. */
export async function overlappingDefences(
  trx: Executor,
  cycleId: number,
  applicationId: number,
  slot: { startsAt: string; minutes: number },
) {
  return (await listDefenceSlotsOfCycle(trx, cycleId, applicationId)).filter((other) =>
    slotsOverlap(slot, { startsAt: other.starts_at, minutes: other.minutes }),
  )
}

/**
 * A panel member's defence sheet: a percentage (5 % steps) per criteria category and notes. Saved as a draft
 * any number of times; submitted once, complete. The last panel member's submission completes the defence in
 * the same transaction. Anyone not on the panel learns nothing (not found).
 */
export async function saveDefenceSheet(
  db: DB,
  input: {
    applicationId: number
    actor: Actor
    scores: ReadonlyMap<number, number>
    notes: string
    submit: boolean
    /** The sheet's version the form carried; null for a first save. */
    expectedVersion: number | null
    now?: string
  },
): Promise<{ version: number; completed: boolean }> {
  if (input.actor.role !== 'reviewer') throw forbidden()
  const now = input.now ?? nowIso()
  const notes = input.notes.trim()
  if (notes.length > notesLimit) throw fieldRefusal('notes', 400, 'errors.tooLong')
  return db.transaction().execute(async (trx) => {
    const member = await findPanelMember(trx, 'defence', input.applicationId, input.actor.userId)
    if (!member) throw notFound()
    // No sheet before the member has declared no conflict with the applicant.
    if (member.declared_at === null) throw new WorkflowError(409, 'errors.declareFirst')
    const row = (await loadApplicationForUpdate(trx, input.applicationId))!
    if (row.status !== 'defenceScheduled') throw notAllowedNow('SCORE_DEFENCE', row.status)
    // The sheet opens when the defence is held: confirmed by the applicant, and from its starting minute.
    const defence = (await getDefence(trx, row.id))!
    const opening = sheetOpening({ start: defence.starts_at, confirmedAt: defence.confirmed_at }, now)
    if (opening !== 'open')
      throw new WorkflowError(409, sheetClosedKey(opening), undefined, { at: defence.starts_at.replace('T', ' ') })
    const existing = await findDefenceSheet(trx, row.id, input.actor.userId)
    if (existing?.status === 'submitted') throw new WorkflowError(409, 'errors.sheetAlreadySubmitted')
    const cycle = (await getCycle(trx, row.cycle_id))!
    const categories = (await getCriteriaTree(trx, cycle.edition_id)).categories
    for (const [categoryId, percentage] of input.scores) {
      if (!categories.some((c) => c.id === categoryId) || !isValidPercentage(percentage))
        throw new WorkflowError(400, 'errors.percentage')
    }
    if (input.submit) {
      const missing = categories.find((c) => !input.scores.has(c.id))
      if (missing) throw fieldRefusal(`category_${missing.id}`, 400, 'errors.defenceSheetIncomplete')
    }
    const version = await writeDefenceSheet(trx, {
      applicationId: row.id,
      userId: input.actor.userId,
      expectedVersion: existing ? input.expectedVersion : null,
      notes,
      scores: input.scores,
      submit: input.submit,
      at: now,
    })
    if (version === null) throw staleVersion()
    if (!input.submit) return { version, completed: false }
    await appendActOnApplication(trx, {
      applicationId: row.id,
      status: row.status,
      actorUserId: input.actor.userId,
      event: 'SUBMIT_DEFENCE_SHEET',
      reason: null,
      at: now,
    })
    const counts = await countDefenceSheets(trx, row.id)
    if (counts.submitted !== counts.panel) return { version, completed: false }
    await applyInTransaction(trx, {
      applicationId: row.id,
      actor: input.actor,
      event: { type: 'COMPLETE_DEFENCE', submittedSheets: counts.submitted, panelSize: counts.panel },
      expectedVersion: row.version,
      assignedToActor: true,
      now,
    })
    return { version, completed: true }
  })
}
