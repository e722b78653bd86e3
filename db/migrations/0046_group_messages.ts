import type { Kysely } from 'kysely'

/**
 * The secretariat's messages to a group (issue 24): all applicants of a cycle, of a category or of a status, all
 * experts of the cycle, an application's defence panel or site-visit team. Each row is what was written and to whom;
 * every recipient's copy (placeholders filled) is an outbox row, sent by e-mail and shown in their inbox.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('group_messages')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('cycle_id', 'integer', (col) => col.notNull().references('cycles.id'))
    .addColumn('audience', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('recipients', 'integer', (col) => col.notNull())
    .addColumn('sent_by', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('sent_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('group_messages_cycle_idx').on('group_messages').columns(['cycle_id', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('group_messages').execute()
}
