import type { Kysely } from 'kysely'

/**
 * A draw's record holds every input the draw used (issue 17): beside the candidates (now with their industries and
 * loads at the draw) and the exclusions, each application's industry and how many experts it still needed. A draw
 * recorded before this has neither (null) and is not replayable from its record alone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('draw_entries').addColumn('industry', 'text').execute()
  await db.schema.alterTable('draw_entries').addColumn('needed', 'integer').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('draw_entries').dropColumn('needed').execute()
  await db.schema.alterTable('draw_entries').dropColumn('industry').execute()
}
