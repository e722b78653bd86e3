import type { Kysely } from 'kysely'

/** 批准: the city's approval of a cycle's results, after the public notice and before publication. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cycles').addColumn('approval_document', 'text').execute()
  await db.schema.alterTable('cycles').addColumn('approved_on', 'text').execute()
  // A cycle published before this stage existed: its applications' results went out on publication.
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cycles').dropColumn('approved_on').execute()
  await db.schema.alterTable('cycles').dropColumn('approval_document').execute()
}
