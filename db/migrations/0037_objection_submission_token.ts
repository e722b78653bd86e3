import type { Kysely } from 'kysely'

/**
 * An objection's submission token: the public form carries a fresh one each time it is shown, so that the same
 * form sent twice (a double click, a retry after a slow answer) files one objection, not two.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('objections').addColumn('submission_token', 'text').execute()
  await db.schema
    .createIndex('objections_by_submission_token')
    .on('objections')
    .column('submission_token')
    .unique()
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('objections_by_submission_token').execute()
  await db.schema.alterTable('objections').dropColumn('submission_token').execute()
}
