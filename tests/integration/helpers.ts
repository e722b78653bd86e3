import {
  acceptIntoReview,
  confirmAsRepresentative,
  createApplicantAccount,
  createAwardCycle,
  createCompleteDraft,
  createStaffAccount,
} from '../../db/factories'
import { getDb } from '../../db/client.server'
import { replaceOfficialCalendarYear } from '../../db/repositories/calendar'
import { replaceRelations } from '../../db/repositories/experts'
import { officialCalendar } from '../../workflows/cycle/calendar.server'
import { getCriteriaTree } from '../../db/repositories/criteria'
import type { Actor } from '../../workflows/application/application.policy'
import { assignReviewer, respondToAssignment, saveScoreSheet } from '../../workflows/review/review.server'
import { expect } from 'vitest'
import { WorkflowError } from '../../workflows/errors'
import { type CycleSettings, updateCycleSettings } from '../../workflows/cycle/cycle.server'
import { shortlistCategory } from '../../workflows/review/shortlist.server'

let counter = 0
const unique = () => ++counter

/**
 * A notice cannot start into a year whose official holidays are unknown (issue 17). The tests' notices run in 2030
 * (fixed dates) and around today (the real clock, into next year near the end of December): those years get an
 * official calendar as the secretariat would enter it (New Year's Day; the rest of the year counts weekends), where
 * the built-in data lacks it. Tests of an unknown year use years far from these (2040 on).
 */
async function testYearsCalendars(db: ReturnType<typeof getDb>, enteredBy: number): Promise<void> {
  const calendar = await officialCalendar(db)
  const thisYear = new Date().getUTCFullYear()
  for (const year of [2029, 2030, 2031, thisYear, thisYear + 1]) {
    if (calendar.knownYears.has(year)) continue
    await replaceOfficialCalendarYear(db, {
      year,
      days: [{ date: `${year}-01-01`, kind: 'holiday' }],
      enteredBy,
      at: new Date().toISOString(),
    })
  }
}

export async function world() {
  const db = getDb()
  const year = 2000 + unique()
  const cycle = await createAwardCycle(db, year, { deadline: '2999-12-31T00:00:00.000Z' })
  const admin = await createStaffAccount(db, {
    role: 'admin',
    name: '秘书处',
    email: `admin${year}@t.example`,
    password: 'password-123',
  })
  await testYearsCalendars(db, admin.userId)
  const reviewers: Actor[] = []
  for (let i = 0; i < 4; i++) {
    reviewers.push(
      await createStaffAccount(db, {
        role: 'reviewer',
        name: `专家${i}`,
        email: `r${i}-${year}@t.example`,
        password: 'password-123',
      }),
    )
  }
  const applicant = await createApplicantAccount(db, {
    n: year * 10,
    name: '甲公司',
    email: `a-${year}@t.example`,
    password: 'password-123',
  })
  const otherApplicant = await createApplicantAccount(db, {
    n: year * 10 + 1,
    name: '乙公司',
    email: `b-${year}@t.example`,
    password: 'password-123',
  })
  const tree = await getCriteriaTree(db, cycle.edition_id)
  // The pool a draw or redraw sees is this world's four experts (earlier worlds' are retired).
  await db
    .updateTable('experts')
    .set({ active: 0 })
    .where(
      'user_id',
      'not in',
      reviewers.map((r) => r.userId),
    )
    .execute()
  return { db, cycle, admin, reviewers, applicant, otherApplicant, tree }
}

export type World = Awaited<ReturnType<typeof world>>

/** Submitted, eligibility accepted, and the given reviewers assigned: ready for scoring. */
export async function inDocumentReview(
  w: World,
  actor: Actor = w.applicant,
  reviewers = w.reviewers.slice(0, 3),
  options: {
    categoryCode?: string
    /** What the applicant does to the draft before submitting it (a step saved through its route, say). */
    beforeSubmit?: (draft: { id: number; version: number }) => Promise<void>
  } = {},
) {
  const draft = await createCompleteDraft(w.db, actor, w.cycle.id, { categoryCode: options.categoryCode })
  await options.beforeSubmit?.(draft)
  const current = await w.db
    .selectFrom('applications')
    .select('version')
    .where('id', '=', draft.id)
    .executeTakeFirstOrThrow()
  // A draft changed after its confirmation is confirmed again by the legal representative before it goes in.
  const confirmed = options.beforeSubmit
    ? await confirmAsRepresentative(w.db, actor, draft.id, current.version)
    : current.version
  const version = await acceptIntoReview(w.db, {
    draft: { id: draft.id, version: confirmed },
    applicant: actor,
    admin: w.admin,
  })
  for (const reviewer of reviewers)
    await assignReviewer(w.db, { applicationId: draft.id, reviewerId: reviewer.userId, actor: w.admin })
  return { id: draft.id, version }
}

/** The secretariat settles the economy shortlist with these entries on it, in ranking order (no reason needed). */
export function shortlistEconomy(w: { db: World['db']; cycle: { id: number }; admin: Actor }, shortlisted: number[]) {
  return shortlistCategory(w.db, {
    cycleId: w.cycle.id,
    categoryCode: 'economy',
    shortlisted,
    reason: '',
    actor: w.admin,
  })
}

/** A complete sheet giving every item the same percentage. */
export function fullSheet(w: World, percentage: number) {
  const scores = new Map(w.tree.categories.flatMap((c) => c.items.map((item) => [item.id, percentage] as const)))
  const comments = new Map(
    w.tree.categories.map((c) => [c.id, { strengths: '方法系统', opportunities: '展开不足' }] as const),
  )
  return { scores, comments }
}

/** The invited expert declares no conflict, as the reviewer's page asks before anything opens. */
export async function acceptInvitation(w: { db: World['db'] }, applicationId: number, reviewer: Actor) {
  const assignment = await w.db
    .selectFrom('assignments')
    .select('status')
    .where('application_id', '=', applicationId)
    .where('reviewer_id', '=', reviewer.userId)
    .executeTakeFirst()
  if (assignment?.status === 'invited')
    await respondToAssignment(w.db, { applicationId, actor: reviewer, answer: 'accept' })
}

export async function submitSheet(w: World, applicationId: number, reviewer: Actor, percentage: number) {
  await acceptInvitation(w, applicationId, reviewer)
  return saveScoreSheet(w.db, {
    applicationId,
    actor: reviewer,
    expectedVersion: null,
    ...fullSheet(w, percentage),
    submit: true,
  })
}

/** Awaits a promise that must be refused by a workflow, and returns the refusal. */
export async function rejection(promise: Promise<unknown>): Promise<WorkflowError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(WorkflowError)
  return error as WorkflowError
}

/** The city's approval (document number, the notice's last day) and then publication, as the secretariat does it. */
export async function approveAndPublish(w: { db: World['db']; cycle: { id: number }; admin: Actor }, now: string) {
  const { approveResults, publishResults } = await import('../../workflows/cycle/cycle.server')
  const version = (
    await w.db.selectFrom('cycles').select('version').where('id', '=', w.cycle.id).executeTakeFirstOrThrow()
  ).version
  await approveResults(w.db, {
    cycleId: w.cycle.id,
    actor: w.admin,
    expectedVersion: version,
    documentNumber: '深府函〔2030〕1号',
    approvedOn: now.slice(0, 10),
    now,
  })
  return publishResults(w.db, { cycleId: w.cycle.id, actor: w.admin, expectedVersion: version + 1, now })
}

/** The committee awards the application its category's level of that code (economy's by default), with a reason. */
/** The id of the world's award level of that code in a category (economy's by default). */
export async function levelIdOf(w: World, code: string, category = 'economy'): Promise<number> {
  const level = await w.db
    .selectFrom('award_levels')
    .select('id')
    .where('cycle_id', '=', w.cycle.id)
    .where('category_code', '=', category)
    .where('code', '=', code)
    .executeTakeFirstOrThrow()
  return level.id
}

export async function decideLevel(w: World, applicationId: number, code: string, reason: string, category = 'economy') {
  const { decideApplication } = await import('../../workflows/application/application.server')
  const level = { id: await levelIdOf(w, code, category) }
  const row = await w.db
    .selectFrom('applications')
    .select('version')
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow()
  await decideApplication(w.db, {
    applicationId,
    actor: w.admin,
    expectedVersion: row.version,
    levelId: level.id,
    reason,
  })
}

/** A moment before any slot a test sets (slots are in 2030). */
export const beforeSlots = '2029-06-01T02:00:00.000Z'
/** During the helpers' defence (2030-03-02 09:00 Beijing) and on their site visit's day (2030-03-20). */
export const atDefence = '2030-03-02T01:30:00.000Z'
export const atSiteVisit = '2030-03-20T02:00:00.000Z'

/** The applicant account of an application's organisation, as it logs in to confirm a slot. */
export async function applicantOf(db: World['db'], applicationId: number): Promise<Actor> {
  const row = await db
    .selectFrom('applications')
    .innerJoin('users', 'users.organisation_id', 'applications.organisation_id')
    .select(['users.id', 'applications.organisation_id'])
    .where('applications.id', '=', applicationId)
    .where('users.role', '=', 'applicant')
    .executeTakeFirstOrThrow()
  return { userId: row.id, role: 'applicant', organisationId: row.organisation_id }
}

/**
 * The slot's time has come, for a test that goes through the pages (which run on the real clock) and cannot wait
 * for 2030: the slot is moved to a moment already past, as if the day had arrived.
 */
export async function slotHasCome(db: World['db'], applicationId: number, stage: 'defence' | 'siteVisit') {
  if (stage === 'defence')
    await db
      .updateTable('defences')
      .set({ starts_at: '2020-01-06T09:00' })
      .where('application_id', '=', applicationId)
      .execute()
  else
    await db
      .updateTable('site_visits')
      .set({ visit_date: '2020-01-06' })
      .where('application_id', '=', applicationId)
      .execute()
}

/** The applicant confirms the slot, as its page asks; the sheets open only then (and from the slot's start). */
export async function confirmSlot(w: { db: World['db'] }, applicationId: number, stage: 'defence' | 'siteVisit') {
  const { confirmSchedule } = await import('../../workflows/stages/confirm.server')
  await confirmSchedule(w.db, { applicationId, stage, actor: await applicantOf(w.db, applicationId), now: beforeSlots })
}

/** A panel or team member declares no conflict with the applicant (回避声明), as their page asks first. */
export async function declareNoConflict(
  w: { db: World['db'] },
  stage: 'defence' | 'siteVisit',
  applicationId: number,
  member: Actor,
) {
  const { declarePanelSeat } = await import('../../workflows/stages/panel-declaration.server')
  await declarePanelSeat(w.db, {
    stage,
    applicationId,
    actor: member,
    declaration: { conflict: false },
    now: beforeSlots,
  })
}

/** Each panel member declares no conflict, then submits a defence sheet at `percentage` % on every category. */
export async function scoreDefence(
  w: World,
  applicationId: number,
  panel: readonly number[],
  percentage: number,
  notes = '',
) {
  const { saveDefenceSheet } = await import('../../workflows/stages/defence.server')
  const scores = new Map(w.tree.categories.map((c) => [c.id, percentage] as const))
  for (const userId of panel) {
    const member = w.reviewers.find((r) => r.userId === userId)!
    await declareNoConflict(w, 'defence', applicationId, member)
    await saveDefenceSheet(w.db, {
      applicationId,
      actor: member,
      scores,
      notes,
      submit: true,
      expectedVersion: null,
      now: atDefence,
    })
  }
}

/**
 * A shortlisted application through the second half: defence before a panel of three scoring every category at
 * `defence` %, then a site visit by a team of two whose leader confirms document review's percentages (the
 * reference) or sets `siteVisit` % everywhere with a note. Ends awaiting the committee.
 */
export async function throughSecondHalf(
  w: World,
  applicationId: number,
  scores: { defence: number; siteVisit?: number },
  options: { stopBeforeSiteVisitSheet?: boolean } = {},
) {
  const { scheduleDefence } = await import('../../workflows/stages/defence.server')
  const { scheduleSiteVisit, saveSiteVisitSheet, documentReference } =
    await import('../../workflows/stages/site-visit.server')
  await w.db
    .updateTable('cycles')
    .set({ defence_panel_size: 3, site_visit_team_size: 2 })
    .where('id', '=', w.cycle.id)
    .execute()
  const version = async () =>
    (await w.db.selectFrom('applications').select('version').where('id', '=', applicationId).executeTakeFirstOrThrow())
      .version
  const panel = await scheduleDefence(w.db, {
    applicationId,
    startsAt: '2030-03-02T09:00',
    minutes: 40,
    place: '市民中心B区301',
    actor: w.admin,
    expectedVersion: await version(),
    now: beforeSlots,
    seed: 7,
  })
  await confirmSlot(w, applicationId, 'defence')
  await scoreDefence(w, applicationId, panel, scores.defence, '陈述清晰')
  const team = await scheduleSiteVisit(w.db, {
    applicationId,
    visitDate: '2030-03-20',
    address: '深圳市南山区科技园',
    actor: w.admin,
    expectedVersion: await version(),
    now: beforeSlots,
    seed: 11,
  })
  await confirmSlot(w, applicationId, 'siteVisit')
  if (options.stopBeforeSiteVisitSheet) return { panel, team }
  const leader = w.reviewers.find((r) => r.userId === team[0])!
  await declareNoConflict(w, 'siteVisit', applicationId, leader)
  const reference = await documentReference(w.db, applicationId)
  const items = new Map(
    w.tree.categories.flatMap((c) =>
      c.items.map(
        (item) =>
          [
            item.id,
            scores.siteVisit === undefined
              ? { percentage: reference.get(item.id)!, note: '' }
              : { percentage: scores.siteVisit, note: '现场查阅记录' },
          ] as const,
      ),
    ),
  )
  const visit = await w.db
    .selectFrom('site_visits')
    .select('version')
    .where('application_id', '=', applicationId)
    .executeTakeFirstOrThrow()
  await saveSiteVisitSheet(w.db, {
    applicationId,
    actor: leader,
    items,
    findings: [],
    submit: true,
    expectedVersion: visit.version,
    now: atSiteVisit,
  })
  return { panel, team }
}

/**
 * The secretariat changes some of the cycle's settings through the settings' workflow, the others kept as the
 * cycle has them (and no quota changed unless given).
 */
export async function changeSettings(w: World, changes: Partial<CycleSettings>): Promise<void> {
  const cycle = await w.db.selectFrom('cycles').selectAll().where('id', '=', w.cycle.id).executeTakeFirstOrThrow()
  await updateCycleSettings(w.db, {
    cycleId: cycle.id,
    actor: w.admin,
    expectedVersion: cycle.version,
    settings: {
      deadline: cycle.submission_deadline,
      minReviewers: cycle.min_reviewers,
      aggregation: cycle.aggregation,
      noticeWorkingDays: cycle.notice_working_days,
      normaliseReviewers: cycle.normalise_reviewers === 1,
      consensusThreshold: cycle.consensus_threshold,
      quotas: new Map(),
      ...changes,
    },
  })
}

/** The expert advised this organisation until the end of last year: a conflict for three years after. */
export async function advisedUntilLastYear(w: { db: World['db'] }, expert: Actor, organisation = '甲公司') {
  const row = await w.db
    .selectFrom('experts')
    .select('id')
    .where('user_id', '=', expert.userId)
    .executeTakeFirstOrThrow()
  await replaceRelations(w.db, row.id, [
    { kind: 'consultingClient', name: organisation, uscc: null, endedOn: '2025-12-31' },
  ])
}
