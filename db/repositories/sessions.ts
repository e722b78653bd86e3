import { compiledOnce } from '../compiled-once'
import { unreadCountOf } from './outbox'
import type { Executor } from './types'
import { officeMaskOf, sessionUserColumns } from './users'

export async function insertSession(
  db: Executor,
  session: { id: string; userId: number; now: string; expiresAt: string },
) {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
    })
    .execute()
}

/**
 * A session with its user (and the user's organisation name), in one query: every page asks this, and two lookups
 * cost twice (issue 19). The user's columns are those of getUserById (sessionUserColumns), with the count of unread
 * inbox messages the layout shows on every page (a second statement per page before).
 */
export async function findSessionWithUser(db: Executor, id: string) {
  const [found] = await sessionWithUser(db, id)
  return found
}

// Built and compiled once (db/compiled-once.ts): every signed-in request runs it.
const sessionWithUser = compiledOnce(1, (db, id) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['sessions.expires_at', 'sessions.last_seen_at', ...sessionUserColumns])
    .select((eb) => unreadCountOf(db, eb.ref('users.email')).as('unread'))
    .select((eb) => officeMaskOf(eb))
    .where('sessions.id', '=', id!),
)

export function findSession(db: Executor, id: string) {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function touchSession(db: Executor, id: string, now: string) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute()
}

export async function deleteSession(db: Executor, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute()
}

export async function deleteExpiredSessions(db: Executor, now: string) {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute()
}

/** Ends every session of a user but the one given (after a password change). */
export async function deleteOtherSessions(db: Executor, userId: number, keepId: string | null) {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (keepId) query = query.where('id', '!=', keepId)
  await query.execute()
}
