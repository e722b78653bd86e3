import type { Office } from '../schema'
import type { Executor } from './types'
import { hasPassword, officesOfUsers } from './users'

/** The back office's accounts with their offices, and whether each has set a password yet. */
export async function listStaff(db: Executor) {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'created_at', 'totp_enabled_at', 'password_hash'])
    .where('role', '=', 'admin')
    .orderBy('id')
    .execute()
  const offices = await officesOfUsers(
    db,
    rows.map((row) => row.id),
  )
  return rows.map(({ password_hash, ...row }) => ({
    ...row,
    offices: offices.get(row.id) ?? [],
    invitationPending: !hasPassword(password_hash),
  }))
}

export function getStaffUser(db: Executor, userId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name'])
    .where('id', '=', userId)
    .where('role', '=', 'admin')
    .executeTakeFirst()
}

export async function recordOfficeChange(
  db: Executor,
  change: {
    userId: number
    actorUserId: number
    at: string
    event: 'invited' | 'officesChanged'
    before: readonly Office[]
    after: readonly Office[]
  },
): Promise<void> {
  await db
    .insertInto('office_changes')
    .values({
      user_id: change.userId,
      actor_user_id: change.actorUserId,
      at: change.at,
      event: change.event,
      offices_before: change.before.join(','),
      offices_after: change.after.join(','),
    })
    .execute()
}

/** The record of the staff accounts' offices, newest first, with who made each change. */
export function listOfficeChanges(db: Executor, limit = 50) {
  return db
    .selectFrom('office_changes')
    .innerJoin('users as subject', 'subject.id', 'office_changes.user_id')
    .leftJoin('users as actor', 'actor.id', 'office_changes.actor_user_id')
    .select([
      'office_changes.id',
      'office_changes.at',
      'office_changes.event',
      'office_changes.offices_before',
      'office_changes.offices_after',
      'subject.display_name as subject_name',
      'actor.display_name as actor_name',
    ])
    .orderBy('office_changes.id', 'desc')
    .limit(limit)
    .execute()
}
