import type { Kysely } from 'kysely'

/**
 * Panel and team members declare, as document reviewers do, before they see anything of the applicant (issue 17):
 * when they declared, and, for a conflict, when they left the panel and why. A member who left keeps the row (the
 * record), no longer sits on the panel, and the conflict follows them to every later draw for that applicant.
 * Seats drawn before this migration count as declared (their sheets may already be written).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('panel_members').addColumn('declared_at', 'text').execute()
  await db.schema.alterTable('panel_members').addColumn('recused_at', 'text').execute()
  await db.schema.alterTable('panel_members').addColumn('recusal_reason', 'text').execute()
  await db.updateTable('panel_members').set({ declared_at: '1970-01-01T00:00:00.000Z' }).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('panel_members').dropColumn('recusal_reason').execute()
  await db.schema.alterTable('panel_members').dropColumn('recused_at').execute()
  await db.schema.alterTable('panel_members').dropColumn('declared_at').execute()
}
