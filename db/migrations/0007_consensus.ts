import { type Kysely, sql } from 'kysely'

// 共识: where reviewers' totals spread too far, the panel agrees a consensus sheet, kept beside the
// independent sheets (never over them).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('cycles')
    .addColumn('consensus_threshold', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(15000)
        .check(sql`consensus_threshold >= 0`),
    )
    .execute()
  await db.schema
    .createTable('consensus_rounds')
    .addColumn('application_id', 'integer', (c) => c.primaryKey().references('applications.id'))
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('consensus_scores')
    .addColumn('application_id', 'integer', (c) => c.notNull().references('consensus_rounds.application_id'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('criteria_items.id'))
    .addColumn('percentage', 'integer', (c) =>
      c.notNull().check(sql`percentage between 0 and 100 and percentage % 5 = 0`),
    )
    .addPrimaryKeyConstraint('consensus_scores_pk', ['application_id', 'item_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consensus_scores').execute()
  await db.schema.dropTable('consensus_rounds').execute()
  await db.schema.alterTable('cycles').dropColumn('consensus_threshold').execute()
}
