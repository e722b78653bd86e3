import type { Kysely } from 'kysely'

/**
 * A consensus round names the reviewers who agreed to it, and one recorded where the reviewers' totals did not
 * spread beyond the cycle's threshold carries the reason it was recorded anyway (it is flagged in the ranking).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('consensus_rounds').addColumn('outside_threshold_reason', 'text').execute()
  await db.schema
    .createTable('consensus_agreements')
    .addColumn('application_id', 'integer', (c) => c.notNull().references('consensus_rounds.application_id'))
    .addColumn('reviewer_id', 'integer', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('consensus_agreements_pk', ['application_id', 'reviewer_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consensus_agreements').execute()
  await db.schema.alterTable('consensus_rounds').dropColumn('outside_threshold_reason').execute()
}
