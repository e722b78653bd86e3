import { type Kysely, sql } from 'kysely'

/**
 * 社会评价 (issue 22): before the committee, each candidate's record is checked with other government departments
 * (credit, environment, work safety, tax, labour and social security, market supervision). One answer per
 * candidate and department: no adverse record, or an adverse record with a note, and the reference of the
 * department's letter; who entered it and when.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('social_answers')
    .addColumn('application_id', 'integer', (col) => col.notNull().references('applications.id'))
    .addColumn('department', 'text', (col) => col.notNull())
    .addColumn('answer', 'text', (col) => col.notNull().check(sql`answer in ('clear', 'adverse')`))
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('letter_ref', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('recorded_by', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('social_answers_pk', ['application_id', 'department'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('social_answers').execute()
}
