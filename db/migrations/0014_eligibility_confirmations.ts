import { type Kysely, sql } from 'kysely'

/**
 * 资格审核 as a checklist: the secretariat confirms each eligibility condition against the applicant's
 * declaration and evidence, met or not met, with a note (required where not met). One row per condition; a
 * confirmation changed later is recorded in the application's history.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('eligibility_confirmations')
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    .addColumn('condition_key', 'text', (c) => c.notNull())
    .addColumn('met', 'integer', (c) => c.notNull().check(sql`met in (0, 1)`))
    .addColumn('note', 'text')
    .addColumn('confirmed_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('eligibility_confirmations_pk', ['application_id', 'condition_key'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('eligibility_confirmations').execute()
}
