import type SQLite from 'better-sqlite3'
import { CompiledQuery, type DatabaseConnection, type QueryResult, SqliteDialect, SqliteDriver } from 'kysely'
import { errorCode } from './error-code'
import { StorageUnavailable } from './storage-unavailable'

/**
 * Kysely's SQLite dialect with three changes a server with several writers needs (and its statements kept
 * prepared, see withStatementCache):
 *
 * 1. Write transactions start as BEGIN IMMEDIATE. A deferred transaction reads first and upgrades to a write
 *    lock later, and SQLite does not wait on that upgrade: another process holding the lock made draft saves
 *    fail at once with "database is locked". IMMEDIATE takes the lock first, where SQLite does wait.
 * 2. Waiting for the lock does not block the process. SQLite's own busy timeout sleeps inside the call, which
 *    stops every other request (health checks included) for as long as it waits. Here SQLite waits only a few
 *    milliseconds per try; between tries the event loop runs, up to a bound, after which the request gets a
 *    503 "busy, try again in a moment" and nothing is written.
 * 3. A full disk (SQLITE_FULL) is logged with its cause, remembered for /healthz, and answered as a 503
 *    "storage full, nothing was saved" instead of a generic 500.
 */

export interface LockWaitOptions {
  /** How long one request may wait for another writer's lock before it is told to try again. */
  maxWaitMs: number
  /** How long SQLite itself blocks per try (its busy_timeout); kept short so the process stays responsive. */
  busyTimeoutMs: number
}

export const defaultLockWait: LockWaitOptions = { maxWaitMs: 2000, busyTimeoutMs: 25 }

/** Where the storage stands, for /healthz: since when writes fail for lack of space, if they do. */
export const storageState: { fullSince: string | null; lastError: string | null } = { fullSince: null, lastError: null }

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

class GuardedConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly sqlite: SQLite.Database,
    private readonly wait: LockWaitOptions,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const started = Date.now()
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.inner.executeQuery<R>(query)
        // A write that went through (outside a transaction; inside one, its commit) means there is room again.
        if (storageState.fullSince && !this.sqlite.inTransaction && (result.numAffectedRows ?? 0n) > 0n)
          storageState.fullSince = null
        return result
      } catch (error) {
        const code = errorCode(error)
        if (code === 'SQLITE_FULL') {
          storageState.fullSince ??= new Date().toISOString()
          storageState.lastError = String(error)
          console.error(`SQLITE_FULL: the disk holding the database is full; nothing was written (${String(error)})`)
          throw new StorageUnavailable('full', String(error))
        }
        if (!code.startsWith('SQLITE_BUSY')) throw error
        // Inside a transaction a retry would repeat only part of it: give up at once (nothing is committed).
        // Outside one (a single statement, or BEGIN IMMEDIATE itself) waiting and retrying is safe.
        if (this.sqlite.inTransaction || Date.now() - started >= this.wait.maxWaitMs)
          throw new StorageUnavailable('busy', String(error))
        await sleep(Math.min(5 * 2 ** attempt, 100))
      }
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize)
  }
}

/** How many distinct statements stay prepared; lists of ids (`in (?, ?, …)`) make a few more than the code has. */
const statementCacheSize = 500

/**
 * The connection with its statements kept prepared: Kysely prepares every query anew, and preparing was 4 % of a
 * page's time, the same few dozen statements over and over. A statement is used synchronously (all or run) and
 * never streamed here, so one prepared statement serves every request that runs its SQL. Least recently used
 * statements go first when the cache is full.
 */
export function withStatementCache(sqlite: SQLite.Database, size = statementCacheSize): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>()
  const prepare = (source: string): SQLite.Statement => {
    const hit = cache.get(source)
    if (hit) {
      cache.delete(source)
      cache.set(source, hit)
      return hit
    }
    const statement = sqlite.prepare(source)
    cache.set(source, statement)
    if (cache.size > size) cache.delete(cache.keys().next().value!)
    return statement
  }
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

class GuardedSqliteDriver extends SqliteDriver {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly wait: LockWaitOptions,
  ) {
    super({ database: withStatementCache(sqlite) })
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    return new GuardedConnection(await super.acquireConnection(), this.sqlite, this.wait)
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await super.commitTransaction(connection)
    storageState.fullSince = null
  }

  /** SQLite may already have rolled back (on SQLITE_FULL, say); then there is nothing left to roll back. */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.sqlite.inTransaction) await super.rollbackTransaction(connection)
  }
}

export class GuardedSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly wait: LockWaitOptions = defaultLockWait,
  ) {
    super({ database: sqlite })
  }

  override createDriver() {
    return new GuardedSqliteDriver(this.sqlite, this.wait)
  }
}
