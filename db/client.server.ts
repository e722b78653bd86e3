import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, Migrator } from 'kysely'
import { migrationProvider } from './migrations/index'
import type { Database } from './schema'
import { defaultLockWait, GuardedSqliteDialect, type LockWaitOptions, storageState } from './sqlite-dialect'

export type DB = Kysely<Database>

export const defaultDatabasePath = 'data/award.sqlite'

/**
 * The database file this process uses: DATABASE_PATH, or the default. Read on each call (tests switch files); a
 * variable set but empty counts as unset, as the configuration check at start (app/utils/env.server.ts) reads it.
 */
export function databasePath(): string {
  return process.env.DATABASE_PATH || defaultDatabasePath
}

/** The database cannot be used as this application needs it: the server refuses to start (db/setup.ts). */
export class DatabaseStartError extends Error {
  override name = 'DatabaseStartError'
}

function lockWait(): LockWaitOptions {
  const configured = Number(process.env.DATABASE_BUSY_WAIT_MS)
  return {
    ...defaultLockWait,
    maxWaitMs: Number.isFinite(configured) && configured >= 0 ? configured : defaultLockWait.maxWaitMs,
  }
}

/**
 * Sets the pragmas every connection must have and reads them back: a file on a filesystem without WAL
 * support, say, silently stays in another journal mode, and the server must not run like that.
 */
function applyPragmas(sqlite: SQLite.Database, file: string, wait: LockWaitOptions): void {
  sqlite.pragma('journal_mode = WAL')
  // FULL: a decision the secretariat recorded must survive a power cut, not just a crash.
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma(`busy_timeout = ${wait.busyTimeoutMs}`)
  const actual = {
    journal_mode: String(sqlite.pragma('journal_mode', { simple: true })),
    synchronous: Number(sqlite.pragma('synchronous', { simple: true })),
    foreign_keys: Number(sqlite.pragma('foreign_keys', { simple: true })),
    busy_timeout: Number(sqlite.pragma('busy_timeout', { simple: true })),
  }
  const expected = {
    journal_mode: file === ':memory:' ? 'memory' : 'wal',
    synchronous: 2,
    foreign_keys: 1,
    busy_timeout: wait.busyTimeoutMs,
  }
  const wrong = (Object.keys(expected) as Array<keyof typeof expected>).filter((key) => actual[key] !== expected[key])
  if (wrong.length > 0) {
    throw new DatabaseStartError(
      `${file}: ${wrong.map((key) => `${key} is ${actual[key]}, must be ${expected[key]}`).join('; ')}`,
    )
  }
}

/** Opens a SQLite file with the pragmas every connection must have, or says plainly why it cannot. */
export function openDatabase(file: string): DB {
  const wait = lockWait()
  let sqlite: SQLite.Database
  try {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
    sqlite = new SQLite(file, { timeout: wait.busyTimeoutMs })
    // Opening is lazy: read the schema now, so a file that is not a database fails here, not on a request.
    sqlite.prepare('select count(*) from sqlite_master').get()
  } catch (error) {
    throw new DatabaseStartError(
      `cannot open the database ${path.resolve(file)}: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  try {
    applyPragmas(sqlite, file, wait)
  } catch (error) {
    sqlite.close()
    throw error instanceof DatabaseStartError ? error : new DatabaseStartError(`${file}: ${String(error)}`)
  }
  return new Kysely<Database>({ dialect: new GuardedSqliteDialect(sqlite, wait) })
}

// Migrations are written against Kysely<any>: they must not depend on today's schema types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
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
  instance ??= openDatabase(databasePath())
  return instance
}

/**
 * Connections beside the main one, each for one purpose, opened on first use for the current DATABASE_PATH
 * (tests switch files) and closed with the main one.
 */
const sideConnections = new Map<string, { file: string; sqlite: SQLite.Database }>()

function sideConnection(purpose: 'health' | 'rateLimits', options: SQLite.Options): SQLite.Database {
  const file = databasePath()
  const open = sideConnections.get(purpose)
  if (open?.file === file) return open.sqlite
  open?.sqlite.close()
  const sqlite = new SQLite(file, options)
  sideConnections.set(purpose, { file, sqlite })
  return sqlite
}

export async function closeDb(): Promise<void> {
  await instance?.destroy()
  instance = undefined
  for (const { sqlite } of sideConnections.values()) sqlite.close()
  sideConnections.clear()
}

/** Less free space than this on the database's disk is reported as a problem before writes start to fail. */
const minimumFreeBytes = 16 * 1024 * 1024

/**
 * For /healthz. Reads through a read-only connection of its own, so a request waiting for another writer's
 * lock never delays it (in WAL mode a reader never waits for a writer), and reports a full disk.
 */
export function databaseHealth(): { ok: boolean; detail: string } {
  const file = databasePath()
  try {
    sideConnection('health', { readonly: true, fileMustExist: true, timeout: 100 })
      .prepare('select count(*) from sqlite_master')
      .get()
  } catch (error) {
    sideConnections.get('health')?.sqlite.close()
    sideConnections.delete('health')
    return { ok: false, detail: `database unavailable: ${error instanceof Error ? error.message : String(error)}` }
  }
  if (storageState.fullSince)
    return { ok: false, detail: `storage full since ${storageState.fullSince}: ${storageState.lastError ?? ''}` }
  const disk = fs.statfsSync(path.dirname(path.resolve(file)))
  const free = disk.bavail * disk.bsize
  if (free < minimumFreeBytes) return { ok: false, detail: `storage almost full: ${free} bytes free` }
  return { ok: true, detail: 'ok' }
}

/**
 * A connection of its own for rate-limiter-flexible's SQLite store: the library runs its statements directly on
 * better-sqlite3, and on the main connection they would join whatever Kysely transaction happened to be open.
 */
export function rateLimitDatabase(): SQLite.Database {
  return sideConnection('rateLimits', { timeout: defaultLockWait.busyTimeoutMs })
}
