import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect } from 'kysely'
import { migrationProvider } from './migrations/index'
import type { Database } from './schema'

export type DB = Kysely<Database>

export const defaultDatabasePath = 'data/award.sqlite'

/** Opens a SQLite file with the pragmas every connection must have (asserted in a test). */
export function openDatabase(file: string): DB {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  // FULL: a decision the secretariat recorded must survive a power cut, not just a crash.
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider })
  const { error, results } = await migrator.migrateToLatest()
  for (const result of results ?? []) {
    if (result.status === 'Error') throw new Error(`migration ${result.migrationName} failed`)
  }
  if (error) throw error
}

let instance: DB | undefined

/** The one connection of the server process. The path comes from DATABASE_PATH (tests point it at a copy). */
export function getDb(): DB {
  instance ??= openDatabase(process.env.DATABASE_PATH ?? defaultDatabasePath)
  return instance
}

export async function closeDb(): Promise<void> {
  await instance?.destroy()
  instance = undefined
}
