import type { Kysely } from 'kysely'

/**
 * Two-factor sign-in (issue 24): an authenticator app's secret per account (TOTP, RFC 6238), the last time step
 * used (a code is good once), one-time recovery codes (hashed), the second step of a login in progress, and each
 * account's security record (second factor turned on or off, recovery codes made or used).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute()
  await db.schema.alterTable('users').addColumn('totp_pending_secret', 'text').execute()
  await db.schema.alterTable('users').addColumn('totp_enabled_at', 'text').execute()
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute()
  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('code_hash', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema
    .createIndex('recovery_codes_user_idx')
    .on('recovery_codes')
    .columns(['user_id', 'code_hash'])
    .execute()
  await db.schema
    .createTable('login_challenges')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createTable('account_events')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('event', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('account_events_user_idx').on('account_events').columns(['user_id', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_events').execute()
  await db.schema.dropTable('login_challenges').execute()
  await db.schema.dropTable('recovery_codes').execute()
  for (const column of ['totp_secret', 'totp_pending_secret', 'totp_enabled_at', 'totp_last_step'])
    await db.schema.alterTable('users').dropColumn(column).execute()
}
