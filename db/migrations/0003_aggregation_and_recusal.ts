import { type Kysely, sql } from 'kysely'

// How a cycle turns reviewers' totals into one score, and the reviewers' declarations of conflict (回避).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('cycles')
    .addColumn('aggregation', 'text', (c) =>
      c
        .notNull()
        .defaultTo('mean')
        .check(sql`aggregation in ('mean', 'median', 'trimmedMean')`),
    )
    .execute()
  await db.schema.alterTable('assignments').addColumn('recused_at', 'text').execute()
  await db.schema.alterTable('assignments').addColumn('recusal_reason', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assignments').dropColumn('recusal_reason').execute()
  await db.schema.alterTable('assignments').dropColumn('recused_at').execute()
  await db.schema.alterTable('cycles').dropColumn('aggregation').execute()
}
