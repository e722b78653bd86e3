import { type Kysely, sql } from 'kysely'

/**
 * Team accounts (issue 22): an organisation's accounts are its owner and the colleagues the owner invites, each an
 * editor (may edit and submit) or a viewer (reads only); a removed colleague keeps their row (their edits stay
 * attributed) and loses all access. Accounts already there are their organisation's owners. Each save of a draft
 * step is recorded with who made it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('member_role', 'text', (col) => col.check(sql`member_role in ('owner', 'editor', 'viewer', 'removed')`))
    .execute()
  await sql`update users set member_role = 'owner' where role = 'applicant'`.execute(db)
  await db.schema
    .createTable('draft_edits')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('application_id', 'integer', (col) => col.notNull().references('applications.id'))
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('step', 'text', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('draft_edits_app_idx').on('draft_edits').columns(['application_id', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('draft_edits').execute()
  await db.schema.alterTable('users').dropColumn('member_role').execute()
}
