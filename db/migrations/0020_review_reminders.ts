import { sql, type Kysely } from 'kysely'

/**
 * Automatic reminders before the review due date: how many days before (per cycle), and one row per assignment
 * reminded, claimed before the e-mail is queued, so that no reminder goes out twice, even with two server
 * processes running the scheduler on the same file.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('cycles')
    .addColumn('reminder_days_before', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(3)
        .check(sql`reminder_days_before >= 0`),
    )
    .execute()
  await db.schema
    .createTable('review_reminders')
    .addColumn('assignment_id', 'integer', (c) => c.notNull().references('assignments.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('beforeDue')`))
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_reminders_pk', ['assignment_id', 'kind'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('review_reminders').execute()
  await db.schema.alterTable('cycles').dropColumn('reminder_days_before').execute()
}
