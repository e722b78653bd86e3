import type { Kysely } from 'kysely'

/** Each application's thread between the secretariat and the applicant (issue 24): who wrote what, when. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application_messages')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('application_id', 'integer', (col) => col.notNull().references('applications.id'))
    .addColumn('author_user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('application_messages_application_idx')
    .on('application_messages')
    .columns(['application_id', 'id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('application_messages').execute()
}
