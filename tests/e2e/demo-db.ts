import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { inject } from 'vitest'
import { postgresBinDir } from '../../db/postgres-programs'
import { urlsOf } from '../setup/postgres-cluster'

/**
 * The browser tests' way to the demo's data, on whichever database the suite runs (issue 20: the browser suite runs
 * on SQLite and on PostgreSQL). A test reads or sets up what the browser cannot (a token from the outbox, a date
 * moved into the past) with plain SQL written once: `?` placeholders, and nothing either database lacks.
 */
export interface DemoDatabase {
  /** The variables that point a production server, or the workflows in the test's own process, at this data. */
  env: Record<string, string>
  all<T>(sql: string, ...params: unknown[]): Promise<T[]>
  get<T>(sql: string, ...params: unknown[]): Promise<T | undefined>
  /** A statement that changes rows; answers how many. */
  run(sql: string, ...params: unknown[]): Promise<number>
}

/** `?` to PostgreSQL's `$1`, `$2`, … (the tests' SQL holds no question mark of its own). */
const numbered = (sql: string) => {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

export function databaseAt(env: Record<string, string>): DemoDatabase {
  const url = env.DATABASE_URL
  if (url) {
    const query = async (sql: string, params: unknown[]) => {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        return await client.query(numbered(sql), params)
      } finally {
        await client.end()
      }
    }
    return {
      env,
      all: async <T>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows as T[],
      get: async <T>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows[0] as T | undefined,
      run: async (sql: string, ...params: unknown[]) => (await query(sql, params)).rowCount ?? 0,
    }
  }
  const file = env.DATABASE_PATH!
  const withSqlite = <R>(work: (db: Database.Database) => R): R => {
    const db = new Database(file)
    try {
      return work(db)
    } finally {
      db.close()
    }
  }
  return {
    env,
    all: async <T>(sql: string, ...params: unknown[]) => withSqlite((db) => db.prepare(sql).all(...params) as T[]),
    get: async <T>(sql: string, ...params: unknown[]) =>
      withSqlite((db) => db.prepare(sql).get(...params) as T | undefined),
    run: async (sql: string, ...params: unknown[]) => withSqlite((db) => db.prepare(sql).run(...params).changes),
  }
}

/** The demo database the shared production server of the browser suite works on (tests/e2e/server.ts). */
export function sharedDatabase(): DemoDatabase {
  return databaseAt(inject('databaseEnv'))
}

/** Which database the browser suite runs on, for the few checks that differ. */
export const onPostgres = (): boolean => Boolean(inject('databaseEnv').DATABASE_URL)

/**
 * A copy of the shared demo database as it stands now, for a test that moves the demo's state on where the other
 * browser tests must not see it, with a folder of its own for evidence files (empty, as a copy of the SQLite file
 * beside its own folder has always been). SQLite: `VACUUM INTO`, one consistent copy even while the shared server
 * writes. PostgreSQL: `pg_dump` of the shared database restored into a new one (`CREATE DATABASE … TEMPLATE` needs
 * the source without connections, and the shared server keeps its pool open).
 */
export async function copyOfSharedDatabase(prefix: string): Promise<DemoDatabase & { remove: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  const shared = inject('databaseEnv')
  if (!shared.DATABASE_URL) {
    const copy = path.join(dir, 'award.sqlite')
    const source = new Database(shared.DATABASE_PATH!)
    try {
      source.exec(`VACUUM INTO '${copy}'`)
    } finally {
      source.close()
    }
    return {
      ...databaseAt({ DATABASE_PATH: copy }),
      remove: async () => fs.rmSync(dir, { recursive: true, force: true }),
    }
  }
  const bin = postgresBinDir(['pg_dump', 'pg_restore'])
  if (!bin) throw new Error("copying a PostgreSQL database needs Debian's postgresql package (pg_dump, pg_restore)")
  const name = `${prefix.replace(/[^a-z0-9]/gi, '_').toLowerCase()}${path.basename(dir).slice(-6).toLowerCase()}`
  const { adminUrl, urlOf } = urlsOf(shared.DATABASE_URL!)
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl })
    await client.connect()
    try {
      await client.query(statement)
    } finally {
      await client.end()
    }
  }
  await admin(`create database ${name}`)
  const dump = path.join(dir, 'demo.dump')
  execFileSync(path.join(bin, 'pg_dump'), ['--format=custom', '--file', dump, shared.DATABASE_URL!], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  execFileSync(path.join(bin, 'pg_restore'), ['--no-owner', '--dbname', urlOf(name), dump], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const files = path.join(dir, 'attachments')
  fs.mkdirSync(files)
  return {
    ...databaseAt({ DATABASE_URL: urlOf(name), ATTACHMENTS_DIR: files }),
    remove: async () => {
      await admin(`drop database if exists ${name} with (force)`)
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
