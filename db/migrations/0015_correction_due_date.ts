import type { Kysely } from 'kysely'

/** A return for correction (补正) says by when: a Beijing calendar date, shown to the applicant and on the desk. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('correction_due_date', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('applications').dropColumn('correction_due_date').execute()
}
