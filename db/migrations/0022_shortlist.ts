import type { Kysely } from 'kysely'

/**
 * 入围: after document review, the top applications of each category, up to a number set per cycle, go on;
 * the others leave the process as not shortlisted, their scores kept. Null: the cycle has no shortlist stage.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cycles').addColumn('shortlist_size', 'integer').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cycles').dropColumn('shortlist_size').execute()
}
