import { type Kysely, sql } from 'kysely'

/**
 * The lowest rating (1 to 5) of the secretariat's rating in an expert's last rated cycle that a cycle's draws accept;
 * null accepts every expert, rated or not (issue 23). Below it, an expert is left out of the draw, named on its
 * record with the reason.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('cycles')
    .addColumn('draw_min_rating', 'integer', (col) => col.check(sql`draw_min_rating between 1 and 5`))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cycles').dropColumn('draw_min_rating').execute()
}
