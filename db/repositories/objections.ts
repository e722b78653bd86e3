import type { AttachmentType, ObjectionTable } from '../schema'
import { idPage, type IdCursor } from './paging'
import type { Executor } from './types'

export interface NewObjection {
  applicationId: number
  name: string
  organisation: string | null
  phone: string
  email: string
  content: string
  evidence: string
  filedAt: string
  submissionToken?: string | null
}

export async function insertObjection(db: Executor, objection: NewObjection): Promise<number> {
  const row = await db
    .insertInto('objections')
    .values({
      application_id: objection.applicationId,
      objector_name: objection.name,
      objector_organisation: objection.organisation,
      objector_phone: objection.phone,
      objector_email: objection.email,
      content: objection.content,
      evidence: objection.evidence,
      filed_at: objection.filedAt,
      status: 'open',
      resolution: null,
      resolved_by: null,
      resolved_at: null,
      submission_token: objection.submissionToken ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The objection a form with this token already filed, if any. */
export function findObjectionBySubmissionToken(db: Executor, token: string) {
  return db
    .selectFrom('objections')
    .select(['id', 'application_id'])
    .where('submission_token', '=', token)
    .executeTakeFirst()
}

export async function countOpenObjections(db: Executor, applicationId: number): Promise<number> {
  const row = await db
    .selectFrom('objections')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('application_id', '=', applicationId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export function getObjection(db: Executor, id: number) {
  return db.selectFrom('objections').selectAll().where('id', '=', id).executeTakeFirst()
}

/** For the secretariat only: objectors' names and contacts are not public. */
/**
 * The objections against these candidates, for the committee (issue 22): what was objected and how it was resolved,
 * never who objected (the objector's name and contacts stay with the secretariat).
 */
export function listObjectionsForCommittee(db: Executor, applicationIds: readonly number[]) {
  if (applicationIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('objections')
    .select(['id', 'application_id', 'content', 'evidence', 'filed_at', 'status', 'resolution', 'resolved_at'])
    .where('application_id', 'in', applicationIds)
    .orderBy('id')
    .execute()
}

export function listObjectionsOfApplication(db: Executor, applicationId: number) {
  return db
    .selectFrom('objections')
    .leftJoin('users', 'users.id', 'objections.resolved_by')
    .selectAll('objections')
    .select('users.display_name as resolver_name')
    .where('objections.application_id', '=', applicationId)
    .orderBy('objections.id')
    .execute()
}

export async function resolveObjectionRow(
  db: Executor,
  id: number,
  values: {
    status: Exclude<ObjectionTable['status'], 'open'>
    resolution: string
    resolvedBy: number
    resolvedAt: string
  },
): Promise<boolean> {
  const result = await db
    .updateTable('objections')
    .set({
      status: values.status,
      resolution: values.resolution,
      resolved_by: values.resolvedBy,
      resolved_at: values.resolvedAt,
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/** What the public sees during the notice: the proposed winners (拟获奖名单), organisation, category and level. */
export function listApplicationsOnNotice(db: Executor, cycleId: number, applicationId?: number) {
  let query = db
    .selectFrom('applications')
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .innerJoin('award_levels', 'award_levels.id', 'applications.decision_level_id')
    .innerJoin('cycle_categories', (join) =>
      join
        .onRef('cycle_categories.cycle_id', '=', 'applications.cycle_id')
        .onRef('cycle_categories.code', '=', 'applications.category_code'),
    )
    .select([
      'applications.id',
      'applications.notice_ends_at',
      'organisations.name as organisation_name',
      'cycle_categories.name_zh as category_zh',
      'cycle_categories.name_en as category_en',
      'award_levels.name_zh as level_zh',
      'award_levels.name_en as level_en',
    ])
    .where('applications.cycle_id', '=', cycleId)
    .where('applications.status', '=', 'publicNotice')
  if (applicationId !== undefined) query = query.where('applications.id', '=', applicationId)
  return query.orderBy('cycle_categories.position').orderBy('award_levels.rank').orderBy('organisations.name').execute()
}

export async function countRecentObjectionsBy(db: Executor, email: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('objections')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('objector_email', '=', email)
    .where('filed_at', '>=', since)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export interface NewObjectionEvidence {
  objectionId: number
  filename: string
  contentType: AttachmentType
  size: number
  sha256: string
  uploadedAt: string
}

export async function insertObjectionEvidence(db: Executor, file: NewObjectionEvidence): Promise<number> {
  const row = await db
    .insertInto('objection_evidence')
    .values({
      objection_id: file.objectionId,
      filename: file.filename,
      content_type: file.contentType,
      size: file.size,
      sha256: file.sha256,
      uploaded_at: file.uploadedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The evidence files of an application's objections, for the secretariat's objection panel. */
export function listObjectionEvidenceOfApplication(db: Executor, applicationId: number) {
  return db
    .selectFrom('objection_evidence')
    .innerJoin('objections', 'objections.id', 'objection_evidence.objection_id')
    .select([
      'objection_evidence.id',
      'objection_evidence.objection_id',
      'objection_evidence.filename',
      'objection_evidence.size',
    ])
    .where('objections.application_id', '=', applicationId)
    .orderBy('objection_evidence.id')
    .execute()
}

export function getObjectionEvidence(db: Executor, id: number) {
  return db.selectFrom('objection_evidence').selectAll().where('id', '=', id).executeTakeFirst()
}

export const objectionPageSize = 50

/**
 * One page of a cycle's objections for the secretariat (50, keyset by id, oldest first, so the longest waiting
 * open one leads), optionally of one status, with the application and the objector.
 */
export async function objectionsPage(
  db: Executor,
  input: { cycleId: number; status?: ObjectionTable['status']; cursor: IdCursor },
) {
  const filtered = () => {
    let query = db
      .selectFrom('objections')
      .innerJoin('applications', 'applications.id', 'objections.application_id')
      .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
      .where('applications.cycle_id', '=', input.cycleId)
    if (input.status) query = query.where('objections.status', '=', input.status)
    return query
  }
  return idPage({
    cursor: input.cursor,
    size: objectionPageSize,
    rows: async (cursor, limit) => {
      let query = filtered().select([
        'objections.id',
        'objections.application_id',
        'objections.filed_at',
        'objections.status',
        'objections.objector_name',
        'objections.objector_organisation',
        'objections.resolved_at',
        'organisations.name as organisation_name',
      ])
      if (cursor.after !== undefined) query = query.where('objections.id', '>', cursor.after)
      if (cursor.before !== undefined) query = query.where('objections.id', '<', cursor.before)
      return query
        .orderBy('objections.id', cursor.before !== undefined ? 'desc' : 'asc')
        .limit(limit)
        .execute()
    },
    count: async (beforeId) => {
      let query = filtered().select((eb) => eb.fn.countAll<number>().as('n'))
      if (beforeId !== undefined) query = query.where('objections.id', '<', beforeId)
      return Number((await query.executeTakeFirstOrThrow()).n)
    },
  })
}

/** A cycle's objections per status, for the list's tabs. */
export async function countObjectionsByStatus(db: Executor, cycleId: number): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('objections')
    .innerJoin('applications', 'applications.id', 'objections.application_id')
    .select((eb) => ['objections.status', eb.fn.countAll<number>().as('n')])
    .where('applications.cycle_id', '=', cycleId)
    .groupBy('objections.status')
    .execute()
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]))
}
