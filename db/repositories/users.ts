import { type ExpressionBuilder, sql } from 'kysely'
import type { Database, MemberRole, Office, Role } from '../schema'
import { type Executor, nowIso } from './types'
import { officesFrom } from '../../workflows/account/duties'

export interface NewUser {
  email: string
  passwordHash: string
  role: Role
  displayName: string
  organisationId: number | null
  expertise?: string | null
  /** An applicant's place in its organisation's team; an organisation's first account is its owner. */
  memberRole?: MemberRole
}

export async function createUser(db: Executor, user: NewUser): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      email: user.email,
      password_hash: user.passwordHash,
      role: user.role,
      display_name: user.displayName,
      organisation_id: user.organisationId,
      expertise: user.expertise ?? null,
      member_role: user.memberRole ?? (user.role === 'applicant' ? 'owner' : null),
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * The account has a password it can sign in with: an argon2 hash (it starts with `$`), not an invitation's
 * placeholder waiting for the invited person to set one.
 */
export function hasPassword(passwordHash: string): boolean {
  return passwordHash.startsWith('$')
}

export function findUserByEmail(db: Executor, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst()
}

/** The addresses of an organisation's accounts, to tell them of something done in the organisation's name. */
export async function accountEmailsOf(db: Executor, organisationId: number): Promise<string[]> {
  const rows = await db.selectFrom('users').select('email').where('organisation_id', '=', organisationId).execute()
  return rows.map((row) => row.email)
}

/** What a page knows of its user: the user's row and organisation name (here and with the session's lookup). */
export const sessionUserColumns = [
  'users.id',
  'users.email',
  'users.role',
  'users.display_name',
  'users.organisation_id',
  'organisations.name as organisation_name',
  'users.totp_enabled_at',
  'users.member_role',
] as const

/**
 * A staff account's offices as one number, a bit each in the order of workflows/account/duties.ts's `offices`
 * (secretariat 1, agency 2, committee 4, supervisor 8): one scalar subquery in the session's lookup, not a second
 * statement per page.
 */
export function officeMaskOf(eb: ExpressionBuilder<Database, 'users'>) {
  return eb
    .selectFrom('user_offices')
    .whereRef('user_offices.user_id', '=', 'users.id')
    .select(
      sql<number>`sum(case office when 'secretariat' then 1 when 'agency' then 2 when 'committee' then 4 when 'supervisor' then 8 else 0 end)`.as(
        'mask',
      ),
    )
    .as('office_mask')
}

/** A staff account's offices, replaced whole. */
export async function setOffices(db: Executor, userId: number, offices: readonly Office[]): Promise<void> {
  await db.deleteFrom('user_offices').where('user_id', '=', userId).execute()
  if (offices.length > 0)
    await db
      .insertInto('user_offices')
      .values(offices.map((office) => ({ user_id: userId, office })))
      .execute()
}

/** The offices of accounts, by user id, each in the duty table's order (accounts without any are left out). */
export async function officesOfUsers(db: Executor, userIds: readonly number[]): Promise<Map<number, Office[]>> {
  if (userIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('user_offices')
    .select(['user_id', 'office'])
    .where('user_id', 'in', userIds)
    .execute()
  const held = new Map<number, Office[]>()
  for (const row of rows) held.set(row.user_id, [...(held.get(row.user_id) ?? []), row.office])
  return new Map([...held].map(([id, list]) => [id, officesFrom(list)]))
}

export function getUserById(db: Executor, id: number) {
  return db
    .selectFrom('users')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(sessionUserColumns)
    .select((eb) => officeMaskOf(eb))
    .where('users.id', '=', id)
    .executeTakeFirst()
}

export function listReviewers(db: Executor) {
  return db
    .selectFrom('users')
    .select((eb) => [
      'users.id',
      'users.display_name',
      'users.email',
      'users.expertise',
      eb
        .selectFrom('assignments')
        .whereRef('assignments.reviewer_id', '=', 'users.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('assignment_count'),
    ])
    .where('role', '=', 'reviewer')
    .orderBy('display_name')
    .execute()
}

export async function isReviewer(db: Executor, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('role', '=', 'reviewer')
    .executeTakeFirst()
  return row !== undefined
}

export function getPasswordHash(db: Executor, userId: number) {
  return db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst()
}

export async function setPasswordHash(db: Executor, userId: number, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute()
}

export async function listAdministratorEmails(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('users').select('email').where('role', '=', 'admin').orderBy('id').execute()
  return rows.map((row) => row.email)
}

/** The e-mail addresses of the back-office accounts holding an office (the review agency, say). */
export async function officeHolderEmails(db: Executor, office: Office): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('user_offices', 'user_offices.user_id', 'users.id')
    .select('users.email')
    .where('users.role', '=', 'admin')
    .where('user_offices.office', '=', office)
    .orderBy('users.id')
    .execute()
  return rows.map((row) => row.email)
}
