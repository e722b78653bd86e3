import type { Kysely } from 'kysely'

/**
 * A registration waits here until its owner follows the link mailed to the address given: only then are the
 * organisation and its account created. The registration form answers the same whether or not the address or the
 * credit code is taken (the owner is told by e-mail instead), so it no longer tells strangers who is registered.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pending_registrations')
    // SHA-256 of the token: the link itself is only ever in the e-mail.
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('organisation_name', 'text', (col) => col.notNull())
    .addColumn('uscc', 'text', (col) => col.notNull())
    .addColumn('uscc_explanation', 'text')
    .addColumn('contact_person', 'text', (col) => col.notNull())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('phone', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema
    .createIndex('pending_registrations_by_email')
    .on('pending_registrations')
    .columns(['email', 'used_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pending_registrations').execute()
}
