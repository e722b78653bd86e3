import type { Kysely } from 'kysely'

/**
 * Days an expert has said they cannot attend (issue 24): panel and team draws for a defence or site visit on such a
 * day leave them out, named on the draw's record with the reason. Beijing dates (YYYY-MM-DD).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('expert_unavailable_days')
    .addColumn('expert_user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('day', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('expert_unavailable_days_pk', ['expert_user_id', 'day'])
    .execute()
  await db.schema.createIndex('expert_unavailable_days_day_idx').on('expert_unavailable_days').column('day').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('expert_unavailable_days').execute()
}
