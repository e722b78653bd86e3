import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import {
  closeWithDb,
  databasePath,
  databaseUrl,
  type DB,
  migrateToLatest,
  openDatabase,
  openPostgres,
} from './client.server'
import { continueIds } from './migrations/portable'
import { isPostgres } from './sql-dialect'

/**
 * Where a rehearsal's copy of the award lives (decision record 0035): on SQLite a file in `rehearsals/` beside the
 * database, made with VACUUM INTO (a consistent copy while the award keeps running); on PostgreSQL a schema of the
 * same database, so every app process reaches it, filled table by table in one transaction. Either way the copy
 * leaves out what belongs to people and not to the award's data: sessions, password and sign-in tokens, pending
 * registrations, rate-limit counters and the outbox (a rehearsal starts with nothing to send and sends nothing).
 */
const leftOut = ['sessions', 'password_tokens', 'login_challenges', 'pending_registrations', 'rate_limits', 'outbox']
const notCopiedOnPostgres = new Set([...leftOut, 'kysely_migration', 'kysely_migration_lock', 'cycle_generations'])

/** A copy's name: a plain identifier (a PostgreSQL schema, a file name) nobody can choose. */
export function isStorageName(name: string): boolean {
  return /^rehearsal_\d{4}_[0-9a-f]{8}$/.test(name)
}

function folder(): string {
  return path.join(path.dirname(path.resolve(databasePath())), 'rehearsals')
}

function fileOf(storage: string): string {
  if (!isStorageName(storage)) throw new Error(`not a rehearsal's storage: ${storage}`)
  return path.join(folder(), `${storage}.sqlite`)
}

/** Copies the award's database into a new copy of this name. */
export async function copyAward(award: DB, storage: string): Promise<void> {
  if (!isStorageName(storage)) throw new Error(`not a rehearsal's storage: ${storage}`)
  if (isPostgres(award)) return copyIntoSchema(award, storage)
  fs.mkdirSync(folder(), { recursive: true })
  const file = fileOf(storage)
  await sql`vacuum into ${file}`.execute(award)
  const copy = openDatabase(file)
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each table by name
    for (const table of leftOut) await (copy as any).deleteFrom(table).execute()
  } finally {
    await copy.destroy()
  }
}

/** Tables parents first, from PostgreSQL's catalogue of the schema's foreign keys. */
async function tablesInDependencyOrder(copy: DB): Promise<string[]> {
  const tables = (
    await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(copy)
  ).rows.map((row) => row.name)
  const links = (
    await sql<{ child: string; parent: string }>`select child.relname as child, parent.relname as parent
      from pg_constraint c join pg_class child on child.oid = c.conrelid join pg_class parent on parent.oid = c.confrelid
      where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`.execute(copy)
  ).rows
  const ordered: string[] = []
  const visit = (table: string, seen: string[]) => {
    if (ordered.includes(table) || seen.includes(table)) return
    for (const link of links) if (link.child === table && link.parent !== table) visit(link.parent, [...seen, table])
    ordered.push(table)
  }
  for (const table of tables) visit(table, [])
  return ordered
}

async function copyIntoSchema(award: DB, schema: string): Promise<void> {
  const from = (await sql<{ schema: string }>`select current_schema() as schema`.execute(award)).rows[0]?.schema
  if (!from) throw new Error('the award database has no current schema')
  await sql`create schema ${sql.id(schema)}`.execute(award)
  const copy = openRehearsalConnection(schema, 1)
  try {
    await migrateToLatest(copy, { schema })
    const tables = (await tablesInDependencyOrder(copy)).filter((table) => !notCopiedOnPostgres.has(table))
    await copy.transaction().execute(async (trx) => {
      // What the migrations wrote (the GB/T 19580 tree) is replaced by the award's rows, children first.
      for (const table of [...tables].reverse()) await sql`delete from ${sql.id(table)}`.execute(trx)
      for (const table of tables) {
        const names = (
          await sql<{ name: string }>`select column_name as name from information_schema.columns
            where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(trx)
        ).rows.map((row) => row.name)
        const list = sql.join(names.map((name) => sql.id(name)))
        await sql`insert into ${sql.id(table)} (${list}) select ${list} from ${sql.id(from, table)}`.execute(trx)
        if (names.includes('id')) {
          const { rows } = await sql<{
            sequence: string | null
          }>`select pg_get_serial_sequence(${table}, 'id') as sequence`.execute(trx)
          // Only tables whose id is an identity (a session's id is text).
          if (rows[0]?.sequence) await continueIds(trx, table)
        }
      }
    })
  } catch (error) {
    await copy.destroy()
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(award)
    throw error
  }
  await copy.destroy()
}

const open = new Map<string, DB>()
let registered = false

function openRehearsalConnection(storage: string, poolSize: number): DB {
  const url = databaseUrl()
  if (url) return openPostgres(url, { schema: storage, poolSize })
  return openDatabase(fileOf(storage))
}

/**
 * The copy's connection, opened on first use and kept (closed with the award's, or when the copy is removed); null
 * when the copy is not there (the award was restored from a backup, which holds the register but not the copies).
 */
export async function rehearsalDb(award: DB, storage: string): Promise<DB | null> {
  let db = open.get(storage)
  if (!db) {
    if (!(await copyExists(award, storage))) return null
    db = openRehearsalConnection(storage, 4)
    open.set(storage, db)
    if (!registered) {
      registered = true
      closeWithDb(async () => {
        for (const each of open.values()) await each.destroy()
        open.clear()
      })
    }
  }
  return db
}

async function copyExists(award: DB, storage: string): Promise<boolean> {
  if (!isPostgres(award)) return fs.existsSync(fileOf(storage))
  const { rows } = await sql`select 1 from information_schema.schemata where schema_name = ${storage}`.execute(award)
  return rows.length > 0
}

/** Removes a copy: its connection closed, its file or schema gone. */
export async function removeCopy(award: DB, storage: string): Promise<void> {
  const db = open.get(storage)
  open.delete(storage)
  await db?.destroy()
  if (isPostgres(award)) {
    if (!isStorageName(storage)) throw new Error(`not a rehearsal's storage: ${storage}`)
    await sql`drop schema if exists ${sql.id(storage)} cascade`.execute(award)
    return
  }
  const file = fileOf(storage)
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true })
}
