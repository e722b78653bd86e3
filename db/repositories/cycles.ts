import type { Updateable } from 'kysely'
import type { CycleTable } from '../schema'
import { type Executor, nowIso } from './types'

export interface NewCycle {
  year: number
  nameZh: string
  nameEn: string
  editionId: number
  submissionDeadline: string
  minReviewers: number
  categories: Array<{ code: string; nameZh: string; nameEn: string; levels: ReadonlyArray<NewLevel> }>
  requiredEvidence: ReadonlyArray<RequiredEvidence>
}

export interface NewLevel {
  code: string
  nameZh: string
  nameEn: string
  quota: number
  awardType?: 'organisation' | 'project'
  outsideQuota?: boolean
}

export interface RequiredEvidence {
  awardType: string
  condition: string
}

export async function createCycle(db: Executor, cycle: NewCycle): Promise<number> {
  const row = await db
    .insertInto('cycles')
    .values({
      year: cycle.year,
      name_zh: cycle.nameZh,
      name_en: cycle.nameEn,
      edition_id: cycle.editionId,
      submission_deadline: cycle.submissionDeadline,
      min_reviewers: cycle.minReviewers,
      results_published_at: null,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const [position, category] of cycle.categories.entries()) {
    await db
      .insertInto('cycle_categories')
      .values({ cycle_id: row.id, code: category.code, name_zh: category.nameZh, name_en: category.nameEn, position })
      .execute()
    for (const [rank, level] of category.levels.entries()) {
      await db
        .insertInto('award_levels')
        .values({
          cycle_id: row.id,
          category_code: category.code,
          code: level.code,
          name_zh: level.nameZh,
          name_en: level.nameEn,
          quota: level.quota,
          rank: rank + 1,
          award_type: level.awardType ?? 'organisation',
          outside_quota: level.outsideQuota ? 1 : 0,
        })
        .execute()
    }
  }
  await replaceRequiredEvidence(db, row.id, cycle.requiredEvidence)
  return row.id
}

export async function listRequiredEvidence(db: Executor, cycleId: number): Promise<RequiredEvidence[]> {
  const rows = await db
    .selectFrom('cycle_required_evidence')
    .select(['award_type', 'condition_key'])
    .where('cycle_id', '=', cycleId)
    .orderBy('award_type')
    .orderBy('condition_key')
    .execute()
  return rows.map((row) => ({ awardType: row.award_type, condition: row.condition_key }))
}

export async function replaceRequiredEvidence(
  db: Executor,
  cycleId: number,
  required: ReadonlyArray<RequiredEvidence>,
): Promise<void> {
  await db.deleteFrom('cycle_required_evidence').where('cycle_id', '=', cycleId).execute()
  if (required.length === 0) return
  await db
    .insertInto('cycle_required_evidence')
    .values(required.map((r) => ({ cycle_id: cycleId, award_type: r.awardType, condition_key: r.condition })))
    .execute()
}

/** The current cycle is the newest one; there is one a year. */
export function getCurrentCycle(db: Executor) {
  return db.selectFrom('cycles').selectAll().orderBy('year', 'desc').limit(1).executeTakeFirst()
}

export function getCycle(db: Executor, id: number) {
  return db.selectFrom('cycles').selectAll().where('id', '=', id).executeTakeFirst()
}

export function listCycleCategories(db: Executor, cycleId: number) {
  return db.selectFrom('cycle_categories').selectAll().where('cycle_id', '=', cycleId).orderBy('position').execute()
}

export function listAwardLevels(db: Executor, cycleId: number) {
  return db
    .selectFrom('award_levels')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .orderBy('category_code')
    .orderBy('rank')
    .execute()
}

export function getAwardLevel(db: Executor, cycleId: number, levelId: number) {
  return db
    .selectFrom('award_levels')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .where('id', '=', levelId)
    .executeTakeFirst()
}

export function getAwardLevelById(db: Executor, levelId: number) {
  return db.selectFrom('award_levels').selectAll().where('id', '=', levelId).executeTakeFirst()
}

/** Columns of a cycle's settings to write (workflows/cycle/cycle-settings.ts says which and how). */
export type CycleSettingColumns = Omit<Updateable<CycleTable>, 'id' | 'version' | 'year' | 'edition_id' | 'created_at'>

export async function updateCycleSettingsIfVersion(
  db: Executor,
  cycleId: number,
  expectedVersion: number,
  values: CycleSettingColumns,
): Promise<boolean> {
  const result = await db
    .updateTable('cycles')
    .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
    .where('id', '=', cycleId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export async function updateLevelQuota(db: Executor, levelId: number, quota: number): Promise<void> {
  await db.updateTable('award_levels').set({ quota }).where('id', '=', levelId).execute()
}

export async function markCyclePublished(
  db: Executor,
  cycleId: number,
  expectedVersion: number,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('cycles')
    .set((eb) => ({ results_published_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', cycleId)
    .where('version', '=', expectedVersion)
    .where('results_published_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/** The years whose results are published, newest first, with when. */
export function listPublishedYears(db: Executor) {
  return db
    .selectFrom('cycles')
    .select(['year', 'results_published_at'])
    .where('results_published_at', 'is not', null)
    .orderBy('year', 'desc')
    .execute()
}

/** Winners of published cycles only (of one year, where given): the public never sees an unpublished decision. */
export function listPublishedWinners(db: Executor, year?: number) {
  let query = db
    .selectFrom('applications')
    .innerJoin('cycles', 'cycles.id', 'applications.cycle_id')
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .innerJoin('award_levels', 'award_levels.id', 'applications.decision_level_id')
    .innerJoin('cycle_categories', (join) =>
      join
        .onRef('cycle_categories.cycle_id', '=', 'applications.cycle_id')
        .onRef('cycle_categories.code', '=', 'applications.category_code'),
    )
    .select([
      'applications.id',
      'cycles.year',
      'cycles.results_published_at',
      'organisations.name as organisation_name',
      'cycle_categories.name_zh as category_zh',
      'cycle_categories.name_en as category_en',
      'cycle_categories.position as category_position',
      'award_levels.name_zh as level_zh',
      'award_levels.name_en as level_en',
      'award_levels.rank as level_rank',
    ])
    .where('cycles.results_published_at', 'is not', null)
    .where('applications.status', '=', 'published')
  if (year !== undefined) query = query.where('cycles.year', '=', year)
  return query
    .orderBy('cycles.year', 'desc')
    .orderBy('cycle_categories.position')
    .orderBy('award_levels.rank')
    .orderBy('organisations.name')
    .execute()
}

/** The city's approval on the cycle, if the cycle is still at the version read (it moves the version on). */
export async function recordCycleApproval(
  db: Executor,
  cycleId: number,
  expectedVersion: number,
  documentNumber: string,
  approvedOn: string,
): Promise<boolean> {
  const result = await db
    .updateTable('cycles')
    .set((eb) => ({ approval_document: documentNumber, approved_on: approvedOn, version: eb('version', '+', 1) }))
    .where('id', '=', cycleId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/** Every cycle, newest first, with how many applications each has: the secretariat's list of years. */
export function listCycles(db: Executor) {
  return db
    .selectFrom('cycles')
    .leftJoin('applications', 'applications.cycle_id', 'cycles.id')
    .select((eb) => [
      'cycles.id',
      'cycles.year',
      'cycles.name_zh',
      'cycles.name_en',
      'cycles.submission_deadline',
      'cycles.results_published_at',
      'cycles.approval_document',
      'cycles.approved_on',
      eb.fn.count<number>('applications.id').as('applications'),
    ])
    .groupBy('cycles.id')
    .orderBy('cycles.year', 'desc')
    .execute()
}

export function findCycleByYear(db: Executor, year: number) {
  return db.selectFrom('cycles').select('id').where('year', '=', year).executeTakeFirst()
}

/** The settings createCycle does not take: copied onto a new cycle from the one before. */
export async function copyCycleSettings(db: Executor, cycleId: number, settings: CycleSettingColumns): Promise<void> {
  await db.updateTable('cycles').set(settings).where('id', '=', cycleId).execute()
}

/** Ends a cycle's intake (申报受理) now, once: true when this call ended it, false when it had already ended. */
export async function markIntakeClosed(db: Executor, cycleId: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('cycles')
    .set({ intake_closed_at: at })
    .where('id', '=', cycleId)
    .where('intake_closed_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Every cycle's id, year and names, newest first: the pages' cycle switch (no counts, so it costs one index read). */
export function listCycleNames(db: Executor) {
  return db.selectFrom('cycles').select(['id', 'year', 'name_zh', 'name_en']).orderBy('year', 'desc').execute()
}
