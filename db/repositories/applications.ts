import { type RawBuilder, sql } from 'kysely'
import type { ApplicationTexts, ApplicationUpdate, NewApplication } from '../schema'
import { anyContains } from './contains'
import type { Executor } from './types'

/**
 * Read functions are named by who reads: each filters by the reader, so a route that forgot its policy check
 * still gets nothing that is not the reader's.
 */

const textColumns = ['profile', 'declarations', 'self_assessment'] as const

/** Splits a write into the application row's columns and its long texts (stored apart, in application_texts). */
function split<T extends Partial<ApplicationTexts>>(
  values: T,
): { row: Omit<T, keyof ApplicationTexts>; texts: Partial<ApplicationTexts> } {
  const row = { ...values }
  const texts: Partial<ApplicationTexts> = {}
  for (const column of textColumns) {
    if (column in row) texts[column] = row[column] ?? null
    delete row[column]
  }
  return { row, texts }
}

export async function insertApplication(db: Executor, application: NewApplication): Promise<number> {
  const { row, texts } = split(application)
  const inserted = await db.insertInto('applications').values(row).returning('id').executeTakeFirstOrThrow()
  await db
    .insertInto('application_texts')
    .values({ application_id: inserted.id, profile: null, declarations: null, self_assessment: null, ...texts })
    .execute()
  return inserted.id
}

/** The row the workflow service locks in: everything, including the snapshot and the long texts. */
export function loadApplicationForUpdate(db: Executor, id: number) {
  return db
    .selectFrom('applications')
    .leftJoin('application_texts', 'application_texts.application_id', 'applications.id')
    .selectAll('applications')
    .select(['application_texts.profile', 'application_texts.declarations', 'application_texts.self_assessment'])
    .where('applications.id', '=', id)
    .executeTakeFirst()
}

/** Writes only when the version is still the one the caller read; false means someone else wrote first. */
export async function updateApplicationIfVersion(
  db: Executor,
  id: number,
  expectedVersion: number,
  values: ApplicationUpdate,
): Promise<boolean> {
  const { row, texts } = split(values)
  const result = await db
    .updateTable('applications')
    .set((eb) => ({ ...row, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  if (result.numUpdatedRows !== 1n) return false
  if (Object.keys(texts).length > 0) {
    await db
      .insertInto('application_texts')
      .values({ application_id: id, profile: null, declarations: null, self_assessment: null, ...texts })
      .onConflict((oc) => oc.column('application_id').doUpdateSet(texts))
      .execute()
  }
  return true
}

/**
 * What a cycle-wide step needs of each application in the given statuses (the notice, publication): id, version,
 * snapshot and the organisation's e-mail, all before the long texts of the row.
 */
export function listForCycleStep(db: Executor, cycleId: number, statuses: readonly string[]) {
  return db
    .selectFrom('applications')
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .select([
      'applications.id',
      'applications.version',
      'applications.status',
      'applications.snapshot',
      'organisations.email as organisation_email',
    ])
    .where('applications.cycle_id', '=', cycleId)
    .where('applications.status', 'in', statuses)
    .orderBy('applications.id')
    .execute()
}

/**
 * Moves many applications of one status and snapshot to the same next snapshot in one statement per slice, each
 * row's version moved on; returns how many rows changed (all of them, or the caller's transaction is refused).
 */
export async function updateManyInStatus(
  db: Executor,
  ids: readonly number[],
  fromStatus: string,
  values: ApplicationUpdate,
): Promise<number> {
  let changed = 0
  for (let i = 0; i < ids.length; i += 500) {
    const result = await db
      .updateTable('applications')
      .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
      .where('id', 'in', ids.slice(i, i + 500))
      .where('status', '=', fromStatus)
      .executeTakeFirst()
    changed += Number(result.numUpdatedRows)
  }
  return changed
}

const listColumns = [
  'applications.id',
  'applications.cycle_id',
  'applications.status',
  'applications.version',
  'applications.category_code',
  'applications.award_type',
  'applications.last_step',
  'applications.submitted_at',
  'applications.updated_at',
  'applications.organisation_id',
  'applications.decision_level_id',
  'organisations.name as organisation_name',
  'cycles.year',
  'applications.correction_due_date',
  'cycles.shortlist_size',
] as const

export function listApplicationsOfOrganisation(db: Executor, organisationId: number) {
  return db
    .selectFrom('applications')
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .innerJoin('cycles', 'cycles.id', 'applications.cycle_id')
    .select(listColumns)
    .where('applications.organisation_id', '=', organisationId)
    .orderBy('cycles.year', 'desc')
    .execute()
}

/** The secretariat's lists also carry the committee's reason (never the applicant's list above). */
const cycleListColumns = [...listColumns, 'applications.decision_reason'] as const

/** The organisation's name or credit code contains the text. */
function organisationMatches(search: string) {
  return anyContains(['organisations.name', 'organisations.uscc'], search)
}

export function listApplicationsOfCycle(db: Executor, cycleId: number, status?: string, search?: string) {
  return deskQuery(db, cycleId, { status, search })
    .innerJoin('cycles', 'cycles.id', 'applications.cycle_id')
    .select(cycleListColumns)
    .orderBy('applications.id')
    .execute()
}

export interface DeskFilter {
  status?: string
  category?: string
  search?: string
  /** A search that is an application's number finds that application. */
  applicationId?: number
}

/** The desk's orders: by number (as filed), by stored document score (best first), by sheets in (fewest first). */
export const deskSorts = ['id', 'score', 'progress'] as const
export type DeskSort = (typeof deskSorts)[number]

/** Where a page starts or ends in the desk's order: the row's sort key and, to break ties, its id. */
export interface DeskPosition {
  key: number
  id: number
}

const sortKeys: Record<DeskSort, { key: RawBuilder<number>; direction: 'asc' | 'desc' }> = {
  id: { key: sql<number>`applications.id`, direction: 'asc' },
  // Unscored rows (no standing, or no sheets yet) after every score.
  score: { key: sql<number>`coalesce(application_standings.score, -1)`, direction: 'desc' },
  progress: { key: sql<number>`coalesce(application_standings.sheets, 0)`, direction: 'asc' },
}

export const deskPageSize = 50

/** The applications of a cycle that the desk's filter matches (status, category, name or credit code). */
function deskQuery(db: Executor, cycleId: number, filter: DeskFilter) {
  let query = db
    .selectFrom('applications')
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .where('applications.cycle_id', '=', cycleId)
  if (filter.status) query = query.where('applications.status', '=', filter.status)
  if (filter.category) query = query.where('applications.category_code', '=', filter.category)
  if (filter.applicationId !== undefined) query = query.where('applications.id', '=', filter.applicationId)
  else if (filter.search) query = query.where(organisationMatches(filter.search))
  return query
}

/** Every application the desk's filter matches, in id order, with what the export carries (its stored score too). */
export function listDeskExport(db: Executor, cycleId: number, filter: DeskFilter) {
  return deskQuery(db, cycleId, filter)
    .leftJoin('application_standings', 'application_standings.application_id', 'applications.id')
    .select([
      'applications.id',
      'organisations.name as organisation_name',
      'organisations.uscc',
      'applications.category_code',
      'applications.award_type',
      'applications.status',
      'applications.submitted_at',
      'applications.decision_level_id',
      'application_standings.score',
      'application_standings.sheets',
    ])
    .orderBy('applications.id')
    .execute()
}

/**
 * One page of the desk (keyset pagination in the chosen order, ties by id): the rows after `after` (or before
 * `before`, going back), at most `deskPageSize`, with how many rows the filter matches and how many come before
 * this page. Each query reads an index range or the stored standings, never the whole cycle's texts.
 */
export async function deskPage(
  db: Executor,
  cycleId: number,
  filter: DeskFilter,
  cursor: { after?: DeskPosition; before?: DeskPosition },
  sort: DeskSort = 'id',
  /** How many rows the filter matches, when the caller already knows it (the cycle's kept counts): not counted again. */
  knownTotal?: number,
) {
  const { key, direction } = sortKeys[sort]
  const filtered = () =>
    deskQuery(db, cycleId, filter).leftJoin(
      'application_standings',
      'application_standings.application_id',
      'applications.id',
    )
  // Rows that come after (or before) a position in this order.
  const beyond = (position: DeskPosition, forwards: boolean) => {
    const later = (direction === 'asc') === forwards ? sql.raw('>') : sql.raw('<')
    const tie = forwards ? sql.raw('>') : sql.raw('<')
    return sql<boolean>`(${key} ${later} ${position.key} or (${key} = ${position.key} and applications.id ${tie} ${position.id}))`
  }
  const backwards = cursor.before !== undefined
  let page = filtered().select([
    'applications.id',
    'applications.status',
    'applications.category_code',
    'applications.updated_at',
    'applications.correction_due_date',
    'organisations.name as organisation_name',
    'application_standings.score',
    'application_standings.sheets',
    key.as('sort_key'),
  ])
  if (cursor.after !== undefined) page = page.where(beyond(cursor.after, true))
  if (backwards) page = page.where(beyond(cursor.before!, false))
  const reversed = direction === 'asc' ? 'desc' : 'asc'
  const fetched = await page
    .orderBy(key, backwards ? reversed : direction)
    .orderBy('applications.id', backwards ? 'desc' : 'asc')
    .limit(deskPageSize + 1)
    .execute()
  const more = fetched.length > deskPageSize
  const rows = fetched.slice(0, deskPageSize)
  if (backwards) rows.reverse()
  // Counting in number order needs no standings: the filter's index alone.
  const count = async (before?: DeskPosition): Promise<number> => {
    if (sort === 'id') {
      let query = deskQuery(db, cycleId, filter)
      if (before) query = query.where(beyond(before, false))
      return Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    }
    let query = filtered()
    if (before) query = query.where(beyond(before, false))
    return Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  }
  const first = rows[0]
  const [total, earlier] = await Promise.all([
    knownTotal ?? count(),
    // The first page (no cursor) has nothing before it.
    !first || (cursor.after === undefined && !backwards)
      ? Promise.resolve(0)
      : count({ key: Number(first.sort_key), id: first.id }),
  ])
  return {
    // Spelled out: an object rest (`{ sort_key, ...row }`) costs V8 microseconds a row.
    rows: rows.map((row) => ({
      id: row.id,
      status: row.status,
      category_code: row.category_code,
      updated_at: row.updated_at,
      correction_due_date: row.correction_due_date,
      organisation_name: row.organisation_name,
      score: row.score,
      sheets: row.sheets,
      position: { key: Number(row.sort_key), id: row.id },
    })),
    total,
    /** Rows of the filter before this page: the page shows rows earlier + 1 to earlier + rows.length. */
    earlier,
    hasNext: backwards ? rows.length > 0 && earlier + rows.length < total : more,
    hasPrevious: rows.length > 0 && earlier > 0,
  }
}

export async function countByStatus(db: Executor, cycleId: number): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('applications')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .where('cycle_id', '=', cycleId)
    .groupBy('status')
    .execute()
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]))
}

const detailColumns = [
  'applications.id',
  'applications.cycle_id',
  'applications.organisation_id',
  'applications.status',
  'applications.version',
  'applications.category_code',
  'applications.award_type',
  'applications.project_name',
  'application_texts.profile',
  'application_texts.declarations',
  'application_texts.self_assessment',
  'applications.last_step',
  'applications.submitted_at',
  'applications.decision_level_id',
  'applications.decision_reason',
  'applications.notice_ends_at',
  'applications.correction_due_date',
  'applications.created_at',
  'applications.updated_at',
  'organisations.name as organisation_name',
  'organisations.uscc',
  'organisations.uscc_explanation',
  'organisations.contact_person',
  'organisations.phone',
  'organisations.email as organisation_email',
] as const

export function getApplicationOfOrganisation(db: Executor, id: number, organisationId: number) {
  return db
    .selectFrom('applications')
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .leftJoin('application_texts', 'application_texts.application_id', 'applications.id')
    .select(detailColumns)
    .where('applications.id', '=', id)
    .where('applications.organisation_id', '=', organisationId)
    .executeTakeFirst()
}

export function getApplicationForReviewer(db: Executor, id: number, reviewerId: number) {
  return db
    .selectFrom('applications')
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .leftJoin('application_texts', 'application_texts.application_id', 'applications.id')
    .innerJoin('assignments', 'assignments.application_id', 'applications.id')
    .select([
      ...detailColumns,
      'assignments.id as assignment_id',
      'assignments.recused_at',
      'assignments.recusal_reason',
      'assignments.status as assignment_status',
      'assignments.version as assignment_version',
      'assignments.due_date',
    ])
    .where('applications.id', '=', id)
    .where('assignments.reviewer_id', '=', reviewerId)
    .executeTakeFirst()
}

export function getApplicationForSecretariat(db: Executor, id: number) {
  return db
    .selectFrom('applications')
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .leftJoin('application_texts', 'application_texts.application_id', 'applications.id')
    .select(detailColumns)
    .where('applications.id', '=', id)
    .executeTakeFirst()
}

export type ApplicationDetail = NonNullable<Awaited<ReturnType<typeof getApplicationForSecretariat>>>

/** How many other applications hold a level by decision (recorded or published). */
export async function countLevelHolders(db: Executor, levelId: number, exceptApplicationId: number): Promise<number> {
  const row = await db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('decision_level_id', '=', levelId)
    .where('status', 'in', ['decided', 'publicNotice', 'approved', 'published'])
    .where('id', '!=', exceptApplicationId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function findCycleOfApplication(db: Executor, applicationId: number): Promise<number | undefined> {
  const row = await db.selectFrom('applications').select('cycle_id').where('id', '=', applicationId).executeTakeFirst()
  return row?.cycle_id
}

/** What a draw needs of each application: its applicant (for conflicts), its industry and its state. */
export function listApplicationsForDraw(db: Executor, cycleId: number, applicationIds: readonly number[]) {
  if (applicationIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('applications')
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .leftJoin('application_texts', 'application_texts.application_id', 'applications.id')
    .select([
      'applications.id',
      'applications.status',
      'applications.category_code',
      'application_texts.profile',
      'organisations.name as organisation_name',
      'organisations.uscc',
      'organisations.name_key',
      'organisations.uscc_key',
    ])
    .where('applications.cycle_id', '=', cycleId)
    .where('applications.id', 'in', applicationIds)
    .orderBy('applications.id')
    .execute()
}

/** The applications of a category that are in document review, for a draw for the whole category. */
export async function listApplicationIdsInReview(
  db: Executor,
  cycleId: number,
  categoryCode: string,
): Promise<number[]> {
  const rows = await db
    .selectFrom('applications')
    .select('id')
    .where('cycle_id', '=', cycleId)
    .where('category_code', '=', categoryCode)
    .where('status', '=', 'documentReview')
    .orderBy('id')
    .execute()
  return rows.map((row) => row.id)
}

/** How many applications of a category are in any of these statuses. */
export async function countInCategory(
  db: Executor,
  cycleId: number,
  categoryCode: string,
  statuses: readonly string[],
): Promise<number> {
  const row = await db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('cycle_id', '=', cycleId)
    .where('category_code', '=', categoryCode)
    .where('status', 'in', [...statuses])
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Applications in document review per category, for the category draw's choice. */
export async function countInReviewByCategory(db: Executor, cycleId: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('applications')
    .select((eb) => ['category_code', eb.fn.countAll<number>().as('n')])
    .where('cycle_id', '=', cycleId)
    .where('status', '=', 'documentReview')
    .groupBy('category_code')
    .execute()
  return new Map(rows.map((row) => [row.category_code ?? '', Number(row.n)]))
}

/**
 * The applications of a cycle (or of one category) as the ranking needs them, with their stored standings: a few
 * columns, all in the `applications_cycle_list_idx` index, so the long texts of the rows are never read.
 */
export function listRankingRows(
  db: Executor,
  cycleId: number,
  statuses: readonly string[],
  options: { categoryCode?: string; names: boolean },
) {
  let query = db
    .selectFrom('applications')
    .leftJoin('application_standings', 'application_standings.application_id', 'applications.id')
    .select([
      'applications.id',
      'applications.status',
      'applications.version',
      'applications.category_code',
      'applications.award_type',
      'applications.decision_level_id',
      'applications.decision_reason',
      // The stored document-review standing (see workflows/review/standings.server.ts).
      'application_standings.score',
      'application_standings.results',
      'application_standings.leadership',
      'application_standings.sheets',
    ])
    .where('applications.cycle_id', '=', cycleId)
    // Only the statuses that rank, with a category: drafts and entries out of the running are never read.
    .where('applications.status', 'in', statuses)
    .where('applications.category_code', 'is not', null)
  if (options.categoryCode !== undefined) query = query.where('applications.category_code', '=', options.categoryCode)
  // The organisations' names, or '' where the caller compares places only and need not read the organisations.
  return options.names
    ? query
        .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
        .select('organisations.name as organisation_name')
        .execute()
    : query.select(sql<string>`''`.as('organisation_name')).execute()
}

/** How many applications of a cycle are in each category and status: the desk's pipeline chart. */
export async function countByCategoryAndStatus(db: Executor, cycleId: number) {
  const rows = await db
    .selectFrom('applications')
    .select((eb) => ['category_code', 'status', eb.fn.countAll<number>().as('n')])
    .where('cycle_id', '=', cycleId)
    .groupBy(['category_code', 'status'])
    .execute()
  return rows.map((r) => ({ category: r.category_code, status: r.status, count: Number(r.n) }))
}
