import { type Kysely, sql } from 'kysely'

// 公示 and 异议: decisions are shown to the public for a number of working days before publication, and anyone
// may file a written, named objection with evidence during that time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('cycles')
    .addColumn('notice_working_days', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(5)
        .check(sql`notice_working_days >= 0`),
    )
    .execute()
  await db.schema.alterTable('applications').addColumn('notice_ends_at', 'text').execute()
  await db.schema
    .createTable('objections')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    .addColumn('objector_name', 'text', (c) => c.notNull())
    .addColumn('objector_organisation', 'text')
    .addColumn('objector_phone', 'text', (c) => c.notNull())
    .addColumn('objector_email', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'upheld', 'dismissed')`))
    .addColumn('resolution', 'text')
    .addColumn('resolved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('resolved_at', 'text')
    .execute()
  await db.schema.createIndex('objections_application_idx').on('objections').column('application_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('objections').execute()
  await db.schema.alterTable('applications').dropColumn('notice_ends_at').execute()
  await db.schema.alterTable('cycles').dropColumn('notice_working_days').execute()
}
