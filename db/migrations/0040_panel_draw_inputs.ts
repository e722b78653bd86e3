import type { Kysely } from 'kysely'

/**
 * A panel or team draw's record holds every input the draw used, as a document-review draw's does since 0038
 * (issue 17): the cap, the applicant's industry and how many seats were drawn; the candidates (JSON) now carry
 * their industries and loads. A record made before this has nulls and is not replayable from itself alone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('panel_draws').addColumn('load_cap', 'integer').execute()
  await db.schema.alterTable('panel_draws').addColumn('industry', 'text').execute()
  await db.schema.alterTable('panel_draws').addColumn('needed', 'integer').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('panel_draws').dropColumn('needed').execute()
  await db.schema.alterTable('panel_draws').dropColumn('industry').execute()
  await db.schema.alterTable('panel_draws').dropColumn('load_cap').execute()
}
