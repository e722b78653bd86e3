import { type Kysely, sql } from 'kysely'

// 信用核查: the secretariat's record of an applicant's credit check (信用中国 / 信用深圳), queried or entered.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('credit_checks')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    .addColumn('checked_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('service', 'manual')`))
    .addColumn('dishonest', 'integer', (c) => c.notNull().check(sql`dishonest in (0, 1)`))
    .addColumn('summary', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('credit_checks_application_idx').on('credit_checks').column('application_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('credit_checks').execute()
}
