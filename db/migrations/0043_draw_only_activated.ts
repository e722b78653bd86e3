import type { Kysely } from 'kysely'

/**
 * Whether a cycle's draws leave out experts who have not activated their account (no password set yet, so they
 * cannot log in to declare or score): 1 leaves them out, each named on the draw's record; 0 (as before) draws them,
 * with the warning shown beside them on the assignment and draw screens (issue 17).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('cycles')
    .addColumn('draw_only_activated', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cycles').dropColumn('draw_only_activated').execute()
}
