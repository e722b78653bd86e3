import { sql } from 'kysely'
import type { Executor } from './types'

/** Notifications are written in the same transaction as the change they announce, and sent after commit. */
export async function enqueueNotification(db: Executor, message: { kind: string; recipient: string; payload: unknown; at: string }) {
  await db
    .insertInto('outbox')
    .values({ kind: message.kind, recipient: message.recipient, payload: JSON.stringify(message.payload), created_at: message.at, sent_at: null })
    .execute()
}

export async function enqueueNotifications(db: Executor, messages: ReadonlyArray<{ kind: string; recipient: string; payload: unknown; at: string }>) {
  for (let i = 0; i < messages.length; i += 150) {
    await db
      .insertInto('outbox')
      .values(messages.slice(i, i + 150).map((m) => ({ kind: m.kind, recipient: m.recipient, payload: JSON.stringify(m.payload), created_at: m.at, sent_at: null })))
      .execute()
  }
}

export function listUnsent(db: Executor, limit = 50) {
  return db.selectFrom('outbox').selectAll().where('sent_at', 'is', null).orderBy('id').limit(limit).execute()
}

/** Marked sent; a password link's token leaves the database with the e-mail that carried it. */
export async function markSent(db: Executor, id: number, at: string) {
  await db.updateTable('outbox').set({ sent_at: at, payload: sql<string>`json_remove(payload, '$.token')` }).where('id', '=', id).execute()
}
