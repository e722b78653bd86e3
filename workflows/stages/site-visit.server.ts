import type { DB } from '#db/client.server'
import { loadApplicationForUpdate } from '#db/repositories/applications'
import { listConsensusScores } from '#db/repositories/consensus'
import { getCriteriaTree } from '#db/repositories/criteria'
import { getCycle } from '#db/repositories/cycles'
import { listItemScoresOfSheets, listSubmittedSheetsOfApplication } from '#db/repositories/review'
import {
  getSiteVisit,
  bumpSiteVisitIfVersion,
  findPanelMember,
  markSiteVisitRecorded,
  replaceSiteVisitSheet,
  upsertSiteVisit,
} from '#db/repositories/stages'
import { type Executor, nowIso } from '#db/repositories/types'
import { applyInTransaction } from '../application/application.server'
import type { Actor } from '../application/application.policy'
import { mayAct } from '../account/duties'
import { fieldRefusal, forbidden, notAllowedNow, notFound, staleVersion, WorkflowError } from '../errors'
import { groupBy } from '../group-by'
import { suggestedPercentage } from '../review/consensus'
import { isValidPercentage } from '../review/scoring'
import { drawPanelInTransaction } from './panel.server'
import { isAhead, sheetClosedKey, sheetOpening, siteVisitLine } from './stage-slots'

export const siteNoteLimit = 2000
export const findingsLimit = 30

/**
 * 现场核查: the secretariat sets the visit (a Beijing date from today, the address) and, the first time, the team
 * is drawn; the first expert drawn leads it. Moving the visit keeps the team and asks the applicant to confirm
 * again. One transaction, as the defence's slot.
 */
export async function scheduleSiteVisit(
  db: DB,
  input: {
    applicationId: number
    visitDate: string
    address: string
    actor: Actor
    expectedVersion: number
    now?: string
    seed?: number
  },
): Promise<number[]> {
  if (!mayAct(input.actor, 'schedule')) throw forbidden()
  const now = input.now ?? nowIso()
  if (!isAhead(input.visitDate, now)) throw fieldRefusal('date', 400, 'errors.slotInPast')
  const address = input.address.trim()
  if (!address) throw fieldRefusal('address', 400, 'errors.required')
  return db.transaction().execute(async (trx) => {
    const row = await loadApplicationForUpdate(trx, input.applicationId)
    if (!row) throw notFound()
    const cycle = (await getCycle(trx, row.cycle_id))!
    await applyInTransaction(trx, {
      applicationId: row.id,
      actor: input.actor,
      event: { type: 'SCHEDULE_SITE_VISIT' },
      expectedVersion: input.expectedVersion,
      now,
      note: siteVisitLine(input.visitDate, address),
    })
    await upsertSiteVisit(trx, { applicationId: row.id, visitDate: input.visitDate, address, at: now })
    return drawPanelInTransaction(trx, {
      stage: 'siteVisit',
      cycle,
      applicationId: row.id,
      actor: input.actor,
      now,
      seed: input.seed,
    })
  })
}

/**
 * What document review concluded per item, the percentage the team confirms or adjusts on site: the consensus
 * where the panel recorded one, otherwise the median of the reviewers' percentages on the 5 % grid.
 */
export async function documentReference(db: Executor, applicationId: number): Promise<Map<number, number>> {
  const consensus = await listConsensusScores(db, { applicationId })
  if (consensus.length > 0) return new Map(consensus.map((row) => [row.item_id, row.percentage]))
  const reference = new Map<number, number>()
  for (const [itemId, percentages] of await submittedItemPercentages(db, applicationId)) {
    const suggested = suggestedPercentage(percentages)
    if (suggested !== null) reference.set(itemId, suggested)
  }
  return reference
}

/** Per item, the percentages of every submitted document-review sheet of the application. */
export async function submittedItemPercentages(db: Executor, applicationId: number): Promise<Map<number, number[]>> {
  const sheets = await listSubmittedSheetsOfApplication(db, applicationId)
  const scores = await listItemScoresOfSheets(
    db,
    sheets.map((s) => s.id),
  )
  return new Map(
    [...groupBy(scores, (s) => s.item_id)].map(([itemId, rows]) => [itemId, rows.map((r) => r.percentage)]),
  )
}

export interface SiteVisitSheetInput {
  applicationId: number
  actor: Actor
  items: ReadonlyMap<number, { percentage: number; note: string }>
  findings: ReadonlyArray<{ severity: 'major' | 'minor'; text: string }>
  submit: boolean
  /** The visit's version the leader's form carried. */
  expectedVersion: number
  now?: string
}

/**
 * The team's agreed site-visit sheet, kept by the team leader: per item the percentage confirmed or adjusted, with
 * a note of the evidence seen (required where it departs from document review), and the findings, major or
 * minor. Saved as often as needed; recorded once every item is verified, which completes the stage in the same
 * transaction. Team members read it; only the leader writes; anyone else learns nothing.
 */
export async function saveSiteVisitSheet(db: DB, input: SiteVisitSheetInput): Promise<{ recorded: boolean }> {
  if (input.actor.role !== 'reviewer') throw forbidden()
  const now = input.now ?? nowIso()
  if (input.findings.length > findingsLimit)
    throw fieldRefusal('findings', 400, 'errors.tooMany', { max: findingsLimit })
  for (const finding of input.findings) {
    if (finding.text.trim().length === 0 || finding.text.length > siteNoteLimit)
      throw fieldRefusal('findings', 400, 'errors.findingText')
  }
  return db.transaction().execute(async (trx) => {
    const member = await findPanelMember(trx, 'siteVisit', input.applicationId, input.actor.userId)
    if (!member) throw notFound()
    if (member.is_leader !== 1) throw new WorkflowError(403, 'errors.leaderOnly')
    // No sheet before the leader has declared no conflict with the applicant.
    if (member.declared_at === null) throw new WorkflowError(409, 'errors.declareFirst')
    const row = (await loadApplicationForUpdate(trx, input.applicationId))!
    if (row.status !== 'siteVisitScheduled') throw notAllowedNow('RECORD_SITE_VISIT', row.status)
    // The sheet opens when the visit is made: confirmed by the applicant, and from the visit's day.
    const visit = (await getSiteVisit(trx, row.id))!
    const opening = sheetOpening({ start: visit.visit_date, confirmedAt: visit.confirmed_at }, now)
    if (opening !== 'open') throw new WorkflowError(409, sheetClosedKey(opening), undefined, { at: visit.visit_date })
    const cycle = (await getCycle(trx, row.cycle_id))!
    const items = (await getCriteriaTree(trx, cycle.edition_id)).categories.flatMap((c) => c.items)
    const known = new Set(items.map((i) => i.id))
    for (const [itemId, value] of input.items) {
      if (!known.has(itemId) || !isValidPercentage(value.percentage)) throw new WorkflowError(400, 'errors.percentage')
      if (value.note.length > siteNoteLimit) throw fieldRefusal(`note_${itemId}`, 400, 'errors.tooLong')
    }
    if (input.submit) {
      const missing = items.find((i) => !input.items.has(i.id))
      if (missing) throw fieldRefusal(`item_${missing.id}`, 400, 'errors.siteVisitIncomplete')
      const reference = await documentReference(trx, row.id)
      const unexplained = items.find(
        (i) => input.items.get(i.id)!.percentage !== reference.get(i.id) && !input.items.get(i.id)!.note.trim(),
      )
      if (unexplained)
        throw fieldRefusal(`note_${unexplained.id}`, 400, 'errors.adjustmentNeedsNote', { item: unexplained.code })
    }
    if (!(await bumpSiteVisitIfVersion(trx, row.id, input.expectedVersion))) throw staleVersion()
    await replaceSiteVisitSheet(
      trx,
      row.id,
      [...input.items].map(([itemId, value]) => ({ itemId, percentage: value.percentage, note: value.note.trim() })),
      input.findings.map((f) => ({ severity: f.severity, text: f.text.trim() })),
    )
    if (!input.submit) return { recorded: false }
    await markSiteVisitRecorded(trx, row.id, now)
    await applyInTransaction(trx, {
      applicationId: row.id,
      actor: input.actor,
      event: { type: 'RECORD_SITE_VISIT', itemsVerified: input.items.size, itemsTotal: items.length },
      expectedVersion: row.version,
      assignedToActor: true,
      now,
    })
    return { recorded: true }
  })
}
