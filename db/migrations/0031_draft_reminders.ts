import { type Kysely, sql } from 'kysely'

/**
 * Reminders to applicants with an unsubmitted draft, 7 days and 1 day before the cycle's deadline: each claimed
 * here (one row per application and kind) in the transaction that queues it, so it goes out once even with two
 * server processes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('draft_reminders')
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('weekBefore', 'dayBefore')`))
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('draft_reminders_pk', ['application_id', 'kind'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('draft_reminders').execute()
}
