import { type Kysely, sql } from 'kysely'
import { integerType } from './portable'

/**
 * Counters of rate-limiter-flexible's SQLite store (logins, registrations, objections per client address and
 * per account), in the shape that library reads and writes. They replace the per-e-mail login lock, which let
 * a stranger lock the real owner out for 15 minutes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const integer = sql.raw(integerType(db).toUpperCase())
  await sql`CREATE TABLE rate_limits (key TEXT PRIMARY KEY, points ${integer} NOT NULL DEFAULT 0, expire ${integer})`.execute(
    db,
  )
  await sql`CREATE INDEX rate_limits_expire_idx ON rate_limits (expire)`.execute(db)
  await db.schema.dropTable('login_failures').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute()
}
