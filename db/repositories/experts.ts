import type { ExpertTies } from '../../workflows/experts/conflicts'
import {
  type OrganisationKeys,
  organisationKeys,
  storedOrganisationKeys as storedKeys,
} from '../../workflows/experts/organisation-keys'
import { type ExpressionBuilder, sql } from 'kysely'
import type { Database, ExpertKind, ExpertRelationTable } from '../schema'
import { anyContains } from './contains'
import { hasPassword } from './users'
import { idPage, type IdCursor, type Position, positionPage } from './paging'
import type { Executor } from './types'

export interface ExpertRecord {
  kind: ExpertKind
  fields: string
  industries: readonly string[]
  employerName: string
  employerUscc: string | null
  qualification: string
  active: boolean
}

export interface ExpertRelation {
  kind: ExpertRelationTable['kind']
  name: string
  uscc: string | null
  endedOn: string | null
}

function employerKeys(expert: ExpertRecord) {
  const keys = organisationKeys(expert.employerName, expert.employerUscc)
  return { employer_name_key: keys.name, employer_uscc_key: keys.uscc }
}

function industriesOf(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  } catch {
    return []
  }
}

export async function insertExpert(db: Executor, userId: number, expert: ExpertRecord, at: string): Promise<number> {
  const row = await db
    .insertInto('experts')
    .values({
      user_id: userId,
      kind: expert.kind,
      fields: expert.fields,
      industries: JSON.stringify(expert.industries),
      employer_name: expert.employerName,
      employer_uscc: expert.employerUscc,
      ...employerKeys(expert),
      qualification: expert.qualification,
      active: expert.active ? 1 : 0,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateExpertIfVersion(
  db: Executor,
  id: number,
  expectedVersion: number,
  expert: ExpertRecord,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('experts')
    .set((eb) => ({
      kind: expert.kind,
      fields: expert.fields,
      industries: JSON.stringify(expert.industries),
      employer_name: expert.employerName,
      employer_uscc: expert.employerUscc,
      ...employerKeys(expert),
      qualification: expert.qualification,
      active: expert.active ? 1 : 0,
      updated_at: at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export async function replaceRelations(
  db: Executor,
  expertId: number,
  relations: readonly ExpertRelation[],
): Promise<void> {
  await db.deleteFrom('expert_relations').where('expert_id', '=', expertId).execute()
  if (relations.length === 0) return
  await db
    .insertInto('expert_relations')
    .values(
      relations.map((r) => {
        const keys = organisationKeys(r.name, r.uscc)
        return {
          expert_id: expertId,
          kind: r.kind,
          name: r.name,
          uscc: r.uscc,
          ended_on: r.endedOn,
          name_key: keys.name,
          uscc_key: keys.uscc,
        }
      }),
    )
    .execute()
}

/** Each expert's ties, with the keys stored beside each (null where a writer left none: computed when compared). */
type StoredRelations = { relations: ExpertRelation[]; keys: Array<OrganisationKeys | null> }

async function relationsOf(db: Executor, expertIds: readonly number[]): Promise<Map<number, StoredRelations>> {
  const byExpert = new Map<number, StoredRelations>(expertIds.map((id) => [id, { relations: [], keys: [] }]))
  if (expertIds.length === 0) return byExpert
  const rows = await db
    .selectFrom('expert_relations')
    .selectAll()
    .where('expert_id', 'in', expertIds)
    .orderBy('id')
    .execute()
  for (const row of rows) {
    const stored = byExpert.get(row.expert_id)
    stored?.relations.push({ kind: row.kind, name: row.name, uscc: row.uscc, endedOn: row.ended_on })
    stored?.keys.push(storedKeys(row.name_key, row.uscc_key))
  }
  return byExpert
}

/**
 * The experts of the pool with account, ties and industries: the pool page and the draw read them all, one
 * expert's page or a named assignment reads one (by expert id or by account).
 */
export async function listExperts(
  db: Executor,
  options: { activeOnly?: boolean; id?: number; userId?: number; ids?: readonly number[] } = {},
) {
  let query = db
    .selectFrom('experts')
    .innerJoin('users', 'users.id', 'experts.user_id')
    .select([
      'experts.id',
      'experts.user_id',
      'experts.kind',
      'experts.fields',
      'experts.industries',
      'experts.employer_name',
      'experts.employer_uscc',
      'experts.employer_name_key',
      'experts.employer_uscc_key',
      'experts.qualification',
      'experts.active',
      'experts.version',
      'users.display_name',
      'users.email',
      'users.password_hash',
    ])
    .orderBy('experts.id')
  if (options.activeOnly) query = query.where('experts.active', '=', 1)
  if (options.id !== undefined) query = query.where('experts.id', '=', options.id)
  if (options.userId !== undefined) query = query.where('experts.user_id', '=', options.userId)
  if (options.ids !== undefined) {
    if (options.ids.length === 0) return []
    query = query.where('experts.id', 'in', options.ids)
  }
  const rows = await query.execute()
  const relations = await relationsOf(
    db,
    rows.map((row) => row.id),
  )
  return rows.map(({ password_hash, ...row }) => ({
    ...row,
    industries: industriesOf(row.industries),
    relations: relations.get(row.id)?.relations ?? [],
    relationKeys: relations.get(row.id)?.keys ?? [],
    // An invited expert who has not yet set a password has no usable hash.
    passwordSet: hasPassword(password_hash),
  }))
}

export type ExpertRow = Awaited<ReturnType<typeof listExperts>>[number]

/** The pool page's choice by the experts' last rating: at least, or below, a value; or never rated. */
export type ExpertRatingFilter = { kind: 'atLeast' | 'below'; value: number } | { kind: 'unrated' }

/** An expert's ties as the conflict rules read them (workflows/experts/conflicts.ts), with the stored keys. */
export function tiesOf(expert: ExpertRow): ExpertTies {
  return {
    id: expert.user_id,
    employerName: expert.employer_name,
    employerUscc: expert.employer_uscc,
    employerKeys: storedKeys(expert.employer_name_key, expert.employer_uscc_key),
    relations: expert.relations.map((relation, i) => ({ ...relation, keys: expert.relationKeys[i] ?? null })),
  }
}

export const expertPageSize = 50

/** The pool's orders: by number (the default), or by the experts' last rating, best or weakest first. */
export const expertSorts = ['id', 'ratingHigh', 'ratingLow'] as const
export type ExpertSort = (typeof expertSorts)[number]

/** A page of the pool from its URL: an id in number order, `key:id` in a rating order. */
export type ExpertCursor =
  | { sort: 'id'; cursor: IdCursor }
  | { sort: Exclude<ExpertSort, 'id'>; cursor: { after?: Position; before?: Position } }

/** The expert's last rating: that of the latest cycle that rated them (null: never rated). */
function lastRatingOf(eb: ExpressionBuilder<Database, 'experts'>) {
  return eb
    .selectFrom('expert_ratings')
    .innerJoin('cycles', 'cycles.id', 'expert_ratings.cycle_id')
    .select('expert_ratings.rating')
    .whereRef('expert_ratings.expert_user_id', '=', 'experts.user_id')
    .orderBy('cycles.year', 'desc')
    .limit(1)
}

/**
 * One page of the pool (50, keyset by id, or by last rating then id) whose name, e-mail or employer contains the
 * search, with its ties and industries, and where the page stands in the whole list. In a rating order the never
 * rated come last either way (key 0 best first, 6 weakest first).
 */
export async function expertsPage(
  db: Executor,
  input: { cursor: IdCursor | ExpertCursor; search?: string; rating?: ExpertRatingFilter },
) {
  const filtered = () => {
    let query = db.selectFrom('experts').innerJoin('users', 'users.id', 'experts.user_id')
    if (input.search)
      query = query.where(anyContains(['users.display_name', 'users.email', 'experts.employer_name'], input.search))
    const rating = input.rating
    if (rating) {
      query = query.where((eb) => {
        const last = lastRatingOf(eb)
        if (rating.kind === 'unrated') return eb(last, 'is', null)
        return rating.kind === 'atLeast' ? eb(last, '>=', rating.value) : eb(last, '<', rating.value)
      })
    }
    return query
  }
  const ordered: ExpertCursor = 'sort' in input.cursor ? input.cursor : { sort: 'id', cursor: input.cursor }
  if (ordered.sort === 'id') {
    const page = await idPage({
      cursor: ordered.cursor,
      size: expertPageSize,
      rows: async (cursor, limit) => {
        let query = filtered().select('experts.id')
        if (cursor.after !== undefined) query = query.where('experts.id', '>', cursor.after)
        if (cursor.before !== undefined) query = query.where('experts.id', '<', cursor.before)
        return query
          .orderBy('experts.id', cursor.before !== undefined ? 'desc' : 'asc')
          .limit(limit)
          .execute()
      },
      count: async (beforeId) => {
        let query = filtered().select((eb) => eb.fn.countAll<number>().as('n'))
        if (beforeId !== undefined) query = query.where('experts.id', '<', beforeId)
        return Number((await query.executeTakeFirstOrThrow()).n)
      },
    })
    const experts = await listExperts(db, { ids: page.rows.map((row) => row.id) })
    return { ...page, rows: experts.map((expert) => ({ ...expert, position: { key: expert.id, id: expert.id } })) }
  }
  const best = ordered.sort === 'ratingHigh'
  const key = (eb: ExpressionBuilder<Database, 'experts'>) => eb.fn.coalesce(lastRatingOf(eb), sql.lit(best ? 0 : 6))
  // Rows beyond a position in this order (forwards), or before it (backwards).
  const beyond = (eb: ExpressionBuilder<Database, 'experts'>, position: Position, forwards: boolean) =>
    eb.or([
      eb(key(eb), best === forwards ? '<' : '>', position.key),
      eb.and([eb(key(eb), '=', position.key), eb('experts.id', forwards ? '>' : '<', position.id)]),
    ])
  const page = await positionPage({
    cursor: ordered.cursor,
    size: expertPageSize,
    rows: async (cursor, limit) => {
      let query = filtered().select((eb) => ['experts.id', key(eb).as('sort_key')])
      if (cursor.after) query = query.where((eb) => beyond(eb, cursor.after!, true))
      const backwards = cursor.before !== undefined
      if (backwards) query = query.where((eb) => beyond(eb, cursor.before!, false))
      const rows = await query
        .orderBy('sort_key', best === backwards ? 'asc' : 'desc')
        .orderBy('experts.id', backwards ? 'desc' : 'asc')
        .limit(limit)
        .execute()
      return rows.map((row) => ({ id: row.id, position: { key: Number(row.sort_key), id: row.id } }))
    },
    count: async (before) => {
      let query = filtered().select((eb) => eb.fn.countAll<number>().as('n'))
      if (before) query = query.where((eb) => beyond(eb, before, false))
      return Number((await query.executeTakeFirstOrThrow()).n)
    },
  })
  const experts = new Map((await listExperts(db, { ids: page.rows.map((row) => row.id) })).map((e) => [e.id, e]))
  return { ...page, rows: page.rows.map((row) => ({ ...experts.get(row.id)!, position: row.position })) }
}

export async function getExpert(db: Executor, id: number): Promise<ExpertRow | undefined> {
  return (await listExperts(db, { id }))[0]
}

/** The pool's record of a reviewer account, with its ties; undefined for an account outside the pool. */
export async function getExpertOfUser(db: Executor, userId: number): Promise<ExpertRow | undefined> {
  return (await listExperts(db, { userId }))[0]
}

export function findExpertByUser(db: Executor, userId: number) {
  return db.selectFrom('experts').selectAll().where('user_id', '=', userId).executeTakeFirst()
}

export async function insertDraw(
  db: Executor,
  draw: {
    cycleId: number
    kind: 'draw' | 'redraw'
    seed: number
    perApplication: number
    loadCap: number
    candidates: ReadonlyArray<{ id: number; name: string; industries: readonly string[]; load: number }>
    entries: ReadonlyArray<{
      applicationId: number
      industry: string
      needed: number
      exclusions: unknown
      chosen: readonly number[]
    }>
    actorUserId: number | null
    at: string
  },
): Promise<number> {
  const row = await db
    .insertInto('draws')
    .values({
      cycle_id: draw.cycleId,
      kind: draw.kind,
      seed: draw.seed,
      per_application: draw.perApplication,
      load_cap: draw.loadCap,
      candidates: JSON.stringify(draw.candidates),
      actor_user_id: draw.actorUserId,
      at: draw.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  // Inserted in slices: SQLite limits the values bound in one statement.
  for (let i = 0; i < draw.entries.length; i += 200) {
    await db
      .insertInto('draw_entries')
      .values(
        draw.entries.slice(i, i + 200).map((e) => ({
          draw_id: row.id,
          application_id: e.applicationId,
          exclusions: JSON.stringify(e.exclusions),
          chosen: JSON.stringify(e.chosen),
          industry: e.industry,
          needed: e.needed,
        })),
      )
      .execute()
  }
  return row.id
}

/** The draws that concern one application: each with its seed, its candidates and this application's entry. */
export function listDrawsOfApplication(db: Executor, applicationId: number) {
  return db
    .selectFrom('draw_entries')
    .innerJoin('draws', 'draws.id', 'draw_entries.draw_id')
    .leftJoin('users', 'users.id', 'draws.actor_user_id')
    .select([
      'draws.id',
      'draws.kind',
      'draws.seed',
      'draws.per_application',
      'draws.load_cap',
      'draws.candidates',
      'draws.at',
      'users.display_name as actor_name',
      'draw_entries.exclusions',
      'draw_entries.chosen',
    ])
    .where('draw_entries.application_id', '=', applicationId)
    .orderBy('draws.id')
    .execute()
}
