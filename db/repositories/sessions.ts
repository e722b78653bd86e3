import type { Executor } from './types'

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
