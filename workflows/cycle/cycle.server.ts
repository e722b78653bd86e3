import type { DB } from '#db/client.server'
import { weightsAreValid } from '../review/scoring'
import {
  countByStatus,
  listApplicationsOfCycle,
  listForCycleStep,
  loadApplicationForUpdate,
} from '#db/repositories/applications'
import { countOpenObjections } from '#db/repositories/objections'
import { appendAudit } from '#db/repositories/audit'
import {
  copyCycleSettings,
  createCycle,
  findCycleByYear,
  getCycle,
  listAwardLevels,
  listCycleCategories,
  listRequiredEvidence,
  markCyclePublished,
  recordCycleApproval,
  replaceRequiredEvidence,
  updateCycleSettingsIfVersion,
  updateLevelQuota,
} from '#db/repositories/cycles'
import { type Executor, nowIso } from '#db/repositories/types'
import { applyInTransaction, applyToMany } from '../application/application.server'
import type { Actor } from '../application/application.policy'
import { mayAct } from '../account/duties'
import { forbidden, notFound, staleVersion, WorkflowError, fieldRefusal } from '../errors'
import {
  decidedNotYetOnNotice,
  decisionsRecorded,
  shortlistsSettled,
  undecidedBlockingPublication,
} from './cycle.rules'
import { officialCalendar } from './calendar.server'
import { intakeOpen } from './intake'
import { closeIntakeInTransaction } from './intake.server'
import { cycleAuditReason, requiredEvidenceChanges, type SettingChange } from './cycle-audit'
import { lockedChanges, nextCycleColumns, settingChanges, settingColumns, type SettingValues } from './cycle-settings'
import type { EvidenceRequirement } from '../application/application.rules'
import { isNoticeOver, noticePeriod } from './notice'
import { nameForYear, oneYearLater } from './next-cycle'
import { refreshCycleStandings } from '../review/standings.server'
import { beijingToday } from '../time'

/** The cycle, if it exists and its results are not yet published (and, given a version, it is still that one). */
async function loadOpenCycle(trx: Executor, cycleId: number, lockedKey: string, expectedVersion?: number) {
  const cycle = await getCycle(trx, cycleId)
  if (!cycle) throw notFound()
  if (cycle.results_published_at) throw new WorkflowError(409, lockedKey)
  if (expectedVersion !== undefined && cycle.version !== expectedVersion) throw staleVersion()
  return cycle
}

/** Puts every decided application of the cycle on public notice (公示), each with the end of its notice. */
export async function startPublicNotice(
  db: DB,
  input: { cycleId: number; actor: Actor; now?: string },
): Promise<{ onNotice: number; endsAt: string; unknownYears: number[] }> {
  if (!mayAct(input.actor, 'runNotice')) throw forbidden()
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const cycle = await loadOpenCycle(trx, input.cycleId, 'errors.alreadyPublished')
    await closeIntakeInTransaction(trx, { cycle, actorUserId: input.actor.userId, by: 'notice', now })
    const counts = await countByStatus(trx, cycle.id)
    const undecided = undecidedBlockingPublication(counts)
    if (undecided > 0) throw new WorkflowError(409, 'errors.undecided', `${undecided} undecided`, { count: undecided })
    const decided = await listForCycleStep(trx, cycle.id, ['decided'])
    if (decided.length === 0) throw new WorkflowError(409, 'errors.nothingToNotice')
    const { endsAt, unknownYears } = noticePeriod(now, cycle.notice_working_days, await officialCalendar(trx))
    // Working days are counted on the official calendar: a notice that would run into a year whose holidays are
    // neither built in nor entered could end on a public holiday (issue 17, finding 8). It waits for the calendar.
    if (unknownYears.length > 0)
      throw new WorkflowError(409, 'errors.noticeCalendarUnknown', `calendar of ${unknownYears.join(', ')}`, {
        years: unknownYears.join('、'),
      })
    await applyToMany(trx, {
      rows: decided,
      actor: input.actor,
      event: { type: 'START_PUBLIC_NOTICE' },
      changes: { notice_ends_at: endsAt },
      now,
    })
    await appendAudit(trx, {
      entity: 'cycle',
      entityId: cycle.id,
      actorUserId: input.actor.userId,
      at: now,
      fromState: 'open',
      toState: 'open',
      event: 'START_PUBLIC_NOTICE',
      reason: cycleAuditReason({ kind: 'notice', onNotice: decided.length, endsAt, unknownYears }),
    })
    return { onNotice: decided.length, endsAt, unknownYears }
  })
}

/** Approval and publication both wait until every application is decided (or out) and every decision was on notice. */
function refuseWhileUndecidedOrUnnoticed(counts: Record<string, number>): void {
  const undecided = undecidedBlockingPublication(counts)
  if (undecided > 0) throw new WorkflowError(409, 'errors.undecided', `${undecided} undecided`, { count: undecided })
  const notNoticed = decidedNotYetOnNotice(counts)
  if (notNoticed > 0)
    throw new WorkflowError(409, 'errors.noticeNotStarted', `${notNoticed} not on notice`, { count: notNoticed })
}

/**
 * Records the city's approval (批准) of the cycle's results, with its document number and date, once every notice
 * is over and no objection is open: every application on notice moves to approved in one transaction (the
 * machine's guard checks each). Publication follows, and only then.
 */
export async function approveResults(
  db: DB,
  input: {
    cycleId: number
    actor: Actor
    expectedVersion: number
    documentNumber: string
    approvedOn: string
    now?: string
  },
): Promise<{ approved: number }> {
  if (!mayAct(input.actor, 'recordApproval')) throw forbidden()
  const documentNumber = input.documentNumber.trim()
  if (!documentNumber) throw fieldRefusal('documentNumber', 400, 'errors.required')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.approvedOn)) throw fieldRefusal('approvedOn', 400, 'errors.date')
  const now = input.now ?? nowIso()
  if (input.approvedOn > beijingToday(new Date(now))) throw fieldRefusal('approvedOn', 400, 'errors.dateNotPast')
  return db.transaction().execute(async (trx) => {
    const cycle = await loadOpenCycle(trx, input.cycleId, 'errors.alreadyPublished', input.expectedVersion)
    await closeIntakeInTransaction(trx, { cycle, actorUserId: input.actor.userId, by: 'approval', now })
    const counts = await countByStatus(trx, cycle.id)
    refuseWhileUndecidedOrUnnoticed(counts)
    const onNotice = await listApplicationsOfCycle(trx, cycle.id, 'publicNotice')
    if (onNotice.length === 0) throw new WorkflowError(409, 'errors.nothingToApprove')
    for (const application of onNotice) {
      const openObjections = await countOpenObjections(trx, application.id)
      if (openObjections > 0)
        throw new WorkflowError(409, 'errors.openObjections', `${application.id}`, {
          name: application.organisation_name,
        })
      const row = await loadApplicationForUpdate(trx, application.id)
      if (!isNoticeOver(row?.notice_ends_at ?? null, now)) {
        throw new WorkflowError(409, 'errors.noticeRunning', `${application.id}`, { date: row?.notice_ends_at ?? '' })
      }
      await applyInTransaction(trx, {
        applicationId: application.id,
        actor: input.actor,
        event: { type: 'APPROVE', openObjections, noticeOver: true },
        expectedVersion: application.version,
        now,
      })
    }
    if (!(await recordCycleApproval(trx, cycle.id, input.expectedVersion, documentNumber, input.approvedOn)))
      throw staleVersion()
    await appendAudit(trx, {
      entity: 'cycle',
      entityId: cycle.id,
      actorUserId: input.actor.userId,
      at: now,
      fromState: 'open',
      toState: 'open',
      event: 'APPROVE',
      reason: cycleAuditReason({
        kind: 'approval',
        documentNumber,
        approvedOn: input.approvedOn,
        count: onNotice.length,
      }),
    })
    return { approved: onNotice.length }
  })
}

/**
 * Publishes every result of the cycle in one transaction: all become visible at once, or none does. Only after
 * the city's approval is recorded: every application that was on notice must be approved.
 */
export async function publishResults(
  db: DB,
  input: { cycleId: number; actor: Actor; expectedVersion: number; now?: string },
): Promise<{ published: number }> {
  if (!mayAct(input.actor, 'publish')) throw forbidden()
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const cycle = await loadOpenCycle(trx, input.cycleId, 'errors.alreadyPublished', input.expectedVersion)
    await closeIntakeInTransaction(trx, { cycle, actorUserId: input.actor.userId, by: 'publication', now })
    const counts = await countByStatus(trx, cycle.id)
    refuseWhileUndecidedOrUnnoticed(counts)
    if ((counts.publicNotice ?? 0) > 0 || !cycle.approval_document) throw new WorkflowError(409, 'errors.notApproved')
    // The approved results, and the applications left out at the shortlist (their feedback goes out now too).
    const approved = await listForCycleStep(trx, cycle.id, ['approved', 'notShortlisted'])
    await applyToMany(trx, { rows: approved, actor: input.actor, event: { type: 'PUBLISH' }, now })
    if (!(await markCyclePublished(trx, cycle.id, input.expectedVersion, now))) throw staleVersion()
    await appendAudit(trx, {
      entity: 'cycle',
      entityId: cycle.id,
      actorUserId: input.actor.userId,
      at: now,
      fromState: 'open',
      toState: 'published',
      event: 'PUBLISH',
      reason: null,
    })
    return { published: approved.length }
  })
}

/**
 * What the settings page saves: every declared setting (./cycle-settings.ts), those of the first six always, the
 * others left as they are when absent (an older form without them); with the quotas and the required evidence.
 */
export type CycleSettings = Partial<SettingValues> &
  Pick<
    SettingValues,
    'deadline' | 'minReviewers' | 'aggregation' | 'noticeWorkingDays' | 'normaliseReviewers' | 'consensusThreshold'
  > & {
    /** Award level id to its number of places. */
    quotas: ReadonlyMap<number, number>
    /** The evidence required before submission; left as it is when the form did not carry the list. */
    requiredEvidence?: ReadonlyArray<EvidenceRequirement>
  }

/**
 * The secretariat's settings for a cycle: deadline, minimum reviewers per application, how scores are
 * combined, and each level's places. Versioned and audited like any state change; frozen once published,
 * and the settings that decide results are locked from the first decision on (see retractDecisions).
 */
export async function updateCycleSettings(
  db: DB,
  input: { cycleId: number; actor: Actor; expectedVersion: number; settings: CycleSettings; now?: string },
): Promise<number> {
  if (!mayAct(input.actor, 'runCycle')) throw forbidden()
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const cycle = await loadOpenCycle(trx, input.cycleId, 'admin.settingsLocked', input.expectedVersion)
    const levels = await listAwardLevels(trx, cycle.id)
    const statusCounts = await countByStatus(trx, cycle.id)
    const next = input.settings
    const settingsChanged = settingChanges(cycle, next)
    if (decisionsRecorded(statusCounts) > 0) {
      const locked: string[] = lockedChanges(settingsChanged, 'decision')
      if ([...next.quotas].some(([levelId, quota]) => levels.find((l) => l.id === levelId)?.quota !== quota))
        locked.push('quotas')
      if (locked.length > 0) throw new WorkflowError(409, 'errors.settingsLockedByDecisions', locked.join(', '))
    } else if (shortlistsSettled(statusCounts) > 0) {
      // The ranking a shortlist was chosen from may not change under it: how scores are counted locks at the first.
      const locked = lockedChanges(settingsChanged, 'shortlist')
      if (locked.length > 0) throw new WorkflowError(409, 'errors.settingsLockedByShortlist', locked.join(', '))
    }
    const categories = await listCycleCategories(trx, cycle.id)
    const changes: SettingChange[] = []
    for (const [levelId, quota] of input.settings.quotas) {
      const level = levels.find((l) => l.id === levelId)
      if (!level) throw new WorkflowError(400, 'errors.unknownLevel')
      if (level.quota === quota) continue
      // No level has holders here: quotas are locked once any decision is recorded (above).
      await updateLevelQuota(trx, level.id, quota)
      const category = categories.find((c) => c.code === level.category_code)
      changes.push({
        field: 'quota',
        category_zh: category?.name_zh ?? level.category_code,
        category_en: category?.name_en ?? level.category_code,
        level_zh: level.name_zh,
        level_en: level.name_en,
        from: level.quota,
        to: quota,
      })
    }
    if (input.settings.requiredEvidence) {
      const before = await listRequiredEvidence(trx, cycle.id)
      changes.push(...requiredEvidenceChanges(before, input.settings.requiredEvidence))
      await replaceRequiredEvidence(trx, cycle.id, input.settings.requiredEvidence)
    }
    // The rules between settings, and of the shortlist's size, before the write.
    const perApplication = next.reviewersPerApplication ?? cycle.reviewers_per_application
    if (perApplication < next.minReviewers)
      throw fieldRefusal('reviewersPerApplication', 400, 'errors.drawBelowMinimum', { min: next.minReviewers })
    if (next.shortlistSize !== undefined && next.shortlistSize !== cycle.shortlist_size) {
      // The counts read at the start of this transaction: nothing here has changed a status since.
      if ((statusCounts.shortlisted ?? 0) + (statusCounts.notShortlisted ?? 0) > 0)
        throw fieldRefusal('shortlistSize', 409, 'errors.shortlistSettled')
    }
    if (next.weights && !weightsAreValid(next.weights)) throw fieldRefusal('weightDocument', 400, 'errors.weightsSum')
    changes.push(...settingsChanged)
    const written = await updateCycleSettingsIfVersion(trx, cycle.id, input.expectedVersion, settingColumns(next))
    if (!written) throw staleVersion()
    // How sheets are combined changed: every stored standing of the cycle is recomputed in this transaction.
    if (cycle.aggregation !== next.aggregation || Boolean(cycle.normalise_reviewers) !== next.normaliseReviewers)
      await refreshCycleStandings(trx, cycle.id)
    await appendAudit(trx, {
      entity: 'cycle',
      entityId: cycle.id,
      actorUserId: input.actor.userId,
      at: now,
      fromState: 'open',
      toState: 'open',
      event: 'UPDATE_SETTINGS',
      reason: changes.length > 0 ? cycleAuditReason({ kind: 'settings', changes }) : null,
    })
    return input.expectedVersion + 1
  })
}

/**
 * Takes back every decision of the cycle, with a reason, so that the settings that decide results can change:
 * only before the public notice (after it, an objection is the only way back). Each application returns to
 * "scored" with its level cleared; the reason stands in each application's history and the cycle's.
 */
export async function retractDecisions(
  db: DB,
  input: { cycleId: number; actor: Actor; reason: string; now?: string },
): Promise<{ retracted: number }> {
  if (!mayAct(input.actor, 'decide')) throw forbidden()
  const reason = input.reason.trim()
  if (!reason) throw fieldRefusal('reason', 400, 'errors.required')
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const cycle = await loadOpenCycle(trx, input.cycleId, 'errors.alreadyPublished')
    const counts = await countByStatus(trx, cycle.id)
    if ((counts.publicNotice ?? 0) > 0) throw new WorkflowError(409, 'errors.noticeStarted')
    const decided = await listApplicationsOfCycle(trx, cycle.id, 'decided')
    if (decided.length === 0) throw new WorkflowError(409, 'errors.nothingToRetract')
    for (const application of decided) {
      await applyInTransaction(trx, {
        applicationId: application.id,
        actor: input.actor,
        event: { type: 'RETRACT_DECISION', reason, shortlisted: cycle.shortlist_size !== null },
        expectedVersion: application.version,
        changes: { decision_level_id: null, decision_reason: null },
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
      event: 'RETRACT_DECISIONS',
      reason: cycleAuditReason({ kind: 'retract', count: decided.length, reason }),
    })
    return { retracted: decided.length }
  })
}

/**
 * Creates next year's cycle from this one: categories, levels and quotas, required evidence, every setting
 * (aggregation, normalisation, thresholds, the draw's numbers, the notice length), and the deadline and review due
 * date one year on. The new cycle becomes the current one; this one stays readable. Its history says where it came
 * from.
 */
export async function createNextCycle(
  db: DB,
  input: { fromCycleId: number; actor: Actor; now?: string },
): Promise<number> {
  if (!mayAct(input.actor, 'runCycle')) throw forbidden()
  const now = input.now ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const from = await getCycle(trx, input.fromCycleId)
    if (!from) throw notFound()
    const year = from.year + 1
    // One intake at a time: next year's cycle opens its intake only once this year's has ended.
    if (intakeOpen(from, now)) throw new WorkflowError(409, 'errors.previousIntakeOpen', undefined, { year: from.year })
    if (await findCycleByYear(trx, year)) throw new WorkflowError(409, 'errors.cycleExists', undefined, { year })
    const [categories, levels, requiredEvidence] = await Promise.all([
      listCycleCategories(trx, from.id),
      listAwardLevels(trx, from.id),
      listRequiredEvidence(trx, from.id),
    ])
    const id = await createCycle(trx, {
      year,
      nameZh: nameForYear(from.name_zh, from.year, year),
      nameEn: nameForYear(from.name_en, from.year, year),
      editionId: from.edition_id,
      submissionDeadline: oneYearLater(from.submission_deadline),
      minReviewers: from.min_reviewers,
      categories: categories.map((category) => ({
        code: category.code,
        nameZh: category.name_zh,
        nameEn: category.name_en,
        levels: levels
          .filter((level) => level.category_code === category.code)
          .sort((a, b) => a.rank - b.rank)
          .map((level) => ({
            code: level.code,
            nameZh: level.name_zh,
            nameEn: level.name_en,
            quota: level.quota,
            awardType: level.award_type,
            outsideQuota: level.outside_quota === 1,
          })),
      })),
      requiredEvidence,
    })
    await copyCycleSettings(trx, id, nextCycleColumns(from))
    await appendAudit(trx, {
      entity: 'cycle',
      entityId: id,
      actorUserId: input.actor.userId,
      at: now,
      fromState: null,
      toState: 'open',
      event: 'CREATE_CYCLE',
      reason: cycleAuditReason({ kind: 'copied', fromYear: from.year }),
    })
    return id
  })
}
