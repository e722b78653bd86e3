import { type Kysely, PostgresAdapter, type RawBuilder, sql, type Transaction } from 'kysely'

/**
 * The few expressions the repositories need whose spelling differs between SQLite and PostgreSQL (decision record
 * 0028). Everything else the repositories write is SQL both accept; a test runs every repository on both.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyExecutor = Kysely<any> | Transaction<any>

export function isPostgres(db: AnyExecutor): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/** An integer field of a JSON text column, e.g. the application a message is about. */
export function jsonInteger(db: AnyExecutor, column: string, key: string): RawBuilder<number | null> {
  if (!/^[a-zA-Z]+$/.test(key)) throw new Error(`jsonInteger: not a plain key: ${key}`)
  return isPostgres(db)
    ? sql<number | null>`(${sql.ref(column)}::json ->> ${sql.lit(key)})::bigint`
    : sql<number | null>`json_extract(${sql.ref(column)}, ${sql.lit(`$.${key}`)})`
}

/** A JSON text column without one of its keys (a one-time token removed once the message is sent). */
export function jsonWithout(db: AnyExecutor, column: string, key: string): RawBuilder<string> {
  if (!/^[a-zA-Z]+$/.test(key)) throw new Error(`jsonWithout: not a plain key: ${key}`)
  return isPostgres(db)
    ? sql<string>`(${sql.ref(column)}::jsonb - ${sql.lit(key)})::text`
    : sql<string>`json_remove(${sql.ref(column)}, ${sql.lit(`$.${key}`)})`
}
