import type { Kysely } from 'kysely'

/**
 * The secretariat's weekly digest, claimed once per week (the Monday it is for, a Beijing date) in the
 * transaction that queues it, so two server processes never send it twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('digests')
    .addColumn('week_of', 'text', (c) => c.primaryKey())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('digests').execute()
}
