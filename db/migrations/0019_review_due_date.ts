import type { Kysely } from 'kysely'

/** The date by which drawn experts are to submit their sheets (a Beijing calendar date), set per cycle. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cycles').addColumn('review_due_date', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cycles').dropColumn('review_due_date').execute()
}
