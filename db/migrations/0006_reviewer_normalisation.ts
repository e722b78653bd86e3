import { type Kysely, sql } from 'kysely'

// Whether a cycle normalises each reviewer's totals (z-scores) before combining them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('cycles')
    .addColumn('normalise_reviewers', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`normalise_reviewers in (0, 1)`),
    )
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cycles').dropColumn('normalise_reviewers').execute()
}
