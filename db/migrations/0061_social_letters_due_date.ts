import type { Kysely } from 'kysely'

/**
 * 社会评价, finished (issue 22): the department's letter kept as a file with its answer (in the content-addressed
 * store, like all evidence; answers entered before have none), the stage's due date as a cycle setting, and the
 * reminders of answers still outstanding, each claimed once per cycle and kind so that no process sends one twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cycles').addColumn('social_due_date', 'text').execute()
  await db.schema.alterTable('social_answers').addColumn('letter_sha256', 'text').execute()
  await db.schema.alterTable('social_answers').addColumn('letter_filename', 'text').execute()
  await db.schema.alterTable('social_answers').addColumn('letter_content_type', 'text').execute()
  await db.schema.alterTable('social_answers').addColumn('letter_size', 'integer').execute()
  await db.schema
    .createTable('social_reminders')
    .addColumn('cycle_id', 'integer', (col) => col.notNull().references('cycles.id'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('claimed_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('social_reminders_pk', ['cycle_id', 'kind'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('social_reminders').execute()
  for (const column of ['letter_size', 'letter_content_type', 'letter_filename', 'letter_sha256'])
    await db.schema.alterTable('social_answers').dropColumn(column).execute()
  await db.schema.alterTable('cycles').dropColumn('social_due_date').execute()
}
