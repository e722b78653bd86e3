import type { Kysely } from 'kysely'

/**
 * The in-app inbox: every notification written to the outbox is also shown to its recipient when logged in, unread
 * first; read_at records when the recipient read it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('read_at', 'text').execute()
  await db.schema.createIndex('outbox_recipient_idx').on('outbox').columns(['recipient', 'read_at', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_recipient_idx').execute()
  await db.schema.alterTable('outbox').dropColumn('read_at').execute()
}
