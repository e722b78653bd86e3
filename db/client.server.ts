import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import type pg from 'pg'
import { Kysely, type KyselyConfig, Migrator, sql, type TransactionBuilder } from 'kysely'
import { migrationProvider } from './migrations/index'
import { createPool, GuardedPostgresDialect, retryingConflicts } from './postgres-dialect'
import type { Database } from './schema'
import { currentRehearsal } from './scope'
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

/**
 * The PostgreSQL database this process uses, when DATABASE_URL names one (postgres:// or postgresql://); the
 * SQLite file otherwise. Read on each call, as databasePath() is.
 */
export function databaseUrl(): string | undefined {
  const url = process.env.DATABASE_URL
  return url && /^postgres(ql)?:\/\//.test(url) ? url : undefined
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

/**
 * Kysely with one difference on PostgreSQL: a transaction that loses a serialisation conflict runs again from the
 * start, up to a bound, then answers "busy" (decision record 0028). Every workflow's transaction is a function
 * of what it reads inside it, so running it again is safe; on SQLite, where writers wait for one another
 * instead, transactions run once as before.
 */
export class AwardKysely extends Kysely<Database> {
  #retries = false
  /** Which server and database, for messages (never the password). */
  description = ''

  static postgres(config: KyselyConfig, description: string): AwardKysely {
    const db = new AwardKysely(config)
    db.#retries = true
    db.description = description
    return db
  }

  override transaction(): TransactionBuilder<Database> {
    const builder = super.transaction()
    if (!this.#retries) return builder
    const again = () => super.transaction()
    return new Proxy(builder, {
      get(target, property) {
        if (property === 'execute')
          return <T>(callback: Parameters<TransactionBuilder<Database>['execute']>[0]): Promise<T> =>
            retryingConflicts(() => again().execute(callback) as Promise<T>)
        const value: unknown = Reflect.get(target, property, target)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
  }
}

/** Connections one process keeps to PostgreSQL (DATABASE_POOL_SIZE, default 10). */
function poolSize(): number {
  const configured = Number(process.env.DATABASE_POOL_SIZE)
  return Number.isInteger(configured) && configured > 0 ? configured : 10
}

/** Opens the PostgreSQL database a URL names (in one schema, given one); connections are made on first use. */
export function openPostgres(url: string, options: { schema?: string; poolSize?: number } = {}): DB {
  const pool = createPool({ connectionString: url, poolSize: options.poolSize ?? poolSize(), schema: options.schema })
  return AwardKysely.postgres({ dialect: new GuardedPostgresDialect(pool) }, describePostgres(url))
}

// Migrations are written against Kysely<any>: they must not depend on today's schema types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>, options: { schema?: string } = {}): Promise<void> {
  // A rehearsal's schema keeps its own record of migrations: Kysely would otherwise find the award's table in another
  // schema and take the new schema for migrated (decision record 0035).
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema: options.schema })
  const { error, results } = await migrator.migrateToLatest()
  for (const result of results ?? []) {
    if (result.status === 'Error')
      throw new Error(`migration ${result.migrationName} failed: ${String(error)}`, { cause: error })
  }
  if (error) throw error
}

let instance: DB | undefined

/**
 * The database of this request: inside a rehearsal its copy (db/scope.ts), otherwise the award's own, the one
 * connection of the server process. The path comes from DATABASE_PATH (tests point it at a copy).
 */
export function getDb(): DB {
  return currentRehearsal()?.db ?? getAwardDb()
}

/** The award's own database whatever the request: sessions, sign-in, and the register of rehearsals. */
export function getAwardDb(): DB {
  if (!instance) {
    const url = databaseUrl()
    instance = url ? openPostgres(url) : openDatabase(databasePath())
  }
  return instance
}

/**
 * Connections beside the main one, each for one purpose, opened on first use for the current DATABASE_PATH
 * (tests switch files) and closed with the main one.
 */
const sideConnections = new Map<string, { file: string; sqlite: SQLite.Database }>()

function sideConnection(purpose: 'health' | 'rateLimits' | 'version', options: SQLite.Options): SQLite.Database {
  const file = databasePath()
  const open = sideConnections.get(purpose)
  if (open?.file === file) return open.sqlite
  open?.sqlite.close()
  const sqlite = new SQLite(file, options)
  sideConnections.set(purpose, { file, sqlite })
  return sqlite
}

/** What else holds connections (a rehearsal's copies) registers here, to be closed with the main one. */
const closers = new Set<() => Promise<void>>()
export function closeWithDb(close: () => Promise<void>): void {
  closers.add(close)
}

export async function closeDb(): Promise<void> {
  for (const close of closers) await close()
  await instance?.destroy()
  instance = undefined
  await sidePoolOpen?.pool.end()
  sidePoolOpen = undefined
  for (const { sqlite } of sideConnections.values()) sqlite.close()
  sideConnections.clear()
}

/** Less free space than this on the database's disk is reported as a problem before writes start to fail. */
const minimumFreeBytes = 16 * 1024 * 1024

/**
 * For /healthz: the database's kind and whether it answers, and for SQLite whether its disk has room. SQLite is
 * read through a read-only connection of its own, so a request waiting for another writer's lock never delays it
 * (in WAL mode a reader never waits for a writer); PostgreSQL through the side pool, not the pages' pool.
 */
export async function databaseHealth(): Promise<{ ok: boolean; detail: string }> {
  if (databaseUrl()) {
    try {
      await sidePool().query('select 1')
      return { ok: true, detail: 'ok (postgres)' }
    } catch (error) {
      return {
        ok: false,
        detail: `database unavailable (postgres): ${error instanceof Error ? error.message : String(error)}`,
      }
    }
  }
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
  return { ok: true, detail: 'ok (sqlite)' }
}

/**
 * A value that changes whenever anything may have been written to the database since it was last read: the page
 * cache (app/page-cache.mjs) serves a kept page only while it stays the same. On SQLite, `PRAGMA data_version`
 * read on a connection of its own moves with every commit of any other connection: the pages' own, the rate
 * limits', and other processes' (a restore, the outbox command). On PostgreSQL it is the server's snapshot
 * (`pg_current_snapshot()`: the last transaction finished and those still running), which moves when any
 * transaction that wrote ends, in any process: a page kept by one process is not served after another process's
 * write (the local count of writes it replaces left that to the cache's time to live).
 */
export async function dataVersion(): Promise<string> {
  const url = databaseUrl()
  if (url) {
    try {
      const { rows } = await sql<{ snapshot: string }>`select pg_current_snapshot()::text as snapshot`.execute(
        getAwardDb(),
      )
      return `p${rows[0]!.snapshot}`
    } catch {
      return `x${Math.random()}`
    }
  }
  try {
    const connection = sideConnection('version', { readonly: true, fileMustExist: true, timeout: 100 })
    return `s${String(connection.pragma('data_version', { simple: true }))}`
  } catch {
    // Unreadable now: a value never seen before, so nothing cached is served and nothing new is kept for long.
    sideConnections.get('version')?.sqlite.close()
    sideConnections.delete('version')
    return `x${Math.random()}`
  }
}

/** Where the data is, for the start report and the logs: the SQLite file, or the server and database (no password). */
export function databaseDescription(): string {
  const url = databaseUrl()
  return url ? describePostgres(url) : path.resolve(databasePath())
}

function describePostgres(url: string): string {
  const parsed = new URL(url)
  return `PostgreSQL ${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`
}

/**
 * A connection of its own for rate-limiter-flexible's SQLite store: the library runs its statements directly on
 * better-sqlite3, and on the main connection they would join whatever Kysely transaction happened to be open.
 */
export function rateLimitDatabase(): SQLite.Database {
  return sideConnection('rateLimits', { timeout: defaultLockWait.busyTimeoutMs })
}

let sidePoolOpen: { url: string; pool: pg.Pool } | undefined

/**
 * A small pool beside the pages' one, for rate-limiter-flexible's PostgreSQL store (which runs its statements
 * directly on `pg`) and for /healthz: neither waits behind the pages' connections nor joins their transactions.
 */
export function sidePool(): pg.Pool {
  const url = databaseUrl()
  if (!url) throw new Error('sidePool: DATABASE_URL names no PostgreSQL database')
  if (sidePoolOpen?.url !== url) {
    void sidePoolOpen?.pool.end()
    sidePoolOpen = { url, pool: createPool({ connectionString: url, poolSize: 2, serializable: false }) }
  }
  return sidePoolOpen.pool
}
