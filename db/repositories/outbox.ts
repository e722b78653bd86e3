import type { Executor } from './types'

/** Notifications are written in the same transaction as the change they announce, and sent after commit. */
export async function enqueueNotification(db: Executor, message: { kind: string; recipient: string; payload: unknown; at: string }) {
  await db
    .insertInto('outbox')
    .values({ kind: message.kind, recipient: message.recipient, payload: JSON.stringify(message.payload), created_at: message.at, sent_at: null })
    .execute()
}

export function listUnsent(db: Executor, limit = 50) {
  return db.selectFrom('outbox').selectAll().where('sent_at', 'is', null).orderBy('id').limit(limit).execute()
}

export async function markSent(db: Executor, id: number, at: string) {
  await db.updateTable('outbox').set({ sent_at: at }).where('id', '=', id).execute()
}
