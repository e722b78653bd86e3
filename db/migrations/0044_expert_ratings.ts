import { type Kysely, sql } from 'kysely'

/**
 * The secretariat's rating of an expert's work in a cycle (评审员绩效, issue 23): 1 to 5 with a note, one per expert
 * and cycle (rated again, it is replaced; each rating is on the expert's history). The expert sees it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('expert_ratings')
    .addColumn('cycle_id', 'integer', (col) => col.notNull().references('cycles.id'))
    .addColumn('expert_user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('rating', 'integer', (col) => col.notNull().check(sql`rating between 1 and 5`))
    .addColumn('note', 'text', (col) => col.notNull())
    .addColumn('rated_by', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('rated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('expert_ratings_pk', ['cycle_id', 'expert_user_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('expert_ratings').execute()
}
