import { sql } from 'kysely'
import type { AssignmentStatus } from '../schema'
import type { Executor } from './types'

/** Assignments still part of the review (see workflows/review/assignment.machine.ts). */
const active: AssignmentStatus[] = ['invited', 'accepted', 'inProgress', 'submitted']
/** Active and not yet submitted: an invitation to answer or a sheet to finish. */
const open: AssignmentStatus[] = ['invited', 'accepted', 'inProgress']

export async function insertAssignment(
  db: Executor,
  assignment: {
    applicationId: number
    reviewerId: number
    assignedBy: number
    at: string
    drawId?: number | null
    dueDate?: string | null
  },
) {
  const row = await db
    .insertInto('assignments')
    .values({
      application_id: assignment.applicationId,
      reviewer_id: assignment.reviewerId,
      assigned_by: assignment.assignedBy,
      assigned_at: assignment.at,
      draw_id: assignment.drawId ?? null,
      due_date: assignment.dueDate ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Many invitations at once (a category's draw), in slices: SQLite limits the values bound per statement. */
export async function insertAssignments(
  db: Executor,
  rows: ReadonlyArray<{
    applicationId: number
    reviewerId: number
    assignedBy: number
    at: string
    drawId: number
    dueDate: string | null
    /** The application's cycle, as the draw knows it: the trigger that keeps it (migration 0034) then writes nothing. */
    cycleId: number
  }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('assignments')
      .values(
        rows.slice(i, i + 100).map((r) => ({
          application_id: r.applicationId,
          reviewer_id: r.reviewerId,
          assigned_by: r.assignedBy,
          assigned_at: r.at,
          draw_id: r.drawId,
          due_date: r.dueDate,
          cycle_id: r.cycleId,
        })),
      )
      .execute()
  }
}

export function findAssignment(db: Executor, applicationId: number, reviewerId: number) {
  return db
    .selectFrom('assignments')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('reviewer_id', '=', reviewerId)
    .executeTakeFirst()
}

/** Assignments of one application with each sheet's state and total points (hundredths). */
export function listAssignmentsOfApplication(db: Executor, applicationId: number) {
  return db
    .selectFrom('assignments')
    .innerJoin('users', 'users.id', 'assignments.reviewer_id')
    .leftJoin('score_sheets', 'score_sheets.assignment_id', 'assignments.id')
    .select([
      'assignments.id',
      'assignments.reviewer_id',
      'assignments.assigned_at',
      'users.display_name as reviewer_name',
      // An invited expert who has not yet set a password (no usable hash) cannot log in to answer.
      sql<number>`case when users.password_hash like '$%' then 1 else 0 end`.as('reviewer_can_log_in'),
      'assignments.recused_at',
      'assignments.recusal_reason',
      'assignments.status',
      'assignments.version',
      'assignments.draw_id',
      'assignments.responded_at',
      'assignments.ended_at',
      'assignments.end_reason',
      'assignments.due_date',
      'score_sheets.id as sheet_id',
      'score_sheets.status as sheet_status',
      'score_sheets.submitted_at',
    ])
    .where('assignments.application_id', '=', applicationId)
    .orderBy('assignments.id')
    .execute()
}

export const reviewerPageSize = 50

/** An expert's assignments of one cycle, or of every other cycle (by the cycle each assignment carries). */
function reviewerScope(db: Executor, reviewerId: number, scope: { cycleId: number; past: boolean }) {
  const query = db.selectFrom('assignments').where('assignments.reviewer_id', '=', reviewerId)
  return scope.past
    ? query.where('assignments.cycle_id', '!=', scope.cycleId)
    : query.where('assignments.cycle_id', '=', scope.cycleId)
}

export interface AssignmentCount {
  total: number
  /** Invitations not yet answered. */
  invited: number
}

/**
 * How many assignments an expert has in the given cycle and in all others, and how many invitations wait for an
 * answer in each: one read of the (reviewer, cycle, id, status) index.
 */
export async function countReviewerAssignments(
  db: Executor,
  reviewerId: number,
  cycleId: number,
): Promise<{ current: AssignmentCount; past: AssignmentCount }> {
  const rows = await db
    .selectFrom('assignments')
    .select((eb) => [
      eb('assignments.cycle_id', '=', cycleId).as('current'),
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('assignments.status', '=', 'invited').then(1).else(0).end()).as('invited'),
    ])
    .where('assignments.reviewer_id', '=', reviewerId)
    .groupBy('current')
    .execute()
  const of = (current: boolean): AssignmentCount => {
    const row = rows.find((r) => Boolean(r.current) === current)
    return { total: Number(row?.total ?? 0), invited: Number(row?.invited ?? 0) }
  }
  return { current: of(true), past: of(false) }
}

/** One page of an expert's assignments, newest first (keyset by assignment id): those of the given cycle, or of every other cycle. */
export async function reviewerAssignmentPage(
  db: Executor,
  reviewerId: number,
  scope: { cycleId: number; past: boolean; before?: number },
) {
  let page = reviewerScope(db, reviewerId, scope)
    .innerJoin('applications', 'applications.id', 'assignments.application_id')
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .innerJoin('cycles', 'cycles.id', 'applications.cycle_id')
    .leftJoin('score_sheets', 'score_sheets.assignment_id', 'assignments.id')
    .select([
      'assignments.id',
      'assignments.application_id',
      'organisations.name as organisation_name',
      'applications.category_code',
      'applications.status',
      'cycles.year',
      'cycles.id as cycle_id',
      'score_sheets.status as sheet_status',
      'assignments.recused_at',
      'assignments.status as assignment_status',
      'assignments.due_date',
    ])
  if (scope.before !== undefined) page = page.where('assignments.id', '<', scope.before)
  const fetched = await page
    .orderBy('assignments.id', 'desc')
    .limit(reviewerPageSize + 1)
    .execute()
  return { rows: fetched.slice(0, reviewerPageSize), hasMore: fetched.length > reviewerPageSize }
}

export async function countSheets(
  db: Executor,
  applicationId: number,
): Promise<{ assigned: number; submitted: number }> {
  const row = await db
    .selectFrom('assignments')
    .leftJoin('score_sheets', 'score_sheets.assignment_id', 'assignments.id')
    .select((eb) => [
      eb.fn.count<number>('assignments.id').as('assigned'),
      eb.fn.sum<number>(eb.case().when('score_sheets.status', '=', 'submitted').then(1).else(0).end()).as('submitted'),
    ])
    .where('assignments.application_id', '=', applicationId)
    // Declined, recused and removed assignments no longer count; an invitation not yet answered does.
    .where('assignments.status', 'in', active)
    .executeTakeFirstOrThrow()
  return { assigned: Number(row.assigned), submitted: Number(row.submitted ?? 0) }
}

/** Moves an assignment to its next state if it is still at the version read; false when someone was first. */
export async function updateAssignmentIfVersion(
  db: Executor,
  assignmentId: number,
  expectedVersion: number,
  changes: {
    status: AssignmentStatus
    responded_at?: string
    ended_at?: string
    end_reason?: string
    recused_at?: string
    recusal_reason?: string
  },
): Promise<boolean> {
  const result = await db
    .updateTable('assignments')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', assignmentId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export function getAssignment(db: Executor, id: number) {
  return db.selectFrom('assignments').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Assignments each expert holds in a cycle (still active), for the draw's load balance. */
export async function expertLoads(db: Executor, cycleId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('assignments')
    .innerJoin('applications', 'applications.id', 'assignments.application_id')
    .select((eb) => ['assignments.reviewer_id', eb.fn.countAll<number>().as('n')])
    .where('applications.cycle_id', '=', cycleId)
    .where('assignments.status', 'in', active)
    .groupBy('assignments.reviewer_id')
    .execute()
  return new Map(rows.map((row) => [row.reviewer_id, Number(row.n)]))
}

/** Every expert ever assigned to each of these applications (active or not): never drawn for it again. */
export async function assignedExperts(
  db: Executor,
  applicationIds: readonly number[],
): Promise<Map<number, { all: Set<number>; active: number }>> {
  const result = new Map(applicationIds.map((id) => [id, { all: new Set<number>(), active: 0 }]))
  if (applicationIds.length === 0) return result
  const rows = await db
    .selectFrom('assignments')
    .select(['application_id', 'reviewer_id', 'status'])
    .where('application_id', 'in', applicationIds)
    .execute()
  for (const row of rows) {
    const entry = result.get(row.application_id)!
    entry.all.add(row.reviewer_id)
    if (active.includes(row.status)) entry.active++
  }
  return result
}

/** The experts who declared a conflict with this application (recused from its review): kept out of its later stages. */
/** Experts who declared a conflict with this applicant: recused from its document review or left a panel or team. */
export async function declaredConflictsWith(db: Executor, applicationId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('assignments')
    .select('reviewer_id as expert')
    .where('application_id', '=', applicationId)
    .where('status', '=', 'recused')
    .union(
      db
        .selectFrom('panel_members')
        .select('expert_user_id as expert')
        .where('application_id', '=', applicationId)
        .where('recused_at', 'is not', null),
    )
    .execute()
  return new Set(rows.map((row) => row.expert))
}

export function findSheet(db: Executor, assignmentId: number) {
  return db.selectFrom('score_sheets').selectAll().where('assignment_id', '=', assignmentId).executeTakeFirst()
}

export async function insertSheet(db: Executor, assignmentId: number, at: string): Promise<number> {
  const row = await db
    .insertInto('score_sheets')
    .values({ assignment_id: assignmentId, status: 'draft', updated_at: at, submitted_at: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateSheetIfVersion(
  db: Executor,
  sheetId: number,
  expectedVersion: number,
  values: {
    status: 'draft' | 'submitted'
    updatedAt: string
    submittedAt: string | null
    /** The submitted sheet's points in hundredths; null while a draft. */
    points: { total: number; results: number; leadership: number } | null
  },
): Promise<boolean> {
  const result = await db
    .updateTable('score_sheets')
    .set((eb) => ({
      status: values.status,
      updated_at: values.updatedAt,
      submitted_at: values.submittedAt,
      version: eb('version', '+', 1),
      total: values.points?.total ?? null,
      results: values.points?.results ?? null,
      leadership: values.points?.leadership ?? null,
    }))
    .where('id', '=', sheetId)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export async function replaceSheetContent(
  db: Executor,
  sheetId: number,
  scores: ReadonlyArray<{ itemId: number; percentage: number }>,
  comments: ReadonlyArray<{ categoryId: number; strengths: string; opportunities: string }>,
) {
  await db.deleteFrom('item_scores').where('sheet_id', '=', sheetId).execute()
  await db.deleteFrom('category_comments').where('sheet_id', '=', sheetId).execute()
  if (scores.length > 0) {
    await db
      .insertInto('item_scores')
      .values(scores.map((s) => ({ sheet_id: sheetId, item_id: s.itemId, percentage: s.percentage })))
      .execute()
  }
  if (comments.length > 0) {
    await db
      .insertInto('category_comments')
      .values(
        comments.map((c) => ({
          sheet_id: sheetId,
          category_id: c.categoryId,
          strengths: c.strengths,
          opportunities: c.opportunities,
        })),
      )
      .execute()
  }
}

export function listSheetScores(db: Executor, sheetId: number) {
  return db.selectFrom('item_scores').select(['item_id', 'percentage']).where('sheet_id', '=', sheetId).execute()
}

export function listSheetComments(db: Executor, sheetId: number) {
  return db
    .selectFrom('category_comments')
    .select(['category_id', 'strengths', 'opportunities'])
    .where('sheet_id', '=', sheetId)
    .execute()
}

/**
 * Every submitted item score of a cycle (or of one application in it), with what the scoring module needs to
 * total it. One query for the whole ranking, so the ranking page does not grow a query per application.
 */
export function listSubmittedScores(db: Executor, scope: { cycleId: number } | { applicationId: number }) {
  let query = db
    .selectFrom('item_scores')
    .innerJoin('score_sheets', 'score_sheets.id', 'item_scores.sheet_id')
    .innerJoin('assignments', 'assignments.id', 'score_sheets.assignment_id')
    .innerJoin('applications', 'applications.id', 'assignments.application_id')
    .innerJoin('criteria_items', 'criteria_items.id', 'item_scores.item_id')
    .innerJoin('criteria_categories', 'criteria_categories.id', 'criteria_items.category_id')
    .select([
      'applications.id as application_id',
      'score_sheets.id as sheet_id',
      'assignments.reviewer_id',
      'item_scores.percentage',
      'criteria_items.points as max_points',
      'criteria_categories.code as category_code',
    ])
    .where('score_sheets.status', '=', 'submitted')
    // A sheet taken out after submission (its expert removed for a conflict found later) counts no more.
    .where('assignments.status', '!=', 'removed')
  query =
    'cycleId' in scope
      ? query.where('applications.cycle_id', '=', scope.cycleId)
      : query.where('applications.id', '=', scope.applicationId)
  return query.execute()
}

/**
 * The stored points of every submitted sheet in a cycle (or of one application): one row per sheet, what the
 * standings are computed from (never the item rows).
 */
export function listSubmittedSheetTotals(db: Executor, scope: { cycleId: number } | { applicationId: number }) {
  let query = db
    .selectFrom('score_sheets')
    .innerJoin('assignments', 'assignments.id', 'score_sheets.assignment_id')
    .select([
      'score_sheets.id as sheet_id',
      'assignments.application_id',
      'assignments.reviewer_id',
      'score_sheets.total',
      'score_sheets.results',
      'score_sheets.leadership',
    ])
    .where('score_sheets.status', '=', 'submitted')
    // A sheet taken out after submission (its expert removed for a conflict found later) counts no more.
    .where('assignments.status', '!=', 'removed')
  query =
    'cycleId' in scope
      ? query
          .innerJoin('applications', 'applications.id', 'assignments.application_id')
          .where('applications.cycle_id', '=', scope.cycleId)
      : query.where('assignments.application_id', '=', scope.applicationId)
  return query.execute()
}

/** Submitted sheets of one application with their reviewers: drafts stay private to the reviewer. */
export function listSubmittedSheetsOfApplication(db: Executor, applicationId: number) {
  return (
    db
      .selectFrom('score_sheets')
      .innerJoin('assignments', 'assignments.id', 'score_sheets.assignment_id')
      .innerJoin('users', 'users.id', 'assignments.reviewer_id')
      .select([
        'score_sheets.id',
        'assignments.reviewer_id',
        'users.display_name as reviewer_name',
        'score_sheets.submitted_at',
        'score_sheets.total',
      ])
      .where('assignments.application_id', '=', applicationId)
      .where('score_sheets.status', '=', 'submitted')
      // A sheet taken out after submission (its expert removed for a conflict found later) counts no more.
      .where('assignments.status', '!=', 'removed')
      .orderBy('assignments.id')
      .execute()
  )
}

export function listItemScoresOfSheets(db: Executor, sheetIds: readonly number[]) {
  if (sheetIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('item_scores')
    .select(['sheet_id', 'item_id', 'percentage'])
    .where('sheet_id', 'in', sheetIds)
    .execute()
}

export function listCommentsOfSheets(db: Executor, sheetIds: readonly number[]) {
  if (sheetIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('category_comments')
    .select(['sheet_id', 'category_id', 'strengths', 'opportunities'])
    .where('sheet_id', 'in', sheetIds)
    .execute()
}

/** Reviewers' written comments on an application's submitted sheets, by category, without who wrote them. */
export function listFeedbackOfApplication(db: Executor, applicationId: number) {
  return db
    .selectFrom('category_comments')
    .innerJoin('score_sheets', 'score_sheets.id', 'category_comments.sheet_id')
    .innerJoin('assignments', 'assignments.id', 'score_sheets.assignment_id')
    .select(['category_comments.category_id', 'category_comments.strengths', 'category_comments.opportunities'])
    .where('assignments.application_id', '=', applicationId)
    .where('score_sheets.status', '=', 'submitted')
    .where('assignments.recused_at', 'is', null)
    .orderBy('category_comments.category_id')
    .orderBy('score_sheets.id')
    .execute()
}

/** Per expert, this cycle's assignments by state, and how many active ones are past their due date. */
export async function reviewerProgress(db: Executor, cycleId: number, today: string) {
  const rows = await db
    .selectFrom('assignments')
    .innerJoin('applications', 'applications.id', 'assignments.application_id')
    .innerJoin('users', 'users.id', 'assignments.reviewer_id')
    .select((eb) => [
      'assignments.reviewer_id',
      'users.display_name',
      'users.email',
      eb.fn.sum<number>(eb.case().when('assignments.status', '=', 'invited').then(1).else(0).end()).as('invited'),
      eb.fn.sum<number>(eb.case().when('assignments.status', '=', 'accepted').then(1).else(0).end()).as('accepted'),
      eb.fn
        .sum<number>(eb.case().when('assignments.status', '=', 'inProgress').then(1).else(0).end())
        .as('in_progress'),
      eb.fn.sum<number>(eb.case().when('assignments.status', '=', 'submitted').then(1).else(0).end()).as('submitted'),
      eb.fn
        .sum<number>(
          eb.case().when('assignments.status', 'in', ['declined', 'recused', 'removed']).then(1).else(0).end(),
        )
        .as('ended'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('assignments.status', 'in', open), eb('assignments.due_date', '<', today)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('overdue'),
    ])
    .where('applications.cycle_id', '=', cycleId)
    .groupBy(['assignments.reviewer_id', 'users.display_name', 'users.email'])
    .orderBy('users.display_name')
    .execute()
  return rows.map((row) => ({
    reviewerId: row.reviewer_id,
    name: row.display_name,
    email: row.email,
    invited: Number(row.invited),
    accepted: Number(row.accepted),
    inProgress: Number(row.in_progress),
    submitted: Number(row.submitted),
    ended: Number(row.ended),
    overdue: Number(row.overdue),
  }))
}

/** Active assignments per application of a cycle in document review, for the desk's "experts missing" mark. */
export async function activeAssignmentCounts(
  db: Executor,
  cycleId: number,
  applicationIds?: readonly number[],
): Promise<Map<number, number>> {
  if (applicationIds?.length === 0) return new Map()
  let query = db
    .selectFrom('applications')
    .leftJoin('assignments', (join) =>
      join.onRef('assignments.application_id', '=', 'applications.id').on('assignments.status', 'in', active),
    )
    .select((eb) => ['applications.id', eb.fn.count<number>('assignments.id').as('n')])
    .where('applications.cycle_id', '=', cycleId)
    .where('applications.status', '=', 'documentReview')
  // The desk asks only for the page it shows.
  if (applicationIds) query = query.where('applications.id', 'in', applicationIds)
  const rows = await query.groupBy('applications.id').execute()
  return new Map(rows.map((row) => [row.id, Number(row.n)]))
}

/** An expert's open assignments in a cycle, with each applicant (for conflicts found after the expert's data changed). */
export function listOpenAssignmentsOfReviewer(db: Executor, reviewerId: number, cycleId: number) {
  return db
    .selectFrom('assignments')
    .innerJoin('applications', 'applications.id', 'assignments.application_id')
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .select([
      'assignments.id',
      'assignments.application_id',
      'organisations.name',
      'organisations.uscc',
      'organisations.name_key',
      'organisations.uscc_key',
    ])
    .where('assignments.reviewer_id', '=', reviewerId)
    .where('assignments.status', 'in', open)
    .where('applications.cycle_id', '=', cycleId)
    .execute()
}

export async function countOpenAssignments(db: Executor, reviewerId: number, cycleId: number): Promise<number> {
  const row = await db
    .selectFrom('assignments')
    .innerJoin('applications', 'applications.id', 'assignments.application_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('assignments.reviewer_id', '=', reviewerId)
    .where('applications.cycle_id', '=', cycleId)
    .where('assignments.status', 'in', open)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Open assignments not yet reminded, due today or later, of cycles not yet published, with each cycle's window. */
export function listAssignmentsToRemind(db: Executor, today: string) {
  return db
    .selectFrom('assignments')
    .innerJoin('applications', 'applications.id', 'assignments.application_id')
    .innerJoin('cycles', 'cycles.id', 'applications.cycle_id')
    .innerJoin('users', 'users.id', 'assignments.reviewer_id')
    .leftJoin('review_reminders', (join) =>
      join.onRef('review_reminders.assignment_id', '=', 'assignments.id').on('review_reminders.kind', '=', 'beforeDue'),
    )
    .select([
      'assignments.id',
      'assignments.reviewer_id',
      'assignments.due_date',
      'cycles.reminder_days_before',
      'users.email',
    ])
    .where('assignments.status', 'in', open)
    .where('assignments.due_date', 'is not', null)
    .where('assignments.due_date', '>=', today)
    .where('review_reminders.assignment_id', 'is', null)
    .where('cycles.results_published_at', 'is', null)
    .$narrowType<{ due_date: string }>()
    .execute()
}

/** Claims an assignment's reminder; false when another run (or process) claimed it first. */
export async function claimReminder(db: Executor, assignmentId: number, at: string): Promise<boolean> {
  const claimed = await db
    .insertInto('review_reminders')
    .values({ assignment_id: assignmentId, kind: 'beforeDue', claimed_at: at })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst()
  return claimed.numInsertedOrUpdatedRows === 1n
}
